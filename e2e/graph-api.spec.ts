import { expect, test } from "./test";

/** The graph page's data routes: only the drawn view and the selected node's details, and search over all nodes. */
test("GET /api/graph answers a view for the URL keys, and validates the snapshot", async ({ request }) => {
  const [orders] = (await (await request.get("/api/graph/search?q=orders-processor")).json()).results;
  expect(orders.label).toBe("orders-processor");
  const id = encodeURIComponent(orders.id);
  const view = await (await request.get(`/api/graph?focus=${id}&node=${id}`)).json();
  expect(view.visible.focus.label).toBe("orders-processor");
  expect(view.visible.nodes.filter((n: { kind: string }) => n.kind === "function")).toHaveLength(1);
  expect(view.selected.node.label).toBe("orders-processor");
  expect(view.selected.findings.map((f: { title: string }) => f.title)).toContain("SQS trigger lacks sqs:ReceiveMessage");
  // The whole model (every function's report, every finding) is not part of a view.
  expect(view).not.toHaveProperty("functions");
  expect(view).not.toHaveProperty("findings");

  const bad = await request.get("/api/graph?snapshot=../../etc/passwd");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toBe("invalid query");
  expect((await request.get("/api/graph?snapshot=20990101T000000Z-000000000000")).status()).toBe(404);
  // Unknown filter values fall back to defaults rather than failing.
  expect((await request.get("/api/graph?sev=nonsense&limit=abc")).status()).toBe(200);
});

test("GET /api/graph/search finds nodes that are not drawn, by name or ARN", async ({ request }) => {
  const byName = await (await request.get("/api/graph/search?q=xss-pro")).json();
  expect(byName.results[0].label).toBe("xss-probe");
  const [orders] = (await (await request.get("/api/graph/search?q=orders-processor")).json()).results;
  expect(orders.ref).toMatch(/^arn:aws:lambda:/);
  const byArn = await (await request.get(`/api/graph/search?q=${encodeURIComponent(orders.ref)}`)).json();
  expect(byArn.results.map((n: { id: string }) => n.id)).toContain(orders.id);
  const none = await (await request.get("/api/graph/search?q=no-such-node-anywhere")).json();
  expect(none.results).toEqual([]);
  const riskiest = await (await request.get("/api/graph/search")).json();
  expect(riskiest.results.length).toBeGreaterThan(0);
  expect(riskiest.results.every((n: { kind: string }) => n.kind === "function")).toBe(true);
  expect((await request.get("/api/graph/search?snapshot=bad id")).status()).toBe(400);
});

/**
 * The page's HTML carries the drawn first view in place. React 19 reveals a streamed Suspense segment no sooner than
 * 300 ms after the first paint, so a boundary that suspends around the graph (a route loading.tsx, a Suspense
 * wrapper, a lazy client component) would hold the server-drawn graph back on every visit (docs/large-accounts.md).
 */
test("a ready report's graph page draws its first view in the HTML, not in a streamed segment", async ({ request }) => {
  expect((await request.get("/api/report")).ok()).toBe(true); // analysed and cached
  let html = "";
  // The server lays out a view in the background after its first visit; until then the browser draws it.
  await expect
    .poll(async () => (html = await (await request.get("/graph")).text()).includes("react-flow__node "), { timeout: 30_000 })
    .toBe(true);
  expect(html).toContain('elementtiming="graph-node"');
  expect(html, "a streamed Suspense segment (<div hidden id=\"S:…\">) in the graph page").not.toMatch(/<div hidden(="")? id="S:/);
  expect(html).not.toContain('$RC("');
});
