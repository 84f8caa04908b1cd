import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeContext } from "../context";
import { triAnd, triNot, triOr } from "../tri";
import type { ConditionClause, Tri } from "../types";
import { cases, runClauseCases } from "./clause-cases";
import { evaluateClause, evaluateConditions } from "./evaluate";

const P = "reference_policies_elements_condition_operators";
const M = "reference_policies_condition-single-vs-multi-valued-context-keys";

describe("Null operator", () => {
  runClauseCases(
    cases([
      [`${P}: Null true when key absent`, "Null", "aws:TokenIssueTime", ["true"], undefined, "true"],
      [`${P}: Null true when key present is false`, "Null", "aws:TokenIssueTime", ["true"], "x", "false"],
      [`${P}: Null false when key present`, "Null", "aws:TokenIssueTime", ["false"], "x", "true"],
      [`${P}: Null false when key absent is false`, "Null", "aws:TokenIssueTime", ["false"], undefined, "false"],
      [`${P}: Null treats an empty multi-valued key as absent`, "Null", "aws:TagKeys", ["true"], [], "true"],
      // reference_policies_condition_examples-multi-valued-context-keys: Null false keeps "context keys with empty values"
      // from evaluating to true.
      [`${P}: Null counts an empty string as absent`, "Null", "k", ["true"], "", "true"],
      [`${P}: Null false on a key holding only the empty string is false`, "Null", "aws:TagKeys", ["false"], [""], "false"],
      [`${P}: Null false on a key holding a value besides the empty string is true`, "Null", "aws:TagKeys", ["false"], ["", "env"], "true"],
      [`${P}: Null reads its value in any case, with spaces`, "Null", "aws:TokenIssueTime", [" TRUE "], undefined, "true"],
    ]),
  );
  runClauseCases([
    { name: "Null on an unknown key is unknown", operator: "Null", key: "k", values: ["true"], context: {}, complete: false, expected: "unknown" },
    { name: "NullIfExists is not an operator: unknown", operator: "NullIfExists", key: "k", values: ["true"], context: {}, expected: "unknown" },
  ]);
});

