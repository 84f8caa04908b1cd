/**
 * An audit of Action, Resource and Version against AWS's IAM reference (pages under
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/, named by their file), one row per documented rule the other
 * tables leave: a `?` in an action, a list's later entry, a Deny's NotAction, a policy variable in Resource.
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { evaluateDecision } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import type { Decision, RequestPrincipal } from "./types";

const A = "111122223333";
const alice: RequestPrincipal = { type: "user", id: `arn:aws:iam::${A}:user/alice`, account: A };
const allowAll = { Effect: "Allow", Action: "*", Resource: "*" };

interface Row {
  says: string;
  statements: object[];
  action: string;
  resource: string;
  expected: Decision;
  /** The policy's Version; "" for none. */
  version?: string;
}

const rows: Row[] = [
  {
    says: "reference_policies_elements_action: ? stands for one character of an action",
    statements: [{ Effect: "Allow", Action: "s3:Get?bject", Resource: "*" }],
    action: "s3:GetObject", resource: "arn:aws:s3:::b/k", expected: "allowed",
  },
  {
    says: "reference_policies_elements_action: ? stands for exactly one character",
    statements: [{ Effect: "Allow", Action: "s3:Get?ject", Resource: "*" }],
    action: "s3:GetObject", resource: "arn:aws:s3:::b/k", expected: "implicitly-denied",
  },
  {
    says: "reference_policies_elements_action: a list of actions allows each of them",
    statements: [{ Effect: "Allow", Action: ["sqs:SendMessage", "s3:GetObject"], Resource: "*" }],
    action: "s3:GetObject", resource: "arn:aws:s3:::b/k", expected: "allowed",
  },
  {
    says: "reference_policies_elements_resource: a list of resources allows each of them",
    statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::c/*"] }],
    action: "s3:GetObject", resource: "arn:aws:s3:::c/k", expected: "allowed",
  },
  {
    says: "reference_policies_elements_resource: ? stands for one character within a segment",
    statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucke?/*" }],
    action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k", expected: "allowed",
  },
  {
    says: "reference_policies_elements_notaction: a Deny with NotAction iam:* refuses everything but IAM",
    statements: [allowAll, { Effect: "Deny", NotAction: "iam:*", Resource: "*" }],
    action: "s3:GetObject", resource: "arn:aws:s3:::b/k", expected: "explicitly-denied",
  },
  {
    says: "reference_policies_elements_notaction: … and leaves IAM's actions to the Allow",
    statements: [allowAll, { Effect: "Deny", NotAction: "iam:*", Resource: "*" }],
    action: "iam:GetRole", resource: `arn:aws:iam::${A}:role/r`, expected: "allowed",
  },
  {
    says: "reference_policies_elements_notaction: an Allow with NotAction and a Resource allows nothing outside that Resource",
    statements: [{ Effect: "Allow", NotAction: "s3:DeleteObject", Resource: "arn:aws:s3:::b/*" }],
    action: "s3:GetObject", resource: "arn:aws:s3:::c/k", expected: "implicitly-denied",
  },
  {
    says: "reference_policies_variables: ${aws:username} in Resource is the caller's name",
    statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/home/${aws:username}/*" }],
    action: "s3:GetObject", resource: "arn:aws:s3:::b/home/alice/x", expected: "allowed",
  },
  {
    says: "reference_policies_variables: ${aws:username} in Resource is not another user's name",
    statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/home/${aws:username}/*" }],
    action: "s3:GetObject", resource: "arn:aws:s3:::b/home/bob/x", expected: "implicitly-denied",
  },
  {
    says: "reference_policies_variables: a default value stands in Resource for an absent key",
    statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*" }],
    action: "s3:GetObject", resource: "arn:aws:s3:::b/shared/x", expected: "allowed",
  },
  {
    says: "reference_policies_elements_version: with no Version, ${aws:username} in Resource is literal text",
    statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/home/${aws:username}/*" }],
    action: "s3:GetObject", resource: "arn:aws:s3:::b/home/alice/x", expected: "implicitly-denied", version: "",
  },
];

describe("IAM policy elements: Action, Resource, NotAction, Version", () => {
  it.each(rows.map((r) => [r.says, r] as const))("%s", (_says, r) => {
    // Given an identity policy of an IAM user named alice (no tags) and a request whose context is complete
    const version = r.version ?? "2012-10-17";
    const parsed = parsePolicyDocument(version ? { Version: version, Statement: r.statements } : { Statement: r.statements }, { kind: "inline", policyName: "p" });
    if (!parsed.ok) throw new Error(parsed.error);
    const context = makeContext({ "aws:username": "alice", "aws:PrincipalArn": alice.id }, true);
    // When the request is evaluated
    const d = evaluateDecision({ identity: [parsed.policy] }, { principal: alice, action: r.action, resource: r.resource, context });
    // Then the decision is the page's
    expect(d).toBe(r.expected);
  });
});
