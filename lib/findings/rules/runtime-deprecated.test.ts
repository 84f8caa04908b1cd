import { describe, expect, it } from "vitest";
import { builder, findingsOf, REGION, testRuleCases, type RuleCase } from "../test-support";
import { runtimeDeprecated } from "./runtime-deprecated";
import { supportedSuccessor } from "../data/runtimes";
import { remediationParts } from "@/lib/view/remediation-parts";

function fnOn(runtime: string, capturedAt = "2026-11-20T09:30:00Z") {
  const b = builder({ capturedAt });
  b.fn({ region: REGION, name: "f", runtime, role: b.role({ name: "r" }) });
  return b;
}

const cases: RuleCase[] = [
  { name: "nodejs16.x in 2026", build: () => fnOn("nodejs16.x"), titles: ["Deprecated runtime nodejs16.x (since 2024-06-12)"], severities: ["medium"] },
  { name: "python3.8", build: () => fnOn("python3.8"), titles: ["Deprecated runtime python3.8 (since 2024-10-14)"] },
  // AWS dates its deprecation 2020-03-05, though creates and updates were blocked from April 2019.
  { name: "nodejs4.3-edge", build: () => fnOn("nodejs4.3-edge"), titles: ["Deprecated runtime nodejs4.3-edge (since 2020-03-05)"] },
  { name: "nodejs22.x is supported", build: () => fnOn("nodejs22.x"), titles: [] },
  { name: "python3.9 the day before its deprecation (capturedAt decides, not the clock)", build: () => fnOn("python3.9", "2025-12-14T23:00:00Z"), titles: [] },
  { name: "python3.9 on its deprecation day", build: () => fnOn("python3.9", "2025-12-15T00:00:00Z"), titles: ["Deprecated runtime python3.9 (since 2025-12-15)"] },
  // AWS states the dates in UTC; capturedAt may be in any zone, and its own first ten characters are then not the UTC day.
  { name: "python3.9 at 22:00 New York on 14 December 2025 (15 December UTC)", build: () => fnOn("python3.9", "2025-12-14T22:00:00-05:00"), titles: ["Deprecated runtime python3.9 (since 2025-12-15)"] },
  { name: "python3.9 at 01:00 on 15 December 2025, UTC+5 (14 December UTC)", build: () => fnOn("python3.9", "2025-12-15T01:00:00+05:00"), titles: [] },
  { name: "unknown runtime: no claim", build: () => fnOn("nodejs99.x"), titles: [] },
  // Container images carry no Runtime: the image's own base image decides, and no table date applies.
  {
    name: "container image function: no claim",
    build: () => {
      const b = builder({ capturedAt: "2026-11-20T09:30:00Z" });
      b.fn({ region: REGION, name: "f", runtime: "python3.7", image: true, role: b.role({ name: "r" }) });
      return b;
    },
    titles: [],
  },
  // AWS moved the Amazon Linux 2 runtimes' dates past AL2's end of life (June 2026), and added Java 8/11/17 on
  // Amazon Linux 2023.
  ...["java17", "java11", "java8.al2", "python3.11", "java17.al2023", "ruby4.0"].map((runtime) => ({ name: `${runtime} is supported in November 2026`, build: () => fnOn(runtime), titles: [] })),
  { name: "python3.10 after 2026-10-31", build: () => fnOn("python3.10"), titles: ["Deprecated runtime python3.10 (since 2026-10-31)"] },
  { name: "provided.al2 after 2026-07-31", build: () => fnOn("provided.al2"), titles: ["Deprecated runtime provided.al2 (since 2026-07-31)"] },
  { name: "java17 from 2027-06-30", build: () => fnOn("java17", "2027-06-30T00:00:00Z"), titles: ["Deprecated runtime java17 (since 2027-06-30)"] },
  // Names an object literal inherits were "deprecated since undefined".
  ...["constructor", "toString", "__proto__", "hasOwnProperty"].map((runtime) => ({ name: `runtime ${runtime}: no claim`, build: () => fnOn(runtime), titles: [] })),
];

describe("runtime-deprecated", () => {
  testRuleCases(runtimeDeprecated, cases);
});

describe("the finding's detail", () => {
  const detailOn = (capturedAt: string) =>
    findingsOf(runtimeDeprecated, fnOn("python3.9", capturedAt))[0]!.detail;

  it("quotes the deprecation date, the snapshot's UTC day and what AWS stops doing", () => {
    expect(detailOn("2025-12-14T22:00:00-05:00")).toBe(
      "f runs on Python 3.9 (python3.9), deprecated by AWS on 2025-12-15 — the day this snapshot was taken. " +
        "Deprecated runtimes get no security patches, and AWS later blocks creating and updating functions that use them.",
    );
    expect(detailOn("2026-11-20T09:30:00Z")).toContain("deprecated by AWS on 2025-12-15 — before this snapshot (2026-11-20).");
  });
});

describe("the runtime a remediation suggests", () => {
  it("is the same language's runtime supported longest as of the snapshot's day", () => {
    const day = "2026-11-20";
    expect(supportedSuccessor("nodejs16.x", day)).toBe("nodejs24.x");
    expect(supportedSuccessor("nodejs4.3-edge", day)).toBe("nodejs24.x");
    expect(supportedSuccessor("python3.8", day)).toBe("python3.14");
    expect(supportedSuccessor("dotnetcore3.1", day)).toBe("dotnet10");
    expect(supportedSuccessor("go1.x", day)).toBe("provided.al2023");
    expect(supportedSuccessor("java8", day)).toBe("java25");
    expect(supportedSuccessor("ruby3.2", day)).toBe("ruby4.0");
    // A runtime deprecated by the snapshot's day is never suggested.
    expect(supportedSuccessor("nodejs12.x", "2027-05-01")).toBe("nodejs24.x");
    expect(supportedSuccessor("python3.9", "2029-01-01")).toBe("python3.14");
    expect(supportedSuccessor("nodejs12.x", "2028-05-01")).toBeUndefined();
    expect(supportedSuccessor("cobol", day)).toBeUndefined();
  });

  it("is named in the command, with a placeholder only where no runtime of the language is left", () => {
    const f = findingsOf(runtimeDeprecated, fnOn("nodejs16.x"))[0]!;
    expect(f.remediation).toContain("(the one supported longest as of 2026-11-20: nodejs24.x)");
    expect(f.remediation).toMatch(/--runtime nodejs24\.x$/);
    const late = findingsOf(runtimeDeprecated, fnOn("nodejs16.x", "2030-01-01T00:00:00Z"))[0]!;
    expect(late.remediation).toMatch(/--runtime '<new runtime>'$/);
    // On its own line: a command part with its own copy button, not a sentence to cut it out of.
    expect(remediationParts(f.remediation).filter((p) => p.kind === "command").map((p) => p.text)).toEqual([
      `aws lambda update-function-configuration --function-name ${f.function} --region ${REGION} --runtime nodejs24.x`,
    ]);
  });
});
