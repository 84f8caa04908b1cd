/**
 * A node that is not a function carries the evidence of its edges in its details: what the function at the other end
 * would name (statement, mapping UUID, actions), read from the reports of the functions it connects to.
 */
import { describe, expect, it } from "vitest";
import { generateHubSnapshot } from "@/bench/synthetic";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot } from "@/lib/snapshot/read";
import { SnapshotSchema } from "@/lib/snapshot/schema";
import { DETAILS_PAGE, graphIndexOf, graphView, listPage, type ListPage, type NodeDetails } from "./graph-view";
import { loadGraphViewState } from "./url-state";
import { groupMembers } from "./visible-graph";

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

  it("a function's carry none of these", () => {
    const fn = details(`fn:${ORDERS}`);
    expect([fn.ways, fn.reachedBy]).toEqual([undefined, undefined]);
  });

  it("a resource group's: its members', member after member, each naming the member it reaches", () => {
    const group = details("group:resource:sqs");
    const members = groupMembers(group.node).map((id) => details(id).reachedBy!.items);
    expect(group.reachedBy).toEqual({ items: members.flat(), total: members.flat().length });
    expect(group.reachedBy!.items.some((r) => r.role === "orders-processor-role" && r.reach.resource.endsWith(":orders-queue"))).toBe(true);
    expect([group.ways, group.reaches]).toEqual([undefined, undefined]);
  });
});

/**
 * A hub (bench/synthetic.ts) whose focused view groups its queues, its callers and what its role reaches: every list is
 * longer than a page, and every page is one the details panel can ask for.
 */
describe("the long lists of nodes that are not functions, a page at a time", () => {
  const hub = graphIndexOf(analyzeSnapshot(SnapshotSchema.parse(generateHubSnapshot({ grants: 120, mappings: 60, resources: 400 }))));
  const hubId = hub.functions.find((f) => f.label === "hub")!.id;
  const state = { ...loadGraphViewState(""), focus: hubId };
  const drawn = graphView(hub, state).visible.nodes;
  const details = (node: string) => graphView(hub, { ...state, node }).selected!;
  /** Every page of `list`, from 1 to its last, joined. */
  function allPages<T>(node: NodeDetails["node"], list: "ways" | "reaches" | "reachedBy", read: (p: ListPage) => T[]): T[] {
    const first = listPage(hub, node, list, 1)!;
    return Array.from({ length: first.pages }, (_, i) => read(listPage(hub, node, list, i + 1)!)).flat();
  }

  it("an event source group's ways in: one mapping per queue, each said with the queue it comes from", () => {
    const group = drawn.find((n) => n.groupOf && n.kind === "event-source")!;
    const { ways } = details(group.id);
    expect(ways!.total).toBe(60);
    expect(ways!.items).toHaveLength(DETAILS_PAGE);
    const all = allPages(group, "ways", (p) => ("ways" in p ? p.ways : []));
    expect(all.map((w) => w.from)).toEqual(groupMembers(group).map((id) => hub.byId.get(id)!.label));
    expect(all.every((w) => w.invoker.via === "event-source-mapping" && w.invoker.uuid && w.fn === "hub")).toBe(true);
  });

  it("a resource group's roles, past its first page", () => {
    const group = drawn.find((n) => n.groupOf && n.kind === "resource" && (n.groupSize ?? 0) > DETAILS_PAGE)!;
    const { reachedBy } = details(group.id);
    expect(reachedBy!.items).toHaveLength(DETAILS_PAGE);
    const all = allPages(group, "reachedBy", (p) => ("reachedBy" in p ? p.reachedBy : []));
    expect(all).toHaveLength(reachedBy!.total);
    expect(all.slice(0, DETAILS_PAGE)).toEqual(reachedBy!.items);
    expect(all.map((r) => `res:${r.reach.service}:${r.reach.resource}`)).toEqual([...groupMembers(group)]);
  });

  it("a role's reach, every page of it, and no list a function has", () => {
    const role = hub.byId.get([...hub.rolesOf.get(hubId)!][0]!)!;
    const all = allPages(role, "reaches", (p) => ("reaches" in p ? p.reaches : []));
    expect(all).toEqual(hub.model.functions[hubId]!.reaches);
    expect(all.length).toBeGreaterThan(DETAILS_PAGE);
    expect(listPage(hub, role, "invokers", 1)).toBeUndefined();
    expect(listPage(hub, hub.byId.get(hubId)!, "ways", 1)).toBeUndefined();
  });
});
