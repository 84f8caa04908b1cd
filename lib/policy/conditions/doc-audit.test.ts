/**
 * An audit of the condition evaluator against AWS's IAM reference, one row per documented rule (pages under
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/, named by their file). Rows string/numeric/date/ip/arn.test.ts,
 * aws-documented-examples.test.ts and doc-examples.test.ts already hold are not repeated: these are the corners they
 * leave (an operator family's IfExists, a second policy value, a set operator over a non-string family).
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "../context";
import { cases, runClauseCases, type ClauseCase } from "./clause-cases";
import { evaluateClause } from "./evaluate";

const CO = "reference_policies_elements_condition_operators";
const MV = "reference_policies_condition-single-vs-multi-valued-context-keys";
const VAR = "reference_policies_variables";
const TK = "aws:TagKeys";

describe(`${CO}: string operators ("case-sensitive matching"; * any run of characters, ? one)`, () => {
  runClauseCases(
    cases([
      ["StringNotEquals is case-sensitive: another case differs", "StringNotEquals", "aws:PrincipalTag/team", ["Blue"], "blue", "true"],
      ["StringNotLike fails when any of its patterns matches", "StringNotLike", "s3:prefix", ["x/*", "home/*"], "home/a", "false"],
      ["StringLike keeps the order of its literal parts", "StringLike", "s3:prefix", ["a*b*c"], "acb", "false"],
      ["StringLike: consecutive * are one", "StringLike", "s3:prefix", ["**"], "x", "true"],
      ["StringNotLike *: the empty value matches *, so it fails", "StringNotLike", "s3:prefix", ["*"], "", "false"],
      ["StringEquals does not trim the request value", "StringEquals", "s3:prefix", ["a"], "a ", "false"],
    ]),
  );
});

describe(`${CO}: …IfExists on every family ("If the key is not present, evaluate the condition element as true")`, () => {
  runClauseCases(
    cases([
      ["StringNotEqualsIfExists: present and equal → false", "StringNotEqualsIfExists", "ec2:InstanceType", ["t2.micro"], "t2.micro", "false"],
      ["NumericNotEqualsIfExists: absent → true", "NumericNotEqualsIfExists", "s3:max-keys", ["10"], undefined, "true"],
      ["DateGreaterThanIfExists: absent → true", "DateGreaterThanIfExists", "aws:TokenIssueTime", ["2020-01-01T00:00:00Z"], undefined, "true"],
      ["DateGreaterThanIfExists: present and earlier → false", "DateGreaterThanIfExists", "aws:TokenIssueTime", ["2020-01-01T00:00:00Z"], "2019-12-31T23:59:59Z", "false"],
      ["IpAddressIfExists: absent → true", "IpAddressIfExists", "aws:SourceIp", ["203.0.113.0/24"], undefined, "true"],
      ["IpAddressIfExists: present and outside → false", "IpAddressIfExists", "aws:SourceIp", ["203.0.113.0/24"], "198.51.100.1", "false"],
      ["BinaryEqualsIfExists: absent → true", "BinaryEqualsIfExists", "key", ["QUJD"], undefined, "true"],
      ["ArnNotEquals: absent key → true (a negated operator)", "ArnNotEquals", "aws:SourceArn", ["arn:aws:sns:us-east-1:111122223333:t"], undefined, "true"],
    ]),
  );
});

describe(`${CO}: numeric, date, Boolean and binary operators`, () => {
  runClauseCases(
    cases([
      ["NumericGreaterThan compares a decimal with an integer", "NumericGreaterThan", "s3:max-keys", ["1.5"], "2", "true"],
      ["NumericLessThan orders negative numbers", "NumericLessThan", "s3:max-keys", ["-1"], "-5", "true"],
      ["NumericEquals: a trailing zero changes no decimal", "NumericEquals", "s3:max-keys", ["1.50"], "1.5", "true"],
      ["DateLessThan: ISO 8601 one second before", "DateLessThan", "aws:CurrentTime", ["2020-04-01T00:00:00Z"], "2020-03-31T23:59:59Z", "true"],
      ["DateEquals: an epoch policy value against an ISO 8601 request value", "DateEquals", "aws:CurrentTime", ["1585699200"], "2020-04-01T00:00:00Z", "true"],
      ["DateLessThan: an ISO 8601 policy value against aws:EpochTime", "DateLessThan", "aws:EpochTime", ["2020-04-01T00:00:00Z"], "1585699199", "true"],
      ["DateEquals: a zone offset names the same instant as Z", "DateEquals", "aws:CurrentTime", ["2020-04-01T02:00:00+02:00"], "2020-04-01T00:00:00Z", "true"],
      ["DateLessThan: fractions of a second count (W3C \"s\")", "DateLessThan", "aws:CurrentTime", ["2020-04-01T00:00:00.5Z"], "2020-04-01T00:00:00.4Z", "true"],
      ["DateLessThanEquals: the same instant → true", "DateLessThanEquals", "aws:TokenIssueTime", ["2020-04-01T00:00:00Z"], "2020-04-01T00:00:00Z", "true"],
      ["DateNotEquals: another instant → true", "DateNotEquals", "aws:CurrentTime", ["2020-04-01T00:00:00Z"], "2020-04-02T00:00:00Z", "true"],
      ["Bool with both values holds for either", "Bool", "aws:SecureTransport", ["true", "false"], "false", "true"],
      ["BinaryEquals: other bytes → false", "BinaryEquals", "key", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], "T3RoZXI=", "false"],
      ["BinaryEquals: the second policy value matches", "BinaryEquals", "key", ["QUJD", "REVG"], "REVG", "true"],
    ]),
  );
});

describe(`${CO}: IP address and ARN operators`, () => {
  runClauseCases(
    cases([
      ["IpAddress: an address outside the block", "IpAddress", "aws:SourceIp", ["203.0.113.0/24"], "203.0.114.7", "false"],
      ["IpAddress: an IPv6 block written in upper case", "IpAddress", "aws:SourceIp", ["2001:DB8:1234:5678::/64"], "2001:db8:1234:5678::9", "true"],
      ["IpAddress: an IPv4 block holds no IPv6 address", "IpAddress", "aws:SourceIp", ["203.0.113.0/24"], "2001:db8::1", "false"],
      ["IpAddress: a bare address holds only itself", "IpAddress", "aws:SourceIp", ["203.0.113.7"], "203.0.113.8", "false"],
      ["NotIpAddress: inside the second block → false", "NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "198.51.100.0/24"], "198.51.100.2", "false"],
      ["NotIpAddress: outside every block → true", "NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "198.51.100.0/24"], "192.0.2.1", "true"],
      ["ArnLike: the resource part may hold colons", "ArnLike", "aws:SourceArn", ["arn:aws:logs:us-east-1:111122223333:log-group:*"], "arn:aws:logs:us-east-1:111122223333:log-group:/a:log-stream:b", "true"],
      ["ArnLike: ? is one character", "ArnLike", "aws:SourceArn", ["arn:aws:s3:::bucket-?"], "arn:aws:s3:::bucket-1", "true"],
      ["ArnLike: a wildcard in the service part", "ArnLike", "aws:SourceArn", ["arn:aws:s?s:us-east-1:111122223333:q"], "arn:aws:sqs:us-east-1:111122223333:q", "true"],
      ["ArnLike: an unqualified function ARN is not its alias's", "ArnLike", "aws:SourceArn", ["arn:aws:lambda:*:*:function:f"], "arn:aws:lambda:us-east-1:111122223333:function:f:prod", "false"],
      ["ArnNotLike: a match → false", "ArnNotLike", "aws:SourceArn", ["arn:aws:s3:::bucket-*"], "arn:aws:s3:::bucket-1", "false"],
      ["ArnNotLike: no match → true", "ArnNotLike", "aws:SourceArn", ["arn:aws:s3:::bucket-*"], "arn:aws:s3:::other", "true"],
    ]),
  );
});

describe(`${MV}: set operators over every family`, () => {
  runClauseCases(
    cases([
      ["ForAnyValue: no value in the set → false", "ForAnyValue:StringEquals", TK, ["environment"], ["project"], "false"],
      ["ForAllValues:StringLike: each value matches some pattern", "ForAllValues:StringLike", TK, ["env*", "cost-*"], ["environment", "cost-center"], "true"],
      ["ForAllValues:StringEqualsIgnoreCase", "ForAllValues:StringEqualsIgnoreCase", TK, ["Environment"], ["ENVIRONMENT"], "true"],
      ["ForAnyValue:NumericLessThan: one value below", "ForAnyValue:NumericLessThan", "s3:max-keys", ["10"], ["5", "20"], "true"],
      ["ForAllValues:NumericLessThan: one value above", "ForAllValues:NumericLessThan", "s3:max-keys", ["10"], ["5", "20"], "false"],
      ["ForAllValues:NumericLessThan: absent key → true", "ForAllValues:NumericLessThan", "s3:max-keys", ["10"], undefined, "true"],
      ["ForAnyValue:DateLessThan: one value earlier", "ForAnyValue:DateLessThan", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], ["2019-01-01T00:00:00Z", "2021-01-01T00:00:00Z"], "true"],
      ["ForAnyValue:IpAddress: one address inside", "ForAnyValue:IpAddress", "aws:SourceIp", ["10.0.0.0/8"], ["10.1.1.1", "11.1.1.1"], "true"],
      ["ForAllValues:ArnLike: one ARN outside", "ForAllValues:ArnLike", "aws:SourceArn", ["arn:aws:s3:::a*"], ["arn:aws:s3:::ab", "arn:aws:s3:::b"], "false"],
      ["ForAnyValue:BinaryEquals: one value equal", "ForAnyValue:BinaryEquals", "key", ["QUJD"], ["REVG", "QUJD"], "true"],
      ["ForAllValues:Bool: every value true", "ForAllValues:Bool", "key", ["true"], ["true", "true"], "true"],
    ]),
  );
});

describe(`${VAR}: policy variables in condition values`, () => {
  const rows: ClauseCase[] = [
    { name: "a default value is not used when the key is present", operator: "StringEquals", key: "s3:prefix", values: ["${aws:PrincipalTag/team, 'none'}"], context: { "s3:prefix": "none", "aws:PrincipalTag/team": "blue" }, expected: "false" },
    { name: "${aws:PrincipalTag/…} is replaced by the tag's value", operator: "StringEquals", key: "aws:ResourceTag/team", values: ["${aws:PrincipalTag/team}"], context: { "aws:ResourceTag/team": "blue", "aws:PrincipalTag/team": "blue" }, expected: "true" },
    { name: "ArnLike substitutes variables too", operator: "ArnLike", key: "aws:SourceArn", values: ["arn:aws:s3:::${aws:PrincipalTag/team}-*"], context: { "aws:SourceArn": "arn:aws:s3:::blue-logs", "aws:PrincipalTag/team": "blue" }, expected: "true" },
  ];
  runClauseCases(rows);
});

describe(`${MV}: the note of a set operator names the request value that decided it`, () => {
  // ForAllValues fails on a value in no policy value; ForAnyValue with a negated operator holds on such a value. The
  // note must name that value, not another that happened to match (which would read as the reason).
  it.each([
    ["ForAllValues:StringEquals", ["environment"], ["environment", "project"], "false", '"project" matches none of "environment"'],
    ["ForAllValues:NumericLessThan", ["10"], ["5", "20"], "false", '"20" matches none of "10"'],
    ["ForAnyValue:StringNotEquals", ["environment", "cost-center"], ["environment", "project"], "true", '"project" matches none of ["environment", "cost-center"]'],
    ["ForAnyValue:StringNotLike", ["a*"], ["ab", "b"], "true", '"b" matches none of "a*"'],
  ])("%s %j with %j", (operator, values, request, expected, named) => {
    const e = evaluateClause({ operator, key: "aws:TagKeys", values }, makeContext({ "aws:TagKeys": request }, true), "2012-10-17");
    expect(e.result).toBe(expected);
    expect(e.note).toContain(`request value ${named}`);
  });
});
