import { describe, expect, it } from "vitest";
import { RawDocument, type DocumentInput } from "@/lib/snapshot/fixtures/policy-documents";
import { analyzeModel } from "./analyze";
import { roleAssumers } from "./role-assumers";
import { ACCOUNT, modelOf, newBuilder, REGION } from "./test-support";

const OTHER = "210987654321";
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const SAML = `arn:aws:iam::${ACCOUNT}:saml-provider/okta`;
const doc = (...Statement: object[]): DocumentInput => ({ Version: "2012-10-17", Statement }) as DocumentInput;
const allow = (Principal: unknown, Action: string | string[] = "sts:AssumeRole", extra: object = {}) => ({ Effect: "Allow", Principal, Action, ...extra });

/** The assumers of one role with this trust policy, as [principal, kind, action, sid, decision, summary]. */
function assumersOf(trust: DocumentInput) {
  const b = newBuilder();
  const arn = b.role({ name: "caller", trust });
  const model = modelOf(b);
  const result = roleAssumers(model.roles.get(arn)!, model);
  return { ...result, rows: result.assumers.map((a) => [a.principal, a.kind, a.action, a.sid, a.decision, a.conditionSummary ?? ""]) };
}

describe("roleAssumers", () => {
  it("names services, accounts, roles and the public, each with the call it assumes the role with", () => {
    const { rows, trustUnreadable } = assumersOf(
      doc(
        allow({ Service: "codebuild.amazonaws.com" }),
        { Sid: "Partner", ...allow({ AWS: [`arn:aws:iam::${OTHER}:root`, `arn:aws:iam::${OTHER}:role/deployer`] }) },
        allow({ AWS: ACCOUNT }),
        allow("*", "sts:AssumeRole", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }),
      ),
    );
    expect(trustUnreadable).toBeUndefined();
    expect(rows).toEqual([
      ["codebuild.amazonaws.com", "service", "sts:AssumeRole", "#0", "allowed", ""],
      [`arn:aws:iam::${OTHER}:root`, "other-account", "sts:AssumeRole", "Partner", "allowed", ""],
      [`arn:aws:iam::${OTHER}:role/deployer`, "other-account", "sts:AssumeRole", "Partner", "allowed", ""],
      // An account id is read as the account's root ARN, as IAM stores it.
      [`arn:aws:iam::${ACCOUNT}:root`, "own-account", "sts:AssumeRole", "#2", "allowed", ""],
      ["*", "public", "sts:AssumeRole", "#3", "allowed", "PrincipalOrgID = o-abc123"],
    ]);
  });

  it("asks an identity provider with its own call, and shows the condition that says which workflows", () => {
    const { rows } = assumersOf(
      doc(
        allow({ Federated: GITHUB }, "sts:AssumeRoleWithWebIdentity", {
          Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" } },
        }),
        allow({ Federated: SAML }, "sts:AssumeRoleWithSAML"),
        // sts:AssumeRole is no call an identity provider's sessions can make: this statement lets no one in.
        allow({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com` }, "sts:AssumeRole"),
      ),
    );
    expect(rows).toEqual([
      [GITHUB, "federated", "sts:AssumeRoleWithWebIdentity", "#0", "allowed", "token.actions.githubusercontent.com:sub = repo:acme/app:*"],
      [SAML, "federated", "sts:AssumeRoleWithSAML", "#1", "allowed", ""],
    ]);
  });

  it("says when an assumer is everyone of some kind: any AWS principal, any repository's workflows", () => {
    const open = (trust: DocumentInput) => assumersOf(trust).assumers.map((a) => [a.principal, a.openTo ?? ""]);
    const github = (condition?: object) => allow({ Federated: GITHUB }, "sts:AssumeRoleWithWebIdentity", condition ? { Condition: condition } : {});
    expect(open(doc(allow("*"), github()))).toEqual([
      ["*", "any principal of any AWS account"],
      [GITHUB, "GitHub Actions of any repository"],
    ]);
    // A condition naming the organization, or the repository, keeps outsiders out.
    const narrowed = doc(
      allow("*", "sts:AssumeRole", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }),
      github({ StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" } }),
    );
    expect(open(narrowed)).toEqual([
      ["*", ""],
      [GITHUB, ""],
    ]);
    // A prefix wildcard on the owner admits another owner's repositories (acme-evil/…): still open.
    expect(open(doc(github({ StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme*" } })))).toEqual([[GITHUB, "GitHub Actions of any repository"]]);
  });

  it("leaves out what a Deny cancels and what grants no assume call; a Deny on an unknown condition makes it conditional", () => {
    const { rows } = assumersOf(
      doc(
        allow({ AWS: `arn:aws:iam::${OTHER}:root` }),
        allow({ Service: "ec2.amazonaws.com" }, "sts:TagSession"),
        allow({ Service: "states.amazonaws.com" }),
        { Effect: "Deny", Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "sts:*" },
        { Effect: "Deny", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": OTHER } } },
      ),
    );
    expect(rows).toEqual([["states.amazonaws.com", "service", "sts:AssumeRole", "#2", "conditional", ""]]);
  });

  it("asks a direct caller without the source keys a service sends: a negated aws:SourceAccount lets it in", () => {
    const notFrom = { StringNotEquals: { "aws:SourceAccount": OTHER } };
    const { rows } = assumersOf(
      doc(
        allow({ AWS: `arn:aws:iam::${OTHER}:role/deployer` }, "sts:AssumeRole", { Condition: notFrom }),
        allow({ Federated: GITHUB }, "sts:AssumeRoleWithWebIdentity", { Condition: { Null: { "aws:SourceArn": "true" } } }),
        // A service assuming the role for a resource sends the key: this one is asked for the account it names.
        allow({ Service: "codebuild.amazonaws.com" }, "sts:AssumeRole", { Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }),
        // A role calling STS itself never carries aws:SourceAccount, so a grant that wants it lets the role in nowhere.
        allow({ AWS: `arn:aws:iam::${OTHER}:role/builder` }, "sts:AssumeRole", { Condition: { StringEquals: { "aws:SourceAccount": OTHER } } }),
      ),
    );
    expect(rows.map((r) => [r[0], r[4]])).toEqual([
      [`arn:aws:iam::${OTHER}:role/deployer`, "allowed"],
      [GITHUB, "allowed"],
      ["codebuild.amazonaws.com", "allowed"],
    ]);
  });

  it("says who may assume the role is unknown when its trust policy cannot be read, never no one", () => {
    const unreadable = assumersOf(new RawDocument('{"Version":"2012-10-17","Statement":['));
    expect(unreadable.trustUnreadable).toBe(true);
    expect(unreadable.rows).toEqual([]);
  });
});

describe("the report's invokerRoles", () => {
  it("holds every role of the account that may invoke a function, by its own policy or a function's, and no other role", () => {
    const b = newBuilder();
    const fn = b.functionArn(REGION, "orders");
    const execution = b.role({ name: "orders-role" });
    b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: execution });
    const invoke = (Resource: string) => ({ p: doc({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource }) });
    const ci = b.role({ name: "ci", trust: doc(allow({ Federated: GITHUB }, "sts:AssumeRoleWithWebIdentity")), inline: invoke(fn) });
    const admin = b.role({ name: "admin", trust: doc(allow({ AWS: `arn:aws:iam::${OTHER}:root` })), inline: invoke("*") });
    b.role({ name: "reader", trust: doc(allow({ Service: "ec2.amazonaws.com" })), inline: { p: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) } });
    // Named by the function's resource policy: a caller too, whether or not its own policies say so.
    const granted = b.role({ name: "granted", trust: doc(allow({ Service: "ecs-tasks.amazonaws.com" })) });
    b.permission(fn, { sid: "Granted", principal: granted });
    // A role of another account: not in the snapshot, so who may assume it is not known here.
    b.permission(fn, { sid: "Partner", principal: `arn:aws:iam::${OTHER}:role/partner` });
    const report = analyzeModel(modelOf(b));
    expect(Object.keys(report.invokerRoles ?? {})).toEqual([admin, ci, granted]);
    expect(report.invokerRoles?.[granted]?.assumers.map((a) => a.principal)).toEqual(["ecs-tasks.amazonaws.com"]);
    expect(report.invokerRoles?.[ci]?.assumers.map((a) => a.principal)).toEqual([GITHUB]);
    expect(report.invokerRoles?.[admin]?.assumers.map((a) => a.principal)).toEqual([`arn:aws:iam::${OTHER}:root`]);
  });

  it("is absent when no role invokes through its own policy", () => {
    const b = newBuilder();
    b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "orders-role" }) });
    expect(analyzeModel(modelOf(b)).invokerRoles).toBeUndefined();
  });
});
