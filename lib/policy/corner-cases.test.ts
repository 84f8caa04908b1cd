/**
 * Corners of the IAM User Guide the evaluator already answers as documented but no other test held: each case names
 * the page (https://docs.aws.amazon.com/IAM/latest/UserGuide/<page>.html) and the sentence it rests on. Found by an
 * audit of the evaluator's edge cases; the cases it answered wrongly have their tests beside the code that fixed them.
 */
import { describe, expect, it } from "vitest";
import { cases, runClauseCases } from "./conditions/clause-cases";
import { makeContext } from "./context";
import { evaluate, evaluateResourcePolicy } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import type { PolicyDocument, PolicySource, RequestPrincipal } from "./types";

const CO = "reference_policies_elements_condition_operators";
const PV = "reference_policies_variables";
const A = "111122223333";
const fn = `arn:aws:lambda:us-east-1:${A}:function:f`;

function policy(kind: PolicySource["kind"], json: object): PolicyDocument {
  const r = parsePolicyDocument(json, { kind, policyName: kind });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

describe("condition operators at their corners", () => {
  runClauseCases(
    cases([
      // "Each of the six colon-delimited components of the ARN is checked separately": a value without six has none to match.
      [`${CO} / ARN: ArnLike never matches a request value that is not an ARN`, "ArnLike", "aws:SourceArn", ["arn:aws:sns:*:*:*"], "not-an-arn", "false"],
      [`${CO} / ARN: ArnNotLike holds for a request value that is not an ARN`, "ArnNotLike", "aws:SourceArn", ["arn:aws:sns:*:*:*"], "not-an-arn", "true"],
      // "If the policy condition requires that the key is not matched ... and the right key is not present, the condition is true."
      [`${CO}: NumericNotEquals with the key absent is true`, "NumericNotEquals", "s3:max-keys", ["10"], undefined, "true"],
      [`${CO}: StringNotEqualsIgnoreCase with the key absent is true`, "StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", ["blue"], undefined, "true"],
      [`${CO}: ArnNotEquals with the key absent is true`, "ArnNotEquals", "aws:SourceArn", ["arn:aws:s3:::b"], undefined, "true"],
      // IPv4 and IPv6 ranges are listed side by side ("mix IPv4 and IPv6 addresses"): one family never covers the other.
      [`${CO} / IP: an IPv4 address is not in ::/0`, "IpAddress", "aws:SourceIp", ["::/0"], "203.0.113.7", "false"],
      [`${CO} / IP: NotIpAddress ::/0 holds for an IPv4 address`, "NotIpAddress", "aws:SourceIp", ["::/0"], "203.0.113.7", "true"],
      // "use ... true (the key doesn't exist — it is null) or false (the key exists and its value is not null)".
      [`${CO} / Null: "true" is false for a multivalued key with values`, "Null", "aws:TagKeys", ["true"], ["team", "env"], "false"],
      [`${CO} / Null: "false" is true for a multivalued key with values`, "Null", "aws:TagKeys", ["false"], ["team", "env"], "true"],
      // Date values are W3C ISO 8601 with a zone: 23:59:59-01:00 on 31 December is 00:59:59Z on 1 January.
      [`${CO} / Date: a zone offset is applied before comparing`, "DateLessThan", "aws:TokenIssueTime", ["2020-01-01"], "2019-12-31T23:59:59-01:00", "false"],
    ]),
  );

  runClauseCases([
    // "Key names are case-insensitive"; the variable's value is then compared as the operator compares (ignoring case).
    { name: `${PV}: StringEqualsIgnoreCase folds the case of a substituted value too`, operator: "StringEqualsIgnoreCase", key: "aws:PrincipalTag/owner", values: ["${AWS:username}"], context: { "aws:PrincipalTag/owner": "ALICE", "aws:username": "alice" }, expected: "true" },
    // "${aws:userid, 'anonymous'}": the default stands in only when the key is missing.
    { name: `${PV} / default values: a default is not used when the key has a value`, operator: "StringEquals", key: "s3:prefix", values: ["${aws:PrincipalTag/team, 'none'}"], context: { "s3:prefix": "none", "aws:PrincipalTag/team": "blue" }, expected: "false" },
  ]);
});

describe("statements at their corners", () => {
  const role: RequestPrincipal = { type: "role", id: `arn:aws:iam::${A}:role/app`, account: A, session: "app" };

  it("reference_policies_elements_version: with no Version element, ${aws:username} in a Resource is literal text", () => {
    // Given a policy without Version (2008-10-17, "variables ... are treated as literal strings")
    const p = policy("inline", { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/${aws:username}/*" } });
    const user: RequestPrincipal = { type: "user", id: `arn:aws:iam::${A}:user/bob`, account: A };
    const ask = (resource: string) => evaluate({ identity: [p] }, { principal: user, action: "s3:GetObject", resource, context: makeContext({ "aws:username": "bob" }, true) }).decision;
    // Then the user's own folder is not granted, the folder literally named "${aws:username}" is
    expect(ask("arn:aws:s3:::b/bob/k")).toBe("implicitly-denied");
    expect(ask("arn:aws:s3:::b/${aws:username}/k")).toBe("allowed");
  });

  it("reference_policies_elements_notprincipal: a Deny with NotPrincipal refuses an anonymous caller too", () => {
    // "explicitly denied ... all principals except the ones named": an unauthenticated caller is named by no entry.
    const p = policy("resource", {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn },
        { Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${A}:user/u`, `arn:aws:iam::${A}:root`] }, Action: "lambda:*", Resource: fn },
      ],
    });
    const anonymous: RequestPrincipal = { type: "anonymous", id: "*" };
    expect(evaluateResourcePolicy(p, { principal: anonymous, action: "lambda:InvokeFunction", resource: fn, context: makeContext({}, true) }).decision).toBe("explicitly-denied");
  });

  it('reference_policies_elements_principal: {"AWS": "*"} names every caller, anonymous ones included, as "*" does', () => {
    const p = policy("resource", { Version: "2012-10-17", Statement: { Effect: "Allow", Principal: { AWS: "*" }, Action: "lambda:InvokeFunction", Resource: fn } });
    const anonymous: RequestPrincipal = { type: "anonymous", id: "*" };
    expect(evaluateResourcePolicy(p, { principal: anonymous, action: "lambda:InvokeFunction", resource: fn, context: makeContext({}, true) }).decision).toBe("allowed");
  });

  it("access_policies_boundaries: an explicit Deny in the boundary refuses a grant to the caller's own session", () => {
    // A session-ARN grant is not limited by the boundary's implicit deny, but "an explicit deny in any of these policies
    // overrides the allow" (reference_policies_evaluation-logic).
    const grant = policy("resource", { Version: "2012-10-17", Statement: { Effect: "Allow", Principal: { AWS: `arn:aws:sts::${A}:assumed-role/app/app` }, Action: "lambda:InvokeFunction", Resource: fn } });
    const only = (statements: object[]) => policy("boundary", { Version: "2012-10-17", Statement: statements });
    const ask = (boundary: PolicyDocument) => evaluate({ identity: [], boundary, resource: grant }, { principal: role, action: "lambda:InvokeFunction", resource: fn, context: makeContext({}, true) }).decision;
    expect(ask(only([{ Effect: "Allow", Action: "s3:*", Resource: "*" }]))).toBe("allowed");
    expect(ask(only([{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "lambda:Invoke*", Resource: "*" }]))).toBe("explicitly-denied");
  });
});
