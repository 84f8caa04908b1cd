/**
 * The Lambda@Edge `unknown` entry says who may invoke the function is incomplete; the IAM data behind its
 * role's verdicts was read in full. A diff must still call a role's fixed finding fixed and its lost action lost.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { newBuilder } from "@/lib/analysis/test-support";
import { diffReports } from "./diff-reports";

const LOGS = policy(allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "*"));
const EDGE_TRUST = policy({ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] }, Action: "sts:AssumeRole" } as never);

function scan(broad: boolean) {
  const b = newBuilder();
  const inline: Record<string, typeof LOGS> = broad ? { logs: LOGS, s3: policy(allow("s3:*", "*")) } : { logs: LOGS };
  b.fn({ region: "us-east-1", name: "edge", runtime: "nodejs22.x", role: b.role({ name: "edge-role", inline, trust: EDGE_TRUST }) });
  return analyzeSnapshot(parseSnapshot(b.build()));
}

describe("diff of a function CloudFront may run, whose role was narrowed", () => {
  const before = scan(true);
  const after = scan(false);
  const d = diffReports(before, after);

  it("the newer scan read its role in full: a finding that no longer fires is fixed, not unverifiable", () => {
    expect(before.findings.filter((f) => f.functions.length > 0).length).toBeGreaterThan(d.findingsNew.length);
    expect(d.findingsUnverified.map((f) => [f.rule, f.why])).toEqual([]);
    expect(d.findingsFixed.length).toBeGreaterThan(0);
  });

  it("the role's dropped actions are lost, not 'unknown now'", () => {
    const [c] = d.functionsChanged;
    expect(c?.actionsUnverified ?? []).toEqual([]);
    expect(c?.actionsLost.length).toBeGreaterThan(0);
  });

  it("two identical scans differ in nothing", () => {
    const same = diffReports(scan(true), scan(true));
    expect(same.findingsUnverified).toEqual([]);
    expect(same.functionsChanged).toEqual([]);
  });
});
