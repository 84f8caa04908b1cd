/**
 * The outsider probe behind public-invoke and the invoker list's `public` flag. A function policy with
 *   b: Allow "*" lambda:InvokeFunction on ANOTHER function, Condition Null aws:SourceArn = false
 *   c: Allow "*" lambda:InvokeFunction on this function,    Condition ArnLike aws:SourceArn = this account's topic
 * c alone is not public (a fixed source ARN of the account pins it); b grants nothing on this function. Because b
 * tests a source key, the probe also asks "a service acting for the outsider's own resource", whose aws:SourceArn is
 * unknown — but is that resource's ARN, never this account's topic, so c must not let it in through b ("Anyone may
 * invoke this function (depends on aws:SourceArn)" was reported).
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "./analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, REGION, newBuilder } from "./test-support";

function reportFor(bCondition?: Record<string, unknown>, cSourceArn = `arn:aws:sns:${REGION}:${ACCOUNT}:topic`) {
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
      { Sid: "c", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "aws:SourceArn": cSourceArn } } },
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
    expect(r.findings.filter((f) => f.rule === "public-invoke").map((f) => f.title)).toEqual([]);
    expect(r.functions[0]!.invokers.some((i) => i.public)).toBe(false);
  });

  it("stays public through a grant whose source ARN an outsider's resource may have (any account's topic)", () => {
    const r = reportFor({ Null: { "aws:SourceArn": "false" } }, `arn:aws:sns:${REGION}:*:topic`);
    // c is public itself; b is too, through c: dropping only what no outsider's source ARN meets keeps the probe sound.
    expect(r.functions[0]!.invokers.find((i) => i.sid === "b")?.public).toBe(true);
  });
});
