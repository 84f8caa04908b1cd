/**
 * The details panel's what-if box on the demo's roles and IAM users (data/DEMO.md): which nodes get one, whom it
 * asks as and the resource it asks about first, from the neighbours the server sends with the node.
 */
import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { graphIndexOf, nodeDetails } from "./graph-view";
import { principalAsker } from "./run-as";
import { selectVisibleGraph, type GraphIndex } from "./visible-graph";

const ACCOUNT = "123456789012";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/orders-processor-role`;
let idx: GraphIndex;

beforeAll(async () => {
  idx = graphIndexOf(analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json"))));
});

const askerOf = (id: string) => {
  const d = nodeDetails(idx, selectVisibleGraph(idx, { severities: [], services: [], regions: [], onlyFindings: false, focus: null, limit: 40 }), id);
  if (!d) throw new Error(`no node ${id}`);
  return { details: d, asker: principalAsker(d.node, d.neighbours, ACCOUNT) };
};

describe("the what-if box of the demo's principals", () => {
  it("an execution role lists the resources it can access among its neighbours, and asks about the first that names one thing (its table)", () => {
    const { details, asker } = askerOf(`role:${ROLE}`);
    expect(details.neighbours.map((n) => n.kind)).toContain("resource");
    expect(details.neighbours.filter((n) => n.kind === "function").map((n) => n.label)).toEqual(["orders-processor"]);
    expect(asker).toEqual({ kind: "role", arn: ROLE, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/orders" });
  });

  it("an invoking role of the account asks about the function it invokes; the outside partner account gets no box", () => {
    const sfn = [...idx.byId.values()].find((n) => n.kind === "principal" && n.ref?.endsWith(":role/service-role/order-fraud-check-sfn-role"));
    expect(askerOf(sfn!.id).asker).toEqual({ kind: "role", arn: sfn!.ref, resource: "arn:aws:lambda:us-east-1:123456789012:function:fraud-scorer" });
    const outside = [...idx.byId.values()].filter((n) => n.kind === "principal" && n.ref?.includes("210987654321"));
    expect(outside.length).toBeGreaterThan(0);
    for (const n of outside) expect(askerOf(n.id).asker).toBeUndefined();
    const services = [...idx.byId.values()].filter((n) => n.kind === "principal" && n.principalType === "service");
    expect(services.length).toBeGreaterThan(0);
    for (const n of services) expect(askerOf(n.id).asker).toBeUndefined();
  });
});
