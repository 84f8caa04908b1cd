/** SCPs and RCPs in the evaluator: every level must allow, a Deny anywhere refuses, conditions stay conditional. */
import { describe, expect, it } from "vitest";
import { makeContext } from "./context";
import { evaluate, evaluateDecision } from "./evaluate";
import { parsePolicyDocument } from "./parse";
import { allow, deny, identity } from "./test-policies";
import type { EvaluationRequest, Guardrail, PolicyDocument, PolicySet } from "./types";

const A = "111122223333";
const roleArn = `arn:aws:iam::${A}:role/app`;
const table = `arn:aws:dynamodb:us-east-1:${A}:table/orders`;
const queue = `arn:aws:sqs:us-east-1:${A}:jobs`;

function guard(kind: "scp" | "rcp", name: string, id: string, target: string, ...statements: object[]): PolicyDocument {
  const r = parsePolicyDocument({ Version: "2012-10-17", Statement: statements }, { kind, policyName: name, policyId: id, target });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

const full = (target: string) => guard("scp", "FullAWSAccess", "p-FullAWSAccess", target, allow("*"));
const rcpFull = (target: string) => guard("rcp", "RCPFullAWSAccess", "p-RCPFullAWSAccess", target, allow("*", "*", { Principal: "*" }));

function scp(root: PolicyDocument[], ou: PolicyDocument[], account: PolicyDocument[]): Guardrail {
  return { kind: "scp", levels: [{ target: "r-ab12", policies: root }, { target: "ou-ab12-prod", policies: ou }, { target: A, policies: account }] };
}

const request = (action: string, resource: string, values: Record<string, string> = {}, complete = false): EvaluationRequest => ({
  principal: { type: "role", id: roleArn, account: A },
  action,
  resource,
  context: makeContext({ "aws:principalarn": roleArn, ...values }, complete),
});

const ownAllow = identity(allow("dynamodb:*", table), allow("sqs:*", queue));

function both(set: PolicySet, req: EvaluationRequest) {
  const r = evaluate(set, req);
  expect(evaluateDecision(set, req)).toBe(r.decision);
  return r;
}

describe("SCP guardrails", () => {
  it("FullAWSAccess at every level leaves the account's answer as it is", () => {
    const set: PolicySet = { identity: [ownAllow], guardrails: [scp([full("r-ab12")], [full("ou-ab12-prod")], [full(A)])] };
    const r = both(set, request("dynamodb:DeleteTable", table));
    expect(r.decision).toBe("allowed");
    // FullAWSAccess is not cited beside every allowed answer.
    expect(r.statements.every((m) => m.source.kind === "inline")).toBe(true);
  });

  it("a Deny at an OU refuses what the role is granted, naming the SCP and where it is attached", () => {
    const denyDeletes = guard("scp", "DenyDeletes", "p-deny1234", "ou-ab12-prod", { Sid: "NoDeletes", ...deny("dynamodb:Delete*") });
    const set: PolicySet = { identity: [ownAllow], guardrails: [scp([full("r-ab12")], [full("ou-ab12-prod"), denyDeletes], [full(A)])] };
    const r = both(set, request("dynamodb:DeleteTable", table));
    expect(r.decision).toBe("explicitly-denied");
    expect(r.guardrailRefuses).toBe(true);
    expect(r.statements).toHaveLength(1);
    expect(r.statements[0]?.source).toMatchObject({ kind: "scp", policyName: "DenyDeletes", policyId: "p-deny1234", target: "ou-ab12-prod" });
    expect(r.reasons[0]).toBe(`explicit Deny in SCP 'DenyDeletes' (p-deny1234) attached to ou-ab12-prod statement "NoDeletes" matches dynamodb:DeleteTable on ${table}`);
    expect(both(set, request("dynamodb:GetItem", table)).decision).toBe("allowed");
  });

  it("a level with no Allow for the action refuses it: each level from the root to the account must allow", () => {
    const onlySqs = guard("scp", "OnlySqs", "p-onlysqs1", "ou-ab12-prod", allow("sqs:*"));
    const set: PolicySet = { identity: [ownAllow], guardrails: [scp([full("r-ab12")], [onlySqs], [full(A)])] };
    const r = both(set, request("dynamodb:GetItem", table));
    expect(r.decision).toBe("implicitly-denied");
    expect(r.guardrailRefuses).toBe(true);
    expect(r.reasons).toContain("no SCP attached to ou-ab12-prod allows dynamodb:GetItem; each level from the root to the account must allow it");
    expect(both(set, request("sqs:ReceiveMessage", queue)).decision).toBe("allowed");
    // An empty level (FullAWSAccess detached, nothing in its place) allows nothing.
    const empty: PolicySet = { identity: [ownAllow], guardrails: [scp([full("r-ab12")], [full("ou-ab12-prod")], [])] };
    expect(both(empty, request("sqs:ReceiveMessage", queue)).reasons).toContain(`no SCP attached to ${A} allows sqs:ReceiveMessage; each level from the root to the account must allow it`);
  });

  it("a denial the account's own policies already give is not blamed on the guardrail", () => {
    const onlySqs = guard("scp", "OnlySqs", "p-onlysqs1", "ou-ab12-prod", allow("sqs:*"));
    const set: PolicySet = { identity: [identity(allow("sqs:*", queue))], guardrails: [scp([full("r-ab12")], [onlySqs], [full(A)])] };
    const r = both(set, request("dynamodb:GetItem", table));
    expect(r.decision).toBe("implicitly-denied");
    expect(r.guardrailRefuses).toBeUndefined();
    expect(r.reasons.join(" ")).not.toContain("SCP");
  });

  it("NotAction in an SCP Deny refuses every action but those it names", () => {
    const allowList = guard("scp", "OnlyListed", "p-notact12", "r-ab12", { Sid: "DenyOthers", Effect: "Deny", NotAction: ["sqs:*", "logs:*"], Resource: "*" });
    const set: PolicySet = { identity: [ownAllow], guardrails: [scp([full("r-ab12"), allowList], [full("ou-ab12-prod")], [full(A)])] };
    expect(both(set, request("dynamodb:GetItem", table)).decision).toBe("explicitly-denied");
    expect(both(set, request("sqs:SendMessage", queue)).decision).toBe("allowed");
  });

  it("a condition on a key the request may carry makes the answer conditional, citing the SCP statement", () => {
    const regions = guard("scp", "Regions", "p-regions1", "r-ab12", { Sid: "OnlyEu", ...deny("*", "*", { Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } } }) });
    const set: PolicySet = { identity: [ownAllow], guardrails: [scp([full("r-ab12"), regions], [full("ou-ab12-prod")], [full(A)])] };
    const unknown = both(set, request("dynamodb:GetItem", table));
    expect(unknown.decision).toBe("conditional");
    expect(unknown.unknownKeys).toEqual(["aws:RequestedRegion"]);
    expect(unknown.statements.some((m) => m.source.kind === "scp" && m.sid === "OnlyEu")).toBe(true);
    expect(both(set, request("dynamodb:GetItem", table, { "aws:requestedregion": "us-east-1" })).decision).toBe("explicitly-denied");
    expect(both(set, request("dynamodb:GetItem", table, { "aws:requestedregion": "eu-west-1" })).decision).toBe("allowed");
  });

  it("a level read in part (a later page failed): a Deny read refuses, a missing Allow does not, and its Allows are not cited", () => {
    const denyDeletes = guard("scp", "DenyDeletes", "p-deny1234", "ou-ab12-prod", { Sid: "NoDeletes", ...deny("dynamodb:Delete*") });
    const cut = (...policies: PolicyDocument[]): PolicySet => ({
      identity: [ownAllow],
      guardrails: [{ kind: "scp", levels: [{ target: "r-ab12", policies: [full("r-ab12")] }, { target: "ou-ab12-prod", policies, partial: true }, { target: A, policies: [full(A)] }] }],
    });
    // Only the Deny was read (FullAWSAccess on the unread page): the Deny is certain, the rest as the account says.
    const denied = both(cut(denyDeletes), request("dynamodb:DeleteTable", table));
    expect(denied.decision).toBe("explicitly-denied");
    expect(denied.refusingGuardrails).toEqual(["scp"]);
    const other = both(cut(denyDeletes), request("dynamodb:GetItem", table));
    expect(other.decision).toBe("allowed");
    expect(other.reasons.join(" ")).not.toContain("SCP");
    // Nothing read at all on that level refuses nothing either; a level read in full with no Allow still refuses.
    expect(both(cut(), request("sqs:SendMessage", queue)).decision).toBe("allowed");
    const fullEmpty: PolicySet = { identity: [ownAllow], guardrails: [{ kind: "scp", levels: [{ target: "r-ab12", policies: [full("r-ab12")] }, { target: "ou-ab12-prod", policies: [], partial: true }, { target: A, policies: [] }] }] };
    expect(both(fullEmpty, request("sqs:SendMessage", queue)).decision).toBe("implicitly-denied");
    // A conditioned Allow read there decides nothing, so it is not cited as evidence.
    const tagged = guard("scp", "TaggedOnly", "p-tagged12", "ou-ab12-prod", allow("*", "*", { Condition: { StringEquals: { "aws:ResourceTag/team": "orders" } } }));
    const r = both(cut(tagged), request("dynamodb:GetItem", table));
    expect(r.decision).toBe("allowed");
    expect(r.statements.some((m) => m.source.kind === "scp")).toBe(false);
  });

  it("an SCP Allow with a condition on an unknown key leaves the level's Allow open", () => {
    const tagged = guard("scp", "TaggedOnly", "p-tagged12", "ou-ab12-prod", allow("*", "*", { Condition: { StringEquals: { "aws:ResourceTag/team": "orders" } } }));
    const set: PolicySet = { identity: [ownAllow], guardrails: [scp([full("r-ab12")], [tagged], [full(A)])] };
    const r = both(set, request("dynamodb:GetItem", table));
    expect(r.decision).toBe("conditional");
    expect(r.statements.some((m) => m.source.kind === "scp")).toBe(true);
  });
});

