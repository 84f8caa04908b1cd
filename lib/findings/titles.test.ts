/**
 * Titles are headlines (lib/findings/headline.ts): on the demo and on a 1,000-function synthetic account, no rule
 * writes a title longer than TITLE_MAX or on more than one line, whatever its lists hold.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { TITLE_MAX } from "./headline";

const accounts = [
  ["the demo account", () => parseSnapshotValue(JSON.parse(readFileSync(demoSnapshotPath(), "utf8")))],
  ["a synthetic 1,000-function account", () => parseSnapshotValue(JSON.parse(JSON.stringify(generateSyntheticSnapshot({ functions: 1000, roles: 500 }))))],
] as const;

describe("finding titles", () => {
  it.each(accounts)(`on %s are one line of at most ${TITLE_MAX} characters`, (_name, load) => {
    const { findings } = analyzeSnapshot(load());
    expect(findings.length).toBeGreaterThan(20);
    const tooLong = findings.filter((f) => f.title.length > TITLE_MAX || /[\r\n]/.test(f.title)).map((f) => `${f.rule} (${f.title.length}): ${f.title}`);
    expect(tooLong).toEqual([]);
  });
});
