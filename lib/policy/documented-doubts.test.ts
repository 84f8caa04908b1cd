/**
 * Three readings of the evaluator that were open doubts, each settled against the IAM User Guide
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/<page>). Every case quotes the sentence it rests on. Where the quote
 * is marked "archived wording" it was checked against the awsdocs/iam-user-guide archive of the page; AWS rewords its
 * pages, so a quote that no longer reads so should follow the page. Where the pages are silent or disagree, the test
 * says so and expects "unknown" / "conditional", never a silent true or allow.
 */
import { describe, expect, it } from "vitest";
import { evaluateClause } from "./conditions/evaluate";
import { makeContext } from "./context";
import { evaluate } from "./evaluate";
import { allow, boundary, deny, doc } from "./test-policies";
import type { ConditionClause, Decision, Effect, PolicyDocument, RequestContext, RequestPrincipal, Tri } from "./types";

const V = "2012-10-17";
const A = "111122223333";
const fn = `arn:aws:lambda:us-east-1:${A}:function:orders`;
const INVOKE = "lambda:InvokeFunction";
const roleArn = `arn:aws:iam::${A}:role/app`;
const sessionArn = `arn:aws:sts::${A}:assumed-role/app/orders`;

function clause(operator: string, key: string, values: string[], context: RequestContext, effect: Effect = "Allow"): Tri {
  const c: ConditionClause = { operator, key, values };
  return evaluateClause(c, context, V, true, undefined, effect).result;
}

