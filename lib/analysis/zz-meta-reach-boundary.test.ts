/**
 * Found by a metamorphic property (adding a permissions boundary never adds reach; the reach list agrees with the
 * evaluator): an every-action grant (`Action: "*"` or `NotAction`) on `*`, or a `NotResource` grant, under a
 * boundary that allows only some
 * resources reaches exactly what the boundary allows (IAM: the effective permissions are the intersection of the
 * identity policy and the boundary, reference_policies_evaluation-logic.html, "Identity-based policies with
 * permissions boundaries"). The evaluator says so; the reach list says the function reaches nothing.
 */
import { describe, expect, it } from "vitest";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { canRole } from "./role-access";
import { roleReach } from "./reaches";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const Q = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;

function reachOf(identity: Record<string, unknown>, boundary: Record<string, unknown>) {
  const b = newBuilder();
  const role = b.role({ name: "r", trust: serviceTrust(), inline: { p: policy(identity as never) }, boundary: b.managedPolicy({ name: "bnd", document: policy(boundary as never) }) });
  b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
  const model = modelOf(b);
  const r = model.functions[0]!.role!;
  return { model, role: r, ...roleReach(model, r) };
}

const covers = (reaches: { resource: string; actions: string[] }[], action: string, resource: string) =>
  reaches.some((g) => (g.resource === resource || g.resource === "*") && (g.actions.includes(action) || g.actions.includes("*")));

describe("an every-action grant under a resource-scoped permissions boundary", () => {
  it("reaches what the boundary allows (Action *)", () => {
    const { model, role, reaches } = reachOf({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Allow", Action: "sqs:*", Resource: Q });
    expect(canRole(model, role, { action: "sqs:ReceiveMessage", resource: Q }).decision).toBe("allowed");
    expect(canRole(model, role, { action: "sqs:DeleteQueue", resource: Q }).decision).toBe("allowed");
    expect(reaches).not.toEqual([]); // today: [] — the function is drawn reaching nothing
    expect(covers(reaches, "sqs:ReceiveMessage", Q)).toBe(true);
  });

  it("reaches what the boundary allows (NotAction)", () => {
    const { model, role, reaches } = reachOf({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }, { Effect: "Allow", Action: "*", Resource: Q });
    expect(canRole(model, role, { action: "sqs:SendMessage", resource: Q }).decision).toBe("allowed");
    expect(covers(reaches, "sqs:SendMessage", Q)).toBe(true);
  });
});

describe("a NotResource grant under a resource-scoped permissions boundary", () => {
  it("reaches what the boundary allows", () => {
    // sqs:* on everything but one bucket, under a boundary allowing the account's queues.
    const { model, role, reaches } = reachOf(
      { Effect: "Allow", Action: "sqs:*", NotResource: "arn:aws:s3:::uploads/*" },
      { Effect: "Allow", Action: "*", Resource: `arn:aws:sqs:*:${ACCOUNT}:*` },
    );
    expect(canRole(model, role, { action: "sqs:ReceiveMessage", resource: Q }).decision).toBe("allowed");
    expect(reaches).not.toEqual([]); // today: []
  });
});
