/**
 * An endpoint that takes a request and never finishes its answer (a stalled proxy or middlebox, a service that hangs):
 * the SDK's `requestTimeout` only logs a warning unless `throwOnRequestTimeout` is set, and nothing else times out an
 * answer that stops half-way, so one such call held the scan (and the dashboard's scan job, which every later Scan
 * now joins) for ever. The call must fail as a timeout instead, be retried, and end as a recorded error.
 */
import { describe, expect, it } from "vitest";
import { createServer, type Socket } from "node:net";
import { collectRegion, type ScanProgress } from "./collect";
import { createScanClients, newCallStats } from "./clients";
import { endpointEnv, withEnv } from "@/test/aws-endpoint/env";
import type { SnapshotError } from "@/lib/snapshot/schema";

/** What the stalled endpoint sends before it goes quiet. */
const STALLS = {
  "never answers": "",
  "stops mid-answer": 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"Functions": [',
};

async function stalledEndpoint(sent: string) {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once("data", () => socket.write(sent));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe("an endpoint that takes a request and never finishes its answer", () => {
  it.each(Object.entries(STALLS))("%s: each call times out and is recorded, the scan does not wait for ever", async (_name, sent) => {
    const endpoint = await stalledEndpoint(sent);
    const restore = withEnv(endpointEnv(endpoint.url));
    // A variable, not a literal: the option is what the fix adds (its default is a minute, too long for a test).
    const options = { stats: newCallStats(), maxAttempts: 2, requestTimeoutMs: 300 };
    const clients = createScanClients(options);
    const errors: SnapshotError[] = [];
    const progress: ScanProgress = { regionsTotal: 1, regionsDone: 0, functionsTotal: 0, functionsDone: 0, calls: 0, errors: 0, retried: 0, accountWideDone: false };
    let timer: NodeJS.Timeout | undefined;
    try {
      const outcome = await Promise.race([
        collectRegion((op) => clients.lambda("us-east-1", op), "us-east-1", (e) => errors.push(e), progress, () => undefined),
        new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), 15_000))),
      ]);
      expect(outcome).not.toBe("hung");
      expect(errors.map((e) => [e.operation, e.code]).sort()).toEqual([
        ["ListEventSourceMappings", "TimeoutError"],
        ["ListFunctions", "TimeoutError"],
      ]);
      expect(options.stats.attempts).toEqual({ ListEventSourceMappings: 2, ListFunctions: 2 }); // retried, then given up
    } finally {
      clearTimeout(timer);
      clients.destroy();
      endpoint.close();
      restore();
    }
  });
});
