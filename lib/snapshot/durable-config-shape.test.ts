/**
 * Only whether DurableConfig is an object is read: a function carrying another shape of it (another tool's export, a
 * future API shape) must not cost the whole snapshot, as InstanceProfileList's odd shapes do not.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoSnapshotPath } from "./demo";
import { parseSnapshotValue } from "./read";

describe("an odd DurableConfig does not cost the whole snapshot", () => {
  it.each([["true", true], ["a string", "ENABLED"], ["an array", []]])("DurableConfig as %s", (_label, value) => {
    const demo = JSON.parse(readFileSync(demoSnapshotPath(), "utf8"));
    const region = Object.values(demo.regions as Record<string, { ListFunctions?: { Functions?: Record<string, unknown>[] } }>).find(
      (r) => (r.ListFunctions?.Functions?.length ?? 0) > 0,
    )!;
    region.ListFunctions!.Functions![0]!.DurableConfig = value;
    expect(() => parseSnapshotValue(demo)).not.toThrow();
  });
});
