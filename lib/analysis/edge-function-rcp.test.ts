/**
 * Lambda@Edge within the organization's RCPs: CloudFront's replicas run under a role edgelambda.amazonaws.com
 * assumes, and RCPs limit that sts:AssumeRole as they limit Lambda's. A role the RCPs keep Lambda@Edge out of cannot
 * be one CloudFront runs, so neither the "associations not read" gap nor the replicas' log group applies to it.
 */
import { describe, expect, it } from "vitest";
import { RCP_FULL_AWS_ACCESS, type OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, builder, findingsOf, REGION } from "@/lib/findings/test-support";
import { logsPermissionMissing } from "@/lib/findings/rules/logs-permission-missing";
import { analyzeModel } from "./analyze";
import { mayRunAtEdge } from "./edge-function";
import { modelOf } from "./test-support";

const ORG = "o-a1b2c3d4e5";
const EDGE_TRUST = policy({ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] }, Action: "sts:AssumeRole" } as never);
/** Only its own log group: a possible Lambda@Edge function is then told where its replicas log. */
const OWN_GROUP = policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/edge:*`));

function rcp(Sid: string, Condition: object): OrganizationPolicyOptions {
  return { id: `p-${Sid.toLowerCase()}`, name: Sid, document: { Version: "2012-10-17", Statement: [{ Sid, Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Resource: "*", Condition }] } };
}

/** The perimeter as first written: organization members only, with no exemption for AWS services. */
const MEMBERS_ONLY = rcp("OrgMembersOnly", { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG } });
/** AWS's data-perimeter example, which exempts AWS services' requests. */
const SERVICES_EXEMPT = rcp("OrgMembersAndServices", { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } });
/** Keyed on a value the snapshot does not hold for CloudFront's request (which distribution asks). */
const BY_SOURCE = rcp("OnlyOurDistributions", { StringNotLike: { "aws:SourceArn": "arn:aws:cloudfront::*:distribution/E1*" } });

function account(rcps?: OrganizationPolicyOptions[]) {
  const b = builder();
  b.fn({ region: REGION, name: "edge", runtime: "nodejs22.x", role: b.role({ name: "edge-role", trust: EDGE_TRUST, inline: { logs: OWN_GROUP } }) });
  if (rcps) b.organization({ enabled: ["RESOURCE_CONTROL_POLICY"], rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [ACCOUNT]: [RCP_FULL_AWS_ACCESS, ...rcps] } });
  return b;
}

function atEdge(b: ReturnType<typeof account>) {
  const model = modelOf(b);
  const fn = model.functions[0]!;
  const report = analyzeModel(model);
  const logs = findingsOf(logsPermissionMissing, b);
  return {
    may: mayRunAtEdge(fn, fn.role, model),
    gap: report.functions[0]!.unknown.some((u) => u.includes("Lambda@Edge associations are not in the snapshot")),
    replicas: logs.some((f) => f.detail.includes("/aws/lambda/us-east-1.edge")),
  };
}

describe("Lambda@Edge within the organization's RCPs", () => {
  it("with no organization, the trust policy alone lets CloudFront run it", () => {
    expect(atEdge(account())).toEqual({ may: true, gap: true, replicas: true });
  });

  it("an RCP that refuses every principal outside the organization, AWS services included, keeps it off the edge", () => {
    expect(atEdge(account([MEMBERS_ONLY]))).toEqual({ may: false, gap: false, replicas: false });
  });

  it("the data-perimeter RCP, which exempts AWS services, leaves it as the trust policy has it", () => {
    expect(atEdge(account([SERVICES_EXEMPT]))).toEqual({ may: true, gap: true, replicas: true });
  });

  it("an RCP on a condition the snapshot cannot settle still may let CloudFront run it", () => {
    expect(atEdge(account([BY_SOURCE]))).toEqual({ may: true, gap: true, replicas: true });
  });
});
