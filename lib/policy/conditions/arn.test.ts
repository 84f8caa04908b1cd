import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitArn } from "../arn";
import { globMatches, LITERAL_STAR } from "../wildcard";
import { arnLike } from "./arn";
import { makeContext } from "../context";
import type { Effect, Tri } from "../types";
import { cases, itNamesUnreadableValues, runClauseCases } from "./clause-cases";
import { evaluateClause } from "./evaluate";

const P = "reference_policies_elements_condition_operators";

const fn = "arn:aws:lambda:us-east-1:111122223333:function:fn";

describe("ARN condition operators", () => {
  runClauseCases(
    cases([
      [`${P}: ArnLike exact`, "ArnLike", "aws:SourceArn", ["arn:aws:s3:::bucket"], "arn:aws:s3:::bucket", "true"],
      [`${P}: ArnLike wildcard in resource`, "ArnLike", "aws:SourceArn", ["arn:aws:execute-api:us-east-1:111122223333:api/*/GET/"], "arn:aws:execute-api:us-east-1:111122223333:api/prod/GET/", "true"],
      [`${P}: ArnEquals behaves like ArnLike (wildcards)`, "ArnEquals", "aws:SourceArn", ["arn:aws:sns:*:111122223333:*"], "arn:aws:sns:us-east-1:111122223333:topic", "true"],
      [`${P}: ArnLike segments compared separately: * does not cross into the account`, "ArnLike", "aws:SourceArn", ["arn:aws:sns:*"], "arn:aws:sns:us-east-1:111122223333:topic", "false"],
      [`${P}: ArnLike resource segment may contain :`, "ArnLike", "aws:SourceArn", ["arn:aws:logs:us-east-1:111122223333:log-group:/g:*"], "arn:aws:logs:us-east-1:111122223333:log-group:/g:log-stream:s", "true"],
      [`${P}: ArnLike matches between colons: the doc's example fails (the * covers only the region)`, "ArnLike", "k", ["arn:aws:someservice:*:111122223333:finance/*"], "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", "false"],
      [`${P}: StringLike on the doc's same example succeeds (the * spans colons)`, "StringLike", "k", ["arn:aws:someservice:*:111122223333:finance/*"], "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", "true"],
      [`${P}: ArnLike is case-sensitive`, "ArnLike", "aws:SourceArn", ["arn:aws:s3:::Bucket"], "arn:aws:s3:::bucket", "false"],
      // "Case-sensitive matching of the ARN": each component, the partition and service too (AWS writes them lower-case).
      [`${P}: ArnLike compares the partition case-sensitively`, "ArnLike", "aws:SourceArn", ["arn:AWS:s3:::bucket"], "arn:aws:s3:::bucket", "false"],
      [`${P}: ArnEquals compares the service case-sensitively`, "ArnEquals", "aws:SourceArn", ["arn:aws:S3:::bucket"], "arn:aws:s3:::bucket", "false"],
      [`${P}: ArnLike wrong account`, "ArnLike", "aws:SourceArn", [`${fn}`], "arn:aws:lambda:us-east-1:444455556666:function:fn", "false"],
      [`${P}: ArnLike request value not an ARN`, "ArnLike", "aws:SourceArn", ["arn:aws:s3:::*"], "bucket", "false"],
      [`${P}: ArnLike policy value * matches any ARN`, "ArnLike", "aws:SourceArn", ["*"], "arn:aws:s3:::bucket", "true"],
      [`${P}: ArnNotLike`, "ArnNotLike", "aws:PrincipalArn", ["arn:aws:iam::111122223333:role/admin-*"], "arn:aws:iam::111122223333:role/app", "true"],
      [`${P}: ArnNotEquals matches one → false`, "ArnNotEquals", "aws:PrincipalArn", ["arn:aws:iam::111122223333:role/app"], "arn:aws:iam::111122223333:role/app", "false"],
      [`${P}: ArnNotLike absent key is true`, "ArnNotLike", "aws:SourceArn", ["arn:aws:s3:::b"], undefined, "true"],
      [`${P}: ArnLike absent key is false`, "ArnLike", "aws:SourceArn", ["arn:aws:s3:::b"], undefined, "false"],
      [`${P}: ArnLikeIfExists absent key is true`, "ArnLikeIfExists", "aws:SourceArn", ["arn:aws:s3:::b"], undefined, "true"],
      [`${P}: ArnLike policy value that is not an ARN matches nothing`, "ArnLike", "aws:SourceArn", ["bucket"], "arn:aws:s3:::bucket", "false"],
    ]),
  );
  runClauseCases([
    {
      name: "reference_policies_variables: ArnLike substitutes a policy variable in its value",
      operator: "ArnLike",
      key: "aws:SourceArn",
      values: ["arn:aws:sns:us-east-1:${aws:PrincipalAccount}:*"],
      context: { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic", "aws:PrincipalAccount": "111122223333" },
      expected: "true",
    },
    {
      name: "reference_policies_variables: ArnLike with the variable's value for another account",
      operator: "ArnLike",
      key: "aws:SourceArn",
      values: ["arn:aws:sns:us-east-1:${aws:PrincipalAccount}:*"],
      context: { "aws:SourceArn": "arn:aws:sns:us-east-1:444455556666:topic", "aws:PrincipalAccount": "111122223333" },
      expected: "false",
    },
  ]);
});

describe(`${P}: a value that is not an ARN ("Each of the six colon-delimited components of the ARN is checked separately") does not parse`, () => {
  const bucket = "arn:aws:s3:::bucket";
  it.each<[string, Effect, string[], string | undefined, Tri]>([
    ["ArnLike", "Allow", ["bucket"], bucket, "false"],
    ["ArnLike", "Deny", ["bucket"], bucket, "unknown"],
    ["ArnLike", "Deny", ["arn:aws:sns:*"], "arn:aws:sns:us-east-1:111122223333:topic", "unknown"],
    ["ArnEquals", "Deny", ["bucket"], bucket, "unknown"],
    ["ArnNotLike", "Allow", ["bucket"], bucket, "false"],
    ["ArnNotLike", "Deny", ["bucket"], bucket, "unknown"],
    ["ArnNotEquals", "Allow", ["arn:aws:sns:*"], bucket, "false"],
    ["ArnNotEquals", "Deny", ["arn:aws:sns:*"], bucket, "unknown"],
    // A readable value that matches still decides: the unreadable one is not needed.
    ["ArnLike", "Deny", ["bucket", "arn:aws:s3:::*"], bucket, "true"],
    ["ArnNotLike", "Deny", ["bucket", "arn:aws:s3:::*"], bucket, "false"],
    // A request value is AWS's own: one that is no ARN matches no pattern, so the negated operator holds.
    ["ArnNotLike", "Allow", ["arn:aws:s3:::*"], "bucket", "true"],
    ["ArnNotLike", "Deny", ["arn:aws:s3:::*"], "bucket", "true"],
    // The key not known: an Allow whose every value is unreadable is false whatever the key holds.
    ["ArnLike", "Allow", ["bucket"], undefined, "false"],
    ["ArnLike", "Deny", ["bucket"], undefined, "unknown"],
  ])("%s in an %s with %j, request %j → %s", (operator, effect, values, request, expected) => {
    // Given a clause on aws:SourceArn with a value that is not an ARN
    const context = request === undefined ? makeContext({}, false) : makeContext({ "aws:SourceArn": request }, true);
    // When it is evaluated in a statement of that effect
    const e = evaluateClause({ operator, key: "aws:SourceArn", values }, context, "2012-10-17", true, undefined, effect);
    // Then it never lets a request in nor lifts a Deny
    expect(e.result, e.note).toBe(expected);
  });
  it("names the value in a Deny left conditional", () => {
    const e = evaluateClause({ operator: "ArnNotLike", key: "aws:SourceArn", values: ["bucket"] }, makeContext({ "aws:SourceArn": bucket }, true), "2012-10-17", true, undefined, "Deny");
    expect(e.undocumentedValues).toEqual(['aws:SourceArn "bucket"']);
  });
  itNamesUnreadableValues("ArnLike", "bucket", "arn:aws:s3:::b", "arn:aws:s3:::x", "is not an ARN (arn: and six colon-separated parts)");
  itNamesUnreadableValues("ArnNotEquals", "arn:aws:sns:*", "arn:aws:s3:::b", "arn:aws:s3:::x", "is not an ARN (arn: and six colon-separated parts)");
});

describe(`${P}: a value beginning "ARN:" or "Arn:", which AWS's pages never write ("Case-sensitive matching of the ARN")`, () => {
  const topic = "arn:aws:sns:us-east-1:111122223333:topic";
  it.each<[string, Effect, string, string, Tri]>([
    // Read case-sensitively it matches no ARN AWS sets; read as "arn:" it matches: the Allow is conditional, not false.
    ["ArnLike", "Allow", "ARN:aws:sns:us-east-1:111122223333:topic", topic, "unknown"],
    ["ArnEquals", "Allow", "Arn:aws:sns:*:111122223333:*", topic, "unknown"],
    // No reading matches: the clause is false whatever AWS makes of the prefix.
    ["ArnLike", "Allow", "Arn:aws:sns:*:111122223333:*", "arn:aws:sns:us-east-1:444455556666:topic", "false"],
    // ArnNotLike holds as written and refused it does not: conditional either way.
    ["ArnNotLike", "Allow", "ARN:aws:sns:us-east-1:111122223333:other", topic, "unknown"],
    ["ArnNotEquals", "Allow", "ARN:aws:sns:us-east-1:111122223333:topic", topic, "unknown"],
    ["ArnLike", "Deny", "ARN:aws:sns:us-east-1:111122223333:topic", topic, "unknown"],
    // A request value given with "ARN:" (--context) is read both ways too.
    ["ArnLike", "Allow", "arn:aws:sns:*:111122223333:*", "ARN:aws:sns:us-east-1:111122223333:topic", "unknown"],
  ])("%s in an %s with %j, request %j → %s", (operator, effect, value, request, expected) => {
    // Given a clause on aws:SourceArn with a value whose "arn" part is upper- or mixed-case
    const e = evaluateClause({ operator, key: "aws:SourceArn", values: [value] }, makeContext({ "aws:SourceArn": request }, true), "2012-10-17", true, undefined, effect);
    // Then it decides only where every reading agrees
    expect(e.result, e.note).toBe(expected);
  });

  it("names the value and why in a clause it leaves conditional", () => {
    const e = evaluateClause({ operator: "ArnLike", key: "aws:SourceArn", values: ["ARN:aws:sns:us-east-1:111122223333:topic"] }, makeContext({ "aws:SourceArn": topic }, true), "2012-10-17");
    expect(e.note).toContain('"ARN:aws:sns:us-east-1:111122223333:topic" begins with "ARN", which AWS does not say is compared case-sensitively or as "arn"');
    expect(e.undocumentedValues).toEqual(['aws:SourceArn "ARN:aws:sns:us-east-1:111122223333:topic"']);
  });
});

describe("arnLike of a value against itself (the shortcut for a grant's own caller)", () => {
  /** The segment-by-segment reading, without the shortcut. */
  const bySegments = (request: string, policy: string) => {
    const p = splitArn(policy);
    const r = splitArn(request);
    if (!p) return policy === "*" && r !== undefined;
    return r !== undefined && p.every((seg, i) => globMatches(seg, r[i] as string));
  };
  const segment = fc.stringMatching(/^[a-z0-9*?/:\-]{0,8}$/);
  it("agrees with the segment-wise match, wildcards and malformed ARNs included", () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 7 }), fc.boolean(), (parts, arnPrefix) => {
        const value = (arnPrefix ? "arn:" : "") + parts.join(":");
        expect(arnLike(value, value)).toBe(bySegments(value, value));
      }),
      { numRuns: 2000 },
    );
  });
  it("leaves literal-wildcard placeholders to the matcher (a placeholder is not the character it stands for)", () => {
    const value = `arn:aws:s3:::b${LITERAL_STAR}`;
    expect(arnLike(value, value)).toBe(bySegments(value, value));
    expect(arnLike(value, value)).toBe(false);
  });
});
