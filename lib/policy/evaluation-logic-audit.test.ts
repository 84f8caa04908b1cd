/**
 * The corners of AWS's policy evaluation logic that people get wrong, one table row each: the policies, the request,
 * and the answer the page states. Pages are under https://docs.aws.amazon.com/IAM/latest/UserGuide/ unless named
 * otherwise; each row quotes the sentence it rests on, checked word for word against a stored copy of the page (last
 * in December 2026). A row that says "archived wording" quotes the awsdocs/iam-user-guide archive, the current page
 * not having been seen; AWS rewords pages, so a quote that no longer reads so should follow the page.
 * doc-examples.test.ts keeps AWS's worked examples whole; these rows put the two sides of each corner next to each
 * other (role ARN beside session ARN, boundary beside none, SCP beside RCP), so a change that moves one side shows up
 * against the other.
 *
 * Session policies are not in PolicySet (evaluate.ts): no row asks about them.
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { evaluate, evaluateDecision } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import type { Decision, Guardrail, PolicyDocument, PolicySet, PolicySource, RequestPrincipal } from "./types";

const V = "2012-10-17";
const A = "111122223333";
const B = "444455556666";
const fn = `arn:aws:lambda:us-east-1:${A}:function:orders`;
const INVOKE = "lambda:InvokeFunction";

const DENYALLOW = "reference_policies_evaluation-logic_policy-eval-denyallow.html";
const BASICS = "reference_policies_evaluation-logic_policy-eval-basics.html";
const PR = "reference_policies_elements_principal.html";
const XACCT = "reference_policies_evaluation-logic-cross-account.html";
const PB = "access_policies_boundaries.html";
const NP = "reference_policies_elements_notprincipal.html";
const NA = "reference_policies_elements_notaction.html";
const NR = "reference_policies_elements_notresource.html";
const SCP = "organizations/latest/userguide/orgs_manage_policies_scps.html";
const RCP = "organizations/latest/userguide/orgs_manage_policies_rcps_examples.html";
const CK = "reference_policies_condition-keys.html";
const EC = "reference_policies_elements_condition.html";
const CO = "reference_policies_elements_condition_operators.html";

function policy(kind: PolicySource["kind"], ...statements: object[]): PolicyDocument {
  const r = parsePolicyDocument({ Version: V, Statement: statements }, { kind, policyName: kind, target: kind === "scp" || kind === "rcp" ? A : undefined });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}
const idp = (...s: object[]) => policy("inline", ...s);
const bnd = (...s: object[]) => policy("boundary", ...s);
const rp = (...s: object[]) => policy("resource", ...s);
const guardrail = (kind: "scp" | "rcp", ...s: object[]): Guardrail => ({ kind, levels: [{ target: A, policies: [policy(kind, ...s)] }] });

const roleArn = (name: string, account = A) => `arn:aws:iam::${account}:role/${name}`;
const sessionArn = (name: string, session: string, account = A) => `arn:aws:sts::${account}:assumed-role/${name}/${session}`;
const role = (name: string, account = A, session: string | undefined = name): RequestPrincipal => ({ type: "role", id: roleArn(name, account), account, session });
const user = (name: string, account = A): RequestPrincipal => ({ type: "user", id: `arn:aws:iam::${account}:user/${name}`, account });
const service = (name: string): RequestPrincipal => ({ type: "service", id: name });

const grantTo = (aws: string | string[], extra: object = {}) => ({ Effect: "Allow", Principal: { AWS: aws }, Action: INVOKE, Resource: fn, ...extra });
const invokeAllowed = idp({ Effect: "Allow", Action: INVOKE, Resource: "*" });
/** A boundary that lets the caller do anything but invoke functions: an implicit deny for lambda:InvokeFunction. */
const s3Boundary = bnd({ Effect: "Allow", Action: "s3:*", Resource: "*" });

interface Row {
  page: string;
  says: string;
  set: PolicySet;
  principal: RequestPrincipal;
  action?: string;
  resource?: string;
  /** The request context; complete unless `complete: false` (a key not given is then unknown). */
  context?: Record<string, string | string[]>;
  complete?: boolean;
  expected: Decision;
}