describe("Set operators ForAnyValue / ForAllValues", () => {
  runClauseCases(
    cases([
      [`${M}: ForAnyValue:StringEquals one request value matches`, "ForAnyValue:StringEquals", "aws:TagKeys", ["a", "b"], ["x", "b"], "true"],
      [`${M}: ForAnyValue:StringEquals no request value matches`, "ForAnyValue:StringEquals", "aws:TagKeys", ["a"], ["x", "y"], "false"],
      [`${M}: ForAnyValue absent key is false`, "ForAnyValue:StringEquals", "aws:TagKeys", ["a"], undefined, "false"],
      [`${M}: ForAnyValue empty key is false`, "ForAnyValue:StringEquals", "aws:TagKeys", ["a"], [], "false"],
      [`${M}: ForAllValues:StringEquals every request value matches`, "ForAllValues:StringEquals", "aws:TagKeys", ["a", "b"], ["a", "b"], "true"],
      [`${M}: ForAllValues:StringEquals one request value does not match`, "ForAllValues:StringEquals", "aws:TagKeys", ["a"], ["a", "z"], "false"],
      [`${M}: ForAllValues absent key is true`, "ForAllValues:StringEquals", "aws:TagKeys", ["a"], undefined, "true"],
      [`${M}: ForAllValues empty key is true`, "ForAllValues:StringEquals", "aws:TagKeys", ["a"], [], "true"],
      [`${M}: ForAllValues with the key's value an empty string (a null data set) is true`, "ForAllValues:StringEquals", "aws:PrincipalTag/team", ["a"], "", "true"],
      [`${M}: ForAllValues:StringNotEquals with an empty-string value is true even when the policy lists ""`, "ForAllValues:StringNotEquals", "aws:PrincipalTag/team", [""], "", "true"],
      [`${M}: ForAnyValue with the key's value an empty string (a null data set) is false`, "ForAnyValue:StringEquals", "aws:PrincipalTag/team", [""], "", "false"],
      [`${M}: ForAnyValue with only an empty string in a multi-valued key is false`, "ForAnyValue:StringLike", "aws:TagKeys", ["*"], [""], "false"],
      [`${M}: ForAllValues:StringLike with wildcards`, "ForAllValues:StringLike", "aws:TagKeys", ["env*", "team"], ["env-x", "team"], "true"],
      [`${M}: ForAnyValue:StringNotEquals some request value is outside`, "ForAnyValue:StringNotEquals", "aws:TagKeys", ["a"], ["a", "b"], "true"],
      [`${M}: ForAllValues:StringNotEquals none of the request values listed`, "ForAllValues:StringNotEquals", "aws:TagKeys", ["a"], ["b", "c"], "true"],
      [`${M}: ForAllValues:StringNotEquals one listed`, "ForAllValues:StringNotEquals", "aws:TagKeys", ["a"], ["a", "c"], "false"],
      // AWS denies under this condition when the key is absent (ListQueues has no aws:TagKeys): ForAnyValue wins over IfExists.
      [`${M}: ForAnyValue:StringEqualsIfExists absent key is false`, "ForAnyValue:StringEqualsIfExists", "aws:TagKeys", ["a"], undefined, "false"],
      [`${M}: ForAllValues:StringEqualsIfExists absent key is true`, "ForAllValues:StringEqualsIfExists", "aws:TagKeys", ["a"], undefined, "true"],
      // "Multivalued context keys require a condition set operator"; AWS does not say how a plain operator compares
      // several request values, so no reading is claimed unless every reading agrees.
      [`${M}: multi-valued key without a prefix, one value matching, is undefined`, "StringEquals", "aws:TagKeys", ["a"], ["b", "a"], "unknown"],
      [`${M}: multi-valued key without a prefix, every value matching, is undefined`, "StringLike", "aws:TagKeys", ["*"], ["b", "a"], "unknown"],
      [`${M}: multi-valued key without a prefix, no value matching, is false in every reading`, "StringEquals", "aws:TagKeys", ["a"], ["b", "c"], "false"],
      [`${M}: negated multi-valued key without a prefix, one value listed, is undefined`, "StringNotEquals", "aws:TagKeys", ["a"], ["b", "a"], "unknown"],
      [`${M}: negated multi-valued key without a prefix, none listed, is undefined`, "StringNotEquals", "aws:TagKeys", ["a"], ["b", "c"], "unknown"],
      [`${M}: IfExists does not settle a multi-valued key without a set prefix`, "StringEqualsIfExists", "aws:PrincipalOrgPaths", ["o-1/r-1/ou-1/"], ["o-1/r-1/ou-1/", "o-1/r-1/ou-2/"], "unknown"],
      [`${M}: a list of one value is a single value: a plain operator compares it`, "StringEquals", "aws:TagKeys", ["a"], ["a"], "true"],
    ]),
  );
  runClauseCases([
    { name: `${M}: ForAllValues on an unknown key is unknown`, operator: "ForAllValues:StringEquals", key: "aws:TagKeys", values: ["a"], context: {}, complete: false, expected: "unknown" },
    { name: "ForAllValues:Null is not an operator: unknown", operator: "ForAllValues:Null", key: "k", values: ["true"], context: {}, expected: "unknown" },
  ]);
});

describe("policy values that do not parse, on a key whose value is not known", () => {
  // A positive comparison holds only for a value it can read, so with none readable it is false whether the key is
  // absent or holds anything; IfExists, ForAllValues and negated operators still hold for an absent key.
  runClauseCases(
    [
      ["DateLessThan on a day the month does not have", "DateLessThan", "aws:TokenIssueTime", ["2021-02-29T00:00:00Z"], "false"],
      ["NumericLessThan on a value that is no number", "NumericLessThan", "aws:MultiFactorAuthAge", ["one hour"], "false"],
      ["IpAddress on a block that is no CIDR", "IpAddress", "aws:SourceIp", ["10.0.0.0/40"], "false"],
      ["ForAnyValue:NumericEquals on no number", "ForAnyValue:NumericEquals", "k", ["x"], "false"],
      ["IpAddress with one readable block still depends on the key", "IpAddress", "aws:SourceIp", ["10.0.0.0/40", "10.0.0.0/8"], "unknown"],
      ["DateLessThanIfExists holds if the key is absent", "DateLessThanIfExists", "aws:TokenIssueTime", ["not-a-date"], "unknown"],
      ["ForAllValues:NumericEquals holds if the key is absent", "ForAllValues:NumericEquals", "k", ["x"], "unknown"],
      ["DateNotEquals holds if the key is absent", "DateNotEquals", "aws:TokenIssueTime", ["not-a-date"], "unknown"],
      ["Bool with a policy variable may resolve to true", "Bool", "aws:SecureTransport", ["${aws:PrincipalTag/tls}"], "unknown"],
    ].map(([name, operator, key, values, expected]) => ({
      name: `${P}: ${name}`,
      operator: operator as string,
      key: key as string,
      values: values as string[],
      context: {},
      complete: false,
      expected: expected as Tri,
    })),
  );
});

