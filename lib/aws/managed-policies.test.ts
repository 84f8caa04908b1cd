/**
 * The scan's fallback for managed policies GetAccountAuthorizationDetails leaves out, against the local endpoint
 * (IAM's Query/XML wire format, the real SDK): GetPolicy then GetPolicyVersion of the default version, stored as IAM
 * returns them; a refused or unknown policy recorded in `errors` and analysed as unknown, the scan going on.
 */
import { describe, expect, it } from "vitest";
import { boundedByUnlistedPolicy, UNLISTED } from "@/lib/snapshot/fixtures/unlisted-policy";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { scanAccount } from "./collect";
import { managedPoliciesMissing } from "./managed-policies";

const serve = useLocalEndpoint();
const READ_ONLY = /^(List|Get|Describe)[A-Za-z]+$/;
const scan = () => scanAccount({ regions: [UNLISTED.region], organizations: false });

describe("managed policies GAAD leaves out", () => {
  it("reads a permissions boundary GAAD lacks with GetPolicy and GetPolicyVersion, stores it as IAM returns it, and evaluates it", async () => {
    const input = boundedByUnlistedPolicy();
    const ep = await serve(input);
    const { snapshot, stats } = await scan();
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.iam?.GetAccountAuthorizationDetails.Policies).toEqual([]);
    expect(snapshot.iam?.GetPolicy).toEqual(parseSnapshot(input).iam?.GetPolicy);
    const version = snapshot.iam?.GetPolicyVersion?.[UNLISTED.boundary]?.PolicyVersion;
    expect(version).toEqual(parseSnapshot(input).iam?.GetPolicyVersion?.[UNLISTED.boundary]?.PolicyVersion);
    expect(version?.Document).toMatch(/^%7B%22Version/); // URL-encoded, as IAM returns it
    expect(ep.countByOperation((c) => c.service === "iam")).toEqual({ GetAccountAuthorizationDetails: 1, GetPolicy: 1, GetPolicyVersion: 1 });
    expect(stats.operations).toEqual(expect.arrayContaining(["GetPolicy", "GetPolicyVersion"]));
    for (const op of stats.operations) expect(op).toMatch(READ_ONLY);
    const fn = analyzeSnapshot(snapshot).functions[0]!;
    expect(fn.reaches.some((g) => g.resource === UNLISTED.bucket)).toBe(false); // the boundary allows logs only
    expect(fn.unknown).toEqual([]);
  });

  it("asks GetPolicyVersion for the version GetPolicy names as default, not the first one", async () => {
    // A policy edited three times: its default is v4, and IAM answers v1 (if kept at all) with the old document.
    const input = boundedByUnlistedPolicy();
    const iam = input.iam as unknown as { GetPolicy: Record<string, { Policy: { DefaultVersionId: string } }>; GetPolicyVersion: Record<string, { PolicyVersion: { VersionId: string } }> };
    iam.GetPolicy[UNLISTED.boundary]!.Policy.DefaultVersionId = "v4";
    iam.GetPolicyVersion[UNLISTED.boundary]!.PolicyVersion.VersionId = "v4";
    const ep = await serve(input);
    const { snapshot } = await scan();
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.iam?.GetPolicyVersion?.[UNLISTED.boundary]?.PolicyVersion?.VersionId).toBe("v4");
    expect(ep.calls.filter((c) => c.operation === "GetPolicyVersion")).toHaveLength(1);
  });

  it("a denied GetPolicyVersion is an error naming the policy; the scan goes on and the boundary is unknown", async () => {
    await serve(boundedByUnlistedPolicy(), { faults: { accessDenied: [{ operation: "GetPolicyVersion", target: UNLISTED.boundary }] } });
    const { snapshot } = await scan();
    expect(snapshot.errors).toEqual([expect.objectContaining({ operation: "GetPolicyVersion", target: UNLISTED.boundary, code: "AccessDenied" })]);
    expect(snapshot.errors[0]?.region).toBeUndefined(); // IAM is global
    expect(snapshot.iam?.GetPolicy?.[UNLISTED.boundary]).toBeDefined();
    expect(snapshot.iam?.GetPolicyVersion).toBeUndefined();
    expect(snapshot.regions[UNLISTED.region]?.ListFunctions?.Functions).toHaveLength(1);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions[0]?.unknown).toContain("GetAccountAuthorizationDetails: could not read permissions boundary AWSLambdaBasicExecutionRole: GetPolicyVersion failed (AccessDenied)");
    const gap = report.findings.find((f) => f.rule === "data-unavailable");
    expect(gap?.title).toContain("permissions boundary AWSLambdaBasicExecutionRole of role r");
    expect(gap?.remediation).toContain("Allow iam:GetPolicy and iam:GetPolicyVersion to the identity that scans");
  });

  it("a policy IAM does not know is NoSuchEntity (the SDK: NoSuchEntityException) from GetPolicy, and GetPolicyVersion is not asked", async () => {
    const input = boundedByUnlistedPolicy();
    const iam = input.iam as unknown as Record<string, unknown>;
    delete iam.GetPolicy;
    delete iam.GetPolicyVersion;
    const ep = await serve(input);
    const { snapshot } = await scan();
    expect(snapshot.errors).toEqual([expect.objectContaining({ operation: "GetPolicy", target: UNLISTED.boundary, code: "NoSuchEntityException" })]);
    expect(ep.countByOperation((c) => c.service === "iam").GetPolicyVersion).toBeUndefined();
    expect(analyzeSnapshot(snapshot).functions[0]?.unknown).toContain("GetAccountAuthorizationDetails: could not read permissions boundary AWSLambdaBasicExecutionRole: GetPolicy failed (NoSuchEntityException)");
  });

  it("asks only about the boundaries and attached policies of roles, users and groups that Policies lacks", () => {
    const holder = (attached: string[], boundary?: string) => ({
      AttachedManagedPolicies: attached.map((PolicyArn) => ({ PolicyArn })),
      ...(boundary ? { PermissionsBoundary: { PermissionsBoundaryArn: boundary } } : {}),
    });
    const gaad = {
      RoleDetailList: [holder(["arn:aws:iam::aws:policy/listed", "arn:aws:iam::aws:policy/r"], "arn:aws:iam::aws:policy/b")],
      UserDetailList: [holder([], "arn:aws:iam::aws:policy/ub")],
      GroupDetailList: [holder(["arn:aws:iam::aws:policy/g", "arn:aws:iam::aws:policy/r"])],
      Policies: [{ Arn: "arn:aws:iam::aws:policy/listed" }],
    };
    expect(managedPoliciesMissing(gaad)).toEqual(["b", "g", "r", "ub"].map((n) => `arn:aws:iam::aws:policy/${n}`));
  });
});

