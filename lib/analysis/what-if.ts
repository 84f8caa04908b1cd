/**
 * What-if questions ("can this function/role do A on R?") for the `can` command, the API and the details panel.
 * It resolves the principal and asks lib/analysis/role-access.ts, the same evaluation the findings use.
 */
import { z } from "zod";
import type { Decision, StatementMatch } from "@/lib/policy/types";
import { roleOfQualified, type AccountModel, type RoleModel, type FunctionModel } from "./account-model";
import { canRole } from "./role-access";
import { unqualifiedFunctionArn } from "./arn";
import { QuestionError } from "./context-arg";

export { QuestionError };

const ContextValue = z.union([z.string(), z.array(z.string())]);

export const QuestionSchema = z.object({
  principal: z.string().min(1, "principal is required (a role ARN, or a function name or ARN)"),
  action: z.string().regex(/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/, "action must look like service:Action (wildcards allowed)"),
  resource: z.string().min(1, "resource is required (an ARN, or *)"),
  context: z.record(z.string(), ContextValue).default({}),
  contextComplete: z.boolean().default(false),
});
export type Question = z.input<typeof QuestionSchema>;

export interface DecidingStatement {
  effect: "Allow" | "Deny";
  policy: string;
  policyKind: string;
  policyArn?: string;
  role?: string;
  statementIndex: number;
  sid?: string;
  /** "true" | "false" | "unknown": whether its condition held. */
  condition: string;
  matchedActions: string[];
  matchedResources: string[];
  conditionNotes: string[];
  statement: unknown;
}

export interface Answer {
  decision: Decision;
  principal: { role: string; function?: string };
  action: string;
  resource: string;
  statements: DecidingStatement[];
  unknownKeys: string[];
  reasons: string[];
}

const functionsByName = new WeakMap<AccountModel, Map<string, FunctionModel[]>>();

/** Functions by name, indexed once per model: a batch of thousands of questions must not scan them each time. */
function functionsNamed(model: AccountModel, name: string): FunctionModel[] {
  let index = functionsByName.get(model);
  if (index === undefined) {
    index = new Map();
    for (const f of model.functions) {
      const list = index.get(f.name);
      if (list) list.push(f);
      else index.set(f.name, [f]);
    }
    functionsByName.set(model, index);
  }
  return index.get(name) ?? [];
}

/** Principal lookup: role ARN, function ARN (qualified or not), or a function name (unique across regions). */
export function resolvePrincipal(model: AccountModel, principal: string): { role: RoleModel; fn?: FunctionModel } {
  const role = model.roles.get(principal);
  if (role) return { role };
  let fns: FunctionModel[];
  if (principal.startsWith("arn:")) {
    const fn = model.functionsByArn.get(unqualifiedFunctionArn(principal));
    fns = fn ? [fn] : [];
  } else {
    fns = functionsNamed(model, principal);
  }
  if (fns.length === 0) {
    throw new QuestionError(`principal "${principal}" is neither a role nor a function in this snapshot`);
  }
  if (fns.length > 1) {
    throw new QuestionError(`function name "${principal}" exists in several regions (${fns.map((f) => f.region).join(", ")}): give its ARN`);
  }
  const fn = fns[0] as FunctionModel;
  const qualifier = principal.startsWith("arn:") ? principal.split(":").slice(7).join(":") : "";
  if (qualifier && qualifier !== "$LATEST" && !qualifierKnown(fn, qualifier)) {
    throw new QuestionError(`${fn.name} has no alias or version "${qualifier}" in this snapshot`);
  }
  // A qualified ARN (alias or version) runs as the role its version was published with.
  const runsAs = principal.startsWith("arn:") ? roleOfQualified(model, fn, principal) : { arn: fn.roleArn, role: fn.role };
  if (!runsAs.role) {
    const missing = runsAs.arn === fn.roleArn ? fn.roleState === "missing" : model.iamKnown;
    const why = missing ? "is not in the snapshot (deleted?)" : "could not be read";
    throw new QuestionError(`the execution role of ${principal.startsWith("arn:") ? principal.split(":").slice(6).join(":") : fn.name} (${runsAs.arn ?? "none"}) ${why}`);
  }
  return { role: runsAs.role, fn };
}

/** An alias or version of the function, or one the snapshot cannot rule out (its list was not read). */
function qualifierKnown(fn: FunctionModel, qualifier: string): boolean {
  if (/^\d+$/.test(qualifier)) return fn.versions.length === 0 || fn.versions.some((v) => v.Version === qualifier);
  return fn.unknownOps.has("ListAliases") || fn.aliases.some((a) => a.Name === qualifier);
}

function toDeciding(m: StatementMatch): DecidingStatement {
  return {
    effect: m.effect,
    policy: m.source.policyName,
    policyKind: m.source.kind,
    policyArn: m.source.policyArn,
    role: m.source.roleName,
    statementIndex: m.statementIndex,
    sid: m.sid,
    condition: m.condition,
    matchedActions: m.matchedActions,
    matchedResources: m.matchedResources,
    conditionNotes: m.conditionNotes,
    statement: m.raw,
  };
}

export function ask(model: AccountModel, question: Question): Answer {
  const parsed = QuestionSchema.safeParse(question);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `${issue.path.map(String).join(".")}: ` : "";
    throw new QuestionError(`${field}${issue?.message ?? "invalid question"}`);
  }
  const q = parsed.data;
  const { role, fn } = resolvePrincipal(model, q.principal);
  const result = canRole(model, role, { action: q.action, resource: q.resource, context: q.context, contextComplete: q.contextComplete }, fn);
  return {
    decision: result.decision,
    principal: { role: role.arn, ...(fn ? { function: q.principal.startsWith("arn:") ? q.principal : fn.arn } : {}) },
    action: q.action,
    resource: q.resource,
    statements: result.statements.map(toDeciding),
    unknownKeys: result.unknownKeys,
    reasons: result.reasons,
  };
}

export { parseContextArg, parseContextArgs, parseContextLines } from "./context-arg";
