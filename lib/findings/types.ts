/**
 * A rule is one small module (rules/<rule-id>.ts) listed in rules/registry.ts. Rules are pure: they read the
 * account model and ask `ctx.can` — the same IAM evaluation the `can` command uses — never their own matching.
 */
import type { AccountInvoker, Finding, Invoker, Severity } from "@/lib/analysis/types";
import type { AccountModel, DataOperation, FunctionModel } from "@/lib/analysis/account-model";
import type { PrincipalModel, RoleModel } from "@/lib/analysis/role-model";
import type { AccessQuery } from "@/lib/analysis/role-access";
import type { Decision, EvaluationResult } from "@/lib/policy/types";
import type { AnotherTurn } from "@/lib/steps";

export interface RuleContext {
  model: AccountModel;
  /** Ways into each function, by unqualified function ARN (lib/analysis/invokers.ts). */
  invokers: Map<string, Invoker[]>;
  /** Roles and IAM users that may invoke every function (of some regions), listed once (the report's accountInvokers). */
  accountInvokers: readonly AccountInvoker[];
  /** Functions per execution role ARN. */
  functionsByRole: Map<string, FunctionModel[]>;
  /** The function's execution role asks for `query`; memoised. Undefined when the role is not in the snapshot. */
  /** As `fn`'s execution role, or as `role` (the role an alias or version of it runs with). */
  can(fn: FunctionModel, query: AccessQuery, role?: RoleModel): EvaluationResult | undefined;
  /** `can(…)?.decision` without writing evidence, for rules that want the evidence only when it is not "allowed". */
  decide(fn: FunctionModel, query: AccessQuery, role?: RoleModel): Decision | undefined;
  /** The role (or an IAM user) asks for `query` outside any one function (role-level rules); memoised. */
  canRole(role: PrincipalModel, query: AccessQuery): EvaluationResult;
  /** `canRole(…).decision` without writing evidence; memoised. */
  decideRole(role: RoleModel, query: AccessQuery): Decision;
}

/**
 * A finding as rules hand it over: the report's own. Its `conditional` mark (the "may" forms) is what `derive` rules
 * carry into their own wording.
 */
export type RuleFinding = Finding;

/**
 * A rule's check written as a generator: it yields ANOTHER_TURN every so many roles or functions and returns its
 * findings. The dashboard's server then hands the event loop back there (ruleSteps), the CLI runs it to the end at
 * once (runRules, checkAtOnce): one definition serves both.
 */
export type RuleTurns = Generator<AnotherTurn, RuleFinding[]>;

export interface Rule {
  id: string;
  /** Short name of the rule for listings and SARIF. */
  title: string;
  severity: Severity;
  /** Data the rule reads; a function missing any of it gets `data-unavailable` instead of a verdict. */
  needs: DataOperation[];
  /**
   * Needs whose absence alone leaves the rule judging the function on the rest (data-unavailable names it among the
   * rules judged on readable data only, not among those that gave no verdict).
   */
  judgedWithout?: DataOperation[];
  /** Short help text for SARIF/rule listings. */
  description: string;
  /**
   * The rule's findings; a rule that takes ~100 ms or more on a 10,000-function account is a generator instead
   * (`*check`, RuleTurns), so that it holds up no other request that long. Run it through checkAtOnce or ruleSteps.
   */
  check(ctx: RuleContext): RuleFinding[] | RuleTurns;
  /**
   * For rules built from other rules' findings (a compound of two halves): run after every `check`, with their
   * findings. Such a rule's `check` returns none.
   */
  derive?(findings: readonly RuleFinding[], ctx: RuleContext): RuleFinding[];
}
