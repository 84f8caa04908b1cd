/**
 * What the dashboard server does between listening and saying it is ready: Next loads each route's modules lazily
 * (its own preload, `experimental.preloadEntriesOnStart`, runs unawaited beside the first requests) and loads the
 * proxy and its request runtimes on the first request, so the first page after "Dashboard on …" waited seconds of
 * module loading. Here the server awaits Next's preload, then asks itself over loopback for two answers that need
 * no data: a page Next does not have (the page renderer) and an API query it refuses (the route runtime). Both pass
 * proxy.ts like any anonymous request (no cookie, no credentials, refused as such when sign-in is on), create no
 * session, read no snapshot and start no analysis: a huge served file is still parsed and analysed once, by the first
 * request that needs it, under the waiting page. The snapshot schema's check is compiled here too (shape-check.ts):
 * compiled by that first read, it held the waiting page's stylesheet and polls for seconds. So is the IAM action
 * catalog loaded (lib/catalog/actions.ts): read by the first analysis, it held the server for ~330-540 ms.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { snapshotShapeCheck } from "@/lib/snapshot/shape-check";
import { loadActionCatalog } from "@/lib/catalog/actions";

/** The two requests, each through the proxy: neither names a snapshot nor sends a cookie. */
export const WARM_UP_PATHS = ["/_lpg/warm-up", "/api/analysis"] as const;

/** Next's server under the custom server's wrapper, as far as warming it up goes: all of it optional (private API). */
interface PreloadingNext {
  server?: { server?: { unstable_preloadEntries?: () => Promise<void> } };
}

/**
 * Awaits Next's preload of every route's modules, where this Next has it: it is not part of Next's typed API
 * (next-server.js, `unstable_preloadEntries`), so a Next without it is warmed by the requests alone.
 */
export async function awaitNextPreload(app: unknown): Promise<void> {
  const server = (app as PreloadingNext).server?.server;
  // Next logs and swallows a failing preload itself; a page that fails to load fails its own request, as before.
  await server?.unstable_preloadEntries?.().catch(() => undefined);
}

/** Where to ask a server listening on `address`: a wildcard address is reached through loopback. */
function loopbackTarget(address: AddressInfo): { host: string; port: number } {
  const host = address.address === "0.0.0.0" ? "127.0.0.1" : address.address === "::" ? "::1" : address.address;
  return { host, port: address.port };
}

/**
 * How long one warm-up request may take: a cold page renders in a few seconds on two busy cores, and a request that
 * hangs (a stuck handler) must delay the ready line, not keep it from ever being printed.
 */
export const WARM_UP_TIMEOUT_MS = 30_000;

/** GET `path` of the server at `target`, its answer read and dropped; never rejects (warming is best effort). */
function askOnce(target: { host: string; port: number }, path: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const req = http.get({ ...target, path, agent: false, headers: { Connection: "close" } }, (res) => {
      res.resume();
      res.on("end", resolve);
      res.on("error", () => resolve());
      res.on("close", () => resolve());
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on("error", () => resolve());
    req.on("close", () => resolve());
  });
}

/** Warms `app`, listening on `address`, before the server says it is ready. One request at a time: they share the cores. */
export async function warmUp(app: unknown, address: AddressInfo, timeoutMs = WARM_UP_TIMEOUT_MS): Promise<void> {
  await awaitNextPreload(app);
  snapshotShapeCheck();
  loadActionCatalog();
  const target = loopbackTarget(address);
  for (const path of WARM_UP_PATHS) await askOnce(target, path, timeoutMs);
}
