/**
 * Multivalued context keys (reference_policies_condition-single-vs-multi-valued-context-keys.html): a conditional
 * answer names what it turns on whether the key takes one value or several.
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "../context";
import { evaluateConditions } from "./evaluate";

const M = "reference_policies_condition-single-vs-multi-valued-context-keys";

describe(`${M}: a multivalued key the snapshot has no value for is named as a single-valued one is`, () => {
  it.each([
    ["StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5"],
    ["ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "o-a1b2c3d4e5/r-ab12/*"],
    ["ForAllValues:StringEquals", "aws:TagKeys", "team"],
    ["ForAnyValue:StringEquals", "aws:CalledVia", "athena.amazonaws.com"],
    ["ForAnyValue:StringNotEquals", "aws:CalledVia", "athena.amazonaws.com"],
    ["ForAllValues:StringLikeIfExists", "aws:PrincipalServiceNamesList", "*.amazonaws.com"],
    ["Null", "aws:TagKeys", "false"],
  ])("%s %s", (operator, key, value) => {
    // Given a clause on a key the request context does not hold
    const r = evaluateConditions([{ operator, key, values: [value] }], makeContext({}, false), "2012-10-17");
    // Then the answer is conditional on that key, named as written
    expect(r.result).toBe("unknown");
    expect(r.unknownKeys).toEqual([key]);
    expect(r.notes[0]).toContain(key);
  });
});

describe(`${M}: several values for a key under a plain operator`, () => {
  it("names a policy variable not known beside the key: resolved, it may settle the clause", () => {
    // Given a plain StringEquals over a request carrying two values, its policy value a variable not known
    const clause = { operator: "StringEquals", key: "aws:TagKeys", values: ["${aws:PrincipalTag/team}"] };
    const r = evaluateConditions([clause], makeContext({ "aws:TagKeys": ["a", "b"] }, false), "2012-10-17");
    // Then the answer names both the key AWS reads undefinedly and the variable
    expect(r.result).toBe("unknown");
    expect(r.unknownKeys).toEqual(["aws:TagKeys", "aws:PrincipalTag/team"]);
    // And once the variable is known to meet neither value the clause is false, as the variable decided
    const known = evaluateConditions([clause], makeContext({ "aws:TagKeys": ["a", "b"], "aws:PrincipalTag/team": "c" }, false), "2012-10-17");
    expect(known.result).toBe("false");
  });
});

describe(`${M}: "you can't use a multivalued context key as a policy variable"`, () => {
  it.each([
    ["not known", makeContext({ "aws:ResourceTag/team": "x" }, false)],
    ["absent", makeContext({ "aws:ResourceTag/team": "x" }, true)],
    ["held as one value", makeContext({ "aws:ResourceTag/team": "x", "aws:TagKeys": "x" }, true)],
  ])("a variable naming a key AWS lists as multivalued, %s, leaves the clause conditional for that reason", (_how, context) => {
    // Given a clause whose value is a variable naming aws:TagKeys
    const clause = { operator: "StringEquals", key: "aws:ResourceTag/team", values: ["${aws:TagKeys}"] };
    for (const effect of ["Allow", "Deny"] as const) {
      // When it is evaluated in an Allow or a Deny
      const r = evaluateConditions([clause], context, "2012-10-17", undefined, effect);
      // Then it is conditional, naming the value and the reason, not an unknown key
      expect(r.result, r.notes[0]).toBe("unknown");
      expect(r.notes[0]).toContain("aws:TagKeys name a multivalued key");
      expect(r.notes[0]).not.toContain("unknown policy variable");
      expect(r.unknownKeys).toEqual([]);
      expect(r.undocumentedValues).toEqual(['aws:ResourceTag/team "${aws:TagKeys}"']);
    }
  });

  it("a variable naming a service key the reference types ArrayOfString (lambda:Layer) is no variable either", () => {
    // Given a clause whose value is a variable naming lambda:Layer, held as one value
    const clause = { operator: "StringLike", key: "aws:ResourceTag/layer", values: ["${lambda:Layer}"] };
    const context = makeContext({ "aws:ResourceTag/layer": "arn:aws:lambda:us-east-1:111122223333:layer:x:1", "lambda:Layer": "arn:aws:lambda:us-east-1:111122223333:layer:x:1" }, true);
    // When it is evaluated in an Allow
    const r = evaluateConditions([clause], context, "2012-10-17", undefined, "Allow");
    // Then it is conditional and says why, as for a multivalued global key
    expect(r.result).toBe("unknown");
    expect(r.notes[0]).toContain("lambda:Layer name a multivalued key");
    expect(r.undocumentedValues).toEqual(['aws:ResourceTag/layer "${lambda:Layer}"']);
  });
});