describe("RCP guardrails", () => {
  const rcp = (extra: PolicyDocument[]): Guardrail => ({
    kind: "rcp",
    levels: [{ target: "r-ab12", policies: [rcpFull("r-ab12"), ...extra] }, { target: A, policies: [rcpFull(A)] }],
  });

  it("an RCP Deny with Principal \"*\" refuses the role's request on the account's resource", () => {
    const noTls = guard("rcp", "EnforceTls", "p-rcptls12", "r-ab12", { Sid: "Tls", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    const set: PolicySet = { identity: [ownAllow], guardrails: [rcp([noTls])] };
    expect(both(set, request("sqs:ReceiveMessage", queue, { "aws:securetransport": "false" })).decision).toBe("explicitly-denied");
    expect(both(set, request("sqs:ReceiveMessage", queue, { "aws:securetransport": "true" })).decision).toBe("allowed");
    const open = both(set, request("sqs:ReceiveMessage", queue));
    expect(open.decision).toBe("conditional");
    expect(open.statements.some((m) => m.source.kind === "rcp" && m.sid === "Tls")).toBe(true);
  });

  it("an RCP naming another principal does not apply to the role", () => {
    const other = guard("rcp", "DenyPartner", "p-rcpother", "r-ab12", deny("sqs:*", "*", { Principal: { AWS: "arn:aws:iam::444455556666:root" } }));
    const set: PolicySet = { identity: [ownAllow], guardrails: [rcp([other])] };
    expect(both(set, request("sqs:ReceiveMessage", queue)).decision).toBe("allowed");
  });

  it("SCPs and RCPs together: either refuses", () => {
    const denyQueue = guard("rcp", "NoQueues", "p-rcpnoq12", "r-ab12", deny("sqs:DeleteQueue", "*", { Principal: "*" }));
    const set: PolicySet = { identity: [ownAllow], guardrails: [scp([full("r-ab12")], [full("ou-ab12-prod")], [full(A)]), rcp([denyQueue])] };
    const r = both(set, request("sqs:DeleteQueue", queue));
    expect(r.decision).toBe("explicitly-denied");
    expect(r.statements[0]?.source.kind).toBe("rcp");
  });
});

describe("a caller without identity policies (an AWS service)", () => {
  const service = (values: Record<string, string> = {}): EvaluationRequest => ({
    principal: { type: "service", id: "sqs.amazonaws.com" },
    action: "sqs:SendMessage",
    resource: queue,
    context: makeContext({ "aws:principalisawsservice": "true", ...values }, false),
  });
  const parsed = parsePolicyDocument({ Version: "2012-10-17", Statement: [allow("sqs:SendMessage", queue, { Principal: { Service: "sqs.amazonaws.com" } })] }, { kind: "resource", policyName: "queue policy" });
  if (!parsed.ok) throw new Error(parsed.error);
  const queuePolicy = parsed.policy;
  const rcpLevels = (...account: PolicyDocument[]): Guardrail => ({ kind: "rcp", levels: [{ target: "r-ab12", policies: [rcpFull("r-ab12")] }, { target: A, policies: account }] });

  it("the RCPs limit it: a Deny refuses what the resource policy grants, naming the RCP", () => {
    const perimeter = guard("rcp", "Perimeter", "p-perim", A, { Sid: "OrgOnly", ...deny("sqs:*", "*", { Principal: "*" }) });
    const set: PolicySet = { identity: [], resource: queuePolicy, guardrails: [rcpLevels(rcpFull(A), perimeter)] };
    const r = both(set, service());
    expect(r.decision).toBe("explicitly-denied");
    expect(r.guardrailRefuses).toBe(true);
    expect(r.statements[0]?.source).toMatchObject({ kind: "rcp", policyName: "Perimeter", target: A });
  });

  it("an RCP level read in part: its Deny refuses, the unread policies are taken to allow", () => {
    const perimeter = guard("rcp", "Perimeter", "p-perim", A, { Sid: "OrgOnly", ...deny("sqs:*", "*", { Principal: "*" }) });
    const cut = (...account: PolicyDocument[]): PolicySet => ({
      identity: [],
      resource: queuePolicy,
      guardrails: [{ kind: "rcp", levels: [{ target: "r-ab12", policies: [rcpFull("r-ab12")] }, { target: A, policies: account, partial: true }] }],
    });
    expect(both(cut(perimeter), service()).decision).toBe("explicitly-denied");
    expect(both(cut(), service()).decision).toBe("allowed");
  });

  it("an RCP type being enabled: its Deny may refuse, its level allowing nothing may too, each said with the status", () => {
    const perimeter = guard("rcp", "Perimeter", "p-perim", A, { Sid: "OrgOnly", ...deny("sqs:*", "*", { Principal: "*" }) });
    const pending = (g: Guardrail): PolicySet => ({ identity: [], resource: queuePolicy, guardrails: [{ ...g, pending: "PENDING_ENABLE" }] });
    const denied = both(pending(rcpLevels(rcpFull(A), perimeter)), service());
    expect(denied.decision).toBe("conditional");
    expect(denied.guardrailRefuses).toBeUndefined();
    expect(denied.reasons).toContain(
      `a Deny in RCP 'Perimeter' (p-perim) attached to ${A} statement "OrgOnly" may apply: RCPs are PENDING_ENABLE on the organization's root: AWS does not say whether they are enforced yet`,
    );
    const bare = both(pending(rcpLevels()), service());
    expect(bare.decision).toBe("conditional");
    expect(bare.reasons).toContain(`no RCP attached to ${A} allows sqs:SendMessage, which refuses it if RCPs, PENDING_ENABLE on the organization's root, are enforced yet (AWS does not say)`);
  });

  it("the service exemption AWS's examples carry lets it through; SCPs never apply to it", () => {
    const exempt = guard("rcp", "Perimeter", "p-perim", A, { ...deny("sqs:*", "*", { Principal: "*" }), Condition: { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } });
    expect(both({ identity: [], resource: queuePolicy, guardrails: [rcpLevels(rcpFull(A), exempt)] }, service()).decision).toBe("allowed");
    const denySqs = guard("scp", "NoSqs", "p-nosqs", A, deny("sqs:*"));
    expect(both({ identity: [], resource: queuePolicy, guardrails: [scp([full("r-ab12")], [full("ou-ab12-prod")], [full(A), denySqs])] }, service()).decision).toBe("allowed");
  });
});
