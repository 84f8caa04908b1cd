import { describe, expect, it } from "vitest";
import { builder, outcome, REGION, type RuleCase } from "../test-support";
import { runtimeDeprecated } from "./runtime-deprecated";

function fnOn(runtime: string, capturedAt = "2026-11-20T09:30:00Z") {
  const b = builder({ capturedAt });
  b.fn({ region: REGION, name: "f", runtime, role: b.role({ name: "r" }) });
  return b;
}

const cases: RuleCase[] = [
  { name: "nodejs16.x in 2026", build: () => fnOn("nodejs16.x"), titles: ["Deprecated runtime nodejs16.x (since 2024-06-12)"], severities: ["medium"] },
  { name: "python3.8", build: () => fnOn("python3.8"), titles: ["Deprecated runtime python3.8 (since 2024-10-14)"] },
  { name: "nodejs22.x is supported", build: () => fnOn("nodejs22.x"), titles: [] },
  { name: "python3.9 the day before its deprecation (capturedAt decides, not the clock)", build: () => fnOn("python3.9", "2025-12-14T23:00:00Z"), titles: [] },
  { name: "python3.9 on its deprecation day", build: () => fnOn("python3.9", "2025-12-15T00:00:00Z"), titles: ["Deprecated runtime python3.9 (since 2025-12-15)"] },
  { name: "unknown runtime: no claim", build: () => fnOn("nodejs99.x"), titles: [] },
  // Names an object literal inherits were "deprecated since undefined".
  ...["constructor", "toString", "__proto__", "hasOwnProperty"].map((runtime) => ({ name: `runtime ${runtime}: no claim`, build: () => fnOn(runtime), titles: [] })),
];

describe("runtime-deprecated", () => {
  it.each(cases)("$name", (c) => {
    const got = outcome(runtimeDeprecated, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
  });
});
