/**
 * A node that is not a function carries the evidence of its edges in its details: what the function at the other end
 * would name (statement, mapping UUID, actions), read from the reports of the functions it connects to.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot } from "@/lib/snapshot/read";
import { graphIndexOf, graphView } from "./graph-view";
import { loadGraphViewState } from "./url-state";

describe("the details of nodes that are not functions", () => {
  const idx = graphIndexOf(analyzeSnapshot(parseSnapshot(JSON.parse(JSON.stringify(buildAcmeRetailDemo().snapshot)))));
  const details = (node: string) => graphView(idx, { ...loadGraphViewState(""), node }).selected!;
  const ORDERS = "arn:aws:lambda:us-east-1:123456789012:function:orders-processor";

  it("an invoker's: its grant into each function it invokes, with the statement", () => {
    const { ways } = details("p:public:*");
    expect(ways?.total).toBeGreaterThan(0);
    const fn = idx.model.functions[`fn:${ways!.items[0]!.fnArn}`]!;
    expect(ways!.items[0]!.invoker).toBe(fn.invokers.find((i) => i.principal === "*" && i.via === "resource-policy"));
    expect(ways!.items[0]!.invoker.sid).toBeTruthy();
  });

  it("an event source's: the mapping into its function, with its UUID", () => {
    const { ways } = details("src:arn:aws:sqs:us-east-1:123456789012:orders-queue");
    const mapping = idx.model.functions[`fn:${ORDERS}`]!.invokers.find((i) => i.via === "event-source-mapping")!;
    expect(ways).toEqual({ items: [{ fn: "orders-processor", fnArn: ORDERS, invoker: mapping }], total: 1 });
    expect(mapping.uuid).toBeTruthy();
  });

  it("a role's: what it reaches, as its function's details list it", () => {
    const { reaches } = details("role:arn:aws:iam::123456789012:role/service-role/orders-processor-role");
    const fn = idx.model.functions[`fn:${ORDERS}`]!;
    expect(reaches).toEqual({ items: fn.reaches, total: fn.reaches.length });
  });

  it("a resource's: the roles that reach it, with their actions", () => {
    const { reachedBy } = details("res:sqs:arn:aws:sqs:us-east-1:123456789012:fulfillment-queue");
    expect(reachedBy?.items.map((r) => r.role)).toContain("orders-processor-role");
    const reach = reachedBy!.items.find((r) => r.role === "orders-processor-role")!.reach;
    expect(reach.resource).toBe("arn:aws:sqs:us-east-1:123456789012:fulfillment-queue");
    expect(reach.actions.length).toBeGreaterThan(0);
  });

  it("a function's and a group's carry none of these", () => {
    expect(details(`fn:${ORDERS}`).ways).toBeUndefined();
    const group = details("group:resource:sqs");
    expect([group.ways, group.reachedBy, group.reaches]).toEqual([undefined, undefined, undefined]);
  });
});
