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

// reference_policies_elements_principal.html, "AWS service principals in opt-in Regions": "When an AWS service in an
// opt-in Region makes a request within the same Region, the service principal name format is identified as the
// non-regionalized version of their service principal name: {service-name}.amazonaws.com"; the regionalized name is
// the one it is identified as only for a "cross-region request to another Region". lambda-permissions.md §3.2 has
// working CloudWatch Logs subscriptions granted to `logs.<region>.amazonaws.com` in older configurations: the region's
// own spelling is doubtful there, neither a match nor no caller.
describe("a call within an opt-in region (the global name documented, the regional one doubtful)", () => {
  const cases: [string, ReturnType<typeof grant>, EvaluationRequest, Decision][] = [
    ["the region's own regionalized name may let in its service calling within it: conditional", grant("logs.ap-east-1.amazonaws.com"), call("logs.amazonaws.com", fnOptIn), "conditional"],
    ["so when the caller is spelled with that region", grant("logs.ap-east-1.amazonaws.com"), call("logs.ap-east-1.amazonaws.com", fnOptIn), "conditional"],
    ["so written in capitals", grant("LOGS.AP-EAST-1.AMAZONAWS.COM"), call("logs.amazonaws.com", fnOptIn), "conditional"],
    ["the global name lets it in", grant("logs.amazonaws.com"), call("logs.amazonaws.com", fnOptIn), "allowed"],
    ["beside the regionalized name, the global name lets it in", grant(["logs.ap-east-1.amazonaws.com", "logs.amazonaws.com"]), call("logs.amazonaws.com", fnOptIn), "allowed"],
    // Another region's spelling beside it stays what it is elsewhere: a name that may or may not be this service's.
    ["beside another region's spelling, both doubtful: conditional", grant(["logs.ap-east-1.amazonaws.com", "logs.us-east-1.amazonaws.com"]), call("logs.amazonaws.com", fnOptIn), "conditional"],
    // A default region is no opt-in region: its own spelling keeps the folded reading (the page speaks of opt-in ones).
    ["a default region's own spelling still lets in its service", grant("logs.eu-west-1.amazonaws.com"), call("logs.amazonaws.com"), "allowed"],
  ];
  it.each(cases)("%s", (_name, policy, request, expected) => {
    expect(evaluateResourcePolicy(policy, request).decision).toBe(expected);
    expect(resourcePolicyDecision(policy, request)).toBe(expected);
  });

  it("the conditional reason says the region's own spelling is documented for other regions' calls only", () => {
    const result = evaluateResourcePolicy(grant(["logs.ap-east-1.amazonaws.com", "logs.us-east-1.amazonaws.com"]), call("logs.amazonaws.com", fnOptIn));
    expect(result.reasons.join(" ")).toContain("its opt-in region's own spelling, which AWS documents for calls from other regions only (logs.ap-east-1.amazonaws.com, logs.us-east-1.amazonaws.com)");
  });

  it("a Deny naming only the region's regionalized name refuses its service calling within it only conditionally", () => {
    const policy = doc(
      "resource",
      "function policy",
      { Principal: { Service: "logs.amazonaws.com" }, ...allow(invoke, fnOptIn) },
      { Principal: { Service: "logs.ap-east-1.amazonaws.com" }, ...deny(invoke, fnOptIn) },
    );
    expect(resourcePolicyDecision(policy, call("logs.amazonaws.com", fnOptIn))).toBe("conditional");
    expect(evaluateResourcePolicy(policy, call("logs.amazonaws.com", fnOptIn)).decision).toBe("conditional");
  });

  it("a policy long enough to be indexed gives the same answers", () => {
    // Given one grant per log group, the first to the regionalized name, the rest to the global one with another source
    const statements = Array.from({ length: 40 }, (_, i) => ({
      Principal: { Service: i === 0 ? "logs.ap-east-1.amazonaws.com" : "logs.amazonaws.com" },
      ...allow(invoke, fnOptIn, { Condition: { ArnLike: { "aws:SourceArn": `arn:aws:logs:ap-east-1:${A}:log-group:g${i}:*` } } }),
    }));
    const policy = doc("resource", "function policy", ...statements);
    const from = (group: number) => ({ ...call("logs.amazonaws.com", fnOptIn), context: makeContext({ "aws:SourceArn": `arn:aws:logs:ap-east-1:${A}:log-group:g${group}:*` }, true) });
    // Then the regionalized grant lets its group in conditionally, the global ones their own groups for certain
    expect(resourcePolicyDecision(policy, from(0))).toBe("conditional");
    expect(evaluateResourcePolicy(policy, from(0)).decision).toBe("conditional");
    expect(resourcePolicyDecision(policy, from(7))).toBe("allowed");
  });
});