describe("policy variables the request cannot have, on a key whose value is not known", () => {
  // reference_policies_variables: for a key "not present ... any attempt to match it fails" (aws:username of a role).
  const roleSession = { values: {}, complete: false, knownAbsent: { keys: ["aws:username"] } };
  const clause = (operator: string, values: string[]) =>
    evaluateClause({ operator, key: "aws:ResourceTag/owner", values }, roleSession, "2012-10-17");
  it.each([
    ["StringEquals", ["${aws:username}"], "false"],
    ["StringLike", ["home-${aws:username}-*"], "false"],
    ["ArnLike", ["arn:aws:iam::111122223333:user/${aws:username}"], "false"],
    ["ForAnyValue:StringEquals", ["${aws:username}"], "false"],
    // Not through a value without the variable either (reference_policies_elements_condition_operators: StringLike
    // s3:prefix ["home/", "home/${aws:username}/"] with "No aws:username in the request context" is "No match").
    ["StringEquals", ["${aws:username}", "ops"], "false"],
    // Still open: a variable with a default, and operators an absent key satisfies.
    ["StringEquals", ["${aws:username, 'nobody'}"], "unknown"],
    ["StringNotEquals", ["${aws:username}"], "unknown"],
    ["StringEqualsIfExists", ["${aws:username}"], "unknown"],
    ["ForAllValues:StringEquals", ["${aws:username}"], "unknown"],
  ] as const)("reference_policies_variables: %s %j → %s", (operator, values, expected) => {
    const e = clause(operator, [...values]);
    expect(e.result, e.note).toBe(expected);
    expect(e.unknownKeys).toEqual(expected === "unknown" ? ["aws:ResourceTag/owner"] : []);
  });
});

