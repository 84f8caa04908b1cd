import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { evaluateResourcePolicy, resourcePolicyDecision } from "./evaluate";
import { allow, deny, doc } from "./test-policies";
import type { Decision, EvaluationRequest } from "./types";

// A regional service principal names that region's service (CDK ServicePrincipal: the regional name "is only
// necessary for cross-region references to opt-in regions"); a log group's subscription calls a function of its own
// region. Whether the eu-west-1 service also answers to the us-east-1 name is not documented: conditional.
const A = "111122223333";
const fnEu = `arn:aws:lambda:eu-west-1:${A}:function:target`;
const invoke = "lambda:InvokeFunction";
const grant = (service: string | string[]) => doc("resource", "function policy", { Principal: { Service: service }, ...allow(invoke) });
const call = (id: string, resource = fnEu): EvaluationRequest => ({ principal: { type: "service", id }, action: invoke, resource, context: makeContext({}, true) });

describe("a service principal spelled with a region", () => {
  const cases: [string, ReturnType<typeof grant>, EvaluationRequest, Decision][] = [
    ["the global spelling lets in the function's region's service", grant("logs.amazonaws.com"), call("logs.amazonaws.com"), "allowed"],
    ["the function's own region's spelling lets it in", grant("logs.eu-west-1.amazonaws.com"), call("logs.amazonaws.com"), "allowed"],
    ["another region's spelling may not name the function's region's service", grant("logs.us-east-1.amazonaws.com"), call("logs.amazonaws.com"), "conditional"],
    ["another region's spelling beside the global one lets it in", grant(["logs.us-east-1.amazonaws.com", "logs.amazonaws.com"]), call("logs.amazonaws.com"), "allowed"],
    ["another region's spelling lets in the service asked as that region's", grant("logs.us-east-1.amazonaws.com"), call("logs.us-east-1.amazonaws.com"), "allowed"],
    ["a caller spelled with the function's region against another region's grant", grant("logs.us-east-1.amazonaws.com"), call("logs.eu-west-1.amazonaws.com"), "conditional"],
    ["another service is not named at all", grant("sns.us-east-1.amazonaws.com"), call("logs.amazonaws.com"), "implicitly-denied"],
    ["a resource that names no region keeps the folded reading", grant("logs.us-east-1.amazonaws.com"), call("logs.amazonaws.com", "*"), "allowed"],
  ];
  it.each(cases)("%s", (_name, policy, request, expected) => {
    // Given a function policy naming a service, when the service's call is evaluated with and without evidence
    const result = evaluateResourcePolicy(policy, request);
    // Then both paths give the same answer, and a conditional one says why
    expect(result.decision).toBe(expected);
    expect(resourcePolicyDecision(policy, request)).toBe(expected);
    if (expected === "conditional") expect(result.reasons.join(" ")).toContain("another region's spelling (logs.us-east-1.amazonaws.com)");
  });

  it("a Deny naming another region's spelling refuses only conditionally", () => {
    // Given a global grant and a Deny naming us-east-1's spelling on a function in eu-west-1
    const policy = doc(
      "resource",
      "function policy",
      { Principal: { Service: "logs.amazonaws.com" }, ...allow(invoke, fnEu) },
      { Principal: { Service: "logs.us-east-1.amazonaws.com" }, ...deny(invoke, fnEu) },
    );
    // When the function's region's service calls, then the Deny may or may not apply
    expect(resourcePolicyDecision(policy, call("logs.amazonaws.com"))).toBe("conditional");
    expect(evaluateResourcePolicy(policy, call("logs.amazonaws.com")).decision).toBe("conditional");
  });
});
