/**
 * For tests of serve's stop: forgets a stop begun by an earlier test, as a new server process would start. The stop
 * is the process's (writes-in-flight.ts, scan-job.ts keep it on globalThis) and for good, so each test that stops
 * the server begins with this.
 */
const STOP_KEYS = ["lambda-permissions-graph.store-writes-in-flight", "lambda-permissions-graph.scan-job"];

export function forgetStop(): void {
  for (const key of STOP_KEYS) delete (globalThis as Record<symbol, unknown>)[Symbol.for(key)];
}