describe("request values against policy values, every quantifier", () => {
  // The reading spelled out: each request value's sense (matches some policy value, or unknown when only values
  // with an unknown policy variable are left; negated operators flip it), then ForAllValues = all of them,
  // ForAnyValue and plain positive operators = any of them, plain negated operators = none of them matches; a plain
  // operator over several request values is unknown unless it is positive and no value matches.
  const matches = (operator: string, request: string, policy: string) =>
    operator.includes("Like") && policy.endsWith("*") ? request.startsWith(policy.slice(0, -1)) : request === policy;
  function reference(set: string, operator: string, policyValues: string[], requestValues: string[]) {
    const negated = operator.includes("Not");
    const known = policyValues.filter((v) => !v.includes("${"));
    const senses: Tri[] = requestValues.map((rv) => {
      const hit: Tri = known.some((pv) => matches(operator, rv, pv)) ? "true" : known.length < policyValues.length ? "unknown" : "false";
      return negated ? triNot(hit) : hit;
    });
    const firstHit = requestValues.find((rv) => known.some((pv) => matches(operator, rv, pv)));
    let result: Tri;
    if (set === "ForAllValues:") result = senses.reduce<Tri>(triAnd, "true");
    else if (set === "ForAnyValue:" || !negated) result = senses.reduce<Tri>(triOr, "false");
    else result = triNot(senses.reduce<Tri>((any, t) => triOr(any, triNot(t)), "false"));
    // A variable that may be absent may make the clause invalid: a match through another value is not settled.
    const unsettled = { result: "unknown" as Tri, matchedRequestValue: undefined, matchedPolicyValue: undefined };
    if (result === "true" && known.length < policyValues.length) return unsettled;
    // A plain operator over several request values has no documented reading: only "no value matches" is settled.
    if (set === "" && requestValues.length > 1 && (negated || result !== "false")) return unsettled;
    return { result, matchedRequestValue: firstHit, matchedPolicyValue: firstHit === undefined ? undefined : known.find((pv) => matches(operator, firstHit, pv)) };
  }
  it("gives the result, and the first matching pair, of the per-value reading", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("", "ForAnyValue:", "ForAllValues:"),
        fc.constantFrom("StringEquals", "StringNotEquals", "StringLike", "StringNotLike"),
        fc.array(fc.constantFrom("a", "b", "a*", "${aws:username}"), { minLength: 1, maxLength: 3 }),
        fc.array(fc.constantFrom("a", "b", "ab", "c"), { minLength: 1, maxLength: 4 }),
        (set, operator, policyValues, requestValues) => {
          // aws:username is not in the (incomplete) context: a policy value holding it compares as unknown.
          const context = makeContext({ "aws:TagKeys": requestValues }, false);
          const e = evaluateClause({ operator: set + operator, key: "aws:TagKeys", values: policyValues }, context, "2012-10-17");
          const want = reference(set, operator, policyValues, requestValues);
          expect({ result: e.result, matchedRequestValue: e.matchedRequestValue, matchedPolicyValue: e.matchedPolicyValue }).toEqual(want);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("evaluateConditions: AND across operators and keys", () => {
  const ctx = makeContext({ "aws:SourceAccount": "111122223333", "aws:SourceArn": "arn:aws:s3:::bucket" }, false);
  const sourceAccount: ConditionClause = { operator: "StringEquals", key: "AWS:SourceAccount", values: ["111122223333"] };
  const sourceArn: ConditionClause = { operator: "ArnLike", key: "AWS:SourceArn", values: ["arn:aws:s3:::bucket"] };
  const wrongArn: ConditionClause = { operator: "ArnLike", key: "AWS:SourceArn", values: ["arn:aws:s3:::other"] };
  const unknownKey: ConditionClause = { operator: "IpAddress", key: "aws:SourceIp", values: ["10.0.0.0/8"] };
  const badOperator: ConditionClause = { operator: "StringEqualz", key: "aws:SourceAccount", values: ["1"] };

  it.each([
    [`${P}: no conditions is true`, [], "true", []],
    [`${P}: all clauses true`, [sourceAccount, sourceArn], "true", []],
    [`${P}: one false clause makes the block false`, [sourceAccount, wrongArn], "false", []],
    [`${P}: false wins over unknown`, [wrongArn, unknownKey], "false", []],
    ["unknown context key makes the block unknown", [sourceAccount, unknownKey], "unknown", ["aws:SourceIp"]],
    ["unknown condition operator is unknown, never true", [sourceAccount, badOperator], "unknown", []],
  ] as const)("%s", (_n, clauses, result, keys) => {
    const r = evaluateConditions([...clauses], ctx, "2012-10-17");
    expect(r.result).toBe(result);
    expect(r.unknownKeys).toEqual(keys);
    expect(r.evidence).toHaveLength(clauses.length);
  });

  it("notes the unknown operator by name", () => {
    const r = evaluateConditions([badOperator], ctx, "2012-10-17");
    expect(r.notes).toEqual(["unknown condition operator StringEqualz"]);
  });

  it("evidence names the matching values", () => {
    const r = evaluateConditions([sourceArn], ctx, "2012-10-17");
    expect(r.evidence[0]).toMatchObject({ result: "true", matchedRequestValue: "arn:aws:s3:::bucket", matchedPolicyValue: "arn:aws:s3:::bucket" });
  });

  it("evidence names a matching value holding ${*} or ${?} with the characters, not the matcher's placeholders", () => {
    const literal = makeContext({ "s3:prefix": "home/*?" }, true);
    const r = evaluateConditions([{ operator: "StringLike", key: "s3:prefix", values: ["home/${*}${?}"] }], literal, "2012-10-17");
    expect(r.evidence[0]).toMatchObject({ result: "true", matchedRequestValue: "home/*?", matchedPolicyValue: "home/*?" });
    expect(r.evidence[0]!.note).toBe('StringLike s3:prefix: request value "home/*?" matches "home/*?" → true');
  });

  it("evidence explains a failed clause", () => {
    const r = evaluateConditions([wrongArn], ctx, "2012-10-17");
    expect(r.notes[0]).toContain('matches none of "arn:aws:s3:::other"');
  });
});

describe("evaluateConditions: values AWS documents no reading of name themselves in the result", () => {
  const ctx = makeContext({ "s3:max-keys": "100" }, false);
  it("a Deny's value that does not parse is named with its key, as written", () => {
    const r = evaluateConditions([{ operator: "NumericGreaterThan", key: "s3:max-keys", values: ["0x10"] }], ctx, "2012-10-17", undefined, "Deny");
    expect(r.result).toBe("unknown");
    expect(r.undocumentedValues).toEqual(['s3:max-keys "0x10"']);
  });
  it("so is a value in an undocumented form, in an Allow as in a Deny, while its documented neighbour is not", () => {
    for (const effect of ["Allow", "Deny"] as const) {
      const r = evaluateConditions([{ operator: "NumericGreaterThan", key: "s3:max-keys", values: ["1e1", "500"] }], ctx, "2012-10-17", undefined, effect);
      expect(r.result).toBe("unknown");
      expect(r.undocumentedValues).toEqual(['s3:max-keys "1e1"']);
      expect(r.notes[0]).toContain('"1e1" is not written as an integer or decimal (an exponent)');
    }
  });
  it("with the key unknown too, both the key and the value are named", () => {
    const r = evaluateConditions([{ operator: "DateLessThan", key: "aws:TokenIssueTime", values: ["2030-01-01 00:00:00Z"] }], makeContext({}, false), "2012-10-17");
    expect(r.unknownKeys).toEqual(["aws:TokenIssueTime"]);
    expect(r.undocumentedValues).toEqual(['aws:TokenIssueTime "2030-01-01 00:00:00Z"']);
  });
  it("names nothing when the answer does not depend on the value", () => {
    const r = evaluateConditions([{ operator: "NumericLessThan", key: "s3:max-keys", values: ["1e1"] }], ctx, "2012-10-17");
    expect(r.result).toBe("false");
    expect(r.undocumentedValues).toEqual([]);
  });
});

describe("reference_policies_variables: a default holding * or ?, which AWS documents as neither literal nor wildcard", () => {
  const ctx = makeContext({ "aws:userid": "AROAEXAMPLE:fn", "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:orders" }, true);
  const star = "${aws:PrincipalTag/team, '*'}";
  it("StringLike: unknown where the two readings differ, naming the value as written", () => {
    const r = evaluateConditions([{ operator: "StringLike", key: "aws:userid", values: [star] }], ctx, "2012-10-17");
    expect(r.result).toBe("unknown");
    expect(r.undocumentedValues).toEqual([`aws:userid "${star}"`]);
    expect(r.notes[0]).toContain("default holds * or ?");
  });
  it("ArnLike too, beside a value that fails either way", () => {
    const topic = "arn:aws:sns:us-east-1:111122223333:${aws:PrincipalTag/topic, 'ord?rs'}";
    const r = evaluateConditions([{ operator: "ArnLike", key: "aws:SourceArn", values: ["arn:aws:sns:us-east-1:111122223333:other", topic] }], ctx, "2012-10-17");
    expect(r.result).toBe("unknown");
    expect(r.undocumentedValues).toEqual([`aws:SourceArn "${topic}"`]);
  });
  it("StringEquals compares text whatever the reading: settled", () => {
    const r = evaluateConditions([{ operator: "StringEquals", key: "aws:userid", values: [star] }], ctx, "2012-10-17");
    expect(r.result).toBe("false");
    expect(r.undocumentedValues).toEqual([]);
  });
  it("settled where both readings agree (another value matches anyway)", () => {
    const r = evaluateConditions([{ operator: "StringLike", key: "aws:userid", values: [star, "AROA*"] }], ctx, "2012-10-17");
    expect(r.result).toBe("true");
    expect(r.undocumentedValues).toEqual([]);
  });
});

describe("a key whose value AWS does not document (RequestContext.undocumented)", () => {
  const via = { values: ["sqs.cn-north-1.amazonaws.com.cn", "sqs.cn-north-1.amazonaws.com"], why: "AWS documents no value of kms:ViaService in aws-cn" };
  const context = { ...makeContext({}, false), undocumented: { "kms:viaservice": via } };
  const clause = (operator: string, ...values: string[]): ConditionClause => ({ operator, key: "kms:ViaService", values });

  it("is decided where every value decides the clause alike", () => {
    expect(evaluateClause(clause("StringEquals", ...via.values), context, "2012-10-17").result).toBe("true");
    expect(evaluateClause(clause("StringLike", "sqs.*"), context, "2012-10-17").result).toBe("true");
    expect(evaluateClause(clause("StringEquals", "sns.cn-north-1.amazonaws.com.cn"), context, "2012-10-17").result).toBe("false");
    expect(evaluateClause(clause("Null", "false"), context, "2012-10-17").result).toBe("true");
  });

  it("is unknown where the values differ, the key named and the note saying why", () => {
    for (const [operator, value] of [["StringEquals", via.values[0]!], ["StringNotEquals", via.values[1]!]] as const) {
      const out = evaluateConditions([clause(operator, value)], context, "2012-10-17");
      expect(out.result).toBe("unknown");
      expect(out.unknownKeys).toEqual(["kms:ViaService"]);
      expect(out.notes[0]).toContain("AWS documents no value of kms:ViaService in aws-cn");
    }
  });
});

describe("reference_policies_variables: \"You can't use a multivalued condition key as a variable\", and AWS says no more", () => {
  const ctx = makeContext({ "aws:TagKeys": ["team", "env"], "aws:userid": "AROAEXAMPLE:team" }, true);
  const clause = (operator: string, ...values: string[]): ConditionClause => ({ operator, key: "aws:userid", values });

  it.each([
    ["StringEquals", "Allow"],
    ["StringEquals", "Deny"],
    ["StringNotEquals", "Deny"],
    ["StringLike", "Allow"],
  ] as const)("%s in an %s is unknown, the value named as written, no key asked for", (operator, effect) => {
    const r = evaluateConditions([clause(operator, "AROAEXAMPLE:${aws:TagKeys}")], ctx, "2012-10-17", undefined, effect);
    expect(r.result).toBe("unknown");
    expect(r.unknownKeys).toEqual([]);
    expect(r.undocumentedValues).toEqual(['aws:userid "AROAEXAMPLE:${aws:TagKeys}"']);
    expect(r.notes[0]).toContain("aws:TagKeys name a multivalued key");
  });

  it("a default does not settle it: AWS does not say the default stands in", () => {
    expect(evaluateConditions([clause("StringEquals", "AROAEXAMPLE:${aws:TagKeys, 'team'}")], ctx, "2012-10-17").result).toBe("unknown");
  });

  // Read as a variable with no value it would keep a positive clause from holding even through its other values.
  it("another value that matches settles a negated clause only; one that fails leaves it unknown", () => {
    expect(evaluateConditions([clause("StringLike", "AROAEXAMPLE:${aws:TagKeys}", "AROA*")], ctx, "2012-10-17").result).toBe("unknown");
    expect(evaluateConditions([clause("StringNotLike", "AROAEXAMPLE:${aws:TagKeys}", "AROA*")], ctx, "2012-10-17", undefined, "Deny").result).toBe("false");
    expect(evaluateConditions([clause("StringEquals", "AROAEXAMPLE:${aws:TagKeys}", "other")], ctx, "2012-10-17").result).toBe("unknown");
  });
});

describe("a `${…}` not written as a policy variable (an unquoted default)", () => {
  // reference_policies_variables documents a default only "surrounded with single quotes": read as text, as the
  // variable or as one that fails, `${aws:username, bob}` decides differently, so the clause is unknown, the value named.
  const ctx = makeContext({ "aws:username": "bob", "aws:PrincipalTag/owner": "bob" }, true);
  const clause = (operator: string, ...values: string[]): ConditionClause => ({ operator, key: "aws:PrincipalTag/owner", values });

  it.each([
    ["StringEquals", "Allow"],
    ["StringEquals", "Deny"],
    ["StringNotEquals", "Deny"],
    ["StringLike", "Allow"],
  ] as const)("%s in an %s is unknown, the value named as written, no key asked for", (operator, effect) => {
    const r = evaluateConditions([clause(operator, "${aws:username, bob}")], ctx, "2012-10-17", undefined, effect);
    expect(r.result).toBe("unknown");
    expect(r.unknownKeys).toEqual([]);
    expect(r.undocumentedValues).toEqual(['aws:PrincipalTag/owner "${aws:username, bob}"']);
    expect(r.notes[0]).toContain('"${aws:username, bob}" is not written as AWS documents a policy variable');
  });

  it("the same value with its default in single quotes is the variable", () => {
    expect(evaluateConditions([clause("StringEquals", "${aws:username, 'bob'}")], ctx, "2012-10-17").result).toBe("true");
  });

  it("another value that matches settles a negated clause only", () => {
    expect(evaluateConditions([clause("StringEquals", "${aws:username, x}", "bob")], ctx, "2012-10-17").result).toBe("unknown");
    expect(evaluateConditions([clause("StringNotEquals", "${aws:username, x}", "bob")], ctx, "2012-10-17", undefined, "Deny").result).toBe("false");
  });
});

describe("a policy variable in a condition key", () => {
  // reference_policies_variables / Where you can use policy variables: "in the Resource element and in string
  // comparisons in the Condition element", never in a key. Read as written and substituted, it decides only where both do.
  const ctx = makeContext({ "aws:username": "bob", "aws:ResourceTag/bob": "yes" }, true);
  const clause = (operator: string, key: string, ...values: string[]): ConditionClause => ({ operator, key, values });

  it.each([
    ["StringEquals", "Allow"],
    ["StringNotEquals", "Deny"],
  ] as const)("%s in an %s: the readings differ, so unknown, the clause named", (operator, effect) => {
    const r = evaluateConditions([clause(operator, "aws:ResourceTag/${aws:username}", "yes")], ctx, "2012-10-17", undefined, effect);
    expect(r.result).toBe("unknown");
    expect(r.undocumentedValues).toEqual(['aws:ResourceTag/${aws:username} "yes"']);
    expect(r.notes[0]).toContain("its key holds a policy variable");
    expect(r.notes[0]).toContain("substituted (aws:ResourceTag/bob) " + (operator === "StringEquals" ? "true" : "false"));
  });

  it("settled where both readings agree", () => {
    expect(evaluateConditions([clause("StringEquals", "aws:ResourceTag/${aws:username}", "no")], ctx, "2012-10-17").result).toBe("false");
  });

  it("unknown when the variable has no one value, its key named when not known", () => {
    const open = makeContext({ "aws:ResourceTag/bob": "yes" }, false);
    const r = evaluateConditions([clause("StringNotEquals", "aws:ResourceTag/${aws:username}", "no")], open, "2012-10-17");
    expect(r.result).toBe("unknown");
    expect(r.unknownKeys).toContain("aws:username");
  });

  it("before 2012-10-17 the key is the text written", () => {
    expect(evaluateConditions([clause("StringNotEquals", "aws:ResourceTag/${aws:username}", "yes")], ctx, "2008-10-17").result).toBe("true");
  });
});

describe("a policy variable in a value of an operator AWS does not substitute it in", () => {
  // reference_policies_variables / Condition element: "You can't use a policy variable with other operators, such as
  // Numeric, Date, Boolean, Binary, IP Address, or Null operators". The value is then the text written, which does not
  // parse: it lets no one in through an Allow, and a Deny it could decide may apply (AWS documents no reading of it).
  const ctx = makeContext({ "s3:max-keys": "5", "aws:SourceIp": "203.0.113.7", "aws:SecureTransport": "true", "aws:PrincipalTag/n": "10", "aws:PrincipalTag/ip": "203.0.113.7", "aws:PrincipalTag/on": "true", "aws:TokenIssueTime": "2026-01-01T00:00:00Z", "k:bin": "QUJD" }, true);
  const run = (operator: string, key: string, value: string, effect: "Allow" | "Deny") => evaluateConditions([{ operator, key, values: [value] }], ctx, "2012-10-17", undefined, effect);

  it.each([
    ["NumericLessThan", "s3:max-keys", "${aws:PrincipalTag/n}"],
    ["DateLessThan", "aws:TokenIssueTime", "${aws:PrincipalTag/n}"],
    ["IpAddress", "aws:SourceIp", "${aws:PrincipalTag/ip}"],
    ["BinaryEquals", "k:bin", "${aws:PrincipalTag/n}"],
    ["Null", "aws:SecureTransport", "${aws:PrincipalTag/on}"],
  ])("%s %s %s: false in an Allow, unknown in a Deny naming the value", (operator, key, value) => {
    expect(run(operator, key, value, "Allow").result).toBe("false");
    const deny = run(operator, key, value, "Deny");
    expect(deny.result).toBe("unknown");
    expect(deny.undocumentedValues).toEqual([`${key} ${JSON.stringify(value)}`]);
  });

  it("Null with a value neither true nor false: a Deny it could decide may apply; one a true or false value decides stands", () => {
    const deny = (values: string[]) => evaluateConditions([{ operator: "Null", key: "aws:SecureTransport", values }], ctx, "2012-10-17", undefined, "Deny");
    expect(deny(["yes"]).result).toBe("unknown");
    expect(deny(["yes"]).notes[0]).toContain('"yes" is not true or false');
    expect(deny(["yes", "false"]).result).toBe("true");
  });

  // reference_policies_elements_condition_operators says Bool supports policy variables ("Policy variables –
  // Supported"), reference_policies_variables that Boolean operators do not: both readings, decided where they agree.
  it("Bool: substituted and as written, unknown where they differ, the value named", () => {
    const allow = run("Bool", "aws:SecureTransport", "${aws:PrincipalTag/on}", "Allow");
    expect(allow.result).toBe("unknown");
    expect(allow.unknownKeys).toEqual([]);
    expect(allow.undocumentedValues).toEqual(['aws:SecureTransport "${aws:PrincipalTag/on}"']);
    expect(allow.notes[0]).toContain("Bool supports policy variables, its policy variables page that Boolean operators do not");
    // Substituted it fails, as written it does not parse: false both ways in an Allow; a Deny's written reading may apply.
    expect(run("Bool", "aws:SecureTransport", "${aws:PrincipalTag/off, 'false'}", "Allow").result).toBe("false");
    expect(run("Bool", "aws:SecureTransport", "${aws:PrincipalTag/off, 'false'}", "Deny").result).toBe("unknown");
    // Another value that decides both readings alike settles it.
    expect(evaluateConditions([{ operator: "Bool", key: "aws:SecureTransport", values: ["${aws:PrincipalTag/on}", "true"] }], ctx, "2012-10-17").result).toBe("true");
  });
});

describe("…IfExists whose value holds a policy variable with no value, the key present", () => {
  // IfExists asks only whether the key is present: "If the condition key is present in the context of the request,
  // process the key as specified in the policy" (reference_policies_elements_condition_operators, Conditions_IfExists).
  // So processed, "When you use a variable with no value in the condition element of an IAM policy, … condition
  // operators like StringEquals or StringLike do not match", and "Inverted condition operators like StringNotEquals or
  // StringNotLike do match against a null value" (reference_policies_variables, policy-vars-no-value).
  const ctx = makeContext({ "s3:ExistingObjectTag/Team": "blue" }, true);
  const run = (operator: string, values: string[], effect: "Allow" | "Deny" = "Allow") =>
    evaluateConditions([{ operator, key: "s3:ExistingObjectTag/Team", values }], ctx, "2012-10-17", undefined, effect);

  it.each([
    ["StringEqualsIfExists", ["${aws:PrincipalTag/Team}"], "Allow"],
    ["StringLikeIfExists", ["${aws:PrincipalTag/Team}", "red"], "Deny"],
  ] as const)("%s %j in an %s: false, the variable matching nothing, and the note says IfExists spares only an absent key", (operator, values, effect) => {
    const r = run(operator, [...values], effect);
    expect(r.result).toBe("false");
    expect(r.unknownKeys).toEqual([]);
    expect(r.undocumentedValues).toEqual([]);
    expect(r.notes[0]).toContain("policy variable(s) aws:PrincipalTag/Team absent");
    expect(r.notes[0]).toContain("IfExists spares only an absent key, and the request carries this one");
  });

  it("a negated …IfExists: the null value differs from the key's, so another value alone decides", () => {
    // "blue" is one of the values: the request value equals it, and StringNotEquals over several values is a NOR.
    expect(run("StringNotEqualsIfExists", ["blue", "${aws:PrincipalTag/Team}"], "Deny").result).toBe("false");
    expect(run("StringNotEqualsIfExists", ["${aws:PrincipalTag/Team}"], "Deny").result).toBe("true");
  });

  it("settled alike without IfExists, as the variables page says (no match)", () => {
    expect(run("StringEquals", ["${aws:PrincipalTag/Team}"]).result).toBe("false");
    // The key absent: IfExists holds whatever the value (the operators page).
    expect(evaluateConditions([{ operator: "StringEqualsIfExists", key: "s3:ExistingObjectTag/Owner", values: ["${aws:PrincipalTag/Team}"] }], ctx, "2012-10-17").result).toBe("true");
  });
});
