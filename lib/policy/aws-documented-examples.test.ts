/**
 * AWS's documented answers, one table row each: the policy clause or statement a page shows, the request it describes
 * and the outcome the page states. Each row names its page under https://docs.aws.amazon.com/IAM/latest/UserGuide/
 * (or /lambda/latest/dg/) and quotes the sentence that states the outcome.
 *
 * These rows cover the corners doc-examples.test.ts holds only in part: set operators over empty and missing keys
 * (IfExists under them included), negated operators with and without IfExists, a multivalued key under a plain
 * operator, policy variables with their escapes and defaults, dates as epoch and ISO (a bare year is both), IPv6, case
 * rules, ARN segments left empty, NotResource with Deny, and the organization keys (organization paths in a Deny). doc-examples.test.ts keeps the whole worked examples (policies with several statements).
 *
 * Where AWS states no answer and a static analysis cannot know the key, the row expects "unknown" (a clause) or
 * "conditional" (a decision) and says so: those rows check the answer is never shown as allowed or denied.
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { conditionsTri, evaluateClause } from "./conditions/evaluate";
import { evaluate } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import type { Decision, PolicyDocument, PolicySet, RequestPrincipal, Tri } from "./types";

const V = "2012-10-17";
const ACCT = "111122223333";
const CO = "reference_policies_elements_condition_operators.html";
const MV = "reference_policies_condition-single-vs-multi-valued-context-keys.html";
const PV = "reference_policies_variables.html";
const CK = "reference_policies_condition-keys.html";
const EC = "reference_policies_elements_condition.html";
const NR = "reference_policies_elements_notresource.html";
const ML = "reference_policies_condition-logic-multiple-context-keys-or-values.html";
const SV = "reference_policies_condition_examples-single-valued-context-keys.html";

type Context = Record<string, string | string[]>;

/** One condition clause against one request context. `complete: false` leaves keys not given unknown (a static scan). */
interface ClauseRow {
  page: string;
  says: string;
  operator: string;
  key: string;
  values: string[];
  context: Context;
  complete?: boolean;
  expected: Tri;
}

