/**
 * A PutResourcePolicy document may pin a service grant's source with a Deny on aws:SourceArn rather than the Allow's
 * own condition: the deputy sends the resource it acts for as aws:SourceArn, which the Deny refuses unless it is one
 * named there. Pinned to an account's resources it is no confused deputy; pinned to account-less buckets, only as
 * open as an S3 grant with SourceArn alone (medium), whether the Allow names the service or `*`.
 */
import { describe, expect, it } from "vitest";
import { ACCOUNT, builder, findingsOf, REGION } from "../test-support";
import { confusedDeputy } from "./confused-deputy";

function withDeny(service: string, operator: string, sourceArn: string) {
  const principal = service === "*" ? "*" : { Service: service };
  const b = builder();
  const fn = b.fn({ region: REGION, name: "handler", runtime: "python3.13", role: b.role({ name: "app" }) });
  b.resourcePolicy(fn, {
    Version: "2012-10-17",
    Statement: [
      { Sid: "any", Effect: "Allow", Principal: principal, Action: "lambda:InvokeFunction", Resource: fn },
      { Sid: "only-mine", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { [operator]: { "AWS:SourceArn": sourceArn } } },
    ],
  });
  return b;
}

describe("confused-deputy: a Deny on every source ARN but named ones", () => {
  it("pinning the account's own topic: no finding", () => {
    expect(findingsOf(confusedDeputy, withDeny("sns.amazonaws.com", "ArnNotLike", `arn:aws:sns:${REGION}:${ACCOUNT}:mine`))).toEqual([]);
  });

  it("pinning every topic of one account (a wildcard after the account): no finding", () => {
    expect(findingsOf(confusedDeputy, withDeny("sns.amazonaws.com", "ArnNotEquals", `arn:aws:sns:*:${ACCOUNT}:*`))).toEqual([]);
  });

  it("with a wildcard account: still any account's topic, high", () => {
    const [f] = findingsOf(confusedDeputy, withDeny("sns.amazonaws.com", "ArnNotLike", "arn:aws:sns:*:*:mine"));
    expect(f?.severity).toBe("high");
  });

  it("denying one source only (a positive test) pins nothing: high", () => {
    const [f] = findingsOf(confusedDeputy, withDeny("sns.amazonaws.com", "ArnLike", `arn:aws:sns:${REGION}:${ACCOUNT}:other`));
    expect(f?.severity).toBe("high");
  });

  it("to one bucket: medium, citing the Deny and re-adding the grant with that bucket and the account", () => {
    const [f, ...rest] = findingsOf(confusedDeputy, withDeny("s3.amazonaws.com", "ArnNotLike", "arn:aws:s3:::uploads"));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("medium");
    expect(f?.title).toBe("s3.amazonaws.com may invoke this function without aws:SourceAccount");
    expect(f?.detail).toContain("for source arn:aws:s3:::uploads (statement only-mine denies every other source)");
    expect(f?.evidence.map((e) => e.source?.sid)).toEqual(["any", "only-mine"]);
    expect(f?.remediation).toContain("--principal s3.amazonaws.com --source-arn arn:aws:s3:::uploads --source-account '<account that owns the bucket>'");
  });

  it("on a * grant, to one bucket: medium, as a * grant whose own SourceArn names the bucket", () => {
    const [f, ...rest] = findingsOf(confusedDeputy, withDeny("*", "ArnNotLike", "arn:aws:s3:::uploads"));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("medium");
    expect(f?.title).toBe('Principal "*" may invoke this function without aws:SourceAccount');
  });

  it("on a * grant, to the account's own topic: no finding (and public-invoke's direct callers are denied too)", () => {
    expect(findingsOf(confusedDeputy, withDeny("*", "ArnNotLike", `arn:aws:sns:${REGION}:${ACCOUNT}:mine`))).toEqual([]);
  });
});
