import { describe, expect, it } from "vitest";
import { emptyPrincipalSet } from "./parse-principal";
import { normaliseServicePrincipal, notPrincipalMatches, principalMatchKind, principalMatches, serviceStem, viaServiceValue } from "./principal";
import type { PrincipalSet, RequestPrincipal } from "./types";

const A = "111122223333";
const B = "444455556666";
const role: RequestPrincipal = { type: "role", id: `arn:aws:iam::${A}:role/app`, account: A };
/** The same role as a function's code runs it: a session named after the function (the role's path is not in it). */
const fnSession: RequestPrincipal = { type: "role", id: `arn:aws:iam::${A}:role/service-role/app`, account: A, session: "fn" };
const SESSION = `arn:aws:sts::${A}:assumed-role/app/fn`;
const user: RequestPrincipal = { type: "user", id: `arn:aws:iam::${A}:user/bob`, account: A };
const s3: RequestPrincipal = { type: "service", id: "s3.amazonaws.com" };
const logs: RequestPrincipal = { type: "service", id: "logs.amazonaws.com" };
const anon: RequestPrincipal = { type: "anonymous", id: "*" };
const OIDC = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
const oidc: RequestPrincipal = { type: "federated", id: OIDC };
const cognito: RequestPrincipal = { type: "federated", id: "cognito-identity.amazonaws.com" };
const CANONICAL = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
const canonical: RequestPrincipal = { type: "canonical-user", id: CANONICAL };
const set = (p: Partial<PrincipalSet>): PrincipalSet => ({ ...emptyPrincipalSet(), ...p });
const R = "reference_policies_elements_principal";

describe("principalMatches", () => {
  it.each([
    [`${R}: "*" matches a role`, set({ wildcard: true }), role, "wildcard"],
    [`${R}: "*" matches anonymous callers`, set({ wildcard: true }), anon, "wildcard"],
    [`${R}: the role ARN matches that role`, set({ aws: [role.id] }), role, "exact"],
    [`${R}: another role ARN does not match`, set({ aws: [`arn:aws:iam::${A}:role/other`] }), role, undefined],
    [`${R}: account root matches principals of that account`, set({ aws: [`arn:aws:iam::${A}:root`] }), role, "account"],
    [`${R}: account root matches users of that account`, set({ aws: [`arn:aws:iam::${A}:root`] }), user, "account"],
    [`${R}: another account's root does not match`, set({ aws: [`arn:aws:iam::${B}:root`] }), role, undefined],
    [`${R}: wildcards inside AWS ARNs are literal`, set({ aws: [`arn:aws:iam::${A}:role/*`] }), role, undefined],
    // The invoker lists ask a grant with its own entry as the caller: the entry must still name no one.
    [`${R}: a wildcard inside an ARN names no one, not even that text`, set({ aws: [`arn:aws:iam::*:role/app`] }), { type: "role", id: `arn:aws:iam::*:role/app`, account: "*" } as RequestPrincipal, undefined],
    [`${R}: service principal`, set({ service: ["s3.amazonaws.com"] }), s3, "service"],
    [`${R}: regional logs principal is the same service`, set({ service: ["logs.eu-west-1.amazonaws.com"] }), logs, "service"],
    [`${R}: service does not match a role`, set({ service: ["s3.amazonaws.com"] }), role, undefined],
    [`${R}: account root does not match anonymous`, set({ aws: [`arn:aws:iam::${A}:root`] }), anon, undefined],
    [`${R}: the caller's own role session`, set({ aws: [SESSION] }), fnSession, "session"],
    [`${R}: another session of the caller's role`, set({ aws: [`arn:aws:sts::${A}:assumed-role/app/other`] }), fnSession, undefined],
    [`${R}: a session of the caller's role, the caller's session unknown`, set({ aws: [SESSION] }), role, "unknown-session"],
    [`${R}: a session of another role`, set({ aws: [`arn:aws:sts::${A}:assumed-role/other/fn`] }), fnSession, undefined],
    [`${R}: a session of the same role name in another account`, set({ aws: [`arn:aws:sts::${B}:assumed-role/app/fn`] }), fnSession, undefined],
    // "You cannot use a wildcard to match part of a principal name or ARN" (reference_policies_elements_principal.html),
    // so a wildcard session name names no session, whichever the caller's is.
    [`${R}: a wildcard session name names no one, the caller's session unknown`, set({ aws: [`arn:aws:sts::${A}:assumed-role/app/*`] }), role, undefined],
    [`${R}: a one-character wildcard in a session name names no one`, set({ aws: [`arn:aws:sts::${A}:assumed-role/app/f?`] }), role, undefined],
    [`${R}: the account root decides before an unknown session`, set({ aws: [SESSION, `arn:aws:iam::${A}:root`] }), role, "account"],
    [`${R}: an OIDC provider names its web-identity sessions`, set({ federated: [OIDC] }), oidc, "federated"],
    [`${R}: a provider named by host (Cognito)`, set({ federated: ["cognito-identity.amazonaws.com"] }), cognito, "federated"],
    [`${R}: another provider does not match`, set({ federated: ["cognito-identity.amazonaws.com"] }), oidc, undefined],
    [`${R}: the provider's account root does not name its sessions`, set({ aws: [`arn:aws:iam::${A}:root`] }), oidc, undefined],
    [`${R}: an AWS entry spelling the provider ARN is not a Federated entry`, set({ aws: [OIDC] }), oidc, undefined],
    [`${R}: a Federated entry does not match a role`, set({ federated: [OIDC] }), role, undefined],
    [`${R}: "*" matches federated sessions`, set({ wildcard: true }), oidc, "wildcard"],
    [`${R}: a canonical user id`, set({ canonicalUser: [CANONICAL] }), canonical, "canonical-user"],
    [`${R}: a canonical user id is not a Federated entry`, set({ federated: [CANONICAL] }), canonical, undefined],
  ])("%s", (_n, s, p, kind) => {
    expect(principalMatchKind(s, p)).toBe(kind);
    expect(principalMatches(s, p)).toBe(kind !== undefined);
  });
});

