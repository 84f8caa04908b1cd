import { describe, expect, it } from "vitest";
import { countingTurns } from "@/lib/analysis/test-support";
import { ANOTHER_TURN, runInTurns, runToEnd } from "@/lib/steps";
import { checkAtOnce, ruleSteps, runRules } from "./run";
import { builder, contextOf, REGION } from "./test-support";
import type { Rule, RuleContext, RuleFinding } from "./types";

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

  it("a check that throws after some turns is reported as a problem, and the other rules' findings stay", () => {
    const ctx = contextOf(b);
    const { rules, turns, findings } = stepsOf(ctx, [turning("before", 1), turning("broken", 2, "boom"), plain]);
    expect(rules).toEqual(["before", "broken", "plain"]);
    expect(turns).toBe(3);
    expect(findings.map((f) => f.rule)).toEqual(["before", "plain"]);
    expect(ctx.model.problems).toContainEqual({ where: "rule broken", why: "failed: boom" });
  });
});
