/**
 * A role whose trust policy lets its assumers pass session tags (sts:TagSession, as IAM Identity Center permission-set
 * roles and most SAML/OIDC roles allow) has sessions whose aws:PrincipalTag/* may be the session tags, which override
 * the role's own (id_session-tags.html). An ABAC grant keyed on such a tag is conditional, not refused; a function's
 * own session (Lambda passes no session tags) still holds exactly the role's tags.
 */
import { describe, expect, it } from "vitest";
import { canRole, roleDecision } from "./role-access";
import { identityInvokers } from "./identity-invokers";
import { RawDocument } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const saml = `arn:aws:iam::${ACCOUNT}:saml-provider/corp`;
const samlTrust = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Federated: saml }, Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"], Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }],
};

function setup(resource: string) {
  const b = newBuilder();
  const role = b.role({
    name: "sso-dev",
    trust: samlTrust as never,
    inline: {
      abac: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: resource, Condition: { StringEquals: { "aws:PrincipalTag/team": "payments" } } }],
      } as never,
    },
  });
  b.fn({ region: REGION, name: "pay", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
  return { model: modelOf(b), roleArn: role };
}

describe("aws:PrincipalTag of a role whose sessions may carry session tags", () => {
  it("an ABAC grant on a session tag the role itself lacks is conditional, not refused", () => {
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:pay`;
    const { model, roleArn } = setup(fn);
    const role = model.roles.get(roleArn)!;
    expect(canRole(model, role, { action: "lambda:InvokeFunction", resource: fn }).decision).toBe("conditional");
    expect(roleDecision(model, role, { action: "lambda:InvokeFunction", resource: fn })).toBe("conditional");
  });

  it("the role is listed among the function's invokers (conditional), not left out", () => {
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:pay`;
    const { model, roleArn } = setup(fn);
    const listed = identityInvokers(model).byFunction.get(fn) ?? [];
    expect(listed.map((i) => i.principal)).toContain(roleArn);
  });

  it("a Deny unless a session tag says so is not a certain refusal for such a role", () => {
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:pay`;
    const b = newBuilder();
    const roleArn = b.role({
      name: "sso-ops",
      trust: samlTrust as never,
      inline: {
        p: {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" },
            { Effect: "Deny", Action: "lambda:InvokeFunction", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalTag/oncall": "yes" } } },
          ],
        } as never,
      },
    });
    b.fn({ region: REGION, name: "pay", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    const model = modelOf(b);
    expect(canRole(model, model.roles.get(roleArn)!, { action: "lambda:InvokeFunction", resource: fn }).decision).toBe("conditional");
  });

  it("without sts:TagSession in its trust the role's own tags decide: no team tag, no invoke", () => {
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:pay`;
    const b = newBuilder();
    const plainTrust = { ...samlTrust, Statement: [{ ...samlTrust.Statement[0], Action: "sts:AssumeRoleWithSAML" }] };
    const abac = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn, Condition: { StringEquals: { "aws:PrincipalTag/team": "payments" } } }] };
    const untagged = b.role({ name: "sso-plain", trust: plainTrust as never, inline: { abac: abac as never } });
    const tagged = b.role({ name: "sso-payments", trust: plainTrust as never, tags: { team: "payments" }, inline: { abac: abac as never } });
    b.fn({ region: REGION, name: "pay", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    const model = modelOf(b);
    expect(canRole(model, model.roles.get(untagged)!, { action: "lambda:InvokeFunction", resource: fn }).decision).toBe("implicitly-denied");
    expect(canRole(model, model.roles.get(tagged)!, { action: "lambda:InvokeFunction", resource: fn }).decision).toBe("allowed");
    const listed = (identityInvokers(model).byFunction.get(fn) ?? []).map((i) => i.principal);
    expect(listed).toContain(tagged);
    expect(listed).not.toContain(untagged);
  });

  /** A function whose role (trusted by Lambda and a SAML provider that passes session tags) holds an ABAC grant. */
  function abacWorker(tags?: Record<string, string>) {
    const target = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:pay`;
    const b = newBuilder();
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }, samlTrust.Statement[0]] };
    const exec = b.role({
      name: "worker-exec",
      trust: trust as never,
      ...(tags ? { tags } : {}),
      inline: { abac: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: target, Condition: { StringEquals: { "aws:PrincipalTag/team": "payments" } } }] } as never },
    });
    b.fn({ region: REGION, name: "worker", runtime: "nodejs20.x", role: exec });
    b.fn({ region: REGION, name: "pay", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    const model = modelOf(b);
    return { model, role: model.roles.get(exec)!, worker: model.functions.find((f) => f.name === "worker")!, query: { action: "lambda:InvokeFunction", resource: target } };
  }

  it("a function's own session carries no session tags, whatever the trust allows", () => {
    const { model, role, worker, query } = abacWorker();
    expect(canRole(model, role, query, worker).decision).toBe("implicitly-denied");
  });

  it("a function's own session holds the role's tags even when the trust allows sts:TagSession", () => {
    // The other half of the rule above: Lambda passes no session tags, so the code's session has exactly the role's
    // tags, and an ABAC grant on a tag the role has is allowed, not left conditional or refused.
    const { model, role, worker, query } = abacWorker({ team: "payments" });
    expect(canRole(model, role, query, worker).decision).toBe("allowed");
    // Without a function, any session of the role: its assumers may pass another team tag.
    expect(canRole(model, role, query).decision).toBe("conditional");
  });

  it("an unreadable trust policy may allow sts:TagSession: the role's own tags do not settle an ABAC grant", () => {
    // Who may assume the role, and with which session tags, is unknown: a tag the role lacks may still be the session's.
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:pay`;
    const b = newBuilder();
    const abac = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn, Condition: { StringEquals: { "aws:PrincipalTag/team": "payments" } } }] };
    const roleArn = b.role({ name: "unread-trust", trust: new RawDocument('{"Version":"2012-10-17","Statement":[') as never, inline: { abac: abac as never } });
    b.fn({ region: REGION, name: "pay", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    const model = modelOf(b);
    const role = model.roles.get(roleArn)!;
    expect(role.trustUnreadable).toBeDefined();
    expect(canRole(model, role, { action: "lambda:InvokeFunction", resource: fn }).decision).toBe("conditional");
  });

  it("a role session that may carry session tags still never has aws:username", () => {
    // Session tags open aws:PrincipalTag/* only: aws:username is in IAM users' requests alone, so a grant keyed on it
    // is refused to any role session, tagged or not (reference_policies_condition-keys.html).
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:pay`;
    const b = newBuilder();
    const byUser = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn, Condition: { StringEquals: { "aws:username": "alice" } } }] };
    const roleArn = b.role({ name: "sso-user", trust: samlTrust as never, inline: { byUser: byUser as never } });
    b.fn({ region: REGION, name: "pay", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    const model = modelOf(b);
    expect(canRole(model, model.roles.get(roleArn)!, { action: "lambda:InvokeFunction", resource: fn }).decision).toBe("implicitly-denied");
    expect(identityInvokers(model).byFunction.get(fn) ?? []).toEqual([]);
  });

  it("a Resource named by a session tag is not resolved from the role's tags when sessions may be tagged", () => {
    const b = newBuilder();
    const byTeam = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: `arn:aws:lambda:*:${ACCOUNT}:function:\${aws:PrincipalTag/team}-*` }] };
    const roleArn = b.role({ name: "sso-team", trust: samlTrust as never, tags: { team: "orders" }, inline: { byTeam: byTeam as never } });
    b.fn({ region: REGION, name: "orders-api", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    b.fn({ region: REGION, name: "payments-api", runtime: "nodejs20.x", role: b.role({ name: "exec2" }) });
    const model = modelOf(b);
    const role = model.roles.get(roleArn)!;
    const orders = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-api`;
    const payments = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:payments-api`;
    expect(canRole(model, role, { action: "lambda:InvokeFunction", resource: payments }).decision).toBe("conditional");
    expect(canRole(model, role, { action: "lambda:InvokeFunction", resource: orders }).decision).toBe("conditional");
    // Any function may be its session's: listed once for the account, conditional (without TagSession it is
    // orders-api's invoker only).
    const invokers = identityInvokers(model);
    expect(invokers.accountWide.map((i) => [i.principal, i.decision])).toContainEqual([roleArn, "conditional"]);
    expect(invokers.byFunction.get(payments) ?? []).toEqual([]);
  });
});
