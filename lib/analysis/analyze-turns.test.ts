import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { RULES } from "@/lib/findings/rules/registry";
import { parseSnapshot } from "@/lib/snapshot/read";
import { runInTurns } from "@/lib/steps";
import { accountModelSteps, buildAccountModel, type AccountModel } from "./account-model";
import { analyzeModel, analyzeSnapshot, analyzeSnapshotInTurns } from "./analyze";
import { identityInvokers, identityInvokerSteps } from "./identity-invokers";
import { countingTurns } from "./test-support";

// Large enough that its long steps take several turns: 1,000 roles, 2,000 functions and their resource policies.
const text = JSON.stringify(generateSyntheticSnapshot({ functions: 2_000, roles: 1_000, seed: 7 }));

describe("the account model in turns", () => {
  it("is the model built at once, with the event loop handed back every thousand roles, functions and policies", async () => {
    const { result, turns } = await countingTurns(() => runInTurns(accountModelSteps(parseSnapshot(text))));
    // 1,000 roles, 2,000 functions and 1,366 resource policies: a turn after each thousand, and before the resources.
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(result).toEqual(buildAccountModel(parseSnapshot(text)));
  });
});

describe("the identity invokers in turns", () => {
  it("are those asked at once, with turns within and after each target list and every thousand roles", async () => {
    const model = buildAccountModel(parseSnapshot(text));
    const { result, turns } = await countingTurns(() => runInTurns(identityInvokerSteps(model)));
    // The first, the invoke targets' list (after its targets, after their effects, after its index), the async
    // targets' list (which shares the first's targets and index) and the 1,000th role.
    expect(turns).toBeGreaterThanOrEqual(1 + 3 + 1 + 1);
    expect(result).toEqual(identityInvokers(model));
  });
});

describe("the dashboard's analysis", () => {
  it("builds the model and asks the callers in turns, and gives the same report", async () => {
    const { result, turns } = await countingTurns(() => analyzeSnapshotInTurns(parseSnapshot(text)));
    // Each step's turn, the model's, the callers' (each thousand functions, one between the two parts, four of the
    // identity invokers' target lists), the reach lists' (1,000 roles, a turn every 250) and the graph's (a turn
    // every 1,000 functions).
    expect(turns).toBeGreaterThanOrEqual(4 + RULES.length + 5 + (1 + 2 + 4) + 4 + 2);
    expect(JSON.stringify(result)).toBe(JSON.stringify(analyzeSnapshot(parseSnapshot(text))));
  });
  it("hands over its account model once it is done with it, as analyzeModel leaves one", async () => {
    const handed: AccountModel[] = [];
    await analyzeSnapshotInTurns(parseSnapshot(text), undefined, (m) => handed.push(m));
    const model = buildAccountModel(parseSnapshot(text));
    analyzeModel(model);
    expect(handed).toHaveLength(1);
    expect(handed[0]).toEqual(model);
  });
});