describe("notPrincipalMatches (reference_policies_elements_notprincipal)", () => {
  const root = `arn:aws:iam::${A}:root`;
  it.each([
    ["a caller not listed is covered", set({ aws: [`arn:aws:iam::${B}:root`] }), role, "true"],
    // A role's request is made as one of its sessions: AWS's Knowledge Center (explicit-deny-principle-elements-s3) says
    // "you must list the role session name of every user and every instance ID that will be assuming the role".
    ["listing the role and its account does not exclude its sessions", set({ aws: [role.id, root] }), role, "true"],
    // AWS checks the account, then the role, then the session: a session listed without its role might not exclude it.
    ["listing the caller's own session and the account but not the role: unknown", set({ aws: [SESSION, root] }), fnSession, "unknown"],
    ["listing the role, its account and the caller's session excludes it", set({ aws: [SESSION, fnSession.id, root] }), fnSession, "false"],
    ["listing the role and its account does not exclude a session of it", set({ aws: [fnSession.id, root] }), fnSession, "true"],
    ["listing the role, its account and another session does not exclude the caller's", set({ aws: [`arn:aws:sts::${A}:assumed-role/app/other`, fnSession.id, root] }), fnSession, "true"],
    ["listing another session of the role does not exclude the caller", set({ aws: [`arn:aws:sts::${A}:assumed-role/app/other`, root] }), fnSession, "true"],
    ["listing a session of the role when the caller's session is unknown: unknown", set({ aws: [SESSION, root] }), role, "unknown"],
    ["listing a wildcard session of the role excludes no session", set({ aws: [`arn:aws:sts::${A}:assumed-role/app/*`, root] }), role, "true"],
    ["listing only the role ARN does not exclude it (the account is still covered)", set({ aws: [role.id] }), role, "true"],
    ["listing only the account root does not exclude the role", set({ aws: [root] }), role, "true"],
    // "you must also include the account ARN" with the user's own (the example lists the account root and the user):
    // the user's ARN alone leaves its account, and so the user, covered.
    ["listing only the user ARN does not exclude the user", set({ aws: [user.id] }), user, "true"],
    ["listing the user and its account excludes it", set({ aws: [user.id, root] }), user, "false"],
    ["a service is excluded when listed", set({ service: ["s3.amazonaws.com"] }), s3, "false"],
    ["anonymous callers are always covered", set({ aws: [root] }), anon, "true"],
    ["wildcard excludes everyone", set({ wildcard: true }), role, "false"],
    ["a federated session is excluded when its provider is listed", set({ federated: [OIDC] }), oidc, "false"],
    ["a federated session is covered when only its provider's account is listed", set({ aws: [`arn:aws:iam::${A}:root`] }), oidc, "true"],
    ["a canonical user is excluded when listed", set({ canonicalUser: [CANONICAL] }), canonical, "false"],
    ["a canonical user is covered when not listed", set({ federated: [OIDC] }), canonical, "true"],
  ])("%s", (_n, s, p, expected) => {
    expect(notPrincipalMatches(s, p)).toBe(expected);
  });
});

