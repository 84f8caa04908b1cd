/**
 * A partly denied or conditional reach names what makes it so: the Deny statements (the role's, its boundary's, a
 * function's or key's policy), the granting statement's own NotResource, the boundary that allows less, the condition
 * keys the snapshot lacks, the policies it could not read. "Partly denied" alone sent the reader through every policy.
 */
import { describe, expect, it } from "vitest";
import { roleReach } from "./reaches";
import { ACCOUNT, REGION, modelOf, newBuilder, roleReachFor } from "./test-support";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

const reachesFor = (inline: Record<string, unknown>, boundary?: Record<string, unknown>) => roleReachFor(inline, boundary, "team-boundary").reaches;

describe("deniedBy", () => {
  it("names the role's Deny statements that cover part of the reach, and only those", () => {
    const r = reachesFor({
      p: doc(
        { Sid: "Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::b/*" },
        { Sid: "NoSecrets", Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/secret/*" },
        { Sid: "OtherBucket", Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::c/*" },
        { Sid: "OtherAction", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
      ),
    });
    expect(r).toEqual([expect.objectContaining({ resource: "arn:aws:s3:::b/*", partiallyDenied: true, deniedBy: ["p#NoSecrets"] })]);
  });

  it("names a boundary's Deny with the boundary's name", () => {
    const r = reachesFor(
      { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) },
      doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Sid: "NoIam", Effect: "Deny", Action: "iam:*", Resource: "*" }),
    );
    expect(r).toEqual([expect.objectContaining({ service: "*", partiallyDenied: true, deniedBy: ["team-boundary#NoIam"] })]);
  });

  it("names a boundary that allows less without any Deny", () => {
    const r = reachesFor({ p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) }, doc({ Effect: "Allow", Action: ["s3:*", "sqs:*"], Resource: "*" }));
    expect(r[0]).toMatchObject({ service: "*", partiallyDenied: true, deniedBy: ["team-boundary (permissions boundary)"] });
  });

  it("names the granting statement whose own NotResource excludes part of what the boundary leaves", () => {
    const r = reachesFor(
      { p: doc({ Sid: "AllButUploads", Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::uploads/*" }) },
      doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::*" }),
    );
    expect(r).toEqual([expect.objectContaining({ resource: "arn:aws:s3:::*", partiallyDenied: true, deniedBy: ["p#AllButUploads (its NotResource)"] })]);
  });

  it("names a function policy's Deny by the function's ARN", () => {
    const b = newBuilder();
    const admin = b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) as never } });
    const ledger = b.fn({ region: REGION, name: "ledger", runtime: "nodejs20.x", role: b.roleArn("ledger-role") });
    b.resourcePolicy(ledger, doc({ Sid: "OnlyApiGateway", Effect: "Deny", NotPrincipal: { Service: "apigateway.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: ledger }) as never);
    b.fn({ region: REGION, name: "admin-fn", runtime: "nodejs20.x", role: admin });
    const model = modelOf(b);
    const r = roleReach(model, model.functions.find((f) => f.name === "admin-fn")!.role!).reaches;
    expect(r[0]).toMatchObject({ partiallyDenied: true, deniedBy: [`function policy of arn:aws:lambda:${REGION}:${ACCOUNT}:function:ledger#OnlyApiGateway`] });
  });

  it("is absent from a reach nothing takes away", () => {
    const r = reachesFor({ p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::x" }) });
    expect(r[0]).toMatchObject({ partiallyDenied: true, deniedBy: ["p#1"] });
    const plain = reachesFor({ p: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }) });
    expect(plain[0]).not.toHaveProperty("deniedBy");
    expect(plain[0]).not.toHaveProperty("conditionKeys");
  });
});

describe("what a conditional reach depends on", () => {
  it("names the condition keys the snapshot has no value for", () => {
    const r = reachesFor({
      p: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" }, StringEquals: { "aws:RequestTag/team": "a" } } }),
    });
    expect(r[0]).toMatchObject({ conditional: true, conditionKeys: ["aws:RequestTag/team", "aws:SourceIp"] });
  });

  it("names a key of a conditional Deny too", () => {
    const r = reachesFor({
      p: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }, { Effect: "Deny", Action: "sqs:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    });
    expect(r[0]).toMatchObject({ conditional: true, conditionKeys: ["aws:SecureTransport"] });
  });

  it("names a policy value AWS may read otherwise when it alone decides, as the invokers' answers do", () => {
    const b = newBuilder();
    // The role's own tags are in its requests; "1e3" is a number in no form AWS documents, so no key is unknown.
    const grant = { Effect: "Allow", Action: "sqs:SendMessage", Resource: "*", Condition: { NumericLessThan: { "aws:PrincipalTag/tier": "1e3" } } };
    const role = b.role({ name: "r", tags: { tier: "5" }, inline: { p: doc(grant) as never } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const model = modelOf(b);
    const r = roleReach(model, model.functions[0]!.role!).reaches;
    expect(r[0]).toMatchObject({ conditional: true, undocumentedValues: ['aws:PrincipalTag/tier "1e3"'] });
    expect(r[0]).not.toHaveProperty("conditionKeys");
  });

  it("names no value for a reach a documented value decides", () => {
    const r = reachesFor({ p: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*", Condition: { NumericLessThan: { "aws:RequestTag/tier": "10" } } }) });
    expect(r[0]).toMatchObject({ conditional: true, conditionKeys: ["aws:RequestTag/tier"] });
    expect(r[0]).not.toHaveProperty("undocumentedValues");
  });

  it("names an identity policy that could not be read", () => {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { good: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }) as never, broken: "{not json" as never } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const model = modelOf(b);
    const r = roleReach(model, model.functions[0]!.role!).reaches;
    expect(r[0]).toMatchObject({ conditional: true, unreadPolicies: ["inline policy broken"] });
    expect(r[0]).not.toHaveProperty("conditionKeys");
  });

  it("names the other account whose policy on the resource must allow it too (a role's trust, a queue's policy)", () => {
    const other = "210987654321";
    const r = reachesFor({
      p: doc(
        { Sid: "Hop", Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${other}:role/deployer` },
        { Sid: "Send", Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:${REGION}:${other}:q` },
        { Sid: "Own", Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:q` },
      ),
    });
    const of = (resource: string) => r.find((x) => x.resource === resource);
    expect(of(`arn:aws:iam::${other}:role/deployer`)).toMatchObject({ conditional: true, otherAccounts: [other] });
    expect(of(`arn:aws:sqs:${REGION}:${other}:q`)).toMatchObject({ conditional: true, otherAccounts: [other] });
    expect(of(`arn:aws:sqs:${REGION}:${ACCOUNT}:q`)).not.toHaveProperty("otherAccounts");
    expect(of(`arn:aws:iam::${other}:role/deployer`)).not.toHaveProperty("conditionKeys");
  });

  it("names any other account (*) for sts:AssumeRole on a pattern no role of the snapshot lets the role into", () => {
    const r = reachesFor({ p: doc({ Sid: "Hop", Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }) });
    expect(r).toEqual([expect.objectContaining({ resource: "*", conditional: true, otherAccounts: ["*"] })]);
    const pattern = reachesFor({ p: doc({ Sid: "Hop", Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/metrics-reader" }) });
    expect(pattern[0]).toMatchObject({ conditional: true, otherAccounts: ["*"] });
  });
});
