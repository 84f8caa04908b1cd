import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, contextOf, REGION } from "./test-support";

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
