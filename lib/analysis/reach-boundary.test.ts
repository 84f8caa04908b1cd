/**
 * Reach lists under a permissions boundary that allows only some resources, for statements whose actions or
 * resources cannot be listed: an every-action grant (`Action: "*"` or `NotAction`) or a `NotResource` grant reaches
 * what the boundary allows of it (IAM: the effective permissions are the intersection of the identity policy and the
 * boundary, reference_policies_evaluation-logic.html, "Identity-based policies with permissions boundaries"), as
 * the evaluator says, not nothing.
 */
import { describe, expect, it } from "vitest";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { canRole } from "./role-access";
import { roleReach } from "./reaches";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const Q = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;

function reachOf(identity: Record<string, unknown>, ...boundary: Record<string, unknown>[]) {
  const b = newBuilder();
  const role = b.role({ name: "r", trust: serviceTrust(), inline: { p: policy(identity as never) }, boundary: b.managedPolicy({ name: "bnd", document: policy(...(boundary as never[])) }) });
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
    expect(reaches).not.toEqual([]);
    expect(covers(reaches, "sqs:ReceiveMessage", Q)).toBe(true);
  });

  it("lists the actions the boundary names, on its resources, with the identity statement as evidence", () => {
    const { reaches } = reachOf(
      { Effect: "Allow", Action: "*", Resource: "*" },
      { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::uploads/*" },
      { Effect: "Allow", Action: "dynamodb:Query", Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/t` },
    );
    expect(reaches.map((g) => [g.service, g.resource, g.actions, g.via])).toEqual([
      ["dynamodb", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/t`, ["dynamodb:Query"], ["p#0"]],
      ["s3", "arn:aws:s3:::uploads/*", ["s3:GetObject"], ["p#0"]],
    ]);
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
    expect(reaches).not.toEqual([]);
  });

  it("is partly denied where the statement's exclusion overlaps the boundary's pattern", () => {
    const { model, role, reaches } = reachOf(
      { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::uploads/*" },
      { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::*" },
    );
    expect(canRole(model, role, { action: "s3:GetObject", resource: "arn:aws:s3:::docs/a" }).decision).toBe("allowed");
    expect(canRole(model, role, { action: "s3:GetObject", resource: "arn:aws:s3:::uploads/a" }).decision).toBe("implicitly-denied");
    expect(reaches).toEqual([expect.objectContaining({ service: "s3", resource: "arn:aws:s3:::*", actions: ["s3:GetObject"], partiallyDenied: true })]);
  });

  it("names as evidence only the statements that grant the boundary's part, not one whose exclusion covers it", () => {
    const b = newBuilder();
    const role = b.role({
      name: "r",
      trust: serviceTrust(),
      inline: {
        p: policy(
          { Effect: "Allow", Action: "sqs:*", NotResource: Q } as never,
          { Effect: "Allow", Action: "sqs:SendMessage", Resource: Q } as never,
        ),
      },
      boundary: b.managedPolicy({ name: "bnd", document: policy({ Effect: "Allow", Action: "*", Resource: Q } as never) }),
    });
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const model = modelOf(b);
    const { reaches } = roleReach(model, model.functions[0]!.role!);
    expect(reaches.map((g) => [g.resource, g.actions, g.via])).toEqual([[Q, ["sqs:SendMessage"], ["p#1"]]]);
  });
});

describe("a grant under a permissions boundary whose Allow leaves resources out with NotResource", () => {
  it("is partly denied where the boundary's exclusion overlaps it, and names the boundary", () => {
    const { model, role, reaches } = reachOf(
      { Effect: "Allow", Action: "s3:*", Resource: "*" },
      { Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::secret/*" },
    );
    expect(canRole(model, role, { action: "s3:GetObject", resource: "arn:aws:s3:::secret/a" }).decision).toBe("implicitly-denied");
    expect(reaches).toEqual([expect.objectContaining({ service: "s3", resource: "*", partiallyDenied: true, deniedBy: ["bnd (permissions boundary)"] })]);
  });

  it("is not flagged where the exclusion lies outside it or concerns other actions", () => {
    const { reaches } = reachOf(
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: Q },
      { Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::secret/*" },
      { Effect: "Allow", Action: "s3:*", NotResource: `arn:aws:sqs:*:${ACCOUNT}:*` },
    );
    expect(reaches).toEqual([expect.objectContaining({ service: "sqs", resource: Q, actions: ["sqs:SendMessage"] })]);
    expect(reaches[0]?.partiallyDenied).toBeUndefined();
  });
});
