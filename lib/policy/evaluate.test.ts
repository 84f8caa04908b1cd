import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { evaluate, evaluateDecision, evaluatePolicies, evaluateResourcePolicy, resourcePolicyDecision } from "./evaluate";
import { allow, boundary, deny, doc, identity } from "./test-policies";
import type { Decision, EvaluationRequest, PolicySet, RequestPrincipal } from "./types";

const A = "111122223333";
const B = "444455556666";
const roleArn = `arn:aws:iam::${A}:role/app`;
const fnA = `arn:aws:lambda:us-east-1:${A}:function:target`;
const fnB = `arn:aws:lambda:us-east-1:${B}:function:target`;
const EL = "reference_policies_evaluation-logic";
const XA = "reference_policies_evaluation-logic-cross-account";
const PB = "access_policies_boundaries";

const resourcePolicy = (...s: object[]) => doc("resource", "resource policy", ...s);

const role: RequestPrincipal = { type: "role", id: roleArn, account: A };
function req(action: string, resource: string, ctx: Record<string, string | string[]> = {}, complete = true, principal = role): EvaluationRequest {
  return { principal, action, resource, context: makeContext(ctx, complete) };
}

const invoke = "lambda:InvokeFunction";
const keyA = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const unknownIp = { Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } };

describe("evaluate: identity, boundary and resource policies", () => {
  const cases: [string, PolicySet, EvaluationRequest, Decision][] = [
    [`${EL}: identity Allow, no boundary, same account`, { identity: [identity(allow(invoke, fnA))] }, req(invoke, fnA), "allowed"],
    [`${EL}: nothing allows → implicit deny`, { identity: [identity(allow("s3:*"))] }, req(invoke, fnA), "implicitly-denied"],
    [`${EL}: explicit Deny in identity wins`, { identity: [identity(allow("*"), deny("lambda:Invoke*"))] }, req(invoke, fnA), "explicitly-denied"],
    [`${PB}: explicit Deny in the boundary wins`, { identity: [identity(allow("*"))], boundary: boundary(allow("*"), deny(invoke)) }, req(invoke, fnA), "explicitly-denied"],
    [`${PB}: boundary allows but identity does not`, { identity: [identity(allow("s3:*"))], boundary: boundary(allow("*")) }, req(invoke, fnA), "implicitly-denied"],
    [`${PB}: identity allows but boundary does not`, { identity: [identity(allow("*"))], boundary: boundary(allow("s3:*")) }, req(invoke, fnA), "implicitly-denied"],
    [`${PB}: identity and boundary both allow`, { identity: [identity(allow("*"))], boundary: boundary(allow("lambda:*")) }, req(invoke, fnA), "allowed"],
    [`${EL}: explicit Deny in the resource policy wins`, { identity: [identity(allow("*"))], resource: resourcePolicy(deny(invoke, fnA, { Principal: "*" })) }, req(invoke, fnA), "explicitly-denied"],
    [`${EL}: same account, resource policy naming the role ARN suffices`, { identity: [], resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: roleArn } })) }, req(invoke, fnA), "allowed"],
    [`${PB}: same account, resource policy names the role ARN but the boundary does not allow`, { identity: [], boundary: boundary(allow("s3:*")), resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: roleArn } })) }, req(invoke, fnA), "implicitly-denied"],
    [`${PB}: same account, resource policy names the role ARN and the boundary allows`, { identity: [], boundary: boundary(allow("lambda:*")), resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: roleArn } })) }, req(invoke, fnA), "allowed"],
    [
      `${EL}: same account, a wildcard Principal scoped by aws:PrincipalArn is not limited by the role's boundary`,
      { identity: [], boundary: boundary(allow("s3:*")), resource: resourcePolicy(allow(invoke, fnA, { Principal: "*", Condition: { ArnEquals: { "aws:PrincipalArn": roleArn } } })) },
      req(invoke, fnA, { "aws:PrincipalArn": roleArn }),
      "allowed",
    ],
    // AWS says boundaries do not limit a `*` grant narrowed by aws:PrincipalArn, and nothing of one without: not sure either way.
    [`${PB}: same account, a bare {"AWS": "*"} grant under a boundary that does not allow the action is conditional`, { identity: [], boundary: boundary(allow("s3:*")), resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: "*" } })) }, req(invoke, fnA), "conditional"],
    [`${PB}: same account, a bare {"AWS": "*"} grant under a boundary that allows the action`, { identity: [], boundary: boundary(allow("lambda:*")), resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: "*" } })) }, req(invoke, fnA), "allowed"],
    [`${EL}: same account, resource policy naming the account root delegates to identity`, { identity: [], resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: A } })) }, req(invoke, fnA), "implicitly-denied"],
    [`${EL}: same account, account root + identity Allow`, { identity: [identity(allow(invoke))], resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: A } })) }, req(invoke, fnA), "allowed"],
    [`${EL}: same account, resource policy for another principal does not block identity Allow`, { identity: [identity(allow(invoke))], resource: resourcePolicy(allow(invoke, fnA, { Principal: { Service: "s3.amazonaws.com" } })) }, req(invoke, fnA), "allowed"],
    [`${XA}: cross-account needs both: identity only`, { identity: [identity(allow(invoke))], resourceAccount: B }, req(invoke, fnB), "implicitly-denied"],
    [`${XA}: cross-account needs both: resource only`, { identity: [], resource: resourcePolicy(allow(invoke, fnB, { Principal: { AWS: roleArn } })), resourceAccount: B }, req(invoke, fnB), "implicitly-denied"],
    [`${XA}: cross-account identity + resource policy naming the role`, { identity: [identity(allow(invoke))], resource: resourcePolicy(allow(invoke, fnB, { Principal: { AWS: roleArn } })), resourceAccount: B }, req(invoke, fnB), "allowed"],
    [`${XA}: cross-account identity + resource policy naming the caller's account`, { identity: [identity(allow(invoke))], resource: resourcePolicy(allow(invoke, fnB, { Principal: { AWS: A } })) }, req(invoke, fnB), "allowed"],
    [`${XA}: cross-account with the boundary not allowing`, { identity: [identity(allow(invoke))], boundary: boundary(allow("s3:*")), resource: resourcePolicy(allow(invoke, fnB, { Principal: { AWS: roleArn } })) }, req(invoke, fnB), "implicitly-denied"],
    ["unknown condition key on the Allow → conditional", { identity: [identity(allow(invoke, "*", unknownIp))] }, req(invoke, fnA, {}, false), "conditional"],
    ["context complete: absent key → the Allow does not apply", { identity: [identity(allow(invoke, "*", unknownIp))] }, req(invoke, fnA, {}, true), "implicitly-denied"],
    ["unknown condition key on a Deny makes an allowed answer conditional", { identity: [identity(allow(invoke), deny(invoke, "*", unknownIp))] }, req(invoke, fnA, {}, false), "conditional"],
    ["context complete: absent key on the Deny → allowed", { identity: [identity(allow(invoke), deny(invoke, "*", unknownIp))] }, req(invoke, fnA, {}, true), "allowed"],
    ["reference_policies_elements_condition_operators: unknown operator → conditional", { identity: [identity(allow(invoke, "*", { Condition: { StringEqualz: { "aws:x": "1" } } }))] }, req(invoke, fnA, { "aws:x": "1" }), "conditional"],
    ["unknown Deny does not rescue an implicit deny", { identity: [identity(deny(invoke, "*", unknownIp))] }, req(invoke, fnA, {}, false), "implicitly-denied"],
    // Wherever the Deny sits, one that may apply leaves an otherwise allowed request neither allowed nor denied.
    [`${PB}: a boundary Deny on an unknown key makes an allowed answer conditional`, { identity: [identity(allow(invoke))], boundary: boundary(allow("*"), deny(invoke, "*", unknownIp)) }, req(invoke, fnA, {}, false), "conditional"],
    [`${EL}: a resource-policy Deny on an unknown key makes an allowed answer conditional`, { identity: [identity(allow(invoke))], resource: resourcePolicy(deny(invoke, fnA, { Principal: "*", ...unknownIp })) }, req(invoke, fnA, {}, false), "conditional"],
    [
      "reference_policies_variables: a Deny whose Resource holds an unknown variable makes an allowed answer conditional",
      { identity: [identity(allow(invoke), deny(invoke, `arn:aws:lambda:us-east-1:${A}:function:\${aws:PrincipalTag/locked}`))] },
      req(invoke, fnA, {}, false),
      "conditional",
    ],
    [`${PB}: a boundary Allow on an unknown key makes the identity Allow conditional`, { identity: [identity(allow(invoke))], boundary: boundary(allow("*", "*", unknownIp)) }, req(invoke, fnA, {}, false), "conditional"],
    // AWS documents no reading of a date that does not exist (it may reject it, or roll it into 1 March), so a Deny on
    // it may apply: the answer is conditional, never "not denied" (an Allow on it, below, lets no one in).
    [
      "a Deny whose only date does not exist may apply, so an allowed answer is conditional",
      { identity: [identity(allow(invoke), deny(invoke, "*", { Condition: { DateLessThan: { "aws:TokenIssueTime": "2021-02-29T00:00:00Z" } } }))] },
      req(invoke, fnA, {}, false),
      "conditional",
    ],
    [
      "reference_policies_variables: an Allow matching a tag against ${aws:username} never applies to a role, whatever the tag holds",
      { identity: [identity(allow(invoke, "*", { Condition: { StringEquals: { "aws:ResourceTag/owner": "${aws:username}" } } }))] },
      { ...req(invoke, fnA, {}, false), context: { values: {}, complete: false, knownAbsent: { keys: ["aws:username"] } } },
      "implicitly-denied",
    ],
    [
      "an Allow whose only number does not parse never applies, whatever the unknown key holds",
      { identity: [identity(allow(invoke, "*", { Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "one hour" } } }))] },
      req(invoke, fnA, {}, false),
      "implicitly-denied",
    ],
    [`${PB}: unreadable boundary makes allowed conditional`, { identity: [identity(allow(invoke))], boundaryUnreadable: true }, req(invoke, fnA), "conditional"],
    [`${PB}: unreadable boundary leaves an implicit deny`, { identity: [identity(allow("s3:*"))], boundaryUnreadable: true }, req(invoke, fnA), "implicitly-denied"],
    [
      `${EL}: an explicit deny in any policy, an unreadable boundary included, overrides a resource policy naming the caller's session`,
      { identity: [], boundaryUnreadable: true, resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: `arn:aws:sts::${A}:assumed-role/app/worker` } })) },
      req(invoke, fnA, {}, true, { ...role, session: "worker" }),
      "conditional",
    ],
    [`${PB}: a boundary allowing NotAction iam:* allows other services' actions`, { identity: [identity(allow("*"))], boundary: boundary({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }, req(invoke, fnA), "allowed"],
    [`${PB}: a boundary allowing NotAction iam:* does not allow iam:PassRole`, { identity: [identity(allow("*"))], boundary: boundary({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }, req("iam:PassRole", roleArn), "implicitly-denied"],
    [`${EL}: Deny with NotAction denies everything else`, { identity: [identity(allow("*"), { Effect: "Deny", NotAction: "s3:*", Resource: "*" })] }, req(invoke, fnA), "explicitly-denied"],
    // A Deny whose StringNotEquals compares with a principal tag the caller does not have: "Inverted condition operators
    // like StringNotEquals or StringNotLike do match against a null value" and, of AWS's own such Deny, "Access is
    // explicitly denied when aws:principaltag/Team is not set" (reference_policies_variables.html).
    [
      "reference_policies_variables: an ABAC Deny on a principal tag the caller lacks denies",
      { identity: [identity(allow(invoke), deny(invoke, "*", { Condition: { StringNotEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team}" } } }))] },
      req(invoke, fnA, { "aws:ResourceTag/team": "blue" }),
      "explicitly-denied",
    ],
    [`${EL}: NotResource Deny spares the listed resource`, { identity: [identity(allow("*"), { Effect: "Deny", Action: "*", NotResource: fnA })] }, req(invoke, fnA), "allowed"],
    // KMS: "no AWS principal has any permissions to a KMS key unless they are explicitly allowed in the key policy";
    // a key policy grant to the account root delegates to identity policies, a grant to someone else does not.
    [`key-policies: an identity Allow without a key policy granting the account is not enough`, { identity: [identity(allow("kms:Decrypt"))], resource: resourcePolicy(allow("kms:*", keyA, { Principal: { AWS: `arn:aws:iam::${A}:role/admin` } })), keyPolicy: true }, req("kms:Decrypt", keyA), "implicitly-denied"],
    [`key-policies: a key policy granting the account root delegates to the identity Allow`, { identity: [identity(allow("kms:Decrypt"))], resource: resourcePolicy(allow("kms:*", keyA, { Principal: { AWS: `arn:aws:iam::${A}:root` } })), keyPolicy: true }, req("kms:Decrypt", keyA), "allowed"],
    [`${PB}: resource policy Deny with NotPrincipal applies to a principal with a boundary`, { identity: [identity(allow("*"))], boundary: boundary(allow("*")), resource: resourcePolicy({ Effect: "Deny", NotPrincipal: { AWS: [roleArn, `arn:aws:iam::${A}:root`] }, Action: "*", Resource: "*" }) }, req(invoke, fnA), "explicitly-denied"],
  ];
  it.each(cases)("%s", (_n, set, request, expected) => {
    const r = evaluate(set, request);
    expect(r.decision, r.reasons.join("\n")).toBe(expected);
    expect(r.reasons.length).toBeGreaterThan(0);
  });
});

describe("evaluate: evidence and reasons", () => {
  it("an allowed answer names every Allow statement that applies or may apply, also once serialised", () => {
    const set: PolicySet = { identity: [identity({ Sid: "Invoke", ...allow(invoke, fnA) }, allow(invoke, fnA, unknownIp))] };
    const r = evaluate(set, req(invoke, fnA, {}, false));
    expect(r.decision).toBe("allowed");
    const why = ["allowed by inline policy 'id' statement \"Invoke\"", "inline policy 'id' statement #1 allows it only if: IpAddress aws:SourceIp: value of aws:SourceIp is unknown"];
    expect(r.reasons).toEqual(why);
    const plain = JSON.parse(JSON.stringify(r)) as typeof r;
    expect(plain.reasons).toEqual(r.reasons);
    expect(Object.keys(plain).sort()).toEqual(["decision", "reasons", "statements", "unknownKeys"]);
    const viaResource = evaluateResourcePolicy(resourcePolicy({ Sid: "Public", Principal: "*", ...allow(invoke, fnA) }), req(invoke, fnA, {}, true, { type: "anonymous", id: "*" }));
    expect(viaResource.reasons).toEqual(["allowed by resource policy 'resource policy' statement \"Public\""]);
  });
  it("explicit deny names the deciding statement", () => {
    const r = evaluate({ identity: [identity(allow("*"), { Sid: "NoInvoke", ...deny(invoke) })] }, req(invoke, fnA));
    expect(r.statements).toHaveLength(1);
    expect(r.statements[0]).toMatchObject({ sid: "NoInvoke", effect: "Deny", matchedActions: [invoke] });
    expect(r.reasons[0]).toContain('explicit Deny in inline policy \'id\' statement "NoInvoke"');
  });
  it("says no identity statement allows it", () => {
    const r = evaluate({ identity: [identity(allow("s3:*"))] }, req("s3:PutObject".replace("s3", "sqs"), "arn:aws:sqs:us-east-1:1:q"));
    expect(r.reasons).toContain("no identity policy statement allows sqs:PutObject on arn:aws:sqs:us-east-1:1:q");
  });
  it("names the boundary that does not allow it", () => {
    const set: PolicySet = { identity: [identity(allow("*"))], boundary: doc("boundary", "limits", allow("s3:*")) };
    const r = evaluate(set, req(invoke, fnA));
    expect(r.reasons).toContain(`permissions boundary 'limits' does not allow ${invoke}`);
  });
  it("says why a bare `*` grant under a boundary that does not allow the action is only conditional", () => {
    const set: PolicySet = { identity: [], boundary: doc("boundary", "limits", allow("s3:*")), resource: resourcePolicy(allow(invoke, fnA, { Principal: "*" })) };
    const r = evaluate(set, req(invoke, fnA));
    expect(r.decision).toBe("conditional");
    expect(r.reasons).toContain(
      `the resource policy grants every principal ('*') without a positive aws:PrincipalArn condition (one the caller's ARN must match), and permissions boundary 'limits' does not allow ${invoke}: AWS documents that a boundary does not limit a '*' grant narrowed by aws:PrincipalArn, not whether it limits one without`,
    );
    // The grant itself is cited, as for any Allow that may apply.
    expect(r.statements.some((m) => m.principalMatch === "wildcard")).toBe(true);
  });
  it("conditional answers carry the unknown keys", () => {
    const r = evaluate({ identity: [identity(allow(invoke, "*", unknownIp))] }, req(invoke, fnA, {}, false));
    expect(r.unknownKeys).toEqual(["aws:SourceIp"]);
  });
  it("an Allow whose condition failed is explained", () => {
    const r = evaluate({ identity: [identity(allow(invoke, "*", unknownIp))] }, req(invoke, fnA, { "aws:SourceIp": "8.8.8.8" }));
    expect(r.decision).toBe("implicitly-denied");
    expect(r.reasons.some((x) => x.includes("condition is false"))).toBe(true);
  });
  it("unreadable boundary gives a reason", () => {
    const r = evaluate({ identity: [identity(allow(invoke))], boundaryUnreadable: true }, req(invoke, fnA));
    expect(r.reasons).toContain("a permissions boundary is attached but could not be read: the answer depends on it");
  });
});

describe("evaluate: a service key the action's requests never carry is absent, not unknown", () => {
  const bucket = "arn:aws:s3:::docs";
  const prefixOnly = { Condition: { StringLike: { "s3:prefix": "home/*" } } };
  const set: PolicySet = { identity: [identity({ Sid: "Home", ...allow(["s3:GetObject", "s3:ListBucket"] as never, [bucket, `${bucket}/*`] as never, prefixOnly) })] };

  it("s3:prefix decides ListBucket (unknown here) but never applies to GetObject", () => {
    expect(evaluate(set, req("s3:ListBucket", bucket, {}, false)).decision).toBe("conditional");
    const get = evaluate(set, req("s3:GetObject", `${bucket}/home/a.txt`, {}, false));
    expect(get.decision).toBe("implicitly-denied");
    expect(get.unknownKeys).toEqual([]);
    expect(get.reasons.join("\n")).toContain("s3:GetObject requests never carry s3:prefix");
  });

  it("so Null and IfExists read the key as absent", () => {
    const nullCase: PolicySet = { identity: [identity(allow("s3:GetObject", "*", { Condition: { Null: { "s3:prefix": "true" } } }))] };
    expect(evaluate(nullCase, req("s3:GetObject", `${bucket}/a`, {}, false)).decision).toBe("allowed");
    const ifExists: PolicySet = { identity: [identity(allow(invoke, "*", { Condition: { ArnLikeIfExists: { "lambda:FunctionArn": fnB } } }))] };
    expect(evaluate(ifExists, req(invoke, fnA, {}, false)).decision).toBe("allowed");
    const exact: PolicySet = { identity: [identity(allow("lambda:*", "*", { Condition: { ArnLike: { "lambda:FunctionArn": fnA } } }))] };
    expect(evaluate(exact, req(invoke, fnA, {}, false)).decision).toBe("implicitly-denied");
    expect(evaluate(exact, req("lambda:CreateEventSourceMapping", "*", {}, false)).decision).toBe("conditional");
  });

  it("a Deny on such a key does not apply either", () => {
    const denied: PolicySet = { identity: [identity(allow("s3:*"), deny("s3:*", "*", { Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } }))] };
    // PutObject requests carry the encryption header key; GetObject requests never do, so StringNotEquals is true.
    expect(evaluate(denied, req("s3:PutObject", `${bucket}/a`, {}, false)).decision).toBe("conditional");
    expect(evaluate(denied, req("s3:GetObject", `${bucket}/a`, {}, false)).decision).toBe("explicitly-denied");
  });

  it("a policy variable naming such a key is absent too: the value it stands in matches nothing (reference_policies_variables)", () => {
    // "not present means that the value is not in the current request information, and any attempt to match it fails".
    const byPrefix: PolicySet = { identity: [identity(allow("s3:*", `${bucket}/\${s3:prefix}*`))] };
    expect(evaluate(byPrefix, req("s3:ListBucket", `${bucket}/home/a`, {}, false)).decision).toBe("conditional");
    expect(evaluate(byPrefix, req("s3:GetObject", `${bucket}/home/a`, {}, false)).decision).toBe("implicitly-denied");
    expect(evaluateDecision(byPrefix, req("s3:GetObject", `${bucket}/home/a`, {}, false))).toBe("implicitly-denied");
    const tagged: PolicySet = { identity: [identity(allow("s3:*", "*", { Condition: { StringEquals: { "aws:PrincipalTag/home": "${s3:prefix}" } } }))] };
    const get = req("s3:GetObject", `${bucket}/a`, { "aws:PrincipalTag/home": "home/" }, false);
    expect(evaluate(tagged, get).decision).toBe("implicitly-denied");
    expect(evaluateDecision(tagged, get)).toBe("implicitly-denied");
    expect(evaluate(tagged, req("s3:ListBucket", bucket, { "aws:PrincipalTag/home": "home/" }, false)).decision).toBe("conditional");
  });
});

describe("evaluateResourcePolicy: service principals and public callers", () => {
  const s3: RequestPrincipal = { type: "service", id: "s3.amazonaws.com" };
  const anon: RequestPrincipal = { type: "anonymous", id: "*" };
  const s3Grant = resourcePolicy(
    allow(invoke, fnA, {
      Principal: { Service: "s3.amazonaws.com" },
      Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:s3:::bucket" }, StringEquals: { "AWS:SourceAccount": A } },
    }),
  );
  const publicUrl = resourcePolicy(
    allow("lambda:InvokeFunctionUrl", fnA, { Principal: "*", Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } }),
  );
  it.each([
    ["lambda-permissions §3.2: S3 with matching SourceArn and SourceAccount", s3Grant, req(invoke, fnA, { "aws:SourceArn": "arn:aws:s3:::bucket", "aws:SourceAccount": A }, true, s3), "allowed"],
    ["lambda-permissions §3.2: S3 from another account", s3Grant, req(invoke, fnA, { "aws:SourceArn": "arn:aws:s3:::bucket", "aws:SourceAccount": B }, true, s3), "implicitly-denied"],
    ["lambda-permissions §3.2: S3 with unknown source", s3Grant, req(invoke, fnA, {}, false, s3), "conditional"],
    ["reference_policies_elements_principal: another service is not allowed", s3Grant, req(invoke, fnA, {}, false, { type: "service", id: "sns.amazonaws.com" }), "implicitly-denied"],
    ["lambda-permissions §3.4: public function URL", publicUrl, req("lambda:InvokeFunctionUrl", fnA, { "lambda:FunctionUrlAuthType": "NONE" }, true, anon), "allowed"],
    ["lambda-permissions §3.4: public grant does not cover InvokeFunction", publicUrl, req(invoke, fnA, {}, true, anon), "implicitly-denied"],
  ] as const)("%s", (_n, policy, request, expected) => {
    expect(evaluateResourcePolicy(policy, request).decision).toBe(expected);
  });
  it("evaluate() hands service callers to the resource policy", () => {
    expect(evaluate({ identity: [], resource: s3Grant }, req(invoke, fnA, { "aws:SourceArn": "arn:aws:s3:::bucket", "aws:SourceAccount": A }, true, s3)).decision).toBe("allowed");
    expect(evaluate({ identity: [] }, req(invoke, fnA, {}, true, s3)).decision).toBe("implicitly-denied");
  });
});

describe("evaluateResourcePolicy: Federated and CanonicalUser principals", () => {
  const OIDC = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
  const oidc: RequestPrincipal = { type: "federated", id: OIDC };
  const CANONICAL = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
  const canonical: RequestPrincipal = { type: "canonical-user", id: CANONICAL };
  const webIdentity = "sts:AssumeRoleWithWebIdentity";
  const trust = (...s: object[]) => doc("trust", "trust policy", ...s);
  it.each([
    ["a trust policy naming the provider lets its sessions assume the role", trust(allow(webIdentity, "*", { Principal: { Federated: OIDC } })), req(webIdentity, roleArn, {}, false, oidc), "allowed"],
    ["a trust policy naming another provider does not", trust(allow(webIdentity, "*", { Principal: { Federated: "cognito-identity.amazonaws.com" } })), req(webIdentity, roleArn, {}, false, oidc), "implicitly-denied"],
    ["a function policy naming the provider may or may not honour it: conditional", resourcePolicy(allow(invoke, fnA, { Principal: { Federated: OIDC } })), req(invoke, fnA, {}, false, oidc), "conditional"],
    ["a function policy naming a canonical user: conditional", resourcePolicy(allow(invoke, fnA, { Principal: { CanonicalUser: CANONICAL } })), req(invoke, fnA, {}, false, canonical), "conditional"],
    ["a Deny naming the same provider refuses it", resourcePolicy(allow(invoke, fnA, { Principal: { Federated: OIDC } }), deny(invoke, fnA, { Principal: { Federated: OIDC } })), req(invoke, fnA, {}, false, oidc), "explicitly-denied"],
    ["a Deny of everyone refuses a canonical user", resourcePolicy(allow(invoke, fnA, { Principal: { CanonicalUser: CANONICAL } }), deny(invoke, fnA, { Principal: "*" })), req(invoke, fnA, {}, false, canonical), "explicitly-denied"],
    ["a false condition rules the grant out", resourcePolicy(allow(invoke, fnA, { Principal: { Federated: OIDC }, Condition: { StringEquals: { "aws:SourceAccount": B } } })), req(invoke, fnA, { "aws:SourceAccount": A }, true, oidc), "implicitly-denied"],
  ] as const)("%s", (_n, policy, request, expected) => {
    expect(evaluateResourcePolicy(policy, request).decision).toBe(expected);
    expect(resourcePolicyDecision(policy, request)).toBe(expected);
  });
  it("evaluate() hands them to the resource policy: another account's provider named by a function policy is conditional, not refused for lack of identity policies", () => {
    const otherAccountProvider: RequestPrincipal = { type: "federated", id: `arn:aws:iam::${A}:oidc-provider/x` };
    const set: PolicySet = { identity: [], resource: resourcePolicy(allow(invoke, fnB, { Principal: { Federated: otherAccountProvider.id } })) };
    expect(evaluate(set, req(invoke, fnB, {}, false, otherAccountProvider)).decision).toBe("conditional");
  });
  it("says why a grant to such a principal is only conditional", () => {
    const r = evaluateResourcePolicy(resourcePolicy(allow(invoke, fnA, { Principal: { CanonicalUser: CANONICAL } })), req(invoke, fnA, {}, false, canonical));
    expect(r.reasons.join(" ")).toMatch(/CanonicalUser/);
  });
});

describe("evaluatePolicies", () => {
  it("returns three-valued allow/deny and the statements that apply", () => {
    const r = evaluatePolicies([identity(allow(invoke), deny(invoke, "*", unknownIp), allow("s3:*"))], req(invoke, fnA, {}, false), { checkPrincipal: false });
    expect(r.allow).toBe("true");
    expect(r.deny).toBe("unknown");
    expect(r.allowMatches.map((m) => m.statementIndex)).toEqual([0]);
    expect(r.denyMatches.map((m) => m.statementIndex)).toEqual([1]);
  });
});

describe("evaluate: who the caller is and where the resource lives", () => {
  const user: RequestPrincipal = { type: "user", id: `arn:aws:iam::${A}:user/bob`, account: A };

  it.each([
    ["service", { type: "service", id: "s3.amazonaws.com" }],
    ["anonymous", { type: "anonymous", id: "*" }],
    ["canonical-user", { type: "canonical-user", id: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }],
  ] as const)("%s callers are never let in by identity policies, only by a resource policy", (type, principal) => {
    const set: PolicySet = { identity: [identity(allow("*"))] };
    expect(evaluate(set, req(invoke, fnA, {}, true, principal))).toEqual({
      decision: "implicitly-denied",
      statements: [],
      unknownKeys: [],
      reasons: [`only a resource policy can let a ${type} caller in, and ${fnA} has none`],
    });
    expect(evaluateDecision(set, req(invoke, fnA, {}, true, principal))).toBe("implicitly-denied");
  });

  it("a caller given without its account is placed by its ARN: cross-account still needs the resource policy", () => {
    const noAccount: RequestPrincipal = { type: "role", id: roleArn };
    expect(evaluate({ identity: [identity(allow(invoke))] }, req(invoke, fnB, {}, true, noAccount)).decision).toBe("implicitly-denied");
  });

  it("a resource whose ARN names no account (an S3 bucket) is placed by the set's resourceAccount", () => {
    const set: PolicySet = { identity: [identity(allow("s3:GetObject"))], resourceAccount: B };
    const r = evaluate(set, req("s3:GetObject", "arn:aws:s3:::docs/a"));
    expect(r.decision).toBe("implicitly-denied");
    expect(r.reasons.join("\n")).toContain(`principal account ${A}, resource account ${B}`);
  });

  // access_policies_boundaries: a resource-based policy naming the IAM user ARN itself is not limited by the user's boundary.
  it(`${PB}: a grant naming the user ARN allows past a boundary that does not`, () => {
    const set: PolicySet = { identity: [], boundary: boundary(allow("s3:*")), resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: user.id } })) };
    expect(evaluate(set, req(invoke, fnA, {}, true, user)).decision).toBe("allowed");
    expect(evaluateDecision(set, req(invoke, fnA, {}, true, user))).toBe("allowed");
  });

  it(`${PB}: so a conditional grant to the user ARN names no boundary among its reasons`, () => {
    const set: PolicySet = { identity: [], boundary: boundary(allow("s3:*")), resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: user.id }, ...unknownIp })) };
    const r = evaluate(set, req(invoke, fnA, {}, false, user));
    expect(r.decision).toBe("conditional");
    expect(r.reasons.join("\n")).not.toContain("permissions boundary");
  });

  // reference_policies_elements_notprincipal: a Deny with NotPrincipal always applies to a principal with a boundary,
  // and an attached boundary that could not be read is still attached.
  it(`${PB}: an unreadable boundary still makes a NotPrincipal Deny apply; no boundary leaves it to the list`, () => {
    // The list names the account, the role and the caller's session, as reference_policies_elements_notprincipal asks.
    const session = `arn:aws:sts::${A}:assumed-role/${roleArn.split("/").pop()}/worker`;
    const notPrincipalDeny = resourcePolicy({ Effect: "Deny", NotPrincipal: { AWS: [session, roleArn, `arn:aws:iam::${A}:root`] }, Action: invoke, Resource: fnA });
    const worker = { ...role, session: "worker" };
    expect(evaluate({ identity: [identity(allow("*"))], boundaryUnreadable: true, resource: notPrincipalDeny }, req(invoke, fnA, {}, true, worker)).decision).toBe("explicitly-denied");
    expect(evaluate({ identity: [identity(allow("*"))], resource: notPrincipalDeny }, req(invoke, fnA, {}, true, worker)).decision).toBe("allowed");
    // Without its session the list excludes no session of the role (knowledge-center/explicit-deny-principle-elements-s3).
    expect(evaluate({ identity: [identity(allow("*"))], resource: resourcePolicy({ Effect: "Deny", NotPrincipal: { AWS: [roleArn, `arn:aws:iam::${A}:root`] }, Action: invoke, Resource: fnA }) }, req(invoke, fnA, {}, true, worker)).decision).toBe("explicitly-denied");
  });

  it("key-policies: a KMS grant to the role is a way in besides the key policy", () => {
    const grants = doc("resource", "grants", allow("kms:Decrypt", keyA, { Principal: { AWS: roleArn } }));
    const keyPolicy = resourcePolicy(allow("kms:*", keyA, { Principal: { AWS: `arn:aws:iam::${A}:role/admin` } }));
    expect(evaluate({ identity: [], resource: keyPolicy, grants, keyPolicy: true }, req("kms:Decrypt", keyA)).decision).toBe("allowed");
    expect(evaluate({ identity: [], resource: keyPolicy, keyPolicy: true }, req("kms:Decrypt", keyA)).decision).toBe("implicitly-denied");
  });

  it("key-policies: a key without a readable key policy is not let in by an identity Allow", () => {
    const r = evaluate({ identity: [identity(allow("kms:*"))], keyPolicy: true }, req("kms:Decrypt", keyA));
    expect(r.decision).toBe("implicitly-denied");
    expect(evaluateDecision({ identity: [identity(allow("kms:*"))], keyPolicy: true }, req("kms:Decrypt", keyA))).toBe("implicitly-denied");
  });
});
