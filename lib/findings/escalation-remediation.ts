/**
 * role-privilege-escalation's fix, made from the paths it found: one sentence per path saying what its action lets the
 * role do, and one inline policy refusing every action that opens a path, with the command that puts it on the role.
 * sts:AssumeRole on any role is scoped instead of refused: a function that assumes roles needs the call, only not on
 * every role.
 */
import type { RoleModel } from "@/lib/analysis/role-model";
import type { EvaluationResult } from "@/lib/policy/types";
import { allowPolicySnippet, denyPolicySnippet, shellArg, type Grant } from "./remediation";

/** The action whose refusal closes a path, on `resource`; `scope`: narrow its Resource instead (AssumeRole on any role). */
export interface PathClosure extends Grant {
  scope?: true;
  /**
   * Actions refused with it, on the same resource: the ways the rule looks for only where this one is closed (a
   * function's configuration, once its code is out of reach).
   */
  then?: string[];
}

export interface ClosablePath {
  /** The path in full, as the detail names it. */
  label: string;
  close: PathClosure;
  results: EvaluationResult[];
}

/** What each closing action lets the role do, by action: the sentence's reason. */
const WHAT_IT_DOES: { action: RegExp; does: string }[] = [
  { action: /^iam:(Put|Attach)RolePolicy$/, does: "writes any permissions into a role's policies, its own included" },
  { action: /^iam:(Put|Attach)(User|Group)Policy$/, does: "writes any permissions into an IAM user's or group's policies" },
  { action: /^iam:(CreatePolicyVersion|SetDefaultPolicyVersion)$/, does: "makes a version of its choosing the default of a customer managed policy" },
  { action: /^iam:(CreateAccessKey|CreateLoginProfile|UpdateLoginProfile)$/, does: "gets credentials of an IAM user and acts as that user" },
  { action: /^iam:UpdateAssumeRolePolicy$/, does: "rewrites a role's trust policy to let itself in" },
  { action: /^iam:AddUserToGroup$/, does: "puts an IAM user into a group with more permissions" },
  { action: /PermissionsBoundary$/, does: "lifts or widens the permissions boundary capping a role or user" },
  { action: /^iam:PassRole$/, does: "hands a role to compute it creates or changes, which then runs with that role's permissions" },
  { action: /^sts:AssumeRole$/, does: "takes on the permissions of the roles it can assume" },
  { action: /^lambda:UpdateFunctionCode$/, does: "replaces other functions' code, which then runs with their roles" },
  { action: /^lambda:UpdateFunctionConfiguration$/, does: "sets other functions' configuration (NODE_OPTIONS, a layer), so its code runs with their roles" },
];

/** The name of the inline policy the fix puts on the role. */
export const REFUSAL_POLICY = "refuse-privilege-escalation";

export function escalationRemediation(role: RoleModel, partition: string, paths: readonly ClosablePath[]): string {
  const lines = paths.map((p) => `${p.label.startsWith(p.close.action) ? p.label : `${p.label}: ${p.close.action}`} ${whatItDoes(p.close.action)}.`);
  const closes = paths.filter((p) => !p.close.scope).map((p) => p.close);
  const named = new Set(closes.map((c) => c.action));
  for (const c of closes) {
    for (const action of c.then ?? []) if (!named.has(action) && named.add(action)) lines.push(`Once ${c.action} is refused, ${action} ${whatItDoes(action)}.`);
  }
  const refused = closes.flatMap((c): Grant[] => [c.action, ...(c.then ?? [])].map((action) => ({ action, resource: c.resource })));
  if (refused.length > 0) {
    const actions = new Set(refused.map((g) => g.action));
    lines.push(
      `Refuse ${actions.size > 1 ? "these actions" : "it"} with an inline policy on role ${role.name} (an explicit refusal outranks every Allow); ` +
        `where a function needs ${actions.size > 1 ? "one" : "it"}, scope its grant to the resources that function uses instead:`,
      denyPolicySnippet(refused),
      `aws iam put-role-policy --role-name ${shellArg(role.name)} --policy-name ${REFUSAL_POLICY} --policy-document file://policy.json`,
    );
  }
  const scoped = paths.find((p) => p.close.scope);
  if (scoped) {
    const grants = scoped.results.flatMap((r) => r.statements.filter((m) => m.effect === "Allow" && (m.source.kind === "inline" || m.source.kind === "managed")));
    const sources = [...new Set(grants.map((m) => m.source.policyName))];
    lines.push(
      `Scope ${scoped.close.action} to the roles the functions assume: in the statement that grants it` +
        `${sources.length ? ` (policy ${sources.join(", ")})` : ""}, name their ARNs as its Resource, for example:`,
      allowPolicySnippet([{ action: scoped.close.action, resource: `arn:${partition}:iam::${role.account}:role/<role it assumes>` }]),
    );
  }
  return lines.join("\n");
}

/** "makes a version of its choosing the default…": what the action lets the role do. */
function whatItDoes(action: string): string {
  return WHAT_IT_DOES.find((w) => w.action.test(action))?.does ?? "grants the role more than its own permissions";
}
