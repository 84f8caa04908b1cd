/**
 * A managed policy GAAD left out, read by the scanner with GetPolicy and GetPolicyVersion: the analysis evaluates it
 * (a permissions boundary refuses what it does not allow), and where its read failed says which call left it unknown.
 */
import { describe, expect, it } from "vitest";
import { boundedByUnlistedPolicy, UNLISTED } from "@/lib/snapshot/fixtures/unlisted-policy";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { analyzeSnapshot } from "./analyze";
import { auditReport } from "./evidence-audit";

type Json = Record<string, unknown>;

function report(snapshot: SnapshotInput) {
  const r = analyzeSnapshot(parseSnapshot(snapshot));
  const fn = r.functions[0]!;
  return { fn, gap: r.findings.find((f) => f.rule === "data-unavailable") };
}

const reachesBucket = (fn: ReturnType<typeof report>["fn"]) => fn.reaches.some((g) => g.resource === UNLISTED.bucket);

function versionAnswer(s: SnapshotInput): Json {
  return ((s.iam as unknown as { GetPolicyVersion: Record<string, Json> }).GetPolicyVersion[UNLISTED.boundary]!.PolicyVersion as Json);
}

const LOGS_ONLY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }] };

describe("a permissions boundary only in GetPolicyVersion", () => {
  it.each([
    ["URL-encoded, as IAM returns it", undefined],
    ["as JSON text", JSON.stringify(LOGS_ONLY)],
    ["as an object", LOGS_ONLY],
  ])("is evaluated (document %s): the reach it refuses is absent, and nothing is unknown", (_, document) => {
    const s = boundedByUnlistedPolicy();
    if (document !== undefined) versionAnswer(s).Document = document;
    const { fn, gap } = report(s);
    expect(reachesBucket(fn)).toBe(false);
    expect(fn.reaches.map((g) => g.resource)).toEqual(["*"]); // logs:PutLogEvents, which both allow
    expect(fn.unknown).toEqual([]);
    expect(gap).toBeUndefined();
    // Evidence citing the boundary's statements is held to the snapshot's GetPolicyVersion (evidence-audit.ts).
    const audit = auditReport(s);
    expect(audit.checked["boundary-statement"]).toBeGreaterThan(0);
    expect(audit.problems).toEqual([]);
  });

  it("is unknown when the version read is not the default one GetPolicy names", () => {
    const s = boundedByUnlistedPolicy();
    Object.assign(versionAnswer(s), { VersionId: "v0", IsDefaultVersion: false });
    const { fn, gap } = report(s);
    expect(fn.unknown).toContain("GetAccountAuthorizationDetails: could not read permissions boundary AWSLambdaBasicExecutionRole: no default policy version in the snapshot");
    expect(gap?.title).toContain("permissions boundary AWSLambdaBasicExecutionRole of role r");
  });

  it.each(["GetPolicy", "GetPolicyVersion"])("is unknown, naming the call, when %s failed", (operation) => {
    const s = boundedByUnlistedPolicy();
    const iam = s.iam as unknown as Json;
    delete iam.GetPolicyVersion;
    if (operation === "GetPolicy") delete iam.GetPolicy;
    s.errors = [{ operation, target: UNLISTED.boundary, code: "AccessDenied", message: "not authorized" }];
    const { fn, gap } = report(s);
    expect(fn.unknown).toContain(`GetAccountAuthorizationDetails: could not read permissions boundary AWSLambdaBasicExecutionRole: ${operation} failed (AccessDenied)`);
    expect(gap?.evidence.some((e) => JSON.stringify(e.document).includes(`${operation} failed (AccessDenied)`))).toBe(true);
  });

  it("a malformed answer is set aside and recorded, the rest of the snapshot kept", () => {
    const s = boundedByUnlistedPolicy();
    versionAnswer(s).IsDefaultVersion = "yes";
    const parsed = parseSnapshot(s);
    expect(parsed.iam?.GetPolicyVersion).toEqual({});
    expect(parsed.iam?.GetPolicy?.[UNLISTED.boundary]).toBeDefined();
    expect(parsed.errors).toContainEqual(expect.objectContaining({ operation: "GetPolicyVersion", target: UNLISTED.boundary, code: "MalformedResponse" }));
    const { fn } = report(s);
    expect(fn.unknown).toContain("GetAccountAuthorizationDetails: could not read permissions boundary AWSLambdaBasicExecutionRole: GetPolicyVersion failed (MalformedResponse)");
  });

  it("GAAD's Policies come first: a listed policy is read from there, whatever GetPolicyVersion holds", () => {
    const s = boundedByUnlistedPolicy();
    const iam = s.iam as unknown as { GetAccountAuthorizationDetails: { Policies: Json[] } };
    const allowAll = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    iam.GetAccountAuthorizationDetails.Policies.push({
      Arn: UNLISTED.boundary,
      PolicyName: "AWSLambdaBasicExecutionRole",
      DefaultVersionId: "v2",
      PolicyVersionList: [{ VersionId: "v2", IsDefaultVersion: true, Document: allowAll }],
    });
    expect(reachesBucket(report(s).fn)).toBe(true); // the listed version allows everything
  });
});
