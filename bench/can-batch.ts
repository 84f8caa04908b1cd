/**
 * `npm run bench -- can`: 10,000 what-if questions (`can --batch`) against the 10,000-function synthetic snapshot.
 * Load = what `can` does before its first answer (read + validate the file, build the account model); batch = the
 * CLI's own JSONL path (readline over the file, `answerBatch`, output serialised and kept, not printed).
 * Target: batch < 2 × load. Medians of `runs` runs, each in a fresh process. Prints figures, asserts nothing.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import path from "node:path";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { buildAccountModel, type AccountModel } from "@/lib/analysis/account-model";
import { mulberry32 } from "@/lib/snapshot/fixtures/prng";
import { answerBatch } from "@/cli/commands/can";
import { generateSyntheticSnapshot } from "./synthetic";
import { fmtMs, median } from "./stats";

const FUNCTIONS = 10_000;
const ROLES = 5_000;
const QUESTIONS = 10_000;

const ACTIONS = ["s3:GetObject", "s3:PutObject", "sqs:ReceiveMessage", "sqs:SendMessage", "dynamodb:PutItem", "dynamodb:Query", "logs:PutLogEvents", "kms:Decrypt", "iam:PassRole", "lambda:InvokeFunction", "secretsmanager:GetSecretValue", "sns:Publish"];

/** Questions a user would ask: principals by name, ARN and role; actions and resources the roles mention, and others. */
export function syntheticQuestions(model: AccountModel, count: number, seed = 7): string[] {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const nameCount = new Map<string, number>();
  for (const f of model.functions) nameCount.set(f.name, (nameCount.get(f.name) ?? 0) + 1);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const fn = pick(model.functions);
    const r = rand();
    const principal = r < 0.2 && fn.roleArn ? fn.roleArn : r < 0.4 || nameCount.get(fn.name) !== 1 ? fn.arn : fn.name;
    // Half the questions take an action/resource pair from the role's own statements, so many are allowed.
    const own = fn.role?.identity.flatMap((p) => p.statements) ?? [];
    const st = rand() < 0.5 && own.length > 0 ? pick(own) : undefined;
    const rawAction = st?.action ? pick(st.action) : pick(ACTIONS);
    const action = rawAction.includes("*") || rawAction.includes("?") ? pick(ACTIONS) : rawAction;
    const rawResource = st?.resource ? pick(st.resource) : `arn:aws:s3:::bucket-${i % 97}/key-${i}`;
    const resource = rawResource === "*" ? `arn:aws:sqs:${fn.region}:${model.account}:queue-${i % 31}` : rawResource.replaceAll("*", `x${i % 13}`);
    const q: Record<string, unknown> = { principal, action, resource };
    if (rand() < 0.3) q.context = { "aws:SourceIp": `10.0.${i % 256}.1`, "aws:SecureTransport": "true" };
    if (rand() < 0.3) q.contextComplete = true;
    out.push(JSON.stringify(q));
  }
  return out;
}

/** One cold run, as one `can --batch` process would do it: prints {loadMs, batchMs, decisions} as JSON. */
async function once(file: string, queries: string) {
  let t = process.hrtime.bigint();
  const model = buildAccountModel(await readSnapshotFile(file));
  const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  const chunks: string[] = [];
  const lines = createInterface({ input: createReadStream(queries), crlfDelay: Infinity });
  for await (const chunk of answerBatch(model, lines)) chunks.push(chunk);
  const batchMs = Number(process.hrtime.bigint() - t) / 1e6;
  const decisions: Record<string, number> = {};
  for (const line of chunks.join("").trim().split("\n")) {
    const d = (JSON.parse(line) as { decision: string }).decision;
    decisions[d] = (decisions[d] ?? 0) + 1;
  }
  process.stdout.write(JSON.stringify({ loadMs, batchMs, decisions }) + "\n");
}

async function main() {
  const outDir = path.join(process.cwd(), "bench", "out");
  const file = path.join(outDir, `synthetic-${FUNCTIONS}.json`);
  const queries = path.join(outDir, `can-questions-${QUESTIONS}.jsonl`);
  if (process.argv[2] === "--once") return once(file, queries);
  const runs = Number(process.argv[2] ?? "3");
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(generateSyntheticSnapshot({ functions: FUNCTIONS, roles: ROLES, seed: 42 })));
  writeFileSync(queries, syntheticQuestions(buildAccountModel(await readSnapshotFile(file)), QUESTIONS).join("\n") + "\n");

  const results: { loadMs: number; batchMs: number; decisions: Record<string, number> }[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh process per run: the glob and policy caches start cold, as in one real `can --batch`.
    const out = execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "can-batch.ts"), "--once"], { encoding: "utf8" });
    results.push(JSON.parse(out.trim().split("\n").pop() ?? "{}"));
  }
  const load = median(results.map((r) => r.loadMs));
  const batch = median(results.map((r) => r.batchMs));
  const ratios = results.map((r) => r.batchMs / r.loadMs);
  console.log(`\ncan --batch (${QUESTIONS.toLocaleString("en")} questions, ${FUNCTIONS.toLocaleString("en")} functions, median of ${runs} fresh processes)`);
  console.log(`load (read + validate + model): ${fmtMs(load)}   batch: ${fmtMs(batch)}   ratio batch/load: ${(batch / load).toFixed(2)} (median per-run ratio ${median(ratios).toFixed(2)}; target < 2)`);
  console.log(`per question: ${((batch * 1000) / QUESTIONS).toFixed(0)} µs   decisions: ${Object.entries(results[0]?.decisions ?? {}).map(([d, n]) => `${d} ${n}`).join(", ")}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
