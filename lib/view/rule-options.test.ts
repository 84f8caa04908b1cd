import { describe, expect, it } from "vitest";
import { RULES } from "@/lib/findings/rules/registry";
import { ruleOptions } from "./rule-options";

describe("ruleOptions", () => {
  it("names each rule found by its title, keeps its id for the value, counts its functions, and sorts by title", () => {
    const options = ruleOptions([
      { rules: ["function-url-public", "env-secret-name"] },
      { rules: ["env-secret-name", "role-admin-access"] },
      { rules: [] },
    ]);
    expect(options).toEqual([
      { rule: "env-secret-name", title: "Environment variable may hold a secret", functions: 2 },
      { rule: "role-admin-access", title: "Execution role has full admin access", functions: 1 },
      { rule: "function-url-public", title: "Function URL without authentication", functions: 1 },
    ]);
    // The titles are the rules' own, not a second list of them.
    for (const o of options) expect(o.title).toBe(RULES.find((r) => r.id === o.rule)!.title);
  });

  it("shows a rule no module has (a newer snapshot's, a stale link's) by its id, among the titles", () => {
    expect(ruleOptions([{ rules: ["zz-unknown-rule", "env-secret-name"] }]).map((o) => [o.rule, o.title])).toEqual([
      ["env-secret-name", "Environment variable may hold a secret"],
      ["zz-unknown-rule", "zz-unknown-rule"],
    ]);
  });
});
