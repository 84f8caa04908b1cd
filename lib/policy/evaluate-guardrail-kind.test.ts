/**
 * Which kind of guardrail refuses a request, said in the reasons for people and in `refusingGuardrails` for code
 * (role-needs.ts names whose fix it is from it): an SCP's Deny, an SCP level with no Allow, an RCP's Deny, an RCP level
 * with no Allow; for an IAM principal (evaluate) and for a caller answered by the resource policy within the guardrails
 * (evaluateResourcePolicy, which the invoker list hands the account's SCPs for a grant to the account). That path once
 * called every level without an Allow an RCP's.
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { evaluate, evaluateResourcePolicy } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import { allow, deny, identity } from "./test-policies";
import type { EvaluationRequest, EvaluationResult, Guardrail, PolicyDocument } from "./types";

const A = "111122223333";
const roleArn = `arn:aws:iam::${A}:role/app`;
const queue = `arn:aws:sqs:us-east-1:${A}:jobs`;
const fn = `arn:aws:lambda:us-east-1:${A}:function:f`;

function doc(kind: "scp" | "rcp" | "resource", name: string, target: string, ...statements: object[]): PolicyDocument {
  const r = parsePolicyDocument({ Version: "2012-10-17", Statement: statements }, { kind, policyName: name, policyId: `p-${name}`, target, resourceArn: fn });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

const everything = (kind: "scp" | "rcp") => (kind === "scp" ? allow("*") : allow("*", "*", { Principal: "*" }));

/** Root and account levels of `kind`: the account's holds `account`, the root's its full-access policy. */
function levels(kind: "scp" | "rcp", ...account: object[]): Guardrail {
  return { kind, levels: [{ target: "r-ab12", policies: [doc(kind, "Full", "r-ab12", everything(kind))] }, { target: A, policies: [doc(kind, "Own", A, ...account)] }] };
}

const missingAllow = (kind: "scp" | "rcp") => levels(kind, deny("iam:*", "*", kind === "rcp" ? { Principal: "*" } : {}));
const denying = (kind: "scp" | "rcp") => levels(kind, everything(kind), deny("*", "*", kind === "rcp" ? { Principal: "*" } : {}));

function asRole(action: string, resource: string, ...guardrails: Guardrail[]): EvaluationResult {
  const request: EvaluationRequest = { principal: { type: "role", id: roleArn, account: A }, action, resource, context: makeContext({ "aws:principalarn": roleArn }, false) };
  return evaluate({ identity: [identity(allow("*"))], guardrails }, request);
}

/** A grant to the account's root asked, as the invoker list asks it, within the account's guardrails. */
function asGrant(...guardrails: Guardrail[]): EvaluationResult {
  const policy = doc("resource", "function policy", fn, { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "lambda:InvokeFunction", Resource: fn });
  const request: EvaluationRequest = { principal: { type: "account", id: `arn:aws:iam::${A}:root`, account: A }, action: "lambda:InvokeFunction", resource: fn, context: makeContext({}, false) };
  return evaluateResourcePolicy(policy, request, guardrails);
}

describe("the kind of guardrail that refuses", () => {
  it.each(["scp", "rcp"] as const)("%s: a Deny and a level without Allow are each named as that kind, in text and as data", (kind) => {
    const other = kind === "scp" ? "RCP" : "SCP";
    const byDeny = asRole("sqs:DeleteQueue", queue, denying(kind));
    expect(byDeny).toMatchObject({ decision: "explicitly-denied", guardrailRefuses: true, refusingGuardrails: [kind] });
    const byLevel = asRole("sqs:DeleteQueue", queue, missingAllow(kind));
    expect(byLevel).toMatchObject({ decision: "implicitly-denied", guardrailRefuses: true, refusingGuardrails: [kind] });
    expect(byLevel.reasons).toContain(`no ${kind.toUpperCase()} attached to ${A} allows sqs:DeleteQueue; each level from the root to the account must allow it`);
    expect(byLevel.reasons.join(" ")).not.toContain(`no ${other} attached`);
  });

  it("both kinds refusing are both named", () => {
    const r = asRole("sqs:DeleteQueue", queue, missingAllow("scp"), missingAllow("rcp"));
    expect(r.refusingGuardrails).toEqual(["scp", "rcp"]);
  });

  it("a grant asked within the account's SCPs names an SCP level without Allow as an SCP's, and an SCP Deny as one", () => {
    const byLevel = asGrant(missingAllow("scp"));
    expect(byLevel).toMatchObject({ decision: "implicitly-denied", guardrailRefuses: true, refusingGuardrails: ["scp"] });
    expect(byLevel.reasons).toContain(`no SCP attached to ${A} allows lambda:InvokeFunction; each level from the root to the account must allow it`);
    expect(byLevel.reasons.join(" ")).not.toContain("RCP");
    expect(asGrant(denying("scp"))).toMatchObject({ decision: "explicitly-denied", guardrailRefuses: true, refusingGuardrails: ["scp"] });
  });

  it("an answer the account's own policies already refuse blames no guardrail", () => {
    const request: EvaluationRequest = { principal: { type: "role", id: roleArn, account: A }, action: "sqs:DeleteQueue", resource: queue, context: makeContext({}, false) };
    const r = evaluate({ identity: [identity(deny("sqs:*", "*"))], guardrails: [denying("scp")] }, request);
    expect(r.refusingGuardrails).toBeUndefined();
  });
});
