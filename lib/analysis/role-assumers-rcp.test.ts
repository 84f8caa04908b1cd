/**
 * The organization's RCPs limit every caller's sts: request on the account's roles, not only Lambda's: who may assume
 * a role (the report's invokerRoles, and the findings read from it) is the trust policy's answer within them.
 */
import { describe, expect, it } from "vitest";
import { RCP_FULL_AWS_ACCESS, type OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import { policy, type DocumentInput } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, builder, findingsOf, OTHER_ACCOUNT, REGION } from "@/lib/findings/test-support";
import { executionRoleTrust } from "@/lib/findings/rules/execution-role-trust";
import { invokerRoleOpenTrust } from "@/lib/findings/rules/invoker-role-open-trust";
import { roleAssumers } from "./role-assumers";
import { modelOf } from "./test-support";

const ORG = "o-a1b2c3d4e5";
const OU = "ou-a1b2-prod2222";
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const SUB = "token.actions.githubusercontent.com:sub";

const allow = (Principal: unknown, Action = "sts:AssumeRole", Condition?: object) => ({ Effect: "Allow", Principal, Action, ...(Condition ? { Condition } : {}) });
const TRUST = policy(
  allow({ Service: "lambda.amazonaws.com" }) as never,
  { Sid: "Partner", ...allow({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }) } as never,
  { Sid: "Own", ...allow({ AWS: ACCOUNT }) } as never,
  { Sid: "Anyone", ...allow("*") } as never,
);

function rcp(Sid: string, Action: string, Condition: object): OrganizationPolicyOptions {
  return { id: `p-${Sid.toLowerCase()}`, name: Sid, document: { Version: "2012-10-17", Statement: [{ Sid, Effect: "Deny", Principal: "*", Action, Resource: "*", Condition }] } };
}

/** AWS's data-perimeter identity RCP for roles: org members, the exempt tag and AWS services only. */
const PERIMETER = rcp("EnforceOrgIdentities", "sts:AssumeRole", {
  StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG, "aws:ResourceTag/dp:exclude:identity": "true" },
  BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
});

/** A role `ci` with this trust (and tags) that may invoke function `orders`, under `rcps` at the account's level. */
function account(trust: DocumentInput, rcps?: OrganizationPolicyOptions[], tags?: Record<string, string>) {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "orders-role" }) });
  b.role({ name: "ci", trust, tags, inline: { invoke: policy({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }) } });
  if (rcps) b.organization({ ous: [OU], enabled: ["RESOURCE_CONTROL_POLICY"], rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS], [ACCOUNT]: [RCP_FULL_AWS_ACCESS, ...rcps] } });
  return b;
}

/** The role's assumers as "principal decision [open to]". */
function assumers(b: ReturnType<typeof account>): string[] {
  const model = modelOf(b);
  return roleAssumers(model.roles.get(`arn:aws:iam::${ACCOUNT}:role/ci`)!, model).assumers.map((a) => `${a.principal} ${a.decision}${a.openTo ? ` [${a.openTo}]` : ""}`);
}

