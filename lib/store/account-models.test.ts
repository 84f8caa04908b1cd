/** The account models what-if questions use: the one the report's analysis built is reused, not read and built again. */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as accountModel from "@/lib/analysis/account-model";
import { ask } from "@/lib/analysis/what-if";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { getAppStore } from "./app-store";
import { keepAccountModel, loadAccountModel } from "./account-models";

vi.mock("@/lib/analysis/account-model", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/analysis/account-model")>();
  return { ...actual, buildAccountModel: vi.fn(actual.buildAccountModel) };
});

const STORE = Symbol.for("lambda-permissions-graph.app-store");
const MODELS = Symbol.for("lambda-permissions-graph.account-models");
const DEMO = path.join(import.meta.dirname, "..", "..", "data", "demo-snapshot.json");
const built = vi.mocked(accountModel.buildAccountModel);

/** The answer, or the refusal (a function whose role is not in the snapshot is no question). */
function outcome(model: accountModel.AccountModel, question: Parameters<typeof ask>[1]): unknown {
  try {
    return ask(model, question);
  } catch (e: unknown) {
    return String(e);
  }
}

function forget(): void {
  delete (globalThis as Record<symbol, unknown>)[STORE];
  delete (globalThis as Record<symbol, unknown>)[MODELS];
}

beforeEach(() => {
  forget();
  vi.stubEnv("LPG_SNAPSHOT_FILE", DEMO);
  built.mockClear();
});
afterEach(() => {
  forget();
  vi.unstubAllEnvs();
});

describe("account models", () => {
  it("answers the first question after a report from the model its analysis built, and answers as a fresh build does", async () => {
    const { store, reports } = getAppStore();
    const reads = vi.spyOn(store, "getSnapshot");
    const loaded = await reports.getReport("latest");
    expect(reads).toHaveBeenCalledTimes(1);

    const model = await loadAccountModel("latest");
    expect(model?.snapshotId).toBe(loaded?.meta.id);
    // Neither read nor built again: the analysis's model was handed over.
    expect(reads).toHaveBeenCalledTimes(1);
    expect(built).not.toHaveBeenCalled();

    // The analysis is done with the model before it is handed over; its answers are a fresh build's.
    const fresh = accountModel.buildAccountModel(await readSnapshotFile(DEMO));
    const questions = loaded!.report.functions.flatMap((fn) =>
      ["s3:GetObject", "sqs:SendMessage", "kms:Decrypt", "lambda:InvokeFunction", "dynamodb:PutItem"].map((action) => ({ principal: fn.arn, action, resource: "*" })),
    );
    expect(questions.length).toBeGreaterThan(100);
    for (const q of questions) expect(outcome(model!.model, q)).toEqual(outcome(fresh, q));
  });

  it("still reads and builds the model when no report was analysed", async () => {
    const reads = vi.spyOn(getAppStore().store, "getSnapshot");
    const [a, b] = await Promise.all([loadAccountModel("latest"), loadAccountModel("latest")]);
    expect(b).toBe(a);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(built).toHaveBeenCalledTimes(1);
  });

  it("keeps a build in progress for the same id, and the newest two", async () => {
    const building = loadAccountModel("latest");
    const id = (await getAppStore().store.listSnapshots())[0]!.id;
    const other = accountModel.buildAccountModel(await readSnapshotFile(DEMO));
    keepAccountModel(id, other);
    const first = await building;
    expect(first?.model).not.toBe(other);
    expect(await loadAccountModel(id)).toBe(first);

    keepAccountModel("a".repeat(64), other);
    keepAccountModel("b".repeat(64), other);
    const models = (globalThis as Record<symbol, Map<string, unknown>>)[MODELS]!;
    expect([...models.keys()]).toEqual(["a".repeat(64), "b".repeat(64)]);
  });
});
