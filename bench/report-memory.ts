/**
 * Memory of `/api/report` downloads (`node --expose-gc --import tsx bench/report-memory.ts SNAPSHOT [runs]`): for each
 * format, one download and three at once, each in a fresh process whose analysis is warmed first, the route's
 * handler called in the process (no Next server around it) and every body read to its end. Prints the size of each
 * answer, the peak resident memory over the resting size (`VmHWM`, reset before the downloads), the largest heap
 * (V8's, buffers included) seen between the chunks a client reads, over the resting heap after a full GC, and the
 * time: medians of `runs` (default 3). The resting process keeps the analysis' freed pages, so a few tens of MiB can
 * come and go without moving its RSS: the heap figure shows them. LPG_BENCH_FORMATS (e.g. `sarif,text`) picks formats.
 * A script that prints figures, never a timed test.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { median } from "./stats";

const FORMATS = ["json", "sarif", "markdown", "text"] as const;
const MiB = 1024 * 1024;

/** Resident memory now and at its peak, in bytes (Linux). */
function residentMemory(): { now: number; peak: number } {
  const status = readFileSync("/proc/self/status", "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { now: kb("VmRSS"), peak: kb("VmHWM") };
}

function heap(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

let largestHeap = 0;

/** Reads the answer as a client does, a chunk per turn of the event loop, noting the heap between chunks. */
async function download(format: string): Promise<number> {
  const { GET } = await import("@/app/api/report/route");
  const r = await GET(new NextRequest(`http://localhost/api/report?format=${format}`, { headers: { host: "localhost" } }));
  let bytes = 0;
  const reader = r.body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.byteLength;
    largestHeap = Math.max(largestHeap, heap());
    await new Promise((resolve) => setImmediate(resolve));
  }
  return bytes;
}

/** One measurement, in this process: `[bytes, RSS growth, ms, heap growth]` as JSON on stdout. */
async function measure(format: string, parallel: number): Promise<void> {
  await download("json"); // loads and analyses the snapshot; the JSON is streamed, so it leaves little behind
  largestHeap = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const resting = residentMemory().now;
  const restingHeap = heap();
  writeFileSync("/proc/self/clear_refs", "5"); // resets VmHWM
  const start = performance.now();
  const sizes = await Promise.all(Array.from({ length: parallel }, () => download(format)));
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify([sizes[0], residentMemory().peak - resting, ms, largestHeap - restingHeap]));
}

const [file, runsArg, format, parallel] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node --expose-gc --import tsx bench/report-memory.ts SNAPSHOT [runs]\n");
  process.exit(1);
}
process.env.LPG_SNAPSHOT_FILE = file;
delete process.env.LPG_SUPPRESSIONS;
if (format) await measure(format, Number(parallel));
else {
  const runs = Number(runsArg ?? 3);
  console.log(`${file}, medians of ${runs} fresh processes`);
  console.log("format     size        downloads  peak RSS over resting  largest heap over resting  time");
  const formats = process.env.LPG_BENCH_FORMATS?.split(",") ?? FORMATS;
  for (const f of formats) {
    for (const n of [1, 3]) {
      const results = Array.from({ length: runs }, () => {
        const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", "bench/report-memory.ts", file, "1", f, String(n)], { encoding: "utf8" });
        return JSON.parse(out) as [number, number, number, number];
      });
      const [bytes] = results[0]!;
      const growth = results.map((r) => r[1] / MiB);
      const ms = results.map((r) => r[2]);
      const heapGrowth = results.map((r) => r[3] / MiB);
      console.log(
        `${f.padEnd(10)} ${(bytes / MiB).toFixed(2).padStart(6)} MiB  ${String(n).padStart(9)}  ` +
          `${median(growth).toFixed(0).padStart(5)} MiB (${Math.min(...growth).toFixed(0)}–${Math.max(...growth).toFixed(0)})      ` +
          `${median(heapGrowth).toFixed(0).padStart(5)} MiB (${Math.min(...heapGrowth).toFixed(0)}–${Math.max(...heapGrowth).toFixed(0)})          ` +
          `${median(ms).toFixed(0)} ms`,
      );
    }
  }
}
