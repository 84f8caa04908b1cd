/**
 * One analysis measurement in a fresh process (so peak RSS is this run's own): JSON.parse of the snapshot file
 * vs validation + analysis of the same text, median of `runs` repetitions. Prints one JSON line.
 * Peak RSS is taken after the first repetition: what one `analyze` costs. Later repetitions run while the
 * previous report is still garbage the collector has not yet returned, which only says how lazy V8 is.
 */
import { readFileSync } from "node:fs";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { expandActionPattern } from "@/lib/catalog/actions";
import { median, timeIt } from "./stats";

const [file = "", runsArg = "5"] = process.argv.slice(2);
const runs = Number(runsArg);
const text = readFileSync(file, "utf8");
expandActionPattern("s3:Get*"); // load the static action catalog once, outside the timed region

const parseMs: number[] = [];
const analyzeMs: number[] = [];
let findings = 0;
let maxRssBytes = 0;
for (let i = 0; i < runs; i++) {
  const parsed = timeIt(() => JSON.parse(text) as unknown);
  parseMs.push(parsed.ms);
  const t = timeIt(() => analyzeSnapshot(parseSnapshotValue(parsed.value)));
  analyzeMs.push(t.ms);
  findings = t.value.findings.length;
  if (i === 0) maxRssBytes = process.resourceUsage().maxRSS * 1024;
}
process.stdout.write(
  JSON.stringify({
    bytes: Buffer.byteLength(text),
    parseMs: median(parseMs),
    analyzeMs: median(analyzeMs),
    findings,
    maxRssBytes,
  }) + "\n",
);
