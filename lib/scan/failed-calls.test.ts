import { describe, expect, it } from "vitest";
import { failedCallsLine, skippedReadsLine } from "./failed-calls";

describe("failedCallsLine", () => {
  it("says nothing when no call failed, or only reads the scanner chose to skip", () => {
    expect(failedCallsLine([])).toBeUndefined();
    expect(failedCallsLine([{ operation: "GetPolicy", code: "NotRead", region: "us-east-1" }])).toBeUndefined();
  });

  it("says nothing of an account in no organization (AWS's answer, not a failed read); a refused DescribeOrganization is one", () => {
    expect(failedCallsLine([{ operation: "DescribeOrganization", code: "AWSOrganizationsNotInUseException" }])).toBeUndefined();
    expect(failedCallsLine([{ operation: "DescribeOrganization", code: "AccessDeniedException" }])).toMatch(/^Failed calls: DescribeOrganization AccessDeniedException ×1\. /);
  });

  it("groups by operation and code, most frequent first, with their regions", () => {
    const line = failedCallsLine([
      { operation: "GetPolicy", code: "TooManyRequestsException", region: "us-east-1" },
      { operation: "ListFunctions", code: "AccessDeniedException", region: "eu-west-1" },
      { operation: "ListFunctions", code: "AccessDeniedException", region: "ap-south-1" },
      { operation: "GetAccountAuthorizationDetails", code: "AccessDenied" },
    ]);
    expect(line).toBe(
      "Failed calls: ListFunctions AccessDeniedException ×2 (ap-south-1, eu-west-1); GetAccountAuthorizationDetails AccessDenied ×1; " +
        "GetPolicy TooManyRequestsException ×1 (us-east-1). The analysis reports what they would have read as unknown, never as fine; " +
        "`analyze` lists each one.",
    );
  });

  it("names the five most frequent kinds and counts the rest", () => {
    const errors = ["A", "B", "C", "D", "E", "F", "G"].map((operation) => ({ operation, code: "X" }));
    expect(failedCallsLine(errors)).toMatch(/^Failed calls: A X ×1; B X ×1; C X ×1; D X ×1; E X ×1; and 2 more kinds\. /);
  });
});

describe("skippedReadsLine", () => {
  const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

  it("counts the version policies --version-policies left unread, and their functions", () => {
    const skipped = (target: string) => ({ operation: "GetPolicy", code: "NotRead", region: "us-east-1", target });
    expect(skippedReadsLine([skipped(`${fn("a")}:1`), skipped(`${fn("a")}:2`), skipped(`${fn("b")}:7`), { operation: "GetPolicy", code: "AccessDeniedException", target: fn("c") }])).toBe(
      "Not read: the resource policies of 3 older published versions of 2 functions (scan --version-policies). " +
        "The analysis reports them as unknown; --version-policies all reads every one.",
    );
    expect(skippedReadsLine([skipped(`${fn("a")}:1`)])).toMatch(/^Not read: the resource policies of 1 older published version of 1 function /);
  });

  it("says nothing when every version policy was read", () => {
    expect(skippedReadsLine([])).toBeUndefined();
    expect(skippedReadsLine([{ operation: "GetPolicy", code: "AccessDeniedException", target: `${fn("a")}:1` }])).toBeUndefined();
  });
});
