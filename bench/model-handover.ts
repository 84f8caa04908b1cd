/**
 * Is the account model the analysis hands to the Can do cache (analyzeSnapshotInTurns' onModel) answered as a fresh
 * `buildAccountModel` of the same snapshot is? The analysis adds gaps to the model it built (unread queues a role
 * reaches), so a mutation that changed an answer would make Can do differ with the order pages were opened in.
 * `npx tsx bench/model-handover.ts [snapshot.json] [functions sampled] [unread queues: every Nth]`: asks both models the
 * same questions through the Can do asker (lib/view/reach-exact.ts exactAsker) and prints how many answers differ, a
 * few of them, how many functions the analysis gave gaps, and times. With the third argument, every Nth queue read is
 * made unread first (withUnreadQueues), so the analysis has queue gaps to add.
 */
import { readFileSync } from "node:fs";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { analyzeSnapshotInTurns } from "@/lib/analysis/analyze";
import { buildAccountModel, type AccountModel } from "@/lib/analysis/account-model";
import { exactAsker } from "@/lib/view/reach-exact";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { modelQuestions, answersOf, withUnreadQueues } from "./model-questions";

async function main() {
  const file = process.argv[2] ?? "/tmp/10k-plain.json";
  const sampled = Number(process.argv[3] ?? 60);
  const every = process.argv[4] ? Number(process.argv[4]) : undefined;
  let t = performance.now();
  const read = JSON.parse(readFileSync(file, "utf8")) as SnapshotInput;
  const raw = every ? withUnreadQueues(read, every) : read;
  const readMs = performance.now() - t;

  t = performance.now();
  let handed: AccountModel | undefined;
  await analyzeSnapshotInTurns(parseSnapshotValue(raw), undefined, (m) => (handed = m));
  const analysisMs = performance.now() - t;
  if (!handed) throw new Error("the analysis handed over no model");

  t = performance.now();
  const fresh = buildAccountModel(parseSnapshotValue(raw));
  const freshMs = performance.now() - t;

  const questions = modelQuestions(fresh, sampled);
  t = performance.now();
  const before = answersOf(exactAsker(fresh), questions);
  const freshAskMs = performance.now() - t;
  t = performance.now();
  const after = answersOf(exactAsker(handed), questions);
  const handedAskMs = performance.now() - t;

  const differing = questions.flatMap((q, i) => (before[i] === after[i] ? [] : [{ q, fresh: before[i], handed: after[i] }]));
  const outcomes = new Map<string, number>();
  for (const a of before) {
    const kind = (JSON.parse(a) as { decision?: string; unknown?: string }).decision ?? "unknown";
    outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
  }
  const gapped = fresh.functions.filter((f, i) => handed?.functions[i]?.unavailable.length !== f.unavailable.length).length;
  console.log(JSON.stringify({
    file,
    unreadQueues: [...fresh.queuePolicies.values()].filter((q) => !q.policy).length,
    functionsGivenGaps: gapped,
    functions: fresh.functions.length,
    questions: questions.length,
    differing: differing.length,
    outcomes: Object.fromEntries(outcomes),
    ms: { read: Math.round(readMs), analysis: Math.round(analysisMs), freshModel: Math.round(freshMs), askFresh: Math.round(freshAskMs), askHanded: Math.round(handedAskMs) },
  }, null, 2));
  for (const d of differing.slice(0, 5)) console.log(JSON.stringify(d));
}

void main();
