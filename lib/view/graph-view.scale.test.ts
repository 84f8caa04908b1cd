/**
 * The graph view at scale: a synthetic account of 2,000 functions (bench/synthetic.ts, analysed for real). The
 * default view stays small and aggregated, what the page sends is a small fraction of the model, and every function
 * is still reachable through search and focus.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { generateHubSnapshot, generateSyntheticSnapshot } from "@/bench/synthetic";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { SnapshotSchema } from "@/lib/snapshot/schema";
import { cachedGraphView, DETAILS_PAGE, findingsPage, graphFacets, graphIndexOf, graphView, listPage, MAX_NEIGHBOURS, nodeDetails, type GrantsPage, type InvokersPage, type NeighboursPage, type ReachesPage } from "./graph-view";
import { severityRank } from "./severity";
import { searchNodes } from "./node-search";
import { DEFAULT_FUNCTION_LIMIT, loadGraphViewState, type GraphViewState } from "./url-state";
import { groupMembers, MAX_FUNCTIONS_DRAWN, type GraphIndex } from "./visible-graph";
import { findingIdsOf } from "./finding-ids";

const FUNCTIONS = 2_000;
const defaults: GraphViewState = loadGraphViewState({});
let idx: GraphIndex;

beforeAll(() => {
  const snapshot = SnapshotSchema.parse(generateSyntheticSnapshot({ functions: FUNCTIONS, roles: 1_000, seed: 42 }));
  idx = graphIndexOf(analyzeSnapshot(snapshot));
}, 180_000);

describe(`graph view of ${FUNCTIONS.toLocaleString("en")} functions`, () => {
  it("draws a bounded, aggregated default view of the riskiest functions", () => {
    const { visible, selected } = graphView(idx, defaults);
    expect(idx.functions).toHaveLength(FUNCTIONS);
    expect(selected).toBeNull();
    expect(visible).toMatchObject({ shown: DEFAULT_FUNCTION_LIMIT, matching: FUNCTIONS, total: FUNCTIONS, aggregated: true });
    expect(visible.nodes.filter((n) => n.kind === "function" && !n.aliasOf)).toHaveLength(DEFAULT_FUNCTION_LIMIT);
    // Alias nodes come only with their function.
    const drawnIds = new Set(visible.nodes.map((n) => n.id));
    for (const alias of visible.nodes.filter((n) => n.aliasOf)) expect(drawnIds.has(alias.aliasOf!)).toBe(true);
    // Resources are drawn only as per-service groups, whose members are all real resources.
    const resources = visible.nodes.filter((n) => n.kind === "resource");
    expect(resources.length).toBeGreaterThan(0);
    for (const group of resources) {
      expect(group.groupOf?.length).toBeGreaterThan(0);
      expect(group.groupOf?.every((id) => idx.byId.get(id)?.kind === "resource")).toBe(true);
    }
    expect(visible.nodes.length).toBeLessThan(200);
    expect(visible.edges.length).toBeLessThan(400);
    // Riskiest first: no hidden function is worse than the least risky drawn one.
    const drawn = new Set(visible.nodes.map((n) => n.id));
    const rank = (id: string) => ["critical", "high", "medium", "low", "info"].indexOf(idx.byId.get(id)?.badge?.severity ?? "none");
    const worstHidden = Math.min(...idx.functions.filter((f) => !drawn.has(f.id)).map((f) => (rank(f.id) < 0 ? 99 : rank(f.id))));
    const bestDrawnLast = Math.max(...[...drawn].filter((id) => idx.byId.get(id)?.kind === "function").map((id) => (rank(id) < 0 ? 99 : rank(id))));
    expect(worstHidden).toBeGreaterThanOrEqual(bestDrawnLast);
  });

  it("sends a small fraction of the model", () => {
    const page = JSON.stringify(graphView(idx, defaults)).length;
    const model = JSON.stringify(idx.model).length;
    expect(model).toBeGreaterThan(5_000_000);
    expect(page).toBeLessThan(250_000);
    expect(page * 40).toBeLessThan(model);
  });

  it("reaches every function by search and by focus, each with its details", () => {
    const missing: string[] = [];
    for (const fn of idx.functions) {
      const found = searchNodes(idx.model.nodes, fn.label).some((n) => n.id === fn.id);
      const { visible, selected } = graphView(idx, { ...defaults, focus: fn.id, node: fn.id });
      const drawn = visible.nodes.some((n) => n.id === fn.id);
      if (!found || !drawn || selected?.node.id !== fn.id || !selected.fn || visible.nodes.length > 200) missing.push(fn.label);
    }
    expect(missing).toEqual([]);
  }, 120_000);

  it("caps the functions drawn however large the limit", () => {
    expect(graphView(idx, { ...defaults, limit: 1_000_000 }).visible).toMatchObject({ shown: MAX_FUNCTIONS_DRAWN, matching: FUNCTIONS });
  });

  it("keeps the finding and invoked-by filters to the limit and the cap, counting every function they match", () => {
    // The rule that badges the most functions (the options are sorted by title, not by count).
    const rule = [...graphFacets(idx, "s").rules].sort((a, b) => b.functions - a.functions)[0]!;
    for (const filters of [{ who: ["service" as const] }, { who: ["iam" as const] }, { rule: [rule.rule] }]) {
      const matching = idx.functions.filter((fn) => {
        const facts = idx.factsOf.get(fn.id)!;
        return (filters.who ?? []).every((k) => facts.invokedBy.includes(k)) && (filters.rule ?? []).every((r) => facts.rules.includes(r));
      }).length;
      expect(matching).toBeGreaterThan(DEFAULT_FUNCTION_LIMIT);
      const first = graphView(idx, { ...defaults, ...filters }).visible;
      expect(first).toMatchObject({ shown: DEFAULT_FUNCTION_LIMIT, matching, total: FUNCTIONS });
      expect(first.nodes.length).toBeLessThan(200);
      const widest = graphView(idx, { ...defaults, ...filters, limit: 100_000 }).visible;
      expect(widest.shown).toBe(Math.min(matching, MAX_FUNCTIONS_DRAWN));
    }
    expect(rule.functions).toBe(idx.functions.filter((fn) => idx.factsOf.get(fn.id)!.rules.includes(rule.rule)).length);
  });

  it("lists a group's members in its details, capped, with the full count", () => {
    const { visible } = cachedGraphView(idx, defaults);
    const group = visible.nodes.filter((n) => n.groupOf).sort((a, b) => (b.groupOf?.length ?? 0) - (a.groupOf?.length ?? 0))[0];
    expect(group).toBeDefined();
    const details = nodeDetails(idx, visible, group?.id ?? "");
    expect(details?.neighbourTotal).toBe(group?.groupSize);
    expect(details?.neighbours.length).toBe(Math.min(MAX_NEIGHBOURS, group?.groupSize ?? 0));
    expect(cachedGraphView(idx, defaults)).toBe(cachedGraphView(idx, { ...defaults }));
  });
});

describe("graph view of one function with 2,000 grants, 500 mappings and a role reaching 1,000 ARNs", () => {
  let hub: GraphIndex;
  let hubId: string;

  beforeAll(() => {
    hub = graphIndexOf(analyzeSnapshot(SnapshotSchema.parse(generateHubSnapshot({ grants: 2_000, mappings: 500, resources: 1_000, others: 30 }))));
    hubId = hub.functions.find((f) => f.label === "hub")?.id ?? "";
  }, 180_000);

  it("draws its invokers and event sources as groups, in the default view and around it", () => {
    for (const state of [defaults, { ...defaults, focus: hubId }, { ...defaults, focus: hub.rolesOf.get(hubId)?.values().next().value ?? null }]) {
      const { visible } = graphView(hub, state);
      // Before: 2,500 invoker nodes in one column (a 1.5 MB view for ELK and the browser).
      expect(visible.nodes.length, String(state.focus)).toBeLessThan(100);
      expect(visible.invokersGrouped, String(state.focus)).toBe(true);
      const groups = visible.nodes.filter((n) => n.kind !== "resource" && n.groupOf).map((n) => n.label);
      expect(groups.sort(), String(state.focus)).toEqual(["account · 1,000 invokers", "sns · 1,000 invokers", "sqs · 500 event sources"]);
      // Every invoker is in the view, drawn or in a group.
      const inView = new Set(visible.nodes.flatMap((n) => [n.id, ...groupMembers(n)]));
      expect([...(hub.invokersOf.get(hubId) ?? [])].filter((id) => !inView.has(id))).toEqual([]);
    }
  });

  it("lists a group's members in its details and finds each of them by search", () => {
    const { visible } = graphView(hub, { ...defaults, focus: hubId });
    const group = visible.nodes.find((n) => n.label === "sqs · 500 event sources");
    const details = nodeDetails(hub, visible, group?.id ?? "");
    expect(details?.neighbourTotal).toBe(500);
    expect(details?.neighbours.map((n) => n.kind)).toEqual(Array(MAX_NEIGHBOURS).fill("event-source"));
    expect(searchNodes(hub.model.nodes, "hub-queue-499").map((n) => n.label)).toEqual(["hub-queue-499"]);
  });

  it("pages a group's members past the first 50, every member once, in the order its details start", () => {
    const { visible } = graphView(hub, { ...defaults, focus: hubId });
    const group = visible.nodes.find((n) => n.label === "sqs · 500 event sources")!;
    const first = listPage(hub, group, "neighbours", 1) as NeighboursPage;
    expect(first.neighbours).toEqual(nodeDetails(hub, visible, group.id)?.neighbours);
    const seen = Array.from({ length: first.pages }, (_, i) => (listPage(hub, group, "neighbours", i + 1) as NeighboursPage).neighbours.map((n) => n.label)).flat();
    expect(first).toMatchObject({ total: 500, pages: 10 });
    expect(new Set(seen)).toEqual(new Set(Array.from({ length: 500 }, (_, i) => `hub-queue-${i}`)));
    expect(seen).toHaveLength(500);
    // Any node's: the hub connects to its 2,000 grants' invokers, 500 queues and its role, past the first page.
    const around = listPage(hub, hub.byId.get(hubId)!, "neighbours", 3) as NeighboursPage;
    expect(around).toMatchObject({ page: 3, offset: 100, total: nodeDetails(hub, visible, hubId)?.neighbourTotal });
    expect(around.neighbours).toHaveLength(DETAILS_PAGE);
  });

  it("sends the hub's first findings, worst first, with the exact count; pages reach every finding once", () => {
    const { selected } = graphView(hub, { ...defaults, focus: hubId, node: hubId });
    const all = findingIdsOf(hub.model, hubId);
    expect(all.length).toBeGreaterThan(1_000);
    expect(selected?.findingTotal).toBe(all.length);
    expect(selected?.findings).toHaveLength(DETAILS_PAGE);
    // Before: every finding with its evidence, ~4 MB of the 5.6 MB view for the browser to read and draw (~230 KB now).
    expect(JSON.stringify(selected?.findings).length).toBeLessThan(300_000);
    const seen: string[] = [];
    const first = findingsPage(hub, hub.byId.get(hubId)!, 1);
    expect(first.findings).toEqual(selected?.findings);
    for (let page = 1; page <= first.pages; page++) {
      const p = findingsPage(hub, hub.byId.get(hubId)!, page);
      expect(p).toMatchObject({ page, pages: Math.ceil(all.length / DETAILS_PAGE), offset: (page - 1) * DETAILS_PAGE, total: all.length });
      seen.push(...p.findings.map((f) => f.id));
    }
    expect(seen.sort()).toEqual([...all].sort());
    // Worst first across pages: no finding after a milder one.
    const ranks = Array.from({ length: first.pages }, (_, i) => findingsPage(hub, hub.byId.get(hubId)!, i + 1).findings).flat().map((f) => severityRank(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("sends a page of the hub's own invokers, reaches and grants reaching nothing, with exact counts; pages reach each once, in order", () => {
    const { selected } = graphView(hub, { ...defaults, focus: hubId, node: hubId });
    const report = hub.model.functions[hubId]!;
    expect(report.invokers.length).toBe(2_500);
    expect(report.reaches.length).toBeGreaterThanOrEqual(1_000);
    expect(selected?.invokers).toEqual({ items: report.invokers.slice(0, DETAILS_PAGE), total: report.invokers.length });
    expect(selected?.reaches).toEqual({ items: report.reaches.slice(0, DETAILS_PAGE), total: report.reaches.length });
    const grants = report.ineffectiveGrants ?? [];
    expect(grants.length).toBeGreaterThan(DETAILS_PAGE);
    expect(selected?.ineffectiveGrants).toEqual({ items: grants.slice(0, DETAILS_PAGE), total: grants.length });
    // The function's own report without them: before, its 2,500 invokers, 1,000+ reaches and grants reaching nothing
    // were 1.2 MB of the 1.46 MB (its first 50 findings with their evidence are most of what is left).
    for (const list of ["invokers", "reaches", "ineffectiveGrants"]) expect(selected?.fn).not.toHaveProperty(list);
    expect(JSON.stringify(selected).length).toBeLessThan(320_000);
    // The what-if box's first resource is still read from the whole lists: the hub's first queue, not a later page's.
    expect(selected?.askAbout).toBe(report.invokers.find((i) => i.via === "event-source-mapping")?.sourceArn);
    const node = hub.byId.get(hubId)!;
    const invokers = Array.from({ length: Math.ceil(report.invokers.length / DETAILS_PAGE) }, (_, i) => listPage(hub, node, "invokers", i + 1) as InvokersPage);
    expect(invokers[0]?.invokers).toEqual(selected?.invokers?.items);
    expect(invokers[0]?.identity).toEqual(selected?.identity);
    expect(invokers.every((p, i) => p.page === i + 1 && p.pages === invokers.length && p.total === report.invokers.length)).toBe(true);
    expect(invokers.flatMap((p) => p.invokers)).toEqual(report.invokers);
    const reaches = Array.from({ length: Math.ceil(report.reaches.length / DETAILS_PAGE) }, (_, i) => listPage(hub, node, "reaches", i + 1) as ReachesPage);
    expect(reaches.flatMap((p) => p.reaches)).toEqual(report.reaches);
    const grantPages = Array.from({ length: Math.ceil(grants.length / DETAILS_PAGE) }, (_, i) => listPage(hub, node, "grants", i + 1) as GrantsPage);
    expect(grantPages.flatMap((p) => p.grants)).toEqual(grants);
    // Beyond the last page, the last; a node that is no function has no such list.
    expect((listPage(hub, node, "reaches", 10_000) as ReachesPage).page).toBe(reaches.length);
    expect(listPage(hub, hub.byId.get(hub.rolesOf.get(hubId)?.values().next().value ?? "")!, "invokers", 1)).toBeUndefined();
  });

  it("sends no list of the hub's finding ids, only its counts, when it is focused and selected", () => {
    const view = graphView(hub, { ...defaults, focus: hubId, node: hubId });
    const total = findingIdsOf(hub.model, hubId).length;
    // Every array of finding ids anywhere in what the browser receives. Before: the hub's 1,503 ids three times (~480 KB
    // of 1.9 MB), as a drawn node, the focus and the selected node, which the browser never read.
    const findingIdLists: number[] = [];
    JSON.parse(JSON.stringify(view), (_key, value: unknown) => {
      if (Array.isArray(value) && value.some((v) => typeof v === "string" && v in hub.model.findings)) findingIdLists.push(value.length);
      return value;
    });
    expect(findingIdLists.filter((n) => n > DETAILS_PAGE)).toEqual([]);
    // The counts the panel and the node's badge say stay exact.
    expect(view.selected?.findingTotal).toBe(total);
    expect(view.visible.focus?.badge?.count).toBe(total);
    expect(view.visible.nodes.find((n) => n.id === hubId)?.badge?.count).toBe(total);
  });

  it("sends each group's first member ids with the exact count, and still places every member in its group", () => {
    const view = graphView(hub, { ...defaults, focus: hubId });
    const groups = view.visible.nodes.filter((n) => n.groupOf);
    // Invokers and event sources, and the role's 1,000 ARNs as four groups of resources.
    expect(groups.map((g) => g.groupSize).sort((a, b) => a! - b!)).toEqual([250, 250, 250, 250, 500, 1_000, 1_000]);
    for (const g of groups) {
      expect(g.groupOf).toHaveLength(MAX_NEIGHBOURS);
      expect(g.groupOf).toEqual(groupMembers(g).slice(0, MAX_NEIGHBOURS));
    }
    // Before: every member id, ~500 KB of the 9-node view (the rest of it is now the hub's 1,503 finding ids).
    expect(JSON.stringify(groups).length).toBeLessThan(40_000);
    // A member past the ids sent is still drawn in its group: its details say which.
    const sqs = groups.find((g) => g.label === "sqs · 500 event sources")!;
    const last = groupMembers(sqs).at(-1)!;
    expect(sqs.groupOf).not.toContain(last);
    expect(graphView(hub, { ...defaults, focus: hubId, node: last }).selected?.inGroup).toBe(sqs.id);
    expect(graphView(hub, { ...defaults, focus: hubId, node: hubId }).selected?.inGroup).toBeUndefined();
  });
});
