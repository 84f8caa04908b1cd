import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { functionInvokers } from "@/lib/analysis/analyze";
import { countingTurns } from "@/lib/analysis/test-support";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ANOTHER_TURN, runInTurns, runToEnd } from "@/lib/steps";
import { checkAtOnce, createRuleContext, ruleSteps, runRules } from "./run";
import { builder, contextOf, REGION } from "./test-support";
import type { Rule, RuleContext, RuleFinding } from "./types";
import { eventSourceMissingPermissions } from "./rules/event-source-missing-permissions";
import { logsPermissionMissing } from "./rules/logs-permission-missing";
import { rolePrivilegeEscalation } from "./rules/role-privilege-escalation";
import { roleServiceWildcard } from "./rules/role-service-wildcard";
import { executionRoleTrust } from "./rules/execution-role-trust";
import { FUNCTIONS_PER_TURN, ROLES_PER_TURN } from "./rule-turns";

const base: Omit<Rule, "check"> = { id: "", title: "t", severity: "info", needs: [], description: "d" };
const finding = (rule: string): RuleFinding => ({ id: `${rule}:a`, rule, severity: "high", functions: [], title: rule, detail: "", evidence: [], remediation: "" });

/** A rule whose check hands the event loop back `turns` times, then finds one thing (or throws, when `fails`). */
function turning(id: string, turns: number, fails?: string): Rule {
  return {
    ...base,
    id,
    *check() {
      for (let i = 0; i < turns; i++) yield ANOTHER_TURN;
      if (fails) throw new Error(fails);
      return [finding(id)];
    },
  };
}
const plain: Rule = { ...base, id: "plain", check: () => [finding("plain")] };

/** The values ruleSteps yields for these rules: each rule as it starts, ANOTHER_TURN for each turn within one. */
function stepsOf(ctx: RuleContext, rules: readonly Rule[]): { rules: string[]; turns: number; findings: RuleFinding[] } {
  const seen: string[] = [];
  let turns = 0;
  const findings = runToEnd(ruleSteps(ctx, rules), (step) => (step === ANOTHER_TURN ? turns++ : seen.push(step.id)));
  return { rules: seen, turns, findings };
}

describe("rules whose check takes turns", () => {
  const b = builder();
  b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });

  it("hand the event loop back that many more times in ruleSteps, and run to the end at once in runRules", async () => {
    const { rules, turns, findings } = stepsOf(contextOf(b), [plain, turning("turns", 3)]);
    expect(rules).toEqual(["plain", "turns"]);
    expect(turns).toBe(3);
    expect(findings.map((f) => f.rule)).toEqual(["plain", "turns"]);
    const heard: string[] = [];
    expect(runRules(contextOf(b), [plain, turning("turns", 3)], (r) => heard.push(r.id)).map((f) => f.rule)).toEqual(["plain", "turns"]);
    expect(heard).toEqual(["plain", "turns"]);
    expect(checkAtOnce(turning("turns", 3), contextOf(b)).map((f) => f.rule)).toEqual(["turns"]);

    const once = await countingTurns(() => runInTurns(ruleSteps(contextOf(b), [plain, turning("turns", 0)])));
    const thrice = await countingTurns(() => runInTurns(ruleSteps(contextOf(b), [plain, turning("turns", 3)])));
    expect(thrice.turns).toBeGreaterThanOrEqual(once.turns + 3);
  });

  it("a derived rule starts in a turn of its own, after the checks, and reads what they found", () => {
    const derived: Rule = { ...base, id: "derived", check: () => [], derive: (found) => found.map((f) => finding(`from-${f.rule}`)) };
    const { rules, turns, findings } = stepsOf(contextOf(b), [plain, derived]);
    expect(rules).toEqual(["plain", "derived"]);
    expect(turns).toBe(1);
    expect(findings.map((f) => f.rule)).toEqual(["from-plain", "plain"]);
  });

  it("a check that throws after some turns is reported as a problem, and the other rules' findings stay", () => {
    const ctx = contextOf(b);
    const { rules, turns, findings } = stepsOf(ctx, [turning("before", 1), turning("broken", 2, "boom"), plain]);
    expect(rules).toEqual(["before", "broken", "plain"]);
    expect(turns).toBe(3);
    expect(findings.map((f) => f.rule)).toEqual(["before", "plain"]);
    expect(ctx.model.problems).toContainEqual({ where: "rule broken", why: "failed: boom" });
  });
});

describe("the long rules on a large account", () => {
  // 2,000 functions and 1,000 roles: each long rule hands the event loop back at least once or twice.
  const model = buildAccountModel(parseSnapshot(JSON.stringify(generateSyntheticSnapshot({ functions: 2_000, roles: 1_000, seed: 7 }))));
  const { invokers, byIdentity } = functionInvokers(model);
  const context = () => createRuleContext(model, invokers, byIdentity.accountWide);
  const rolesInUse = new Set(model.functions.flatMap((fn) => (fn.role ? [fn.role.arn] : []))).size;

  it.each([
    // A turn every ROLES_PER_TURN roles judged (full-admin roles are not: one less), and as many writing findings.
    ["role-privilege-escalation", rolePrivilegeEscalation, 2 * Math.floor((rolesInUse - 1) / ROLES_PER_TURN) - 1],
    ["role-service-wildcard", roleServiceWildcard, Math.floor((rolesInUse - 1) / ROLES_PER_TURN)],
    ["execution-role-trust", executionRoleTrust, Math.floor((rolesInUse - 1) / ROLES_PER_TURN)],
    ["event-source-missing-permissions", eventSourceMissingPermissions, Math.floor((model.functions.length - 1) / FUNCTIONS_PER_TURN)],
    ["logs-permission-missing", logsPermissionMissing, Math.floor((model.functions.length - 1) / FUNCTIONS_PER_TURN)],
  ] as const)("%s takes at least its share of turns", (_, rule, least) => {
    expect(least).toBeGreaterThanOrEqual(1);
    expect(stepsOf(context(), [rule]).turns).toBeGreaterThanOrEqual(least);
  });
});
