/**
 * The model the analysis hands to the Can do cache (analyzeSnapshotInTurns' onModel → account-models.ts) answers every
 * question as a fresh buildAccountModel of the same snapshot does. The analysis adds the gaps of unread queues a role
 * reaches to that model; a change that mutated it further (a policy, a role, a function's reads) would make Can do's
 * answers depend on whether the report was opened first. The snapshot has unread queues, so those gaps are there.
 */
import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { answersOf, modelQuestions, withUnreadQueues } from "@/bench/model-questions";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { exactAsker } from "@/lib/view/reach-exact";
import { analyzeSnapshotInTurns } from "./analyze";
import { buildAccountModel, type AccountModel } from "./account-model";

describe("the account model the analysis hands over", () => {
  it("answers Can do's questions as a fresh model does, once the analysis has added its queue gaps", async () => {
    const snapshot = withUnreadQueues(generateSyntheticSnapshot({ functions: 200, roles: 100, seed: 7 }), 4);
    let handed: AccountModel | undefined;
    await analyzeSnapshotInTurns(parseSnapshotValue(snapshot), undefined, (m) => (handed = m));
    const fresh = buildAccountModel(parseSnapshotValue(snapshot));
    if (!handed) throw new Error("the analysis handed over no model");

    // The case this guards: the analysis did add gaps, and the questions ask about the queues they name.
    const gapped = fresh.functions.filter((f, i) => handed?.functions[i]?.unavailable.length !== f.unavailable.length);
    expect(gapped.length).toBeGreaterThan(0);
    const unread = new Set([...fresh.queuePolicies].flatMap(([arn, q]) => (q.policy ? [] : [arn])));
    const questions = modelQuestions(fresh, 24);
    expect(questions.length).toBeGreaterThanOrEqual(300);
    expect(questions.filter((q) => unread.has(q.resource)).length).toBeGreaterThan(0);

    const before = answersOf(exactAsker(fresh), questions);
    const after = answersOf(exactAsker(handed), questions);
    // Answers of every kind are compared, not denials alone.
    const decisions = new Set(before.map((a) => (JSON.parse(a) as { decision?: string }).decision ?? "unknown"));
    expect([...decisions].sort()).toEqual(expect.arrayContaining(["allowed", "conditional", "implicitly-denied", "unknown"]));
    const differing = questions.flatMap((q, i) => (before[i] === after[i] ? [] : [{ ...q, fresh: before[i], handed: after[i] }]));
    expect(differing).toEqual([]);
  });
});
