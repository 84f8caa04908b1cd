import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { evaluate, evaluateResourcePolicy } from "./evaluate";
import { allow, boundary, deny, doc, identity } from "./test-policies";
import type { EvaluationRequest, EvaluationResult, PolicySet, RequestPrincipal } from "./types";

const A = "111122223333";
const B = "444455556666";
const roleArn = `arn:aws:iam::${A}:role/app`;
const fnA = `arn:aws:lambda:us-east-1:${A}:function:target`;
const fnB = `arn:aws:lambda:us-east-1:${B}:function:target`;
const keyA = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const invoke = "lambda:InvokeFunction";
const unknownIp = { Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } };
const unknownVpc = { Condition: { StringEquals: { "aws:SourceVpc": "vpc-1" } } };

const resourcePolicy = (...s: object[]) => doc("resource", "rp", ...s);

const role: RequestPrincipal = { type: "role", id: roleArn, account: A };
function req(action: string, resource: string, ctx: Record<string, string> = {}, complete = true, principal = role): EvaluationRequest {
  return { principal, action, resource, context: makeContext(ctx, complete) };
}
/** "policy#statement" of each statement an answer cites, in order. */
const cited = (r: EvaluationResult) => r.statements.map((m) => `${m.source.policyName}#${m.statementIndex}`);

const noIdentityAllow = (action: string, resource: string) => `no identity policy statement allows ${action} on ${resource}`;
const boundaryRefuses = (action: string) => `permissions boundary 'b' does not allow ${action}`;

