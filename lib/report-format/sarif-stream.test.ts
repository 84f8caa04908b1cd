/** The SARIF log streamed (`/api/report?format=sarif`, `analyze --format sarif`) is the text the whole log makes. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { jsonPieces, jsonStream } from "@/lib/http/json-stream";
import { formatSarif, SARIF_JSON_LAYOUT } from "./sarif";

async function streamedChunks(stream: ReadableStream<Uint8Array>): Promise<Buffer[]> {
  const reader = stream.getReader();
  const chunks: Buffer[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(Buffer.from(next.value));
  return chunks;
}

describe.each([
  ["the demo", () => parseSnapshot(readFileSync("data/demo-snapshot.json", "utf8"))],
  ["a generated account of 1,000 functions", () => parseSnapshot(JSON.stringify(generateSyntheticSnapshot({ functions: 1_000, roles: 500, seed: 11 })))],
])("SARIF of %s, streamed", (_name, snapshot) => {
  const report = analyzeSnapshot(snapshot());
  const log = formatSarif(report, "lambda-permissions-123456789012.json");
  const results = log.runs[0]?.results ?? [];

  it("is byte for byte the log's JSON.stringify, indented", async () => {
    const chunks = await streamedChunks(jsonStream(log, SARIF_JSON_LAYOUT));
    expect(Buffer.concat(chunks).equals(Buffer.from(JSON.stringify(log, null, 2)))).toBe(true);
  });

  it("writes each result as a piece of its own, so no piece holds the results whole", () => {
    const pieces = [...jsonPieces(log, SARIF_JSON_LAYOUT)];
    const resultsIn = (piece: string) => piece.match(/"ruleId": /g)?.length ?? 0;
    expect(results.length).toBeGreaterThan(10);
    expect(pieces.filter((p) => resultsIn(p) === 1)).toHaveLength(results.length);
    expect(Math.max(...pieces.map(resultsIn))).toBe(1);
  });
});
