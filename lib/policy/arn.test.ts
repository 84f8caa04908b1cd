import { describe, expect, it } from "vitest";
import { accountOfArn, lowerArnHead, lowerArnPrefix, otherCaseArnHead, otherCaseArnPrefix } from "./arn";

describe("accountOfArn", () => {
  it("reads a 12-digit account segment", () => {
    expect(accountOfArn("arn:aws:iam::111122223333:role/app")).toBe("111122223333");
  });

  // An account id is exactly twelve digits (reference-arns.html): a longer or shorter segment names no account, so a
  // typo in a principal's ARN is not read as some account's, nor as this one's when its first twelve digits match.
  it.each([["arn:aws:iam::1111222233334:role/app"], ["arn:aws:iam::11112222333:role/app"], ["arn:aws:s3:::bucket"], ["not-an-arn:aws:iam::111122223333:x"]])("names no account in %s", (arn) => {
    expect(accountOfArn(arn)).toBeUndefined();
  });
});

describe("an ARN whose first part is arn in other case", () => {
  it.each([
    ["ARN:aws:lambda:us-east-1:111122223333:function:f", true],
    ["Arn:aws:iam::111122223333:root", true],
    ["arn:aws:iam::111122223333:root", false],
    ["arn:AWS:iam::111122223333:root", false],
    ["ARNS:aws:x", false],
    ["*", false],
  ])("%s: %s", (value, other) => {
    expect(otherCaseArnPrefix(value)).toBe(other);
    expect(lowerArnPrefix(value)).toBe(other ? `arn${value.slice(3)}` : value);
  });
});

// Resource and Principal entries read the whole head so (arn-case.test.ts): the partition and service too, never the
// region, account or resource, which AWS compares as written.
describe("an ARN whose head (arn, partition, service) is in other case", () => {
  it.each([
    ["ARN:aws:lambda:us-east-1:111122223333:function:F", "arn:aws:lambda:us-east-1:111122223333:function:F"],
    ["arn:AWS:s3:::Bucket", "arn:aws:s3:::Bucket"],
    ["arn:Aws:iam::111122223333:root", "arn:aws:iam::111122223333:root"],
    ["arn:aws:S3:::Bucket", "arn:aws:s3:::Bucket"],
    ["Arn:AWS-CN", "arn:aws-cn"],
  ])("%s reads %s", (value, lowered) => {
    expect(otherCaseArnHead(value)).toBe(true);
    expect(lowerArnHead(value)).toBe(lowered);
  });

  it.each([["arn:aws:s3:::Bucket"], ["arn:aws:lambda:US-EAST-1:111122223333:function:f"], ["AIDAJQABLZS4A3QDU576Q"], ["ARNS:AWS:x"], ["*"], ["Arn"]])("%s is as AWS writes its head, or no ARN", (value) => {
    expect(otherCaseArnHead(value)).toBe(false);
    expect(lowerArnHead(value)).toBe(value);
  });
});