describe("who may assume a role, within the organization's RCPs", () => {
  it("without RCPs the trust policy alone answers: the partner, the account and anyone", () => {
    expect(assumers(account(TRUST))).toEqual([
      "lambda.amazonaws.com allowed",
      `arn:aws:iam::${OTHER_ACCOUNT}:root allowed`,
      `arn:aws:iam::${ACCOUNT}:root allowed`,
      "* allowed [any principal of any AWS account]",
    ]);
  });

  it("an identity perimeter keeps the role in the organization: the account's own principals and Lambda still get in, others only if in it", () => {
    expect(assumers(account(TRUST, [PERIMETER]))).toEqual([
      // The service exemption lets Lambda through; the account's own principals carry the organization's id.
      "lambda.amazonaws.com allowed",
      // Whether another account is in the organization is not in the snapshot.
      `arn:aws:iam::${OTHER_ACCOUNT}:root conditional`,
      `arn:aws:iam::${ACCOUNT}:root allowed`,
      // Members of the organization may; outsiders cannot: no longer open to any AWS account.
      "* conditional",
    ]);
    // The RCP statement that may refuse them is named with each, as evidence; the account's own principals have none.
    const model = modelOf(account(TRUST, [PERIMETER]));
    const limits = roleAssumers(model.roles.get(`arn:aws:iam::${ACCOUNT}:role/ci`)!, model).assumers.map((a) => a.limitedBy);
    const perimeter = [`RCP 'EnforceOrgIdentities' (p-enforceorgidentities) attached to ${ACCOUNT} statement "EnforceOrgIdentities"`];
    expect(limits).toEqual([undefined, perimeter, undefined, perimeter]);
  });

  it("the role's own tags decide an RCP's exemption on aws:ResourceTag: an exempt role stays open", () => {
    expect(assumers(account(TRUST, [PERIMETER], { "dp:exclude:identity": "true" }))).toContain(`arn:aws:iam::${OTHER_ACCOUNT}:root allowed`);
    expect(assumers(account(TRUST, [PERIMETER], { "dp:exclude:identity": "true" }))).toContain("* allowed [any principal of any AWS account]");
    expect(assumers(account(TRUST, [PERIMETER], { team: "ci" }))).toContain("* conditional");
  });

  it("a perimeter that refuses only other organizations' principals lets those of none in: still open to anyone", () => {
    const leaky = rcp("Leaky", "sts:AssumeRole", { StringNotEquals: { "aws:PrincipalOrgID": ORG }, Null: { "aws:PrincipalOrgID": "false" } });
    expect(assumers(account(TRUST, [leaky]))).toContain("* conditional [any principal of any AWS account]");
    // Without the Null test a request without the key meets StringNotEquals too: outsiders of no organization are out.
    const tight = rcp("Tight", "sts:AssumeRole", { StringNotEquals: { "aws:PrincipalOrgID": ORG }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } });
    expect(assumers(account(TRUST, [tight]))).toContain("* conditional");
  });

  it("an RCP that refuses every other account removes it from the list", () => {
    const ownOnly = rcp("OwnAccountOnly", "sts:AssumeRole", { StringNotEquals: { "aws:PrincipalAccount": ACCOUNT }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } });
    expect(assumers(account(TRUST, [ownOnly]))).toEqual(["lambda.amazonaws.com allowed", `arn:aws:iam::${ACCOUNT}:root allowed`, "* conditional"]);
  });

  it("an RCP on the GitHub tenant keeps other repositories' workflows out of a role whose trust admits any", () => {
    const trust = policy({ Sid: "GitHub", ...allow({ Federated: GITHUB }, "sts:AssumeRoleWithWebIdentity") } as never);
    const tenant = rcp("EnforceTrustedOIDCTenants", "sts:AssumeRoleWithWebIdentity", { StringNotEqualsIfExists: { [SUB]: "repo:acme/*" }, Null: { [SUB]: "false" } });
    expect(assumers(account(trust))).toEqual([`${GITHUB} allowed [GitHub Actions of any repository]`]);
    expect(findingsOf(invokerRoleOpenTrust, account(trust)).map((f) => f.severity)).toEqual(["critical"]);
    expect(assumers(account(trust, [tenant]))).toEqual([`${GITHUB} conditional`]);
    expect(findingsOf(invokerRoleOpenTrust, account(trust, [tenant]))).toEqual([]);
  });
});

describe("findings read from the assumers", () => {
  it("invoker-role-open-trust: a * trust inside an identity perimeter is no longer open to any AWS account", () => {
    const trust = policy({ Sid: "Anyone", ...allow("*") } as never);
    expect(findingsOf(invokerRoleOpenTrust, account(trust)).map((f) => f.title)).toEqual(["Any principal of any AWS account can invoke this function through role ci"]);
    expect(findingsOf(invokerRoleOpenTrust, account(trust, [PERIMETER]))).toEqual([]);
  });

  it("execution-role-trust: the * is named as narrowed by the RCPs, 'may', medium, citing the RCP statement", () => {
    const b = builder();
    const role = b.role({ name: "exec", trust: policy(allow({ Service: "lambda.amazonaws.com" }) as never, { Sid: "Anyone", ...allow("*") } as never) });
    b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
    const open = findingsOf(executionRoleTrust, b).filter((f) => f.id.includes("others"));
    expect(open.map((f) => [f.title, f.severity])).toEqual([["Role exec can also be assumed by *", "critical"]]);
    b.organization({ ous: [OU], enabled: ["RESOURCE_CONTROL_POLICY"], rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS], [ACCOUNT]: [RCP_FULL_AWS_ACCESS, PERIMETER] } });
    const [f, ...rest] = findingsOf(executionRoleTrust, b).filter((x) => x.id.includes("others"));
    expect(rest).toEqual([]);
    expect([f?.title, f?.severity]).toEqual(["Role exec may also be assumed by * (within the organization's RCPs)", "medium"]);
    expect(f?.evidence.find((e) => e.kind === "organization-statement")?.source).toMatchObject({ policyKind: "rcp", sid: "EnforceOrgIdentities" });
  });

  it("execution-role-trust: another account the RCPs may refuse is 'may', and the detail names the RCP statement", () => {
    const b = builder();
    const role = b.role({ name: "exec", trust: policy(allow({ Service: "lambda.amazonaws.com" }) as never, { Sid: "Partner", ...allow({ AWS: OTHER_ACCOUNT }) } as never) });
    b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
    b.organization({ ous: [OU], enabled: ["RESOURCE_CONTROL_POLICY"], rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS], [ACCOUNT]: [RCP_FULL_AWS_ACCESS, PERIMETER] } });
    const [f] = findingsOf(executionRoleTrust, b).filter((x) => x.id.includes("others"));
    expect(f?.title).toBe(`Role exec may also be assumed by arn:aws:iam::${OTHER_ACCOUNT}:root`);
    expect(f?.detail).toContain(
      `The organization's RCPs may still refuse arn:aws:iam::${OTHER_ACCOUNT}:root (RCP 'EnforceOrgIdentities' (p-enforceorgidentities) attached to ${ACCOUNT} statement "EnforceOrgIdentities")`,
    );
  });
});
