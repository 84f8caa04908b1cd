/**
 * `npm run bench -- upload`: how long the dashboard's server answers no one while a 10,000-function snapshot is
 * uploaded and then analysed. Drives the real path in-process: the upload route's POST handler (read, check, store)
 * on a fresh store, then loadReport (the stored file read back, the analysis in turns), as the waiting page asks.
 * Records the event loop's delay (perf_hooks.monitorEventLoopDelay: max, p99) and, from a 5 ms timer, every stall over
 * 50 ms with the phase it fell in. Then the upload's pieces, each timed alone at once, to name what a stall holds.
 * File: `node --import tsx bench/upload-stall.ts [FILE] [RUNS]`, FILE default bench/out/synthetic-10000.json.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import { POST } from "@/app/api/snapshots/route";
import { getAppStore, loadReport } from "@/lib/store/app-store";
import { readSnapshot, snapshotBytesToText } from "@/lib/snapshot/read";
import { hasSnapshotShape, snapshotShapeCheck } from "@/lib/snapshot/shape-check";
import { redactEnvironment } from "@/lib/snapshot/redact";
import type { Snapshot } from "@/lib/snapshot/schema";
import { jsonTextBeyondSteps, MAX_JSON_DEPTH } from "@/lib/json-text-limits";
import { runToEnd } from "@/lib/steps";
import { loadActionCatalog } from "@/lib/catalog/actions";
import { generateSyntheticSnapshot } from "./synthetic";
import { fmtMs, median, timeIt } from "./stats";

const file = process.argv[2] || path.join(process.cwd(), "bench", "out", "synthetic-10000.json");
const RUNS = Number(process.argv[3] ?? 3);
if (!existsSync(file)) writeFileSync(file, JSON.stringify(generateSyntheticSnapshot({ functions: 10_000, roles: 5_000, seed: 42 })));
const bytes = new Uint8Array(readFileSync(file));

interface Stall {
  ms: number;
  phase: string;
}
interface Run {
  max: number;
  p99: number;
  upload: number;
  total: number;
  stalls: Stall[];
}

async function once(run: number): Promise<Run> {
  const dir = await mkdtemp(path.join(tmpdir(), "lpg-upload-stall-"));
  process.env.LPG_DATA_DIR = dir;
  process.env.LPG_DEMO_SNAPSHOT = path.join(dir, "no-demo.json");
  delete process.env.LPG_SNAPSHOT_FILE;
  // A fresh store and report cache, as a server that has just started (app-store.ts keeps one per process).
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("lambda-permissions-graph.app-store")];
  // A new capture time each run, so the upload is stored, never answered as a duplicate.
  const text = Buffer.from(bytes).toString("utf8").replace(/"capturedAt":"[^"]*"/, `"capturedAt":"2026-12-0${run + 1}T00:00:00Z"`);
  const body = new Uint8Array(Buffer.from(text));
  // Each phase as it began; a stall names every phase it overlapped, since a phase may begin inside it.
  const phases: { at: number; name: string }[] = [{ at: performance.now(), name: "idle" }];
  const enter = (name: string) => {
    phases.push({ at: performance.now(), name });
  };
  const during = (from: number, to: number) => {
    const seen = phases.filter((p, i) => p.at < to && (phases[i + 1]?.at ?? Infinity) > from).map((p) => p.name);
    return [...new Set(seen)].join(" → ");
  };
  const stalls: Stall[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > 55) stalls.push({ ms: now - last - 5, phase: during(last, now) });
    last = now;
  }, 5);
  // The phases a stall falls in: the store's own steps named by wrapping them (the route and the cache call these).
  const { store } = getAppStore();
  await store.listSnapshots(); // the store opened before the upload, as a running server's is
  const named = <A extends unknown[], R>(name: string, after: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      enter(name);
      try {
        return await fn(...args);
      } finally {
        enter(after);
      }
    };
  store.saveSnapshot = named("upload: save", "upload: answer", store.saveSnapshot.bind(store));
  store.getSnapshot = named("report: read stored file", "report: analysis", store.getSnapshot.bind(store));
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // The monitor records from its second tick on: a stall at once after enable() would go unrecorded.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const start = performance.now();
  enter("upload: body + check");
  const answer = await POST(new NextRequest("http://localhost/api/snapshots?name=10k.json", { method: "POST", body, headers: { host: "localhost", "content-type": "application/json" } }));
  const upload = performance.now() - start;
  const { snapshot } = (await answer.json()) as { snapshot: { id: string } };
  if (answer.status !== 201) throw new Error(`upload answered ${answer.status}`);
  enter("report");
  const loaded = await loadReport(snapshot.id);
  const total = performance.now() - start;
  enter("after");
  await new Promise((resolve) => setTimeout(resolve, 30));
  delay.disable();
  clearInterval(timer);
  if (!loaded) throw new Error("no report");
  await rm(dir, { recursive: true, force: true });
  return { max: delay.max / 1e6, p99: delay.percentile(99) / 1e6, upload, total, stalls: stalls.sort((a, b) => b.ms - a.ms).slice(0, 5) };
}

// Both done before the server says it is ready (warm-up.ts), not during an upload or the first report.
snapshotShapeCheck();
loadActionCatalog();
const load = loadavg()[0]!.toFixed(1);
const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) runs.push(await once(i));
const med = (k: "max" | "p99" | "upload" | "total") => fmtMs(median(runs.map((r) => r[k])));
console.log(`\nupload and report of ${path.basename(file)} (${(bytes.length / 1e6).toFixed(1)} MB), medians of ${RUNS}, load ${load} → ${loadavg()[0]!.toFixed(1)}`);
console.log(`event loop delay: max ${med("max")}, p99 ${med("p99")}; upload answered ${med("upload")}, report ready ${med("total")}`);
runs.forEach((r, i) => console.log(`run ${i + 1} (max ${fmtMs(r.max)}, p99 ${fmtMs(r.p99)}) longest stalls: ${r.stalls.map((s) => `${fmtMs(s.ms)} (${s.phase})`).join(", ")}`));

// The upload's pieces at once, to name the stalls above (each takes one turn or more of the real path).
const pieces: Record<string, number[]> = {};
const time = <T>(name: string, fn: () => T): T => {
  const { ms, value } = timeIt(fn);
  (pieces[name] ??= []).push(ms);
  return value;
};
for (let i = 0; i < RUNS; i++) {
  const text = time("bytes → text", () => snapshotBytesToText(bytes));
  time("hostile-JSON scan", () => runToEnd(jsonTextBeyondSteps(text, MAX_JSON_DEPTH, 5_000_000)));
  const value = time("JSON.parse", () => JSON.parse(text) as Snapshot);
  time("redact", () => redactEnvironment(value));
  time("shape check (Ajv)", () => hasSnapshotShape(value));
  const json = time("store: JSON.stringify", () => JSON.stringify(value));
  time("store: sha256", () => createHash("sha256").update(json).digest("hex"));
  const gz = time("store: gzipSync", () => gzipSync(json));
  // Now on the thread pool in the real path (read.ts); timed at once here to say what it held the thread for.
  time("report: gunzipSync (now off the thread)", () => gunzipSync(gz));
  time("readSnapshot whole", () => readSnapshot(bytes, "x"));
}
console.log("pieces at once (medians):", Object.entries(pieces).map(([k, v]) => `${k} ${fmtMs(median(v))}`).join(", "));
