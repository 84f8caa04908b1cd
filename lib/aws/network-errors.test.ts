/**
 * Connections that fail below HTTP (a reset, "socket hang up"): the SDK's standard retry strategy, which adaptive mode
 * wraps, retries Node's ECONNRESET, ECONNREFUSED, EPIPE, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, ENOTFOUND and EAI_AGAIN
 * (@smithy/core retry isTransientError). A reset once is retried and nothing is missing; a reset on every attempt
 * ends the call after the scan's attempts and is recorded as a failed call, so the analysis says unknown, not none.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import dns from "node:dns";
import net from "node:net";
import path from "node:path";
import { scanAccount } from "./collect";
import { DEFAULT_MAX_ATTEMPTS } from "./clients";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { withEnv } from "@/test/aws-endpoint/env";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const demo = JSON.parse(readFileSync(path.resolve(__dirname, "../../data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

/** A TCP proxy to the endpoint that resets the connections `reset` picks (numbered from 1) before any answer. */
async function resetting(target: string, reset: (n: number) => boolean): Promise<{ url: string; connections: () => number }> {
  const { port, hostname } = new URL(target);
  let n = 0;
  const server = net.createServer((socket) => {
    if (reset(++n)) return socket.resetAndDestroy();
    const upstream = net.connect(Number(port), hostname);
    socket.pipe(upstream).pipe(socket);
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanup.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, connections: () => n };
}

const FLAKY_HOST = "sqs.lpg-dns-test.invalid";

/**
 * Name resolution of FLAKY_HOST as a resolver that is briefly unreachable answers it (EAI_AGAIN, "temporary failure
 * in name resolution") for the lookups `fail` picks (numbered from 1), else 127.0.0.1; other names as usual.
 */
function flakyDns(fail: (n: number) => boolean): { lookups: () => number } {
  const real = dns.lookup;
  let n = 0;
  const spy = vi.spyOn(dns, "lookup").mockImplementation(((host: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === "function" ? options : callback) as (e: NodeJS.ErrnoException | null, a?: unknown, f?: number) => void;
    if (host !== FLAKY_HOST) return (real as (...a: unknown[]) => void)(host, options, callback);
    const all = typeof options === "object" && options !== null && (options as { all?: boolean }).all;
    process.nextTick(() => {
      if (fail(++n)) return cb(Object.assign(new Error(`getaddrinfo EAI_AGAIN ${host}`), { code: "EAI_AGAIN", errno: -3001, syscall: "getaddrinfo", hostname: host }));
      if (all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
      else cb(null, "127.0.0.1", 4);
    });
  }) as typeof dns.lookup);
  cleanup.push(() => spy.mockRestore());
  return { lookups: () => n };
}

describe("network errors below HTTP", () => {
  it("a connection reset once is retried by the SDK: the queues are read", async () => {
    const ep = await serve(demo);
    const proxy = await resetting(ep.url, (n) => n === 1);
    cleanup.push(withEnv({ AWS_ENDPOINT_URL_SQS: proxy.url }));
    let progress: { retried: number } | undefined;
    const { snapshot, stats } = await scanAccount({ regions: ["us-east-1"], onProgress: (p) => (progress = p) });
    expect(proxy.connections()).toBeGreaterThan(1);
    // The scan's "N retried" (CLI summary, progress bar) counts this retry as it counts a throttled one.
    expect(stats.retried).toBeGreaterThan(0);
    expect(progress?.retried).toBe(stats.retried);
    expect(snapshot.errors.filter((e) => e.operation === "GetQueueAttributes")).toEqual([]);
    expect(Object.keys(snapshot.regions["us-east-1"]?.GetQueueAttributes ?? {}).length).toBeGreaterThan(0);
  });

  it("a reset on every attempt is a failed call after the scan's attempts, never a queue without attributes", async () => {
    const ep = await serve(demo);
    const proxy = await resetting(ep.url, () => true);
    cleanup.push(withEnv({ AWS_ENDPOINT_URL_SQS: proxy.url }));
    const { snapshot } = await scanAccount({ regions: ["us-east-1"], maxAttempts: 3 });
    const failed = snapshot.errors.filter((e) => e.operation === "GetQueueAttributes");
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed.map((e) => e.code))).toEqual(new Set(["ECONNRESET"]));
    expect(Object.keys(snapshot.regions["us-east-1"]?.GetQueueAttributes ?? {})).toEqual([]);
    // Bounded: at most the attempts of each call (keep-alive connections may carry several).
    expect(proxy.connections()).toBeLessThanOrEqual(failed.length * 3);
    expect(DEFAULT_MAX_ATTEMPTS).toBe(8);
  });

  it("a temporary DNS failure (EAI_AGAIN) once is retried by the SDK: the queues are read", async () => {
    const ep = await serve(demo);
    const resolver = flakyDns((n) => n === 1);
    cleanup.push(withEnv({ AWS_ENDPOINT_URL_SQS: ep.url.replace("127.0.0.1", FLAKY_HOST) }));
    const { snapshot, stats } = await scanAccount({ regions: ["us-east-1"] });
    expect(resolver.lookups()).toBeGreaterThan(1);
    expect(stats.retried).toBeGreaterThan(0);
    expect(snapshot.errors.filter((e) => e.operation === "GetQueueAttributes")).toEqual([]);
    expect(Object.keys(snapshot.regions["us-east-1"]?.GetQueueAttributes ?? {}).length).toBeGreaterThan(0);
  });

  it("EAI_AGAIN on every attempt is a failed call per queue, and the analysis says unknown for what it could not read", async () => {
    const ep = await serve(demo);
    flakyDns(() => true);
    cleanup.push(withEnv({ AWS_ENDPOINT_URL_SQS: ep.url.replace("127.0.0.1", FLAKY_HOST) }));
    const { snapshot } = await scanAccount({ regions: ["us-east-1"], maxAttempts: 3 });
    const failed = snapshot.errors.filter((e) => e.operation === "GetQueueAttributes");
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed.map((e) => e.code))).toEqual(new Set(["EAI_AGAIN"]));
    expect(Object.keys(snapshot.regions["us-east-1"]?.GetQueueAttributes ?? {})).toEqual([]);
    // The function fed by that queue lists the call it lacks, so its trigger's findings read "unknown", not "none".
    const orders = analyzeSnapshot(snapshot).functions.find((f) => f.name === "orders-processor");
    expect(orders?.unknown).toContain("GetQueueAttributes: EAI_AGAIN (arn:aws:sqs:us-east-1:123456789012:orders-queue)");
  });
});