it.each([
  ["logs.us-east-1.amazonaws.com", "logs.amazonaws.com"],
  ["Logs.AP-SOUTHEAST-2.amazonaws.com", "logs.amazonaws.com"],
  ["logs.cn-north-1.amazonaws.com.cn", "logs.amazonaws.com.cn"],
  ["logs.us-iso-east-1.c2s.ic.gov", "logs.c2s.ic.gov"],
  ["logs.eusc-de-east-1.amazonaws.eu", "logs.amazonaws.eu"],
  ["lambda.alarms.cloudwatch.amazonaws.com", "lambda.alarms.cloudwatch.amazonaws.com"],
  ["s3.amazonaws.com", "s3.amazonaws.com"],
])("lambda-permissions §3.2: normaliseServicePrincipal(%s) = %s", (input, out) => {
  expect(normaliseServicePrincipal(input)).toBe(out);
});

it("serviceStem: a service principal in any partition's domain is labelled by its service", () => {
  expect(["s3.amazonaws.com", "s3.amazonaws.com.cn", "s3.c2s.ic.gov", "s3.sc2s.sgov.gov", "s3.cloud.adc-e.uk", "s3.csp.hci.ic.gov", "s3.amazonaws.eu"].map(serviceStem)).toEqual(Array(7).fill("s3"));
  expect(serviceStem("s3.example.com")).toBeUndefined();
});

it("a grant to logs.amazonaws.com lets in logs.eu-west-1.amazonaws.com and the reverse (see normaliseServicePrincipal)", () => {
  const regional: RequestPrincipal = { type: "service", id: "logs.eu-west-1.amazonaws.com" };
  const global: RequestPrincipal = { type: "service", id: "logs.amazonaws.com" };
  expect(principalMatchKind(set({ service: ["logs.amazonaws.com"] }), regional)).toBe("service");
  expect(principalMatchKind(set({ service: ["logs.eu-west-1.amazonaws.com"] }), global)).toBe("service");
  expect(principalMatchKind(set({ service: ["events.amazonaws.com"] }), regional)).toBe(undefined);
});

describe("principal matching: entries and callers at the edges", () => {
  it(`${R}: a unique id (what IAM shows for a deleted principal) names no caller, even one asked under that id`, () => {
    const id = "AROAEXAMPLEROLEID1234";
    expect(principalMatchKind(set({ aws: [id] }), { type: "role", id, account: A })).toBe(undefined);
  });

  it(`${R}: a session ARN of the role in another partition is not the caller's session`, () => {
    expect(principalMatchKind(set({ aws: [`arn:aws-cn:sts::${A}:assumed-role/app/fn`] }), fnSession)).toBe(undefined);
    expect(principalMatchKind(set({ aws: [SESSION] }), fnSession)).toBe("session");
  });

  it(`${R}: a Service list names the caller when any one of its entries does`, () => {
    expect(principalMatchKind(set({ service: ["s3.amazonaws.com", "sns.amazonaws.com"] }), s3)).toBe("service");
  });

  it(`${R}: a caller whose account is not known is not named by another principal's ARN`, () => {
    expect(principalMatchKind(set({ aws: [`arn:aws:iam::${A}:role/other`] }), { type: "user", id: "bob" })).toBe(undefined);
  });

  it("reference_policies_elements_notprincipal: an account caller is excluded by its root, not by another account's", () => {
    const account: RequestPrincipal = { type: "account", id: A, account: A };
    expect(notPrincipalMatches(set({ aws: [`arn:aws:iam::${A}:root`] }), account)).toBe("false");
    expect(notPrincipalMatches(set({ aws: [`arn:aws:iam::${B}:root`] }), account)).toBe("true");
  });
});

