/**
 * The deprecation table (lib/findings/data/runtimes.ts) against the Runtime values the Lambda SDK knows: a runtime AWS
 * adds, or a table entry no function can name, shows up here when the SDK is upgraded, rather than as a runtime the
 * rule silently never judges.
 */
import { Runtime } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { RUNTIMES } from "@/lib/findings/data/runtimes";

/**
 * Runtimes the SDK names for which AWS's pages (as reviewed, December 2026) gave no deprecation date: no finding
 * until one is known, never a guessed date.
 */
const UNDATED = ["nodejs26.x", "python3.15"];

describe("the runtime deprecation table", () => {
  const sdk = Object.values(Runtime) as string[];

  it("dates every runtime the Lambda SDK names, except those AWS has not dated yet", () => {
    expect(sdk.filter((r) => !Object.hasOwn(RUNTIMES, r) && !UNDATED.includes(r))).toEqual([]);
    expect(UNDATED.filter((r) => !sdk.includes(r) || Object.hasOwn(RUNTIMES, r))).toEqual([]);
  });

  it("names only runtimes a function's Runtime field can hold (not container-image-only .NET 5, 7 or 9)", () => {
    expect(Object.keys(RUNTIMES).filter((r) => !sdk.includes(r))).toEqual([]);
  });

  it("holds real calendar days", () => {
    for (const [name, { deprecated }] of Object.entries(RUNTIMES)) {
      expect(new Date(`${deprecated}T00:00:00Z`).toISOString().slice(0, 10), name).toBe(deprecated);
    }
  });
});
