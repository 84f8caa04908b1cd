import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicyDocument } from "./parse";
import type { PolicySource } from "./types";

const source: PolicySource = { kind: "managed", policyName: "p" };
const doc = {
  Version: "2012-10-17",
  Statement: [{ Sid: "s", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
};
const json = JSON.stringify(doc);

function ok(input: unknown) {
  const r = parsePolicyDocument(input, source);
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe("parsePolicyDocument: encodings", () => {
  it.each([
    ["object", doc],
    ["JSON string (Lambda GetPolicy)", json],
    ["URL-encoded JSON (IAM via the JS SDK)", encodeURIComponent(json)],
    ["URL-encoded with surrounding whitespace", `  ${encodeURIComponent(json)}\n`],
    ["&#34;-escaped quotes (early JS SDK v3)", json.replaceAll('"', "&#34;")],
    ["URL-encoded &#34;-escaped", encodeURIComponent(json.replaceAll('"', "&#34;"))],
  ])("%s", (_n, input) => {
    const r = ok(input);
    expect(r.policy.version).toBe("2012-10-17");
    expect(r.policy.statements[0]).toMatchObject({ sid: "s", effect: "Allow", action: ["s3:GetObject"], resource: ["arn:aws:s3:::b/*"] });
    expect(r.warnings).toEqual([]);
  });
  it("a + in URL-encoded text stays a + (RFC 3986, decodeURIComponent only)", () => {
    const r = ok(encodeURIComponent(JSON.stringify({ Statement: { Effect: "Allow", Action: "a+b", Resource: "*" } })));
    expect(r.policy.statements[0]?.action).toEqual(["a+b"]);
  });
});

describe("parsePolicyDocument: normalisation (reference_policies_elements_*)", () => {
  it("reference_policies_elements_version: missing Version is 2008-10-17", () => {
    expect(ok({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } }).policy.version).toBe("2008-10-17");
  });
  it("reference_policies_elements_statement: a single Statement object is a one-element list", () => {
    const r = ok({ Version: "2012-10-17", Id: "x", Statement: { Effect: "Deny", NotAction: ["iam:*"], NotResource: "arn:aws:s3:::b" } });
    expect(r.policy.id).toBe("x");
    expect(r.policy.statements).toHaveLength(1);
    expect(r.policy.statements[0]).toMatchObject({ index: 0, effect: "Deny", notAction: ["iam:*"], notResource: ["arn:aws:s3:::b"], conditions: [] });
  });
  it.each([
    ["reference_policies_elements_principal: \"*\" is the wildcard", "*", { wildcard: true, aws: [] }],
    ['reference_policies_elements_principal: {"AWS":"*"} is the wildcard', { AWS: "*" }, { wildcard: true, aws: [] }],
    ["reference_policies_elements_principal: a bare account id is the account root", { AWS: "123456789012" }, { wildcard: false, aws: ["arn:aws:iam::123456789012:root"] }],
    ["reference_policies_elements_principal: role ARNs and services", { AWS: ["arn:aws:iam::1:role/r"], Service: "s3.amazonaws.com" }, { aws: ["arn:aws:iam::1:role/r"], service: ["s3.amazonaws.com"] }],
    ["reference_policies_elements_principal: Federated and CanonicalUser", { Federated: "cognito-identity.amazonaws.com", CanonicalUser: "abc" }, { federated: ["cognito-identity.amazonaws.com"], canonicalUser: ["abc"] }],
  ])("%s", (_n, principal, expected) => {
    const r = ok({ Statement: { Effect: "Allow", Principal: principal, Action: "lambda:InvokeFunction" } });
    expect(r.policy.statements[0]?.principal).toMatchObject(expected);
  });
  it("reference_policies_elements_notprincipal: NotPrincipal is normalised the same way", () => {
    const r = ok({ Statement: { Effect: "Deny", NotPrincipal: { AWS: "123456789012" }, Action: "*", Resource: "*" } });
    expect(r.policy.statements[0]?.notPrincipal?.aws).toEqual(["arn:aws:iam::123456789012:root"]);
  });
  it("reference_policies_elements_condition: operators, keys and values become clauses; scalars stringified", () => {
    const r = ok({
      Statement: {
        Effect: "Allow",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: { "AWS:SourceAccount": "1", "aws:x": ["a", "b"] }, Bool: { "aws:SecureTransport": true }, NumericLessThan: { n: 5 } },
      },
    });
    expect(r.policy.statements[0]?.conditions).toEqual([
      { operator: "StringEquals", key: "AWS:SourceAccount", values: ["1"] },
      { operator: "StringEquals", key: "aws:x", values: ["a", "b"] },
      { operator: "Bool", key: "aws:SecureTransport", values: ["true"] },
      { operator: "NumericLessThan", key: "n", values: ["5"] },
    ]);
  });
  it("keeps the raw statement and warns about unknown elements", () => {
    const st = { Effect: "Allow", Action: "*", Resource: "*", Foo: 1 };
    const r = ok({ Statement: [st], Extra: true });
    expect(r.policy.statements[0]?.raw).toBe(st);
    expect(r.warnings).toEqual(['unknown top-level element "Extra" ignored', 'Statement[0]: unknown element "Foo" ignored']);
  });
  it.each(["constructor", "__proto__"])("warns about the principal type %s like any other unknown one", (kind) => {
    // An object literal's inherited names passed for a known type: the principals vanished without a word.
    const r = ok(`{"Statement":{"Effect":"Allow","Action":"*","Principal":{"${kind}":"arn:aws:iam::111122223333:root"}}}`);
    expect(r.warnings).toEqual([`Statement[0].Principal has unknown principal type "${kind}"; ignored`]);
  });
});

describe("parsePolicyDocument: malformed documents are errors, never exceptions", () => {
  it.each([
    ["not JSON", "{not json", /not valid JSON/],
    ["bad URL encoding", "%E0%A4%A", /neither JSON nor valid URL-encoded/],
    ["empty string", "   ", /empty/],
    ["huge string", "{" + " ".repeat(1_000_001) + "}", /too large/],
    ["array", [], /JSON object/],
    ["null", null, /JSON object/],
    ["number", 42, /JSON object/],
    ["no Statement", { Version: "2012-10-17" }, /no Statement/],
    ["Statement a number", { Statement: 3 }, /Statement must be/],
    ["Statement element not an object", { Statement: ["x"] }, /Statement\[0\] must be an object/],
    ["Effect missing", { Statement: { Action: "*", Resource: "*" } }, /Effect must be "Allow" or "Deny", got nothing/],
    ["Effect other", { Statement: { Effect: "Maybe", Action: "*" } }, /got "Maybe"/],
    ["Action and NotAction", { Statement: { Effect: "Allow", Action: "*", NotAction: "x" } }, /both Action and NotAction/],
    ["neither Action nor NotAction", { Statement: { Effect: "Allow", Resource: "*" } }, /needs Action or NotAction/],
    ["Resource and NotResource", { Statement: { Effect: "Allow", Action: "*", Resource: "*", NotResource: "*" } }, /both Resource/],
    ["Action a number", { Statement: { Effect: "Allow", Action: 1 } }, /Action must be a string/],
    ["Condition value object", { Statement: { Effect: "Allow", Action: "*", Condition: { StringEquals: { k: { a: 1 } } } } }, /values must be/],
    ["Condition not an object", { Statement: { Effect: "Allow", Action: "*", Condition: "x" } }, /Condition must be/],
    ["Principal a number", { Statement: { Effect: "Allow", Action: "*", Principal: 1 } }, /Principal must be/],
    ["Principal and NotPrincipal", { Statement: { Effect: "Allow", Action: "*", Principal: "*", NotPrincipal: "*" } }, /both Principal/],
  ])("%s", (_n, input, error) => {
    const r = parsePolicyDocument(input, source);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
  it("deeply nested JSON is an error or a policy, not an exception", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(() => parsePolicyDocument(deep, source)).not.toThrow();
    expect(parsePolicyDocument(JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Condition: { X: { k: JSON.parse("[".repeat(50) + "]".repeat(50)) } } } }), source).ok).toBe(false);
  });
  it("fuzz: arbitrary JSON values and strings never throw", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.json(), fc.string(), fc.object()), (input) => {
        const r = parsePolicyDocument(input, source);
        return typeof r.ok === "boolean";
      }),
      { numRuns: 500 },
    );
  });
  it("fuzz: statement-shaped objects with random element values never throw", () => {
    const statement = fc.record(
      { Effect: fc.oneof(fc.constantFrom("Allow", "Deny"), fc.jsonValue()), Action: fc.jsonValue(), Resource: fc.jsonValue(), Principal: fc.jsonValue(), Condition: fc.jsonValue() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.record({ Version: fc.jsonValue(), Statement: fc.oneof(statement, fc.array(statement)) }), (d) => {
        const r = parsePolicyDocument(d, source);
        return typeof r.ok === "boolean";
      }),
      { numRuns: 500 },
    );
  });
});

describe("Action lists", () => {
  const parse = (Action: unknown) => {
    const r = parsePolicyDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource: "*" }] }, { kind: "inline", policyName: "p" });
    if (!r.ok) throw new Error(r.error);
    return r.policy.statements[0]!.action!;
  };
  it("are shared between documents that write the same list, and kept apart otherwise", () => {
    expect(parse(["logs:CreateLogStream", "logs:PutLogEvents"])).toBe(parse(["logs:CreateLogStream", "logs:PutLogEvents"]));
    expect(parse(["logs:PutLogEvents", "logs:CreateLogStream"])).not.toBe(parse(["logs:CreateLogStream", "logs:PutLogEvents"]));
    expect(parse(["a\u0000b"])).not.toBe(parse(["a", "b"]));
    expect(parse(["a", "b"])).toEqual(["a", "b"]);
  });
});
