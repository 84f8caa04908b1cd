/**
 * `npm run bench -- cando`: how long one "Can do ACTION on RESOURCE" answer takes at 10,000 functions, through
 * the function the overview and /api/graph use (reach-filter.ts `reachAskedWithDenied`), with the report already
 * analysed as the server holds it. Per question: `first`, the account model not yet built (the server builds it on
 * the first question that needs the evaluator: read + validate + model); `new`, a question not in the per-report
 * answer cache with the model built (median of `runs`); `cached`, the same question asked again (median of `runs`).
 * `node --import tsx bench/can-latency.ts [FILE] [runs]` (no FILE or an empty one: bench/out/synthetic-10000.json, written
 * when missing). Prints figures, asserts nothing.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAccountModel } from "@/lib/analysis/account-model";
import type { AnalysisReport } from "@/lib/analysis/types";
import { reachAskedWithDenied } from "@/lib/view/reach-filter";
import { exactAsker, type ExactAsk } from "@/lib/view/reach-exact";
import { generateSyntheticSnapshot } from "./synthetic";
import { fmtMs, median } from "./stats";

/** Representative questions: one ARN of a service whose policy is never read, `*`, weighed resources, the unread. */
export function latencyQuestions(account: string, fn: string): { reach: string; on: string }[] {
  return [
    { reach: "s3:GetObject", on: "arn:aws:s3:::acme-orders-31" },
    { reach: "s3:GetObject", on: "*" },
    { reach: "kms:Decrypt", on: `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
    { reach: "kms:Decrypt", on: `arn:aws:kms:us-east-1:${account}:alias/app` },
    { reach: "lambda:InvokeFunction", on: fn },
    { reach: "bedrock:InvokeModel", on: "*" },
    { reach: "s3:GetObjectz", on: "*" },
    { reach: "iam:PassRole", on: "*" },
  ];
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

async function main() {
  const [fileArg, runsArg = "5"] = process.argv.slice(2);
  let file = fileArg;
  if (!file) {
    const outDir = path.join(process.cwd(), "bench", "out");
    mkdirSync(outDir, { recursive: true });
    file = path.join(outDir, "synthetic-10000.json");
    if (!existsSync(file)) writeFileSync(file, JSON.stringify(generateSyntheticSnapshot({ functions: 10_000, roles: 5_000, seed: 42 })));
  }
  const runs = Number(runsArg);
  const report = analyzeSnapshot(await readSnapshotFile(file));
  const fn = report.functions.find((f) => f.arn.includes(":us-east-1:"))?.arn ?? report.functions[0]?.arn ?? "*";
  // As the server's store does: the model of the stored file, built on the first question that needs it and kept.
  const coldAsker = () => {
    let built: Promise<ExactAsk> | undefined;
    let used = false;
    const get = () => {
      used = true;
      return (built ??= readSnapshotFile(file).then((s) => exactAsker(buildAccountModel(s))));
    };
    return { get, used: () => used };
  };
  const warm = coldAsker();
  await warm.get();
  // A shallow copy of the report is a report the per-report answer cache has not seen: the question is new to it.
  const fresh = (): AnalysisReport => ({ ...report });
  const rows: string[][] = [];
  for (const q of latencyQuestions(report.account, fn)) {
    const cold = coldAsker();
    let t = process.hrtime.bigint();
    const first = await reachAskedWithDenied(fresh(), q, cold.get);
    const firstMs = ms(t);
    const newMs: number[] = [];
    const cachedMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = fresh();
      t = process.hrtime.bigint();
      await reachAskedWithDenied(r, q, warm.get);
      newMs.push(ms(t));
      t = process.hrtime.bigint();
      await reachAskedWithDenied(r, q, warm.get);
      cachedMs.push(ms(t));
    }
    const counts = { allowed: 0, conditional: 0, unknown: 0 };
    for (const a of first?.answers.values() ?? []) counts[a.state]++;
    rows.push([`${q.reach} on ${q.on.length > 40 ? `…${q.on.slice(-37)}` : q.on}`, fmtMs(firstMs), cold.used() ? "yes" : "no", fmtMs(median(newMs)), fmtMs(median(cachedMs)), `${counts.allowed}/${counts.conditional}/${counts.unknown}/${first?.denied.size ?? 0}`]);
  }
  const head = ["question", "first", "model built", `new (median of ${runs})`, "cached", "allowed/cond./unknown/denied"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  console.log(`\nCan do latency (${report.functions.length.toLocaleString("en")} functions, ${path.basename(file)})`);
  for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  "));
}

// Imported by bench/run.ts for its questions only; run as a script, it measures.
if (process.argv[1]?.endsWith("can-latency.ts")) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
