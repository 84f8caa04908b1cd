/** Runs every registered rule over the account model, with one memoised evaluator shared by all of them. */
import type { Finding, Invoker } from "@/lib/analysis/types";
import { SEVERITIES } from "@/lib/analysis/types";
import { functionsByRole, type AccountModel, type FunctionModel, type RoleModel } from "@/lib/analysis/account-model";
import { canRole, type AccessQuery } from "@/lib/analysis/role-access";
import type { EvaluationResult } from "@/lib/policy/types";
import { RULES } from "./rules/registry";
import type { RuleContext } from "./types";

/**
 * Per-subject memo: rules ask the same questions of the same role many times. Keyed action → resource in nested
 * maps, not by one concatenated string: the rules' action and resource strings are reused objects whose hashes V8
 * caches, so a hit costs less than the (cheap, ~1 µs) evaluation it saves. Rules never pass request context; a
 * question that does (what-if callers) is answered afresh.
 */
function memo<S extends object>(ask: (subject: S, query: AccessQuery) => EvaluationResult) {
  const cache = new WeakMap<S, Map<string, Map<string, EvaluationResult>>>();
  return (subject: S, query: AccessQuery): EvaluationResult => {
    if (query.context !== undefined || query.contextComplete) return ask(subject, query);
    let byAction = cache.get(subject);
    if (!byAction) {
      byAction = new Map();
      cache.set(subject, byAction);
    }
    let byResource = byAction.get(query.action);
    if (!byResource) {
      byResource = new Map();
      byAction.set(query.action, byResource);
    }
    let hit = byResource.get(query.resource);
    if (!hit) {
      hit = ask(subject, query);
      byResource.set(query.resource, hit);
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
