/**
 * A direct call by an IAM identity carries none of the keys only services send: `aws:SourceAccount` "is present in the
 * request context only if accessing a resource is triggered by an AWS service principal" (IAM global condition keys),
 * and "if the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the
 * right key is not present, the condition is true" (IAM condition operators). public-invoke asks the direct call that
 * way; the grant rules and the invoker list ask it the same way (grantCalls, lib/policy/intended-context.ts), so on one
 * statement resource-policy-admin-actions is as sure as public-invoke, and an account or role principal — which only
 * a direct call can match — is let in, or not, for certain.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";

const OTHER = "210987654321";

function reportFor(principal: unknown, condition: Record<string, unknown>) {
  const b = newBuilder();
  const exec = b.role({ name: "exec", trust: serviceTrust(), inline: { logs: policy({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } });
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: exec });
  b.resourcePolicy(fn, {
    Version: "2012-10-17",
    Statement: [{ Sid: "a", Effect: "Allow", Principal: principal, Action: ["lambda:InvokeFunction", "lambda:UpdateFunctionCode"], Resource: fn, Condition: condition }],
  } as never);
  return analyzeSnapshot(parseSnapshot(JSON.parse(JSON.stringify(b.build()))));
}

const CONDITIONS: [string, Record<string, unknown>][] = [
  ["StringNotEquals aws:SourceAccount = own", { StringNotEquals: { "aws:SourceAccount": ACCOUNT } }],
  ["Null aws:SourceAccount = true", { Null: { "aws:SourceAccount": "true" } }],
];

describe("a grant whose condition on a service-only key is decided for every direct call", () => {
  it.each(CONDITIONS)("%s: resource-policy-admin-actions is as sure as public-invoke on the same statement", (_, condition) => {
    const r = reportFor("*", condition);
    const pub = r.findings.find((f) => f.rule === "public-invoke");
    const admin = r.findings.find((f) => f.rule === "resource-policy-admin-actions");
    expect(pub?.severity).toBe("critical");
    expect(admin?.title).not.toMatch(/possibly/); // was "lets anyone possibly call lambda:UpdateFunctionCode"
    expect(admin?.severity).toBe("critical"); // was high
  });

  it.each(CONDITIONS)("%s: an account principal's way in is allowed, not conditional", (_, condition) => {
    const r = reportFor({ AWS: OTHER }, condition);
    const way = r.functions[0]!.invokers.find((i) => i.via === "resource-policy");
    expect(way?.principal).toBe(OTHER);
    expect(way?.decision).toBe("allowed"); // was conditional
  });

  // The other side: a condition no direct call meets must not be read as met ("the caller the grant was written
  // for"), or a grant no request can use is reported as a definite way in.
  it("StringEquals aws:SourceAccount on a role principal: no direct call by that role carries the key", () => {
    const r = reportFor({ AWS: `arn:aws:iam::${OTHER}:role/x` }, { StringEquals: { "aws:SourceAccount": OTHER } });
    const way = r.functions[0]!.invokers.find((i) => i.via === "resource-policy");
    expect(way?.decision).not.toBe("allowed"); // was allowed
  });
});
