/**
 * `npm run bench -- PART…`: which parts to run. A misspelt part (`analyis`) or `--help` used to match no part, so
 * the run printed the machine line and exited 0, as if a benchmark had run and found nothing to say.
 */
export const BENCH_PARTS = {
  analysis: "validation + analysis time vs JSON.parse, peak RSS, at 1,000 and 10,000 functions",
  alloc: "where one analysis of 10,000 functions allocates: the top sites by MB, and its scavenges",
  wide: "analysis time as one statement, policy or function policy grows",
  can: "`can --batch` of 10,000 questions vs loading the snapshot",
  cando: "one Can do ACTION on RESOURCE answer at 10,000 functions: the first, a new question, the same again",
  turns: "the server's longest stall while it analyses 10,000 functions",
  upload: "the server's event-loop stalls while a 10,000-function file is uploaded, stored and analysed",
  scan: "2,000 functions behind the rate-limited local AWS endpoint",
  layout: "edge crossings, riskiest-first placement and ELK time",
  huge: "the graph page, its API, search, PNG report and memory at 10,000 functions (production build)",
  compare: "diffReports of a scan and a changed copy at 1,000 and 10,000 functions",
  browser: "first graph paint at 2,000 functions vs React Flow alone, and panning fps (Chromium)",
} as const;

export type BenchPart = keyof typeof BENCH_PARTS;

export type BenchRequest = { help: string } | { error: string } | { parts: BenchPart[] };

export function benchUsage(): string {
  const width = Math.max(...Object.keys(BENCH_PARTS).map((p) => p.length));
  return [
    "Usage: npm run bench [-- PART…]   (no PART: every part, in this order)",
    "",
    ...Object.entries(BENCH_PARTS).map(([part, what]) => `  ${part.padEnd(width)}  ${what}`),
  ].join("\n");
}

/** The command line's parts, in the order the run takes them; none named means every part. */
export function readBenchArguments(args: readonly string[]): BenchRequest {
  if (args.some((a) => a === "--help" || a === "-h")) return { help: benchUsage() };
  const known = Object.keys(BENCH_PARTS);
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length > 0) {
    return { error: `unknown benchmark part ${unknown.map((a) => JSON.stringify(a)).join(", ")}; the parts are ${known.join(", ")} (add --help for usage)` };
  }
  return { parts: (args.length === 0 ? known : known.filter((p) => args.includes(p))) as BenchPart[] };
}
