/** The API routes on a stored snapshot that no longer reads: a 500 that says why, as the pages do, and 404 for none. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { cutShortStore, type CutShortStore } from "@/lib/store/cut-short-store";

let store: CutShortStore;
let readable: string;
let broken: string;
beforeAll(async () => {
  store = await cutShortStore();
  ({ readable, broken } = store);
});
afterAll(() => store.restore());

const routes = {
  "/api/report": () => import("./report/route"),
  "/api/graph": () => import("./graph/route"),
};

describe.each(Object.entries(routes))("GET %s", (path, load) => {
  const get = async (snapshot: string) => {
    const { GET } = await load();
    return GET(new NextRequest(`http://localhost${path}?snapshot=${snapshot}`, { headers: { host: "localhost" } }));
  };

  it("on a snapshot that no longer reads: 500 naming it and the reader's reason", async () => {
    const r = await get(broken);
    expect(r.status).toBe(500);
    const body = (await r.json()) as { error: string };
    expect(body.error).toContain(broken);
    expect(body.error).toMatch(/not valid JSON/);
  });

  it("on an id the store does not hold: 404", async () => {
    // Same shape as a stored id (a different hash), so the query is valid and only the store can refuse it.
    const other = readable.replace(/[0-9a-f]{12}$/, (hash) => (hash === "0".repeat(12) ? "1" : "0").repeat(12));
    expect((await get(other)).status).toBe(404);
  });

  it("on a readable snapshot beside it: 200", async () => {
    expect((await get(readable)).status).toBe(200);
  });
});

describe("POST /api/can", () => {
  const ask = async (snapshot: string) => {
    const { POST } = await import("./can/route");
    const body = JSON.stringify({ snapshot, principal: "orders-processor", action: "sqs:ReceiveMessage", resource: "*" });
    return POST(new NextRequest("http://localhost/api/can", { method: "POST", body, headers: { host: "localhost", "content-type": "application/json" } }));
  };

  it("on a snapshot that no longer reads: 500 naming it and the reader's reason; the next question is read", async () => {
    const r = await ask(broken);
    expect(r.status).toBe(500);
    const body = (await r.json()) as { error: string };
    expect(body.error).toContain(broken);
    expect(body.error).toMatch(/not valid JSON/);
    // The readable one beside it holds no functions: the question is read, and refused for its principal.
    const next = await ask(readable);
    expect(next.status).toBe(400);
    expect(((await next.json()) as { error: string }).error).toMatch(/is neither a role nor a function/);
  });
});
