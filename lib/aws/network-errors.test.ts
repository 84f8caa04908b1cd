/**
 * Connections that fail below HTTP (a reset, "socket hang up"): the SDK's standard retry strategy, which adaptive mode
 * wraps, retries Node's ECONNRESET, ECONNREFUSED, EPIPE, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, ENOTFOUND and EAI_AGAIN
 * (@smithy/core retry isTransientError). A reset once is retried and nothing is missing; a reset on every attempt
 * ends the call after the scan's attempts and is recorded as a failed call, so the analysis says unknown, not none.
 */
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { scanAccount } from "./collect";
import { DEFAULT_MAX_ATTEMPTS } from "./clients";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { withEnv } from "@/test/aws-endpoint/env";
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

describe("network errors below HTTP", () => {
  it("a connection reset once is retried by the SDK: the queues are read", async () => {
    const ep = await serve(demo);
    const proxy = await resetting(ep.url, (n) => n === 1);
    cleanup.push(withEnv({ AWS_ENDPOINT_URL_SQS: proxy.url }));
    const { snapshot } = await scanAccount({ regions: ["us-east-1"] });
    expect(proxy.connections()).toBeGreaterThan(1);
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
});
