/**
 * A finding about a set (a role's other trusted principals, a function's missing data) carries the set in its id, so
 * an accepted one is not stretched over what changes later. Across two scans it is still one finding: a set that
 * grew is a finding changed, never one fixed and one new.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { newBuilder, REGION } from "@/lib/analysis/test-support";
import { findingSubject } from "@/lib/findings/finding-id";
import { diffReports } from "./diff-reports";
import { applySuppressions } from "@/lib/suppressions/apply";

function scan(trustExtra: unknown[], deniedOps: string[] = []) {
  const b = newBuilder();
  const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }, ...trustExtra] };
  const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role: b.role({ name: "worker-role", trust: trust as never }) });
  for (const op of deniedOps) b.error({ operation: op, target: fn, code: "AccessDeniedException", message: "denied" });
  return analyzeSnapshot(parseSnapshot(b.build()));
}

const trusted = (account: string) => ({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" });

describe("findings about a set, across scans", () => {
  it("another trusted principal: the finding changed (new id), not fixed and new", () => {
    const before = scan([trusted("111122223333")]);
    const after = scan([trusted("111122223333"), trusted("444455556666")]);
    const [was] = before.findings.filter((f) => f.rule === "execution-role-trust");
    const [is] = after.findings.filter((f) => f.rule === "execution-role-trust");
    expect(was!.id).not.toBe(is!.id);
    const d = diffReports(before, after);
    expect(d.findingsFixed).toEqual([]);
    expect(d.findingsNew).toEqual([]);
    expect(d.findingsChanged.map((f) => [f.id, f.was?.title])).toEqual([[is!.id, was!.title]]);
  });

  it("another missing read: the function's data-unavailable finding changed", () => {
    const d = diffReports(scan([], ["GetFunctionUrlConfig"]), scan([], ["GetFunctionUrlConfig", "ListEventSourceMappings"]));
    expect(d.findingsFixed.filter((f) => f.rule === "data-unavailable")).toEqual([]);
    expect(d.findingsNew.filter((f) => f.rule === "data-unavailable")).toEqual([]);
    expect(d.findingsChanged.map((f) => f.rule)).toContain("data-unavailable");
  });

  it("accepted by an id entry in one scan and counted in the other: still there, so neither fixed nor new, but changed", () => {
    const before = scan([trusted("111122223333")]);
    const after = scan([trusted("111122223333"), trusted("444455556666")]);
    const [is] = after.findings.filter((f) => f.rule === "execution-role-trust");
    const accepted = applySuppressions(after, [{ id: is!.id, reason: "partner account" }], "2026-12-01").report;
    expect(accepted.suppressed.map((f) => f.id)).toEqual([is!.id]);
    expect(diffReports(before, accepted).findingsFixed).toEqual([]);
    // The other way round: accepted in the older scan (its set), counted in the newer one.
    const [was] = before.findings.filter((f) => f.rule === "execution-role-trust");
    const acceptedBefore = applySuppressions(before, [{ id: was!.id, reason: "partner account" }], "2026-12-01").report;
    const d = diffReports(acceptedBefore, after);
    expect(d.findingsNew).toEqual([]);
    expect(d.findingsChanged.map((f) => [f.id, f.was?.title])).toEqual([[is!.id, was!.title]]);
  });

  it("the subject drops the set only: other discriminators (Sid/account, UUIDs, ARNs) are kept whole", () => {
    expect(findingSubject("execution-role-trust:arn:aws:iam::1:role/r#others=arn:aws:iam::2:root,*")).toBe("execution-role-trust:arn:aws:iam::1:role/r#others");
    expect(findingSubject("data-unavailable:arn:aws:lambda:us-east-1:1:function:f#gaps=GetPolicy")).toBe("data-unavailable:arn:aws:lambda:us-east-1:1:function:f#gaps");
    for (const id of [
      "cross-account-invoke:arn:aws:lambda:us-east-1:1:function:f#Agency/210987654321",
      "event-source-missing-permissions:arn:aws:lambda:us-east-1:1:function:f#11111111-2222-3333-4444-555555555555",
      "destination-missing-permissions:arn:aws:lambda:us-east-1:1:function:f#arn:aws:sqs:us-east-1:1:q=x",
      "role-admin-access:arn:aws:iam::1:role/r",
    ]) expect(findingSubject(id)).toBe(id);
  });
});
