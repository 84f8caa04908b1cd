/**
 * A policy entry without its document (an inline policy without PolicyDocument, a managed policy version without
 * Document, as emulators and older tools write them) is one unreadable document, reported, not a rejected
 * snapshot (snapshot.md: "A malformed document is reported (which one, why) and the rest of the snapshot is still
 * analysed"), as a role without its AssumeRolePolicyDocument already was.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "./read";
import { builder, REGION } from "@/lib/findings/test-support";
import { allow, policy } from "./fixtures/policy-documents";

function input() {
  const b = builder();
  b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { p: policy(allow("s3:GetObject", "*")) } }) });
  return b.build();
}

describe("a policy entry without its document", () => {
  it("inline policy without PolicyDocument: reported as unreadable, the rest analysed", () => {
    const s = input();
    delete (s.iam!.GetAccountAuthorizationDetails.RoleDetailList![0]!.RolePolicyList![0] as { PolicyDocument?: unknown }).PolicyDocument;
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(s)));
    expect(report.functions).toHaveLength(1);
    expect(report.functions[0]!.unknown.some((u) => u.includes("inline policy p") && u.includes("missing"))).toBe(true);
  });

  it("managed policy version without Document: the role's policy is unreadable, the rest analysed", () => {
    const b = builder();
    const managed = b.managedPolicy({ name: "reader", document: policy(allow("s3:GetObject", "*")) });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role: b.role({ name: "r", managed: [managed] }) });
    b.fn({ region: REGION, name: "other", runtime: "nodejs22.x", role: b.role({ name: "r2" }) });
    const s = b.build();
    const entry = s.iam!.GetAccountAuthorizationDetails.Policies!.find((p) => p.Arn === managed)!;
    delete (entry.PolicyVersionList![0] as { Document?: unknown }).Document;
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(s)));
    expect(report.functions.map((f) => f.name).sort()).toEqual(["app", "other"]);
    const app = report.functions.find((f) => f.name === "app")!;
    expect(app.unknown.some((u) => u.includes("reader"))).toBe(true);
    expect(report.functions.find((f) => f.name === "other")!.unknown).toEqual([]);
  });
});