// Other partitions. China: both spellings are written for the same trigger. The China edition of Lambda's guide
// (docs.amazonaws.cn/lambda/latest/dg/access-control-resource-based.html) grants a cn-north-1 function to
// "s3.amazonaws.com.cn" and `add-permission --principal sns.amazonaws.com.cn`; AWS CDK (feature flag
// @aws-cdk/aws-iam:standardizedServicePrincipals) writes the global name everywhere: "all service principals names
// have been standardized to their global form (SERVICE.amazonaws.com)". So in aws-cn a name with and without `.cn`
// is one service. China and GovCloud are other partitions than the commercial one, whose Regions alone are opt-in
// (accounts/latest/reference/manage-acct-regions.html): their regional spellings keep the folded reading.
describe("service principals in the China and GovCloud partitions", () => {
  const fnCn2 = `arn:aws-cn:lambda:cn-northwest-1:${A}:function:target`;
  const fnGovEast = `arn:aws-us-gov:lambda:us-gov-east-1:${A}:function:target`;
  const cases: [string, ReturnType<typeof grant>, EvaluationRequest, Decision][] = [
    ["a China function: the .cn name lets in the service asked by its global name", grant("s3.amazonaws.com.cn"), call("s3.amazonaws.com", fnCn), "allowed"],
    ["a China function: the global name lets in the service asked by its .cn name", grant("s3.amazonaws.com"), call("s3.amazonaws.com.cn", fnCn), "allowed"],
    ["a China function: the .cn name lets in the service asked by it", grant("sns.amazonaws.com.cn"), call("sns.amazonaws.com.cn", fnCn), "allowed"],
    ["a China function: a regional .cn spelling of its region lets in the global name", grant("logs.cn-north-1.amazonaws.com.cn"), call("logs.amazonaws.com", fnCn), "allowed"],
    ["a China function: another China region's spelling may name another region's service", grant("logs.cn-north-1.amazonaws.com.cn"), call("logs.amazonaws.com", fnCn2), "conditional"],
    ["a China function: another service's .cn name does not let it in", grant("sns.amazonaws.com.cn"), call("s3.amazonaws.com", fnCn), "implicitly-denied"],
    // China Regions are no opt-in Regions: a call spelled with one into the other keeps the folded reading.
    ["a China region's spelling calling the other China region keeps the folded reading", grant("sns.amazonaws.com"), call("sns.cn-north-1.amazonaws.com", fnCn2), "allowed"],
    ["a commercial function: the .cn name is China's service, not the one asked by the global name", grant("s3.amazonaws.com.cn"), call("s3.amazonaws.com", fnEu), "implicitly-denied"],
    ["a GovCloud function: the global name lets in its service", grant("s3.amazonaws.com"), call("s3.amazonaws.com", fnGov), "allowed"],
    ["a GovCloud function: the .cn name is China's service", grant("s3.amazonaws.com.cn"), call("s3.amazonaws.com", fnGov), "implicitly-denied"],
    ["a GovCloud region's spelling calling the other GovCloud region keeps the folded reading", grant("sns.amazonaws.com"), call("sns.us-gov-west-1.amazonaws.com", fnGovEast), "allowed"],
  ];
  it.each(cases)("%s", (_name, policy, request, expected) => {
    expect(evaluateResourcePolicy(policy, request).decision).toBe(expected);
    expect(resourcePolicyDecision(policy, request)).toBe(expected);
  });

  it("a China policy long enough to be indexed finds the .cn grant for the global name", () => {
    const statements = Array.from({ length: 40 }, (_, i) => ({
      Principal: { Service: i === 0 ? "s3.amazonaws.com.cn" : `svc${i}.amazonaws.com` },
      ...allow(invoke, fnCn),
    }));
    const policy = doc("resource", "function policy", ...statements);
    expect(resourcePolicyDecision(policy, call("s3.amazonaws.com", fnCn))).toBe("allowed");
    expect(evaluateResourcePolicy(policy, call("s3.amazonaws.com", fnCn)).decision).toBe("allowed");
  });
});

