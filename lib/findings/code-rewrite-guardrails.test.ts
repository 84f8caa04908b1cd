/**
 * The code-rewrite shortcut under the organization's SCPs and RCPs holds per action (guardrailsLeaveAction): where no
 * guardrail may cover lambda:UpdateFunctionCode it decides without the evaluator, and its targets are exactly those
 * the evaluator grants, function by function, in the cases that must send the action to the evaluator instead.
 */
import { describe, expect, it, vi } from "vitest";
import { buildAccountModel, type AccountModel } from "@/lib/analysis/account-model";
import { canRole, roleDecision } from "@/lib/analysis/role-access";
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS, type OrganizationOptions, type OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { CODE_UPDATE, codeTargets, policyCannotRefuse, policyMayGrant } from "./code-rewrite";
import { grantedBy } from "./role-probes";
import { createRuleContext } from "./run";
import { ACCOUNT, builder, OU, REGION, scpsOnOu } from "./test-support";

const asked = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/analysis/role-access", async (original) => {
  const real = await original<typeof import("@/lib/analysis/role-access")>();
  return { ...real, roleDecision: (...args: Parameters<typeof real.roleDecision>) => (asked.count++, real.roleDecision(...args)) };
});

const ACTION = "lambda:UpdateFunctionCode";
const scp = (id: string, ...Statement: object[]): OrganizationPolicyOptions => ({ id, name: id, document: { Version: "2012-10-17", Statement } });
const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

/** A deployer allowed code updates on every function, three functions of another role, and the organization given. */
function account(org: OrganizationOptions, patch?: (snapshot: { organizations?: Record<string, Record<string, unknown>> }) => void): AccountModel {
  const b = builder();
  const deployer = b.role({ name: "deployer", inline: { p: policy(allow(ACTION, b.functionArn(REGION, "*"))) } });
  const other = b.role({ name: "other", inline: { p: policy(allow("s3:GetObject", "*")) } });
  b.fn({ region: REGION, name: "deploy", runtime: "nodejs22.x", role: deployer });
  for (const name of ["open", "payments", "tagged"]) b.fn({ region: REGION, name, runtime: "nodejs22.x", role: other });
  b.organization(org);
  const snapshot = JSON.parse(JSON.stringify(b.build()));
  patch?.(snapshot);
  return buildAccountModel(parseSnapshotValue(snapshot));
}

/** codeTargets' answer, and the evaluator's for every other function, as "name:granted". */
function targetsAndOracle(model: AccountModel) {
  const ctx = createRuleContext(model, new Map());
  const role = [...model.roles.values()].find((r) => r.name === "deployer")!;
  const grantable = policyMayGrant(ctx, ACTION);
  const own = model.functions.filter((f) => f.roleArn === role.arn);
  asked.count = 0;
  const { targets } = codeTargets(ctx, role, own, CODE_UPDATE, grantable, policyCannotRefuse(ctx, grantable));
  const questions = asked.count;
  const oracle: string[] = [];
  for (const fn of model.functions) {
    if (fn.roleArn === role.arn) continue;
    const query = { action: ACTION, resource: fn.arn };
    const decision = roleDecision(model, role, query);
    const granted = decision === "allowed" ? "allowed" : decision === "conditional" ? grantedBy(canRole(model, role, query)) : "no";
    if (granted !== "no") oracle.push(`${fn.name}:${granted}`);
  }
  return { targets: targets.map((t) => `${t.fn.name}:${t.granted}`), oracle, questions };
}


describe("code-rewrite shortcut with the organization's guardrails", () => {
  it("decides without the evaluator where the SCPs deny other actions only (the demo's ProtectProductionData)", () => {
    const model = account(scpsOnOu([FULL_AWS_ACCESS, scp("p-data", deny(["s3:DeleteBucket", "dynamodb:DeleteTable"], "*"))]));
    expect(model.organization.state).toBe("known");
    const { targets, oracle, questions } = targetsAndOracle(model);
    expect(targets).toEqual(oracle);
    expect(targets).toEqual(["open:allowed", "payments:allowed", "tagged:allowed"]);
    expect(questions).toBe(0);
  });

  it.each([
    ["an SCP Deny of the action under a condition", [FULL_AWS_ACCESS, scp("p-cond", deny(ACTION, "*", { condition: { StringEquals: { "aws:ResourceTag/team": "payments" } } }))]],
    ["an SCP Deny of the action on one function", [FULL_AWS_ACCESS, scp("p-one", deny(ACTION, fnArn("payments")))]],
    ["an SCP NotAction Deny (everything but S3)", [FULL_AWS_ACCESS, scp("p-notaction", { Effect: "Deny", NotAction: "s3:*", Resource: fnArn("payments") })]],
    ["an OU whose SCPs allow some services only", [scp("p-some", allow(["s3:*", "lambda:Get*"], "*"))]],
    ["an OU whose Allow is conditional", [scp("p-condallow", allow("*", "*", { condition: { StringEquals: { "aws:PrincipalTag/team": "deploy" } } }))]],
  ] as const)("asks the evaluator and agrees with it: %s", (_name, ouPolicies) => {
    const model = account(scpsOnOu([...ouPolicies]));
    expect(model.organization.state).toBe("known");
    const { targets, oracle, questions } = targetsAndOracle(model);
    expect(targets).toEqual(oracle);
    expect(targets).not.toEqual(["open:allowed", "payments:allowed", "tagged:allowed"]);
    expect(questions).toBeGreaterThan(0);
  });

  it("holds with an RCP on S3 and SQS, which does not govern Lambda, and agrees with the evaluator", () => {
    const perimeter = scp("p-perimeter", { Effect: "Deny", Principal: "*", Action: ["s3:*", "sqs:*"], Resource: "*" });
    const model = account(
      scpsOnOu([FULL_AWS_ACCESS], {
        enabled: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
        rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS, perimeter], [ACCOUNT]: [RCP_FULL_AWS_ACCESS] },
      }),
    );
    const { targets, oracle, questions } = targetsAndOracle(model);
    expect(targets).toEqual(oracle);
    expect(targets).toEqual(["open:allowed", "payments:allowed", "tagged:allowed"]);
    expect(questions).toBe(0);
  });

  it("holds where a guardrail level is unknown (its SCP not described): the evaluator applies none either", () => {
    const model = account(scpsOnOu([FULL_AWS_ACCESS, scp("p-gone", deny(ACTION, "*"))]), (snapshot) => {
      delete snapshot.organizations?.DescribePolicy?.["p-gone"];
    });
    expect(model.organization.state).toBe("unknown");
    const { targets, oracle, questions } = targetsAndOracle(model);
    expect(targets).toEqual(oracle);
    expect(targets).toEqual(["open:allowed", "payments:allowed", "tagged:allowed"]);
    expect(questions).toBe(0);
  });
});
