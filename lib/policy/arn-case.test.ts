/**
 * A Resource or Principal entry spelled `ARN:aws:…` (or `Arn:`), or with its partition or service in other case
 * (`arn:AWS:…`, `arn:aws:S3:…`): AWS writes all three lower-case, IAM Access Analyzer's policy validation reports each
 * other spelling as an error ("Invalid ARN prefix", "Invalid partition", "Invalid ARN service case",
 * access-analyzer-reference-policy-checks.html), and no page says whether IAM refuses such a policy, compares the
 * entry case-sensitively (it names nothing) or reads it lower-case. So the evaluator decides only where both readings
 * agree, as it does for ARN condition values (conditions/arn.ts), and says why otherwise.
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { evaluate, evaluateResourcePolicy, resourcePolicyDecision } from "./evaluate";
import { allow, boundary, doc, identity } from "./test-policies";
import type { RequestPrincipal } from "./types";

const A = "111122223333";
const fn = `arn:aws:lambda:us-east-1:${A}:function:f`;
const role: RequestPrincipal = { type: "role", id: `arn:aws:iam::${A}:role/app`, account: A, session: "app" };
const ctx = makeContext({}, true);

describe("Resource entries whose arn is in other case", () => {
  const ask = (...statements: object[]) => evaluate({ identity: [identity(...statements)] }, { principal: role, action: "lambda:InvokeFunction", resource: fn, context: ctx });

  it("an Allow on ARN:… for the resource is conditional, with the entry named and why", () => {
    const r = ask(allow("lambda:InvokeFunction", `ARN:aws:lambda:us-east-1:${A}:function:f`));
    expect(r.decision).toBe("conditional");
    const m = r.statements.find((s) => s.effect === "Allow")!;
    expect(m.conditionNotes.join(" ")).toContain('begins with other case than "arn"');
    expect(m.undocumentedValues).toEqual([`Resource "ARN:aws:lambda:us-east-1:${A}:function:f"`]);
  });

  it("a Deny on Arn:… leaves an Allow conditional rather than lifting or enforcing the Deny", () => {
    const r = ask(allow("lambda:InvokeFunction"), { Effect: "Deny", Action: "lambda:*", Resource: `Arn:aws:lambda:*:${A}:function:*` });
    expect(r.decision).toBe("conditional");
  });

  it("a NotResource ARN:… entry that would exclude the resource leaves the Deny unknown", () => {
    const r = ask(allow("lambda:InvokeFunction"), { Effect: "Deny", Action: "lambda:*", NotResource: `ARN:aws:lambda:us-east-1:${A}:function:f` });
    expect(r.decision).toBe("conditional");
  });

  it.each([
    [`arn:AWS:lambda:us-east-1:${A}:function:f`, 'writes the partition "AWS" in other case than AWS does, which IAM Access Analyzer reports as an invalid partition'],
    [`arn:aws:Lambda:us-east-1:${A}:function:f`, 'writes the service "Lambda" in other case than AWS does, which IAM Access Analyzer reports as an invalid ARN service case'],
  ])("an Allow on %s (partition or service in other case) is conditional, with why", (pattern, why) => {
    const r = ask(allow("lambda:InvokeFunction", pattern));
    expect(r.decision).toBe("conditional");
    const m = r.statements.find((s) => s.effect === "Allow")!;
    expect(m.conditionNotes.join(" ")).toContain(`Resource ${pattern}: ${why}`);
    expect(m.undocumentedValues).toEqual([`Resource ${JSON.stringify(pattern)}`]);
  });

  it("the region, account and resource are still compared as written: arn:AWS:… of F grants nothing on f", () => {
    expect(ask(allow("lambda:InvokeFunction", `arn:AWS:lambda:us-east-1:${A}:function:F`)).decision).toBe("implicitly-denied");
  });

  it("decides where both readings agree: ARN:… of another function grants nothing here", () => {
    expect(ask(allow("lambda:InvokeFunction", `ARN:aws:lambda:us-east-1:${A}:function:other`)).decision).toBe("implicitly-denied");
  });
});

describe("Principal entries whose arn is in other case", () => {
  const grant = (principal: string) =>
    doc("resource", "fp", { Effect: "Allow", Principal: { AWS: principal }, Action: "lambda:InvokeFunction", Resource: fn });
  const ask = (principal: string) => evaluateResourcePolicy(grant(principal), { principal: role, action: "lambda:InvokeFunction", resource: fn, context: ctx });

  it("a grant naming the caller's role as ARN:… is conditional, and says why", () => {
    const r = ask(`ARN:aws:iam::${A}:role/app`);
    expect(r.decision).toBe("conditional");
    expect(r.statements[0]!.conditionNotes.join(" ")).toContain(`Principal names the caller only as ARN:aws:iam::${A}:role/app`);
  });

  it("a grant to another account's root spelled Arn:… leaves that account's callers conditional", () => {
    const B = "444455556666";
    const outsider: RequestPrincipal = { type: "role", id: `arn:aws:iam::${B}:role/app`, account: B, session: "app" };
    const ask = (principal: string) =>
      evaluate({ identity: [identity(allow("lambda:InvokeFunction"))], resource: grant(principal) }, { principal: outsider, action: "lambda:InvokeFunction", resource: fn, context: ctx }).decision;
    expect(ask(`Arn:aws:iam::${B}:root`)).toBe("conditional");
    expect(ask(`arn:aws:iam::${B}:root`)).toBe("allowed");
  });

  it.each([[`arn:AWS:iam::${A}:role/app`, "invalid partition"], [`arn:aws:IAM::${A}:role/app`, "invalid ARN service case"]])("a grant naming the caller as %s is conditional, and says why", (principal, check) => {
    const r = ask(principal);
    expect(r.decision).toBe("conditional");
    expect(r.statements[0]!.conditionNotes.join(" ")).toContain(`Principal names the caller only as ${principal}, which writes`);
    expect(r.statements[0]!.conditionNotes.join(" ")).toContain(check);
    expect(r.statements[0]!.undocumentedValues).toEqual([`Principal ${JSON.stringify(principal)}`]);
  });

  // The invoker lists ask for a decision alone (no evidence): it must be the one the evidence explains.
  it.each([[`ARN:aws:iam::${A}:role/app`], [`arn:Aws:iam::${A}:root`]])("a decision asked without evidence is conditional too for %s", (principal) => {
    expect(resourcePolicyDecision(grant(principal), { principal: role, action: "lambda:InvokeFunction", resource: fn, context: ctx })).toBe("conditional");
  });

  it("the same entry spelled arn: still decides", () => {
    expect(ask(`arn:aws:iam::${A}:role/app`).decision).toBe("allowed");
  });
});

describe("NotPrincipal entries whose arn is in other case", () => {
  const other = "444455556666";
  // A role's session, excluded only by entries spelled ARN:… (its account root, its role, itself: NotPrincipal
  // excludes a session only when all three are listed).
  const except = [`ARN:aws:iam::${A}:root`, `ARN:aws:iam::${A}:role/app`, `ARN:aws:sts::${A}:assumed-role/app/app`];
  const notPrincipal = (effect: "Allow" | "Deny") => ({ Effect: effect, NotPrincipal: { AWS: except }, Action: "lambda:InvokeFunction", Resource: fn });
  const ask = (statements: object[]) =>
    evaluate({ identity: [identity(allow("lambda:InvokeFunction"))], resource: doc("resource", "fp", ...statements) }, { principal: role, action: "lambda:InvokeFunction", resource: fn, context: ctx });

  it("a Deny that excludes the caller only as ARN:… may refuse it, and says why", () => {
    const r = ask([notPrincipal("Deny")]);
    expect(r.decision).toBe("conditional");
    const m = r.statements.find((s) => s.effect === "Deny")!;
    expect(m.conditionNotes.join(" ")).toContain(`Whether NotPrincipal excludes the caller turns on ${except.join(", ")}, which begins with other case than "arn"`);
    expect(m.undocumentedValues).toEqual(except.map((e) => `NotPrincipal ${JSON.stringify(e)}`));
  });

  it("an Allow with NotPrincipal spelled ARN:… lets the listed caller in only conditionally", () => {
    const r = evaluateResourcePolicy(doc("resource", "fp", notPrincipal("Allow")), { principal: role, action: "lambda:InvokeFunction", resource: fn, context: ctx });
    expect(r.decision).toBe("conditional");
    expect(r.statements[0]!.conditionNotes.join(" ")).toContain("Whether NotPrincipal excludes the caller turns on");
  });

  // The invoker lists ask for a decision alone (no evidence): it must be the one the evidence explains.
  it("a decision asked without evidence is conditional too", () => {
    expect(resourcePolicyDecision(doc("resource", "fp", notPrincipal("Allow")), { principal: role, action: "lambda:InvokeFunction", resource: fn, context: ctx })).toBe("conditional");
  });

  it("decides where both readings agree: a caller of another account is not excluded either way", () => {
    const outsider: RequestPrincipal = { type: "role", id: `arn:aws:iam::${other}:role/app`, account: other, session: "app" };
    const r = evaluateResourcePolicy(doc("resource", "fp", notPrincipal("Allow")), { principal: outsider, action: "lambda:InvokeFunction", resource: fn, context: ctx });
    expect(r.decision).toBe("allowed");
    expect(r.statements[0]!.conditionNotes).toEqual([]);
  });

  // "A Deny with NotPrincipal always applies to a caller with a permissions boundary" (principalApplies): no reading doubts it.
  it("a caller with a permissions boundary is refused by the Deny whatever the spelling", () => {
    const r = evaluate(
      { identity: [identity(allow("lambda:InvokeFunction"))], boundary: boundary(allow("lambda:*")), resource: doc("resource", "fp", notPrincipal("Deny")) },
      { principal: role, action: "lambda:InvokeFunction", resource: fn, context: ctx },
    );
    expect(r.decision).toBe("explicitly-denied");
    expect(r.statements.find((s) => s.effect === "Deny")!.conditionNotes).toEqual([]);
  });

  it("the same entries spelled arn: exclude the caller", () => {
    const r = ask([{ ...notPrincipal("Deny"), NotPrincipal: { AWS: except.map((e) => e.replace("ARN:", "arn:")) } }]);
    expect(r.decision).toBe("allowed");
  });
});