// The ISO and European Sovereign Cloud partitions have no public guide saying how their services are named; tools
// spell some in the partition's own endpoint domain (`logs.c2s.ic.gov`, Terraform's aws_service_principal after CDK's
// region-info) and the rest globally. A grant in the domain is found as the service, but whether it names the caller
// asked by the other spelling is undecided, never a sure answer (principal.ts, undocumentedSpelling).
describe("service principals spelled in an ISO or European Sovereign Cloud partition's own domain", () => {
  const fnIso = `arn:aws-iso:lambda:us-iso-east-1:${A}:function:target`;
  const fnIsoB = `arn:aws-iso-b:lambda:us-isob-east-1:${A}:function:target`;
  const fnEusc = `arn:aws-eusc:lambda:eusc-de-east-1:${A}:function:target`;
  const cases: [string, ReturnType<typeof grant>, EvaluationRequest, Decision][] = [
    ["aws-iso: the domain's spelling may name the service asked by the global name", grant("logs.c2s.ic.gov"), call("logs.amazonaws.com", fnIso), "conditional"],
    ["aws-iso: its regional spelling too", grant("logs.us-iso-east-1.c2s.ic.gov"), call("logs.amazonaws.com", fnIso), "conditional"],
    ["aws-iso: the global spelling may name the service asked by the domain's", grant("logs.amazonaws.com"), call("logs.c2s.ic.gov", fnIso), "conditional"],
    ["aws-iso: the same spelling as the caller's names it", grant("logs.c2s.ic.gov"), call("logs.c2s.ic.gov", fnIso), "allowed"],
    ["aws-iso: the global spelling names the service asked by it", grant("logs.amazonaws.com"), call("logs.amazonaws.com", fnIso), "allowed"],
    ["aws-iso: both spellings name it either way", grant(["logs.c2s.ic.gov", "logs.amazonaws.com"]), call("logs.amazonaws.com", fnIso), "allowed"],
    ["aws-iso: another service in the domain is not the caller", grant("sns.c2s.ic.gov"), call("logs.amazonaws.com", fnIso), "implicitly-denied"],
    ["aws-iso-b: its domain's spelling", grant("dms.sc2s.sgov.gov"), call("dms.amazonaws.com", fnIsoB), "conditional"],
    ["aws-eusc: its domain's regional spelling", grant("logs.eusc-de-east-1.amazonaws.eu"), call("logs.amazonaws.com", fnEusc), "conditional"],
    ["aws-iso-b: aws-iso's domain is another partition's service", grant("logs.c2s.ic.gov"), call("logs.amazonaws.com", fnIsoB), "implicitly-denied"],
    ["a commercial function: an ISO name is that partition's service", grant("s3.c2s.ic.gov"), call("s3.amazonaws.com", fnEu), "implicitly-denied"],
  ];
  it.each(cases)("%s", (_name, policy, request, expected) => {
    const result = evaluateResourcePolicy(policy, request);
    expect(result.decision).toBe(expected);
    expect(resourcePolicyDecision(policy, request)).toBe(expected);
    if (expected === "conditional") expect(result.reasons.join(" ")).toMatch(/a spelling of another domain than the caller's, where AWS documents no service principal spelling \(aws-(iso|iso-b|eusc)\)/);
  });

  it("a trust policy naming lambda.c2s.ic.gov lets Lambda assume an ISO role only conditionally", () => {
    const role = `arn:aws-iso:iam::${A}:role/exec`;
    const trust = doc("trust", "trust policy", { Principal: { Service: "lambda.c2s.ic.gov" }, ...allow("sts:AssumeRole", role) });
    const request: EvaluationRequest = { principal: { type: "service", id: "lambda.amazonaws.com" }, action: "sts:AssumeRole", resource: role, context: makeContext({}, true) };
    expect(resourcePolicyDecision(trust, request)).toBe("conditional");
    expect(evaluateResourcePolicy(trust, request).decision).toBe("conditional");
  });

  it("a Deny in the domain's spelling refuses the global caller only conditionally", () => {
    const policy = doc(
      "resource",
      "function policy",
      { Principal: { Service: "logs.amazonaws.com" }, ...allow(invoke, fnIso) },
      { Principal: { Service: "logs.c2s.ic.gov" }, ...deny(invoke, fnIso) },
    );
    expect(resourcePolicyDecision(policy, call("logs.amazonaws.com", fnIso))).toBe("conditional");
    expect(evaluateResourcePolicy(policy, call("logs.amazonaws.com", fnIso)).decision).toBe("conditional");
  });
});