describe("evaluate: the statements an answer cites", () => {
  it("an explicit denial cites every Deny that applies, from identity, boundary and resource policy alike, and none that only may", () => {
    const rpDeny = (extra: object = {}) => resourcePolicy(deny(invoke, fnA, { Principal: "*", ...extra }));
    const cases: [PolicySet, string[]][] = [
      [{ identity: [identity(allow("*"), deny(invoke), deny(invoke, "*", unknownIp))], boundary: boundary(allow("*"), deny(invoke)) }, ["id#1", "b#1"]],
      [{ identity: [identity(allow("*"), deny(invoke))], resource: rpDeny() }, ["id#1", "rp#0"]],
      [{ identity: [identity(allow("*"))], boundary: boundary(allow("*"), deny(invoke)), resource: rpDeny() }, ["b#1", "rp#0"]],
    ];
    for (const [set, expected] of cases) {
      const r = evaluate(set, req(invoke, fnA, {}, false));
      expect(r.decision).toBe("explicitly-denied");
      expect(cited(r)).toEqual(expected);
    }
  });

  it("an allowed answer cites the Allows that apply, not one that only may", () => {
    const r = evaluate({ identity: [identity(allow(invoke, "*", unknownIp), allow(invoke))] }, req(invoke, fnA, {}, false));
    expect(r.decision).toBe("allowed");
    expect(cited(r)).toEqual(["id#1"]);
  });

  it("a conditional answer cites the Allow and the Deny that may apply, with the keys deciding them", () => {
    const r = evaluate({ identity: [identity(allow(invoke), deny(invoke, "*", unknownIp))] }, req(invoke, fnA, {}, false));
    expect(r.decision).toBe("conditional");
    expect(cited(r)).toEqual(["id#0", "id#1"]);
    expect(r.unknownKeys).toEqual(["aws:SourceIp"]);
    expect(r.reasons[0]).toMatch(/^a Deny in inline policy 'id' statement #1 may apply: /);
  });

  it("an implicit denial by the boundary cites the identity Allow it refused, not a Deny that may apply, and no keys", () => {
    const set: PolicySet = { identity: [identity(allow(invoke, "*", unknownIp), deny(invoke, "*", unknownVpc))], boundary: boundary(allow("s3:*")) };
    const r = evaluate(set, req(invoke, fnA, {}, false));
    expect(r.decision).toBe("implicitly-denied");
    expect(cited(r)).toEqual(["id#0"]);
    expect(r.unknownKeys).toEqual([]);
  });

  // A grant to the account root only delegates to identity policies in the same account; across accounts it is half
  // of the answer, and a key policy's delegation is what lets the identity Allow count at all.
  it("a grant to the account root is cited across accounts and by a key policy, not within the account", () => {
    const rootGrant = (resource: string, action = invoke) => resourcePolicy(allow(action, resource, { Principal: { AWS: A } }));
    const same = evaluate({ identity: [identity(allow(invoke))], resource: rootGrant(fnA) }, req(invoke, fnA));
    expect(same.decision).toBe("allowed");
    expect(cited(same)).toEqual(["id#0"]);
    const cross = evaluate({ identity: [identity(allow(invoke))], resource: rootGrant(fnB) }, req(invoke, fnB));
    expect(cross.decision).toBe("allowed");
    expect(cited(cross)).toEqual(["id#0", "rp#0"]);
    const key = evaluate({ identity: [identity(allow("kms:Decrypt"))], resource: rootGrant(keyA, "kms:*"), keyPolicy: true }, req("kms:Decrypt", keyA));
    expect(key.decision).toBe("allowed");
    expect(cited(key)).toEqual(["id#0", "rp#0"]);
  });

  it("a key policy's delegation is not cited when no identity Allow applies: the statement naming the role decides", () => {
    const keyPolicy = resourcePolicy(allow("kms:*", keyA, { Principal: { AWS: A } }), allow("kms:Decrypt", keyA, { Principal: { AWS: roleArn } }));
    const direct = evaluate({ identity: [identity(allow("s3:GetObject"))], resource: keyPolicy, keyPolicy: true }, req("kms:Decrypt", keyA));
    expect(direct.decision).toBe("allowed");
    expect(cited(direct)).toEqual(["rp#1"]);
    expect(direct.reasons).toEqual(["allowed by resource policy 'rp' statement #1"]);
    // With an identity Allow as well, both ways in are cited.
    const both = evaluate({ identity: [identity(allow("kms:Decrypt"))], resource: keyPolicy, keyPolicy: true }, req("kms:Decrypt", keyA));
    expect(cited(both)).toEqual(["id#0", "rp#0", "rp#1"]);
  });
});

describe("evaluate: the reasons an answer gives, and only those", () => {
  const rootGrant = resourcePolicy(allow(invoke, fnA, { Principal: { AWS: A } }));
  const s3Grant = resourcePolicy(allow(invoke, fnA, { Principal: { Service: "s3.amazonaws.com" } }));
  const roleGrant = resourcePolicy(allow(invoke, fnA, { Principal: { AWS: roleArn } }));
  const otherKeyAdmin = resourcePolicy(allow("kms:*", keyA, { Principal: { AWS: `arn:aws:iam::${A}:role/admin` } }));
  const keyDecrypt = req("kms:Decrypt", keyA);
  const keyRefuses = `the key policy of ${keyA} neither allows the caller nor delegates to the account's IAM policies (its account root): an identity Allow alone is never enough for a KMS key`;
  const cases: [string, PolicySet, EvaluationRequest, string[]][] = [
    ["an explicit Deny alone", { identity: [identity(deny(invoke))] }, req(invoke, fnA), [`explicit Deny in inline policy 'id' statement #0 matches ${invoke} on ${fnA}`]],
    [
      "cross-account with an identity Allow and a boundary that allows, but no resource policy",
      { identity: [identity(allow(invoke))], boundary: boundary(allow("*")) },
      req(invoke, fnB),
      [`cross-account request (principal account ${A}, resource account ${B}): no resource policy allows it`],
    ],
    [
      "cross-account with a resource policy that may allow",
      { identity: [identity(allow(invoke))], resource: resourcePolicy(allow(invoke, fnB, { Principal: { AWS: roleArn }, ...unknownIp })) },
      req(invoke, fnB, {}, false),
      ["allowed by inline policy 'id' statement #0", "resource policy 'rp' statement #0 allows it only if: IpAddress aws:SourceIp: value of aws:SourceIp is unknown"],
    ],
    ["the boundary refuses an identity Allow", { identity: [identity(allow("*"))], boundary: boundary(allow("s3:*")), resource: s3Grant }, req(invoke, fnA), [boundaryRefuses(invoke)]],
    ["the boundary refuses a grant to the role ARN", { identity: [], boundary: boundary(allow("s3:*")), resource: roleGrant }, req(invoke, fnA), [boundaryRefuses(invoke)]],
    ["the boundary refuses, and a grant to the account root adds nothing", { identity: [identity(allow("*"))], boundary: boundary(allow("s3:*")), resource: rootGrant }, req(invoke, fnA), [boundaryRefuses(invoke)]],
    ["no boundary, no identity Allow, nothing else", { identity: [], boundary: boundary(allow("s3:*")) }, req(invoke, fnA), [noIdentityAllow(invoke, fnA)]],
    [
      "only the account root is granted",
      { identity: [], resource: rootGrant },
      req(invoke, fnA),
      [noIdentityAllow(invoke, fnA), "the resource policy allows the caller's account only (account root): an identity Allow is still needed"],
    ],
    ["a resource policy for someone else", { identity: [], resource: s3Grant }, req(invoke, fnA), [noIdentityAllow(invoke, fnA)]],
    ["a key policy that neither names the caller nor delegates", { identity: [identity(allow("kms:Decrypt"))], resource: otherKeyAdmin, keyPolicy: true }, keyDecrypt, [keyRefuses]],
    ["a key policy for someone else and no identity Allow", { identity: [], resource: otherKeyAdmin, keyPolicy: true }, keyDecrypt, [noIdentityAllow("kms:Decrypt", keyA)]],
    [
      "a key policy that delegates, the boundary refusing",
      { identity: [identity(allow("kms:Decrypt"))], boundary: boundary(allow("s3:*")), resource: resourcePolicy(allow("kms:*", keyA, { Principal: { AWS: A } })), keyPolicy: true },
      keyDecrypt,
      [boundaryRefuses("kms:Decrypt")],
    ],
    [
      "a key policy naming the role, the boundary refusing",
      { identity: [identity(allow("kms:Decrypt"))], boundary: boundary(allow("s3:*")), resource: resourcePolicy(allow("kms:*", keyA, { Principal: { AWS: roleArn } })), keyPolicy: true },
      keyDecrypt,
      [boundaryRefuses("kms:Decrypt")],
    ],
    ["an unreadable boundary when nothing allows anyway", { identity: [identity(allow("s3:*"))], boundaryUnreadable: true }, req(invoke, fnA), [noIdentityAllow(invoke, fnA)]],
  ];
  it.each(cases)("%s", (_n, set, request, expected) => {
    expect(evaluate(set, request).reasons).toEqual(expected);
  });

  it("a grant to the caller's session allows past the boundary, which an allowed answer does not blame", () => {
    const set: PolicySet = {
      identity: [identity(allow("*"))],
      boundary: boundary(allow("s3:*")),
      resource: resourcePolicy(allow(invoke, fnA, { Principal: { AWS: `arn:aws:sts::${A}:assumed-role/app/worker` } })),
    };
    const r = evaluate(set, req(invoke, fnA, {}, true, { ...role, session: "worker" }));
    expect(r.decision).toBe("allowed");
    expect(r.reasons).toContain("allowed by resource policy 'rp' statement #0");
    expect(r.reasons).not.toContain(boundaryRefuses(invoke));
  });

  it("the boundary's denial keeps the identity Allow it refused as evidence", () => {
    const r = evaluate({ identity: [identity(allow("*"))], boundary: boundary(allow("s3:*")) }, req(invoke, fnA));
    expect(r.decision).toBe("implicitly-denied");
    expect(cited(r)).toEqual(["id#0"]);
  });

  it("a near miss is explained only when nothing else allows, and only for an Allow", () => {
    const falseIp = { "aws:SourceIp": "8.8.8.8" };
    const allowed = evaluate({ identity: [identity(allow(invoke), allow(invoke, "*", unknownIp))] }, req(invoke, fnA, falseIp));
    expect(allowed.reasons).toEqual(["allowed by inline policy 'id' statement #0"]);
    const refused = evaluate({ identity: [identity(allow("s3:*"), deny(invoke, "*", unknownIp))] }, req(invoke, fnA, falseIp));
    expect(refused.reasons).toEqual([noIdentityAllow(invoke, fnA)]);
  });
});

describe("evaluateResourcePolicy: reasons", () => {
  const s3: RequestPrincipal = { type: "service", id: "s3.amazonaws.com" };
  it("an explicit Deny is the only reason", () => {
    const r = evaluateResourcePolicy(resourcePolicy(allow(invoke, fnA, { Principal: "*" }), deny(invoke, fnA, { Principal: "*" })), req(invoke, fnA, {}, true, s3));
    expect(r.reasons).toEqual([`explicit Deny in resource policy 'rp' statement #1 matches ${invoke} on ${fnA}`]);
  });
  it("a Deny that may apply comes before the Allow", () => {
    const r = evaluateResourcePolicy(resourcePolicy(allow(invoke, fnA, { Principal: "*" }), deny(invoke, fnA, { Principal: "*", ...unknownIp })), req(invoke, fnA, {}, false, s3));
    expect(r.decision).toBe("conditional");
    expect(r.reasons).toEqual([
      "a Deny in resource policy 'rp' statement #1 may apply: IpAddress aws:SourceIp: value of aws:SourceIp is unknown",
      "allowed by resource policy 'rp' statement #0",
    ]);
  });
  it("names the policy when no statement allows the caller", () => {
    const r = evaluateResourcePolicy(resourcePolicy(allow(invoke, fnA, { Principal: { Service: "sns.amazonaws.com" } })), req(invoke, fnA, {}, true, s3));
    expect(r.reasons).toEqual([`no statement of resource policy 'rp' allows s3.amazonaws.com ${invoke} on ${fnA}`]);
  });
});
