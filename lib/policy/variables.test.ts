import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { hasVariableBeforeResourcePart, substituteVariables } from "./variables";
import { LITERAL_QMARK, LITERAL_STAR, resourceMatches } from "./wildcard";

const ctx = makeContext({ "aws:username": "alice", "aws:PrincipalTag/team": "blue", "aws:userid": "AROAX:fn" }, false);
const complete = makeContext({ "aws:username": "alice" }, true);

describe("reference_policies_variables: substitution", () => {
  it.each([
    ["home/${aws:username}/*", ctx, "2012-10-17", { state: "value", text: "home/alice/*" }],
    ["team-${aws:PrincipalTag/team}", ctx, "2012-10-17", { state: "value", text: "team-blue" }],
    ["key names are case-insensitive: ${AWS:UserName}", ctx, "2012-10-17", { state: "value", text: "key names are case-insensitive: alice" }],
    ["${aws:userid}", ctx, "2012-10-17", { state: "value", text: "AROAX:fn" }],
    ["literal ${*} ${?} ${$}", ctx, "2012-10-17", { state: "value", text: `literal ${LITERAL_STAR} ${LITERAL_QMARK} $` }],
    ["default ${aws:SourceIdentity, 'none'}", complete, "2012-10-17", { state: "value", text: "default none" }],
    ["default ${aws:username,'none'}", complete, "2012-10-17", { state: "value", text: "default alice" }],
    ["unknown ${aws:SourceIdentity}", ctx, "2012-10-17", { state: "unknown", keys: ["aws:SourceIdentity"] }],
    ["unknown even with default ${aws:SourceIdentity, 'x'}", ctx, "2012-10-17", { state: "unknown", keys: ["aws:SourceIdentity"] }],
    ["absent ${aws:SourceIdentity}", complete, "2012-10-17", { state: "absent", keys: ["aws:SourceIdentity"] }],
    ["reference_policies_elements_version: 2008-10-17 keeps ${aws:username} literal", ctx, "2008-10-17", { state: "value", text: "reference_policies_elements_version: 2008-10-17 keeps ${aws:username} literal" }],
    ["unterminated ${aws:username", ctx, "2012-10-17", { state: "value", text: "unterminated ${aws:username" }],
  ])("%s", (text, context, version, expected) => {
    expect(substituteVariables(text, context, version)).toEqual(expected);
  });

  // "You can't use a multivalued condition key as a variable" (reference_policies_variables): nor does AWS say what it
  // makes of one, absent, its default or one of its values, so the value has no reading of its own, default or not.
  it("a multivalued key is no variable, even with a single value (reference_policies_variables)", () => {
    const c = makeContext({ "aws:TagKeys": ["team"], "aws:PrincipalServiceNamesList": ["lambda.amazonaws.com"] }, true);
    expect(substituteVariables("tag/${aws:TagKeys}", c, "2012-10-17")).toEqual({ state: "multivalued", keys: ["aws:TagKeys"] });
    expect(substituteVariables("tag/${aws:TagKeys, 'none'}", c, "2012-10-17")).toEqual({ state: "multivalued", keys: ["aws:TagKeys"] });
    expect(substituteVariables("${aws:PrincipalServiceNamesList}", c, "2012-10-17")).toEqual({ state: "multivalued", keys: ["aws:PrincipalServiceNamesList"] });
    // A variable with no value still decides the value: it matches nothing, whatever the other variable holds.
    expect(substituteVariables("${aws:TagKeys}/${aws:SourceIdentity}", c, "2012-10-17")).toEqual({ state: "absent", keys: ["aws:SourceIdentity"] });
  });

  // The key AWS lists as multivalued is no variable whatever one request holds for it: not known, absent or one string.
  it.each([
    ["not known", makeContext({}, false), "${aws:PrincipalOrgPaths}", "aws:PrincipalOrgPaths"],
    ["absent", makeContext({}, true), "tag/${aws:TagKeys}", "aws:TagKeys"],
    ["held as one string", makeContext({ "aws:CalledVia": "athena.amazonaws.com" }, true), "${AWS:CalledVia}", "AWS:CalledVia"],
    // Service keys the Service Authorization Reference types ArrayOfString / ArrayOfARN, as the catalog reads them.
    ["a service key (ArrayOfString) not known", makeContext({}, false), "layer/${lambda:Layer}", "lambda:Layer"],
    ["a service key (ArrayOfARN) absent", makeContext({}, true), "${events:TargetArn}", "events:TargetArn"],
    ["a service key held as one string", makeContext({ "lambda:securitygroupids": "sg-1" }, true), "${Lambda:SecurityGroupIds}", "Lambda:SecurityGroupIds"],
  ])("a key AWS lists as multivalued is no variable when %s (reference_policies_variables)", (_how, context, text, key) => {
    expect(substituteVariables(text, context, "2012-10-17")).toEqual({ state: "multivalued", keys: [key] });
  });

  // AWS documents a default only "surrounded with single quotes" (reference_policies_variables, Specifying default
  // values) and says nothing of any other `${…}`: it has no reading of its own, whatever the request holds.
  it.each([
    ["an unquoted default", "${aws:username, nobody}"],
    ["a default in double quotes", '${aws:username, "nobody"}'],
    ["a quote left open", "${aws:username, 'nobody}"],
    ["two defaults", "${aws:username, 'a', 'b'}"],
    // "you cannot include a space in the variable name" (access-analyzer-reference-policy-checks, Unsupported space).
    ["a space in the name", "${ aws:username }"],
    ["a space before the default's comma", "${aws:username , 'nobody'}"],
  ])("%s is no variable (reference_policies_variables)", (_how, form) => {
    for (const context of [ctx, complete, makeContext({}, true)]) {
      expect(substituteVariables(`home/${form}/*`, context, "2012-10-17")).toEqual({ state: "malformed", forms: [form] });
    }
    // Before 2012-10-17 no `${…}` is a variable: the text is the text.
    expect(substituteVariables(form, ctx, "2008-10-17")).toEqual({ state: "value", text: form });
  });

  it("a service key the reference types single-valued (ARN, String) is a variable as any other", () => {
    const c = makeContext({ "lambda:FunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:f", "lambda:Principal": "sns.amazonaws.com" }, true);
    expect(substituteVariables("${lambda:FunctionArn}", c, "2012-10-17")).toEqual({ state: "value", text: "arn:aws:lambda:us-east-1:111122223333:function:f" });
    expect(substituteVariables("${lambda:Principal}", c, "2012-10-17")).toEqual({ state: "value", text: "sns.amazonaws.com" });
  });

  it("substituted values are literal: a * in a context value is not a wildcard", () => {
    const c = makeContext({ "aws:username": "a*" }, true);
    const sub = substituteVariables("arn:aws:s3:::b/${aws:username}", c, "2012-10-17");
    expect(sub.state).toBe("value");
    if (sub.state !== "value") return;
    expect(resourceMatches(sub.text, "arn:aws:s3:::b/a*")).toBe(true);
    expect(resourceMatches(sub.text, "arn:aws:s3:::b/abc")).toBe(false);
  });

  it("${*} matches only a literal asterisk", () => {
    const sub = substituteVariables("arn:aws:s3:::b/${*}", ctx, "2012-10-17");
    if (sub.state !== "value") throw new Error("expected value");
    expect(resourceMatches(sub.text, "arn:aws:s3:::b/*")).toBe(true);
    expect(resourceMatches(sub.text, "arn:aws:s3:::b/x")).toBe(false);
  });
});

