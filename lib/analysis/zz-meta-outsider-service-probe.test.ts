/**
 * Found by a metamorphic relation (adding a condition to an Allow never makes a way in more public). Minimal case:
 * a function policy with
 *   b: Allow "*" lambda:InvokeFunction on ANOTHER function, Condition Null aws:SourceArn = false
 *   c: Allow "*" lambda:InvokeFunction on this function,    Condition ArnLike aws:SourceArn = this account's topic
 * c alone is correctly not public (a fixed source ARN of the account pins it). b grants nothing on this function.
 * Without its Null condition b is not public either; with it, b "tests a source key", so the outsider probe
 * (outsider-invoke.ts) also asks "a service acting for the outsider's own resource" — with aws:SourceAccount set to
 * the outsider but aws:SourceArn left unknown, so c's ArnLike on this account's topic becomes "unknown" and b is
 * reported public: public-invoke (high) "Anyone may invoke this function (depends on aws:SourceArn)".
 * A service acting for another account's resource sends that resource's ARN, never this account's topic.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "./analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, REGION, newBuilder } from "./test-support";

function reportFor(bCondition?: Record<string, unknown>) {
  const b = newBuilder();
  const exec = b.role({ name: "exec", trust: serviceTrust(), inline: { logs: policy({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } });
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: exec });
  const other = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:other`;
  const grantB: Record<string, unknown> = { Sid: "b", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: other };
  if (bCondition) grantB.Condition = bCondition;
  b.resourcePolicy(fn, {
    Version: "2012-10-17",
    Statement: [
      grantB,
      { Sid: "c", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "aws:SourceArn": `arn:aws:sns:${REGION}:${ACCOUNT}:topic` } } },
    ],
  } as never);
  return analyzeSnapshot(parseSnapshot(JSON.parse(JSON.stringify(b.build()))));
}

describe("a grant on another function, conditioned on a source key", () => {
  it("is not public without the condition (baseline)", () => {
    const r = reportFor();
    expect(r.findings.filter((f) => f.rule === "public-invoke")).toEqual([]);
    expect(r.functions[0]!.invokers.some((i) => i.public)).toBe(false);
  });

  it("does not become public when the condition is added", () => {
    const r = reportFor({ Null: { "aws:SourceArn": "false" } });
    expect(r.findings.filter((f) => f.rule === "public-invoke").map((f) => f.title)).toEqual([]); // today: one, high
    expect(r.functions[0]!.invokers.some((i) => i.public)).toBe(false); // today: b's entry is public
  });
});
