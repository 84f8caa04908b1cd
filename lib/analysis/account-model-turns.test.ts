import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { RULES } from "@/lib/findings/rules/registry";
import { parseSnapshot } from "@/lib/snapshot/read";
import { runInTurns } from "@/lib/steps";
import { accountModelSteps, buildAccountModel } from "./account-model";
import { analyzeSnapshot, analyzeSnapshotInTurns } from "./analyze";

// Large enough that building its model takes several turns: 1,000 roles, 2,000 functions and their resource policies.
const text = JSON.stringify(generateSyntheticSnapshot({ functions: 2_000, roles: 1_000, seed: 7 }));

/** Runs `work` counting the event loop's turns meanwhile (setImmediate callbacks), as the dashboard's requests get them. */
async function countingTurns<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let finished = false;
  let turns = 0;
  const tick = () => {
    turns++;
    if (!finished) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  finished = true;
  return { result, turns };
}

describe("the account model in turns", () => {
  it("is the model built at once, with the event loop handed back every thousand roles, functions and policies", async () => {
    const { result, turns } = await countingTurns(() => runInTurns(accountModelSteps(parseSnapshot(text))));
    // 1,000 roles and 2,000 functions: three turns at least, whatever the policies and the rest add.
    console.log("model turns", turns);
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(result).toEqual(buildAccountModel(parseSnapshot(text)));
  });

  it("is built in turns by the dashboard's analysis, which gives the same report", async () => {
    const { result, turns } = await countingTurns(() => analyzeSnapshotInTurns(parseSnapshot(text)));
    // Each step's turn, the callers' second part's, the reach lists' (1,000 roles, a turn every 250) and the model's.
    expect(turns).toBeGreaterThanOrEqual(4 + RULES.length + 1 + 4 + 5);
    expect(JSON.stringify(result)).toBe(JSON.stringify(analyzeSnapshot(parseSnapshot(text))));
  });
});
