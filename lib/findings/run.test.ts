import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { runRules } from "./run";
import { ACCOUNT, builder, contextOf, REGION } from "./test-support";
import type { Rule } from "./types";

describe("rule context memo", () => {
  // One role, one action and resource, asked with different contexts: each context keeps its own answer.
  const b = builder();
  const role = b.role({
    name: "ip-role",
    inline: { s3: policy(allow("s3:GetObject", "*", { condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })) },
  });
  b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
  const ctx = contextOf(b);
  const r = ctx.model.roles.get(role)!;
  const q = { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" };

  it("keeps answers apart per context and completeness", () => {
    expect(ctx.canRole(r, q).decision).toBe("conditional");
    expect(ctx.canRole(r, { ...q, context: { "aws:SourceIp": "10.1.2.3" } }).decision).toBe("allowed");
    expect(ctx.canRole(r, { ...q, context: { "aws:SourceIp": "192.168.0.1" } }).decision).toBe("implicitly-denied");
    expect(ctx.canRole(r, { ...q, contextComplete: true }).decision).toBe("implicitly-denied");
    // Asked again, in another order: the same answers (a plain answer from the memo, the others afresh).
    expect(ctx.canRole(r, { ...q, context: { "aws:SourceIp": "10.1.2.3" } }).decision).toBe("allowed");
    expect(ctx.canRole(r, q).decision).toBe("conditional");
    expect(ctx.canRole(r, { ...q, contextComplete: true }).decision).toBe("implicitly-denied");
  });

  it("returns the same answer object for a repeated plain question", () => {
    expect(ctx.canRole(r, { ...q })).toBe(ctx.canRole(r, { ...q }));
  });

  it("keeps answers apart per session", () => {
    // Given a function whose policy names one session of the caller's role
    const b3 = builder();
    const caller = b3.role({ name: "caller" });
    const target = b3.fn({ region: REGION, name: "target", runtime: "nodejs22.x", role: b3.role({ name: "t" }) });
    b3.permission(target, { sid: "alice", principal: `arn:aws:sts::${ACCOUNT}:assumed-role/caller/alice` });
    const c = contextOf(b3);
    const rc = c.model.roles.get(caller)!;
    const invoke = { action: "lambda:InvokeFunction", resource: target };
    // When one role is asked the same question as two sessions, then each session gets its own answer
    expect(c.canRole(rc, { ...invoke, session: "alice" }).decision).toBe("allowed");
    expect(c.canRole(rc, { ...invoke, session: "bob" }).decision).toBe("implicitly-denied");
    expect(c.decideRole(rc, { ...invoke, session: "alice" })).toBe("allowed");
    expect(c.decideRole(rc, { ...invoke, session: "bob" })).toBe("implicitly-denied");
  });

  it("keeps answers apart per role for the same question", () => {
    const b2 = builder();
    const reader = b2.role({ name: "reader", inline: { s3: policy(allow("s3:GetObject", "*")) } });
    const other = b2.role({ name: "other", inline: { sqs: policy(allow("sqs:*", "*")) } });
    b2.fn({ region: REGION, name: "g", runtime: "nodejs22.x", role: reader });
    b2.fn({ region: REGION, name: "h", runtime: "nodejs22.x", role: other });
    const c = contextOf(b2);
    const [r1, r2] = [c.model.roles.get(reader)!, c.model.roles.get(other)!];
    expect(c.canRole(r1, q).decision).toBe("allowed");
    expect(c.canRole(r2, q).decision).toBe("implicitly-denied");
    expect(c.canRole(r1, q).decision).toBe("allowed");
  });
});

describe("runRules with rules built from other rules' findings", () => {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  b.permission(fn, { sid: "maybe", principal: "*" });
  const base: Omit<Rule, "check"> = { id: "", title: "t", severity: "info", needs: [], description: "d" };
  const checks: Rule = {
    ...base,
    id: "checks",
    check: (ctx) => [
      { id: "checks:a", rule: "checks", severity: "high", functions: [ctx.model.functions[0]!.arn], title: "a", detail: "", evidence: [], remediation: "", conditional: true },
    ],
  };
  const counts: Rule = {
    ...base,
    id: "counts",
    check: () => [],
    derive: (findings) => [{ id: "counts:n", rule: "counts", severity: "info", functions: [], title: `${findings.length} conditional:${findings.filter((f) => f.conditional).length}`, detail: "", evidence: [], remediation: "" }],
  };
  const broken: Rule = { ...base, id: "broken", check: () => [], derive: () => { throw new Error("boom"); } };

  it("a derived rule sees every check's findings with their conditional mark, and the report keeps it", () => {
    const ctx = contextOf(b);
    const out = runRules(ctx, [counts, checks]);
    expect(out.map((f) => f.title)).toEqual(["a", "1 conditional:1"]);
    expect(out.map((f) => f.conditional)).toEqual([true, undefined]);
  });

  it("a derived rule that throws hides no other finding and is reported as a problem", () => {
    const ctx = contextOf(b);
    expect(runRules(ctx, [broken, checks, counts]).map((f) => f.rule)).toEqual(["checks", "counts"]);
    expect(ctx.model.problems).toContainEqual({ where: "rule broken", why: "failed: boom" });
  });
});
