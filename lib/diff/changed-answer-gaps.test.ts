/**
 * A way in or reachable action of both scans whose answer changed only because one scan could not read what it rests
 * on (the function's policy, a role's policy) is that scan's gap, as for a role that may invoke every function
 * (`accountInvokersChanged`): not verifiable in the newer scan, unknown before in the older, never a changed answer.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { allow, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { diffReports } from "./diff-reports";

const CI = `arn:aws:iam::${ACCOUNT}:role/ci`;
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const SOURCE_IP = { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } };

/**
 * Function api, whose role may send to a queue and which role ci may invoke, both on a condition the snapshot cannot
 * judge (conditional in every scan). `unread`: what this scan could not read.
 */
function scan(unread?: "function policy" | "role policy") {
  const b = newBuilder();
  const inline: Record<string, unknown> = { send: policy(allow("sqs:SendMessage", QUEUE, { condition: SOURCE_IP as never })) };
  if (unread === "role policy") inline.broken = "{not json";
  const role = b.role({ name: "r", inline: inline as never });
  const api = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role });
  b.role({ name: "ci", trust: serviceTrust("codebuild.amazonaws.com"), inline: { invoke: policy(allow("lambda:InvokeFunction", api, { condition: SOURCE_IP as never })) } });
  if (unread === "function policy") b.error({ operation: "GetPolicy", target: api, code: "AccessDeniedException", message: "not authorized to perform lambda:GetPolicy" });
  return analyzeSnapshot(parseSnapshot(b.build()));
}

const IDENTITY_WAY = `${CI} (its identity policy) · conditional`;
// The function's own gap says it, as for an action lost: its role's data is not whole.
const UNREAD_ROLE_POLICY = "GetAccountAuthorizationDetails: could not read inline policy broken: policy document must be a JSON object";
const SEND = `sqs:SendMessage on ${QUEUE} (conditional)`;

describe("a function's answer that changed only by what the newer scan could not read", () => {
  it("the function's policy: the role's way in is not verifiable, not an invoker whose answer changed", () => {
    const [c] = diffReports(scan(), scan("function policy")).functionsChanged;
    expect(c?.invokersChanged).toEqual([]);
    expect(c?.invokersUnverified.map((i) => [i.text, i.why])).toEqual([[IDENTITY_WAY, "the target's resource policy could not be read"]]);
    expect([c?.invokersLost, c?.invokersGained]).toEqual([[], []]);
  });

  it("a policy of the function's role: the action is not verifiable, not an action whose answer changed", () => {
    const d = diffReports(scan(), scan("role policy"));
    const [c] = d.functionsChanged;
    expect(c?.actionsChanged).toEqual([]);
    expect(c?.actionsUnverified).toEqual([{ text: SEND, why: UNREAD_ROLE_POLICY }]);
    // What the newer scan could not read it says itself, as a finding of its own.
    expect(d.findingsNew.map((f) => f.rule)).toEqual(["data-unavailable"]);
  });
});

describe("a function's answer that changed only by a queue policy the newer scan could not read", () => {
  it("is not verifiable, with the queue policy as why", () => {
    const before = scan();
    const after = structuredClone(before);
    const fn = after.functions[0]!;
    // The scan's answer where GetQueueAttributes was denied: the queue's policy may refuse what the role grants.
    fn.reaches = fn.reaches.map((r) => (r.resource === QUEUE ? { ...r, unreadPolicies: ["the queue policy"] } : r));
    const [c] = diffReports(before, after).functionsChanged;
    expect(c?.actionsChanged).toEqual([]);
    expect(c?.actionsUnverified).toEqual([{ text: SEND, why: `the queue policy of ${QUEUE} could not be read` }]);
  });
});

describe("a function's answer that changed only by what the older scan could not read", () => {
  it("is unknown before, for a way in and for an action", () => {
    const [inv] = diffReports(scan("function policy"), scan()).functionsChanged;
    expect(inv?.invokersChanged).toEqual([]);
    expect(inv?.invokersUnknownBefore.map((i) => [i.text, i.why])).toEqual([[IDENTITY_WAY, "the target's resource policy could not be read"]]);
    const [act] = diffReports(scan("role policy"), scan()).functionsChanged;
    expect(act?.actionsChanged).toEqual([]);
    expect(act?.actionsUnknownBefore).toEqual([{ text: SEND, why: UNREAD_ROLE_POLICY }]);
  });
});

describe("a function's answer that changed with both scans whole", () => {
  it("is still a changed answer", () => {
    const before = scan();
    const after = structuredClone(before);
    const fn = after.functions[0]!;
    fn.reaches = fn.reaches.map((r) => (r.resource === QUEUE ? { ...r, via: ["other#0"] } : r));
    const [c] = diffReports(before, after).functionsChanged;
    expect(c?.actionsChanged).toEqual([{ text: SEND, was: "conditional (depends on aws:SourceIp), by send#0", now: "conditional (depends on aws:SourceIp), by other#0" }]);
  });
});
