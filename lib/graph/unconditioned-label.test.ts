/**
 * An edge's label says what narrows the way in. A grant with no condition of its own that a Deny elsewhere in the
 * policy narrows (a PutResourcePolicy document pinning the source by Deny ArnNotLike AWS:SourceArn) is a conditional
 * way in: labelled "no condition", its dashed edge read as open to every topic of every account.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { newBuilder, ACCOUNT, REGION } from "@/lib/analysis/test-support";
import { parseSnapshot } from "@/lib/snapshot/read";

function snsEdges(deny: boolean) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
  const allow = { Sid: "sns", Effect: "Allow" as const, Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn };
  const only = { Sid: "only-mine", Effect: "Deny" as const, Principal: "*" as const, Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnNotLike: { "AWS:SourceArn": `arn:aws:sns:${REGION}:${ACCOUNT}:mine` } } };
  b.resourcePolicy(fn, { Version: "2012-10-17", Statement: deny ? [allow, only] : [allow] });
  return analyzeSnapshot(parseSnapshot(b.build())).graph.edges.filter((e) => e.kind === "invokes").map((e) => [e.label, e.conditional]);
}

describe("buildGraph: the label of a way in whose statement has no condition", () => {
  it("is 'no condition' when nothing else narrows it", () => {
    expect(snsEdges(false)).toEqual([["no condition", false]]);
  });

  it("is 'may be denied' when a Deny elsewhere in the policy makes it conditional", () => {
    expect(snsEdges(true)).toEqual([["may be denied", true]]);
  });
});
