/**
 * GET /api/graph, /api/graph/details, /api/graph/search and /api/graph/list refuse a parameter they do not read, as
 * every other API route does; a node's details carry a page of its findings, invokers and reaches with the exact
 * counts, the list route the others; the details route answers a view's selection as the whole view carries it.
 */
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { useSnapshotFile } from "@/test/serve-snapshot-file";

useSnapshotFile();

const request = (path: string) => new NextRequest(`http://localhost${path}`, { headers: { host: "localhost" } });
const graph = async (query: string) => (await import("./route")).GET(request(`/api/graph${query}`));
const details = async (query: string) => (await import("./details/route")).GET(request(`/api/graph/details${query}`));
const list = async (query: string) => (await import("./list/route")).GET(request(`/api/graph/list${query}`));
const findings = (query: string) => list(`${query}&list=findings`);
const search = async (query: string) => (await import("./search/route")).GET(request(`/api/graph/search${query}`));

describe("GET /api/graph", () => {
  it("answers the view for every key the graph page's URL holds", async () => {
    const r = await graph("?snapshot=latest&node=x&focus=x&sev=high&svc=sqs&region=us-east-1&findings=true&limit=10");
    expect(r.status).toBe(200);
    expect((await r.json()).missing).toEqual(["x"]);
  });

  it("refuses a key it does not read (a misspelt filter would answer the whole graph)", async () => {
    const r = await graph("?severity=critical&sev=high");
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: "invalid query", issues: ['query: Unrecognized key: "severity"'] });
  });

  it("refuses a filter given twice with different values, as the PNG export does (the page reads only the first)", async () => {
    const r = await graph("?sev=high&sev=low");
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: "invalid query", issues: ["sev: given 2 different values; send one"] });
  });
});

describe("GET /api/graph/details", () => {
  it("answers the selection of a view as the whole view carries it, without the drawn graph", async () => {
    // A resource (a group in the default view), an invoker and a role of the drawn graph, in two views.
    for (const view of ["", "&sev=high&limit=10"]) {
      const whole = await (await graph(`?snapshot=latest${view}`)).json();
      const picked = ["resource", "principal", "role"].map((kind) => whole.visible.nodes.find((n: { kind: string }) => n.kind === kind).id as string);
      for (const id of picked) {
        const query = `?snapshot=latest&node=${encodeURIComponent(id)}${view}`;
        const r = await details(query);
        expect(r.status).toBe(200);
        expect(r.headers.get("X-Snapshot-Id")).toBeTruthy();
        const answer = await r.json();
        const { selected, missing } = await (await graph(query)).json();
        expect(answer).toEqual({ selected, missing });
        expect(answer.selected.node.id).toBe(id);
      }
    }
  });

  it("says a stale link's ids are missing, as the whole view does, and answers no details without a node", async () => {
    expect(await (await details("?snapshot=latest&node=fn%3Agone&focus=fn%3Agone")).json()).toEqual({ selected: null, missing: ["fn:gone"] });
    expect(await (await details("?snapshot=latest")).json()).toEqual({ selected: null, missing: [] });
  });

  it("refuses a key it does not read", async () => {
    const r = await details("?snapshot=latest&severity=critical");
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: "invalid query", issues: ['query: Unrecognized key: "severity"'] });
  });
});

describe("GET /api/graph/search", () => {
  it("answers q and snapshot, and refuses any other key", async () => {
    expect((await search("?snapshot=latest&q=orders-processor")).status).toBe(200);
    const r = await search("?query=orders-processor");
    expect(r.status).toBe(400);
    expect((await r.json()).issues).toEqual(['query: Unrecognized key: "query"']);
  });
});

