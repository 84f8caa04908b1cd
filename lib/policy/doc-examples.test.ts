/**
 * AWS's own documentation examples as ground truth.
 *
 * Every `it` below takes one example policy from the IAM User Guide or the Lambda Developer Guide whose outcome the
 * page states in words, builds the request the page describes (complete contexts where the page means "the key is
 * absent"), and checks the evaluator gives the page's answer. Each test names the page (its file name under
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/ or /lambda/latest/dg/) and quotes the sentence that states the
 * outcome. Pages were read from the awsdocs/iam-user-guide and awsdocs/aws-lambda-developer-guide repositories
 * (doc_source/*.md) and from the current docs.aws.amazon.com pages where those repositories are older.
 *
 * Where the evaluator departs from a page's literal words, the test says why: `ForAnyValue:…IfExists` with the key
 * absent is false, as AWS was observed to answer. Not held here: the variables page's "You can't use a variable to
 * replace parts of the ARN before the fifth colon" (the evaluator substitutes them; the page does not say whether AWS
 * then leaves them literal, rejects the policy or drops the statement), and the case of condition operator names
 * (the Condition page says only that key *names* are not case-sensitive; the registry reads operators either way).
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { evaluateClause } from "./conditions/evaluate";
import { evaluate, evaluateResourcePolicy } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import type { Decision, PolicyDocument, PolicySet, PolicySource, RequestPrincipal, Tri } from "./types";

const ACCT = "111122223333";

function policy(kind: PolicySource["kind"], json: object): PolicyDocument {
  const r = parsePolicyDocument(json, { kind, policyName: kind });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}
const idp = (json: object) => policy("inline", json);
const bnd = (json: object) => policy("boundary", json);
const rp = (json: object) => policy("resource", json);

const user = (name: string, account = ACCT): RequestPrincipal => ({ type: "user", id: `arn:aws:iam::${account}:user/${name}`, account });
const role = (name: string, account = ACCT, session?: string): RequestPrincipal => ({ type: "role", id: `arn:aws:iam::${account}:role/${name}`, account, session });
const service = (name: string): RequestPrincipal => ({ type: "service", id: name });
const anonymous: RequestPrincipal = { type: "anonymous", id: "*" };

function decide(set: PolicySet, principal: RequestPrincipal, action: string, resource: string, ctx: Record<string, string | string[]> = {}, complete = true): Decision {
  return evaluate(set, { principal, action, resource, context: makeContext(ctx, complete) }).decision;
}
function decideResource(doc: PolicyDocument, principal: RequestPrincipal, action: string, resource: string, ctx: Record<string, string | string[]> = {}): Decision {
  return evaluateResourcePolicy(doc, { principal, action, resource, context: makeContext(ctx, true) }).decision;
}
function clause(operator: string, key: string, values: string[], ctx: Record<string, string | string[]>, version = "2012-10-17"): Tri {
  return evaluateClause({ operator, key, values }, makeContext(ctx, true), version).result;
}

const V = "2012-10-17";
const allowAll = { Effect: "Allow", Action: "*", Resource: "*" };

// ---------------------------------------------------------------------------------------------------------------
describe("reference_policies_elements_condition_operators.html", () => {
  const CO = "reference_policies_elements_condition_operators";

  it(`${CO} / String: StringEquals aws:PrincipalTag/job-category "iamuser-admin"`, () => {
    // "If a user without the tag attempts to view or edit an access key, the condition returns false and the request is
    // implicitly denied by this statement."
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "iam:*AccessKey*", Resource: `arn:aws:iam::${ACCT}:user/*`, Condition: { StringEquals: { "aws:PrincipalTag/job-category": "iamuser-admin" } } } });
    const target = `arn:aws:iam::${ACCT}:user/Bob`;
    expect(decide({ identity: [p] }, user("Alice"), "iam:CreateAccessKey", target, {})).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, user("Alice"), "iam:CreateAccessKey", target, { "aws:PrincipalTag/job-category": "iamuser-admin" })).toBe("allowed");
  });

  it(`${CO} / String: StringLike s3:prefix ["", "home/", "home/\${aws:username}/"] home-directory policy`, () => {
    // "The policy allows the specified actions on an S3 bucket as long as the s3:prefix matches any one of the specified patterns."
    const p = idp({
      Version: V,
      Statement: [
        { Effect: "Allow", Action: ["s3:ListAllMyBuckets", "s3:GetBucketLocation"], Resource: "arn:aws:s3:::*" },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::BUCKET-NAME", Condition: { StringLike: { "s3:prefix": ["", "home/", "home/${aws:username}/"] } } },
        { Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::BUCKET-NAME/home/${aws:username}", "arn:aws:s3:::BUCKET-NAME/home/${aws:username}/*"] },
      ],
    });
    const david = user("David");
    const ctx = (prefix: string) => ({ "aws:username": "David", "s3:prefix": prefix });
    expect(decide({ identity: [p] }, david, "s3:ListBucket", "arn:aws:s3:::BUCKET-NAME", ctx(""))).toBe("allowed");
    expect(decide({ identity: [p] }, david, "s3:ListBucket", "arn:aws:s3:::BUCKET-NAME", ctx("home/"))).toBe("allowed");
    expect(decide({ identity: [p] }, david, "s3:ListBucket", "arn:aws:s3:::BUCKET-NAME", ctx("home/David/"))).toBe("allowed");
    expect(decide({ identity: [p] }, david, "s3:ListBucket", "arn:aws:s3:::BUCKET-NAME", ctx("home/Bob/"))).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, david, "s3:GetObject", "arn:aws:s3:::BUCKET-NAME/home/David/notes.txt", { "aws:username": "David" })).toBe("allowed");
    expect(decide({ identity: [p] }, david, "s3:GetObject", "arn:aws:s3:::BUCKET-NAME/home/Bob/notes.txt", { "aws:username": "David" })).toBe("implicitly-denied");
  });

  it(`${CO} / Numeric: NumericLessThanEquals s3:max-keys "10"`, () => {
    // "the requester can list *up to* 10 objects in example_bucket at a time"
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::example_bucket", Condition: { NumericLessThanEquals: { "s3:max-keys": "10" } } } });
    expect(decide({ identity: [p] }, user("u"), "s3:ListBucket", "arn:aws:s3:::example_bucket", { "s3:max-keys": "10" })).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "s3:ListBucket", "arn:aws:s3:::example_bucket", { "s3:max-keys": "7" })).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "s3:ListBucket", "arn:aws:s3:::example_bucket", { "s3:max-keys": "11" })).toBe("implicitly-denied");
  });

  it(`${CO} / Date: DateGreaterThan aws:TokenIssueTime "2020-01-01T00:00:01Z"`, () => {
    // "The aws:TokenIssueTime key is present in the request context only when the principal uses temporary credentials
    // ... In this example, if an IAM user attempts to view or edit an access key, the request is denied."
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "iam:*AccessKey*", Resource: `arn:aws:iam::${ACCT}:user/*`, Condition: { DateGreaterThan: { "aws:TokenIssueTime": "2020-01-01T00:00:01Z" } } } });
    const target = `arn:aws:iam::${ACCT}:user/Bob`;
    expect(decide({ identity: [p] }, user("Alice"), "iam:ListAccessKeys", target, {})).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, role("r"), "iam:ListAccessKeys", target, { "aws:TokenIssueTime": "2020-03-04T05:06:07Z" })).toBe("allowed");
    expect(decide({ identity: [p] }, role("r"), "iam:ListAccessKeys", target, { "aws:TokenIssueTime": "2019-12-31T23:59:59Z" })).toBe("implicitly-denied");
  });

  it(`${CO} / Date: "W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time" (date-only, year-month, epoch)`, () => {
    // "You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time."
    // W3C NOTE-datetime lists YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD.
    const now = { "aws:CurrentTime": "2020-06-01T12:00:00Z" };
    expect(clause("DateGreaterThan", "aws:CurrentTime", ["2020-01-01"], now)).toBe("true");
    expect(clause("DateGreaterThan", "aws:CurrentTime", ["2020-01"], now)).toBe("true");
    expect(clause("DateGreaterThan", "aws:CurrentTime", ["2020-01-01T00:00+01:00"], now)).toBe("true");
    expect(clause("DateGreaterThan", "aws:CurrentTime", ["1577836801"], now)).toBe("true"); // 2020-01-01T00:00:01Z
    expect(clause("DateLessThan", "aws:CurrentTime", ["1577836801"], now)).toBe("false");
    expect(clause("DateLessThan", "aws:EpochTime", ["2021-01-01T00:00:00Z"], { "aws:EpochTime": "1590969600" })).toBe("true");
  });

  it(`${CO} / Boolean: Deny s3:* when Bool aws:SecureTransport "false" (BooleanExample)`, () => {
    // "deny all S3 actions on a bucket and its contents if the request is not over SSL"
    const p = idp({ Version: V, Statement: [allowAll, { Sid: "BooleanExample", Action: "s3:*", Effect: "Deny", Resource: ["arn:aws:s3:::DOC-EXAMPLE-BUCKET", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/a", { "aws:SecureTransport": "false" })).toBe("explicitly-denied");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/a", { "aws:SecureTransport": "true" })).toBe("allowed");
  });

  it(`${CO} / Binary: BinaryEquals compares byte for byte with the base-64 value "QmluYXJ5VmFsdWVJbkJhc2U2NA=="`, () => {
    // "It compares the value of the specified key byte for byte against a base-64 encoded representation of the binary
    // value in the policy." / "If the key ... is not present in the request context, the values do not match."
    expect(clause("BinaryEquals", "key", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], { key: "QmluYXJ5VmFsdWVJbkJhc2U2NA==" })).toBe("true");
    expect(clause("BinaryEquals", "key", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], { key: "T3RoZXJWYWx1ZQ==" })).toBe("false");
    expect(clause("BinaryEquals", "key", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], {})).toBe("false");
  });

  it(`${CO} / IP: IpAddress aws:SourceIp "203.0.113.0/24", absent behind a VPC endpoint`, () => {
    // "the request must come from the IP range 203.0.113.0 to 203.0.113.255" / "The aws:SourceIp key is always present
    // ... except when the requester uses a VPC endpoint ... the condition returns false and the request is implicitly denied"
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "iam:*AccessKey*", Resource: `arn:aws:iam::${ACCT}:user/*`, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } } });
    const t = `arn:aws:iam::${ACCT}:user/Bob`;
    expect(decide({ identity: [p] }, user("u"), "iam:ListAccessKeys", t, { "aws:SourceIp": "203.0.113.0" })).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "iam:ListAccessKeys", t, { "aws:SourceIp": "203.0.113.255" })).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "iam:ListAccessKeys", t, { "aws:SourceIp": "203.0.114.1" })).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, user("u"), "iam:ListAccessKeys", t, {})).toBe("implicitly-denied");
  });

  it(`${CO} / IP: mixed IPv4 and IPv6 ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]; a bare address means /32`, () => {
    // "If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32."
    const values = ["203.0.113.0/24", "2001:DB8:1234:5678::/64"];
    expect(clause("IpAddress", "aws:SourceIp", values, { "aws:SourceIp": "2001:db8:1234:5678:abcd::1" })).toBe("true");
    expect(clause("IpAddress", "aws:SourceIp", values, { "aws:SourceIp": "2001:db8:1234:5679::1" })).toBe("false");
    expect(clause("IpAddress", "aws:SourceIp", ["203.0.113.5"], { "aws:SourceIp": "203.0.113.5" })).toBe("true");
    expect(clause("IpAddress", "aws:SourceIp", ["203.0.113.5"], { "aws:SourceIp": "203.0.113.6" })).toBe("false");
    expect(clause("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], { "aws:SourceIp": "198.51.100.7" })).toBe("true");
  });

  it(`${CO} / ARN: "arn:aws:someservice:*:111122223333:finance/*" matches with StringLike but not with ArnLike`, () => {
    // "With a StringLike condition, the match succeeds. ... With an ArnLike condition, which matches elements between
    // colons, the match fails."
    const pattern = ["arn:aws:someservice:*:111122223333:finance/*"];
    const ctx = { "aws:SourceArn": "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt" };
    expect(clause("StringLike", "aws:SourceArn", pattern, ctx)).toBe("true");
    expect(clause("ArnLike", "aws:SourceArn", pattern, ctx)).toBe("false");
    expect(clause("ArnEquals", "aws:SourceArn", pattern, ctx)).toBe("false");
  });

  it(`${CO} / ARN: SQS queue policy ArnEquals aws:SourceArn SNS topic; an IAM user calling directly has no aws:SourceArn`, () => {
    // "If an IAM user attempts to perform this operation directly, the condition returns false and the request is
    // implicitly denied by this statement."
    const values = ["arn:aws:sns:us-east-1:123456789012:TOPIC-ID"];
    expect(clause("ArnEquals", "aws:SourceArn", values, {})).toBe("false");
    expect(clause("ArnEquals", "aws:SourceArn", values, { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:TOPIC-ID" })).toBe("true");
  });

  it(`${CO} / IfExists: StringLike ec2:InstanceType (THISPOLICYDOESNOTWORK) vs StringLikeIfExists (RunInstance)`, () => {
    // "These additional resources do not have the ec2:InstanceType condition key, so the StringLike check fails" /
    // "If the resource being checked does not have that condition key, then don't worry about it."
    const broken = idp({ Version: V, Statement: { Sid: "THISPOLICYDOESNOTWORK", Effect: "Allow", Action: "ec2:RunInstances", Resource: "*", Condition: { StringLike: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } } } });
    const fixed = idp({ Version: V, Statement: { Sid: "RunInstance", Effect: "Allow", Action: "ec2:RunInstances", Resource: "*", Condition: { StringLikeIfExists: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } } } });
    const image = "arn:aws:ec2:us-east-1::image/ami-12345678";
    const instance = `arn:aws:ec2:us-east-1:${ACCT}:instance/*`;
    expect(decide({ identity: [broken] }, user("u"), "ec2:RunInstances", image, {})).toBe("implicitly-denied");
    expect(decide({ identity: [fixed] }, user("u"), "ec2:RunInstances", image, {})).toBe("allowed");
    expect(decide({ identity: [fixed] }, user("u"), "ec2:RunInstances", instance, { "ec2:InstanceType": "t2.micro" })).toBe("allowed");
    expect(decide({ identity: [fixed] }, user("u"), "ec2:RunInstances", instance, { "ec2:InstanceType": "m5.large" })).toBe("implicitly-denied");
  });

  it(`${CO} / IfExists: Deny with StringNotEqualsIfExists still denies when the tag is missing`, () => {
    // "If you are using an "Effect": "Deny" element with a negated condition operator like StringNotEqualsIfExists, the
    // request is still denied even if the tag is missing."
    const p = idp({ Version: V, Statement: [allowAll, { Effect: "Deny", Action: "ec2:*", Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:ResourceTag/team": "blue" } } }] });
    expect(decide({ identity: [p] }, user("u"), "ec2:StartInstances", `arn:aws:ec2:us-east-1:${ACCT}:instance/i-1`, {})).toBe("explicitly-denied");
    expect(decide({ identity: [p] }, user("u"), "ec2:StartInstances", `arn:aws:ec2:us-east-1:${ACCT}:instance/i-1`, { "aws:ResourceTag/team": "blue" })).toBe("allowed");
  });

  it(`${CO} / Negated operator with an absent key: "the right key is not present, the condition is true"`, () => {
    // "If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right
    // key is not present, the condition is true."
    expect(clause("StringNotLike", "aws:PrincipalTag/x", ["a*"], {})).toBe("true");
    expect(clause("ArnNotLike", "aws:SourceArn", ["arn:aws:sns:*:*:t"], {})).toBe("true");
    expect(clause("StringLike", "aws:PrincipalTag/x", ["a*"], {})).toBe("false");
  });

  it(`${CO} / Null: Null aws:TokenIssueTime "true" — only long-term credentials may use EC2`, () => {
    // "the user must not be using temporary credentials (the key must not exist) for the user to use the Amazon EC2 API"
    const p = idp({ Version: V, Statement: { Action: "ec2:*", Effect: "Allow", Resource: "*", Condition: { Null: { "aws:TokenIssueTime": "true" } } } });
    expect(decide({ identity: [p] }, user("u"), "ec2:DescribeInstances", "*", {})).toBe("allowed");
    expect(decide({ identity: [p] }, role("r"), "ec2:DescribeInstances", "*", { "aws:TokenIssueTime": "2024-01-01T00:00:00Z" })).toBe("implicitly-denied");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("reference_policies_multi-value-conditions.html / reference_policies_condition-single-vs-multi-valued-context-keys.html", () => {
  const MV = "reference_policies_multi-value-conditions";
  const SM = "reference_policies_condition-single-vs-multi-valued-context-keys";
  const table = "arn:aws:dynamodb:us-east-1:111122223333:table/Thread";

  it(`${MV}: ForAllValues:StringLike dynamodb:requestedAttributes [PostDateTime, Message, Tags] (GetItem)`, () => {
    // "If the user makes a request ... to get the attributes PostDateTime and Message ..., the request is allowed ...
    // However, if the user's request includes the ID attribute, the request fails" / PostDateTime+UserName: "There's no
    // match for UserName, so the condition operator returns false, and the policy does not allow the request."
    const p = idp({ Version: V, Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: table, Condition: { "ForAllValues:StringLike": { "dynamodb:requestedAttributes": ["PostDateTime", "Message", "Tags"] } } }] });
    const ask = (attrs: string[]) => decide({ identity: [p] }, user("u"), "dynamodb:GetItem", table, { "dynamodb:requestedAttributes": attrs });
    expect(ask(["PostDateTime", "Message"])).toBe("allowed");
    expect(ask(["PostDateTime", "ID"])).toBe("implicitly-denied");
    expect(ask(["PostDateTime", "UserName"])).toBe("implicitly-denied");
  });

  it(`${MV}: Deny PutItem with ForAnyValue:StringLike dynamodb:requestedAttributes [ID, PostDateTime]`, () => {
    // "there is one match (PostDateTime), so the condition is true ... the request is denied" / "PutItem with just the
    // UserName attribute ... The condition returns false ... the request is not denied by this policy"
    const p = idp({ Version: V, Statement: [allowAll, { Effect: "Deny", Action: "dynamodb:PutItem", Resource: table, Condition: { "ForAnyValue:StringLike": { "dynamodb:requestedAttributes": ["ID", "PostDateTime"] } } }] });
    const ask = (attrs: string[]) => decide({ identity: [p] }, user("u"), "dynamodb:PutItem", table, { "dynamodb:requestedAttributes": attrs });
    expect(ask(["PostDateTime", "Message"])).toBe("explicitly-denied");
    expect(ask(["UserName", "Message", "PostDateTime"])).toBe("explicitly-denied");
    expect(ask(["UserName"])).toBe("allowed");
  });

  it(`${MV} / ${SM}: empty data set — ForAllValues true, ForAnyValue false (empty string and absent key)`, () => {
    // "If the key values in the request resolve to an empty data set (for example, an empty string), a condition operator
    // modified by ForAllValues returns true, and a condition operator modified by ForAnyValue returns false."
    expect(clause("ForAllValues:StringLike", "aws:TagKeys", ["PostDateTime"], { "aws:TagKeys": "" })).toBe("true");
    expect(clause("ForAllValues:StringLike", "aws:TagKeys", ["PostDateTime"], { "aws:TagKeys": [""] })).toBe("true");
    expect(clause("ForAllValues:StringLike", "aws:TagKeys", ["PostDateTime"], { "aws:TagKeys": [] })).toBe("true");
    expect(clause("ForAllValues:StringLike", "aws:TagKeys", ["PostDateTime"], {})).toBe("true");
    expect(clause("ForAnyValue:StringLike", "aws:TagKeys", ["PostDateTime"], { "aws:TagKeys": "" })).toBe("false");
    expect(clause("ForAnyValue:StringLike", "aws:TagKeys", ["PostDateTime"], { "aws:TagKeys": [] })).toBe("false");
    expect(clause("ForAnyValue:StringLike", "aws:TagKeys", ["PostDateTime"], {})).toBe("false");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("reference_policies_condition_examples-multi-valued-context-keys.html", () => {
  const MK = "reference_policies_condition_examples-multi-valued-context-keys";
  const userArn = `arn:aws:iam::${ACCT}:user/x`;

  it(`${MK}: DenyRestrictedTags — Null aws:TagKeys "false" + ForAllValues:StringLike [key1*, key2*, key3*]`, () => {
    // "The ForAllValues set operator also returns true if there are no context keys in the request ... To prevent missing
    // context keys ... from evaluating to true, include the Null condition operator ... with a value of false"
    const p = idp({ Version: V, Statement: [allowAll, { Sid: "DenyRestrictedTags", Effect: "Deny", Action: ["iam:Tag*", "iam:UnTag*"], Resource: ["*"], Condition: { Null: { "aws:TagKeys": "false" }, "ForAllValues:StringLike": { "aws:TagKeys": ["key1*", "key2*", "key3*"] } } }] });
    const ask = (ctx: Record<string, string | string[]>) => decide({ identity: [p] }, user("u"), "iam:TagUser", userArn, ctx);
    expect(ask({ "aws:TagKeys": ["key1legal", "key2audit"] })).toBe("explicitly-denied");
    expect(ask({ "aws:TagKeys": ["key1legal", "key4"] })).toBe("allowed");
    expect(ask({})).toBe("allowed");
  });

  it(`${MK}: Deny iam:Tag* with ForAllValues:StringNotLike aws:TagKeys "key1*" (and no key → true)`, () => {
    // "the policy denies requests where the values for aws:TagKeys in the request do not include the prefix key1 ...
    // all the tag key values in the request context must start with the prefix key1." / "The ForAllValues set operator
    // also returns true if there are no context keys in the request."
    const p = idp({ Version: V, Statement: [allowAll, { Sid: "DenyRestrictedTags", Effect: "Deny", Action: ["iam:Tag*", "iam:UnTag*"], Resource: ["*"], Condition: { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } } }] });
    const ask = (ctx: Record<string, string | string[]>) => decide({ identity: [p] }, user("u"), "iam:TagUser", userArn, ctx);
    expect(ask({ "aws:TagKeys": ["key2"] })).toBe("explicitly-denied");
    expect(ask({ "aws:TagKeys": ["key1", "key1b"] })).toBe("allowed");
    expect(ask({ "aws:TagKeys": ["key1", "key2"] })).toBe("allowed");
    expect(ask({})).toBe("explicitly-denied");
  });

  it(`${MK}: Deny ec2:CreateSnapshot with ForAnyValue:StringEquals aws:TagKeys [environment, webserver]`, () => {
    // "If your tagging request includes any one of the tag key values specified in the policy, the aws:TagKeys condition
    // returns true" — and ForAnyValue with no key in the request returns false (single-vs-multi page).
    const p = idp({ Version: V, Statement: [allowAll, { Effect: "Deny", Action: "ec2:CreateSnapshot", Resource: "*", Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["environment", "webserver"] } } }] });
    const vol = `arn:aws:ec2:us-east-1:${ACCT}:volume/vol-1`;
    const ask = (ctx: Record<string, string | string[]>) => decide({ identity: [p] }, user("u"), "ec2:CreateSnapshot", vol, ctx);
    expect(ask({ "aws:TagKeys": ["webserver"] })).toBe("explicitly-denied");
    expect(ask({ "aws:TagKeys": ["environment", "webserver", "test"] })).toBe("explicitly-denied");
    expect(ask({ "aws:TagKeys": ["test"] })).toBe("allowed");
    expect(ask({})).toBe("allowed");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("reference_policies_variables.html", () => {
  const PV = "reference_policies_variables";

  it(`${PV} / Introduction: "arn:aws:s3:::mybucket/\${aws:username}/*" with the prefix condition`, () => {
    // "IAM replaces the variable ${aws:username} with the friendly name of the actual current user."
    const p = idp({ Version: V, Statement: [
      { Action: ["s3:ListBucket"], Effect: "Allow", Resource: ["arn:aws:s3:::mybucket"], Condition: { StringLike: { "s3:prefix": ["${aws:username}/*"] } } },
      { Action: ["s3:GetObject", "s3:PutObject"], Effect: "Allow", Resource: ["arn:aws:s3:::mybucket/${aws:username}/*"] },
    ] });
    const c = { "aws:username": "David" };
    expect(decide({ identity: [p] }, user("David"), "s3:PutObject", "arn:aws:s3:::mybucket/David/a.txt", c)).toBe("allowed");
    expect(decide({ identity: [p] }, user("David"), "s3:PutObject", "arn:aws:s3:::mybucket/Adele/a.txt", c)).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, user("David"), "s3:ListBucket", "arn:aws:s3:::mybucket", { ...c, "s3:prefix": "David/photos" })).toBe("allowed");
    expect(decide({ identity: [p] }, user("David"), "s3:ListBucket", "arn:aws:s3:::mybucket", { ...c, "s3:prefix": "Adele/photos" })).toBe("implicitly-denied");
  });

  it(`${PV}: without Version 2012-10-17 "variables like \${aws:username} are treated as literal strings"`, () => {
    // "If you don't include the Version element and set it to an appropriate version date, variables like ${aws:username}
    // are treated as literal strings in the policy."
    const p = idp({ Statement: [{ Action: ["s3:GetObject"], Effect: "Allow", Resource: ["arn:aws:s3:::mybucket/${aws:username}/*"] }] });
    expect(decide({ identity: [p] }, user("David"), "s3:GetObject", "arn:aws:s3:::mybucket/David/a.txt", { "aws:username": "David" })).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, user("David"), "s3:GetObject", "arn:aws:s3:::mybucket/${aws:username}/a.txt", { "aws:username": "David" })).toBe("allowed");
  });

  it(`${PV} / Resource element: "arn:aws:sqs:us-east-2:*:\${aws:username}-queue"`, () => {
    // "It gives users in that group the ability to create, use, and delete queues that have their names and that are in
    // the us-east-2 Region."
    const p = idp({ Version: V, Statement: [
      { Sid: "ListForConsole", Effect: "Allow", Action: "sqs:ListQueues", Resource: "*" },
      { Sid: "AllQueueActions", Effect: "Allow", Action: "sqs:*", Resource: "arn:aws:sqs:us-east-2:*:${aws:username}-queue" },
    ] });
    const c = { "aws:username": "Adele" };
    expect(decide({ identity: [p] }, user("Adele"), "sqs:SendMessage", `arn:aws:sqs:us-east-2:${ACCT}:Adele-queue`, c)).toBe("allowed");
    expect(decide({ identity: [p] }, user("Adele"), "sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCT}:Adele-queue`, c)).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, user("Adele"), "sqs:SendMessage", `arn:aws:sqs:us-east-2:${ACCT}:David-queue`, c)).toBe("implicitly-denied");
  });

  it(`${PV} / Resource element: tag value as variable "arn:aws:s3:::bucket/\${aws:PrincipalTag/department}"`, () => {
    // "the following Resource element refers to only a bucket that is named the same as the value in the requesting user's department tag."
    const p = idp({ Version: V, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::bucket/${aws:PrincipalTag/department}"] }] });
    const c = { "aws:PrincipalTag/department": "finance" };
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::bucket/finance", c)).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::bucket/hr", c)).toBe("implicitly-denied");
    // Principal table: "not present means ... any attempt to match it fails and causes the statement to be invalid"
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::bucket/", {})).toBe("implicitly-denied");
  });

  it(`${PV} / Condition element: SNS topic policy StringLike sns:endpoint "https://example.com/\${aws:username}/"`, () => {
    // "this permission is granted only if the URL matches their AWS user name."
    const values = ["https://example.com/${aws:username}/"];
    expect(clause("StringLike", "sns:endpoint", values, { "aws:username": "David", "sns:endpoint": "https://example.com/David/" })).toBe("true");
    expect(clause("StringLike", "sns:endpoint", values, { "aws:username": "David", "sns:endpoint": "https://example.com/Adele/" })).toBe("false");
  });

  it(`${PV} / Special characters: \${*}, \${?}, \${$} stand for literal *, ?, $`, () => {
    // "${*} - use where you need an * (asterisk) character. ${?} - use where you need a ? (question mark) character.
    // ${$} - use where you need a $ (dollar sign) character."
    expect(clause("StringLike", "s3:prefix", ["a${*}b"], { "s3:prefix": "a*b" })).toBe("true");
    expect(clause("StringLike", "s3:prefix", ["a${*}b"], { "s3:prefix": "axxb" })).toBe("false");
    expect(clause("StringLike", "s3:prefix", ["a${?}b"], { "s3:prefix": "a?b" })).toBe("true");
    expect(clause("StringLike", "s3:prefix", ["a${?}b"], { "s3:prefix": "axb" })).toBe("false");
    expect(clause("StringEquals", "s3:prefix", ["cost${$}"], { "s3:prefix": "cost$" })).toBe("true");
    expect(clause("StringEquals", "s3:prefix", ["a${*}b"], { "s3:prefix": "a*b" })).toBe("true");
    // in a Resource element too ("These predefined policy variables can be used in any string where you can use regular policy variables.")
    const p = idp({ Version: V, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/file${*}" }] });
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/file*", {})).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/file1", {})).toBe("implicitly-denied");
  });

  it(`${PV} / Specifying default values: "\${aws:userid, 'anonymous'}"`, () => {
    // "anonymous users will not populate the ${aws:userid} variable. You can set the default value to anonymous for those users."
    const values = ["arn:aws:s3:::/bucket/${aws:userid, 'anonymous'}"];
    expect(clause("StringEquals", "aws:Resource", values, { "aws:Resource": "arn:aws:s3:::/bucket/anonymous" })).toBe("true");
    expect(clause("StringEquals", "aws:Resource", values, { "aws:Resource": "arn:aws:s3:::/bucket/AIDAEXAMPLE", "aws:userid": "AIDAEXAMPLE" })).toBe("true");
    expect(clause("StringEquals", "aws:Resource", values, { "aws:Resource": "arn:aws:s3:::/bucket/anonymous", "aws:userid": "AIDAEXAMPLE" })).toBe("false");
  });

  it(`${PV}: "Key names are case-insensitive. For example, aws:CurrentTime is equivalent to AWS:currenttime." (keys and variables)`, () => {
    expect(clause("DateGreaterThan", "AWS:currenttime", ["2020-01-01T00:00:00Z"], { "aws:CurrentTime": "2021-01-01T00:00:00Z" })).toBe("true");
    expect(clause("StringEquals", "s3:prefix", ["${AWS:UserName}"], { "aws:username": "David", "s3:prefix": "David" })).toBe("true");
  });

  it(`reference_policies_condition-single-vs-multi-valued-context-keys: "you can't use a multivalued context key as a policy variable" (\${aws:CalledVia})`, () => {
    // Key points: "You can use any available single-valued context key as a policy variable, but you can't use a multivalued context key as a policy variable."
    // Nor does AWS say what it makes of one (absent, or one of its values), so the clause is unknown, not false.
    expect(clause("StringEquals", "aws:CalledViaFirst", ["${aws:CalledVia}"], { "aws:CalledVia": ["cloudformation.amazonaws.com"], "aws:CalledViaFirst": "cloudformation.amazonaws.com" })).toBe("unknown");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("reference_policies_elements_notaction / notresource / notprincipal", () => {
  it("reference_policies_elements_notaction: Allow NotAction iam:* Resource * allows everything except IAM", () => {
    // "allows access to all of the actions in all AWS services except IAM" (the NotAction page's Allow example)
    const p = idp({ Version: V, Statement: { Effect: "Allow", NotAction: "iam:*", Resource: "*" } });
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/k")).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "iam:CreateUser", `arn:aws:iam::${ACCT}:user/n`)).toBe("implicitly-denied");
  });

  it("reference_policies_elements_notaction: Deny NotAction [iam:*] unless MFA (BoolIfExists aws:MultiFactorAuthPresent false)", () => {
    // "This example denies access to non-IAM actions if the user is not signed in using MFA."
    const p = idp({ Version: V, Statement: [allowAll, { Sid: "DenyAllUsersNotUsingMFA", Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }] });
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/k", {})).toBe("explicitly-denied");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/k", { "aws:MultiFactorAuthPresent": "false" })).toBe("explicitly-denied");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/k", { "aws:MultiFactorAuthPresent": "true" })).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "iam:ListUsers", "*", {})).toBe("allowed");
  });

  it("reference_policies_condition-keys / aws:MultiFactorAuthPresent: Bool (no IfExists) does not deny long-term access keys", () => {
    // "This combination of the Deny effect, Bool element, and false value denies requests that can be authenticated using
    // MFA, but were not. ... requests made using long-term access keys ... the key is not present and the condition
    // doesn't match" (hence the page recommends BoolIfExists)
    const p = idp({ Version: V, Statement: [allowAll, { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }] });
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/k", {})).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/k", { "aws:MultiFactorAuthPresent": "false" })).toBe("explicitly-denied");
  });

  it("reference_policies_elements_notresource: Deny s3:* NotResource HRBucket/Payroll denies every other S3 resource", () => {
    // "explicitly denies access to all Amazon S3 resources other than the Payroll folder in the HRBucket"
    const p = idp({ Version: V, Statement: [allowAll, { Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"] }] });
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::HRBucket/Payroll/jan.csv")).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::HRBucket/Other/jan.csv")).toBe("explicitly-denied");
    expect(decide({ identity: [p] }, user("u"), "sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCT}:q`)).toBe("allowed");
  });

  const bobAcct = "444455556666";
  it("reference_policies_elements_notprincipal: Deny NotPrincipal [user/Bob, root] s3:* — only Bob is not denied", () => {
    // "all principals except the user named Bob in AWS account 444455556666 are explicitly denied access to a resource"
    const p = rp({ Version: V, Statement: [
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${bobAcct}:root` }, Action: "s3:*", Resource: ["arn:aws:s3:::BUCKETNAME", "arn:aws:s3:::BUCKETNAME/*"] },
      { Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${bobAcct}:user/Bob`, `arn:aws:iam::${bobAcct}:root`] }, Action: "s3:*", Resource: ["arn:aws:s3:::BUCKETNAME", "arn:aws:s3:::BUCKETNAME/*"] },
    ] });
    const idAll = idp({ Version: V, Statement: allowAll });
    const set: PolicySet = { identity: [idAll], resource: p, resourceAccount: ACCT };
    expect(decide(set, user("Bob", bobAcct), "s3:GetObject", "arn:aws:s3:::BUCKETNAME/a")).toBe("allowed");
    expect(decide(set, user("Alice", bobAcct), "s3:GetObject", "arn:aws:s3:::BUCKETNAME/a")).toBe("explicitly-denied");
  });

  it("reference_policies_elements_notprincipal: Deny NotPrincipal [assumed-role/.../cross-account-audit-app, role, root]", () => {
    // "all principals *except* the assumed-role user named cross-account-audit-app in AWS account 444455556666 are
    // explicitly denied access" / "If an assumed-role user ... is being evaluated, AWS might validate the account first,
    // then the role, and then the assumed-role user." So another session of the same role is denied too.
    const p = rp({ Version: V, Statement: [
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${bobAcct}:root` }, Action: "s3:*", Resource: ["arn:aws:s3:::Bucket_AccountAudit", "arn:aws:s3:::Bucket_AccountAudit/*"] },
      { Effect: "Deny", NotPrincipal: { AWS: [
        `arn:aws:sts::${bobAcct}:assumed-role/cross-account-read-only-role/cross-account-audit-app`,
        `arn:aws:iam::${bobAcct}:role/cross-account-read-only-role`,
        `arn:aws:iam::${bobAcct}:root`,
      ] }, Action: "s3:*", Resource: ["arn:aws:s3:::Bucket_AccountAudit", "arn:aws:s3:::Bucket_AccountAudit/*"] },
    ] });
    const idAll = idp({ Version: V, Statement: allowAll });
    const set: PolicySet = { identity: [idAll], resource: p, resourceAccount: ACCT };
    const get = (who: RequestPrincipal) => decide(set, who, "s3:GetObject", "arn:aws:s3:::Bucket_AccountAudit/a");
    expect(get(role("cross-account-read-only-role", bobAcct, "cross-account-audit-app"))).toBe("allowed");
    expect(get(role("other-role", bobAcct, "cross-account-audit-app"))).toBe("explicitly-denied");
    expect(get(role("cross-account-read-only-role", bobAcct, "someone-else"))).toBe("explicitly-denied");
  });

  it("access_policies_boundaries (Important): Deny NotPrincipal always denies an IAM principal that has a permissions boundary", () => {
    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions boundary
    // policy attached, regardless of the values specified in the NotPrincipal element."
    const p = rp({ Version: V, Statement: [
      { Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${ACCT}:user/Bob`, `arn:aws:iam::${ACCT}:root`] }, Action: "s3:*", Resource: ["arn:aws:s3:::BUCKETNAME", "arn:aws:s3:::BUCKETNAME/*"] },
    ] });
    const idAll = idp({ Version: V, Statement: allowAll });
    const b = bnd({ Version: V, Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" } });
    expect(decide({ identity: [idAll], resource: p }, user("Bob"), "s3:GetObject", "arn:aws:s3:::BUCKETNAME/a")).toBe("allowed");
    expect(decide({ identity: [idAll], boundary: b, resource: p }, user("Bob"), "s3:GetObject", "arn:aws:s3:::BUCKETNAME/a")).toBe("explicitly-denied");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("access_policies_boundaries.html", () => {
  const PB = "access_policies_boundaries";
  const shirleyBoundary = bnd({ Version: V, Statement: [{ Effect: "Allow", Action: ["s3:*", "cloudwatch:*", "ec2:*"], Resource: "*" }] });

  it(`${PB}: ShirleyRodriguez — identity allows iam:CreateUser, boundary does not: "the operation fails"`, () => {
    const createUser = idp({ Version: V, Statement: { Effect: "Allow", Action: "iam:CreateUser", Resource: "*" } });
    expect(decide({ identity: [createUser], boundary: shirleyBoundary }, user("ShirleyRodriguez"), "iam:CreateUser", `arn:aws:iam::${ACCT}:user/new`)).toBe("implicitly-denied");
    expect(decide({ identity: [createUser] }, user("ShirleyRodriguez"), "iam:CreateUser", `arn:aws:iam::${ACCT}:user/new`)).toBe("allowed");
    // "it limits the user's permissions but does not provide permissions on its own"
    expect(decide({ identity: [], boundary: shirleyBoundary }, user("ShirleyRodriguez"), "s3:GetObject", "arn:aws:s3:::b/k")).toBe("implicitly-denied");
  });

  it(`${PB}: XCompanyBoundaries — DenyS3Logs and AllowManageOwnPasswordAndAccessKeys (\${aws:username})`, () => {
    const xb = bnd({ Version: V, Statement: [
      { Sid: "ServiceBoundaries", Effect: "Allow", Action: ["s3:*", "cloudwatch:*", "ec2:*", "dynamodb:*"], Resource: "*" },
      { Sid: "AllowIAMConsoleForCredentials", Effect: "Allow", Action: ["iam:ListUsers", "iam:GetAccountPasswordPolicy"], Resource: "*" },
      { Sid: "AllowManageOwnPasswordAndAccessKeys", Effect: "Allow", Action: ["iam:*AccessKey*", "iam:ChangePassword", "iam:GetUser", "iam:*ServiceSpecificCredential*", "iam:*SigningCertificate*"], Resource: ["arn:aws:iam::*:user/${aws:username}"] },
      { Sid: "DenyS3Logs", Effect: "Deny", Action: "s3:*", Resource: ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"] },
      { Sid: "DenyEC2Production", Effect: "Deny", Action: "ec2:*", Resource: "arn:aws:ec2:*:*:instance/i-1234567890abcdef0" },
    ] });
    const admin = idp({ Version: V, Statement: allowAll });
    const set: PolicySet = { identity: [admin], boundary: xb };
    const c = { "aws:username": "Nikhil" };
    // "The DenyS3Logs statement explicitly denies access to the logs bucket."
    expect(decide(set, user("Nikhil"), "s3:GetObject", "arn:aws:s3:::logs/2020.log", c)).toBe("explicitly-denied");
    expect(decide(set, user("Nikhil"), "s3:GetObject", "arn:aws:s3:::data/x", c)).toBe("allowed");
    expect(decide(set, user("Nikhil"), "ec2:TerminateInstances", `arn:aws:ec2:us-east-1:${ACCT}:instance/i-1234567890abcdef0`, c)).toBe("explicitly-denied");
    // "allows the users manage only their own console password and programmatic access keys"
    expect(decide(set, user("Nikhil"), "iam:CreateAccessKey", `arn:aws:iam::${ACCT}:user/Nikhil`, c)).toBe("allowed");
    expect(decide(set, user("Nikhil"), "iam:CreateAccessKey", `arn:aws:iam::${ACCT}:user/Maria`, c)).toBe("implicitly-denied");
    expect(decide(set, user("Nikhil"), "iam:CreateUser", `arn:aws:iam::${ACCT}:user/new`, c)).toBe("implicitly-denied");
  });

  it(`${PB}: Zhang's DelegatedUserBoundary — CreateOrChangeOnlyWithBoundary (iam:PermissionsBoundary) and NoBoundaryUserDelete`, () => {
    const db = bnd({ Version: V, Statement: [
      { Sid: "CreateOrChangeOnlyWithBoundary", Effect: "Allow", Action: ["iam:CreateUser", "iam:DeleteUserPolicy", "iam:AttachUserPolicy", "iam:DetachUserPolicy", "iam:PutUserPermissionsBoundary"], Resource: "*", Condition: { StringEquals: { "iam:PermissionsBoundary": `arn:aws:iam::${ACCT}:policy/XCompanyBoundaries` } } },
      { Sid: "CloudWatchAndOtherIAMTasks", Effect: "Allow", Action: ["cloudwatch:*", "iam:GetUser", "iam:ListUsers", "iam:DeleteUser"], Resource: "*" },
      { Sid: "NoBoundaryUserDelete", Effect: "Deny", Action: "iam:DeleteUserPermissionsBoundary", Resource: "*" },
    ] });
    const perms = idp({ Version: V, Statement: [{ Sid: "IAM", Effect: "Allow", Action: "iam:*", Resource: "*" }] });
    const set: PolicySet = { identity: [perms], boundary: db };
    const newUser = `arn:aws:iam::${ACCT}:user/new`;
    // "allows Zhang to create IAM users but only if he uses the XCompanyBoundaries policy to set the permissions boundary"
    expect(decide(set, user("Zhang"), "iam:CreateUser", newUser, { "iam:PermissionsBoundary": `arn:aws:iam::${ACCT}:policy/XCompanyBoundaries` })).toBe("allowed");
    expect(decide(set, user("Zhang"), "iam:CreateUser", newUser, { "iam:PermissionsBoundary": `arn:aws:iam::${ACCT}:policy/AdministratorAccess` })).toBe("implicitly-denied");
    expect(decide(set, user("Zhang"), "iam:CreateUser", newUser, {})).toBe("implicitly-denied");
    // "denies Zhang access to delete the permissions boundary for himself or other users"
    expect(decide(set, user("Zhang"), "iam:DeleteUserPermissionsBoundary", newUser, {})).toBe("explicitly-denied");
    // not in the boundary: "Zhang does not have the permission to ..." e.g. iam:CreateRole
    expect(decide(set, user("Zhang"), "iam:CreateRole", `arn:aws:iam::${ACCT}:role/r`, {})).toBe("implicitly-denied");
  });

  it(`${PB} / Resource-based policies: same account, grant to the IAM user ARN is not limited by the boundary`, () => {
    // "Within an account, permissions boundaries do not reduce the permissions granted by resource-based policies" (older
    // page); current page: "Resource-based policies that grant permissions to an IAM user ARN ... are not limited by an
    // implicit deny in an identity-based policy or permissions boundary."
    const fn = `arn:aws:lambda:us-east-1:${ACCT}:function:f`;
    const r = rp({ Version: V, Statement: { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCT}:user/ShirleyRodriguez` }, Action: "lambda:InvokeFunction", Resource: fn } });
    expect(decide({ identity: [], boundary: shirleyBoundary, resource: r }, user("ShirleyRodriguez"), "lambda:InvokeFunction", fn)).toBe("allowed");
  });

  it(`${PB} / Resource-based policies: same account, grant to the role ARN is limited by the boundary; to the session ARN it is not`, () => {
    // current page: "Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit deny in a
    // permissions boundary or session policy." / "...grant permissions to an IAM role session ARN ... not limited"
    const fn = `arn:aws:lambda:us-east-1:${ACCT}:function:f`;
    const b = bnd({ Version: V, Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" } });
    const toRole = rp({ Version: V, Statement: { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCT}:role/app` }, Action: "lambda:InvokeFunction", Resource: fn } });
    const toSession = rp({ Version: V, Statement: { Effect: "Allow", Principal: { AWS: `arn:aws:sts::${ACCT}:assumed-role/app/s1` }, Action: "lambda:InvokeFunction", Resource: fn } });
    expect(decide({ identity: [], boundary: b, resource: toRole }, role("app", ACCT, "s1"), "lambda:InvokeFunction", fn)).toBe("implicitly-denied");
    expect(decide({ identity: [], resource: toRole }, role("app", ACCT, "s1"), "lambda:InvokeFunction", fn)).toBe("allowed");
    expect(decide({ identity: [], boundary: b, resource: toSession }, role("app", ACCT, "s1"), "lambda:InvokeFunction", fn)).toBe("allowed");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("reference_policies_evaluation-logic / -cross-account", () => {
  it("reference_policies_evaluation-logic_policy-eval-basics: carlossalazar — identity OR resource policy in the same account", () => {
    // "If either the identity-based policy or the resource-based policy within the same account allows the request and
    // the other doesn't, the request is still allowed." (Carlos saving a file to amzn-s3-demo-bucket-carlossalazar-logs)
    const carlos = user("carlossalazar");
    const id = idp({ Version: V, Statement: [{ Sid: "AllowS3ListRead", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:GetObject", "s3:ListAllMyBuckets"], Resource: "*" }] });
    const bucket = rp({ Version: V, Statement: [{ Sid: "AllowCarlosWrite", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCT}:user/carlossalazar` }, Action: "s3:PutObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/*" }] });
    const set: PolicySet = { identity: [id], resource: bucket, resourceAccount: ACCT };
    expect(decide(set, carlos, "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/log1")).toBe("allowed");
    expect(decide(set, carlos, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/log1")).toBe("allowed");
    expect(decide(set, carlos, "s3:DeleteObject", "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/log1")).toBe("implicitly-denied");
  });

  it("reference_policies_evaluation-logic-cross-account: cross-account needs both the identity and the resource policy", () => {
    // "the identity-based policy ... in the trusted account and the resource-based policy in the trusting account must both allow it"
    const fn = "arn:aws:lambda:us-east-1:444455556666:function:f";
    const r = rp({ Version: V, Statement: { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCT}:role/app` }, Action: "lambda:InvokeFunction", Resource: fn } });
    const id = idp({ Version: V, Statement: { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn } });
    expect(decide({ identity: [id], resource: r }, role("app"), "lambda:InvokeFunction", fn)).toBe("allowed");
    expect(decide({ identity: [], resource: r }, role("app"), "lambda:InvokeFunction", fn)).toBe("implicitly-denied");
    expect(decide({ identity: [id] }, role("app"), "lambda:InvokeFunction", fn)).toBe("implicitly-denied");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("Lambda Developer Guide: access-control-resource-based.html", () => {
  const LR = "lambda access-control-resource-based";
  const fn = "arn:aws:lambda:us-east-2:123456789012:function:my-function";

  it(`${LR}: lambda-allow-s3-my-function — s3.amazonaws.com with AWS:SourceAccount and ArnLike AWS:SourceArn my-bucket`, () => {
    // "a statement that allows Amazon S3 to invoke a function named my-function for a bucket named my-bucket in account 123456789012"
    const p = rp({ Version: V, Id: "default", Statement: [{ Sid: "lambda-allow-s3-my-function", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { StringEquals: { "AWS:SourceAccount": "123456789012" }, ArnLike: { "AWS:SourceArn": "arn:aws:s3:::my-bucket" } } }] });
    const s3 = service("s3.amazonaws.com");
    expect(decideResource(p, s3, "lambda:InvokeFunction", fn, { "aws:SourceAccount": "123456789012", "aws:SourceArn": "arn:aws:s3:::my-bucket" })).toBe("allowed");
    expect(decideResource(p, s3, "lambda:InvokeFunction", fn, { "aws:SourceAccount": "123456789012", "aws:SourceArn": "arn:aws:s3:::other-bucket" })).toBe("implicitly-denied");
    expect(decideResource(p, s3, "lambda:InvokeFunction", fn, { "aws:SourceAccount": "999999999999", "aws:SourceArn": "arn:aws:s3:::my-bucket" })).toBe("implicitly-denied");
    expect(decideResource(p, service("sns.amazonaws.com"), "lambda:InvokeFunction", fn, { "aws:SourceAccount": "123456789012", "aws:SourceArn": "arn:aws:s3:::my-bucket" })).toBe("implicitly-denied");
  });

  it(`${LR}: add-permission --principal sns.amazonaws.com without --source-arn "doesn't restrict the Amazon SNS topic"`, () => {
    const p = rp({ Version: V, Statement: [{ Sid: "sns", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn }] });
    expect(decideResource(p, service("sns.amazonaws.com"), "lambda:InvokeFunction", fn, { "aws:SourceArn": "arn:aws:sns:us-east-2:999999999999:any-topic" })).toBe("allowed");
    const scoped = rp({ Version: V, Statement: [{ Sid: "sns-my-topic", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:sns:us-east-2:123456789012:my-topic" } } }] });
    // "The following command only allows Amazon SNS to invoke the function for subscriptions to a topic named my-topic."
    expect(decideResource(scoped, service("sns.amazonaws.com"), "lambda:InvokeFunction", fn, { "aws:SourceArn": "arn:aws:sns:us-east-2:123456789012:my-topic" })).toBe("allowed");
    expect(decideResource(scoped, service("sns.amazonaws.com"), "lambda:InvokeFunction", fn, { "aws:SourceArn": "arn:aws:sns:us-east-2:123456789012:other" })).toBe("implicitly-denied");
  });

  it(`${LR}: xaccount — Principal arn:aws:iam::210987654321:root; users in that account still need their own permissions`, () => {
    // "The resource-based policy grants permission for the other account to access the function, but doesn't allow users
    // in that account to exceed their permissions."
    const p = rp({ Version: V, Statement: [{ Sid: "xaccount", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "lambda:InvokeFunction", Resource: fn }] });
    const caller = role("invoker", "210987654321");
    const id = idp({ Version: V, Statement: { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" } });
    expect(decide({ identity: [id], resource: p }, caller, "lambda:InvokeFunction", fn)).toBe("allowed");
    expect(decide({ identity: [], resource: p }, caller, "lambda:InvokeFunction", fn)).toBe("implicitly-denied");
    expect(decide({ identity: [id], resource: p }, role("invoker", "333333333333"), "lambda:InvokeFunction", fn)).toBe("implicitly-denied");
  });

  it(`${LR}: engineering-org layer permission — Principal "*" with StringEquals aws:PrincipalOrgID o-t194hfs8cz`, () => {
    // "grants all accounts in an organization permission to use version 3 of a layer"
    const layer = "arn:aws:lambda:us-east-2:123456789012:layer:my-layer:3";
    const p = rp({ Version: V, Statement: [{ Sid: "engineering-org", Effect: "Allow", Principal: "*", Action: "lambda:GetLayerVersion", Resource: layer, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-t194hfs8cz" } } }] });
    const id = idp({ Version: V, Statement: { Effect: "Allow", Action: "lambda:GetLayerVersion", Resource: "*" } });
    const caller = role("builder", "210987654321");
    expect(decide({ identity: [id], resource: p }, caller, "lambda:GetLayerVersion", layer, { "aws:PrincipalOrgID": "o-t194hfs8cz" })).toBe("allowed");
    expect(decide({ identity: [id], resource: p }, caller, "lambda:GetLayerVersion", layer, { "aws:PrincipalOrgID": "o-otherorg" })).toBe("implicitly-denied");
  });

  it("lambda urls-auth: Principal \"*\" lambda:InvokeFunctionUrl with lambda:FunctionUrlAuthType NONE lets anyone invoke the URL", () => {
    // "With auth type NONE ... the resource-based policy ... allow[s] public access": {"Principal": "*", "Action":
    // "lambda:InvokeFunctionUrl", "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}
    const p = rp({ Version: V, Statement: [{ Sid: "FunctionURLAllowPublicAccess", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: fn, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } }] });
    expect(decideResource(p, anonymous, "lambda:InvokeFunctionUrl", fn, { "lambda:FunctionUrlAuthType": "NONE" })).toBe("allowed");
    expect(decideResource(p, anonymous, "lambda:InvokeFunctionUrl", fn, { "lambda:FunctionUrlAuthType": "AWS_IAM" })).toBe("implicitly-denied");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("reference_policies_condition-keys.html (aws:CalledVia, aws:PrincipalIsAWSService, aws:ViaAWSService)", () => {
  it("aws:CalledVia: ForAnyValue:StringEquals [cloudformation.amazonaws.com]; a direct call has no aws:CalledVia", () => {
    // "If the request is made directly, aws:CalledVia is not in the request" — ForAnyValue on an absent key is false.
    const values = ["cloudformation.amazonaws.com"];
    expect(clause("ForAnyValue:StringEquals", "aws:CalledVia", values, { "aws:CalledVia": ["cloudformation.amazonaws.com", "dynamodb.amazonaws.com"] })).toBe("true");
    expect(clause("ForAnyValue:StringEquals", "aws:CalledVia", values, { "aws:CalledVia": ["athena.amazonaws.com"] })).toBe("false");
    expect(clause("ForAnyValue:StringEquals", "aws:CalledVia", values, {})).toBe("false");
  });

  it("aws:CalledViaFirst / aws:CalledViaLast: StringEquals first cloudformation, last dynamodb", () => {
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:CalledViaFirst": "cloudformation.amazonaws.com", "aws:CalledViaLast": "dynamodb.amazonaws.com" } } } });
    const key = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    expect(decide({ identity: [p] }, user("u"), "kms:Decrypt", key, { "aws:CalledVia": ["cloudformation.amazonaws.com", "dynamodb.amazonaws.com"], "aws:CalledViaFirst": "cloudformation.amazonaws.com", "aws:CalledViaLast": "dynamodb.amazonaws.com" })).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "kms:Decrypt", key, {})).toBe("implicitly-denied");
  });

  it("aws:PrincipalIsAWSService: bucket Deny with StringNotEqualsIfExists aws:SourceVpc + BoolIfExists aws:PrincipalIsAWSService false", () => {
    // "deny access to the bucket unless the request originates from vpc-111bbb22 or is from a service principal, such as CloudTrail"
    const bucket = "arn:aws:s3:::amzn-s3-demo-bucket1";
    const p = rp({ Version: V, Statement: [
      { Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: `${bucket}/AWSLogs/*` },
      { Sid: "DenyNotFromVpc", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket, `${bucket}/*`], Condition: { StringNotEqualsIfExists: { "aws:SourceVpc": "vpc-111bbb22" }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } },
    ] });
    expect(decideResource(p, service("cloudtrail.amazonaws.com"), "s3:PutObject", `${bucket}/AWSLogs/1.json`, { "aws:PrincipalIsAWSService": "true" })).toBe("allowed");
    const id = idp({ Version: V, Statement: allowAll });
    expect(decide({ identity: [id], resource: p }, user("u"), "s3:GetObject", `${bucket}/k`, { "aws:PrincipalIsAWSService": "false" })).toBe("explicitly-denied");
    expect(decide({ identity: [id], resource: p }, user("u"), "s3:GetObject", `${bucket}/k`, { "aws:PrincipalIsAWSService": "false", "aws:SourceVpc": "vpc-111bbb22" })).toBe("allowed");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("more IAM User Guide examples (Condition element, example policies)", () => {
  it("reference_policies_elements_condition: StringEquals aws:username \"john\" is case sensitive; StringEqualsIgnoreCase matches John", () => {
    // "the following condition includes the StringEquals operator to make sure that only requests made by john match.
    // Users named John are denied access." / "The following condition uses the StringEqualsIgnoreCase operator to match
    // users named john or John."
    expect(clause("StringEquals", "aws:username", ["john"], { "aws:username": "john" })).toBe("true");
    expect(clause("StringEquals", "aws:username", ["john"], { "aws:username": "John" })).toBe("false");
    expect(clause("StringEqualsIgnoreCase", "aws:username", ["john"], { "aws:username": "John" })).toBe("true");
    // "Context key names are not case-sensitive. For example, including the aws:SourceIP context key is equivalent to testing for AWS:SourceIp."
    expect(clause("IpAddress", "aws:SourceIP", ["203.0.113.0/24"], { "AWS:SourceIp": "203.0.113.9" })).toBe("true");
  });

  it("reference_policies_multiple-conditions-eval: AND across keys and operators, OR across a key's values", () => {
    // "If your policy has multiple condition operators or multiple keys attached to a single condition operator, the
    // conditions are evaluated using a logical AND. If a single condition operator includes multiple values for one
    // key, that condition operator is evaluated using a logical OR."
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "iam:*", Resource: "*", Condition: {
      StringEquals: { "aws:PrincipalTag/department": ["finance", "hr", "legal"], "aws:PrincipalTag/role": ["audit", "security"] },
      ArnLike: { "aws:PrincipalArn": [`arn:aws:iam::${ACCT}:user/*`] },
    } } });
    const ask = (ctx: Record<string, string>) => decide({ identity: [p] }, user("u"), "iam:ListUsers", "*", ctx);
    const arn = { "aws:PrincipalArn": `arn:aws:iam::${ACCT}:user/u` };
    expect(ask({ ...arn, "aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "security" })).toBe("allowed");
    expect(ask({ ...arn, "aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "dev" })).toBe("implicitly-denied");
    expect(ask({ "aws:PrincipalArn": `arn:aws:iam::${ACCT}:role/r`, "aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "security" })).toBe("implicitly-denied");
  });

  it("reference_policies_examples_aws-dates: DateGreaterThan/DateLessThan aws:CurrentTime window", () => {
    // "allows access to actions based on date and time ... within a specific date range"
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "service-prefix:action-name", Resource: "*", Condition: { DateGreaterThan: { "aws:CurrentTime": "2020-04-01T00:00:00Z" }, DateLessThan: { "aws:CurrentTime": "2020-06-30T23:59:59Z" } } } });
    expect(decide({ identity: [p] }, user("u"), "service-prefix:action-name", "*", { "aws:CurrentTime": "2020-05-15T10:00:00Z" })).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "service-prefix:action-name", "*", { "aws:CurrentTime": "2020-07-01T00:00:00Z" })).toBe("implicitly-denied");
  });

  it("reference_policies_examples_aws_deny-ip: Deny NotIpAddress [192.0.2.0/24, 203.0.113.0/24] unless aws:ViaAWSService", () => {
    // "denies access to all AWS actions in the account when the request comes from principals outside the specified IP
    // range" / "...the aws:ViaAWSService condition key ... allow[s] a service to make requests on your behalf"
    const p = idp({ Version: V, Statement: [allowAll, { Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] }, Bool: { "aws:ViaAWSService": "false" } } }] });
    const ask = (ctx: Record<string, string>) => decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/k", ctx);
    expect(ask({ "aws:SourceIp": "198.51.100.1", "aws:ViaAWSService": "false" })).toBe("explicitly-denied");
    expect(ask({ "aws:SourceIp": "203.0.113.50", "aws:ViaAWSService": "false" })).toBe("allowed");
    expect(ask({ "aws:SourceIp": "198.51.100.1", "aws:ViaAWSService": "true" })).toBe("allowed");
  });

  it("reference_policies_examples_aws_deny-requested-region: Deny NotAction [global services] StringNotEquals aws:RequestedRegion", () => {
    // "denies access to any actions outside the specified Regions (eu-central-1, eu-west-1), except for actions in the
    // services that are specified [NotAction]"
    const p = idp({ Version: V, Statement: [allowAll, { Sid: "DenyAllOutsideRequestedRegions", Effect: "Deny", NotAction: ["cloudfront:*", "iam:*", "route53:*", "support:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-central-1", "eu-west-1"] } } }] });
    expect(decide({ identity: [p] }, user("u"), "ec2:RunInstances", "*", { "aws:RequestedRegion": "us-east-1" })).toBe("explicitly-denied");
    expect(decide({ identity: [p] }, user("u"), "ec2:RunInstances", "*", { "aws:RequestedRegion": "eu-west-1" })).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "iam:CreateUser", "*", { "aws:RequestedRegion": "us-east-1" })).toBe("allowed");
  });

  it("tutorial_attribute-based-access-control: StringEquals aws:ResourceTag/access-project \"${aws:PrincipalTag/access-project}\"", () => {
    // "allows principals to perform actions on resources tagged with the same access-project value as the principal";
    // a principal without the tag matches nothing ("not present ... any attempt to match it fails").
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/access-project": "${aws:PrincipalTag/access-project}" } } } });
    const secret = `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:s`;
    expect(decide({ identity: [p] }, role("r"), "secretsmanager:GetSecretValue", secret, { "aws:ResourceTag/access-project": "peg", "aws:PrincipalTag/access-project": "peg" })).toBe("allowed");
    expect(decide({ identity: [p] }, role("r"), "secretsmanager:GetSecretValue", secret, { "aws:ResourceTag/access-project": "peg", "aws:PrincipalTag/access-project": "uni" })).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, role("r"), "secretsmanager:GetSecretValue", secret, { "aws:ResourceTag/access-project": "peg" })).toBe("implicitly-denied");
  });

  it("reference_policies_variables / principal key values: aws:username is not present for a role, so \${aws:username} resources never match", () => {
    // "not present means that the value is not in the current request information, and any attempt to match it fails
    // and causes the statement to be invalid" (aws:username for an assumed role: not present)
    const p = idp({ Version: V, Statement: [{ Action: ["s3:GetObject"], Effect: "Allow", Resource: ["arn:aws:s3:::mybucket/${aws:username}/*"] }] });
    expect(decide({ identity: [p] }, role("David"), "s3:GetObject", "arn:aws:s3:::mybucket/David/a.txt", {})).toBe("implicitly-denied");
  });

  it("reference_policies_variables / default values: \"arn:aws:s3:::bucket/\${aws:PrincipalTag/team, 'company-wide'}/*\"", () => {
    // current page: a principal without the team tag gets the default folder (the default-value example)
    const p = idp({ Version: V, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team, 'company-wide'}/*"] }] });
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/company-wide/a", {})).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/red/a", {})).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/red/a", { "aws:PrincipalTag/team": "red" })).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/company-wide/a", { "aws:PrincipalTag/team": "red" })).toBe("implicitly-denied");
  });

  it("reference_policies_condition_examples-multi-valued-context-keys: Null \"false\" excludes a key whose value is empty", () => {
    // "To prevent missing context keys or context keys with empty values from evaluating to true, include the Null
    // condition operator in your policy with a value of false to check if the context key in the request exists and its
    // value is not null."
    const p = idp({ Version: V, Statement: [allowAll, { Sid: "DenyRestrictedTags", Effect: "Deny", Action: ["iam:Tag*", "iam:UnTag*"], Resource: ["*"], Condition: { Null: { "aws:TagKeys": "false" }, "ForAllValues:StringLike": { "aws:TagKeys": ["key1*", "key2*", "key3*"] } } }] });
    expect(decide({ identity: [p] }, user("u"), "iam:TagUser", `arn:aws:iam::${ACCT}:user/x`, { "aws:TagKeys": "" })).toBe("allowed");
  });

  it("reference_policies_condition_examples-multi-valued-context-keys: Null \"false\" excludes a key whose value is empty (as a one-value list)", () => {
    const p = idp({ Version: V, Statement: [allowAll, { Sid: "DenyRestrictedTags", Effect: "Deny", Action: ["iam:Tag*", "iam:UnTag*"], Resource: ["*"], Condition: { Null: { "aws:TagKeys": "false" }, "ForAllValues:StringLike": { "aws:TagKeys": ["key1*", "key2*", "key3*"] } } }] });
    expect(decide({ identity: [p] }, user("u"), "iam:TagUser", `arn:aws:iam::${ACCT}:user/x`, { "aws:TagKeys": [""] })).toBe("allowed");
    // the empty list, by contrast, the evaluator already reads as absent
    expect(decide({ identity: [p] }, user("u"), "iam:TagUser", `arn:aws:iam::${ACCT}:user/x`, { "aws:TagKeys": [] })).toBe("allowed");
  });

  it("reference_policies_elements_action: action names are case-insensitive (\"SQS:SendMessage\" in the ARN-operator example)", () => {
    // "The prefix and the action name are case insensitive. For example, iam:ListAccessKeys is the same as IAM:listaccesskeys."
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "SQS:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:QUEUE-ID" } });
    expect(decide({ identity: [p] }, user("u", "123456789012"), "sqs:sendmessage", "arn:aws:sqs:us-east-1:123456789012:QUEUE-ID")).toBe("allowed");
    const q = idp({ Version: V, Statement: { Effect: "Allow", Action: "iam:ListAccessKeys", Resource: "*" } });
    expect(decide({ identity: [q] }, user("u"), "IAM:listaccesskeys", "*")).toBe("allowed");
  });

  it("reference_policies_elements_condition_operators / IP: NotIpAddress on an absent aws:SourceIp (VPC endpoint) is true", () => {
    // "If the policy condition requires that the key is not matched ... and the right key is not present, the condition is true."
    expect(clause("NotIpAddress", "aws:SourceIp", ["192.0.2.0/24"], {})).toBe("true");
  });
});

describe("more Lambda Developer Guide examples", () => {
  const fn = "arn:aws:lambda:us-east-2:123456789012:function:my-function";

  it("lambda access-control-resource-based: a full user ARN as principal limits access to that user", () => {
    // "To limit access to a user, group, or role in another account, specify the full ARN of the identity as the
    // principal. For example, arn:aws:iam::123456789012:user/developer."
    const p = rp({ Version: V, Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:user/developer" }, Action: "lambda:InvokeFunction", Resource: fn }] });
    const id = idp({ Version: V, Statement: { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" } });
    expect(decide({ identity: [id], resource: p }, user("developer", "210987654321"), "lambda:InvokeFunction", fn)).toBe("allowed");
    expect(decide({ identity: [id], resource: p }, user("tester", "210987654321"), "lambda:InvokeFunction", fn)).toBe("implicitly-denied");
  });

  it("lambda access-control-resource-based: a grant on the prod alias \"requires the other account to include the alias in the function ARN\"", () => {
    const p = rp({ Version: V, Statement: [{ Sid: "xaccount", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "lambda:InvokeFunction", Resource: `${fn}:prod` }] });
    const id = idp({ Version: V, Statement: { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" } });
    const caller = role("invoker", "210987654321");
    expect(decide({ identity: [id], resource: p }, caller, "lambda:InvokeFunction", `${fn}:prod`)).toBe("allowed");
    expect(decide({ identity: [id], resource: p }, caller, "lambda:InvokeFunction", fn)).toBe("implicitly-denied");
    expect(decide({ identity: [id], resource: p }, caller, "lambda:InvokeFunction", `${fn}:1`)).toBe("implicitly-denied");
  });

  it("lambda get-policy example: Principal s3.amazonaws.com with ArnLike AWS:SourceArn \"arn:aws:sns:us-east-2:123456789012:lambda*\"", () => {
    const p = rp({ Version: V, Id: "default", Statement: [{ Sid: "sns", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:sns:us-east-2:123456789012:lambda*" } } }] });
    expect(decideResource(p, service("s3.amazonaws.com"), "lambda:InvokeFunction", fn, { "aws:SourceArn": "arn:aws:sns:us-east-2:123456789012:lambda-topic" })).toBe("allowed");
    expect(decideResource(p, service("s3.amazonaws.com"), "lambda:InvokeFunction", fn, { "aws:SourceArn": "arn:aws:sns:us-east-2:123456789012:other" })).toBe("implicitly-denied");
    // the Principal is S3, not SNS
    expect(decideResource(p, service("sns.amazonaws.com"), "lambda:InvokeFunction", fn, { "aws:SourceArn": "arn:aws:sns:us-east-2:123456789012:lambda-topic" })).toBe("implicitly-denied");
  });
});

describe("Lambda Developer Guide: lambda-api-permissions-ref.html and configuration-vpc.html", () => {
  it("lambda-api-permissions-ref: ManageFunctionPolicy — Resource \"function:test:*\" with StringEquals lambda:Principal sns.amazonaws.com", () => {
    // "The condition requires that the principal is Amazon SNS and not another service or account. The resource pattern
    // requires that the function name is test and includes a version number or alias. For example, test:v1."
    const p = idp({ Version: V, Statement: [{ Sid: "ManageFunctionPolicy", Effect: "Allow", Action: ["lambda:AddPermission", "lambda:RemovePermission"], Resource: "arn:aws:lambda:us-west-2:123456789012:function:test:*", Condition: { StringEquals: { "lambda:Principal": "sns.amazonaws.com" } } }] });
    const u = user("u", "123456789012");
    const f = "arn:aws:lambda:us-west-2:123456789012:function:test";
    expect(decide({ identity: [p] }, u, "lambda:AddPermission", `${f}:v1`, { "lambda:Principal": "sns.amazonaws.com" })).toBe("allowed");
    expect(decide({ identity: [p] }, u, "lambda:AddPermission", `${f}:v1`, { "lambda:Principal": "s3.amazonaws.com" })).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, u, "lambda:AddPermission", f, { "lambda:Principal": "sns.amazonaws.com" })).toBe("implicitly-denied");
  });

  it("lambda-api-permissions-ref: Invoke — Resource \"arn:aws:lambda:us-west-2:123456789012:function:my-function\"", () => {
    // "the following policy allows a user in account 123456789012 to invoke a function named my-function in the US West (Oregon) Region."
    const p = idp({ Version: V, Statement: [{ Sid: "Invoke", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: "arn:aws:lambda:us-west-2:123456789012:function:my-function" }] });
    const u = user("u", "123456789012");
    expect(decide({ identity: [p] }, u, "lambda:InvokeFunction", "arn:aws:lambda:us-west-2:123456789012:function:my-function")).toBe("allowed");
    expect(decide({ identity: [p] }, u, "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:my-function")).toBe("implicitly-denied");
    expect(decide({ identity: [p] }, u, "lambda:InvokeFunction", "arn:aws:lambda:us-west-2:123456789012:function:my-function2")).toBe("implicitly-denied");
  });

  const fnAny = `arn:aws:lambda:us-east-1:${ACCT}:function:f`;
  it("configuration-vpc: EnforceVPCFunction — Deny CreateFunction when Null lambda:VpcIds \"true\"", () => {
    // "you can deny function create and update operations that don't include a valid VPC ID"
    const p = idp({ Version: V, Statement: [allowAll, { Sid: "EnforceVPCFunction", Action: ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"], Effect: "Deny", Resource: "*", Condition: { Null: { "lambda:VpcIds": "true" } } }] });
    expect(decide({ identity: [p] }, user("u"), "lambda:CreateFunction", fnAny, {})).toBe("explicitly-denied");
    expect(decide({ identity: [p] }, user("u"), "lambda:CreateFunction", fnAny, { "lambda:VpcIds": "vpc-1" })).toBe("allowed");
  });

  it("configuration-vpc: EnforceOutOfVPC / EnforceOutOfSubnet (ForAnyValue) deny specific VPCs and subnets", () => {
    const p = idp({ Version: V, Statement: [allowAll,
      { Sid: "EnforceOutOfVPC", Action: ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"], Effect: "Deny", Resource: "*", Condition: { StringEquals: { "lambda:VpcIds": ["vpc-1", "vpc-2"] } } },
      { Sid: "EnforceOutOfSubnet", Action: ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"], Effect: "Deny", Resource: "*", Condition: { "ForAnyValue:StringEquals": { "lambda:SubnetIds": ["subnet-1", "subnet-2"] } } },
    ] });
    const ask = (ctx: Record<string, string | string[]>) => decide({ identity: [p] }, user("u"), "lambda:CreateFunction", fnAny, ctx);
    // "The following example denies users access to vpc-1 and vpc-2." / "...denies users access to subnet-1 and subnet-2."
    expect(ask({ "lambda:VpcIds": "vpc-1", "lambda:SubnetIds": ["subnet-9"] })).toBe("explicitly-denied");
    expect(ask({ "lambda:VpcIds": "vpc-3", "lambda:SubnetIds": ["subnet-9", "subnet-2"] })).toBe("explicitly-denied");
    expect(ask({ "lambda:VpcIds": "vpc-3", "lambda:SubnetIds": ["subnet-9"] })).toBe("allowed");
    expect(ask({})).toBe("allowed");
  });

  it("configuration-vpc: EnforceStayInSpecificSubnets (ForAllValues) — note it also allows a request without subnets", () => {
    // "The following example allows users to access subnet-1 and subnet-2." — with ForAllValues an absent key is true
    // (reference_policies_condition-single-vs-multi-valued-context-keys).
    const p = idp({ Version: V, Statement: [{ Sid: "EnforceStayInSpecificSubnets", Action: ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"], Effect: "Allow", Resource: "*", Condition: { "ForAllValues:StringEquals": { "lambda:SubnetIds": ["subnet-1", "subnet-2"] } } }] });
    const ask = (ctx: Record<string, string | string[]>) => decide({ identity: [p] }, user("u"), "lambda:CreateFunction", fnAny, ctx);
    expect(ask({ "lambda:SubnetIds": ["subnet-1", "subnet-2"] })).toBe("allowed");
    expect(ask({ "lambda:SubnetIds": ["subnet-1", "subnet-3"] })).toBe("implicitly-denied");
    expect(ask({})).toBe("allowed");
  });
});

describe("edge statements the pages make in words", () => {
  it("reference_policies_variables / Condition element: \"You can't use a policy variable with ... Numeric, Date, ... IP Address\" operators", () => {
    // "You can use a policy variable for Condition values in any condition that involves the string operators or the ARN
    // operators ... You can't use a policy variable with other operators, such as Numeric, Date, Boolean, Binary, IP
    // Address, or Null operators." (The Boolean section of the operators page says the opposite for Bool.)
    expect(clause("NumericLessThanEquals", "s3:max-keys", ["${aws:PrincipalTag/max}"], { "s3:max-keys": "5", "aws:PrincipalTag/max": "10" })).toBe("false");
    expect(clause("DateLessThan", "aws:CurrentTime", ["${aws:PrincipalTag/expiry}"], { "aws:CurrentTime": "2020-01-01T00:00:00Z", "aws:PrincipalTag/expiry": "2030-01-01T00:00:00Z" })).toBe("false");
    expect(clause("IpAddress", "aws:SourceIp", ["${aws:PrincipalTag/cidr}"], { "aws:SourceIp": "10.0.0.1", "aws:PrincipalTag/cidr": "10.0.0.0/8" })).toBe("false");
  });

  it("reference_policies_elements_condition_operators / Numeric: \"comparing a key to an integer or decimal value\" (10 equals 10.0)", () => {
    expect(clause("NumericEquals", "s3:max-keys", ["10"], { "s3:max-keys": "10.0" })).toBe("true");
    expect(clause("NumericLessThan", "s3:max-keys", ["10.5"], { "s3:max-keys": "10" })).toBe("true");
  });

  it("reference_policies_condition-single-vs-multi-valued-context-keys: a set operator on a single-valued key is overly permissive (absent tag → ForAllValues true)", () => {
    // "Do not use condition set operators ForAllValues or ForAnyValue with single-valued context keys. Using condition set
    // operators with single-valued context keys can lead to overly permissive policies."
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { "ForAllValues:StringEquals": { "aws:PrincipalTag/department": ["finance"] } } } });
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/k", {})).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "s3:GetObject", "arn:aws:s3:::b/k", { "aws:PrincipalTag/department": "hr" })).toBe("implicitly-denied");
  });

  it("reference_policies_elements_condition_operators / IfExists: ForAnyValue:StringEqualsIfExists with the key absent is false, not the page's literal true", () => {
    // The page says "If the key is not present, evaluate the condition element as true" with no word on set operators;
    // AWS was observed to deny sqs:ListQueues (no aws:TagKeys) under this Allow (repost.aws QU9HFmDzP0QGuU-fd7rS6B7w).
    expect(clause("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", ["env"], {})).toBe("false");
  });

  it("reference_policies_elements_notprincipal (older page): Allow with NotPrincipal \"allows all principals except the one named\", anonymous included", () => {
    // "Doing so allows all principals except the one named in the NotPrincipal element ... you might grant access to
    // anonymous (unauthenticated) users." (The current page: "Using it with Allow is not supported.")
    const p = rp({ Version: V, Statement: { Effect: "Allow", NotPrincipal: { AWS: [`arn:aws:iam::${ACCT}:user/Bob`] }, Action: "s3:GetObject", Resource: "arn:aws:s3:::BUCKETNAME/*" } });
    expect(decideResource(p, anonymous, "s3:GetObject", "arn:aws:s3:::BUCKETNAME/a")).toBe("allowed");
    // The current page says what the exceptions are ("all principals except the principal specified") and that "you
    // must also specify the account ARN of the not-denied principal": with the account listed too, Bob is excepted.
    const both = rp({ Version: V, Statement: { Effect: "Allow", NotPrincipal: { AWS: [`arn:aws:iam::${ACCT}:user/Bob`, `arn:aws:iam::${ACCT}:root`] }, Action: "s3:GetObject", Resource: "arn:aws:s3:::BUCKETNAME/*" } });
    expect(decideResource(both, user("Bob"), "s3:GetObject", "arn:aws:s3:::BUCKETNAME/a")).toBe("implicitly-denied");
    expect(decideResource(both, user("Alice"), "s3:GetObject", "arn:aws:s3:::BUCKETNAME/a")).toBe("allowed");
  });
});

describe("wildcards and principal forms", () => {
  it("reference_policies_elements_condition_operators / String: StringLike \"?\" is a single-character wildcard, \"*\" multi-character", () => {
    // "The values can include multi-character match wildcards (*) and single-character match wildcards (?) anywhere in the string."
    expect(clause("StringLike", "s3:prefix", ["home/?/"], { "s3:prefix": "home/a/" })).toBe("true");
    expect(clause("StringLike", "s3:prefix", ["home/?/"], { "s3:prefix": "home/ab/" })).toBe("false");
    expect(clause("StringLike", "s3:prefix", ["home/*/docs"], { "s3:prefix": "home/a/b/docs" })).toBe("true");
    expect(clause("StringEquals", "s3:prefix", ["home/*"], { "s3:prefix": "home/a" })).toBe("false");
  });

  it("reference_policies_elements_resource: \"arn:aws:iam::account-ID:user/accounting/*\" refers to all users whose path is /accounting", () => {
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "iam:GetUser", Resource: `arn:aws:iam::${ACCT}:user/accounting/*` } });
    expect(decide({ identity: [p] }, user("u"), "iam:GetUser", `arn:aws:iam::${ACCT}:user/accounting/Bob`)).toBe("allowed");
    expect(decide({ identity: [p] }, user("u"), "iam:GetUser", `arn:aws:iam::${ACCT}:user/Bob`)).toBe("implicitly-denied");
  });

  it("reference_policies_elements_resource: \"arn:aws:s3:::amzn-s3-demo-bucket/*/test/*\" spans / but is not a path glob", () => {
    // "The asterisk (*) character can expand to replace everything within a segment, including characters like a
    // forward slash (/) that may otherwise appear to be a delimiter within a given service namespace." The page lists
    // the objects the ARN applies to and the three it "would not match".
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*" } });
    const get = (key: string) => decide({ identity: [p] }, user("u"), "s3:GetObject", `arn:aws:s3:::amzn-s3-demo-bucket/${key}`);
    for (const key of ["1/test/object.jpg", "1/2/test/object.jpg", "1/2/test/3/object.jpg", "1/2/3/test/4/object.jpg", "1///test///object.jpg", "1/test/.jpg", "/test/object.jpg", "1/test/"]) {
      expect(get(key), key).toBe("allowed");
    }
    for (const key of ["1-test/object.jpg", "test/object.jpg", "1/2/test.jpg"]) expect(get(key), key).toBe("implicitly-denied");
  });

  it("reference_policies_elements_resource: a * or ? inside an ARN segment does not match across a colon", () => {
    // "You can use wildcard characters (* and ?) within the individual segments of an ARN (the parts separated by
    // colons)" ... "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond
    // colon boundaries." So `*-prod` names functions ending in -prod, not the alias blue-prod of function orders.
    const fn = `arn:aws:lambda:us-east-1:${ACCT}:function`;
    const p = idp({ Version: V, Statement: { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: [`${fn}:*-prod`, `${fn}:api?v1`, `${fn}:batch*`] } });
    const invoke = (arn: string) => decide({ identity: [p] }, user("u"), "lambda:InvokeFunction", arn);
    expect(invoke(`${fn}:orders-prod`)).toBe("allowed");
    expect(invoke(`${fn}:orders:blue-prod`)).toBe("implicitly-denied");
    expect(invoke(`${fn}:api-v1`)).toBe("allowed");
    expect(invoke(`${fn}:api:v1`)).toBe("implicitly-denied");
    expect(invoke(`${fn}:batch:live`)).toBe("allowed"); // the segment's last character: it may cross the colon
    // NotResource reads its entries the same way: the alias is not excepted, so the Deny covers it.
    const d = idp({ Version: V, Statement: [allowAll, { Effect: "Deny", Action: "lambda:*", NotResource: `${fn}:*-prod` }] });
    expect(decide({ identity: [d] }, user("u"), "lambda:InvokeFunction", `${fn}:orders-prod`)).toBe("allowed");
    expect(decide({ identity: [d] }, user("u"), "lambda:InvokeFunction", `${fn}:orders:blue-prod`)).toBe("explicitly-denied");
  });

  it("reference_policies_elements_principal: {\"AWS\": \"123456789012\"} (bare account id) is the account root", () => {
    // "You can also specify the account ID without the arn:aws:iam:: prefix ... "AWS": "123456789012""
    const fn = "arn:aws:lambda:us-east-2:123456789012:function:my-function";
    const p = rp({ Version: V, Statement: [{ Effect: "Allow", Principal: { AWS: "210987654321" }, Action: "lambda:InvokeFunction", Resource: fn }] });
    const id = idp({ Version: V, Statement: { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" } });
    expect(decide({ identity: [id], resource: p }, role("invoker", "210987654321"), "lambda:InvokeFunction", fn)).toBe("allowed");
    expect(decide({ identity: [id], resource: p }, role("invoker", "333344445555"), "lambda:InvokeFunction", fn)).toBe("implicitly-denied");
  });
});