// ---------------------------------------------------------------------------------------------------------------------
// Doubt 1: ForAnyValue / ForAllValues with …IfExists when the key is absent, or unknown to the snapshot.
//
// reference_policies_condition-single-vs-multi-valued-context-keys.html: ForAllValues "returns true if there are no
// context keys in the request or if the context key value resolves to a null dataset, such as an empty string";
// ForAnyValue "returns false if there are no context keys in the request or if the context key value resolves to a
// null dataset".
// reference_policies_elements_condition_operators.html#Conditions_IfExists (archived wording): "If the policy key is
// present in the context of the request, process the key as specified in the policy. If the key is not present,
// evaluate the condition element as true."
// The two pages disagree only on ForAnyValue…IfExists with the key absent. AWS was observed to follow the first
// (https://repost.aws/questions/QU9HFmDzP0QGuU-fd7rS6B7w: sqs:ListQueues, which carries no aws:TagKeys, denied to a role
// allowed only under ForAnyValue:StringEqualsIfExists on aws:TagKeys; the accepted answer: "if there is no matching
// context key or the dataset is null, the condition returns false"). So IfExists adds nothing to ForAnyValue (false
// either way) nor to ForAllValues (true either way); a key the snapshot does not know leaves both unknown, except
// where no value the request could hold meets the clause.
// ---------------------------------------------------------------------------------------------------------------------
describe("doubt 1: set operators with IfExists, key absent or unknown", () => {
  const absent = makeContext({}, true);
  const unknown = makeContext({}, false);
  const rows: [string, string, RequestContext, Tri][] = [
    ["ForAnyValue, key absent: \"returns false if there are no context keys in the request\"", "ForAnyValue:StringEquals", absent, "false"],
    ["ForAnyValue…IfExists, key absent: false, as AWS answers (repost.aws), not the operators page's literal true", "ForAnyValue:StringEqualsIfExists", absent, "false"],
    ["ForAllValues, key absent: \"returns true if there are no context keys in the request\"", "ForAllValues:StringEquals", absent, "true"],
    ["ForAllValues…IfExists, key absent: true (both pages agree)", "ForAllValues:StringEqualsIfExists", absent, "true"],
    ["ForAnyValue, key unknown: absent it is false, present it may match → unknown", "ForAnyValue:StringEquals", unknown, "unknown"],
    ["ForAnyValue…IfExists, key unknown → unknown", "ForAnyValue:StringEqualsIfExists", unknown, "unknown"],
    ["ForAllValues, key unknown: absent it is true, present it may not match → unknown", "ForAllValues:StringEquals", unknown, "unknown"],
    ["ForAllValues…IfExists, key unknown → unknown", "ForAllValues:StringEqualsIfExists", unknown, "unknown"],
  ];
  it.each(rows)("%s", (_says, operator, context, expected) => {
    expect(clause(operator, "aws:TagKeys", ["team"], context)).toBe(expected);
  });

  // A key the snapshot does not know, and a value no request could carry in it: a role session's aws:PrincipalArn is
  // its role's ARN ("For IAM roles, the request context returns the ARN of the role, not the ARN of the user that
  // assumed the role", reference_policies_condition-keys.html#condition-keys-principalarn), so a session ARN matches no
  // request. Present, ForAnyValue…IfExists is then false; absent it is false too (above): false whatever the key holds.
  it("ForAnyValue…IfExists, key unknown, no request carries the value: false, as without IfExists (was unknown)", () => {
    expect(clause("ForAnyValue:ArnEqualsIfExists", "aws:PrincipalArn", [sessionArn], unknown)).toBe("false");
    expect(clause("ForAnyValue:ArnEquals", "aws:PrincipalArn", [sessionArn], unknown)).toBe("false");
  });

  it("ForAllValues…IfExists, key unknown, no request carries the value: still unknown (absent, it is true)", () => {
    expect(clause("ForAllValues:ArnEqualsIfExists", "aws:PrincipalArn", [sessionArn], unknown)).toBe("unknown");
  });

  // A policy variable the request lacks: "condition operators like StringEquals or StringLike do not match"
  // (reference_policies_variables.html, "Policy variables with no value"): present, the key meets no value; absent,
  // ForAnyValue is false. So the clause is false on a key the snapshot does not know, IfExists or not.
  it("ForAnyValue…IfExists naming a variable the request lacks, key unknown: false (was unknown)", () => {
    const tagAbsent: RequestContext = { ...makeContext({}, false), knownAbsent: { keys: ["aws:principaltag/team"] } };
    expect(clause("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", ["${aws:PrincipalTag/team}"], tagAbsent)).toBe("false");
    expect(clause("ForAllValues:StringEqualsIfExists", "aws:TagKeys", ["${aws:PrincipalTag/team}"], tagAbsent)).toBe("unknown");
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Doubt 2: Bool (and Null) with a policy variable as the condition value.
//
// reference_policies_elements_condition_operators.html#Conditions_Boolean (archived wording): "You can use a policy
// variable with the Boolean condition operator."
// reference_policies_variables.html#policy-vars-conditionelement: "You can't use a policy variable with other
// operators, such as Numeric, Date, Boolean, Binary, IP Address, or Null operators."
// reference_policies_elements_condition_operators.html#Conditions_Null (archived wording): "You can not use a policy
// variable with the Null condition operator."
// The pages disagree on Bool: the evaluator reads the value both ways (substituted, and as the text written, which is
// not "true" or "false" and so matches nothing in an Allow and leaves a Deny unknown) and keeps what both decide; where
// they differ, or the variable's value is not known, the clause is unknown. Null never substitutes: the text is neither
// "true" nor "false". The evaluator already answered so; these cases hold it to the pages.
// ---------------------------------------------------------------------------------------------------------------------
describe("doubt 2: Bool and Null with a policy variable as the value", () => {
  const MFA = "aws:MultiFactorAuthPresent";
  const value = ["${aws:PrincipalTag/mfa}"];
  it("Bool: the variable resolves to the request's value → unknown (substituted true, as written false)", () => {
    expect(clause("Bool", MFA, value, makeContext({ [MFA]: "true", "aws:PrincipalTag/mfa": "true" }, true))).toBe("unknown");
  });
  it("Bool: the variable resolves to another value → false either way", () => {
    expect(clause("Bool", MFA, value, makeContext({ [MFA]: "false", "aws:PrincipalTag/mfa": "true" }, true))).toBe("false");
  });
  it("Bool: the variable is absent → false in an Allow (no match either way), unknown in a Deny (the text may apply)", () => {
    const ctx = makeContext({ [MFA]: "true" }, true);
    expect(clause("Bool", MFA, value, ctx, "Allow")).toBe("false");
    expect(clause("Bool", MFA, value, ctx, "Deny")).toBe("unknown");
  });
  it("Bool: the variable's value is unknown to the snapshot → unknown", () => {
    expect(clause("Bool", MFA, value, makeContext({ [MFA]: "true" }, false))).toBe("unknown");
  });
  it("Null: a variable is never substituted → false in an Allow, unknown in a Deny", () => {
    const ctx = makeContext({ "aws:TokenIssueTime": "2026-01-01T00:00:00Z", "aws:PrincipalTag/mfa": "false" }, true);
    expect(clause("Null", "aws:TokenIssueTime", value, ctx, "Allow")).toBe("false");
    expect(clause("Null", "aws:TokenIssueTime", value, ctx, "Deny")).toBe("unknown");
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Doubt 3: a resource policy granting the role ARN, the session ARN, or `*` narrowed by aws:PrincipalArn, under a
// permissions boundary that does not allow the action.
//
// reference_policies_elements_principal.html#principal-roles (archived wording): "When you specify a role principal in
// a resource-based policy, the effective permissions for the principal are limited by any policy types that limit
// permissions for the role. This includes session policies and permissions boundaries." and, of "a broad-permission
// policy that uses the aws:PrincipalArn condition key": "When you use this key, the role session principal is granted
// the permissions based on the ARN of role that was assumed, and not the ARN of the resulting session. … Identity-based
// policy types, such as permissions boundaries or session policies, do not limit permissions granted using the
// aws:PrincipalArn condition key with a wildcard(*) in the Principal element, unless the identity-based policies
// contain an explicit deny."
// reference_policies_evaluation-logic_policy-eval-denyallow.html: "Resource-based policies that grant permissions to an
// IAM role ARN are limited by an implicit deny in a permissions boundary or session policy"; a grant to the role
// session ARN is "not limited by an implicit deny in an identity-based policy, a permissions boundary, or session
// policy".
// So `*` narrowed by aws:PrincipalArn = the role ARN is not the role's grant: the boundary does not limit it. The pages
// are silent on a `*` grant with no aws:PrincipalArn condition, or one gated only by a negated comparison (everyone but
// some ARNs) or Null, which grant by no ARN: conditional, with a reason. Session policies are not in PolicySet.
// ---------------------------------------------------------------------------------------------------------------------
describe("doubt 3: resource-policy grants under a permissions boundary that does not allow the action", () => {
  const caller: RequestPrincipal = { type: "role", id: roleArn, account: A, session: "orders" };
  const s3Only = boundary(allow("s3:*"));
  const grant = (extra: object): PolicyDocument => doc("resource", "rp", allow(INVOKE, fn, extra));
  const ask = (resource: PolicyDocument, b: PolicyDocument = s3Only) =>
    evaluate({ identity: [], boundary: b, resource }, { principal: caller, action: INVOKE, resource: fn, context: makeContext({ "aws:PrincipalArn": roleArn }, true) });
  const rows: [string, object, Decision][] = [
    ["the role ARN: \"limited by … permissions boundaries\"", { Principal: { AWS: roleArn } }, "implicitly-denied"],
    ["the role session ARN: \"not limited by an implicit deny in … a permissions boundary\"", { Principal: { AWS: sessionArn } }, "allowed"],
    ["`*` with ArnEquals aws:PrincipalArn = the role ARN: boundaries \"do not limit\" it", { Principal: "*", Condition: { ArnEquals: { "aws:PrincipalArn": roleArn } } }, "allowed"],
    ["`*` with ArnLike aws:PrincipalArn on the account's roles: granted by the role's ARN, not limited", { Principal: "*", Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/*` } } }, "allowed"],
    ["`*` with no aws:PrincipalArn condition: the pages are silent → conditional", { Principal: "*" }, "conditional"],
    ["`*` with only ArnNotEquals aws:PrincipalArn (everyone but another role): grants by no ARN, the pages are silent → conditional (was allowed)", { Principal: "*", Condition: { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/other` } } }, "conditional"],
    ["`*` with only Null aws:PrincipalArn \"false\": grants by no ARN → conditional (was allowed)", { Principal: "*", Condition: { Null: { "aws:PrincipalArn": "false" } } }, "conditional"],
  ];
  it.each(rows)("%s", (_says, extra, expected) => {
    expect(ask(grant(extra)).decision).toBe(expected);
  });

  it("a negated aws:PrincipalArn grant is named in the reason as one AWS documents nothing about", () => {
    const r = ask(grant({ Principal: "*", Condition: { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/other` } } }));
    expect(r.reasons.join("\n")).toContain("without a positive aws:PrincipalArn condition (one the caller's ARN must match)");
  });

  it("\"unless the identity-based policies contain an explicit deny\": a boundary's Deny still refuses the aws:PrincipalArn grant", () => {
    const denying = boundary(allow("*"), deny("lambda:*"));
    expect(ask(grant({ Principal: "*", Condition: { ArnEquals: { "aws:PrincipalArn": roleArn } } }), denying).decision).toBe("explicitly-denied");
  });
});
