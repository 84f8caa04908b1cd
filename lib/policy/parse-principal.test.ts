import { describe, expect, it } from "vitest";
import { emptyPrincipalSet, parsePrincipal } from "./parse-principal";
import type { PrincipalSet } from "./types";

const P = "reference_policies_elements_principal";
const A = "111122223333";

function set(p: Partial<PrincipalSet>): PrincipalSet {
  return { ...emptyPrincipalSet(), ...p };
}

function parsed(value: unknown, partition?: string) {
  const r = parsePrincipal(value, "Statement[0].Principal", partition);
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe("parsePrincipal: the whole set, every kind (reference_policies_elements_principal)", () => {
  it("an empty set names no principal of any kind", () => {
    expect(emptyPrincipalSet()).toEqual({ wildcard: false, aws: [], service: [], federated: [], canonicalUser: [] });
  });

  it.each([
    [`${P}: "*" is every principal`, "*", set({ wildcard: true })],
    [`${P}: {"AWS": "*"} is every principal, alone or in a list`, { AWS: ["arn:aws:iam::1:role/r", "*"] }, set({ wildcard: true, aws: ["arn:aws:iam::1:role/r"] })],
    // Only the AWS key has a wildcard: {"Service": "*"} names no service (the page lists "*" and {"AWS": "*"} only).
    [`${P}: {"Service": "*"} is not the wildcard`, { Service: "*" }, set({ service: ["*"] })],
    [`${P}: {"Federated": "*"} is not the wildcard`, { Federated: "*" }, set({ federated: ["*"] })],
    // A bare account id is the account root in the AWS element only; other kinds keep the text as written.
    [`${P}: an account id under Service or CanonicalUser stays as written`, { Service: A, CanonicalUser: A }, set({ service: [A], canonicalUser: [A] })],
    [`${P}: element keys are case-insensitive`, { aws: A, SERVICE: "s3.amazonaws.com", federated: "cognito-identity.amazonaws.com", canonicaluser: "abc" }, set({ aws: [`arn:aws:iam::${A}:root`], service: ["s3.amazonaws.com"], federated: ["cognito-identity.amazonaws.com"], canonicalUser: ["abc"] })],
    ["surrounding whitespace is dropped from each entry", { AWS: [` ${A} `, " * ", " arn:aws:iam::1:role/r\n"] }, set({ wildcard: true, aws: [`arn:aws:iam::${A}:root`, "arn:aws:iam::1:role/r"] })],
    ["an empty list names nobody", { AWS: [] }, set({})],
  ] as [string, unknown, PrincipalSet][])("%s", (_name, value, expected) => {
    const r = parsed(value);
    expect(r.set).toEqual(expected);
    expect(r.warnings).toEqual([]);
  });

  it(`${P}: a bare account id names the root of that account in the policy's own partition`, () => {
    expect(parsed({ AWS: A }, "aws-cn").set.aws).toEqual([`arn:aws-cn:iam::${A}:root`]);
    expect(parsed({ AWS: A }, "aws-us-gov").set.aws).toEqual([`arn:aws-us-gov:iam::${A}:root`]);
  });

  it("a string other than \"*\" is read as an AWS principal, with a warning (IAM allows only \"*\" as a string)", () => {
    const root = parsed(A, "aws-cn");
    expect(root.set).toEqual(set({ aws: [`arn:aws-cn:iam::${A}:root`] }));
    expect(root.warnings).toHaveLength(1);
    const role = parsed("arn:aws:iam::1:role/r");
    expect(role.set).toEqual(set({ aws: ["arn:aws:iam::1:role/r"] }));
    expect(role.warnings).toHaveLength(1);
    // The wildcard, padded: still the wildcard (reading it as a principal named " * " would hide a public grant).
    expect(parsed(" * ")).toEqual({ ok: true, set: set({ wildcard: true }), warnings: [] });
  });

  it("unknown principal types are left out with a warning each; the known ones are kept", () => {
    const r = parsed({ Unknown: "x", AWS: A, Other: ["y"] });
    expect(r.set).toEqual(set({ aws: [`arn:aws:iam::${A}:root`] }));
    expect(r.warnings).toHaveLength(2);
  });

  it.each([
    ["an array", ["*"]],
    ["null", null],
    ["a number", 1],
    ["a list holding a number", { AWS: ["arn:aws:iam::1:role/r", 1] }],
    ["a number for a kind", { Service: 5 }],
    ["an object for a kind", { AWS: { x: "y" } }],
  ])("is an error: %s", (_name, value) => {
    expect(parsePrincipal(value, "Statement[0].Principal").ok).toBe(false);
  });
});
