import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, OTHER_ACCOUNT, REGION, testRuleCases, type RuleCase } from "../test-support";
import { functionStateFailed } from "./function-state-failed";

type B = ReturnType<typeof builder>;
const VPC = { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0123abcd"], vpcId: "vpc-0feed" };
const ENI_REASON = "The provided execution role does not have permissions to call CreateNetworkInterface on EC2";

/** A VPC function whose role has the basic execution policy only (`vpcActions` adds the ENI actions), with a state. */
function fnReporting(state: Record<string, unknown> | undefined, opts: { vpcActions?: boolean; trust?: ReturnType<typeof serviceTrust> } = {}): { b: B; fn: string } {
  const b = builder();
  const managed = [b.attachAwsManaged("AWSLambdaBasicExecutionRole"), ...(opts.vpcActions ? [b.attachAwsManaged("AWSLambdaVPCAccessExecutionRole")] : [])];
  const fn = b.fn({ region: REGION, name: "migrator", runtime: "python3.13", role: b.role({ name: "r", managed, ...(opts.trust ? { trust: opts.trust } : {}) }), vpc: VPC });
  if (state) b.functionState(fn, state);
  return { b, fn };
}

const failed = { State: "Failed", StateReasonCode: "InsufficientRolePermissions", StateReason: ENI_REASON, LastUpdateStatus: "Failed" };

const cases: RuleCase[] = [
  {
    name: "Failed for the role's permissions: high, AWS's code in the title",
    build: () => fnReporting(failed).b,
    titles: ["AWS reports the function Failed: InsufficientRolePermissions"],
    severities: ["high"],
  },
  { name: "Active", build: () => fnReporting({ State: "Active", LastUpdateStatus: "Successful" }, { vpcActions: true }).b, titles: [] },
  { name: "Pending (being set up)", build: () => fnReporting({ State: "Pending", StateReasonCode: "Creating", LastUpdateStatus: "InProgress" }, { vpcActions: true }).b, titles: [] },
  { name: "Inactive because Idle is normal", build: () => fnReporting({ State: "Inactive", StateReasonCode: "Idle", StateReason: "The function is idle." }, { vpcActions: true }).b, titles: [] },
  { name: "Inactive with no reason code", build: () => fnReporting({ State: "Inactive" }, { vpcActions: true }).b, titles: [] },
  {
    name: "Inactive for another reason: reactivation failed, high",
    build: () => fnReporting({ State: "Inactive", StateReasonCode: "EniLimitExceeded", StateReason: "Network interface limit exceeded." }, { vpcActions: true }).b,
    titles: ["AWS reports the function Inactive: EniLimitExceeded"],
    severities: ["high"],
  },
  {
    name: "a failed update of an Active function: medium",
    build: () =>
      fnReporting({ State: "Active", LastUpdateStatus: "Failed", LastUpdateStatusReasonCode: "KMSKeyAccessDenied", LastUpdateStatusReason: "Lambda was unable to decrypt the environment variables." }, { vpcActions: true }).b,
    titles: ["AWS reports the function's last update Failed: KMSKeyAccessDenied"],
    severities: ["medium"],
  },
  { name: "a snapshot taken before the state was read: nothing", build: () => fnReporting(undefined).b, titles: [] },
  {
    name: "the read failed: no verdict",
    build: () => {
      const { b, fn } = fnReporting(failed);
      b.error({ region: REGION, operation: "GetFunctionConfiguration", target: fn, code: "AccessDeniedException", message: "denied" });
      return b;
    },
    // The builder still writes the answer: the recorded error alone must stop the verdict.
    titles: [],
  },
];

describe("function-state-failed", () => {
  testRuleCases(functionStateFailed, cases);

  it("quotes AWS's code and message as evidence, and points at the tool's own finding of the cause", () => {
    const { b, fn } = fnReporting(failed);
    const [f] = findingsOf(functionStateFailed, b);
    expect(f?.function).toBe(fn);
    expect(f?.detail).toContain(`"${ENI_REASON}"`);
    expect(f?.detail).toContain("ec2:CreateNetworkInterface");
    expect(f?.evidence).toEqual([
      expect.objectContaining({
        kind: "configuration",
        source: { functionArn: fn, operation: "GetFunctionConfiguration" },
        document: { State: "Failed", StateReasonCode: "InsufficientRolePermissions", StateReason: ENI_REASON, LastUpdateStatus: "Failed" },
      }),
    ]);
    expect(f?.remediation).toContain("vpc-permission-missing");
    expect(f?.remediation).not.toContain("No check of this tool");
  });

  it("ImageAccessDenied points at image-permission-missing when the repository policy leaves Lambda out", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "imaged", runtime: "python3.13", role: b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")] }), image: true });
    const reason = { State: "Failed", StateReasonCode: "ImageAccessDenied", StateReason: "Lambda does not have permission to access the ECR image.", LastUpdateStatus: "Successful" };
    b.functionState(fn, reason);
    b.ecrImage(fn, `${fn.split(":")[4]}.dkr.ecr.${REGION}.amazonaws.com/imaged:v1`, { policy: null });
    const [f] = findingsOf(functionStateFailed, b);
    expect(f?.title).toBe("AWS reports the function Failed: ImageAccessDenied");
    expect(f?.remediation).toContain("image-permission-missing");
  });

  it("when no check of this tool finds the cause, says so and names the action AWS names", () => {
    const { b } = fnReporting(failed, { vpcActions: true });
    const [f] = findingsOf(functionStateFailed, b);
    expect(f?.title).toBe("AWS reports the function Failed: InsufficientRolePermissions");
    expect(f?.remediation).toContain("No check of this tool finds that cause");
    expect(f?.remediation).toContain("ec2:CreateNetworkInterface");
    expect(f?.remediation).not.toContain("vpc-permission-missing");
  });

  it("a role Lambda cannot assume is a cause; a role others may assume too is not", () => {
    const untrusted = findingsOf(functionStateFailed, fnReporting(failed, { vpcActions: true, trust: serviceTrust("ec2.amazonaws.com") }).b)[0];
    expect(untrusted?.remediation).toContain("execution-role-trust");
    const shared = serviceTrust("lambda.amazonaws.com", { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "sts:AssumeRole" });
    const alsoOthers = findingsOf(functionStateFailed, fnReporting(failed, { vpcActions: true, trust: shared }).b)[0];
    expect(alsoOthers?.remediation).not.toContain("execution-role-trust");
    expect(alsoOthers?.remediation).toContain("No check of this tool finds that cause");
  });

  it("an unknown code: AWS's message stands for the cause", () => {
    const { b } = fnReporting({ State: "Failed", StateReasonCode: "SomethingNew", StateReason: "<b>odd</b> reason" }, { vpcActions: true });
    const [f] = findingsOf(functionStateFailed, b);
    expect(f?.title).toBe("AWS reports the function Failed: SomethingNew");
    // As text: the report carries AWS's words as they came, and the views render them as text.
    expect(f?.detail).toContain('"<b>odd</b> reason"');
    expect(f?.remediation).toContain("AWS's message says what failed");
  });

  it("a failed read is reported by data-unavailable naming this rule; an older snapshot gets neither", () => {
    const { b, fn } = fnReporting(failed);
    b.error({ region: REGION, operation: "GetFunctionConfiguration", target: fn, code: "AccessDeniedException", message: "denied" });
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    const gap = report.findings.find((f) => f.rule === "data-unavailable" && f.function === fn);
    expect(gap?.detail).toContain("function-state-failed");
    expect(report.functions.find((x) => x.arn === fn)?.unknown).toContain("GetFunctionConfiguration: AccessDeniedException");

    const old = analyzeSnapshot(parseSnapshot(JSON.stringify(fnReporting(undefined).b.build())));
    expect(old.findings.filter((f) => f.rule === "data-unavailable" || f.rule === "function-state-failed")).toEqual([]);
  });

  it("a State that is not text makes the state unknown, not failed or fine", () => {
    const { b, fn } = fnReporting({ State: 5, StateReasonCode: "InsufficientRolePermissions" });
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    expect(report.findings.filter((f) => f.rule === "function-state-failed")).toEqual([]);
    expect(report.findings.find((f) => f.rule === "data-unavailable" && f.function === fn)?.detail).toContain("function-state-failed");
  });
});
