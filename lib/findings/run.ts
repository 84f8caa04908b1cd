/** Runs every registered rule over the account model, with one memoised evaluator shared by all of them. */
import type { Finding, Invoker } from "@/lib/analysis/types";
import { SEVERITIES } from "@/lib/analysis/types";
import { functionsByRole, type AccountModel, type FunctionModel, type RoleModel } from "@/lib/analysis/account-model";
import { canRole, type AccessQuery } from "@/lib/analysis/role-access";
import type { EvaluationResult } from "@/lib/policy/types";
import { RULES } from "./rules/registry";
import type { RuleContext } from "./types";

function queryKey(q: AccessQuery): string {
  return `${q.action}\u0000${q.resource}\u0000${JSON.stringify(q.context ?? {})}\u0000${q.contextComplete ? 1 : 0}`;
}

export function createRuleContext(model: AccountModel, invokers: Map<string, Invoker[]>): RuleContext {
  const fnCache = new Map<string, EvaluationResult>();
  const roleCache = new Map<string, EvaluationResult>();
  return {
    model,
    invokers,
    functionsByRole: functionsByRole(model),
    can(fn: FunctionModel, query: AccessQuery) {
      if (!fn.role) return undefined;
      const key = `${fn.arn}\u0000${queryKey(query)}`;
      let hit = fnCache.get(key);
      if (!hit) {
        hit = canRole(model, fn.role, query, fn);
        fnCache.set(key, hit);
      }
      return hit;
    },
    canRole(role: RoleModel, query: AccessQuery) {
      const key = `${role.arn}\u0000${queryKey(query)}`;
      let hit = roleCache.get(key);
      if (!hit) {
        hit = canRole(model, role, query);
        roleCache.set(key, hit);
      }
      return hit;
    },
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
