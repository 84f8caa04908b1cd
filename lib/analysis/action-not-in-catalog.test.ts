/**
 * The note on an action the catalog lacks is worked out once per action, not once per function asked: a Can do
 * answer asks the evaluator the same action for each of its rows (reach-filter.ts), and the nearest-name search was
 * most of that answer's time at 10,000 functions. The notes themselves must stay what the search gives.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import * as catalog from "@/lib/catalog/actions";
import { parseSnapshot } from "@/lib/snapshot/read";
import { buildAccountModel } from "./account-model";
import { ask } from "./what-if";
import { actionNotInCatalog } from "./action-not-in-catalog";

vi.mock("@/lib/catalog/actions", async (importOriginal) => {
  const actual = await importOriginal<typeof catalog>();
  return { ...actual, nearestCatalogActions: vi.fn(actual.nearestCatalogActions) };
});

const demo = buildAccountModel(parseSnapshot(readFileSync(path.join(process.cwd(), "data", "demo-snapshot.json"), "utf8")));
const search = vi.mocked(catalog.nearestCatalogActions);

describe("actionNotInCatalog", () => {
  it("searches the catalog once for an action asked of every function", () => {
    search.mockClear();
    const asked = demo.functions.filter((fn) => fn.role);
    const notes = new Set(asked.map((fn) => ask(demo, { principal: fn.arn, action: "s3:GetObjectz", resource: "*" }).reasons.filter((r) => r.startsWith("note: s3:GetObjectz")).join("\n")));
    expect(asked.length).toBeGreaterThan(5);
    expect(search).toHaveBeenCalledTimes(1);
    expect(notes.size).toBe(1);
    expect([...notes][0]).toContain("s3:GetObjectz is not an action in the IAM action catalog");
    expect([...notes][0]).toContain("did you mean s3:GetObject");
  });

  it("keeps each action's own note, also once many others were asked in between", () => {
    const first = actionNotInCatalog("kms:Decrypz");
    for (let i = 0; i < 100; i++) actionNotInCatalog(`sqs:SendMessag${i}`);
    search.mockClear();
    expect(actionNotInCatalog("kms:Decrypz")).toBe(first);
    expect(search).toHaveBeenCalledTimes(1);
    expect(first).toContain("did you mean kms:Decrypt");
    expect(actionNotInCatalog("sqs:SendMessag7")).toContain("sqs:SendMessag7 is not an action");
    expect(actionNotInCatalog("kms:Decrypt")).toBeUndefined();
    expect(actionNotInCatalog("kms:Decrypt*")).toBeUndefined();
    expect(actionNotInCatalog("kms:Nothing*")).toContain("covers no action");
  });
});
