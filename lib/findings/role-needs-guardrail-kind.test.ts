/**
 * A need the organization refuses is the organization's to lift, and the remediation names which kind of policy to
 * ask about: from the evaluator's `refusingGuardrails`, not from the wording of its reasons. It once named the RCP
 * alone when an SCP level and an RCP level both lacked an Allow (a reason starting "no RCP attached" decided it).
 */
import { describe, expect, it } from "vitest";
import type { OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import { builder, findingsOf, REGION, ACCOUNT } from "./test-support";
import { logsPermissionMissing } from "./rules/logs-permission-missing";

const OU = "ou-a1b2-prod2222";

/** An organization policy of `kind` that allows (SCP) or denies (RCP: only RCPFullAWSAccess may Allow) s3:* alone. */
function notLogs(kind: "scp" | "rcp"): OrganizationPolicyOptions {
  const st = kind === "scp" ? { Effect: "Allow", Action: "s3:*", Resource: "*" } : { Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: "*" };
  return { id: `p-${kind}nolog1`, name: `${kind}-no-logs`, document: { Version: "2012-10-17", Statement: [st] } };
}

const FULL = {
  scp: { id: "p-FullAWSAccess", name: "FullAWSAccess", awsManaged: true, document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
  rcp: { id: "p-RCPFullAWSAccess", name: "RCPFullAWSAccess", awsManaged: true, document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] } },
};

/** The log-writing finding of a function whose role may write logs, the OU's level of each kind in `refusing` holding no Allow for them. */
function remediation(refusing: ("scp" | "rcp")[]): string | undefined {
  const b = builder();
  const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")] });
  b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role });
  const levels = (kind: "scp" | "rcp") => ({ "r-a1b2": [FULL[kind]], [OU]: [refusing.includes(kind) ? notLogs(kind) : FULL[kind]], [ACCOUNT]: [FULL[kind]] });
  b.organization({ ous: [OU], enabled: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"], scps: levels("scp"), rcps: levels("rcp") });
  const [f, ...rest] = findingsOf(logsPermissionMissing, b);
  expect(rest).toEqual([]);
  return f?.remediation;
}

describe("the remediation of a need the organization refuses", () => {
  it("names the SCP, or the RCP, whose level lacks an Allow", () => {
    expect(remediation(["scp"])).toContain("organization's service control policy (SCP) (see evidence)");
    expect(remediation(["rcp"])).toContain("organization's resource control policy (RCP) (see evidence)");
  });

  it("names both when both lack one", () => {
    expect(remediation(["scp", "rcp"])).toContain("organization's service control policy (SCP) or resource control policy (RCP) (see evidence)");
  });
});