const rows: Row[] = [
  // --- same account: the resource policy's principal decides whether the boundary limits it -----------------------
  {
    page: DENYALLOW,
    says: "\"Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit deny in a permissions boundary or session policy\"",
    set: { identity: [], boundary: s3Boundary, resource: rp(grantTo(roleArn("app"))) },
    principal: role("app"),
    expected: "implicitly-denied",
  },
  {
    page: BASICS,
    says: "(the same grant to the role ARN, no boundary) \"If either the identity-based policy or the resource-based policy within the same account allows the request and the other doesn't, the request is still allowed.\"",
    set: { identity: [], resource: rp(grantTo(roleArn("app"))) },
    principal: role("app"),
    expected: "allowed",
  },
  {
    page: DENYALLOW,
    says: "… limited by the boundary, not by the identity policies: the grant to the role ARN under a boundary that allows the action needs no identity Allow",
    set: { identity: [], boundary: bnd({ Effect: "Allow", Action: "lambda:*", Resource: "*" }), resource: rp(grantTo(roleArn("app"))) },
    principal: role("app"),
    expected: "allowed",
  },
  {
    page: DENYALLOW,
    says: "\"resource-based policies that grant permissions to an IAM role session ARN grant permissions directly to the assumed role session. Permissions granted directly to a session are not limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy.\"",
    set: { identity: [], boundary: s3Boundary, resource: rp(grantTo(sessionArn("app", "orders"))) },
    principal: role("app", A, "orders"),
    expected: "allowed",
  },
  {
    page: DENYALLOW,
    says: "a grant to a session ARN names that session only: another session of the role, under the boundary, is refused",
    set: { identity: [], boundary: s3Boundary, resource: rp(grantTo(sessionArn("app", "orders"))) },
    principal: role("app", A, "billing"),
    expected: "implicitly-denied",
  },
  {
    page: DENYALLOW,
    says: "a grant to a session ARN when the caller's session name is not known: it may or may not be that session",
    set: { identity: [], boundary: s3Boundary, resource: rp(grantTo(sessionArn("app", "orders"))) },
    principal: { type: "role", id: roleArn("app"), account: A },
    expected: "conditional",
  },
  {
    page: DENYALLOW,
    says: "\"Within the same account, resource-based policies that grant permissions to an IAM user ARN (that is not a federated user session) are not limited by an implicit deny in an identity-based policy or permissions boundary.\"",
    set: { identity: [], boundary: s3Boundary, resource: rp(grantTo(`arn:aws:iam::${A}:user/ci`)) },
    principal: user("ci"),
    expected: "allowed",
  },
  // --- same account, a grant to every principal (`*`) under a boundary -----------------------------------------------
  {
    page: PR,
    says: "\"Identity-based policy types, such as permissions boundaries or session policies, do not limit permissions granted using the aws:PrincipalArn condition key with a wildcard(*) in the Principal element, unless the identity-based policies contain an explicit deny.\"",
    set: { identity: [], boundary: s3Boundary, resource: rp({ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnEquals: { "aws:PrincipalArn": roleArn("app") } } }) },
    principal: role("app", A, "orders"),
    context: { "aws:PrincipalArn": roleArn("app") },
    expected: "allowed",
  },
  {
    page: PR,
    says: "… \"unless the identity-based policies contain an explicit deny\": a Deny in the boundary still refuses the aws:PrincipalArn grant",
    set: {
      identity: [],
      boundary: bnd({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "lambda:*", Resource: "*" }),
      resource: rp({ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnEquals: { "aws:PrincipalArn": roleArn("app") } } }),
    },
    principal: role("app", A, "orders"),
    context: { "aws:PrincipalArn": roleArn("app") },
    expected: "explicitly-denied",
  },
  {
    page: PR,
    says: "a bare `*` grant, no boundary: \"using a wildcard (*) with an Allow effect grants access to all users … For IAM users and role principals within your account, no other permissions are required.\"",
    set: { identity: [], resource: rp(grantTo("*")) },
    principal: role("app", A, "orders"),
    expected: "allowed",
  },
  {
    page: DENYALLOW,
    says: "a bare `*` grant (no aws:PrincipalArn) under a boundary that does not allow the action: AWS names the role ARN (limited), the session and user ARNs and `*` with aws:PrincipalArn (not limited), and says nothing of this one, so it is not sure",
    set: { identity: [], boundary: s3Boundary, resource: rp(grantTo("*")) },
    principal: role("app", A, "orders"),
    expected: "conditional",
  },
  {
    page: DENYALLOW,
    says: "… `Principal: \"*\"` reads the same (\"For anonymous users, the following elements are equivalent\", principal page), and so does an IAM user under a boundary",
    set: { identity: [], boundary: s3Boundary, resource: rp({ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: fn }) },
    principal: user("ci"),
    expected: "conditional",
  },
  {
    page: PB,
    says: "… while under a boundary that allows the action the bare `*` grant lets the role in: \"An entity's permissions boundary allows it to perform only the actions that are allowed by both its identity-based policies and its permissions boundaries\" limits nothing the boundary allows",
    set: { identity: [], boundary: bnd({ Effect: "Allow", Action: "lambda:*", Resource: "*" }), resource: rp(grantTo("*")) },
    principal: role("app", A, "orders"),
    expected: "allowed",
  },
  {
    page: DENYALLOW,
    says: "the policies searched for a Deny include \"IAM permissions boundaries\": \"If the enforcement code finds even one explicit deny that applies, the enforcement code returns a final decision of Deny.\" A Deny in the boundary refuses even a grant to the session",
    set: {
      identity: [],
      boundary: bnd({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "lambda:*", Resource: "*" }),
      resource: rp(grantTo(sessionArn("app", "orders"))),
    },
    principal: role("app", A, "orders"),
    expected: "explicitly-denied",
  },
  {
    page: PR,
    says: "a resource policy naming the account root: \"This delegates authority to the account.\" With no IAM policy of the account allowing it, the request is implicitly denied",
    set: { identity: [], resource: rp(grantTo(`arn:aws:iam::${A}:root`)) },
    principal: role("app"),
    expected: "implicitly-denied",
  },
  {
    page: PB,
    says: "an identity Allow the boundary does not allow: \"An entity's permissions boundary allows it to perform only the actions that are allowed by both its identity-based policies and its permissions boundaries\"",
    set: { identity: [invokeAllowed], boundary: s3Boundary, resource: rp(grantTo(`arn:aws:iam::${A}:root`)) },
    principal: role("app"),
    expected: "implicitly-denied",
  },
  // --- cross account: both sides must allow ------------------------------------------------------------------------
  {
    page: XACCT,
    says: "\"AWS performs two evaluations\" (trusting and trusted account): \"The request is allowed only if both evaluations return a decision of Allow.\" (both do)",
    set: { identity: [invokeAllowed], resource: rp(grantTo(roleArn("app", B))), resourceAccount: A },
    principal: role("app", B),
    expected: "allowed",
  },
  {
    page: XACCT,
    says: "… \"only if both evaluations return a decision of Allow\": the resource policy alone is not enough across accounts",
    set: { identity: [], resource: rp(grantTo(roleArn("app", B))), resourceAccount: A },
    principal: role("app", B),
    expected: "implicitly-denied",
  },
  {
    page: XACCT,
    says: "… \"only if both evaluations return a decision of Allow\": the identity policy alone is not enough across accounts",
    set: { identity: [invokeAllowed], resourceAccount: A },
    principal: role("app", B),
    expected: "implicitly-denied",
  },
  {
    page: XACCT,
    says: "… a grant to the caller's account root is the resource side (\"This delegates authority to the account\", principal page), with the identity Allow: allowed",
    set: { identity: [invokeAllowed], resource: rp(grantTo(`arn:aws:iam::${B}:root`)), resourceAccount: A },
    principal: role("app", B),
    expected: "allowed",
  },
  {
    page: XACCT,
    says: "the session-ARN exemption is a same-account rule: across accounts the caller's boundary still limits its identity side",
    set: { identity: [invokeAllowed], boundary: s3Boundary, resource: rp(grantTo(sessionArn("app", "orders", B))), resourceAccount: A },
    principal: role("app", B, "orders"),
    expected: "implicitly-denied",
  },
  // --- Deny with NotPrincipal --------------------------------------------------------------------------------------
  {
    page: NP,
    says: "Deny NotPrincipal naming the account, the role and its session: \"all principals except the assumed-role user named … are explicitly denied\" (the named session is not; archived wording)",
    set: {
      identity: [invokeAllowed],
      resource: rp({ Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${A}:root`, roleArn("app"), sessionArn("app", "orders")] }, Action: INVOKE, Resource: fn }),
    },
    principal: role("app", A, "orders"),
    expected: "allowed",
  },
  {
    page: NP,
    says: "… another session of the same role is among \"all principals except\" the one named",
    set: {
      identity: [invokeAllowed],
      resource: rp({ Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${A}:root`, roleArn("app"), sessionArn("app", "orders")] }, Action: INVOKE, Resource: fn }),
    },
    principal: role("app", A, "billing"),
    expected: "explicitly-denied",
  },
  {
    page: PB,
    says: "\"The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions boundary policy attached, regardless of the values specified in the NotPrincipal element\"",
    set: {
      identity: [invokeAllowed],
      boundary: bnd({ Effect: "Allow", Action: "*", Resource: "*" }),
      resource: rp({ Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${A}:root`, roleArn("app"), sessionArn("app", "orders")] }, Action: INVOKE, Resource: fn }),
    },
    principal: role("app", A, "orders"),
    expected: "explicitly-denied",
  },
  {
    page: PB,
    says: "\"We recommend … the condition operator ArnNotEquals with the aws:PrincipalArn context key … instead of the NotPrincipal element\": it spares the named role, boundary or not",
    set: {
      identity: [invokeAllowed],
      boundary: bnd({ Effect: "Allow", Action: "*", Resource: "*" }),
      resource: rp({ Effect: "Deny", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnNotEquals: { "aws:PrincipalArn": roleArn("app") } } }),
    },
    principal: role("app", A, "orders"),
    context: { "aws:PrincipalArn": roleArn("app") },
    expected: "allowed",
  },
  {
    page: NP,
    says: "a service is no principal of the NotPrincipal list: NotPrincipal denies \"all principals except the principal specified in the NotPrincipal element\", a service too",
    set: {
      identity: [],
      resource: rp(
        { Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: INVOKE, Resource: fn },
        { Effect: "Deny", NotPrincipal: { AWS: roleArn("app") }, Action: INVOKE, Resource: fn },
      ),
    },
    principal: service("s3.amazonaws.com"),
    expected: "explicitly-denied",
  },
  // --- NotAction and NotResource -----------------------------------------------------------------------------------
  {
    page: NA,
    says: "Allow NotAction iam:* \"allows users to access every action in every AWS service except for IAM\" (archived wording); a Deny of one action still wins",
    set: { identity: [idp({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }, { Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" })] },
    principal: role("app"),
    action: "s3:DeleteBucket",
    resource: "arn:aws:s3:::orders",
    expected: "explicitly-denied",
  },
  {
    page: NA,
    says: "… the same policy allows every other action outside IAM",
    set: { identity: [idp({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }, { Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" })] },
    principal: role("app"),
    action: "s3:GetObject",
    resource: "arn:aws:s3:::orders/k",
    expected: "allowed",
  },
  {
    page: NA,
    says: "… and nothing in IAM: \"except for IAM\" (an implicit deny, not an explicit one)",
    set: { identity: [idp({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }, { Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" })] },
    principal: role("app"),
    action: "iam:CreateUser",
    resource: `arn:aws:iam::${A}:user/x`,
    expected: "implicitly-denied",
  },
  {
    page: NR,
    says: "NotResource \"explicitly matches every resource except those specified\": in an Allow, a wildcard entry leaves out every resource it matches",
    set: { identity: [idp({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret-*" })] },
    principal: role("app"),
    action: "s3:GetObject",
    resource: "arn:aws:s3:::secret-payroll/jan.csv",
    expected: "implicitly-denied",
  },
  {
    page: NR,
    says: "… and lets in a resource the wildcard does not match",
    set: { identity: [idp({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret-*" })] },
    principal: role("app"),
    action: "s3:GetObject",
    resource: "arn:aws:s3:::public/index.html",
    expected: "allowed",
  },
  {
    page: NR,
    says: "Deny NotResource \"*\" matches no resource, so it refuses nothing",
    set: { identity: [idp({ Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", NotResource: "*" })] },
    principal: role("app"),
    action: "s3:GetObject",
    resource: "arn:aws:s3:::public/index.html",
    expected: "allowed",
  },
  // --- SCPs and RCPs, and a service principal ---------------------------------------------------------------------
  {
    page: SCP,
    says: "\"SCPs affect only principals that are managed by accounts that are part of the organization\": a service principal is none, so a service invoking under the function policy is let in whatever the SCP denies",
    set: {
      identity: [],
      resource: rp({ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: INVOKE, Resource: fn, Condition: { StringEquals: { "aws:SourceAccount": A } } }),
      guardrails: [guardrail("scp", { Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "lambda:*", Resource: "*" })],
    },
    principal: service("s3.amazonaws.com"),
    context: { "aws:SourceAccount": A },
    expected: "allowed",
  },
  {
    page: SCP,
    says: "… while the same SCP refuses the account's own role: \"An SCP restricts permissions for principals in member accounts\"",
    set: {
      identity: [invokeAllowed],
      guardrails: [guardrail("scp", { Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "lambda:*", Resource: "*" })],
    },
    principal: role("app"),
    expected: "explicitly-denied",
  },
  {
    page: DENYALLOW,
    says: "\"RCPs apply to resources of the account where the RCPs are attached\": an RCP limits every request on them, a service's too (hence the RCP examples' aws:PrincipalIsAWSService exemption)",
    set: {
      identity: [],
      resource: rp({ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: INVOKE, Resource: fn }),
      guardrails: [guardrail("rcp", { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }, { Effect: "Deny", Principal: "*", Action: "lambda:*", Resource: "*" })],
    },
    principal: service("s3.amazonaws.com"),
    context: { "aws:PrincipalIsAWSService": "true" },
    expected: "explicitly-denied",
  },
  {
    page: RCP,
    says: "… with the aws:PrincipalIsAWSService exemption the service is let in",
    set: {
      identity: [],
      resource: rp({ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: INVOKE, Resource: fn }),
      guardrails: [guardrail("rcp",
        { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" },
        { Effect: "Deny", Principal: "*", Action: "lambda:*", Resource: "*", Condition: { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } },
      )],
    },
    principal: service("s3.amazonaws.com"),
    context: { "aws:PrincipalIsAWSService": "true" },
    expected: "allowed",
  },
  {
    page: RCP,
    says: "… and the same RCP still refuses an IAM role (aws:PrincipalIsAWSService \"false\")",
    set: {
      identity: [invokeAllowed],
      guardrails: [guardrail("rcp",
        { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" },
        { Effect: "Deny", Principal: "*", Action: "lambda:*", Resource: "*", Condition: { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } },
      )],
    },
    principal: role("app"),
    context: { "aws:PrincipalIsAWSService": "false" },
    expected: "explicitly-denied",
  },
  // --- aws:PrincipalArn is the role's ARN, not the session's --------------------------------------------------------
  {
    page: CK,
    says: "aws:PrincipalArn: \"IAM role – The request context contains the following value for condition key aws:PrincipalArn. Do not specify the assumed role session ARN as a value for this condition key.\" (the role ARN matches)",
    set: { identity: [], resource: rp({ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnEquals: { "aws:PrincipalArn": roleArn("app") } } }) },
    principal: role("app", A, "orders"),
    context: { "aws:PrincipalArn": roleArn("app") },
    expected: "allowed",
  },
  {
    page: CK,
    says: "… \"Do not specify the assumed role session ARN as a value for this condition key\": a condition on the session ARN matches no request",
    set: { identity: [], resource: rp({ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnLike: { "aws:PrincipalArn": sessionArn("app", "*") } } }) },
    principal: role("app", A, "orders"),
    context: { "aws:PrincipalArn": roleArn("app") },
    expected: "implicitly-denied",
  },
  {
    page: CK,
    says: "… so with the caller not known (a `*` grant asked for anyone), a grant pinned to session ARNs still lets no one in",
    set: { identity: [], resource: rp({ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnLike: { "aws:PrincipalArn": sessionArn("app", "*", B) } } }) },
    principal: { type: "anonymous", id: "*" },
    complete: false,
    expected: "implicitly-denied",
  },
  {
    page: CK,
    says: "… and a Deny \"unless aws:PrincipalArn is\" a session ARN (ArnNotLike) refuses every caller, the sessions it meant to spare included",
    set: {
      identity: [invokeAllowed],
      resource: rp({ Effect: "Deny", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnNotLike: { "aws:PrincipalArn": sessionArn("admin", "*") } } }),
    },
    principal: role("admin", A, "alice"),
    complete: false,
    expected: "explicitly-denied",
  },
  {
    page: CK,
    says: "… StringLike on the session ARN, case changed, is met by no request either (no value of the key holds \":assumed-role/\")",
    set: { identity: [], resource: rp({ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: fn, Condition: { StringLikeIfExists: { "aws:principalarn": "*:Assumed-Role/app/*" } } }) },
    principal: { type: "anonymous", id: "*" },
    complete: false,
    // IfExists: a request without the key (an anonymous one) meets it, so the answer depends on whether the key is sent.
    expected: "conditional",
  },
  {
    page: CK,
    says: "… while a pattern that may meet a federated user's `arn:aws:sts::A:federated-user/…` stays open",
    set: { identity: [], resource: rp({ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:sts::${B}:*` } } }) },
    principal: { type: "anonymous", id: "*" },
    complete: false,
    expected: "conditional",
  },
  // --- condition keys case-insensitive, values per operator -------------------------------------------------------
  {
    page: EC,
    says: "\"Context key names are not case-sensitive.\" (AWS:PRINCIPALTAG/TEAM reads aws:PrincipalTag/team)",
    set: { identity: [idp({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "AWS:PRINCIPALTAG/TEAM": "orders" } } })] },
    principal: role("app"),
    context: { "aws:PrincipalTag/team": "orders" },
    expected: "allowed",
  },
  {
    page: EC,
    says: "\"Case-sensitivity of context key values depends on the condition operator that you use.\" StringEquals compares values case-sensitively",
    set: { identity: [idp({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "Orders" } } })] },
    principal: role("app"),
    context: { "aws:PrincipalTag/team": "orders" },
    expected: "implicitly-denied",
  },
  {
    page: CO,
    says: "StringEqualsIgnoreCase: \"Exact matching, ignoring case\"",
    set: { identity: [idp({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "Orders" } } })] },
    principal: role("app"),
    context: { "aws:PrincipalTag/team": "orders" },
    expected: "allowed",
  },
  {
    page: CO,
    says: "StringLike: \"Case-sensitive matching\"",
    set: { identity: [idp({ Effect: "Allow", Action: INVOKE, Resource: "*", Condition: { StringLike: { "aws:PrincipalTag/team": "Ord*" } } })] },
    principal: role("app"),
    context: { "aws:PrincipalTag/team": "orders" },
    expected: "implicitly-denied",
  },
  {
    page: CO,
    says: "ArnEquals, ArnLike: \"Case-sensitive matching of the ARN\"",
    set: { identity: [], resource: rp({ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: fn, Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/App` } } }) },
    principal: role("app"),
    context: { "aws:PrincipalArn": roleArn("app") },
    expected: "implicitly-denied",
  },
];

describe("AWS policy evaluation logic: the corners people get wrong", () => {
  it.each(rows.map((r) => [`${r.page}: ${r.says}`, r] as const))("%s", (_title, r) => {
    const request = { principal: r.principal, action: r.action ?? INVOKE, resource: r.resource ?? fn, context: makeContext(r.context ?? {}, r.complete ?? true) };
    expect(evaluate(r.set, request).decision).toBe(r.expected);
    // The path without evidence answers the same.
    expect(evaluateDecision(r.set, request)).toBe(r.expected);
  });
});
