/**
 * `analyze --format json|sarif` writes its JSON a batch at a time (97 MB of JSON at 10,000 functions was one string
 * and an escaped copy): the same bytes as the whole text, on the demo and on a generated account of 1,000 functions.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { formatSarif } from "@/lib/report-format/sarif";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { jsonForStdout } from "../json-output";
import { analyzeCommand, fileUri } from "./analyze";

afterEach(() => vi.restoreAllMocks());

/** What analyzeCommand wrote to stdout, write by write. */
async function stdoutWrites(file: string, format: string): Promise<string[]> {
  const writes: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  expect(await analyzeCommand(file, { format })).toBe(0);
  return writes;
}

const big = path.join(mkdtempSync(path.join(tmpdir(), "lpg-analyze-stdout-")), "1k.json");
writeFileSync(big, JSON.stringify(generateSyntheticSnapshot({ functions: 1_000, roles: 500, seed: 11 })));

describe.each([
  ["the demo", "data/demo-snapshot.json"],
  ["a generated account of 1,000 functions", big],
])("analyze on %s", (_name, file) => {
  const report = analyzeSnapshot(parseSnapshot(readFileSync(file, "utf8")));

  it.each([
    ["json", () => report],
    ["sarif", () => formatSarif(report, fileUri(file))],
  ])("--format %s writes the whole text's bytes, in several writes", async (format, value) => {
    const writes = await stdoutWrites(file, format);
    expect(writes.length).toBeGreaterThan(2);
    expect(writes.join("")).toBe(jsonForStdout(value(), 2) + "\n");
  });
});
