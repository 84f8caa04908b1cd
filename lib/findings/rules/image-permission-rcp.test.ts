/**
 * RCPs limit ECR (since June 2025) for every caller of the account's repositories, Lambda's pull of a container image
 * included: a perimeter RCP without the service exemption refuses it though the repository policy lets Lambda in, and
 * the finding cites the RCP statement, with the organization's fix.
 */
import { describe, expect, it } from "vitest";
import { RCP_FULL_AWS_ACCESS, type OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import { builder, findingsOf, REGION, ACCOUNT } from "../test-support";
import { imagePermissionMissing } from "./image-permission-missing";

const OU = "ou-a1b2-prod2222";
const ORG = "o-a1b2c3d4e5";
const OTHER = "210987654321";
const PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];
const LAMBDA_ALLOW = { Sid: "LambdaECRImageRetrievalPolicy", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: PULL };
const CROSS = { Sid: "CrossAccountPermission", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: PULL };

function perimeter(condition: Record<string, Record<string, string>>): OrganizationPolicyOptions {
  return {
    id: "p-ecrperim",
    name: "RegistryPerimeter",
    document: { Version: "2012-10-17", Statement: [{ Sid: "OrgOnly", Effect: "Deny", Principal: "*", Action: "ecr:*", Resource: "*", Condition: condition }] },
  };
}

/** One image function on repository app of `registry`, whose policy lets Lambda pull; `account` RCPs at the account. */
function pulled(account: OrganizationPolicyOptions[] | undefined, registry = ACCOUNT) {
  const b = builder();
  const role = b.role({ name: "image-role" });
  const fn = b.fn({ region: REGION, name: "images", runtime: "python3.13", role, image: true });
  b.ecrImage(fn, `${registry}.dkr.ecr.${REGION}.amazonaws.com/app:v1`, { policy: { Version: "2012-10-17", Statement: [LAMBDA_ALLOW, CROSS] } });
  if (account) {
    b.organization({ ous: [OU], enabled: ["RESOURCE_CONTROL_POLICY"], rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS], [ACCOUNT]: account } });
  }
  return findingsOf(imagePermissionMissing, b);
}

const IN_ORG_ONLY = { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG } };

describe("the organization's RCPs and Lambda pulling a container image", () => {
  it("a perimeter RCP on ecr:* keyed on aws:PrincipalOrgID without the service exemption refuses the pull, citing the RCP", () => {
    const [f, ...rest] = pulled([RCP_FULL_AWS_ACCESS, perimeter(IN_ORG_ONLY)]);
    expect(rest).toEqual([]);
    expect(f?.title).toBe("Lambda cannot pull images's image from ECR repository app: the organization's RCPs refuse it");
    expect(f?.severity).toBe("high");
    expect(f?.detail).toContain("the repository policy lets Lambda in, but the organization's RCPs refuse it");
    const cited = f?.evidence.find((e) => e.kind === "organization-statement");
    expect(cited?.source).toMatchObject({ policyKind: "rcp", policyName: "RegistryPerimeter", target: ACCOUNT, sid: "OrgOnly" });
    expect(f?.remediation).toContain('"aws:PrincipalIsAWSService": "false"');
    expect(f?.remediation).toContain("RCP 'RegistryPerimeter'");
    expect(f?.remediation).toContain("Lambda pulling a function's container image");
    expect(f?.remediation).toContain("allow ecr:BatchGetImage and ecr:GetDownloadUrlForLayer at every level");
  });

  it("the same RCP with the service exemption, RCPFullAWSAccess alone, or no organization lets Lambda pull", () => {
    const exempt = perimeter({ ...IN_ORG_ONLY, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } });
    expect(pulled([RCP_FULL_AWS_ACCESS, exempt])).toEqual([]);
    expect(pulled([RCP_FULL_AWS_ACCESS])).toEqual([]);
    expect(pulled(undefined)).toEqual([]);
  });

  it("another account's repository is under that account's RCPs, not this one's", () => {
    expect(pulled([RCP_FULL_AWS_ACCESS, perimeter(IN_ORG_ONLY)], OTHER)).toEqual([]);
  });

  it("a condition the snapshot cannot judge for Lambda's request: 'may', medium", () => {
    const [f] = pulled([RCP_FULL_AWS_ACCESS, perimeter({ StringNotEquals: { "aws:SourceVpc": "vpc-1" } })]);
    expect(f?.title).toBe("Lambda may not be able to pull images's image from ECR repository app: the organization's RCPs may refuse it");
    expect(f?.severity).toBe("medium");
  });
});
