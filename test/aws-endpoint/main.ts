/**
 * Runs the local AWS endpoint as a process (for Playwright's web server and manual tries):
 *   node --import tsx test/aws-endpoint/main.ts [--snapshot FILE | --functions N] [--regions a,b] [--latency MS] [--port P]
 * Prints `aws-endpoint listening on http://127.0.0.1:PORT` once ready. Default scenario: a small synthetic account
 * (its function names, `<team>-…-fn-<i>`, are not in the demo, so a scanned snapshot is recognisable).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { scenarioFromSnapshot } from "./scenario";
import { startAwsEndpoint } from "./server";

const { values } = parseArgs({
  options: {
    snapshot: { type: "string" },
    functions: { type: "string", default: "24" },
    regions: { type: "string", default: "us-east-1" },
    latency: { type: "string", default: "0" },
    port: { type: "string", default: "0" },
  },
});

const input: SnapshotInput = values.snapshot
  ? (JSON.parse(readFileSync(values.snapshot, "utf8")) as SnapshotInput)
  : generateSyntheticSnapshot({
      functions: Number(values.functions),
      roles: Math.max(1, Math.ceil(Number(values.functions) / 2)),
      regions: (values.regions ?? "us-east-1").split(","),
      seed: 2026,
    });
const endpoint = await startAwsEndpoint({
  scenario: scenarioFromSnapshot(input),
  faults: { latencyMs: Number(values.latency) },
  port: Number(values.port),
});
console.log(`aws-endpoint listening on ${endpoint.url}`);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void endpoint.close().then(() => process.exit(0)));
