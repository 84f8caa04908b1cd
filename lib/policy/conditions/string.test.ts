import { describe } from "vitest";
import { cases, runClauseCases } from "./clause-cases";

const P = "reference_policies_elements_condition_operators";

describe("String condition operators", () => {
  runClauseCases(
    cases([
      [`${P}: StringEquals exact match`, "StringEquals", "aws:SourceAccount", ["111122223333"], "111122223333", "true"],
      [`${P}: StringEquals is case-sensitive`, "StringEquals", "s3:prefix", ["Home"], "home", "false"],
      [`${P}: StringEquals OR across values`, "StringEquals", "aws:SourceAccount", ["1", "2"], "2", "true"],
      [`${P}: StringEquals with absent key is false`, "StringEquals", "aws:SourceAccount", ["1"], undefined, "false"],
      [`${P}: StringEquals does not expand wildcards`, "StringEquals", "k", ["a*"], "abc", "false"],
      [`${P}: StringNotEquals with absent key is true`, "StringNotEquals", "aws:SourceAccount", ["1"], undefined, "true"],
      [`${P}: StringNotEquals matches none of the values`, "StringNotEquals", "k", ["a", "b"], "c", "true"],
      [`${P}: StringNotEquals false when one value matches`, "StringNotEquals", "k", ["a", "b"], "b", "false"],
      [`${P}: StringEqualsIgnoreCase`, "StringEqualsIgnoreCase", "k", ["HeLLo"], "hello", "true"],
      [`${P}: StringNotEqualsIgnoreCase`, "StringNotEqualsIgnoreCase", "k", ["HeLLo"], "hello", "false"],
      // Compared character by character (as Java's String.equalsIgnoreCase): "İ" lower-cases to the two characters
      // "i̇" as a whole string, but strings of different lengths are never equal.
      [`${P}: StringEqualsIgnoreCase does not equate strings of different lengths`, "StringEqualsIgnoreCase", "k", ["\u0130"], "i\u0307", "false"],
      [`${P}: StringLike with * spans /`, "StringLike", "s3:prefix", ["home/*"], "home/a/b", "true"],
      [`${P}: StringLike with ?`, "StringLike", "k", ["a?c"], "abc", "true"],
      [`${P}: StringLike is case-sensitive`, "StringLike", "k", ["A*"], "abc", "false"],
      [`${P}: StringNotLike`, "StringNotLike", "k", ["a*"], "bcd", "true"],
      // "*" is "any combination of characters" and "?" any one: a line break is one of them (a multi-line value).
      [`${P}: StringLike * spans line breaks`, "StringLike", "k", ["a*b"], "a\nx\nb", "true"],
      [`${P}: StringLike ? is a line break too`, "StringLike", "k", ["a?b"], "a\nb", "true"],
      [`${P}: StringNotLike does not hold across a line break * spans`, "StringNotLike", "k", ["a*"], "a\nb", "false"],
      [`${P}: StringEquals compares a multi-line value whole`, "StringEquals", "k", ["a"], "a\nb", "false"],
      [`${P}: StringNotLike absent key is true`, "StringNotLike", "k", ["a*"], undefined, "true"],
      [`${P}: StringEqualsIfExists absent key is true`, "StringEqualsIfExists", "k", ["a"], undefined, "true"],
      [`${P}: StringEqualsIfExists present key compares`, "StringEqualsIfExists", "k", ["a"], "b", "false"],
      [`${P}: condition keys are case-insensitive`, "StringEquals", "AWS:SourceAccount", ["1"], "1", "true"],
      [`${P}: operator names read case-insensitively`, "stringequals", "k", ["1"], "1", "true"],
    ]),
  );
  runClauseCases([
    {
      name: `${P}: key name case differs between policy and context`,
      operator: "StringEquals",
      key: "AWS:SourceAccount",
      values: ["1"],
      context: { "aws:sourceaccount": "1" },
      expected: "true",
    },
    {
      name: "reference_policies_variables: StringEquals with ${aws:PrincipalTag/team}",
      operator: "StringEquals",
      key: "aws:ResourceTag/team",
      values: ["${aws:PrincipalTag/team}"],
      context: { "aws:ResourceTag/team": "blue", "aws:PrincipalTag/team": "blue" },
      expected: "true",
    },
    {
      name: "reference_policies_variables: unknown variable makes the clause unknown",
      operator: "StringEquals",
      key: "aws:ResourceTag/team",
      values: ["${aws:PrincipalTag/team}"],
      context: { "aws:ResourceTag/team": "blue" },
      complete: false,
      expected: "unknown",
    },
    {
      name: "reference_policies_variables: absent variable (context complete) does not match",
      operator: "StringEquals",
      key: "aws:ResourceTag/team",
      values: ["${aws:PrincipalTag/team}"],
      context: { "aws:ResourceTag/team": "blue" },
      expected: "false",
    },
    // "Inverted condition operators like StringNotEquals or StringNotLike do match against a null value, as the value of
    // the condition key they are testing against is not equal to or like the effectively null value"
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html, "Policy variables with no value").
    {
      name: "reference_policies_variables: a negated operator holds against a value whose variable is absent",
      operator: "StringNotEquals",
      key: "aws:ResourceTag/team",
      values: ["${aws:PrincipalTag/team}"],
      context: { "aws:ResourceTag/team": "blue" },
      expected: "true",
    },
    {
      name: "reference_policies_variables: so does a negated set operator, the other values still compared",
      operator: "ForAnyValue:StringNotLike",
      key: "aws:TagKeys",
      values: ["team", "${aws:PrincipalTag/team}-*"],
      context: { "aws:TagKeys": ["owner"] },
      expected: "true",
    },
    {
      name: "reference_policies_variables: a negated operator is false where another value matches",
      operator: "StringNotLike",
      key: "aws:ResourceTag/team",
      values: ["blue", "${aws:PrincipalTag/team}"],
      context: { "aws:ResourceTag/team": "blue" },
      expected: "false",
    },
    {
      name: "reference_policies_variables: absent variable uses its default",
      operator: "StringEquals",
      key: "aws:ResourceTag/team",
      values: ["${aws:PrincipalTag/team, 'blue'}"],
      context: { "aws:ResourceTag/team": "blue" },
      expected: "true",
    },
    {
      name: "reference_policies_variables: StringLike with ${*} matches only a literal *",
      operator: "StringLike",
      key: "k",
      values: ["a${*}"],
      context: { k: "abc" },
      expected: "false",
    },
    {
      name: "reference_policies_variables: StringEquals with ${*} equals a literal *",
      operator: "StringEquals",
      key: "k",
      values: ["a${*}"],
      context: { k: "a*" },
      expected: "true",
    },
    {
      name: "reference_policies_elements_version: 2008-10-17 variables are literal text",
      operator: "StringEquals",
      key: "k",
      values: ["${aws:username}"],
      context: { k: "${aws:username}", "aws:username": "bob" },
      version: "2008-10-17",
      expected: "true",
    },
    {
      name: "context not complete: missing key is unknown",
      operator: "StringEquals",
      key: "aws:SourceIp",
      values: ["1"],
      context: {},
      complete: false,
      expected: "unknown",
    },
    {
      name: "context not complete: IfExists on a missing key stays unknown",
      operator: "StringEqualsIfExists",
      key: "aws:SourceIp",
      values: ["1"],
      context: {},
      complete: false,
      expected: "unknown",
    },
  ]);
});
