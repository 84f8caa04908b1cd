/**
 * Condition corners most evaluators get wrong, each row held to one rule of AWS's own pages: the row names its page
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/<page>) and quotes the rule in one line. These rows add to
 * aws-documented-examples.test.ts and documented-doubts.test.ts and repeat none of their cases: other operator
 * families under IfExists and the set operators, the opposite Null answers, Bool's own values, policy variables in
 * ARN comparisons and Resource with defaults, the special-character variables under the exact operators, line breaks
 * under StringLike, ordered comparisons across epoch and ISO 8601, decimals, IPv6 forms, ARN segment wildcards, and
 * what a static scan must never settle: an operator AWS does not define, or a key the snapshot does not know, is
 * "unknown" for a clause and "conditional" for a decision, never allowed or denied.
 */
import { describe, expect, it } from "vitest";
import { evaluateClause } from "./conditions/evaluate";
import { makeContext } from "./context";
import { evaluate } from "./evaluate";
import { allow, deny, doc } from "./test-policies";
import type { Decision, Effect, PolicySet, RequestPrincipal, Tri } from "./types";

const GUIDE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";
const CO = `${GUIDE}reference_policies_elements_condition_operators.html`;
const MV = `${GUIDE}reference_policies_condition-single-vs-multi-valued-context-keys.html`;
const PV = `${GUIDE}reference_policies_variables.html`;
const EC = `${GUIDE}reference_policies_elements_condition.html`;
const EL = `${GUIDE}reference_policies_evaluation-logic.html`;
const AA = `${GUIDE}access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-unsupported-space-in-variable`;
const GR = `${GUIDE}reference_policies_grammar.html`;

const V = "2012-10-17";
const A = "111122223333";
const fnArn = `arn:aws:lambda:us-east-1:${A}:function:orders`;

type Context = Record<string, string | string[]>;

interface ClauseRow {
  page: string;
  rule: string;
  operator: string;
  key: string;
  values: string[];
  context: Context;
  /** false: keys not given are unknown (a static scan). */
  complete?: boolean;
  effect?: Effect;
  expected: Tri;
}

const IF_EXISTS = "\"If the key is not present, evaluate the condition element as true.\"";
const NOT_PRESENT = "\"If the key that you specify in a policy condition is not present in the request context, the values do not match and the condition is false.\"";
const NULL_RULE = "Null: \"true (the key doesn't exist — it is null) or false (the key exists and its value is not null)\"";
const ARN_LIKE = "ArnLike: \"Each of the six colon-delimited components of the ARN is checked separately and each can include multi-character match wildcards (*) or single-character match wildcards (?)\"";
const DATES = "Date: \"You must specify dates with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time\"";
const NUMERIC = "Numeric: \"restrict access based on comparing a key to an integer or decimal value\"";
const STRING_LIKE = "StringLike: \"The values can include multi-character match wildcard (*) and single-character match wildcard (?) anywhere in the string\"";
const NO_VALUE = "\"When you use a variable with no value in the condition element … condition operators like StringEquals or StringLike do not match\"";
const DEFAULTS = "\"To add a default value to a variable, surround the default value with single quotes (' '), and separate the variable text and the default value with a comma and space\"";
const FOR_ALL = "ForAllValues: \"returns true if there are no context keys in the request or if the context key value resolves to a null dataset\"";
const NO_SPACE = "\"A space is not supported within the policy variable text\" — \"you cannot include a space in the variable name\"";
const FOR_ANY = "ForAnyValue: \"returns false if there are no context keys in the request or if the context key value resolves to a null dataset\"";

