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

// A snapshot as JSON: changedCopy edits AWS response shapes the schema types too strictly to assign into.
type Json = Record<string, any>;

/**
 * The snapshot as a later scan might read it: one function in 50 gone, one in 40 without its policy, one in 60 whose
 * policy could not be read, one role in 30 without its managed policies (actions lost), later capture time.
 */
export function changedCopy(snapshot: Json): Json {
  const s = structuredClone(snapshot);
  s.capturedAt = "2026-12-01T09:30:00Z";
  s.errors = [...(s.errors ?? [])];
  for (const [region, r] of Object.entries<Json>(s.regions)) {
    const fns: Json[] = r.ListFunctions?.Functions ?? [];
    r.ListFunctions.Functions = fns.filter((_, i) => i % 50 !== 49);
    const policies: Json = r.GetPolicy ?? {};
    Object.keys(policies).forEach((arn, i) => {
      if (i % 40 === 7) delete policies[arn];
      else if (i % 60 === 11) {
        delete policies[arn];
        s.errors.push({ region, operation: "GetPolicy", target: arn, code: "AccessDeniedException", message: "not authorized (bench)" });
      }
    });
  }
  const roles: Json[] = s.iam?.GetAccountAuthorizationDetails?.RoleDetailList ?? [];
  roles.forEach((role, i) => {
    if (i % 30 === 3) role.AttachedManagedPolicies = [];
  });
  return s;
}

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
