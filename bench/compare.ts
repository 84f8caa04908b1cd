/**
 * `npm run bench -- compare`: diffReports of a scan and a slightly changed later one (changedCopy), median of `runs`,
 * at 1,000 and 10,000 functions, so its growth with the account shows (linear work: ~10× the time for 10× the
 * functions). Prints figures, asserts nothing.
 *
 * `node --import tsx bench/compare.ts <snapshot.json> [runs] [out.json]` compares one snapshot with its changed copy
 * instead, and writes the diff to `out.json` (to check a change to the diff leaves its output byte for byte alike).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { diffReports } from "@/lib/diff/diff-reports";
import type { AnalysisReport } from "@/lib/analysis/types";
import { generateSyntheticSnapshot } from "./synthetic";
import { fmtMs, median, timeIt } from "./stats";
import { changedCopy, type Json } from "./changed-copy";

function analyze(snapshot: unknown): AnalysisReport {
  return analyzeSnapshot(parseSnapshotValue(snapshot));
}

function measure(snapshot: Json, runs: number): { ms: number; functions: number; changed: number; text: string } {
  const before = analyze(snapshot);
  const after = analyze(changedCopy(snapshot));
  const ms: number[] = [];
  let text = "";
  let changed = 0;
  for (let i = 0; i < runs; i++) {
    const t = timeIt(() => diffReports(before, after));
    ms.push(t.ms);
    text = JSON.stringify(t.value);
    changed = t.value.functionsChanged.length;
  }
  return { ms: median(ms), functions: before.functions.length, changed, text };
}

const [file, runsArg, out] = process.argv.slice(2);
const runs = Number(runsArg ?? "5");
if (file) {
  const r = measure(JSON.parse(readFileSync(file, "utf8")) as Json, runs);
  if (out) writeFileSync(out, r.text);
  console.log(`${r.functions} functions, ${r.changed} changed: diffReports ${fmtMs(r.ms)} (median of ${runs})`);
} else {
  console.log(`\ncompare: diffReports of a scan and a changed copy (median of ${runs} runs per size)`);
  console.log("functions  changed  diffReports  per function  × previous");
  let previous: number | undefined;
  for (const [functions, roles] of [
    [1_000, 500],
    [10_000, 5_000],
  ] as const) {
    const r = measure(generateSyntheticSnapshot({ functions, roles, seed: 42 }) as unknown as Json, runs);
    const growth = previous ? `${(r.ms / previous).toFixed(1)}×` : "";
    console.log(`${String(functions).padEnd(10)} ${String(r.changed).padEnd(8)} ${fmtMs(r.ms).padEnd(12)} ${(r.ms / functions).toFixed(3).padEnd(13)} ${growth}`);
    previous = r.ms;
  }
  console.log("10× the functions: linear work takes ~10× as long");
}
