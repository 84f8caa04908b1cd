/**
 * Can do's answers from the reach lists, for roles of several every-action statements (Action "*", NotAction), set
 * against the evaluator's own answer to the same request: a certain NotAction beside a conditional `Action *` leaves
 * the excepted actions conditional, not out; two NotActions that only overlap leave out only what both name.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { policy } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAccountModel } from "@/lib/analysis/account-model";
import type { AnalysisReport } from "@/lib/analysis/types";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { REGION, newBuilder } from "@/lib/analysis/test-support";
import { serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { exactAsker, type ExactAsk } from "./reach-exact";
import { reachAnswersOf } from "./reach-filter";

const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
const every = (sid: string, extra: Record<string, unknown>) => ({ Sid: sid, Effect: "Allow" as const, Resource: "*", ...extra });

const ROLES: Record<string, ReturnType<typeof policy>> = {
  // Case A: IAM only under MFA.
  mfaIam: policy(every("NoIam", { NotAction: "iam:*" }), every("Mfa", { Action: "*", Condition: MFA })),
  // Case B: each leaves out part of IAM; only iam:CreateRole and iam:CreateServiceLinkedRole are left out by both.
  overlap: policy(every("NoCreate", { NotAction: "iam:Create*" }), every("NoRole", { NotAction: "iam:*Role" })),
  overlapMore: policy(every("A", { NotAction: ["iam:Create*", "s3:Delete*"] }), every("B", { NotAction: ["iam:*Role", "s3:*Bucket"] })),
  // Both at once: what both certain ones leave out is conditional through the third.
  overlapMfa: policy(every("NoCreate", { NotAction: "iam:Create*" }), every("NoRole", { NotAction: "iam:*Role" }), every("Mfa", { Action: "*", Condition: MFA })),
  // The conditional statement leaves out part of what the certain one does: that part is no grant at all.
  mfaNotDelete: policy(every("NoIam", { NotAction: "iam:*" }), every("Mfa", { NotAction: "iam:Delete*", Condition: MFA })),
  // A Deny on one IAM action still refuses it.
  mfaDenied: policy(every("NoIam", { NotAction: "iam:*" }), every("Mfa", { Action: "*", Condition: MFA }), { Sid: "NoRoles", Effect: "Deny", Action: "iam:CreateRole", Resource: "*" }),
};

const ACTIONS = ["iam:CreateRole", "iam:CreateServiceLinkedRole", "iam:CreateUser", "iam:DeleteRole", "iam:PassRole", "iam:GetRole", "s3:DeleteBucket", "s3:DeleteObject", "s3:GetObject", "ec2:RunInstances"];

function built() {
  const b = newBuilder();
  for (const [name, doc] of Object.entries(ROLES)) b.fn({ region: REGION, name, runtime: "nodejs22.x", role: b.role({ name, trust: serviceTrust(), inline: { p: doc } }) });
  return parseSnapshot(b.build());
}

/** Each function's Can do state for each action on any resource, from the reach lists and from the evaluator. */
async function compare(report: AnalysisReport, exact: ExactAsk, names?: ReadonlySet<string>) {
  const fromReach: Record<string, string> = {};
  const fromEvaluator: Record<string, string> = {};
  const functions = report.functions.filter((f) => f.role && (!names || names.has(f.name)));
  for (const action of ACTIONS) {
    const answers = await reachAnswersOf(report, { action, resource: "*" }, async () => exact);
    for (const fn of functions) {
      const key = `${fn.name} ${action}`;
      fromReach[key] = answers.get(fn.arn)?.state ?? "no";
      const result = exact(fn, action, "*");
      const decision = "decision" in result ? result.decision : "unknown";
      fromEvaluator[key] = decision === "allowed" || decision === "conditional" ? decision : decision === "unknown" ? "unknown" : "no";
    }
  }
  return { fromReach, fromEvaluator };
}

describe("every-action reaches against the evaluator", () => {
  const snapshot = built();
  const report = analyzeSnapshot(snapshot);
  const exact = exactAsker(buildAccountModel(snapshot));

  it("answers Can do as the evaluator does for each role and action", async () => {
    const { fromReach, fromEvaluator } = await compare(report, exact);
    expect(fromReach).toEqual(fromEvaluator);
    // The cases themselves, so an evaluator change cannot make both sides wrong alike.
    expect(fromEvaluator["mfaIam iam:CreateRole"]).toBe("conditional");
    expect(fromEvaluator["overlap iam:CreateRole"]).toBe("no");
    expect(fromEvaluator["overlap iam:DeleteRole"]).toBe("allowed");
    expect(fromEvaluator["overlapMore s3:DeleteBucket"]).toBe("no");
    expect(fromEvaluator["overlapMfa iam:CreateRole"]).toBe("conditional");
    expect(fromEvaluator["mfaNotDelete iam:DeleteRole"]).toBe("no");
    expect(fromEvaluator["mfaDenied iam:CreateRole"]).toBe("no");
  });

  it("names the conditional statement as the evidence, with its condition key", async () => {
    const answers = await reachAnswersOf(report, { action: "iam:CreateRole", resource: "*" }, async () => exact);
    const fn = report.functions.find((f) => f.name === "mfaIam")!;
    expect(answers.get(fn.arn)).toMatchObject({ state: "conditional", reach: { service: "iam", via: ["p#Mfa"], conditionKeys: ["aws:MultiFactorAuthPresent"] } });
  });

  it("lists only what both overlapping NotActions leave out, by name", () => {
    const reaches = (name: string) => report.functions.find((f) => f.name === name)!.reaches;
    expect(reaches("overlap").find((r) => r.service === "*")?.actions).toEqual(["*", "except iam:CreateRole", "except iam:CreateServiceLinkedRole"]);
    expect(reaches("overlapMore").find((r) => r.service === "*")?.actions).toEqual(["*", "except iam:CreateRole", "except iam:CreateServiceLinkedRole", "except s3:DeleteBucket"]);
  });

  it("answers so for the demo's roles that hold an every-action reach", async () => {
    const demoSnapshot = parseSnapshot(readFileSync(demoSnapshotPath(), "utf8"));
    const demo = analyzeSnapshot(demoSnapshot);
    const names = new Set(demo.functions.filter((f) => f.reaches.some((r) => r.service === "*" && r.resource === "*")).map((f) => f.name));
    expect(names.size).toBeGreaterThan(0);
    const { fromReach, fromEvaluator } = await compare(demo, exactAsker(buildAccountModel(demoSnapshot)), names);
    expect(fromReach).toEqual(fromEvaluator);
  });
});
