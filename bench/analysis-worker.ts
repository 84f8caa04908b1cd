/**
 * One analysis measurement in a fresh process (so peak RSS is this run's own): JSON.parse of the snapshot file
 * vs validation + analysis of the same text, median of `runs` repetitions, with the medians of its three steps
 * (validate the snapshot, build the account model, evaluate + findings + graph). Prints one JSON line.
 * Peak RSS is taken after the first repetition: what one `analyze` costs. Later repetitions run while the
 * previous report is still garbage the collector has not yet returned, which only says how lazy V8 is. The first
 * repetition's times are printed too (`first…`): a cold process, as the CLI runs it once.
 */
import { readFileSync } from "node:fs";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { analyzeModel } from "@/lib/analysis/analyze";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { expandActionPattern } from "@/lib/catalog/actions";
import { median, timeIt } from "./stats";

const [file = "", runsArg = "5"] = process.argv.slice(2);
const runs = Number(runsArg);
const text = readFileSync(file, "utf8");
expandActionPattern("s3:Get*"); // load the static action catalog once, outside the timed region

const parseMs: number[] = [];
const analyzeMs: number[] = [];
/** The three steps of analyse, so the figure says where its time goes. */
const stepMs = { validate: [] as number[], model: [] as number[], evaluate: [] as number[] };
let findings = 0;
let maxRssBytes = 0;
for (let i = 0; i < runs; i++) {
  const parsed = timeIt(() => JSON.parse(text) as unknown);
  parseMs.push(parsed.ms);
  const validated = timeIt(() => parseSnapshotValue(parsed.value));
  const model = timeIt(() => buildAccountModel(validated.value));
  const t = timeIt(() => analyzeModel(model.value));
  stepMs.validate.push(validated.ms);
  stepMs.model.push(model.ms);
  stepMs.evaluate.push(t.ms);
  analyzeMs.push(validated.ms + model.ms + t.ms);
  findings = t.value.findings.length;
  if (i === 0) maxRssBytes = process.resourceUsage().maxRSS * 1024;
}
process.stdout.write(
  JSON.stringify({
    bytes: Buffer.byteLength(text),
    parseMs: median(parseMs),
    analyzeMs: median(analyzeMs),
    validateMs: median(stepMs.validate),
    modelMs: median(stepMs.model),
    evaluateMs: median(stepMs.evaluate),
    findings,
    maxRssBytes,
    // What one `analyze` in a fresh process costs: the JIT is still cold, so this is above the median.
    firstParseMs: parseMs[0],
    firstAnalyzeMs: analyzeMs[0],
  }) + "\n",
);
