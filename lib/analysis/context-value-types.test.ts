import { describe, expect, it } from "vitest";
import { contextValueProblem } from "./context-value-types";

describe("contextValueProblem", () => {
  it.each([
    ["aws:SourceIp", "not-an-ip", /^"not-an-ip" is not an IP address, e\.g\. aws:SourceIp=203\.0\.113\.10$/],
    ["aws:SourceIp", "10.0.0.0/8", /not an IP address/],
    ["aws:CurrentTime", "yesterday", /^"yesterday" is not a date \(ISO 8601, or epoch seconds\), e\.g\. aws:CurrentTime=/],
    ["aws:EpochTime", "soon", /is not a date .*, e\.g\. aws:EpochTime=/],
    ["aws:MultiFactorAuthAge", "an hour", /is not a number, e\.g\. aws:MultiFactorAuthAge=3600$/],
    ["aws:SecureTransport", "yes", /is not true or false, e\.g\. aws:SecureTransport=true$/],
    ["aws:MultiFactorAuthPresent", "1", /is not true or false/],
    ["aws:ViaAWSService", "no", /is not true or false/],
    ["aws:PrincipalIsAWSService", "", /is not true or false/],
    ["aws:PrincipalArn", "my-role", /is not an ARN, e\.g\. aws:PrincipalArn=arn:/],
    ["aws:SourceArn", "arn:aws:s3", /is not an ARN/],
    // reference_policies_condition-keys.html, aws:PrincipalArn: "Do not specify the assumed role session ARN as a value".
    ["aws:PrincipalArn", "arn:aws:sts::123456789012:assumed-role/ci/run-1", /^"arn:aws:sts::123456789012:assumed-role\/ci\/run-1" is a role session's ARN, .*e\.g\. aws:PrincipalArn=arn:aws:iam::/],
    // Service keys the IAM action catalog types.
    ["s3:max-keys", "ten", /^"ten" is not a number, e\.g\. s3:max-keys=3600$/],
    ["kms:ValidTo", "next week", /is not a date .*, e\.g\. kms:ValidTo=/],
    ["ec2-instance-connect:privateIpAddress", "host", /is not an IP address, e\.g\. ec2-instance-connect:privateIpAddress=/],
  ])("refuses %s=%j, naming its type and an example with the key", (key, value, message) => {
    expect(contextValueProblem(key, value)).toMatch(message);
  });

  it.each([
    ["aws:SourceIp", "203.0.113.10"],
    ["aws:SourceIp", "2001:db8::1"],
    ["aws:CurrentTime", "2026-12-05T13:00:00Z"],
    ["aws:EpochTime", "1764939600"],
    ["aws:MultiFactorAuthAge", "3600"],
    ["aws:SecureTransport", "TRUE"],
    ["aws:SourceArn", "arn:aws:s3:::my-bucket"],
    ["aws:PrincipalArn", "arn:aws:sts::123456789012:federated-user/alice"],
    // Only aws:PrincipalArn is a principal's: a source ARN may be anything's.
    ["aws:SourceArn", "arn:aws:sts::123456789012:assumed-role/ci/run-1"],
    // Key names are case-insensitive, as in policies.
    ["AWS:SOURCEIP", "10.1.2.3"],
    ["s3:max-keys", "10"],
    ["lambda:FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:f"],
  ])("accepts %s=%j", (key, value) => {
    expect(contextValueProblem(key, value)).toBeUndefined();
  });

  // AWS gives its own keys in documented forms: a typed value in another form is no request AWS makes, so it is refused
  // rather than read one way (the evaluator reads "2030" as epoch seconds, "1e3" as a thousand).
  it.each([
    ["aws:CurrentTime", "2030-01-01 00:00:00Z", /^"2030-01-01 00:00:00Z" is in none of the W3C date forms AWS documents \(a space for "T"\)/],
    ["aws:CurrentTime", "2030-01-01t00:00:00z", /a lower-case "t", a lower-case "z"/],
    ["aws:CurrentTime", "2030-01-01T00:00:00", /a time with no zone/],
    ["aws:CurrentTime", "2030-01-01T00:00:00+0200", /an offset without ":"/],
    ["aws:CurrentTime", "20300101T000000Z", /ISO 8601's basic format/],
    ["aws:CurrentTime", "2030", /^"2030" is a year \(W3C "YYYY"\) or epoch seconds, and AWS does not document which/],
    ["aws:EpochTime", "1764939600.5", /epoch seconds with a sign or a fraction/],
    ["aws:EpochTime", "01764939600", /epoch seconds with a leading zero/],
    ["s3:max-keys", "1e3", /^"1e3" is not written as an integer or decimal \(an exponent\)/],
    ["aws:MultiFactorAuthAge", "010", /\(a leading zero\)/],
    ["aws:MultiFactorAuthAge", "+5", /\(a plus sign\)/],
  ])("refuses %s=%j, a form AWS does not give, naming the key and the documented forms", (key, value, message) => {
    const problem = contextValueProblem(key, value);
    expect(problem).toMatch(message);
    expect(problem).toContain(`; AWS gives ${key} only in a documented form (`);
    expect(problem).toMatch(key === "s3:max-keys" || key === "aws:MultiFactorAuthAge" ? /\(an integer or decimal, no exponent, no plus sign, no leading zero\), e\.g\. \S+=3600$/ : /"YYYY-MM-DD".*whole epoch seconds\), e\.g\. \S+=2026-01-31T12:00:00Z$/);
  });

  it("names the first value in an undocumented form among a multivalued key's", () => {
    expect(contextValueProblem("aws:CurrentTime", ["2030-01-01T00:00:00Z", "2030-01-01 00:00:00Z"])).toMatch(/^"2030-01-01 00:00:00Z" is in none/);
  });

  it.each([
    ["aws:CurrentTime", "2030-01-01"],
    ["aws:CurrentTime", "2030-01"],
    ["aws:CurrentTime", "2030-01-01T00:00+02:00"],
    ["aws:CurrentTime", "2030-01-01T00:00:00.5Z"],
    ["aws:MultiFactorAuthAge", "0"],
    ["aws:MultiFactorAuthAge", "2.5"],
    // Spaces a box line's "KEY = VALUE" leaves are no form of the value.
    ["aws:MultiFactorAuthAge", " 3600"],
    ["aws:CurrentTime", " 2030-01-01T00:00:00Z "],
  ])("accepts the documented %s=%j", (key, value) => {
    expect(contextValueProblem(key, value)).toBeUndefined();
  });

  it("leaves service keys the catalog types as ARNs free text: some carry key ids or aliases", () => {
    for (const [key, value] of [
      ["s3:x-amz-server-side-encryption-aws-kms-key-id", "1234abcd-12ab-34cd-56ef-1234567890ab"],
      ["sagemaker:VolumeKmsKey", "alias/my-key"],
      ["lambda:FunctionArn", "my-function"],
    ] as const) {
      expect(contextValueProblem(key, value), key).toBeUndefined();
    }
  });

  it("checks each value of a multivalued key, and names the bad one", () => {
    expect(contextValueProblem("aws:SourceIp", ["10.0.0.1", "ten"])).toMatch(/^"ten" is not an IP address/);
    expect(contextValueProblem("aws:PrincipalOrgPaths", ["anything"])).toBeUndefined();
  });

  it("leaves keys of string or unknown type free text", () => {
    for (const key of ["aws:PrincipalTag/team", "aws:username", "s3:prefix", "kms:ViaService", "lambda:FunctionUrlAuthType", "sqs:QueueUrl", "my:key", "aws:SourceIpp"]) {
      expect(contextValueProblem(key, "not-an-ip"), key).toBeUndefined();
    }
  });
});
