/**
 * The dashboard server is warm when it says it is ready: startDashboardServer resolves (and `serve` prints its
 * "Dashboard on" line) only after Next's own preload of the route modules finished and the warm-up requests were
 * answered, through the server's whole listener, as anonymous requests naming no snapshot.
 */
import type http from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { withEnv } from "@/test/aws-endpoint/env";
import { freePort } from "./free-port";
import { startDashboardServer, type DashboardServer } from "./dashboard-server";
import { WARM_UP_PATHS, warmUp } from "./warm-up";

type CreateNext = NonNullable<Parameters<typeof startDashboardServer>[1]>;

let started: DashboardServer | undefined;
let restoreEnv: (() => void) | undefined;
afterEach(async () => {
  await started?.close();
  started = undefined;
  restoreEnv?.();
});

interface Seen {
  preloaded: boolean;
  /** Each request Next's handler answered, in order, with what it knew of the preload then. */
  answered: { url: string; cookie?: string; authorization?: string; afterPreload: boolean }[];
}

/** A stand-in for Next: its preload finishes a while after it is asked (as a real one does, seconds later). */
function fakeNext(seen: Seen, { withPreload }: { withPreload: boolean }): CreateNext {
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const { cookie, authorization } = req.headers;
    res.on("finish", () => seen.answered.push({ url: req.url ?? "", cookie, authorization, afterPreload: seen.preloaded }));
    res.statusCode = 404;
    res.end("not found");
  };
  const preload = () => new Promise<void>((resolve) => setTimeout(() => ((seen.preloaded = true), resolve()), 50));
  return (() => ({
    prepare: async () => undefined,
    getRequestHandler: () => handle,
    close: async () => undefined,
    ...(withPreload ? { server: { server: { unstable_preloadEntries: preload } } } : {}),
  })) as unknown as CreateNext;
}

describe("the dashboard server's start", () => {
  it("resolves after Next's preload finished and each warm-up request was answered", async () => {
    restoreEnv = withEnv({ PORT: process.env.PORT });
    const seen: Seen = { preloaded: false, answered: [] };
    started = await startDashboardServer({ dir: "/nonexistent", host: "127.0.0.1", port: await freePort() }, fakeNext(seen, { withPreload: true }));
    expect(seen.preloaded).toBe(true);
    expect(seen.answered.map((a) => a.url)).toEqual([...WARM_UP_PATHS]);
    // Asked after the modules are in: the requests load what the preload does not (the proxy, the runtimes).
    expect(seen.answered.every((a) => a.afterPreload)).toBe(true);
  });

  it("warms with anonymous requests that name no snapshot, so they pass the proxy's rules and start no analysis", async () => {
    restoreEnv = withEnv({ PORT: process.env.PORT });
    const seen: Seen = { preloaded: false, answered: [] };
    started = await startDashboardServer({ dir: "/nonexistent", host: "127.0.0.1", port: await freePort() }, fakeNext(seen, { withPreload: true }));
    expect(seen.answered).toHaveLength(WARM_UP_PATHS.length);
    for (const a of seen.answered) {
      expect(a.cookie).toBeUndefined();
      expect(a.authorization).toBeUndefined();
      expect(a.url).not.toMatch(/snapshot/);
    }
  });

  it("compiles the snapshot schema's check before it is ready, for every copy of the module (Next bundles one per route)", async () => {
    restoreEnv = withEnv({ PORT: process.env.PORT });
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("lambda-permissions-graph.snapshot-shape-check")];
    const seen: Seen = { preloaded: false, answered: [] };
    started = await startDashboardServer({ dir: "/nonexistent", host: "127.0.0.1", port: await freePort() }, fakeNext(seen, { withPreload: true }));
    const compiled = (globalThis as Record<symbol, unknown>)[Symbol.for("lambda-permissions-graph.snapshot-shape-check")];
    expect(compiled).toBeTypeOf("function");
    // A route's own copy of the module, as a bundle has it, checks with that one: the first read compiles nothing.
    vi.resetModules();
    const routeCopy = await import("@/lib/snapshot/shape-check");
    expect(routeCopy.snapshotShapeCheck()).toBe(compiled);
  });

  it("loads the IAM action catalog before it is ready, for every copy of the module (the first analysis read it)", async () => {
    restoreEnv = withEnv({ PORT: process.env.PORT });
    const key = Symbol.for("lambda-permissions-graph.action-catalog");
    delete (globalThis as Record<symbol, unknown>)[key];
    const seen: Seen = { preloaded: false, answered: [] };
    started = await startDashboardServer({ dir: "/nonexistent", host: "127.0.0.1", port: await freePort() }, fakeNext(seen, { withPreload: true }));
    expect((globalThis as Record<symbol, { byLowerName?: Map<string, unknown> }>)[key]?.byLowerName?.has("lambda:invokefunction")).toBe(true);
    // A route's own copy of the module, as a bundle has it, answers from that load.
    vi.resetModules();
    const routeCopy = await import("@/lib/catalog/actions");
    expect(routeCopy.lookupAction("lambda:InvokeFunction")).toBe((globalThis as Record<symbol, { byLowerName: Map<string, unknown> }>)[key]!.byLowerName.get("lambda:invokefunction"));
  });

  it("starts on a Next without the preload, warmed by the requests alone", async () => {
    restoreEnv = withEnv({ PORT: process.env.PORT });
    const seen: Seen = { preloaded: false, answered: [] };
    started = await startDashboardServer({ dir: "/nonexistent", host: "127.0.0.1", port: await freePort() }, fakeNext(seen, { withPreload: false }));
    expect(seen.answered.map((a) => a.url)).toEqual([...WARM_UP_PATHS]);
  });

  it("gives up on a warm-up request that never answers, so a stuck handler delays the start without stopping it", async () => {
    const http = await import("node:http");
    const hung = http.createServer(() => undefined); // takes each request and never answers
    const port = await freePort();
    await new Promise<void>((resolve) => hung.listen(port, "127.0.0.1", resolve));
    try {
      await warmUp({}, { address: "127.0.0.1", family: "IPv4", port }, 200);
    } finally {
      hung.closeAllConnections();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
    }
  });
});
