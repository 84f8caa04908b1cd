import { describe, expect, it } from "vitest";
import { fixtureReport } from "@/e2e/fixtures/report";
import type { AnalysisReport } from "@/lib/analysis/types";
import { buildGraphModel } from "./graph-model";
import { indexGraph, MAX_FUNCTIONS_DRAWN, MAX_NODES_PER_GROUP, selectVisibleGraph, type GraphFilters } from "./visible-graph";

const none: GraphFilters = { severities: [], services: [], regions: [], onlyFindings: false, focus: null, limit: 40 };
const idx = indexGraph(buildGraphModel(fixtureReport));
const fnNames = (nodes: { kind: string; label: string }[]) => nodes.filter((n) => n.kind === "function").map((n) => n.label).sort();

describe("graph view model", () => {
  it("badges functions with their worst finding and labels edges", () => {
    const orders = idx.byId.get("fn:orders-processor");
    expect(orders?.badge).toEqual({ severity: "high", count: 1, title: "SQS trigger lacks sqs:ReceiveMessage" });
    expect(idx.byId.get("fn:xss-probe")?.badge).toMatchObject({ severity: "high", count: 2 });
    expect(idx.byId.get("role:probe-role")?.badge?.title).toBe("Role allows s3:* on *");
    expect(idx.model.edges.find((e) => e.id === "e9")?.label).toBe("Write, Read");
    expect(idx.model.edges.find((e) => e.id === "e1")?.label).toBe("Enabled");
  });

  it("filters by severity, region, service and findings", () => {
    expect(fnNames(selectVisibleGraph(idx, { ...none, severities: ["medium"] }).nodes)).toEqual(["thumbnailer", "xss-probe"]);
    expect(fnNames(selectVisibleGraph(idx, { ...none, regions: ["eu-west-1"] }).nodes)).toEqual(["billing-api"]);
    const sqs = selectVisibleGraph(idx, { ...none, services: ["sqs"] });
    expect(fnNames(sqs.nodes)).toEqual(["orders-processor"]);
    expect(sqs.nodes.some((n) => n.id === "res:orders-table")).toBe(false);
    expect(fnNames(selectVisibleGraph(idx, { ...none, onlyFindings: true }).nodes)).toHaveLength(4);
  });

  it("focuses the neighbourhood of a function, role or resource", () => {
    const f = selectVisibleGraph(idx, { ...none, focus: "fn:orders-processor" });
    expect(f.nodes.map((n) => n.id).sort()).toEqual(
      ["es:orders-queue", "fn:orders-processor", "res:orders-queue", "res:orders-table", "role:orders-role"].sort(),
    );
    expect(f.edges).toHaveLength(4);
    expect(fnNames(selectVisibleGraph(idx, { ...none, focus: "res:uploads" }).nodes)).toEqual(["thumbnailer"]);
    expect(fnNames(selectVisibleGraph(idx, { ...none, focus: "role:probe-role" }).nodes)).toEqual(["xss-probe"]);
  });

  it("only-with-findings leaves out a function without findings", () => {
    const quiet = { id: "fn:quiet", kind: "function" as const, label: "quiet", region: "us-east-1" };
    const withQuiet = indexGraph(buildGraphModel({ ...fixtureReport, graph: { ...fixtureReport.graph, nodes: [...fixtureReport.graph.nodes, quiet] } }));
    expect(fnNames(selectVisibleGraph(withQuiet, none).nodes)).toEqual(["billing-api", "orders-processor", "quiet", "thumbnailer", "xss-probe"]);
    expect(fnNames(selectVisibleGraph(withQuiet, { ...none, onlyFindings: true }).nodes)).toEqual(["billing-api", "orders-processor", "thumbnailer", "xss-probe"]);
  });

  it("a focus draws its whole neighbourhood, whatever the service filter", () => {
    const f = selectVisibleGraph(idx, { ...none, services: ["sqs"], focus: "fn:orders-processor" });
    expect(f.nodes.map((n) => n.id).sort()).toEqual(
      ["es:orders-queue", "fn:orders-processor", "res:orders-queue", "res:orders-table", "role:orders-role"].sort(),
    );
  });

  it("a focus on an invoker draws its functions without their other invokers", () => {
    const ids = selectVisibleGraph(idx, { ...none, focus: "p:apigw" }).nodes.map((n) => n.id);
    expect(ids.filter((id) => id.startsWith("p:") || id.startsWith("es:") || id.startsWith("fn:"))).toEqual(["fn:billing-api", "p:apigw"]);
  });

  it("a limit below one still draws the riskiest function", () => {
    const v = selectVisibleGraph(idx, { ...none, limit: 0 });
    expect(v).toMatchObject({ shown: 1, matching: 4 });
    expect(fnNames(v.nodes)).toEqual(["billing-api"]);
  });

  it("limits and aggregates large accounts, riskiest first", () => {
    const many: AnalysisReport = {
      ...fixtureReport,
      graph: {
        nodes: [
          ...fixtureReport.graph.nodes,
          ...Array.from({ length: 2000 }, (_, i) => ({ id: `fn:gen-${i}`, kind: "function" as const, label: `gen-${i}` })),
          ...Array.from({ length: 2000 }, (_, i) => ({ id: `role:gen-${i}`, kind: "role" as const, label: `gen-role-${i}` })),
          ...Array.from({ length: 2000 }, (_, i) => ({ id: `res:gen-${i}`, kind: "resource" as const, label: `t${i}`, service: "dynamodb" })),
        ],
        edges: [
          ...fixtureReport.graph.edges,
          ...Array.from({ length: 2000 }, (_, i) => ({ id: `x${i}`, source: `fn:gen-${i}`, target: `role:gen-${i}`, kind: "executes-as" as const })),
          ...Array.from({ length: 2000 }, (_, i) => ({ id: `a${i}`, source: `role:gen-${i}`, target: `res:gen-${i}`, kind: "can-access" as const })),
        ],
      },
    };
    const big = indexGraph(buildGraphModel(many));
    const v = selectVisibleGraph(big, { ...none, limit: 40 });
    expect(v).toMatchObject({ shown: 40, matching: 2004, total: 2004, aggregated: true });
    // The badged functions come first.
    expect(fnNames(v.nodes)).toEqual(expect.arrayContaining(["orders-processor", "xss-probe", "thumbnailer", "billing-api"]));
    const groups = v.nodes.filter((n) => n.groupOf);
    expect(groups.map((g) => g.label).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^dynamodb · \d+ resources$/)]));
    expect(v.nodes.length).toBeLessThan(100);
  });

  it("groups the resources of a service a role reaches more of than can be drawn, focus or not; other services stay", () => {
    const wide = (queues: number): AnalysisReport => ({
      ...fixtureReport,
      graph: {
        nodes: [
          ...fixtureReport.graph.nodes,
          ...Array.from({ length: queues }, (_, i) => ({ id: `res:q-${i}`, kind: "resource" as const, label: `q-${i}`, service: "sqs" })),
        ],
        edges: [
          ...fixtureReport.graph.edges,
          ...Array.from({ length: queues }, (_, i) => ({ id: `q${i}`, source: "role:orders-role", target: `res:q-${i}`, kind: "can-access" as const })),
        ],
      },
    });
    const crowded = indexGraph(buildGraphModel(wide(MAX_NODES_PER_GROUP + 6)));
    for (const focus of ["fn:orders-processor", "role:orders-role", null]) {
      const v = selectVisibleGraph(crowded, { ...none, focus });
      const group = v.nodes.find((n) => n.id === "group:resource:sqs");
      expect(group?.label, String(focus)).toBe(`sqs · ${MAX_NODES_PER_GROUP + 7} resources`); // the queues and orders-queue
      expect(v.nodes.some((n) => n.id.startsWith("res:q-") || n.id === "res:orders-queue"), String(focus)).toBe(false);
      expect(v.nodes.some((n) => n.id === "res:orders-table"), String(focus)).toBe(true); // dynamodb: one table, drawn
      expect(v.edges.filter((e) => e.target === "group:resource:sqs").map((e) => e.source), String(focus)).toEqual(["role:orders-role"]);
      expect(v.aggregated).toBe(true);
    }
    // Up to the limit, each is drawn.
    const fits = selectVisibleGraph(indexGraph(buildGraphModel(wide(MAX_NODES_PER_GROUP - 1))), { ...none, focus: "role:orders-role" });
    expect(fits.nodes.filter((n) => n.kind === "resource" && n.service === "sqs")).toHaveLength(MAX_NODES_PER_GROUP);
    expect(fits.aggregated).toBe(false);
  });

  it("groups a function's crowded invokers and event sources, never the public or flagged ones", () => {
    // One function with hundreds of ways in (a hand-edited policy, a queue per tenant) drew one node each: a column
    // tens of thousands of pixels tall and megabytes of view for ELK and the browser.
    const many = (n: number): AnalysisReport => ({
      ...fixtureReport,
      graph: {
        nodes: [
          ...fixtureReport.graph.nodes,
          ...Array.from({ length: n }, (_, i) => ({ id: `p:acct-${i}`, kind: "principal" as const, label: `Account ${i}`, ref: String(i), principalType: "account" as const })),
          ...Array.from({ length: n }, (_, i) => ({ id: `p:topic-${i}`, kind: "principal" as const, label: `sns · topic-${i}`, service: "sns", principalType: "service" as const })),
          ...Array.from({ length: n }, (_, i) => ({ id: `es:q-${i}`, kind: "event-source" as const, label: `q-${i}`, service: "sqs" })),
        ],
        edges: [
          ...fixtureReport.graph.edges,
          ...["acct", "topic"].flatMap((k) => Array.from({ length: n }, (_, i) => ({ id: `${k}${i}`, source: `p:${k}-${i}`, target: "fn:orders-processor", kind: "invokes" as const }))),
          ...Array.from({ length: n }, (_, i) => ({ id: `esq${i}`, source: `es:q-${i}`, target: "fn:orders-processor", kind: "polls" as const })),
          { id: "pub-orders", source: "p:public", target: "fn:orders-processor", kind: "invokes" as const },
        ],
      },
    });
    const crowded = indexGraph(buildGraphModel(many(MAX_NODES_PER_GROUP + 1)));
    for (const focus of ["fn:orders-processor", "role:orders-role", null]) {
      const v = selectVisibleGraph(crowded, { ...none, focus });
      const labels = v.nodes.filter((n) => n.groupOf && n.kind !== "resource").map((n) => `${n.kind} ${n.label}`).sort();
      expect(labels, String(focus)).toEqual([
        `event-source sqs · ${MAX_NODES_PER_GROUP + 2} event sources`, // the queues and orders-queue
        `principal account · ${MAX_NODES_PER_GROUP + 1} invokers`,
        `principal sns · ${MAX_NODES_PER_GROUP + 1} invokers`,
      ]);
      expect(v.nodes.some((n) => /^(p:acct-|p:topic-|es:q-)/.test(n.id)), String(focus)).toBe(false);
      // The public invoker stays a node of its own, with its edge.
      expect(v.edges.some((e) => e.source === "p:public" && e.target === "fn:orders-processor"), String(focus)).toBe(true);
      expect(v.edges.filter((e) => e.target === "fn:orders-processor" && e.source.startsWith("group:")).map((e) => e.kind).sort(), String(focus)).toEqual(["invokes", "invokes", "polls"]);
      expect(v.invokersGrouped, String(focus)).toBe(true);
    }
    // Up to the limit, each is drawn.
    const fits = selectVisibleGraph(indexGraph(buildGraphModel(many(MAX_NODES_PER_GROUP - 1))), { ...none, focus: "fn:orders-processor" });
    expect(fits.nodes.filter((n) => n.kind === "event-source" && n.service === "sqs")).toHaveLength(MAX_NODES_PER_GROUP);
    expect(fits.nodes.some((n) => n.groupOf)).toBe(false);
    expect(fits.invokersGrouped).toBeUndefined();
  });

  it("keeps the public invoker alone among a crowd of narrowed `*` grants, which share its kind of principal", () => {
    // Narrowed wildcard grants (one per SourceAccount) are principals of type "public" too: grouped with them, the one
    // grant anyone may use would read as one more narrowed grant in "public · 26 invokers".
    const report: AnalysisReport = {
      ...fixtureReport,
      graph: {
        nodes: [
          ...fixtureReport.graph.nodes,
          ...Array.from({ length: MAX_NODES_PER_GROUP + 1 }, (_, i) => ({ id: `p:star-${i}`, kind: "principal" as const, label: "* (narrowed by conditions)", principalType: "public" as const, public: false })),
        ],
        edges: [
          ...fixtureReport.graph.edges,
          ...Array.from({ length: MAX_NODES_PER_GROUP + 1 }, (_, i) => ({ id: `star${i}`, source: `p:star-${i}`, target: "fn:orders-processor", kind: "invokes" as const })),
          { id: "pub-orders", source: "p:public", target: "fn:orders-processor", kind: "invokes" as const },
        ],
      },
    };
    const v = selectVisibleGraph(indexGraph(buildGraphModel(report)), { ...none, focus: "fn:orders-processor" });
    expect(v.nodes.filter((n) => n.groupOf).map((n) => n.label)).toEqual([`public · ${MAX_NODES_PER_GROUP + 1} invokers`]);
    expect(v.edges.some((e) => e.source === "p:public" && e.target === "fn:orders-processor")).toBe(true);
  });

  it("draws at most MAX_FUNCTIONS_DRAWN functions around a busy focus, riskiest first", () => {
    const n = MAX_FUNCTIONS_DRAWN + 50;
    const busy: AnalysisReport = {
      ...fixtureReport,
      graph: {
        nodes: [
          ...fixtureReport.graph.nodes,
          { id: "p:busy", kind: "principal" as const, label: "apigateway.amazonaws.com" },
          ...Array.from({ length: n }, (_, i) => ({ id: `fn:busy-${i}`, kind: "function" as const, label: `busy-${i}` })),
        ],
        edges: [
          ...fixtureReport.graph.edges,
          ...Array.from({ length: n }, (_, i) => ({ id: `b${i}`, source: "p:busy", target: `fn:busy-${i}`, kind: "invokes" as const })),
          // Last, so the first MAX_FUNCTIONS_DRAWN in graph order leave it out: only ranking by risk draws it.
          { id: "b-orders", source: "p:busy", target: "fn:orders-processor", kind: "invokes" as const },
        ],
      },
    };
    const v = selectVisibleGraph(indexGraph(buildGraphModel(busy)), { ...none, focus: "p:busy" });
    expect(v).toMatchObject({ shown: MAX_FUNCTIONS_DRAWN, matching: n + 1 });
    expect(v.nodes.filter((x) => x.kind === "function")).toHaveLength(MAX_FUNCTIONS_DRAWN);
    expect(v.nodes.some((x) => x.id === "p:busy")).toBe(true);
    // The badged function wins a place over the unbadged ones.
    expect(v.nodes.some((x) => x.id === "fn:orders-processor")).toBe(true);
  });
});

