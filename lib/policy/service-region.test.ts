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
const fnUs = `arn:aws:lambda:us-east-1:${A}:function:target`;
const fnOptIn = `arn:aws:lambda:ap-east-1:${A}:function:target`;
const fnGov = `arn:aws-us-gov:lambda:us-gov-west-1:${A}:function:target`;
const fnCn = `arn:aws-cn:lambda:cn-north-1:${A}:function:target`;
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
    // The same folding for every service and region form, not a list of known names: Lambda's and Step Functions' own
    // regional spellings, an opt-in region (ap-east-1), a region of three words (us-gov-west-1) and the China partition.
    ["lambda's regional spelling names lambda of the function's region", grant("lambda.us-east-1.amazonaws.com"), call("lambda.amazonaws.com", fnUs), "allowed"],
    ["states' regional spelling names Step Functions of the function's region", grant("states.us-east-1.amazonaws.com"), call("states.amazonaws.com", fnUs), "allowed"],
    ["the global states.amazonaws.com is Step Functions", grant("states.amazonaws.com"), call("states.amazonaws.com", fnUs), "allowed"],
    ["an opt-in region's service calling its own region with the global name meets the regional spelling", grant("logs.ap-east-1.amazonaws.com"), call("logs.amazonaws.com", fnOptIn), "allowed"],
    ["an opt-in region's service calling its own region meets the global spelling", grant("logs.amazonaws.com"), call("logs.ap-east-1.amazonaws.com", fnOptIn), "allowed"],
    ["a cross-region call from an opt-in region, spelled with its region, meets that spelling", grant("logs.ap-east-1.amazonaws.com"), call("logs.ap-east-1.amazonaws.com"), "allowed"],
    ["a GovCloud region's spelling", grant("logs.us-gov-west-1.amazonaws.com"), call("logs.amazonaws.com", fnGov), "allowed"],
    ["the China partition's regional spelling", grant("logs.cn-north-1.amazonaws.com.cn"), call("logs.amazonaws.com.cn", fnCn), "allowed"],
  ];
  it.each(cases)("%s", (_name, policy, request, expected) => {
    // Given a function policy naming a service, when the service's call is evaluated with and without evidence
    const result = evaluateResourcePolicy(policy, request);
    // Then both paths give the same answer, and a conditional one says why
    expect(result.decision).toBe(expected);
    expect(resourcePolicyDecision(policy, request)).toBe(expected);
    if (expected === "conditional") expect(result.reasons.join(" ")).toContain("another region's spelling (logs.us-east-1.amazonaws.com)");
  });

  it("an opt-in region's spelling on a function elsewhere may name another region's service: conditional", () => {
    // Given a grant to ap-east-1's CloudWatch Logs on a function in eu-west-1, when eu-west-1's service calls
    const request = call("logs.amazonaws.com");
    const result = evaluateResourcePolicy(grant("logs.ap-east-1.amazonaws.com"), request);
    // Then the grant may or may not be for it, and the reason names the spelling
    expect(result.decision).toBe("conditional");
    expect(resourcePolicyDecision(grant("logs.ap-east-1.amazonaws.com"), request)).toBe("conditional");
    expect(result.reasons.join(" ")).toContain("another region's spelling (logs.ap-east-1.amazonaws.com)");
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

// reference_policies_elements_principal.html, "AWS service principals in opt-in Regions": "When an AWS service in an
// opt-in Region makes a cross-region request to another Region, the service principal name format is identified as
// the regionalized version"; "If you specify the non-regionalized version of the S3 service principal,
// s3.amazonaws.com, in the topic access policy, the sns:Publish request from the bucket to the topic will fail";
// "Resource policies … for cross-Region requests from an opt-in Region to another Region will only be successful if
// you specify the regionalized service principal name."
describe("a cross-region call from an opt-in region (the regionalized name only)", () => {
  const fnApSe1 = `arn:aws:lambda:ap-southeast-1:${A}:function:target`;
  const fromHongKong = call("sns.ap-east-1.amazonaws.com", fnApSe1);
  const cases: [string, ReturnType<typeof grant>, EvaluationRequest, Decision][] = [
    ["the global name does not let it in (AWS: the request \"will fail\")", grant("sns.amazonaws.com"), fromHongKong, "implicitly-denied"],
    ["another opt-in region's name does not let it in", grant("sns.eu-south-1.amazonaws.com"), fromHongKong, "implicitly-denied"],
    ["the target region's own name does not let it in", grant("sns.ap-southeast-1.amazonaws.com"), fromHongKong, "implicitly-denied"],
    ["its own regionalized name lets it in", grant("sns.ap-east-1.amazonaws.com"), fromHongKong, "allowed"],
    ["its own regionalized name, written in capitals, lets it in (service names compare case-insensitively)", grant("SNS.AP-EAST-1.AMAZONAWS.COM"), fromHongKong, "allowed"],
    ["beside the global name, its own name lets it in", grant(["sns.amazonaws.com", "sns.ap-east-1.amazonaws.com"]), fromHongKong, "allowed"],
    // Same region: "the service principal name format is identified as the non-regionalized version".
    ["calling its own opt-in region, the global name lets it in", grant("sns.amazonaws.com"), call("sns.ap-east-1.amazonaws.com", fnOptIn), "allowed"],
    // A default region's spelling calling elsewhere keeps the folded reading (the page speaks only of opt-in regions).
    ["a default region's spelling calling another region keeps the folded reading", grant("sns.amazonaws.com"), call("sns.us-east-1.amazonaws.com", fnApSe1), "allowed"],
  ];
  it.each(cases)("%s", (_name, policy, request, expected) => {
    expect(evaluateResourcePolicy(policy, request).decision).toBe(expected);
    expect(resourcePolicyDecision(policy, request)).toBe(expected);
  });

  it("a Deny on the global name does not refuse the opt-in region's cross-region call, which its own name's grant lets in", () => {
    // Given the confused-deputy guard on the global name beside a grant to Hong Kong's SNS
    const policy = doc(
      "resource",
      "function policy",
      { Principal: { Service: "sns.ap-east-1.amazonaws.com" }, ...allow(invoke, fnApSe1) },
      { Principal: { Service: "sns.amazonaws.com" }, ...deny(invoke, fnApSe1) },
    );
    // When Hong Kong's SNS calls, then the Deny names another principal: allowed
    expect(resourcePolicyDecision(policy, fromHongKong)).toBe("allowed");
    expect(evaluateResourcePolicy(policy, fromHongKong).decision).toBe("allowed");
  });

  it("NotPrincipal listing only the global name does not exclude the opt-in region's cross-region call", () => {
    const policy = doc("resource", "function policy", { NotPrincipal: { Service: "sns.amazonaws.com" }, ...deny(invoke, fnApSe1) }, { Principal: { Service: "sns.ap-east-1.amazonaws.com" }, ...allow(invoke, fnApSe1) });
    expect(resourcePolicyDecision(policy, fromHongKong)).toBe("explicitly-denied");
  });
});
