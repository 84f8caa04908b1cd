/**
 * `npm run bench`: prints figures, asserts nothing (tests assert behaviour; timings live here).
 * Analysis: synthetic accounts of 1,000 and 10,000 functions (5,000 roles): validation + analysis time vs
 * JSON.parse of the same file, their ratio (target ≤ 3) and peak RSS (target ≤ 1 GiB at 10,000).
 * Each size runs in its own process so its peak RSS is its own (taken after the first of the 5 runs).
 * can: `can --batch` of 10,000 questions vs loading the 10,000-function snapshot (bench/can-batch.ts, target < 2).
 * Can do (`npm run bench -- cando`): bench/can-latency.ts, one overview/graph Can do answer at 10,000 functions.
 * Wide statements (`npm run bench -- wide`): one role whose statements list 250 to 4,000 ARNs, one role of 500 and
 * 2,000 single-ARN statements, one role of 100 and 400 managed policies, one function policy naming 250 to 4,000
 * callers, one function policy of 400 and 1,600 one-principal statements; analysis time per size.
 * Allocation (`npm run bench -- alloc`): bench/alloc-profile.ts, the top allocation sites of one 10,000-function analysis.
 * `npm run bench -- analysis` or `-- can` runs one part.
 * Browser (`npm run bench -- browser`): bench/browser.ts, first graph paint at 2,000 functions vs React Flow alone, and panning fps.
 * Turns (`npm run bench -- turns`): bench/analysis-turns.ts, the server's longest stall while it analyses 10,000 functions.
 * Upload (`npm run bench -- upload`): bench/upload-stall.ts, the event loop's delay while a 10,000-function file is
 * uploaded through the route, stored and analysed, with the longest stalls and the phase each fell in.
 * Scan (`npm run bench -- scan`): bench/scan.ts, 2,000 functions behind the rate-limited local AWS endpoint.
 * Layout (`npm run bench -- layout`): bench/layout.ts, edge crossings, riskiest-first placement and ELK time.
 * Huge (`npm run bench -- huge`): bench/huge-graph.ts, the overview and the graph page, its API, search, PNG report and the server's
 * memory at 10,000 functions and around one function with 2,500 ways in.
 * Compare (`npm run bench -- compare`): bench/compare.ts, diffReports of a scan and a changed copy at 1,000 and 10,000 functions.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { runBrowserBench } from "./browser";
import { generateListedCallersSnapshot, generateManyGrantsSnapshot, generateManyPoliciesSnapshot, generateManyStatementsSnapshot, generateSyntheticSnapshot, generateWideStatementSnapshot } from "./synthetic";
import { fmtMiB, fmtMs } from "./stats";
import { readBenchArguments, type BenchPart } from "./parts";

const request = readBenchArguments(process.argv.slice(2));
if ("help" in request) {
  console.log(request.help);
  process.exit(0);
}
if ("error" in request) {
  process.stderr.write(`error: ${request.error}\n`);
  process.exit(1);
}
const want = (name: BenchPart) => request.parts.includes(name);

const outDir = path.join(process.cwd(), "bench", "out");
mkdirSync(outDir, { recursive: true });

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${fmtMiB(totalmem())} RAM, node ${process.version}` +
    (process.env.NODE_OPTIONS ? `, NODE_OPTIONS=${process.env.NODE_OPTIONS}` : ""),
);

if (want("analysis")) {
  console.log("\nanalysis (median of 5 runs per size)");
  console.log("functions  roles   file      JSON.parse  analyse    ratio  peak RSS  findings");
  const steps: string[] = [];
  for (const [functions, roles] of [
    [1_000, 500],
    [10_000, 5_000],
  ] as const) {
    const file = path.join(outDir, `synthetic-${functions}.json`);
    writeFileSync(file, JSON.stringify(generateSyntheticSnapshot({ functions, roles, seed: 42 })));
    const out = execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "analysis-worker.ts"), file, "5"], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const r = JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
      bytes: number;
      parseMs: number;
      analyzeMs: number;
      validateMs: number;
      modelMs: number;
      evaluateMs: number;
      findings: number;
      maxRssBytes: number;
      firstParseMs: number;
      firstAnalyzeMs: number;
    };
    console.log(
      `${String(functions).padEnd(10)} ${String(roles).padEnd(7)} ${fmtMiB(r.bytes).padEnd(9)} ${fmtMs(r.parseMs).padEnd(11)} ` +
        `${fmtMs(r.analyzeMs).padEnd(10)} ${(r.analyzeMs / r.parseMs).toFixed(2).padEnd(6)} ${fmtMiB(r.maxRssBytes).padEnd(9)} ${r.findings}`,
    );
    const x = (ms: number) => `${fmtMs(ms)} (${(ms / r.parseMs).toFixed(1)}×)`;
    steps.push(
      `${String(functions).padEnd(10)} validate ${x(r.validateMs)}, account model ${x(r.modelMs)}, evaluation + findings + graph ${x(r.evaluateMs)}; ` +
        `first run (cold JIT, as one CLI analyze) ${fmtMs(r.firstAnalyzeMs)}, JSON.parse ${fmtMs(r.firstParseMs)}, ratio ${(r.firstAnalyzeMs / r.firstParseMs).toFixed(1)}`,
    );
  }
  console.log("where analyse goes (medians of each step, × JSON.parse):");
  for (const line of steps) console.log(line);
  console.log("targets at 10,000 functions: ratio ≤ 3, peak RSS ≤ 1024 MiB");
}

if (want("alloc")) {
  const file = path.join(outDir, "synthetic-10000.json");
  writeFileSync(file, JSON.stringify(generateSyntheticSnapshot({ functions: 10_000, roles: 5_000, seed: 42 })));
  console.log("\nallocation of one analysis at 10,000 functions (sampled every 32 KiB, after a warm-up analysis)");
  process.stdout.write(
    execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "alloc-profile.ts"), file, "25"], { encoding: "utf8", maxBuffer: 1 << 20 }),
  );
}

if (want("wide")) {
  // Analysis must grow with each list, not its square: the ratio column compares each size with the one before.
  growthTable("wide statements: one role, two statements of N ARNs each", "ARNs", [250, 1_000, 4_000], generateWideStatementSnapshot);
  growthTable("many statements: one role, N statements of one ARN each", "stmts", [500, 2_000], generateManyStatementsSnapshot);
  growthTable("many policies: one role, N managed policies of five one-ARN statements each", "pols", [100, 400], generateManyPoliciesSnapshot);
  growthTable("listed callers: one function policy naming N accounts (twice) and N SourceArns", "N", [250, 1_000, 4_000], generateListedCallersSnapshot);
  growthTable("many grants: one function policy of N one-principal statements (accounts, SNS topics)", "stmts", [400, 1_600], generateManyGrantsSnapshot);
  console.log("4× the list: linear work takes ~4× as long, quadratic ~16×");
}

function growthTable(title: string, unit: string, sizes: number[], generate: (n: number) => unknown): void {
  console.log(`\n${title} (median of 3 runs per size)`);
  console.log(`${unit.padEnd(6)} file      analyse    × previous  findings`);
  let previous: number | undefined;
  for (const n of sizes) {
    const file = path.join(outDir, `${generate.name}-${n}.json`);
    writeFileSync(file, JSON.stringify(generate(n)));
    const out = execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "analysis-worker.ts"), file, "3"], { encoding: "utf8" });
    const r = JSON.parse(out.trim().split("\n").pop() ?? "{}") as { bytes: number; analyzeMs: number; findings: number };
    const growth = previous ? `${(r.analyzeMs / previous).toFixed(1)}×` : "";
    console.log(`${String(n).padEnd(6)} ${fmtMiB(r.bytes).padEnd(9)} ${fmtMs(r.analyzeMs).padEnd(10)} ${growth.padEnd(11)} ${r.findings}`);
    previous = r.analyzeMs;
  }
}

if (want("can")) {
  // Its own script (fresh processes per run); `npm run bench -- can` runs only this part.
  execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "can-batch.ts"), "3"], { stdio: "inherit" });
}

if (want("cando")) {
  execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "can-latency.ts"), "", "5"], { stdio: "inherit" });
}

if (want("turns")) {
  execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "analysis-turns.ts"), "3"], { stdio: "inherit" });
}

if (want("upload")) {
  execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "upload-stall.ts"), "", "3"], { stdio: "inherit" });
}

if (want("scan")) {
  execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "scan.ts")], { stdio: "inherit" });
}

if (want("layout")) {
  execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "layout.ts")], { stdio: "inherit" });
}

if (want("huge")) {
  execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "huge-graph.ts")], { stdio: "inherit" });
}

if (want("compare")) {
  execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "compare.ts")], { stdio: "inherit" });
}

if (want("browser")) await runBrowserBench();