const clauseRows: ClauseRow[] = [
  // --- …IfExists on negated operators of every family, key absent; and present, processed as written ---------------
  { page: CO, rule: `${IF_EXISTS} (ArnNotLikeIfExists)`, operator: "ArnNotLikeIfExists", key: "aws:SourceArn", values: ["arn:aws:sqs:*:*:queue"], context: {}, expected: "true" },
  { page: CO, rule: `${IF_EXISTS} (NotIpAddressIfExists)`, operator: "NotIpAddressIfExists", key: "aws:SourceIp", values: ["203.0.113.0/24"], context: {}, expected: "true" },
  { page: CO, rule: `${IF_EXISTS} (NumericNotEqualsIfExists)`, operator: "NumericNotEqualsIfExists", key: "s3:max-keys", values: ["10"], context: {}, expected: "true" },
  { page: CO, rule: `${IF_EXISTS} (DateNotEqualsIfExists)`, operator: "DateNotEqualsIfExists", key: "aws:TokenIssueTime", values: ["2020-01-01T00:00:00Z"], context: {}, expected: "true" },
  { page: CO, rule: "IfExists: \"If the policy key is present in the context of the request, process the key as specified in the policy\" (StringNotEqualsIgnoreCaseIfExists, equal but for case → false)", operator: "StringNotEqualsIgnoreCaseIfExists", key: "aws:PrincipalTag/team", values: ["blue"], context: { "aws:PrincipalTag/team": "Blue" }, expected: "false" },
  { page: CO, rule: `${IF_EXISTS} (BoolIfExists aws:MultiFactorAuthPresent "false": a request with long-term keys carries no such key)`, operator: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"], context: {}, expected: "true" },
  { page: CO, rule: "IfExists, key present: \"process the key as specified in the policy\" (BoolIfExists \"false\", MFA present \"true\" → false)", operator: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"], context: { "aws:MultiFactorAuthPresent": "true" }, expected: "false" },
  { page: CO, rule: "IfExists \"to the end of any condition operator name except the Null condition\": NullIfExists is no operator → unknown", operator: "NullIfExists", key: "aws:TokenIssueTime", values: ["true"], context: {}, expected: "unknown" },

  // --- Bool: its own values, and a missing key ------------------------------------------------------------------------
  { page: CO, rule: "Bool: \"Boolean matching\" — \"true\" against a request's \"true\"", operator: "Bool", key: "aws:SecureTransport", values: ["true"], context: { "aws:SecureTransport": "true" }, expected: "true" },
  { page: CO, rule: "Bool: \"Boolean matching\" — \"false\" against a request's \"true\" does not match", operator: "Bool", key: "aws:SecureTransport", values: ["false"], context: { "aws:SecureTransport": "true" }, expected: "false" },
  { page: CO, rule: `${NOT_PRESENT} (Bool "false", key absent: not IfExists, so false)`, operator: "Bool", key: "aws:MultiFactorAuthPresent", values: ["false"], context: {}, expected: "false" },

  // --- Null: the two answers aws-documented-examples.test.ts does not hold -----------------------------------------
  { page: CO, rule: `${NULL_RULE} — "true" with the key present → false`, operator: "Null", key: "aws:TokenIssueTime", values: ["true"], context: { "aws:TokenIssueTime": "2026-01-01T00:00:00Z" }, expected: "false" },
  { page: CO, rule: `${NULL_RULE} — "false" with the key absent → false`, operator: "Null", key: "aws:TokenIssueTime", values: ["false"], context: {}, expected: "false" },

  // --- set operators over a missing key or an empty list, on operators the other files do not use ------------------
  { page: MV, rule: `${FOR_ALL} (an empty list, StringLike)`, operator: "ForAllValues:StringLike", key: "aws:TagKeys", values: ["env*"], context: { "aws:TagKeys": [] }, expected: "true" },
  { page: MV, rule: `${FOR_ANY} (an empty list, StringLike)`, operator: "ForAnyValue:StringLike", key: "aws:TagKeys", values: ["env*"], context: { "aws:TagKeys": [] }, expected: "false" },
  { page: MV, rule: `${FOR_ALL} (key absent, under a negated operator)`, operator: "ForAllValues:StringNotEquals", key: "aws:TagKeys", values: ["owner"], context: {}, expected: "true" },
  { page: MV, rule: `${FOR_ANY} (key absent, under a negated operator)`, operator: "ForAnyValue:StringNotEquals", key: "aws:TagKeys", values: ["owner"], context: {}, expected: "false" },
  { page: MV, rule: "\"Multivalued context keys require a condition set operator\": StringLike over two tag keys has no documented reading → unknown", operator: "StringLike", key: "aws:TagKeys", values: ["env*"], context: { "aws:TagKeys": ["environment", "owner"] }, expected: "unknown" },

  // --- policy variables ------------------------------------------------------------------------------------------------
  { page: PV, rule: `${NO_VALUE} (ArnLike aws:SourceArn naming \${aws:PrincipalTag/team}, tag missing)`, operator: "ArnLike", key: "aws:SourceArn", values: [`arn:aws:sqs:*:${A}:\${aws:PrincipalTag/team}-*`], context: { "aws:SourceArn": `arn:aws:sqs:us-east-1:${A}:blue-jobs` }, expected: "false" },
  { page: PV, rule: "Policy variables: \"IAM replaces the variable … with the … value\" (ArnLike, tag team=blue)", operator: "ArnLike", key: "aws:SourceArn", values: [`arn:aws:sqs:*:${A}:\${aws:PrincipalTag/team}-*`], context: { "aws:SourceArn": `arn:aws:sqs:us-east-1:${A}:blue-jobs`, "aws:PrincipalTag/team": "blue" }, expected: "true" },
  { page: PV, rule: `${DEFAULTS} — tag missing: the default 'none' is compared`, operator: "StringEquals", key: "aws:ResourceTag/team", values: ["${aws:PrincipalTag/team, 'none'}"], context: { "aws:ResourceTag/team": "none" }, expected: "true" },
  { page: PV, rule: `${DEFAULTS} — tag present: its value, not the default, is compared`, operator: "StringEquals", key: "aws:ResourceTag/team", values: ["${aws:PrincipalTag/team, 'none'}"], context: { "aws:ResourceTag/team": "none", "aws:PrincipalTag/team": "blue" }, expected: "false" },
  { page: PV, rule: "\"${*} - use where you need an * (asterisk) character\" (StringEquals: the text a*b, not a wildcard)", operator: "StringEquals", key: "s3:prefix", values: ["a${*}b"], context: { "s3:prefix": "a*b" }, expected: "true" },
  { page: PV, rule: "\"${?} - use where you need a ? (question mark) character\" (StringEquals: a?b is not axb)", operator: "StringEquals", key: "s3:prefix", values: ["a${?}b"], context: { "s3:prefix": "axb" }, expected: "false" },
  { page: PV, rule: "\"${$} - use where you need a $ (dollar sign) character\" (StringNotEquals: cost$ equals it → false)", operator: "StringNotEquals", key: "s3:prefix", values: ["cost${$}"], context: { "s3:prefix": "cost$" }, expected: "false" },

  // A space inside the variable's name is a form AWS calls unsupported (Access Analyzer's "Unsupported space in
  // variable" check, whose fix is "you cannot include a space in the variable name"): no documented reading, so the
  // clause is unknown, never the substituted value's answer. A space in the default, or after its comma, is documented.
  { page: AA, rule: `${NO_SPACE} — \${ aws:username } is no variable → unknown (was substituted: true)`, operator: "StringEquals", key: "s3:prefix", values: ["home/${ aws:username }"], context: { "s3:prefix": "home/bob", "aws:username": "bob" }, expected: "unknown" },
  { page: AA, rule: `${NO_SPACE} — a space before the default's comma is in the name → unknown (was the default's answer: true)`, operator: "StringEquals", key: "aws:ResourceTag/team", values: ["${aws:PrincipalTag/team , 'none'}"], context: { "aws:ResourceTag/team": "none" }, expected: "unknown" },
  { page: AA, rule: "\"Although you can include a space when you specify a default variable\": a default holding a space is read", operator: "StringEquals", key: "aws:ResourceTag/team", values: ["${aws:PrincipalTag/team, 'company wide'}"], context: { "aws:ResourceTag/team": "company wide" }, expected: "true" },

  // --- StringLike across line breaks --------------------------------------------------------------------------------
  { page: CO, rule: `${STRING_LIKE} — * spans a line break`, operator: "StringLike", key: "s3:prefix", values: ["line1*"], context: { "s3:prefix": "line1\nline2" }, expected: "true" },
  { page: CO, rule: `${STRING_LIKE} — ? is one character, a line break among them`, operator: "StringLike", key: "s3:prefix", values: ["a?b"], context: { "s3:prefix": "a\nb" }, expected: "true" },
  { page: CO, rule: `${STRING_LIKE} — no wildcard: the text must be whole, not the first line only`, operator: "StringLike", key: "s3:prefix", values: ["line1"], context: { "s3:prefix": "line1\nline2" }, expected: "false" },

  // --- dates: ordered comparisons across epoch and ISO 8601 -----------------------------------------------------------
  { page: CO, rule: `${DATES} — DateLessThan epoch 1735689600 (2025-01-01T00:00:00Z) against an ISO time a second before`, operator: "DateLessThan", key: "aws:CurrentTime", values: ["1735689600"], context: { "aws:CurrentTime": "2024-12-31T23:59:59Z" }, expected: "true" },
  { page: CO, rule: `${DATES} — DateLessThan the same instant in the other form is not less`, operator: "DateLessThan", key: "aws:CurrentTime", values: ["1735689600"], context: { "aws:CurrentTime": "2025-01-01T00:00:00Z" }, expected: "false" },
  { page: CO, rule: `${DATES} — DateLessThanEquals the same instant in the other form holds`, operator: "DateLessThanEquals", key: "aws:CurrentTime", values: ["1735689600"], context: { "aws:CurrentTime": "2025-01-01T00:00:00Z" }, expected: "true" },
  { page: CO, rule: `${DATES} — DateGreaterThan an ISO value against an epoch request value (aws:EpochTime)`, operator: "DateGreaterThan", key: "aws:EpochTime", values: ["2025-01-01T00:00:00Z"], context: { "aws:EpochTime": "1735689601" }, expected: "true" },

  // --- numbers: decimals ---------------------------------------------------------------------------------------------------
  { page: CO, rule: `${NUMERIC} — NumericEquals 1.5 and 1.50 are one number`, operator: "NumericEquals", key: "s3:max-keys", values: ["1.5"], context: { "s3:max-keys": "1.50" }, expected: "true" },
  { page: CO, rule: `${NUMERIC} — NumericLessThan 0.1: 0.09 is less (not compared as text)`, operator: "NumericLessThan", key: "s3:max-keys", values: ["0.1"], context: { "s3:max-keys": "0.09" }, expected: "true" },
  { page: CO, rule: `${NUMERIC} — NumericGreaterThanEquals -1.5: -1.25 is greater`, operator: "NumericGreaterThanEquals", key: "s3:max-keys", values: ["-1.5"], context: { "s3:max-keys": "-1.25" }, expected: "true" },

  // --- IP addresses: IPv6 forms -----------------------------------------------------------------------------------------
  { page: CO, rule: "IpAddress: \"The specified IP address or range\" — 2001:db8::/32 holds an address written with leading zeros", operator: "IpAddress", key: "aws:SourceIp", values: ["2001:db8::/32"], context: { "aws:SourceIp": "2001:0db8:00ff:0000:0000:0000:0000:0001" }, expected: "true" },
  { page: CO, rule: "IpAddress: an IPv4 address is in no IPv6 range", operator: "IpAddress", key: "aws:SourceIp", values: ["2001:db8::/32"], context: { "aws:SourceIp": "203.0.113.9" }, expected: "false" },
  { page: CO, rule: "IpAddress: ::/0 is every IPv6 address", operator: "IpAddress", key: "aws:SourceIp", values: ["::/0"], context: { "aws:SourceIp": "2600:1f18::1" }, expected: "true" },

  // --- ARN segment wildcards ------------------------------------------------------------------------------------------
  { page: CO, rule: `${ARN_LIKE} — a partial wildcard in the region: us-*-1 holds us-east-1`, operator: "ArnLike", key: "aws:SourceArn", values: [`arn:aws:sqs:us-*-1:${A}:jobs`], context: { "aws:SourceArn": `arn:aws:sqs:us-east-1:${A}:jobs` }, expected: "true" },
  { page: CO, rule: `${ARN_LIKE} — …and not eu-west-1`, operator: "ArnLike", key: "aws:SourceArn", values: [`arn:aws:sqs:us-*-1:${A}:jobs`], context: { "aws:SourceArn": `arn:aws:sqs:eu-west-1:${A}:jobs` }, expected: "false" },
  { page: CO, rule: `${ARN_LIKE} — the sixth component is the rest: function:* holds a qualified function ARN`, operator: "ArnLike", key: "aws:SourceArn", values: [`arn:aws:lambda:*:${A}:function:*`], context: { "aws:SourceArn": `${fnArn}:prod` }, expected: "true" },
  { page: CO, rule: `${ARN_LIKE} — a * in the account component does not reach into the next: it is not the resource`, operator: "ArnLike", key: "aws:SourceArn", values: ["arn:aws:sqs:us-east-1:*"], context: { "aws:SourceArn": `arn:aws:sqs:us-east-1:${A}:jobs` }, expected: "false" },
  { page: CO, rule: "ArnEquals: \"Case-sensitive matching of the ARN\" — Jobs is not jobs", operator: "ArnEquals", key: "aws:SourceArn", values: [`arn:aws:sqs:us-east-1:${A}:Jobs`], context: { "aws:SourceArn": `arn:aws:sqs:us-east-1:${A}:jobs` }, expected: "false" },

  // --- case: key names against values ----------------------------------------------------------------------------------
  { page: EC, rule: "\"Context key names are not case-sensitive\" — S3:PREFIX is s3:prefix", operator: "StringEquals", key: "S3:PREFIX", values: ["home/"], context: { "s3:prefix": "home/" }, expected: "true" },
  { page: EC, rule: "\"Case-sensitivity of context key values depends on the condition operator\" — StringNotEqualsIgnoreCase: DEV equals dev → false", operator: "StringNotEqualsIgnoreCase", key: "aws:PrincipalTag/stage", values: ["DEV"], context: { "aws:PrincipalTag/stage": "dev" }, expected: "false" },

  // --- what a static scan cannot settle ---------------------------------------------------------------------------------
  { page: CO, rule: "An operator not on the page (StringEqualz) has no documented meaning → unknown, even with the key present", operator: "StringEqualz", key: "aws:PrincipalTag/team", values: ["blue"], context: { "aws:PrincipalTag/team": "blue" }, expected: "unknown" },
  { page: CO, rule: "…nor in a Deny, with the key absent → unknown, not the absent key's false", operator: "StringEqualz", key: "aws:PrincipalTag/team", values: ["blue"], context: {}, effect: "Deny", expected: "unknown" },
  { page: MV, rule: "Bool on a key the snapshot does not know: present \"true\" or absent, AWS answers differently → unknown", operator: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"], context: {}, complete: false, expected: "unknown" },
];

describe("condition corners against AWS's pages (one clause, one request)", () => {
  it.each(clauseRows.map((r) => [`${r.rule} [${r.page}]`, r] as const))("%s", (_title, r) => {
    const got = evaluateClause({ operator: r.operator, key: r.key, values: r.values }, makeContext(r.context, r.complete ?? true), V, true, undefined, r.effect ?? "Allow").result;
    expect(got).toBe(r.expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Whole requests: a clause's answer as the decision a user sees.

const caller: RequestPrincipal = { type: "role", id: `arn:aws:iam::${A}:role/app`, account: A, session: "s" };

interface DecisionRow {
  page: string;
  rule: string;
  set: () => PolicySet;
  action: string;
  resource: string;
  context: Context;
  complete?: boolean;
  expected: Decision;
}

const teamBucket = () => ({ identity: [doc("inline", "team", allow("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}"))] });
const unknownOperator = (effect: "Allow" | "Deny") => () => ({
  identity: [
    doc("inline", "p", ...(effect === "Deny" ? [allow("lambda:InvokeFunction")] : []), { ...(effect === "Deny" ? deny : allow)("lambda:InvokeFunction", "*", { Condition: { StringEqualz: { "aws:PrincipalTag/team": "blue" } } }) }),
  ],
});
const vpcOnly = () => ({ identity: [doc("inline", "p", allow("lambda:InvokeFunction", "*", { Condition: { StringEquals: { "aws:SourceVpc": "vpc-111bbb22" } } }))] });
const mfaDeny = () => ({ identity: [doc("inline", "p", allow("lambda:InvokeFunction"), deny("lambda:InvokeFunction", "*", { Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }))] });

const spacedBucket = () => ({ identity: [doc("inline", "team", allow("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket-${ aws:PrincipalTag/team }"))] });
const mfaDenyJson = () => ({ identity: [doc("inline", "p", allow("lambda:InvokeFunction"), deny("lambda:InvokeFunction", "*", { Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": false } } }))] });
const maxKeysJson = () => ({ identity: [doc("inline", "p", allow("s3:ListBucket", "*", { Condition: { NumericLessThan: { "s3:max-keys": 10 } } }))] });

const decisionRows: DecisionRow[] = [
  { page: PV, rule: `${DEFAULTS} — "if a principal is tagged with team=yellow, they can access … amzn-s3-demo-bucket-yellow"`, set: teamBucket, action: "s3:ListBucket", resource: "arn:aws:s3:::amzn-s3-demo-bucket-yellow", context: { "aws:PrincipalTag/team": "yellow" }, expected: "allowed" },
  { page: PV, rule: "…\"For users without team tags, it sets a default value of company-wide for the bucket name\"", set: teamBucket, action: "s3:ListBucket", resource: "arn:aws:s3:::amzn-s3-demo-bucket-company-wide", context: {}, expected: "allowed" },
  { page: PV, rule: "…\"These users can access only the amzn-s3-demo-bucket-company-wide bucket\": not the yellow team's", set: teamBucket, action: "s3:ListBucket", resource: "arn:aws:s3:::amzn-s3-demo-bucket-yellow", context: {}, expected: "implicitly-denied" },
  { page: CO, rule: "An Allow on an operator AWS does not define is never shown as allowed: conditional", set: unknownOperator("Allow"), action: "lambda:InvokeFunction", resource: fnArn, context: { "aws:PrincipalTag/team": "blue" }, expected: "conditional" },
  { page: EL, rule: "\"An explicit deny in any of these policies overrides the allow\": a Deny on an undefined operator may apply → conditional, never allowed", set: unknownOperator("Deny"), action: "lambda:InvokeFunction", resource: fnArn, context: { "aws:PrincipalTag/team": "blue" }, expected: "conditional" },
  { page: CO, rule: `${NOT_PRESENT} — but a static scan that does not know aws:SourceVpc cannot say it is absent: conditional`, set: vpcOnly, action: "lambda:InvokeFunction", resource: fnArn, context: {}, complete: false, expected: "conditional" },
  { page: CO, rule: `${IF_EXISTS} — a Deny on BoolIfExists MFA "false" applies to a request without the key`, set: mfaDeny, action: "lambda:InvokeFunction", resource: fnArn, context: {}, expected: "explicitly-denied" },
  { page: CO, rule: "…and to a static scan that does not know the key, the Deny may apply: conditional", set: mfaDeny, action: "lambda:InvokeFunction", resource: fnArn, context: {}, complete: false, expected: "conditional" },
  { page: AA, rule: `${NO_SPACE} — Resource bucket-\${ aws:PrincipalTag/team }: the team's bucket is conditional, not allowed (was allowed)`, set: spacedBucket, action: "s3:ListBucket", resource: "arn:aws:s3:::amzn-s3-demo-bucket-yellow", context: { "aws:PrincipalTag/team": "yellow" }, expected: "conditional" },
  { page: GR, rule: "<condition_value> = (\"string\" | \"number\" | \"Boolean\"): a JSON false under BoolIfExists is \"false\" — the MFA Deny applies", set: mfaDenyJson, action: "lambda:InvokeFunction", resource: fnArn, context: { "aws:MultiFactorAuthPresent": "false" }, expected: "explicitly-denied" },
  { page: GR, rule: "…and a JSON number under NumericLessThan is that number: 5 < 10 is allowed", set: maxKeysJson, action: "s3:ListBucket", resource: "arn:aws:s3:::b", context: { "s3:max-keys": "5" }, expected: "allowed" },
];

describe("condition corners against AWS's pages (policies, one request)", () => {
  it.each(decisionRows.map((r) => [`${r.rule} [${r.page}]`, r] as const))("%s", (_title, r) => {
    const got = evaluate(r.set(), { principal: caller, action: r.action, resource: r.resource, context: makeContext(r.context, r.complete ?? true) }).decision;
    expect(got).toBe(r.expected);
  });
});
