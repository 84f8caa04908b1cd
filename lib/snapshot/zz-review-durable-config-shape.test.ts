/**
 * Review: schema.ts says DurableConfig is "Present on durable functions; only its presence is read", yet types it as
 * an object. Before this change the field was an unknown extra (looseObject) and any value passed; now a snapshot whose
 * one function carries a DurableConfig of another shape (another tool's export, a future API shape) is refused whole,
 * the same way InstanceProfileList (z.unknown, "any shape passes") was deliberately not.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoSnapshotPath } from "./demo";
import { parseSnapshotValue } from "./read";

describe("review: an odd DurableConfig does not cost the whole snapshot", () => {
  it.each([["true", true], ["a string", "ENABLED"], ["an array", []]])("DurableConfig as %s", (_label, value) => {
    const demo = JSON.parse(readFileSync(demoSnapshotPath(), "utf8"));
    const region = Object.values(demo.regions as Record<string, { ListFunctions?: { Functions?: Record<string, unknown>[] } }>).find(
      (r) => (r.ListFunctions?.Functions?.length ?? 0) > 0,
    )!;
    region.ListFunctions!.Functions![0]!.DurableConfig = value;
    expect(() => parseSnapshotValue(demo)).not.toThrow();
  });
});
