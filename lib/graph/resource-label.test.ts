import { describe, expect, it } from "vitest";
import path from "node:path";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot, readSnapshotFile } from "@/lib/snapshot/read";
import { REGION, newBuilder } from "@/lib/analysis/test-support";
import { resourceLabel } from "./resource-label";

const OWN = "123456789012";

describe("resource labels", () => {
  it("name the service and what of it, never a bare *", () => {
    expect(resourceLabel("logs", `arn:aws:logs:us-east-1:${OWN}:*`, OWN)).toBe("logs: all resources in us-east-1");
    expect(resourceLabel("logs", `arn:aws:logs:*:${OWN}:*`, OWN)).toBe("logs: all resources in every region");
    expect(resourceLabel("s3", "arn:aws:s3:::*")).toBe("s3: all resources");
    expect(resourceLabel("s3", "arn:aws:s3:::acme-reports/*")).toBe("s3: acme-reports/*");
    expect(resourceLabel("logs", `arn:aws:logs:us-east-1:${OWN}:log-group:/aws/lambda/x:*`, OWN)).toBe("logs: log-group:/aws/lambda/x:*");
  });

  // The evaluator answers such a pattern "may" (lib/policy/arn-case.test.ts); cut to its resource part it would read as
  // the node of the ARN AWS writes beside it, whose access is certain.
  it("shows a pattern whose arn, partition or service is in other case whole", () => {
    for (const pattern of [`ARN:aws:sqs:us-east-1:${OWN}:orders`, `arn:AWS:sqs:us-east-1:${OWN}:orders`, `arn:aws:SQS:us-east-1:${OWN}:orders`, `arn:AWS:logs:us-east-1:${OWN}:*`]) {
      expect(resourceLabel("sqs", pattern, OWN)).toBe(`sqs: ${pattern}`);
    }
    expect(resourceLabel("sqs", `arn:aws:sqs:us-east-1:${OWN}:orders`, OWN)).toBe("sqs: orders");
  });

  it("a service's actions on every resource do not read like the action wildcard `service:*`", () => {
    expect(resourceLabel("rekognition", "*")).toBe("rekognition: all resources");
    expect(resourceLabel("rekognition", "*")).not.toContain("rekognition:*");
  });

  it("a reach of every action is named for what it is", () => {
    expect(resourceLabel("*", "*")).toBe("all services · all resources");
    expect(resourceLabel("*", "arn:aws:s3:::acme/*")).toBe("all services · acme/*");
  });

  it("names accounts other than the scanned one, and any account", () => {
    expect(resourceLabel("sqs", "arn:aws:sqs:us-east-1:999999999999:*", OWN)).toBe("sqs: all resources in us-east-1 of account 999999999999");
    expect(resourceLabel("sqs", "arn:aws:sqs:us-east-1:*:*", OWN)).toBe("sqs: all resources in us-east-1 of any account");
    expect(resourceLabel("sqs", `arn:aws:sqs:us-east-1:${OWN}:*`, OWN)).toBe("sqs: all resources in us-east-1");
  });

  it("keeps NotResource exceptions and patterns that are not ARNs", () => {
    expect(resourceLabel("s3", "* except arn:aws:s3:::secret/*")).toBe("s3: all resources except arn:aws:s3:::secret/*");
    expect(resourceLabel("lambda", "my-function")).toBe("lambda: my-function");
  });
});

describe("the actions a reach of every action leaves out (its edge's notActions)", () => {
  function everyActionEdge(...statements: object[]) {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { p: { Version: "2012-10-17", Statement: statements } as never } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
    const { graph } = analyzeSnapshot(parseSnapshot(b.build()));
    return graph.edges.find((e) => e.kind === "can-access" && e.target === "res:*:*");
  }
  const notIam = { Effect: "Allow", NotAction: "iam:*", Resource: "*" };

  it("are those of its one NotAction statement", () => {
    expect(everyActionEdge(notIam)?.notActions).toEqual(["iam:*"]);
  });

  it("are none when a second statement makes the reach too: it may allow what the first leaves out", () => {
    // With "except iam:*" kept, the edge would read as no IAM access while Action "*" grants all of IAM.
    expect(everyActionEdge(notIam, { Effect: "Allow", Action: "*", Resource: "*" })?.notActions).toBeUndefined();
    expect(everyActionEdge(notIam, { Effect: "Allow", NotAction: "s3:*", Resource: "*" })?.notActions).toBeUndefined();
  });

  it("are what every statement making the reach leaves out", () => {
    expect(everyActionEdge(notIam, { Effect: "Allow", NotAction: ["s3:*", "iam:*"], Resource: "*" })?.notActions).toEqual(["iam:*"]);
    expect(everyActionEdge(notIam, { Effect: "Allow", NotAction: ["iam:Create*", "s3:*"], Resource: "*" })?.notActions).toEqual(["iam:Create*"]);
    // Two that only overlap: the catalog's actions matching both, not nothing.
    const noCreate = { Effect: "Allow", NotAction: "iam:Create*", Resource: "*" };
    expect(everyActionEdge(noCreate, { Effect: "Allow", NotAction: "iam:*Role", Resource: "*" })?.notActions).toEqual(["iam:CreateRole", "iam:CreateServiceLinkedRole"]);
  });

  it("stay named beside a conditional Action *, whose part of them is an edge of its own, conditional", () => {
    const mfa = { Sid: "Mfa", Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } };
    expect(everyActionEdge(notIam, mfa)?.notActions).toEqual(["iam:*"]);
    const b = newBuilder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role: b.role({ name: "r", inline: { p: { Version: "2012-10-17", Statement: [notIam, mfa] } as never } }) });
    const { graph } = analyzeSnapshot(parseSnapshot(b.build()));
    expect(graph.edges.find((e) => e.kind === "can-access" && e.target === "res:iam:*")).toMatchObject({ conditional: true });
  });
});

describe("the demo's resource nodes", async () => {
  const { graph } = analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json")));
  const label = (id: string) => graph.nodes.find((n) => n.id === id)?.label;

  it("name their service: no bare '*', no 'rekognition:*'", () => {
    expect(label(`res:logs:arn:aws:logs:us-east-1:${OWN}:*`)).toBe("logs: all resources in us-east-1");
    expect(label("res:rekognition:*")).toBe("rekognition: all resources");
    expect(label("res:*:*")).toBe("all services · all resources");
    const unnamed = graph.nodes.filter((n) => n.kind === "resource" && !/^(all services · |[a-z0-9-]+: )/.test(n.label));
    expect(unnamed.map((n) => n.label)).toEqual([]);
  });
});