// IAM's rule for opt-in regions (reference_policies_elements_principal.html) is the commercial partition's: an ISO
// region is none of its default regions, yet no opt-in one, so a resource there reads a regional spelling as a
// default region's does (folded), not as a cross-region call only its exact spelling names.
describe("opt-in cross-region calls are the commercial partition's", () => {
  const caller: RequestPrincipal = { type: "service", id: "logs.us-iso-east-1.amazonaws.com" };
  it("a global grant names an ISO region's regional spelling on an ISO resource of another region", () => {
    expect(principalMatchKind(set({ service: ["logs.amazonaws.com"] }), caller, "arn:aws-iso:lambda:us-iso-west-1:123456789012:function:f")).toBe("service");
  });
  it("while a commercial opt-in region's spelling across regions is named by that exact spelling only", () => {
    const optIn: RequestPrincipal = { type: "service", id: "logs.ap-east-1.amazonaws.com" };
    expect(principalMatchKind(set({ service: ["logs.amazonaws.com"] }), optIn, "arn:aws:lambda:ap-southeast-1:123456789012:function:f")).toBeUndefined();
  });
});

describe("viaServiceValue", () => {
  it("is the commercial spelling outside aws-cn, and either spelling, undocumented which, in aws-cn", () => {
    expect(viaServiceValue("sqs", "eu-west-1", "aws")).toBe("sqs.eu-west-1.amazonaws.com");
    expect(viaServiceValue("kinesis", "us-gov-west-1", "aws-us-gov")).toBe("kinesis.us-gov-west-1.amazonaws.com");
    expect(viaServiceValue("sqs", "cn-north-1", "aws-cn")).toEqual({
      values: ["sqs.cn-north-1.amazonaws.com.cn", "sqs.cn-north-1.amazonaws.com"],
      why: "AWS documents no value of kms:ViaService in aws-cn (sqs in cn-north-1)",
    });
  });

  // The ISO and European Sovereign Cloud partitions serve their endpoints from their own domains, and no public AWS
  // page says which kms:ViaService carries there: undecided as in aws-cn, not the commercial spelling for certain.
  it("is the partition's own endpoint domain or the commercial spelling, undocumented which, in the other partitions", () => {
    expect(viaServiceValue("sqs", "us-iso-east-1", "aws-iso")).toEqual({
      values: ["sqs.us-iso-east-1.c2s.ic.gov", "sqs.us-iso-east-1.amazonaws.com"],
      why: "AWS documents no value of kms:ViaService in aws-iso (sqs in us-iso-east-1)",
    });
    expect(viaServiceValue("kinesis", "us-isob-east-1", "aws-iso-b")).toEqual({
      values: ["kinesis.us-isob-east-1.sc2s.sgov.gov", "kinesis.us-isob-east-1.amazonaws.com"],
      why: "AWS documents no value of kms:ViaService in aws-iso-b (kinesis in us-isob-east-1)",
    });
    expect(viaServiceValue("sqs", "eusc-de-east-1", "aws-eusc")).toMatchObject({ values: ["sqs.eusc-de-east-1.amazonaws.eu", "sqs.eusc-de-east-1.amazonaws.com"] });
    // No known domain: the commercial spelling is the only one to ask.
    expect(viaServiceValue("sqs", "xx-new-1", "aws-new")).toBe("sqs.xx-new-1.amazonaws.com");
  });
});
