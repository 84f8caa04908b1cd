/**
 * A gap both scans share (the same function, the same unread part, the same error) is no evidence of change either
 * way: with the readable parts equal nothing is listed as changed, yet the gap is listed apart ("unread in both
 * scans"), never dropped as if all were fine; a readable part that changed beside it is reported as changed, with
 * the gap noted. Only a gap of one scan makes a change not verifiable (diff-unread-data.test.ts).
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { allow, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { diffReports } from "./diff-reports";

const CI = `arn:aws:iam::${ACCOUNT}:role/ci`;
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const API = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api`;
const SOURCE_IP = { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } };
const POLICY_DENIED = "GetPolicy: AccessDeniedException";
const UNREAD_ROLE_POLICY = "GetAccountAuthorizationDetails: could not read inline policy broken: policy document must be a JSON object";

interface Scan {
  /** What this scan could not read. */
  unread?: "function policy" | "role policy" | "aliases";
  /** The name of ci's policy that grants the invoke (its way in's evidence). */
  invokeBy?: string;
  /** Actions api's role is granted on the queue. */
  send?: string[];
  /** A grant of api's own policy to s3. */
  s3Grant?: boolean;
}

/** Function api: role r may send to a queue, role ci may invoke api, both on a condition the snapshot cannot judge. */
function scan({ unread, invokeBy = "invoke", send = ["sqs:SendMessage"], s3Grant = false }: Scan) {
  const b = newBuilder();
  const inline: Record<string, unknown> = { send: policy(allow(send, QUEUE, { condition: SOURCE_IP as never })) };
  if (unread === "role policy") inline.broken = "{not json";
  const role = b.role({ name: "r", inline: inline as never });
  const api = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role });
  b.role({ name: "ci", trust: serviceTrust("codebuild.amazonaws.com"), inline: { [invokeBy]: policy(allow("lambda:InvokeFunction", api, { condition: SOURCE_IP as never })) } });
  if (s3Grant) b.permission(api, { sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads", sourceAccount: ACCOUNT });
  if (unread === "function policy") b.error({ operation: "GetPolicy", target: api, code: "AccessDeniedException", message: "not authorized to perform lambda:GetPolicy" });
  if (unread === "aliases") b.error({ operation: "ListAliases", target: api, code: "AccessDeniedException", message: "not authorized to perform lambda:ListAliases" });
  return analyzeSnapshot(parseSnapshot(b.build()));
}

describe("a gap both scans share, with the readable parts equal", () => {
  it("lists no change, and lists the gap as unread in both scans", () => {
    const d = diffReports(scan({ unread: "function policy" }), scan({ unread: "function policy" }));
    expect(d.functionsChanged).toEqual([]);
    expect([d.findingsNew, d.findingsFixed, d.findingsUnverified, d.findingsUnknownBefore]).toEqual([[], [], [], []]);
    expect(d.unreadInBoth).toEqual([{ text: `api · ${REGION}`, why: POLICY_DENIED, arn: API }]);
  });

  it("is not listed when the error differs: each scan's gap is its own", () => {
    const before = scan({ unread: "function policy" });
    const after = structuredClone(before);
    after.functions[0]!.unknown = ["GetPolicy: ThrottlingException"];
    expect(diffReports(before, after).unreadInBoth).toEqual([]);
  });

  it("is not listed when the scans read everything", () => {
    expect(diffReports(scan({}), scan({})).unreadInBoth).toEqual([]);
  });
});

describe("a readable part that changed beside a gap both scans share", () => {
  it("a way in whose readable evidence changed is a changed answer, with the shared gap noted", () => {
    const [c] = diffReports(scan({ unread: "function policy" }), scan({ unread: "function policy", invokeBy: "other" })).functionsChanged;
    expect(c?.invokersUnverified).toEqual([]);
    expect(c?.invokersUnknownBefore).toEqual([]);
    expect(c?.invokersChanged.map((i) => i.text)).toEqual([`${CI} (its identity policy) · conditional`]);
    expect(c?.unreadInBoth).toEqual(["the target's resource policy could not be read"]);
  });

  it("an action the role's readable policies gained is gained, with the shared gap noted", () => {
    const d = diffReports(scan({ unread: "role policy" }), scan({ unread: "role policy", send: ["sqs:SendMessage", "sqs:DeleteMessage"] }));
    const [c] = d.functionsChanged;
    expect(c?.actionsUnknownBefore).toEqual([]);
    expect(c?.actionsGained).toEqual([`sqs:DeleteMessage on ${QUEUE} (conditional)`]);
    expect(c?.unreadInBoth).toEqual([UNREAD_ROLE_POLICY]);
    expect(d.unreadInBoth).toEqual([{ text: `api · ${REGION}`, why: UNREAD_ROLE_POLICY, arn: API }]);
  });

  it("an action the role's readable policies lost is lost, with the shared gap noted", () => {
    const [c] = diffReports(scan({ unread: "role policy", send: ["sqs:SendMessage", "sqs:DeleteMessage"] }), scan({ unread: "role policy" })).functionsChanged;
    expect(c?.actionsUnverified).toEqual([]);
    expect(c?.actionsLost).toEqual([`sqs:DeleteMessage on ${QUEUE} (conditional)`]);
    expect(c?.unreadInBoth).toEqual([UNREAD_ROLE_POLICY]);
  });

  it("a grant of the function's readable policy removed while its aliases were unread in both is lost, not unverified", () => {
    const d = diffReports(scan({ unread: "aliases", s3Grant: true }), scan({ unread: "aliases" }));
    const [c] = d.functionsChanged;
    expect(c?.invokersUnverified).toEqual([]);
    expect(c?.invokersLost.map((i) => i.text)).toEqual([expect.stringMatching(/^s3\.amazonaws\.com from arn:aws:s3:::uploads /)]);
    expect(c?.unreadInBoth).toEqual([expect.stringMatching(/^ListAliases: AccessDeniedException/)]);
  });

  it("a gap of one scan only still makes the change not verifiable, with no shared gap noted", () => {
    const [c] = diffReports(scan({}), scan({ unread: "function policy", invokeBy: "other" })).functionsChanged;
    expect(c?.invokersChanged).toEqual([]);
    expect(c?.invokersUnverified.map((i) => i.why)).toEqual(["the target's resource policy could not be read"]);
    expect(c?.unreadInBoth).toBeUndefined();
  });
});