const clauseRows: ClauseRow[] = [
  // --- set operators over empty and missing keys -----------------------------------------------------------------
  {
    page: MV,
    says: "ForAllValues … returns true if there are no context keys in the request",
    operator: "ForAllValues:StringEquals", key: "aws:TagKeys", values: ["environment", "cost-center"], context: {}, expected: "true",
  },
  {
    page: MV,
    says: "ForAllValues … returns true … if the context key value resolves to a null dataset, such as an empty string",
    operator: "ForAllValues:StringEquals", key: "aws:TagKeys", values: ["environment", "cost-center"], context: { "aws:TagKeys": [""] }, expected: "true",
  },
  {
    page: MV,
    says: "ForAllValues … returns true if every context key value in the request matches at least one context key value in the policy",
    operator: "ForAllValues:StringEquals", key: "aws:TagKeys", values: ["environment", "cost-center"], context: { "aws:TagKeys": ["environment", "cost-center"] }, expected: "true",
  },
  {
    page: MV,
    says: "ForAllValues: a request value matching none of the policy values makes the condition false",
    operator: "ForAllValues:StringEquals", key: "aws:TagKeys", values: ["environment", "cost-center"], context: { "aws:TagKeys": ["environment", "owner"] }, expected: "false",
  },
  {
    page: MV,
    says: "ForAnyValue … returns false if there are no context keys in the request",
    operator: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: ["environment", "cost-center"], context: {}, expected: "false",
  },
  {
    page: MV,
    says: "ForAnyValue … returns false … if the context key value resolves to a null dataset, such as an empty string",
    operator: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: ["environment"], context: { "aws:TagKeys": [""] }, expected: "false",
  },
  {
    page: MV,
    says: "ForAnyValue … returns true if any one of the context key values in the request matches any one of the context key values in the policy",
    operator: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: ["environment", "cost-center"], context: { "aws:TagKeys": ["owner", "cost-center"] }, expected: "true",
  },
  {
    page: MV,
    says: "ForAnyValue with a negated operator: true when any request value differs from every policy value",
    operator: "ForAnyValue:StringNotEquals", key: "aws:TagKeys", values: ["environment"], context: { "aws:TagKeys": ["environment", "owner"] }, expected: "true",
  },
  {
    page: MV,
    says: "ForAllValues with a negated operator: false when some request value equals a policy value",
    operator: "ForAllValues:StringNotEquals", key: "aws:TagKeys", values: ["environment"], context: { "aws:TagKeys": ["environment", "owner"] }, expected: "false",
  },
  // A multivalued key under a plain operator: the page says only that such keys "require a condition set operator";
  // AWS documents no reading, so the analyser answers unknown rather than allowed or denied.
  {
    page: MV,
    says: "Multivalued context keys require a condition set operator (no documented outcome without one → unknown)",
    operator: "StringEquals", key: "aws:TagKeys", values: ["environment"], context: { "aws:TagKeys": ["environment", "owner"] }, expected: "unknown",
  },
  {
    page: MV,
    says: "Multivalued context keys require a condition set operator (a negated plain operator over several values → unknown)",
    operator: "StringNotEquals", key: "aws:TagKeys", values: ["environment"], context: { "aws:TagKeys": ["owner", "project"] }, expected: "unknown",
  },
  {
    page: ML,
    says: "\"If a single negated matching condition operator includes multiple values for a context key, those values are evaluated using a logical NOR\" (one value equal → false)",
    operator: "StringNotEquals", key: "aws:PrincipalTag/role", values: ["audit", "security"], context: { "aws:PrincipalTag/role": "audit" }, expected: "false",
  },
  {
    page: ML,
    says: "…logical NOR: a value equal to none of them → true",
    operator: "StringNotEquals", key: "aws:PrincipalTag/role", values: ["audit", "security"], context: { "aws:PrincipalTag/role": "developer" }, expected: "true",
  },
  {
    page: ML,
    says: "\"If a single condition operator includes multiple values for a context key, those values are evaluated using a logical OR\"",
    operator: "StringEquals", key: "aws:PrincipalTag/role", values: ["audit", "security"], context: { "aws:PrincipalTag/role": "security" }, expected: "true",
  },
  // --- negated operators and IfExists with a missing key ---------------------------------------------------------
  {
    page: CO,
    says: "StringNotEquals: a key absent from the request context (negated operators match when the key is not present)",
    operator: "StringNotEquals", key: "aws:PrincipalTag/department", values: ["finance"], context: {}, expected: "true",
  },
  {
    page: CO,
    says: "…IfExists: \"If the key is not present, evaluate the condition element as true.\" (negated operator)",
    operator: "StringNotEqualsIfExists", key: "aws:PrincipalTag/department", values: ["finance"], context: {}, expected: "true",
  },
  {
    page: CO,
    says: "…IfExists: \"If the key is present, evaluate the condition element as specified in the condition\" (negated, equal)",
    operator: "StringNotEqualsIfExists", key: "aws:PrincipalTag/department", values: ["finance"], context: { "aws:PrincipalTag/department": "finance" }, expected: "false",
  },
  {
    page: CO,
    says: "…IfExists: \"If the key is not present, evaluate the condition element as true.\" (positive operator)",
    operator: "StringLikeIfExists", key: "ec2:InstanceType", values: ["t1.*", "t2.*", "m3.*"], context: {}, expected: "true",
  },
  {
    page: CO,
    says: "\"If the key that you specify in a policy condition is not present in the request context, the values do not match\"",
    operator: "StringLike", key: "ec2:InstanceType", values: ["t1.*", "t2.*", "m3.*"], context: {}, expected: "false",
  },
  {
    page: CO,
    says: "Null \"true\": \"the key doesn't exist\" — absent key → true",
    operator: "Null", key: "aws:TokenIssueTime", values: ["true"], context: {}, expected: "true",
  },
  {
    page: CO,
    says: "Null \"false\": \"the key exists and its value is not null\"",
    operator: "Null", key: "aws:TokenIssueTime", values: ["false"], context: { "aws:TokenIssueTime": "2020-01-01T00:00:00Z" }, expected: "true",
  },
  // IfExists under a set operator. The operators page says of IfExists only "If the key is not present, evaluate the
  // condition element as true"; the multivalued-keys page says ForAnyValue "returns false if there are no context keys
  // in the request", and AWS was observed to follow it (repost.aws QU9HFmDzP0QGuU-fd7rS6B7w: sqs:ListQueues, which
  // carries no aws:TagKeys, denied under an Allow on ForAnyValue:StringEqualsIfExists). ForAllValues is true either way.
  {
    page: MV,
    says: "ForAnyValue:…IfExists with the key absent: \"ForAnyValue … returns false if there are no context keys in the request\" (IfExists does not turn it true)",
    operator: "ForAnyValue:StringEqualsIfExists", key: "aws:TagKeys", values: ["team"], context: {}, expected: "false",
  },
  {
    page: MV,
    says: "ForAllValues:…IfExists with the key absent: \"ForAllValues … returns true if there are no context keys in the request\"",
    operator: "ForAllValues:StringEqualsIfExists", key: "aws:TagKeys", values: ["team"], context: {}, expected: "true",
  },
  {
    page: CO,
    says: "ForAnyValue:…IfExists on a key a static scan cannot know (present or not, AWS's answer differs) → unknown",
    operator: "ForAnyValue:StringEqualsIfExists", key: "aws:TagKeys", values: ["team"], context: {}, complete: false, expected: "unknown",
  },
  {
    page: CO,
    says: "ForAllValues:…IfExists on a key a static scan cannot know → unknown, not the absent key's true",
    operator: "ForAllValues:StringEqualsIfExists", key: "aws:TagKeys", values: ["team"], context: {}, complete: false, expected: "unknown",
  },
  // A static scan does not know the key: the clause is unknown, never settled either way.
  {
    page: CO,
    says: "a key the snapshot cannot know (no documented outcome for a static scan → unknown)",
    operator: "StringNotEquals", key: "aws:PrincipalTag/department", values: ["finance"], context: {}, complete: false, expected: "unknown",
  },
  // --- dates: epoch and ISO 8601 ------------------------------------------------------------------------------------
  {
    page: CO,
    says: "Date: \"W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time\" — the same instant in both forms is equal",
    operator: "DateEquals", key: "aws:EpochTime", values: ["2020-01-01T00:00:00Z"], context: { "aws:EpochTime": "1577836800" }, expected: "true",
  },
  {
    page: CO,
    says: "Date: epoch policy value against an ISO request time",
    operator: "DateLessThan", key: "aws:CurrentTime", values: ["1577836800"], context: { "aws:CurrentTime": "2019-12-31T23:59:59Z" }, expected: "true",
  },
  {
    page: CO,
    says: "Date: an ISO value with a zone offset names the same instant as its UTC form",
    operator: "DateEquals", key: "aws:CurrentTime", values: ["2020-01-01T01:00:00+01:00"], context: { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, expected: "true",
  },
  {
    page: CO,
    says: "Date: the W3C profile's year-and-month form (\"YYYY-MM\") names the first of that month",
    operator: "DateLessThan", key: "aws:CurrentTime", values: ["2020-06"], context: { "aws:CurrentTime": "2020-05-31T23:59:59Z" }, expected: "true",
  },
  {
    page: CO,
    says: "Date: the W3C profile's complete date (\"YYYY-MM-DD\") is midnight UTC of that day",
    operator: "DateGreaterThanEquals", key: "aws:CurrentTime", values: ["2020-06-01"], context: { "aws:CurrentTime": "2020-06-01T00:00:00Z" }, expected: "true",
  },
  // "2020" is both the W3C profile's "Year: YYYY" form and epoch seconds (1970-01-01T00:33:40Z); the page admits both
  // forms and says not which a bare year is. Where the two readings agree the clause is settled, else it is unknown.
  {
    page: CO,
    says: "Date: \"W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time\" — a bare year \"2020\" after both its readings is true",
    operator: "DateGreaterThan", key: "aws:CurrentTime", values: ["2020"], context: { "aws:CurrentTime": "2026-12-06T00:00:00Z" }, expected: "true",
  },
  {
    page: CO,
    says: "Date: …a bare year \"2020\" between its readings (after 1970-01-01T00:33:40Z, before 2020-01-01) is unknown, not true",
    operator: "DateGreaterThan", key: "aws:TokenIssueTime", values: ["2020"], context: { "aws:TokenIssueTime": "2010-06-01T00:00:00Z" }, expected: "unknown",
  },
  {
    page: CO,
    says: "Date: …nor false under the opposite comparison",
    operator: "DateLessThan", key: "aws:TokenIssueTime", values: ["2020"], context: { "aws:TokenIssueTime": "2010-06-01T00:00:00Z" }, expected: "unknown",
  },
  {
    page: CO,
    says: "Date: …and a negated operator against a bare year is unknown where the readings disagree",
    operator: "DateNotEquals", key: "aws:TokenIssueTime", values: ["2020"], context: { "aws:TokenIssueTime": "2020-01-01T00:00:00Z" }, expected: "unknown",
  },
  {
    page: CO,
    says: "Date: an epoch value of more than four digits is epoch seconds only",
    operator: "DateEquals", key: "aws:TokenIssueTime", values: ["20200"], context: { "aws:TokenIssueTime": "1970-01-01T05:36:40Z" }, expected: "true",
  },
  // The W3C profile (www.w3.org/TR/NOTE-datetime) the page names: YYYY, YYYY-MM, YYYY-MM-DD, then hh:mm, hh:mm:ss or
  // hh:mm:ss.s with a zone ("Z" or "+hh:mm"/"-hh:mm"); a week date ("2020-W01-1") is ISO 8601 but none of its forms.
  {
    page: CO,
    says: "Date: the W3C profile's hours and minutes with a zone (\"YYYY-MM-DDThh:mmTZD\") is that minute",
    operator: "DateEquals", key: "aws:CurrentTime", values: ["2020-01-01T10:00Z"], context: { "aws:CurrentTime": "2020-01-01T10:00:00Z" }, expected: "true",
  },
  {
    page: CO,
    says: "Date: the W3C profile's decimal fraction of a second and \"+hh:mm\" zone (\"YYYY-MM-DDThh:mm:ss.sTZD\")",
    operator: "DateEquals", key: "aws:CurrentTime", values: ["2020-01-01T10:00:00.45+01:00"], context: { "aws:CurrentTime": "2020-01-01T09:00:00.450Z" }, expected: "true",
  },
  {
    page: CO,
    says: "Date: a four-digit year below 100 (\"YYYY\" = 0050) is that year, before 1949, not 1950",
    operator: "DateGreaterThan", key: "aws:CurrentTime", values: ["0050-01-01T00:00:00Z"], context: { "aws:CurrentTime": "1949-06-01T00:00:00Z" }, expected: "true",
  },
  {
    page: CO,
    says: "Date: an ISO 8601 week date is none of the W3C profile's forms, so it matches nothing in an Allow",
    operator: "DateEquals", key: "aws:CurrentTime", values: ["2020-W01-1"], context: { "aws:CurrentTime": "2019-12-30T00:00:00Z" }, expected: "false",
  },
  // --- numbers: "an integer or decimal value" ------------------------------------------------------------------------
  {
    page: CO,
    says: "Numeric: \"comparing a key to an integer or decimal value\" — decimals compare as numbers",
    operator: "NumericLessThan", key: "s3:max-keys", values: ["2.5"], context: { "s3:max-keys": "2.25" }, expected: "true",
  },
  {
    page: CO,
    says: "Numeric: an integer equals the same decimal however written (10 = 10.0, -0 = 0)",
    operator: "NumericEquals", key: "s3:max-keys", values: ["10.0", "-0"], context: { "s3:max-keys": "0" }, expected: "true",
  },
  {
    page: CO,
    says: "Numeric: hexadecimal (\"0x10\") is neither an integer nor a decimal value, so it matches nothing in an Allow",
    operator: "NumericEquals", key: "s3:max-keys", values: ["0x10"], context: { "s3:max-keys": "16" }, expected: "false",
  },
  {
    page: CO,
    says: "Numeric: integers past 2^53 are compared exactly, not rounded to the same double",
    operator: "NumericEquals", key: "s3:max-keys", values: ["9007199254740993"], context: { "s3:max-keys": "9007199254740992" }, expected: "false",
  },
  {
    page: CO,
    says: "Numeric: …nor does rounding make one past 2^53 less than the other",
    operator: "NumericLessThan", key: "s3:max-keys", values: ["9007199254740993"], context: { "s3:max-keys": "9007199254740992" }, expected: "true",
  },
  // --- IP addresses, IPv6 included ------------------------------------------------------------------------------------
  {
    page: CO,
    says: "IP: \"2001:DB8:1234:5678::/64\" — an address in that IPv6 range matches (hex digits in either case)",
    operator: "IpAddress", key: "aws:SourceIp", values: ["203.0.113.0/24", "2001:DB8:1234:5678::/64"], context: { "aws:SourceIp": "2001:db8:1234:5678:abcd::1" }, expected: "true",
  },
  {
    page: CO,
    says: "IP: an IPv6 address outside \"2001:DB8:1234:5678::/64\" does not match",
    operator: "IpAddress", key: "aws:SourceIp", values: ["203.0.113.0/24", "2001:DB8:1234:5678::/64"], context: { "aws:SourceIp": "2001:db8:1234:5679::1" }, expected: "false",
  },
  {
    page: CO,
    says: "IP: NotIpAddress is true for an IPv6 address outside every range listed",
    operator: "NotIpAddress", key: "aws:SourceIp", values: ["203.0.113.0/24", "2001:DB8:1234:5678::/64"], context: { "aws:SourceIp": "2001:db8:ffff::1" }, expected: "true",
  },
  {
    page: CO,
    says: "IP: NotIpAddress is false for an IPv4 address inside \"203.0.113.0/24\"",
    operator: "NotIpAddress", key: "aws:SourceIp", values: ["203.0.113.0/24", "2001:DB8:1234:5678::/64"], context: { "aws:SourceIp": "203.0.113.77" }, expected: "false",
  },
  // --- case rules ---------------------------------------------------------------------------------------------------------
  {
    page: EC,
    says: "\"Context key names are not case-sensitive. For example, including the aws:SourceIP context key is equivalent to testing for AWS:SourceIp.\"",
    operator: "IpAddress", key: "AWS:SourceIp", values: ["203.0.113.0/24"], context: { "aws:SourceIP": "203.0.113.9" }, expected: "true",
  },
  {
    page: EC,
    says: "\"aws:ResourceTag/TagKey1\" … \"the condition matches a resource tag key named either TagKey1 or tagkey1\"",
    operator: "StringEquals", key: "aws:ResourceTag/TagKey1", values: ["Value1"], context: { "aws:ResourceTag/tagkey1": "Value1" }, expected: "true",
  },
  {
    page: EC,
    says: "\"Case-sensitivity of context key values depends on the condition operator\": StringEquals \"johndoe\" — \"Users named JohnDoe are denied access\"",
    operator: "StringEquals", key: "aws:username", values: ["johndoe"], context: { "aws:username": "JohnDoe" }, expected: "false",
  },
  {
    page: EC,
    says: "StringEqualsIgnoreCase \"johndoe\" — \"to match users named johndoe or JohnDoe\"",
    operator: "StringEqualsIgnoreCase", key: "aws:username", values: ["johndoe"], context: { "aws:username": "JohnDoe" }, expected: "true",
  },
  {
    page: CO,
    says: "StringLike: \"Case-sensitive matching\"",
    operator: "StringLike", key: "s3:prefix", values: ["home/*"], context: { "s3:prefix": "Home/David/" }, expected: "false",
  },
  {
    page: CO,
    says: "ArnLike: \"Case-sensitive matching of the ARN\"",
    operator: "ArnLike", key: "aws:SourceArn", values: [`arn:aws:sns:us-east-1:${ACCT}:MyTopic`], context: { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCT}:mytopic` }, expected: "false",
  },
  // --- ARN segments, empty region and account -------------------------------------------------------------------------
  {
    page: CO,
    says: "ArnLike: \"Each of the six colon-delimited components of the ARN is checked separately\" — an S3 bucket ARN, region and account empty",
    operator: "ArnLike", key: "aws:SourceArn", values: ["arn:aws:s3:::amzn-s3-demo-bucket"], context: { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket" }, expected: "true",
  },
  {
    page: CO,
    says: "ArnLike: a multi-character wildcard (*) in a component matches that component left empty",
    operator: "ArnLike", key: "aws:SourceArn", values: ["arn:aws:s3:*:*:amzn-s3-demo-bucket"], context: { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket" }, expected: "true",
  },
  {
    page: CO,
    says: "ArnLike: a single-character wildcard (?) needs one character, so it does not match an empty region",
    operator: "ArnLike", key: "aws:SourceArn", values: ["arn:aws:s3:?:*:amzn-s3-demo-bucket"], context: { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket" }, expected: "false",
  },
  {
    page: CO,
    says: "ArnLike: an IAM role ARN (region empty) against \"arn:aws:iam::*:role/…\"",
    operator: "ArnLike", key: "aws:PrincipalArn", values: ["arn:aws:iam::*:role/Admin"], context: { "aws:PrincipalArn": `arn:aws:iam::${ACCT}:role/Admin` }, expected: "true",
  },
  {
    page: CO,
    says: "ArnLike: a region written in the policy does not match an ARN whose region is empty",
    operator: "ArnLike", key: "aws:PrincipalArn", values: [`arn:aws:iam:us-east-1:${ACCT}:role/Admin`], context: { "aws:PrincipalArn": `arn:aws:iam::${ACCT}:role/Admin` }, expected: "false",
  },
  // --- policy variables: ${aws:username}, escapes, defaults ------------------------------------------------------------
  {
    page: PV,
    says: "\"IAM replaces the variable ${aws:username} with the friendly name of the actual current user\"",
    operator: "StringLike", key: "s3:prefix", values: ["home/${aws:username}/*"], context: { "aws:username": "David", "s3:prefix": "home/David/photos" }, expected: "true",
  },
  {
    page: PV,
    says: "a substituted value is literal text: a user name cannot act as a wildcard",
    operator: "StringLike", key: "s3:prefix", values: ["home/${aws:username}/"], context: { "aws:username": "D*", "s3:prefix": "home/David/" }, expected: "false",
  },
  {
    page: PV,
    says: "\"${$} - use where you need a $ (dollar sign) character\" (StringLike)",
    operator: "StringLike", key: "s3:prefix", values: ["price${$}*"], context: { "s3:prefix": "price$10" }, expected: "true",
  },
  {
    page: PV,
    says: "\"${*} - use where you need an * (asterisk) character\" (ArnLike: a literal *, not a wildcard)",
    operator: "ArnLike", key: "aws:SourceArn", values: [`arn:aws:sns:us-east-1:${ACCT}:topic\${*}`], context: { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCT}:topic1` }, expected: "false",
  },
  {
    page: PV,
    says: "\"${?} - use where you need a ? (question mark) character\" (StringLike: a literal ?, not one character)",
    operator: "StringLike", key: "s3:prefix", values: ["what${?}"], context: { "s3:prefix": "whatX" }, expected: "false",
  },
  {
    page: PV,
    says: "Specifying default values: \"${aws:userid, 'anonymous'}\" — the key's own value when present",
    operator: "StringEquals", key: "s3:prefix", values: ["${aws:userid, 'anonymous'}"], context: { "aws:userid": "AIDAEXAMPLE", "s3:prefix": "anonymous" }, expected: "false",
  },
  {
    page: PV,
    says: "Specifying default values: \"anonymous users will not populate the ${aws:userid} variable. You can set the default value to anonymous\"",
    operator: "StringEquals", key: "s3:prefix", values: ["${aws:userid, 'anonymous'}"], context: { "s3:prefix": "anonymous" }, expected: "true",
  },
  {
    page: PV,
    says: "Specifying default values: a default is the text between the quotes, case kept (StringEquals is case-sensitive)",
    operator: "StringEquals", key: "s3:prefix", values: ["${aws:userid, 'Anonymous'}"], context: { "s3:prefix": "anonymous" }, expected: "false",
  },
  {
    page: PV,
    says: "principal key values: \"not present means … any attempt to match it fails\" (no default)",
    operator: "StringLike", key: "s3:prefix", values: ["home/${aws:username}/*"], context: { "s3:prefix": "home//x" }, expected: "false",
  },
  {
    page: CO,
    says: "String, policy variable example: StringLike s3:prefix [\"home/\", \"home/${aws:username}/\"] with \"No aws:username in the request context\" → \"No match\" (even for the prefix home/)",
    operator: "StringLike", key: "s3:prefix", values: ["home/", "home/${aws:username}/"], context: { "s3:prefix": "home/" }, expected: "false",
  },
  {
    page: CO,
    says: "…the same table: aws:username martha_rivera → the condition reads [\"home/\", \"home/martha_rivera/\"]",
    operator: "StringLike", key: "s3:prefix", values: ["home/", "home/${aws:username}/"], context: { "aws:username": "martha_rivera", "s3:prefix": "home/" }, expected: "true",
  },
  {
    page: CO,
    says: "…a static scan that cannot tell whether aws:username is present: unknown, not allowed",
    operator: "StringLike", key: "s3:prefix", values: ["home/", "home/${aws:username}/"], context: { "s3:prefix": "home/" }, complete: false, expected: "unknown",
  },
  {
    page: CO,
    says: "…with the prefix unknown too, no request value can meet a condition whose variable is absent",
    operator: "StringLike", key: "s3:prefix", values: ["home/", "home/${aws:username}/"], context: {}, complete: false, expected: "unknown",
  },
  {
    page: PV,
    says: "Policy variables with no value: \"Condition operators like StringEquals or StringLike do not match\"",
    operator: "StringEquals", key: "s3:ExistingObjectTag/Team", values: ["${aws:PrincipalTag/Team}"], context: { "s3:ExistingObjectTag/Team": "blue" }, expected: "false",
  },
  {
    page: PV,
    says: "Policy variables with no value: \"Inverted condition operators like StringNotEquals or StringNotLike do match against a null value\"",
    operator: "StringNotLike", key: "s3:ExistingObjectTag/Team", values: ["${aws:PrincipalTag/Team}"], context: { "s3:ExistingObjectTag/Team": "blue" }, expected: "true",
  },
  {
    page: PV,
    says: "\"You can't use a policy variable with … Numeric, Date, Boolean, Binary, IP Address, or Null operators\" — the text stays literal",
    operator: "IpAddress", key: "aws:SourceIp", values: ["${aws:SourceIp}"], context: { "aws:SourceIp": "203.0.113.9" }, expected: "false",
  },
  // --- the condition operators page's own tables -----------------------------------------------------------------
  ...([
    [["arn:aws:cloudfront::123456789012:distribution/costcenter"], "true", "Match"],
    [["arn:aws:cloudfront::123456789012:distribution/costcenter", "arn:aws:cloudfront::123456789012:distribution/support2025"], "true", "Match"],
    [["arn:aws:cloudfront::777788889999:distribution/costcenter"], "false", "No match"],
    [[], "true", "Match"],
  ] as const).map(([arns, expected, says]): ClauseRow => ({
    page: CO,
    says: `ForAllValues:ArnLike logs:LogGeneratingResourceArns ${arns.length === 0 ? "absent" : JSON.stringify(arns)} → "${says}"`,
    operator: "ForAllValues:ArnLike", key: "logs:LogGeneratingResourceArns", values: ["arn:aws:cloudfront::123456789012:distribution/*", "arn:aws:cloudfront::123456789012:distribution/support*"],
    context: arns.length === 0 ? {} : { "logs:LogGeneratingResourceArns": [...arns] }, expected,
  })),
  {
    page: CO,
    says: "BinaryEquals \"QmluYXJ5VmFsdWVJbkJhc2U2NA==\" against \"ASIAIOSFODNN7EXAMPLE\" → \"No match\"",
    operator: "BinaryEquals", key: "key", values: ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], context: { key: "ASIAIOSFODNN7EXAMPLE" }, expected: "false",
  },
  {
    page: CO,
    says: "ArnEquals aws:SourceArn \"arn:aws:sns:us-west-2:123456789012:TOPIC-ID\" against the same topic of account 777788889999 → \"No match\"",
    operator: "ArnEquals", key: "aws:SourceArn", values: ["arn:aws:sns:us-west-2:123456789012:TOPIC-ID"], context: { "aws:SourceArn": "arn:aws:sns:us-west-2:777788889999:TOPIC-ID" }, expected: "false",
  },
  // --- organization keys ------------------------------------------------------------------------------------------------
  {
    page: CK,
    says: "aws:PrincipalOrgPaths: \"ForAnyValue:StringLike\" with \"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/*\" — a principal in a child OU matches",
    operator: "ForAnyValue:StringLike", key: "aws:PrincipalOrgPaths", values: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/*"],
    context: { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/ou-ab12-33333333/"] }, expected: "true",
  },
  {
    page: CK,
    says: "aws:PrincipalOrgPaths: a principal in the parent OU is outside \"…/ou-ab12-22222222/*\"",
    operator: "ForAnyValue:StringLike", key: "aws:PrincipalOrgPaths", values: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/*"],
    context: { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"] }, expected: "false",
  },
  {
    page: CK,
    says: "aws:PrincipalOrgPaths: a principal outside any organization has no aws:PrincipalOrgPaths, so ForAnyValue is false",
    operator: "ForAnyValue:StringLike", key: "aws:PrincipalOrgPaths", values: ["o-a1b2c3d4e5/*"], context: {}, expected: "false",
  },
  {
    page: CK,
    says: "aws:SourceOrgID: present only for a service principal acting for a resource; an IAM principal's direct call lacks it",
    operator: "StringEquals", key: "aws:SourceOrgID", values: ["o-xxxxxxxxxx"], context: {}, expected: "false",
  },
  {
    page: CK,
    says: "aws:SourceOrgID: the service's source resource belongs to the organization named",
    operator: "StringEquals", key: "aws:SourceOrgID", values: ["o-xxxxxxxxxx"], context: { "aws:SourceOrgID": "o-xxxxxxxxxx" }, expected: "true",
  },
];

describe("AWS documented condition outcomes (one clause, one request)", () => {
  it.each(clauseRows.map((r) => [`${r.page}: ${r.says}`, r] as const))("%s", (_title, r) => {
    const got = evaluateClause({ operator: r.operator, key: r.key, values: r.values }, makeContext(r.context, r.complete ?? true), V).result;
    expect(got).toBe(r.expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

function policy(kind: "inline" | "resource", json: object): PolicyDocument {
  const r = parsePolicyDocument(json, { kind, policyName: kind });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

const user = (name: string, account = ACCT): RequestPrincipal => ({ type: "user", id: `arn:aws:iam::${account}:user/${name}`, account });
const service = (name: string): RequestPrincipal => ({ type: "service", id: name });
const allowAll = { Effect: "Allow", Action: "*", Resource: "*" };

/** One whole request against policies; `complete: false` leaves keys not given unknown (a static scan). */
interface DecisionRow {
  page: string;
  says: string;
  set: () => PolicySet;
  principal: RequestPrincipal;
  action: string;
  resource: string;
  context: Context;
  complete?: boolean;
  expected: Decision;
}

const notResourceDeny = () => ({
  identity: [policy("inline", { Version: V, Statement: [allowAll, { Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"] }] })],
});
const tagKeysAllow = () => ({
  identity: [policy("inline", { Version: V, Statement: { Effect: "Allow", Action: "ec2:CreateTags", Resource: "*", Condition: { StringEquals: { "aws:TagKeys": "environment" } } } })],
});
const orgIdOnly = () => ({
  identity: [],
  resource: policy("resource", {
    Version: V,
    Statement: { Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: `arn:aws:lambda:us-east-1:${ACCT}:function:f`, Condition: { StringEquals: { "aws:SourceOrgID": "o-xxxxxxxxxx" } } },
  }),
  resourceAccount: ACCT,
});
const fn = `arn:aws:lambda:us-east-1:${ACCT}:function:f`;

const twoKeys = () => ({
  identity: [policy("inline", { Version: V, Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/department": ["finance", "hr"], "aws:PrincipalTag/role": ["audit", "security"] } } } })],
});
const ownAccessKeys = () => ({
  identity: [policy("inline", { Version: V, Statement: { Effect: "Allow", Action: ["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys"], Resource: "arn:aws:iam::*:user/${aws:username}" } })],
});

const preprodTags = () => ({
  identity: [policy("inline", { Version: V, Statement: { Effect: "Allow", Action: "ec2:CreateTags", Resource: "arn:aws:ec2:*:*:instance/*", Condition: { StringEqualsIgnoreCase: { "aws:RequestTag/environment": ["preprod", "storage"] }, "ForAnyValue:StringEquals": { "aws:TagKeys": "environment" } } } })],
});
const instance = `arn:aws:ec2:us-east-1:${ACCT}:instance/i-1`;
/** The condition operators page's table for the example above: request context → Match (allowed) or No match. */
const preprodTable: [Context, Decision, string][] = [
  [{ "aws:TagKeys": ["environment"], "aws:RequestTag/environment": "preprod" }, "allowed", "environment / preprod → Match"],
  [{ "aws:TagKeys": ["environment", "costcenter"], "aws:RequestTag/environment": "PreProd" }, "allowed", "environment, costcenter / PreProd → Match"],
  [{ "aws:TagKeys": ["Environment"], "aws:RequestTag/Environment": "preprod" }, "implicitly-denied", "Environment / preprod → No match (ForAnyValue comparison is case sensitive)"],
  [{ "aws:TagKeys": ["costcenter"], "aws:RequestTag/environment": "preprod" }, "implicitly-denied", "costcenter / preprod → No match"],
  [{ "aws:RequestTag/environment": "storage" }, "implicitly-denied", "no aws:TagKeys / storage → No match"],
  [{ "aws:TagKeys": ["environment"] }, "implicitly-denied", "environment / no aws:RequestTag/environment → No match"],
  [{}, "implicitly-denied", "neither key → No match"],
];

const mediaSportsBoundary = () => ({
  identity: [
    policy("inline", {
      Version: V,
      Statement: [
        allowAll,
        { Sid: "DenyS3AccessOutsideMyBoundary", Effect: "Deny", Action: ["s3:*"], Resource: "*", Condition: { "ForAllValues:StringNotLike": { "aws:ResourceOrgPaths": ["o-acorg/r-acroot/ou-acroot-mediaou/", "o-acorg/r-acroot/ou-acroot-sportsou/*"] } } },
      ],
    }),
  ],
});
/**
 * The condition operators page's table for DenyS3AccessOutsideMyBoundary. Its Result column reads as the access the
 * boundary leaves, not as the condition's truth: read as the condition, every row contradicts the operator (a path
 * under sportsou/* is "Match" though StringNotLike fails on it) and the set-operator rule ("ForAllValues … returns
 * true if there are no context keys"); read as access, every row agrees with them. So "Match" = not denied here.
 */
const boundaryTable: [Context, Decision, string][] = [
  [{ "aws:ResourceOrgPaths": ["o-acorg/r-acroot/ou-acroot-sportsou/costcenter/"] }, "allowed", "…/ou-acroot-sportsou/costcenter/ → \"Match\" (inside the boundary)"],
  [{ "aws:ResourceOrgPaths": ["o-acorg/r-acroot/ou-acroot-mediaou/costcenter/"] }, "explicitly-denied", "…/ou-acroot-mediaou/costcenter/ → \"No match\" (mediaou/ has no wildcard)"],
  [{}, "explicitly-denied", "no aws:ResourceOrgPaths → \"No match\" (ForAllValues with the key absent is true, so the Deny applies)"],
];

const volumeTags = () => ({
  identity: [
    policy("inline", {
      Version: V,
      Statement: [
        { Effect: "Allow", Action: "ec2:CreateVolume", Resource: "*" },
        { Effect: "Allow", Action: "ec2:CreateTags", Resource: "arn:aws:ec2:us-east-1:123456789012:volume/*", Condition: { StringLike: { "aws:RequestTag/project": "*" } } },
        { Effect: "Allow", Action: "ec2:CreateTags", Resource: "arn:aws:ec2:us-east-1:123456789012:*/*", Condition: { StringNotEquals: { "aws:ResourceTag/environment": "production" } } },
      ],
    }),
  ],
});
const ecsTasks = () => ({
  identity: [
    policy("inline", {
      Version: V,
      Statement: [{
        Effect: "Allow", Action: ["ecs:RunTask", "ecs:StartTask"], Resource: ["*"],
        Condition: {
          StringEquals: { "aws:RequestTag/environment": ["production", "prod-backup"] },
          ArnEquals: { "ecs:cluster": [`arn:aws:ecs:us-east-1:${ACCT}:cluster/default1`, `arn:aws:ecs:us-east-1:${ACCT}:cluster/default2`] },
        },
      }],
    }),
  ],
});
const cluster = (name: string) => `arn:aws:ecs:us-east-1:${ACCT}:cluster/${name}`;
/** The single-valued examples page's table for the ECS example: request context → Match (allowed) or No match. */
const ecsTable: [Context, Decision, string][] = [
  [{ "aws:RequestTag/environment": "production", "ecs:cluster": cluster("default1") }, "allowed", "environment:production, default1 → Match"],
  [{ "aws:RequestTag/environment": "prod-backup", "ecs:cluster": cluster("default2") }, "allowed", "environment:prod-backup, default2 → Match"],
  [{ "aws:RequestTag/webserver": "production", "ecs:cluster": cluster("default2") }, "implicitly-denied", "webserver:production, default2 → No match"],
  [{ "ecs:cluster": cluster("default2") }, "implicitly-denied", "no aws:RequestTag, default2 → No match"],
];

const teamObjects = () => ({
  identity: [
    policy("inline", {
      Version: V,
      Statement: [
        allowAll,
        { Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*", Condition: { StringNotEquals: { "s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}" } } },
      ],
    }),
  ],
});
const teamFolders = () => ({
  identity: [policy("inline", { Version: V, Statement: [allowAll, { Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/Team}/*" }] })],
});

const tagKeysAnyIfExists = () => ({
  identity: [policy("inline", { Version: V, Statement: { Effect: "Allow", Action: "sqs:*", Resource: "*", Condition: { "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": ["team"] } } } })],
});
const OU = "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*";
/** An Allow of everything and a Deny of s3 unless `key` is under OU, written with `operator`. */
const orgPathDeny = (operator: string, key: string) => () => ({
  identity: [policy("inline", { Version: V, Statement: [allowAll, { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { [operator]: { [key]: [OU] } } }] })],
});
const inOu = "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/";
/** An Allow of everything and `effect` on s3 under one clause: `operator` `key` `value`. */
const oneClause = (effect: "Allow" | "Deny", operator: string, key: string, value: string) => () => ({
  identity: [policy("inline", { Version: V, Statement: [...(effect === "Deny" ? [allowAll] : []), { Effect: effect, Action: "s3:*", Resource: "*", Condition: { [operator]: { [key]: value } } }] })],
});
/** The condition-operators page's row of `oneClause` asked of s3:ListBucket by user u, titled by its operator and value. */
const oneClauseRow = (r: { effect: "Allow" | "Deny"; operator: string; key: string; value: string; context: Context; complete?: boolean; expected: Decision; says: string }): DecisionRow => ({
  page: CO,
  says: `${r.operator} ${JSON.stringify(r.value)}: ${r.says}`,
  set: oneClause(r.effect, r.operator, r.key, r.value), principal: user("u"), action: "s3:ListBucket", resource: "arn:aws:s3:::b", context: r.context, complete: r.complete, expected: r.expected,
});
/**
 * A value the page's forms do not cover ("integer or decimal", "W3C implementations of the ISO 8601 date formats or
 * … epoch") has no documented reading: a Deny on it may apply, so the request is conditional, never allowed.
 */
const unreadableInDeny: [string, string, string, Context, boolean, Decision, string][] = [
  ["DateGreaterThan", "aws:CurrentTime", "not-a-date", { "aws:CurrentTime": "2026-01-01T00:00:00Z" }, true, "conditional", "a Deny on a date value that is no date is conditional"],
  ["DateNotEquals", "aws:CurrentTime", "2020-W01-1", { "aws:CurrentTime": "2026-01-01T00:00:00Z" }, true, "conditional", "a Deny on an ISO week date (no W3C form) is conditional, negated or not"],
  ["NumericGreaterThan", "s3:max-keys", "0x10", { "s3:max-keys": "100" }, true, "conditional", "a Deny on a hexadecimal value (not \"an integer or decimal value\") is conditional"],
  ["NumericNotEquals", "s3:max-keys", "0x10", { "s3:max-keys": "100" }, true, "conditional", "…and so is a negated Deny on it"],
  ["NumericLessThan", "s3:max-keys", "", { "s3:max-keys": "5" }, true, "conditional", "a Deny on an empty numeric value is conditional"],
  ["NumericGreaterThan", "s3:max-keys", "0x10", {}, false, "conditional", "a Deny on an unreadable value with the key unknown (a static scan) is conditional"],
  ["NumericGreaterThan", "s3:max-keys", "0x10", {}, true, "allowed", "\"If the key … is not present in the request context, the values do not match\": a Deny on an absent key does not apply, whatever its value"],
];

/**
 * A value in a form the page does not document (W3C-DTF's exact forms and epoch seconds; "an integer or decimal value")
 * may be read as written or refused: AWS may or may not apply such a Deny, or honour such an Allow.
 */
const undocumentedForms: [string, string, string, Context, "Allow" | "Deny", Decision, string][] = [
  ["DateLessThan", "aws:CurrentTime", "2030-01-01 00:00:00Z", { "aws:CurrentTime": "2026-01-01T00:00:00Z" }, "Deny", "conditional", "a Deny on a date with a space for \"T\" may apply or not"],
  ["DateGreaterThan", "aws:CurrentTime", "2030-01-01t00:00:00z", { "aws:CurrentTime": "2026-01-01T00:00:00Z" }, "Deny", "conditional", "a Deny on lower-case \"t\"/\"z\" is conditional even where the reading as written lifts it"],
  ["DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:00+0200", { "aws:CurrentTime": "2026-01-01T00:00:00Z" }, "Deny", "conditional", "a Deny on an offset without \":\" is conditional even where the reading as written applies it"],
  ["DateLessThan", "aws:CurrentTime", "20300101T000000Z", { "aws:CurrentTime": "2026-01-01T00:00:00Z" }, "Allow", "conditional", "an Allow on ISO 8601's basic format may be honoured or not"],
  ["DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00", { "aws:CurrentTime": "2030-01-01T05:00:00Z" }, "Allow", "conditional", "an Allow on a time with no zone, 5 hours before the request in UTC, holds in a zone west of UTC"],
  ["DateLessThan", "aws:CurrentTime", "2030-01-01T00:00Z", { "aws:CurrentTime": "2026-01-01T00:00:00Z" }, "Allow", "allowed", "W3C \"hh:mmTZD\" (no seconds) is documented: an Allow on it is sure"],
  ["NumericLessThan", "s3:max-keys", "1e3", { "s3:max-keys": "5" }, "Allow", "conditional", "an Allow on an exponent (\"1e3\") may be honoured or not"],
  ["NumericGreaterThan", "s3:max-keys", "+5", { "s3:max-keys": "1" }, "Deny", "conditional", "a Deny on a plus sign (\"+5\") is conditional even where the reading as written lifts it"],
  ["NumericGreaterThan", "s3:max-keys", " 5 ", { "s3:max-keys": "10" }, "Deny", "conditional", "a Deny on a number with spaces around it is conditional even where the reading as written applies it"],
  ["NumericLessThan", "s3:max-keys", "5.", { "s3:max-keys": "10" }, "Allow", "implicitly-denied", "an Allow on \"5.\" that no reading meets lets no one in"],
];

const outsideOu = "o-a1b2c3d4e5/r-ab12/ou-ab12-99999999/";

const decisionRows: DecisionRow[] = [
  ...unreadableInDeny.map(([operator, key, value, context, complete, expected, says]) => oneClauseRow({ effect: "Deny", operator, key, value, context, complete, expected, says })),
  ...undocumentedForms.map(([operator, key, value, context, effect, expected, says]) => oneClauseRow({ effect, operator, key, value, context, expected, says })),
  oneClauseRow({
    effect: "Allow", operator: "NumericLessThan", key: "s3:max-keys", value: "0x10", context: { "s3:max-keys": "5" }, expected: "implicitly-denied",
    says: "an Allow on a value that is not \"an integer or decimal value\" lets no one in",
  }),
  {
    page: SV,
    says: "Multiple condition blocks: \"The following EC2 volume is successfully created because the project name is Feature3 with a QA resource tag\"",
    set: volumeTags, principal: user("u", "123456789012"), action: "ec2:CreateTags", resource: "arn:aws:ec2:us-east-1:123456789012:volume/vol-1",
    context: { "aws:RequestTag/project": "Feature3", "aws:ResourceTag/environment": "QA" }, expected: "allowed",
  },
  ...ecsTable.map(([context, expected, says]): DecisionRow => ({
    page: SV,
    says: `One condition block with multiple single-valued keys and values (ecs:RunTask): ${says}`,
    set: ecsTasks, principal: user("u"), action: "ecs:RunTask", resource: `arn:aws:ecs:us-east-1:${ACCT}:task-definition/t:1`, context, expected,
  })),
  {
    page: PV,
    says: "Policy variables with no value: StringNotEquals s3:ExistingObjectTag/Team \"${aws:PrincipalTag/Team}\" — \"Access is explicitly denied when aws:principaltag/Team is not set\"",
    set: teamObjects, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/report", context: { "s3:ExistingObjectTag/Team": "blue" }, expected: "explicitly-denied",
  },
  {
    page: PV,
    says: "…\"aws:principaltag/Team must be equal to s3:ExistingObjectTag/Team to allow access\" (equal: not denied)",
    set: teamObjects, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/report", context: { "s3:ExistingObjectTag/Team": "blue", "aws:PrincipalTag/Team": "blue" }, expected: "allowed",
  },
  {
    page: PV,
    says: "…another team's object is denied",
    set: teamObjects, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/report", context: { "s3:ExistingObjectTag/Team": "blue", "aws:PrincipalTag/Team": "red" }, expected: "explicitly-denied",
  },
  {
    page: PV,
    says: "…a static scan that does not know the caller's Team tag: conditional",
    set: teamObjects, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/report", context: { "s3:ExistingObjectTag/Team": "blue" }, complete: false, expected: "conditional",
  },
  {
    page: PV,
    says: "Policy variables with no value: in NotResource \"the resource that includes a policy variable with no value will not match any resource\", so the Deny covers every S3 resource",
    set: teamFolders, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/blue/report", context: {}, expected: "explicitly-denied",
  },
  {
    page: PV,
    says: "…with the tag, the team's own folder is excluded from the Deny",
    set: teamFolders, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/blue/report", context: { "aws:PrincipalTag/Team": "blue" }, expected: "allowed",
  },
  ...boundaryTable.map(([context, expected, says]): DecisionRow => ({
    page: CO,
    says: `Wildcard matching, Deny ForAllValues:StringNotLike aws:ResourceOrgPaths: ${says}`,
    set: mediaSportsBoundary, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context, expected,
  })),
  ...preprodTable.map(([context, expected, says]): DecisionRow => ({
    page: CO,
    says: `ForAnyValue with StringEqualsIgnoreCase (ec2:CreateTags): ${says}`,
    set: preprodTags, principal: user("u"), action: "ec2:CreateTags", resource: instance, context, expected,
  })),
  {
    page: NR,
    says: "Deny with NotResource: \"explicitly denies access to all Amazon S3 resources other than the Payroll folder in the HRBucket\"",
    set: notResourceDeny, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::HRBucket/Other/jan.csv", context: {}, expected: "explicitly-denied",
  },
  {
    page: NR,
    says: "Deny with NotResource: the Payroll folder itself is not denied",
    set: notResourceDeny, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::HRBucket/Payroll/jan.csv", context: {}, expected: "allowed",
  },
  {
    page: NR,
    says: "Deny with NotResource and Action s3:*: actions of other services are not denied",
    set: notResourceDeny, principal: user("u"), action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${ACCT}:q`, context: {}, expected: "allowed",
  },
  {
    page: ML,
    says: "\"If your policy statement has multiple context keys attached to a single condition operator, the context keys are evaluated using a logical AND\" (both match)",
    set: twoKeys, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { "aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "audit" }, expected: "allowed",
  },
  {
    page: ML,
    says: "…logical AND: one key matching is not enough",
    set: twoKeys, principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { "aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "developer" }, expected: "implicitly-denied",
  },
  {
    page: PV,
    says: "Resource \"arn:aws:iam::*:user/${aws:username}\": a user manages their own access keys",
    set: ownAccessKeys, principal: user("David"), action: "iam:CreateAccessKey", resource: `arn:aws:iam::${ACCT}:user/David`, context: { "aws:username": "David" }, expected: "allowed",
  },
  {
    page: PV,
    says: "Resource \"arn:aws:iam::*:user/${aws:username}\": another user's keys are not theirs",
    set: ownAccessKeys, principal: user("David"), action: "iam:CreateAccessKey", resource: `arn:aws:iam::${ACCT}:user/Adele`, context: { "aws:username": "David" }, expected: "implicitly-denied",
  },
  {
    page: PV,
    says: "principal key values: a role has no aws:username (\"not present\"), so \"any attempt to match it fails\"",
    set: ownAccessKeys, principal: { type: "role", id: `arn:aws:iam::${ACCT}:role/David`, account: ACCT }, action: "iam:CreateAccessKey", resource: `arn:aws:iam::${ACCT}:user/David`, context: {}, expected: "implicitly-denied",
  },
  {
    page: MV,
    says: "Multivalued context keys require a condition set operator: an Allow on a plain StringEquals over two tag keys is conditional, not allowed",
    set: tagKeysAllow, principal: user("u"), action: "ec2:CreateTags", resource: `arn:aws:ec2:us-east-1:${ACCT}:volume/v-1`, context: { "aws:TagKeys": ["environment", "owner"] }, expected: "conditional",
  },
  {
    page: MV,
    says: "…and one tag key that the plain operator does not match is settled: implicitly denied",
    set: tagKeysAllow, principal: user("u"), action: "ec2:CreateTags", resource: `arn:aws:ec2:us-east-1:${ACCT}:volume/v-1`, context: { "aws:TagKeys": ["owner", "project"] }, expected: "implicitly-denied",
  },
  {
    page: MV,
    says: "Allow on ForAnyValue:StringEqualsIfExists aws:TagKeys, a request without aws:TagKeys: \"ForAnyValue … returns false if there are no context keys\" → not allowed",
    set: tagKeysAnyIfExists, principal: user("u"), action: "sqs:ListQueues", resource: "*", context: {}, expected: "implicitly-denied",
  },
  {
    page: MV,
    says: "…the same Allow when a static scan does not know aws:TagKeys: conditional, never allowed or denied",
    set: tagKeysAnyIfExists, principal: user("u"), action: "sqs:TagQueue", resource: `arn:aws:sqs:us-east-1:${ACCT}:q`, context: {}, complete: false, expected: "conditional",
  },
  // Organization paths in a Deny. aws:PrincipalOrgPaths and aws:ResourceOrgPaths are multivalued (the global keys page:
  // "Value type – Multivalued") and present only for members of an organization; a scan that does not know them
  // cannot tell whether the Deny applies, so the answer is conditional, never allowed.
  ...(["aws:PrincipalOrgPaths", "aws:ResourceOrgPaths"] as const).flatMap((key): DecisionRow[] => [
    {
      page: CK,
      says: `Deny ForAnyValue:StringNotLike ${key} unknown to the scan: conditional, never allowed`,
      set: orgPathDeny("ForAnyValue:StringNotLike", key), principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: {}, complete: false, expected: "conditional",
    },
    {
      page: CK,
      says: `Deny StringNotLike ${key} unknown to the scan: conditional, never allowed`,
      set: orgPathDeny("StringNotLike", key), principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: {}, complete: false, expected: "conditional",
    },
    {
      page: MV,
      says: `Deny ForAnyValue:StringNotLike ${key} with a path outside the OU: "returns true if any one of the context key values in the request matches" → denied`,
      set: orgPathDeny("ForAnyValue:StringNotLike", key), principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { [key]: [outsideOu] }, expected: "explicitly-denied",
    },
    {
      page: MV,
      says: `Deny ForAnyValue:StringNotLike ${key} with the only path inside the OU: not denied`,
      set: orgPathDeny("ForAnyValue:StringNotLike", key), principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { [key]: [inOu] }, expected: "allowed",
    },
    {
      page: MV,
      says: `Deny ForAnyValue:StringNotLike ${key} absent (no organization): "ForAnyValue … returns false if there are no context keys" → not denied`,
      set: orgPathDeny("ForAnyValue:StringNotLike", key), principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: {}, expected: "allowed",
    },
    {
      page: CO,
      says: `Deny StringNotLike ${key} absent: "If the policy condition requires that the key is not matched, such as StringNotLike … and the right key is not present, the condition is true" → denied`,
      set: orgPathDeny("StringNotLike", key), principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: {}, expected: "explicitly-denied",
    },
    {
      page: MV,
      says: `Deny plain StringNotLike ${key} over two paths, one inside: "Multivalued context keys require a condition set operator" (no documented reading) → conditional`,
      set: orgPathDeny("StringNotLike", key), principal: user("u"), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { [key]: [inOu, outsideOu] }, expected: "conditional",
    },
  ]),
  {
    page: CK,
    says: "aws:SourceOrgID in a Lambda resource policy: the service calling for a resource of that organization is allowed",
    set: orgIdOnly, principal: service("sns.amazonaws.com"), action: "lambda:InvokeFunction", resource: fn, context: { "aws:SourceOrgID": "o-xxxxxxxxxx" }, expected: "allowed",
  },
  {
    page: CK,
    says: "aws:SourceOrgID: a resource of another organization is not allowed",
    set: orgIdOnly, principal: service("sns.amazonaws.com"), action: "lambda:InvokeFunction", resource: fn, context: { "aws:SourceOrgID": "o-yyyyyyyyyy" }, expected: "implicitly-denied",
  },
  {
    page: CK,
    says: "aws:SourceOrgID unknown to a static scan: the grant is conditional, never shown as allowed",
    set: orgIdOnly, principal: service("sns.amazonaws.com"), action: "lambda:InvokeFunction", resource: fn, context: {}, complete: false, expected: "conditional",
  },
];

describe("AWS documented decisions (policies, one request)", () => {
  it.each(decisionRows.map((r) => [`${r.page}: ${r.says}`, r] as const))("%s", (_title, r) => {
    const got = evaluate(r.set(), { principal: r.principal, action: r.action, resource: r.resource, context: makeContext(r.context, r.complete ?? true) }).decision;
    expect(got).toBe(r.expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

/** The ExamplePolicy of the multiple-keys page, with ArnLike or (for the negated-operator section) ArnNotLike. */
function examplePolicyBlock(arnOperator: "ArnLike" | "ArnNotLike") {
  const doc = policy("resource", {
    Version: V,
    Statement: [{
      Sid: "ExamplePolicy", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "s3:ListBucket", Resource: "arn:aws:s3:::amzn-s3-demo-bucket",
      Condition: {
        StringEquals: { "aws:PrincipalTag/department": ["finance", "hr", "legal"], "aws:PrincipalTag/role": ["audit", "security"] },
        [arnOperator]: { "aws:PrincipalArn": ["arn:aws:iam::222222222222:user/Ana", "arn:aws:iam::222222222222:user/Mary"] },
      },
    }],
  });
  return { clauses: doc.statements[0]!.conditions, version: doc.version };
}

const person = (name: string) => `arn:aws:iam::222222222222:user/${name}`;
/** [ArnLike or ArnNotLike, request context, AWS's Result, the row as the page writes it]. */
const blockRows: ["ArnLike" | "ArnNotLike", Context, Tri, string][] = [
  ["ArnLike", { "aws:PrincipalTag/department": "legal", "aws:PrincipalTag/role": "audit", "aws:PrincipalArn": person("Mary") }, "true", "legal, audit, Mary → Match"],
  ["ArnLike", { "aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "audit", "aws:PrincipalArn": person("Nikki") }, "false", "hr, audit, Nikki → No match"],
  ["ArnLike", { "aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "payroll", "aws:PrincipalArn": person("Mary") }, "false", "hr, payroll, Mary → No match"],
  ["ArnLike", { "aws:PrincipalTag/department": "hr", "aws:PrincipalArn": person("Mary") }, "false", "no role tag, hr, Mary → No match"],
  ["ArnLike", { "aws:PrincipalArn": person("Mary") }, "false", "no principal tags, Mary → No match"],
  ["ArnNotLike", { "aws:PrincipalTag/department": "legal", "aws:PrincipalTag/role": "audit", "aws:PrincipalArn": person("Nikki") }, "true", "legal, audit, Nikki → Match"],
  ["ArnNotLike", { "aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "audit", "aws:PrincipalArn": person("Mary") }, "false", "hr, audit, Mary → No match"],
  ["ArnNotLike", { "aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "payroll", "aws:PrincipalArn": person("Nikki") }, "false", "hr, payroll, Nikki → No match"],
  ["ArnNotLike", { "aws:PrincipalTag/department": "hr", "aws:PrincipalArn": person("Nikki") }, "false", "no role tag, hr, Nikki → No match"],
  ["ArnNotLike", { "aws:PrincipalArn": person("Nikki") }, "false", "no principal tags, Nikki → No match"],
];

describe(`AWS documented condition blocks (${ML})`, () => {
  it.each(blockRows.map(([op, context, expected, says]) => [`${ML}: StringEquals + ${op}: ${says}`, op, context, expected] as const))("%s", (_title, op, context, expected) => {
    const { clauses, version } = examplePolicyBlock(op);
    expect(conditionsTri(clauses, makeContext(context, true), version)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Set operators with and without IfExists, over an absent key, an empty set and present values (evalold2).
//
// The two pages AWS has on this read differently for ForAnyValue…IfExists with the key absent. The operators page
// (CO, "…IfExists condition operators"): "If the condition key is present in the context of the request, process the
// key as specified in the policy. If the key is not present, evaluate the condition element as true." The
// multivalued-keys page (MV): ForAnyValue "returns false if there are no context keys in the request or if the context
// key value resolves to a null dataset, such as an empty string"; ForAllValues "returns true if there are no context
// keys in the request or if the context key value resolves to a null dataset". Only ForAnyValue…IfExists on an absent
// key is in dispute; we read it false, as AWS was observed to (conditions/evaluate.ts says where). Present keys,
// empty sets included ("present … process the key as specified"), are read as the set operator says, IfExists or not.
// A key a static scan does not know is unknown under every form: its answer differs between absent and present.
type SetCase = [context: Context | undefined, any: Tri, all: Tri, what: string];
const setCases: SetCase[] = [
  [{}, "false", "true", "the key absent"],
  [{ "aws:TagKeys": [] }, "false", "true", "an empty set (a null dataset)"],
  [{ "aws:TagKeys": [""] }, "false", "true", "an empty string (\"a null dataset, such as an empty string\")"],
  [{ "aws:TagKeys": ["team-a"] }, "true", "true", "one value, matching"],
  [{ "aws:TagKeys": ["team-a", "owner"] }, "true", "false", "two values, one matching"],
  [{ "aws:TagKeys": ["owner"] }, "false", "false", "one value, matching none"],
  [undefined, "unknown", "unknown", "the key unknown to a static scan"],
];
const setRows = setCases.flatMap(([context, any, all, what]) =>
  (["", "IfExists"] as const).flatMap((suffix) => {
    // The disputed cell: IfExists on an absent key would make it true by the operators page alone.
    const page = suffix && what === "the key absent" ? `${MV} over ${CO}` : suffix ? CO : MV;
    return [
      [`${page}: ForAnyValue:StringLike${suffix}, ${what} → ${any}`, `ForAnyValue:StringLike${suffix}`, context, any] as const,
      [`${page}: ForAllValues:StringLike${suffix}, ${what} → ${all}`, `ForAllValues:StringLike${suffix}`, context, all] as const,
    ];
  }),
);

describe("AWS documented set operators with and without IfExists (evalold2)", () => {
  it.each(setRows)("%s", (_title, operator, context, expected) => {
    const r = evaluateClause({ operator, key: "aws:TagKeys", values: ["team-*"] }, makeContext(context ?? {}, context !== undefined), V);
    expect(r.result).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Service principals in opt-in Regions (evalold2): reference_policies_elements_principal.html, "AWS service principals
// in opt-in Regions", its own example: an SNS topic in ap-southeast-1, an S3 bucket in the opt-in ap-east-1 publishing
// to it. "If you specify the non-regionalized version of the S3 service principal, s3.amazonaws.com, in the topic
// access policy, the sns:Publish request from the bucket to the topic will fail"; with "s3.ap-east-1.amazonaws.com"
// "the request will be successful". Within its own Region the service is "the non-regionalized version".
const PR = "reference_policies_elements_principal.html";
const topic = (region: string) => `arn:aws:sns:${region}:${ACCT}:topic`;
const topicPolicy = (principal: string, region: string) => () => ({
  identity: [],
  resource: policy("resource", { Version: V, Statement: { Effect: "Allow", Principal: { Service: principal }, Action: "sns:Publish", Resource: topic(region) } }),
});
const optInRows: [string, () => PolicySet, RequestPrincipal, string, Decision][] = [
  ["s3.amazonaws.com in the topic policy, the bucket in opt-in ap-east-1 publishing across regions: \"will fail\"", topicPolicy("s3.amazonaws.com", "ap-southeast-1"), service("s3.ap-east-1.amazonaws.com"), topic("ap-southeast-1"), "implicitly-denied"],
  ["s3.ap-east-1.amazonaws.com in the topic policy: \"the request will be successful\"", topicPolicy("s3.ap-east-1.amazonaws.com", "ap-southeast-1"), service("s3.ap-east-1.amazonaws.com"), topic("ap-southeast-1"), "allowed"],
  ["within its own opt-in Region the service is \"the non-regionalized version\": s3.amazonaws.com lets it in", topicPolicy("s3.amazonaws.com", "ap-east-1"), service("s3.amazonaws.com"), topic("ap-east-1"), "allowed"],
];

describe(`AWS documented service principals in opt-in Regions (${PR}, evalold2)`, () => {
  it.each(optInRows.map(([says, set, principal, resource, expected]) => [`${PR}: ${says}`, set, principal, resource, expected] as const))("%s", (_title, set, principal, resource, expected) => {
    expect(evaluate(set(), { principal, action: "sns:Publish", resource, context: makeContext({}, true) }).decision).toBe(expected);
  });
});
