import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { jsonPieces, jsonStream, type JsonLayout } from "./json-stream";

async function streamed(value: unknown, layout: JsonLayout = {}): Promise<{ text: string; chunks: number }> {
  const reader = jsonStream(value, layout).getReader();
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  for (;;) {
    const { done, value: bytes } = await reader.read();
    if (done) return { text: text + decoder.decode(), chunks };
    chunks += 1;
    text += decoder.decode(bytes, { stream: true });
  }
}

describe("JSON streamed a piece at a time", () => {
  it("is JSON.stringify's text exactly, for the demo's report, in many pieces and batches", async () => {
    const report = analyzeSnapshot(parseSnapshot(readFileSync("data/demo-snapshot.json", "utf8")));
    const whole = JSON.stringify(report);
    expect([...jsonPieces(report)].length).toBeGreaterThan(1000);
    const { text, chunks } = await streamed(report);
    expect(text).toBe(whole);
    expect(chunks).toBeGreaterThan(1);
  });

  it("leaves out and writes null where JSON.stringify does, and keeps toJSON, non-ASCII and empty containers", async () => {
    const odd = {
      a: undefined,
      f: () => 1,
      s: Symbol("x"),
      list: [undefined, () => 1, Symbol("y"), null, NaN, -0, "é—😀", new Date(0), { x: undefined }, [], {}],
      nested: { deep: { deeper: { deepest: [1, { two: 2 }] } } },
      "__proto__ key": Object.create(null, { own: { value: 1, enumerable: true } }),
      last: "\u2028\"\\",
    };
    expect((await streamed(odd)).text).toBe(JSON.stringify(odd));
    for (const leaf of [1, "x", null, [], {}, [undefined]]) expect((await streamed(leaf)).text).toBe(JSON.stringify(leaf));
  });

  it("indents as JSON.stringify's third argument does, whole values and split ones alike, at every split depth", async () => {
    const odd = {
      empty: { list: [], object: {}, onlyOmitted: { a: undefined }, arrayOfOmitted: [undefined] },
      nested: { deep: { deeper: { deepest: [1, { two: [2, { three: 3 }] }], text: "line\nbreak" } } },
      list: [1, [2, [3, [4, [5]]]], { date: new Date(0) }],
    };
    for (const indent of [1, 2, 4, 12]) {
      for (const splitDepth of [0, 1, 3, 6]) {
        const whole = JSON.stringify(odd, null, indent);
        expect([...jsonPieces(odd, { indent, splitDepth })].join(""), `indent ${indent}, depth ${splitDepth}`).toBe(whole);
        expect((await streamed(odd, { indent, splitDepth })).text).toBe(whole);
      }
    }
    const report = analyzeSnapshot(parseSnapshot(readFileSync("data/demo-snapshot.json", "utf8")));
    expect((await streamed(report, { indent: 2 })).text).toBe(JSON.stringify(report, null, 2));
  });

  it("splits containers down to the depth asked for, so a list four levels down is not one piece", () => {
    const value = { runs: [{ results: Array.from({ length: 100 }, (_, i) => ({ id: i })) }] };
    const longest = (splitDepth?: number) => Math.max(...[...jsonPieces(value, { indent: 2, splitDepth })].map((p) => p.length));
    expect(longest()).toBeGreaterThan(1000);
    expect(longest(4)).toBeLessThan(100);
  });
});
