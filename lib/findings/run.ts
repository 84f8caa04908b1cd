/** Runs every registered rule over the account model, with one memoised evaluator shared by all of them. */
import type { AccountInvoker, Finding, Invoker } from "@/lib/analysis/types";
import { SEVERITIES } from "@/lib/analysis/types";
import { functionsByRole, type AccountModel, type FunctionModel } from "@/lib/analysis/account-model";
import type { PrincipalModel, RoleModel } from "@/lib/analysis/role-model";
import { canRole, roleDecision, type AccessQuery } from "@/lib/analysis/role-access";
import type { Decision, EvaluationResult } from "@/lib/policy/types";
import { RULES } from "./rules/registry";
import { ANOTHER_TURN, runToEnd, type AnotherTurn } from "@/lib/steps";
import type { Rule, RuleContext, RuleFinding, RuleTurns } from "./types";
import { guardrailsLimit } from "@/lib/analysis/organization";

/**
 * Memo for the role-level questions rules repeat (the admin probes are asked by three rules). Keyed action →
 * resource → role, so the outer maps are shared by every role asked the same question and a first-time question
 * costs a few lookups and one entry, less than the evaluation (~1 µs) it may save later. A question with request
 * context (what-if callers; a rule's iam:PassedToService, lambda:Layer or lambda:FunctionArn) or a session name (a
 * policy may name `assumed-role/<role>/<session>`, aws:userid tells sessions apart) is answered afresh: its answer
 * holds for that request only, and the memo's key is the role alone. `byLambda` may be keyed without: asked without a
 * function, as here, the session and its source function are unknown either way (role-access.ts, roleRequest).
 */
const QUERY_FIELDS = {
  action: "keyed",
  resource: "keyed",
  ownPoliciesOnly: "keyed",
  byLambda: "keyed",
  context: "afresh",
  undocumented: "afresh",
  contextComplete: "afresh",
  session: "afresh",
} as const satisfies Record<keyof AccessQuery, "keyed" | "afresh">; // a new AccessQuery field must be placed here

const AFRESH_FIELDS = (Object.keys(QUERY_FIELDS) as (keyof AccessQuery)[]).filter((k) => QUERY_FIELDS[k] === "afresh");

function answeredAfresh(query: AccessQuery): boolean {
  for (const k of AFRESH_FIELDS) if (query[k] !== undefined && query[k] !== false) return true;
  return false;
}

function memo<S, R>(ask: (subject: S, query: AccessQuery) => R, guarded: boolean) {
  const cache = new Map<string, Map<string, Map<S, R>>>();
  // The account's own policies' answer is another question than the one within known SCPs and RCPs; without them,
  // the same one.
  const ownCache = guarded ? new Map<string, Map<string, Map<S, R>>>() : cache;
  return (subject: S, query: AccessQuery): R => {
    if (answeredAfresh(query)) return ask(subject, query);
    const answers = query.ownPoliciesOnly ? ownCache : cache;
    let byResource = answers.get(query.action);
    if (!byResource) {
      byResource = new Map();
      answers.set(query.action, byResource);
    }
    let bySubject = byResource.get(query.resource);
    if (!bySubject) {
      bySubject = new Map();
      byResource.set(query.resource, bySubject);
    }
    let hit = bySubject.get(subject);
    if (hit === undefined) {
      hit = ask(subject, query);
      bySubject.set(subject, hit);
    }
    return hit;
  };
}

export function createRuleContext(model: AccountModel, invokers: Map<string, Invoker[]>, accountInvokers: readonly AccountInvoker[] = []): RuleContext {
  const guarded = guardrailsLimit(model.organization);
  const roleCan = memo<PrincipalModel, EvaluationResult>((role, query) => canRole(model, role, query), guarded);
  const roleDecides = memo<RoleModel, Decision>((role, query) => roleDecision(model, role, query), guarded);
  return {
    model,
    invokers,
    accountInvokers,
    functionsByRole: functionsByRole(model),
    // Not memoised: each function's questions (its log group, its event sources) are its own and asked once.
    can(fn: FunctionModel, query: AccessQuery, role = fn.role) {
      return role ? canRole(model, role, query, fn) : undefined;
    },
    decide(fn: FunctionModel, query: AccessQuery, role = fn.role) {
      return role ? roleDecision(model, role, query, fn) : undefined;
    },
    canRole: roleCan,
    decideRole: roleDecides,
  };
}

const severityRank = new Map(SEVERITIES.map((s, i) => [s, i]));

/** `onRule` is told each rule as it starts (for a progress line). */
export function runRules(ctx: RuleContext, rules: readonly Rule[] = RULES, onRule?: (rule: Rule) => void): Finding[] {
  return runToEnd(ruleSteps(ctx, rules), (step) => {
    if (step !== ANOTHER_TURN) onRule?.(step);
  });
}

/** One rule's findings at once, whether its check is a generator or not. */
export function checkAtOnce(rule: Rule, ctx: RuleContext): RuleFinding[] {
  return runToEnd(turnsOf(rule.check(ctx)));
}

/** Findings as a generator: a check's own turns when it takes them, none when it returned them at once. */
function* turnsOf(found: RuleFinding[] | RuleTurns): RuleTurns {
  return Array.isArray(found) ? found : yield* found;
}

/**
 * The rules one at a time: yields each rule as it starts (and ANOTHER_TURN within those that take turns), and returns
 * the findings. A caller may let other work run between rules and turns (the dashboard's server, analysing a large
 * account, keeps answering other requests).
 */
export function* ruleSteps(ctx: RuleContext, rules: readonly Rule[] = RULES): Generator<Rule | AnotherTurn, Finding[]> {
  const findings: RuleFinding[] = [];
  // One broken rule must not hide the others' findings; it is reported as a problem of the analysis. A check that
  // takes turns may throw after some: what it found before is dropped with it, as a check that returns at once.
  function* guarded(rule: Rule, run: () => RuleFinding[] | RuleTurns): Generator<AnotherTurn, void> {
    try {
      findings.push(...(yield* turnsOf(run())));
    } catch (e: unknown) {
      ctx.model.problems.push({
        where: `rule ${rule.id}`,
        why: `failed: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
  for (const rule of rules) {
    yield rule;
    yield* guarded(rule, () => rule.check(ctx));
  }
  // Derived rules read the checks' findings only, never each other's: the list they see is fixed first. A turn
  // before each: at 10,000 functions they took ~20-40 ms on top of the last check, in one stretch with the report's
  // functions list after them.
  const checked = [...findings];
  for (const rule of rules) {
    if (!rule.derive) continue;
    yield ANOTHER_TURN;
    yield* guarded(rule, () => rule.derive?.(checked, ctx) ?? []);
  }
  return findings.sort(
    (a, b) =>
      (severityRank.get(a.severity) ?? 9) - (severityRank.get(b.severity) ?? 9) ||
      a.rule.localeCompare(b.rule) ||
      a.id.localeCompare(b.id),
  );
}
