import { describe, expect, it } from "vitest";
import { reachesOf } from "./reaches";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const Q = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;

function reachesFor(inline: Record<string, unknown>, boundary?: Record<string, unknown>) {
  const b = newBuilder();
  const boundaryArn = boundary ? b.managedPolicy({ name: "boundary", document: boundary as never }) : undefined;
  const role = b.role({ name: "r", inline: inline as never, boundary: boundaryArn });
  b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
  const model = modelOf(b);
  return reachesOf(model, model.functions[0]!.role!);
}

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

describe("reachesOf", () => {
  it("groups concrete actions by service and resource with access levels", () => {
    const r = reachesFor({ p: doc({ Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource: Q }) });
    expect(r).toEqual([
      expect.objectContaining({
        service: "sqs",
        resource: Q,
        actions: ["sqs:DeleteMessage", "sqs:ReceiveMessage"],
        accessLevels: ["Write", "Read"],
        conditional: false,
      }),
    ]);
  });

  it("expands wildcards through the action catalog", () => {
    const r = reachesFor({ p: doc({ Effect: "Allow", Action: "dynamodb:Get*", Resource: "*" }) });
    expect(r[0]?.actions).toContain("dynamodb:GetItem");
    expect(r[0]?.actions.every((a) => a.startsWith("dynamodb:Get"))).toBe(true);
    expect(r[0]?.patterns).toEqual(["dynamodb:Get*"]);
  });

  it("drops what an explicit Deny removes and flags a partial Deny", () => {
    const r = reachesFor({
      p: doc(
        { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::b/*" },
        { Effect: "Deny", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" },
        { Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/secret/*" },
      ),
    });
    expect(r).toHaveLength(1);
    expect(r[0]?.actions).toEqual(["s3:GetObject"]);
    expect(r[0]?.partiallyDenied).toBe(true);
  });

  it("drops what the permissions boundary does not allow", () => {
    const r = reachesFor(
      { p: doc({ Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:PurgeQueue"], Resource: Q }) },
      doc({ Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "*" }),
    );
    expect(r[0]?.actions).toEqual(["sqs:ReceiveMessage"]);
  });

  it("marks access gated by a condition as conditional", () => {
    const r = reachesFor({
      p: doc({ Effect: "Allow", Action: "sqs:SendMessage", Resource: Q, Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }),
    });
    expect(r[0]?.conditional).toBe(true);
  });

  it("reports Action * and NotAction as the whole-account group", () => {
    expect(reachesFor({ p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) })[0]).toMatchObject({ service: "*", resource: "*" });
    const notAction = reachesFor({ p: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) });
    expect(notAction[0]?.actions).toContain("except iam:*");
  });
});