describe("selectVisibleGraph: a function's alias nodes come with it", () => {
  it("the service filter finds a function by what its alias is invoked by and its alias's version reaches", async () => {
    const { analyzeSnapshot } = await import("@/lib/analysis/analyze");
    const { parseSnapshot } = await import("@/lib/snapshot/read");
    const { ACCOUNT, REGION, newBuilder } = await import("@/lib/analysis/test-support");
    const b = newBuilder();
    const role = b.role({ name: "r" });
    const old = b.role({ name: "old-role", inline: { d: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/prices` }] } as never } });
    const pricing = b.fn({ region: REGION, name: "pricing", runtime: "nodejs20.x", role });
    b.version(pricing, "3", { role: old });
    b.alias(pricing, "live", "3");
    b.permission(pricing, { sid: "live-api", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:api/*`, qualifier: "live" });
    b.fn({ region: REGION, name: "other", runtime: "nodejs20.x", role });
    const aliased = indexGraph(buildGraphModel(analyzeSnapshot(parseSnapshot(b.build()))));
    for (const svc of ["apigateway", "dynamodb"]) {
      expect(fnNames(selectVisibleGraph(aliased, { ...none, services: [svc] }).nodes), svc).toEqual(["pricing", "pricing:live"]);
    }
  });
});