describe("reference_policies_variables: substituted values stay literal", () => {
  it("a ? in a context value matches only a question mark", () => {
    const sub = substituteVariables("arn:aws:s3:::b/${aws:username}", makeContext({ "aws:username": "a?" }, true), "2012-10-17");
    if (sub.state !== "value") throw new Error("expected value");
    expect(resourceMatches(sub.text, "arn:aws:s3:::b/a?")).toBe(true);
    expect(resourceMatches(sub.text, "arn:aws:s3:::b/ab")).toBe(false);
  });
});

describe("reference_policies_variables / Resource element: \"only in the resource portion of the ARN ... after the fifth colon\"", () => {
  it.each([
    ["arn:aws:s3:::b/${aws:username}", "2012-10-17", false],
    ["arn:aws:lambda:us-east-1:111122223333:function:${aws:PrincipalTag/fn}", "2012-10-17", false],
    ["arn:aws:sqs:us-east-2:*:${aws:username}-queue", "2012-10-17", false],
    ["arn:aws:lambda:${aws:RequestedRegion}:111122223333:function:f", "2012-10-17", true],
    ["arn:aws:lambda:us-east-1:${aws:PrincipalAccount}:function:f", "2012-10-17", true],
    ["arn:aws:${aws:PrincipalTag/service}:::x", "2012-10-17", true],
    ["${aws:PrincipalTag/arn}", "2012-10-17", true],
    ["arn:aws:lambda:${aws:RequestedRegion}:111122223333:function:f", "2008-10-17", false],
    ["arn:aws:lambda:us-east-1:111122223333:function:f", "2012-10-17", false],
  ])("%s (%s) → %s", (pattern, version, expected) => {
    expect(hasVariableBeforeResourcePart(pattern, version)).toBe(expected);
  });
});
