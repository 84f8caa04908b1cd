/**
 * RCPs limit sts:AssumeRole on the account's roles for every caller, Lambda's own request included: a perimeter RCP
 * without the service exemption stops every function on the role, and the finding cites the RCP statement.
 */
import { describe, expect, it } from "vitest";
import { RCP_FULL_AWS_ACCESS, type OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import { builder, findingsOf, REGION, ACCOUNT } from "../test-support";
import { executionRoleTrust } from "./execution-role-trust";

const OU = "ou-a1b2-prod2222";
const ORG = "o-a1b2c3d4e5";

function perimeter(condition: Record<string, Record<string, string>>): OrganizationPolicyOptions {
  return {
    id: "p-perimeter",
    name: "RolePerimeter",
    document: { Version: "2012-10-17", Statement: [{ Sid: "OrgOnly", Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Resource: "*", Condition: condition }] },
  };
}

/** One function on a role Lambda's trust lets in; its account under RCPs `account` at the account's level. */
function guarded(account: OrganizationPolicyOptions[] | undefined) {
  const b = builder();
  const role = b.role({ name: "r", inline: {} });
  b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  if (account) {
    b.organization({ ous: [OU], enabled: ["RESOURCE_CONTROL_POLICY"], rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS], [ACCOUNT]: account } });
  }
  return findingsOf(executionRoleTrust, b).filter((f) => f.id.includes("lambda-rcp"));
}

describe("the organization's RCPs and Lambda assuming the execution role", () => {
  it("a perimeter RCP keyed on aws:PrincipalOrgID without the service exemption refuses Lambda, citing the RCP", () => {
    const [f, ...rest] = guarded([RCP_FULL_AWS_ACCESS, perimeter({ StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG } })]);
    expect(rest).toEqual([]);
    expect(f?.title).toBe("Lambda cannot assume role r: the organization's RCPs refuse it");
    expect(f?.severity).toBe("medium");
    const cited = f?.evidence.find((e) => e.kind === "organization-statement");
    expect(cited?.source).toMatchObject({ policyKind: "rcp", policyName: "RolePerimeter", target: ACCOUNT, sid: "OrgOnly" });
    expect(f?.remediation).toContain('"aws:PrincipalIsAWSService": "false"');
    expect(f?.remediation).toContain("RCP 'RolePerimeter'");
  });

  it("the same RCP with the service exemption, or no RCP at all, lets Lambda in", () => {
    const exempt = perimeter({ StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } });
    expect(guarded([RCP_FULL_AWS_ACCESS, exempt])).toEqual([]);
    expect(guarded([RCP_FULL_AWS_ACCESS])).toEqual([]);
    expect(guarded(undefined)).toEqual([]);
  });

  it("a condition the snapshot cannot judge for Lambda's request: 'may', low", () => {
    const [f] = guarded([RCP_FULL_AWS_ACCESS, perimeter({ StringNotEquals: { "aws:SourceVpc": "vpc-1" } })]);
    expect(f?.title).toBe("Lambda may not be able to assume role r: the organization's RCPs may refuse it");
    expect(f?.severity).toBe("low");
  });
});
