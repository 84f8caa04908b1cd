/** Runs every registered rule over the account model, with one memoised evaluator shared by all of them. */
import type { Finding, Invoker } from "@/lib/analysis/types";
import { SEVERITIES } from "@/lib/analysis/types";
import { functionsByRole, type AccountModel, type FunctionModel, type RoleModel } from "@/lib/analysis/account-model";
import { canRole, type AccessQuery } from "@/lib/analysis/role-access";
import type { EvaluationResult } from "@/lib/policy/types";
import { RULES } from "./rules/registry";
import type { RuleContext } from "./types";

function queryKey(q: AccessQuery): string {
  const context = q.context && Object.keys(q.context).length > 0 ? JSON.stringify(q.context) : "";
  return `${q.action}\u0000${q.resource}\u0000${context}\u0000${q.contextComplete ? 1 : 0}`;
}

/** Per-subject memo: rules ask the same questions of the same role many times. */
function memo<S extends object>(ask: (subject: S, query: AccessQuery) => EvaluationResult) {
  const cache = new WeakMap<S, Map<string, EvaluationResult>>();
  return (subject: S, query: AccessQuery): EvaluationResult => {
    let answers = cache.get(subject);
    if (!answers) {
      answers = new Map();
      cache.set(subject, answers);
    }
    const key = queryKey(query);
    let hit = answers.get(key);
    if (!hit) {
      hit = ask(subject, query);
      answers.set(key, hit);
    }
    return hit;
  };
}

export function createRuleContext(model: AccountModel, invokers: Map<string, Invoker[]>): RuleContext {
  const fnCan = memo<FunctionModel>((fn, query) => canRole(model, fn.role as RoleModel, query, fn));
  const roleCan = memo<RoleModel>((role, query) => canRole(model, role, query));
  return {
    model,
    invokers,
    functionsByRole: functionsByRole(model),
    can(fn: FunctionModel, query: AccessQuery) {
      return fn.role ? fnCan(fn, query) : undefined;
    },
    canRole: roleCan,
  };
}

const severityRank = new Map(SEVERITIES.map((s, i) => [s, i]));

export function runRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    try {
      findings.push(...rule.check(ctx));
    } catch (e: unknown) {
      // One broken rule must not hide the others' findings; it is reported as a problem of the analysis.
      ctx.model.problems.push({
        where: `rule ${rule.id}`,
        why: `failed: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
  return findings.sort(
    (a, b) =>
      (severityRank.get(a.severity) ?? 9) - (severityRank.get(b.severity) ?? 9) ||
      a.rule.localeCompare(b.rule) ||
      a.id.localeCompare(b.id),
  );
}
