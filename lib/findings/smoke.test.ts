import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { RULES } from "./rules/registry";
import { runRules } from "./run";
import { builder, contextOf, REGION } from "./test-support";

describe("rules together", () => {
  it("run over a mixed snapshot without failing and give stable, unique ids", () => {
    const b = builder();
    const role = b.role({ name: "app", inline: { app: policy(allow("s3:*", "*"), allow("iam:PassRole", "*"), allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*")) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs16.x", role, env: ["DB_PASSWORD"], tracing: "Active" });
    b.fn({ region: REGION, name: "app2", runtime: "nodejs22.x", role });
    b.permission(fn, { sid: "pub", principal: "*" });
    b.url(fn, { authType: "NONE" });
    const ctx = contextOf(b);
    const findings = runRules(ctx);
    expect(ctx.model.problems).toEqual([]);
    const ids = findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(runRules(contextOf(b)).map((f) => f.id)).toEqual(ids);
    const rules = new Set(findings.map((f) => f.rule));
    for (const r of ["public-invoke", "function-url-public", "role-service-wildcard", "role-privilege-escalation", "role-shared", "runtime-deprecated", "env-secret-name", "logs-permission-missing", "tracing-permission-missing"]) {
      expect(rules, r).toContain(r);
    }
    expect(RULES.map((r) => r.id)).toContain("data-unavailable");
  });
});
