/**
 * `npm run bench -- turns`: how long the dashboard's server stops answering while it analyses a 10,000-function
 * account. The analysis at once (as the CLI runs it) against in turns (analyzeSnapshotInTurns, as the dashboard runs
 * it): total time, and the longest the event loop went without a turn (a 5 ms timer's longest gap). The snapshot is
 * parsed before either starts: the server reads it in a turn of its own.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { analyzeSnapshot, analyzeSnapshotInTurns } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { generateSyntheticSnapshot } from "./synthetic";
import { fmtMs, median } from "./stats";

const RUNS = Number(process.argv[2] ?? 3);
const file = path.join(process.cwd(), "bench", "out", "synthetic-10000.json");
if (!existsSync(file)) writeFileSync(file, JSON.stringify(generateSyntheticSnapshot({ functions: 10_000, roles: 5_000, seed: 42 })));
const text = readFileSync(file, "utf8");

async function timed(run: () => Promise<unknown>): Promise<{ total: number; stall: number }> {
  let stall = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 5);
  const start = performance.now();
  await run();
  const total = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 20)); // the timer's first turn after the last step
  clearInterval(timer);
  return { total, stall };
}

const once: { total: number; stall: number }[] = [];
const turns: { total: number; stall: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const a = parseSnapshot(text);
  once.push(await timed(async () => analyzeSnapshot(a)));
  const b = parseSnapshot(text);
  turns.push(await timed(() => analyzeSnapshotInTurns(b)));
}
const med = (xs: { total: number; stall: number }[], k: "total" | "stall") => fmtMs(median(xs.map((x) => x[k])));
console.log(`\nanalysis in turns, 10,000 functions (medians of ${RUNS}, alternating)`);
console.log(`at once:  total ${med(once, "total")}, longest stall ${med(once, "stall")}`);
console.log(`in turns: total ${med(turns, "total")}, longest stall ${med(turns, "stall")}`);
