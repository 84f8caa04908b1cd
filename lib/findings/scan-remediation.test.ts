import { describe, expect, it } from "vitest";
import { scanRemediation } from "./scan-remediation";
import { builder, findingsOf, REGION } from "./test-support";
import { RULES } from "./rules/registry";

const dataUnavailable = RULES.find((r) => r.id === "data-unavailable")!;
const SCP = "User: arn:aws:sts::123456789012:assumed-role/audit/s is not authorized to perform: lambda:GetPolicy on resource: arn:aws:lambda:us-east-1:123456789012:function:f with an explicit deny in a service control policy";

describe("scanRemediation", () => {
  it("names the failed actions and says to grant them when no policy allows them", () => {
    const r = scanRemediation([{ operation: "GetPolicy", code: "AccessDeniedException", message: "because no identity-based policy allows the lambda:GetPolicy action" }]);
    expect(r).toContain("Allow lambda:GetPolicy for the scanning principal");
    expect(r).not.toContain("ListAliases");
  });

  it("an SCP denial is not fixed by granting: it says so and points at the organization", () => {
    const r = scanRemediation([{ operation: "GetPolicy", code: "AccessDeniedException", message: SCP }]);
    expect(r).toMatch(/service control policy .* denies lambda:GetPolicy/);
    expect(r).not.toMatch(/^Allow/);
  });

  it("throttling, boundaries, malformed text and other errors each get their own advice", () => {
    const r = scanRemediation([
      { operation: "ListAliases", code: "TooManyRequestsException" },
      { operation: "GetFunctionEventInvokeConfig", code: "AccessDeniedException", message: "with an explicit deny in a permissions boundary" },
      { operation: "GetPolicy", code: "MalformedPolicy", message: "Unexpected token" },
      { operation: "ListEventSourceMappings", code: "ServiceException" },
    ]);
    expect(r).toContain("throttled lambda:ListAliases");
    expect(r).toContain("permissions boundary does not allow lambda:GetFunctionEventInvokeConfig");
    expect(r).toContain("not a valid policy document");
    expect(r).toContain("lambda:ListEventSourceMappings failed for another reason");
  });

  it("operations known missing without a recorded failure are asked for by their IAM action", () => {
    expect(scanRemediation([], ["GetAccountAuthorizationDetails"])).toContain("Allow iam:GetAccountAuthorizationDetails");
  });

  it("a per-role IAM read another scanner recorded is asked for as the IAM action it is, not a Lambda one", () => {
    const r = scanRemediation([{ operation: "GetRole", code: "AccessDenied" }, { operation: "ListAttachedRolePolicies", code: "AccessDenied" }]);
    expect(r).toContain("Allow iam:GetRole, iam:ListAttachedRolePolicies for the scanning principal");
    expect(r).not.toContain("lambda:GetRole");
  });

  it("an answer the scanner could not take (MalformedResponse) is no grant to add: scan again, and suspect the endpoint", () => {
    const r = scanRemediation([{ operation: "ListAliases", code: "MalformedResponse", message: "alias live was left out: AliasArn: Invalid input" }]);
    expect(r).toMatch(/^The answer to lambda:ListAliases could not be taken as it came/);
    expect(r).not.toMatch(/Allow lambda:ListAliases/);
  });

  it("an answer the snapshot leaves out with no error recorded (NotRead) failed no call: it says so, and to scan again", () => {
    const r = scanRemediation([{ operation: "GetQueueAttributes", code: "NotRead", message: "the snapshot holds no GetQueueAttributes answer for it" }]);
    expect(r).toMatch(/^The snapshot holds no answer to sqs:GetQueueAttributes for/);
    expect(r).toContain("scan again");
    expect(r).not.toMatch(/failed|Allow sqs:GetQueueAttributes/);
  });

  it("the data-unavailable finding uses it", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.error({ operation: "GetPolicy", target: fn, code: "AccessDeniedException", message: SCP });
    const [f] = findingsOf(dataUnavailable, b);
    expect(f?.remediation).toMatch(/service control policy/);
  });
});
