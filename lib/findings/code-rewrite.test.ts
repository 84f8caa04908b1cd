import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import type { AccountModel } from "@/lib/analysis/account-model";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { roleDecision } from "@/lib/analysis/role-access";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { CODE_UPDATE, codeTargets, policyCannotRefuse, policyMayGrant, selfDecides, selfDecidingAllows } from "./code-rewrite";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { createRuleContext } from "./run";
import { builder, REGION } from "./test-support";

const ACTION = "lambda:UpdateFunctionCode";

/** Every (role, function) pair the shortcut answers, with the evaluator's own answer beside it. */
function shortcutAnswers(model: AccountModel): { pair: string; decision: string }[] {
  const out: { pair: string; decision: string }[] = [];
  const ctx = createRuleContext(model, new Map());
  const cannotRefuse = policyCannotRefuse(ctx, policyMayGrant(ctx, ACTION));
  for (const role of model.roles.values()) {
    const allows = selfDecidingAllows(role, ACTION);
    if (!allows) continue;
    for (const fn of model.functions) {
      if (!selfDecides(allows, role, fn, cannotRefuse)) continue;
      out.push({ pair: `${role.name} → ${fn.name}`, decision: roleDecision(model, role, { action: ACTION, resource: fn.arn }) });
    }
  }
  return out;
}

/** Roles and functions built to break each precondition of the shortcut, beside ones it must answer. */
function trapModel(): AccountModel {
  const b = builder();
  const fnArn = (name: string) => b.functionArn(REGION, name);
  const wide = policy(allow(ACTION, b.functionArn(REGION, "*")));
  const plain = b.role({ name: "plain", inline: { p: wide } });
  b.role({ name: "denies-one", inline: { p: policy(allow(ACTION, b.functionArn(REGION, "*")), deny(ACTION, fnArn("locked"))) } });
  b.role({ name: "bounded", inline: { p: wide }, boundary: b.managedPolicy({ name: "nothing", document: policy(allow("s3:GetObject", "*")) }) });
  b.role({ name: "conditional", inline: { p: policy(allow(ACTION, "*", { condition: { StringEquals: { "aws:ResourceTag/team": "a" } } })) } });
  b.role({ name: "variable", inline: { p: policy(allow(ACTION, b.functionArn(REGION, "${aws:PrincipalTag/team}-*"))) }, tags: { team: "a" } });
  for (const name of ["open", "locked", "a-team", "unread", "unread-document"]) b.fn({ region: REGION, name, runtime: "nodejs22.x", role: plain });
  b.fn({ region: REGION, name: "self-denied", runtime: "nodejs22.x", role: plain });
  b.resourcePolicy(fnArn("self-denied"), policy({ Effect: "Deny", Principal: { AWS: b.roleArn("plain") }, Action: ACTION, Resource: fnArn("self-denied") }));
  b.error({ operation: "GetPolicy", target: fnArn("unread"), code: "AccessDeniedException", message: "denied" });
  b.error({ operation: "GetResourcePolicy", target: fnArn("unread-document"), code: "AccessDeniedException", message: "denied" });
  return buildAccountModel(parseSnapshotValue(JSON.parse(JSON.stringify(b.build()))));
}

describe("code-rewrite shortcut: allowed only where the evaluator says allowed", () => {
  it.each([
    ["the demo account", () => buildAccountModel(parseSnapshotValue(JSON.parse(readFileSync(demoSnapshotPath(), "utf8"))))],
    ["a synthetic 1,000-function account", () => buildAccountModel(parseSnapshotValue(JSON.parse(JSON.stringify(generateSyntheticSnapshot({ functions: 1000, roles: 500 })))))],
    ["roles and functions built to break it", trapModel],
  ] as const)("%s", (_name, model) => {
    const answers = shortcutAnswers(model());
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.decision !== "allowed")).toEqual([]);
  });

  it("refuses the cases it cannot decide alone", () => {
    const model = trapModel();
    const role = (name: string) => [...model.roles.values()].find((r) => r.name === name)!;
    const fn = (name: string) => model.functions.find((f) => f.name === name)!;
    for (const name of ["denies-one", "bounded", "conditional", "variable"]) expect(selfDecidingAllows(role(name), ACTION), name).toBeUndefined();
    const allows = selfDecidingAllows(role("plain"), ACTION)!;
    const ctx = createRuleContext(model, new Map());
    const cannotRefuse = policyCannotRefuse(ctx, policyMayGrant(ctx, ACTION));
    expect(selfDecides(allows, role("plain"), fn("open"), cannotRefuse)).toBe(true);
    expect(selfDecides(allows, role("plain"), fn("self-denied"), cannotRefuse)).toBe(false);
    expect(selfDecides(allows, role("plain"), fn("unread"), cannotRefuse)).toBe(false);
    expect(selfDecides(allows, role("plain"), fn("unread-document"), cannotRefuse)).toBe(false);
  });
});

describe("code-rewrite shortcut with the organization's SCPs", () => {
  it("steps aside when SCPs are known: a function an SCP protects is not a target", () => {
    const b = builder();
    const deployer = b.role({ name: "deployer", inline: { p: policy(allow(ACTION, b.functionArn(REGION, "*"))) } });
    const other = b.role({ name: "other", inline: { p: policy(allow("s3:GetObject", "*")) } });
    b.fn({ region: REGION, name: "deploy", runtime: "nodejs22.x", role: deployer });
    for (const name of ["open", "payments"]) b.fn({ region: REGION, name, runtime: "nodejs22.x", role: other });
    const protect = { Version: "2012-10-17", Statement: [{ Sid: "NoPaymentsCode", Effect: "Deny", Action: ACTION, Resource: b.functionArn(REGION, "payments") }] };
    b.organization({ scps: { "r-a1b2": [FULL_AWS_ACCESS, { id: "p-payments", name: "ProtectPayments", document: protect }], [b.account]: [FULL_AWS_ACCESS] } });
    const model = buildAccountModel(parseSnapshotValue(JSON.parse(JSON.stringify(b.build()))));
    const ctx = createRuleContext(model, new Map());
    const role = model.roles.get(b.roleArn("deployer"))!;
    const grantable = policyMayGrant(ctx, ACTION);
    const own = model.functions.filter((f) => f.roleArn === role.arn);
    const { targets } = codeTargets(ctx, role, own, CODE_UPDATE, grantable, policyCannotRefuse(ctx, grantable));
    expect(targets.map((t) => t.fn.name)).toEqual(["open"]);
  });
});