describe("GET /api/graph/list", () => {
  /** The demo's function with the most findings. */
  async function busiest() {
    const view = await (await graph("?snapshot=latest")).json();
    const fns = (view.visible.nodes as { id: string; kind: string; badge?: { count: number } }[]).filter((n) => n.kind === "function");
    const count = (n: (typeof fns)[number]) => n.badge?.count ?? 0;
    const top = fns.sort((a, b) => count(b) - count(a))[0]!;
    return { id: top.id, count: count(top) };
  }

  it("answers a page of the node's findings, the same as its details carry, with the exact count", async () => {
    const fn = await busiest();
    const details = (await (await graph(`?snapshot=latest&node=${encodeURIComponent(fn.id)}`)).json()).selected;
    expect(details.findingTotal).toBe(fn.count);
    const r = await findings(`?snapshot=latest&node=${encodeURIComponent(fn.id)}&page=1`);
    expect(r.status).toBe(200);
    const page = await r.json();
    expect(page).toMatchObject({ page: 1, pages: 1, offset: 0, total: fn.count });
    expect(page.findings).toEqual(details.findings);
  });

  it("refuses a page that is not a whole number, an unknown node and any other key", async () => {
    const fn = await busiest();
    expect((await findings(`?node=${encodeURIComponent(fn.id)}&page=two`)).status).toBe(400);
    expect((await findings("?page=1")).status).toBe(400);
    expect((await list(`?node=${encodeURIComponent(fn.id)}&page=1`)).status).toBe(400);
    expect((await list(`?node=${encodeURIComponent(fn.id)}&list=policies`)).status).toBe(400);
    expect((await findings("?node=fn%3Anone")).status).toBe(404);
    const r = await findings(`?node=${encodeURIComponent(fn.id)}&offset=50`);
    expect(r.status).toBe(400);
    expect((await r.json()).issues).toEqual(['query: Unrecognized key: "offset"']);
  });

  it("answers a page of a function's invokers and reaches, as its details carry them, and a role's reach as its own details carry it", async () => {
    const [fn] = (await (await search("?q=orders-processor")).json()).results;
    const details = (await (await graph(`?snapshot=latest&node=${encodeURIComponent(fn.id)}`)).json()).selected;
    expect(details.invokers.total).toBeGreaterThan(0);
    expect(details.reaches.total).toBeGreaterThan(0);
    // The function's own report carries neither list: the pages do.
    expect(details.fn.invokers).toBeUndefined();
    expect(details.fn.reaches).toBeUndefined();
    const invokers = await (await list(`?node=${encodeURIComponent(fn.id)}&list=invokers&page=1`)).json();
    expect(invokers).toMatchObject({ page: 1, pages: 1, offset: 0, total: details.invokers.total });
    expect(invokers.invokers).toEqual(details.invokers.items);
    expect(invokers.identity).toEqual(details.identity);
    const reaches = await (await list(`?node=${encodeURIComponent(fn.id)}&list=reaches`)).json();
    expect(reaches).toMatchObject({ page: 1, total: details.reaches.total });
    expect(reaches.reaches).toEqual(details.reaches.items);
    const role = details.neighbours.find((n: { kind: string }) => n.kind === "role");
    expect(role).toBeDefined();
    const roleDetails = (await (await graph(`?snapshot=latest&node=${encodeURIComponent(role.id)}`)).json()).selected;
    const roleReaches = await (await list(`?node=${encodeURIComponent(role.id)}&list=reaches`)).json();
    expect(roleReaches).toMatchObject({ page: 1, total: roleDetails.reaches.total });
    expect(roleReaches.reaches).toEqual(roleDetails.reaches.items);
    expect((await list(`?node=${encodeURIComponent(role.id)}&list=invokers`)).status).toBe(404);
    const ways = await list(`?node=${encodeURIComponent(fn.id)}&list=ways`);
    expect(ways.status).toBe(404);
    expect((await ways.json()).error).toBe("this node has no ways list");
  });

  it("answers a group node's lists for the view it is drawn in, with that view's keys, and no group of another view", async () => {
    const group = "group%3Aresource%3Asqs";
    const details = (await (await graph(`?snapshot=latest&node=${group}`)).json()).selected;
    expect(details.reachedBy.total).toBeGreaterThan(0);
    const r = await list(`?snapshot=latest&node=${group}&list=reachedBy&page=1&limit=25`);
    expect(r.status).toBe(200);
    expect((await r.json()).reachedBy).toEqual(details.reachedBy.items);
    // Its members, as its details start them, with their count.
    const members = await (await list(`?snapshot=latest&node=${group}&list=neighbours&limit=25`)).json();
    expect(members).toMatchObject({ neighbours: details.neighbours, total: details.neighbourTotal, page: 1 });
    // A view focused on one function draws its few queues one by one: no group there to page.
    const [fn] = (await (await search("?q=orders-processor")).json()).results;
    expect((await list(`?node=${group}&list=reachedBy&focus=${encodeURIComponent(fn.id)}`)).status).toBe(404);
  });

  it("answers a function's aliases as its details carry them, an empty page for a function without any, and none for a node that is no function", async () => {
    const [withAliases] = (await (await search("?q=pricing-engine")).json()).results;
    const details = (await (await graph(`?snapshot=latest&node=${encodeURIComponent(withAliases.id)}`)).json()).selected;
    expect(details.aliases.total).toBeGreaterThan(0);
    const aliases = await (await list(`?node=${encodeURIComponent(withAliases.id)}&list=aliases`)).json();
    expect(aliases).toMatchObject({ page: 1, pages: 1, offset: 0, total: details.aliases.total });
    expect(aliases.aliases).toEqual(details.aliases.items);
    // A function without aliases has the list, empty, as one without grants that reach nothing has its grants list.
    const [plain] = (await (await search("?q=orders-processor")).json()).results;
    const none = await list(`?node=${encodeURIComponent(plain.id)}&list=aliases&page=2`);
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ aliases: [], page: 1, pages: 1, offset: 0, total: 0 });
    const grants = await (await list(`?node=${encodeURIComponent(plain.id)}&list=grants`)).json();
    expect(grants).toMatchObject({ page: 1, pages: 1, offset: 0 });
    const role = details.neighbours.find((n: { kind: string }) => n.kind === "role");
    const refused = await list(`?node=${encodeURIComponent(role.id)}&list=aliases`);
    expect(refused.status).toBe(404);
    expect((await refused.json()).error).toBe("this node has no aliases list: it is no function");
  });
});
