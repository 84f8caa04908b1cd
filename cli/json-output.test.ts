import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonForStdout, writeJsonToStdout } from "./json-output";

describe("jsonForStdout", () => {
  it("writes DEL and the C1 controls as \\u escapes and reads back as the same value", () => {
    // Given every character of U+0000–U+00FF, beside backslashes and quotes that JSON itself escapes
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join("");
    const value = { name: all, list: ["\\u009b", "a\\\u009bb", '"\u0085"'], n: 1 };
    // When written for stdout, indented or not
    for (const text of [jsonForStdout(value), jsonForStdout(value, 2)]) {
      // Then no DEL or C1 character is left raw, and a JSON parser reads the same value
      expect(text).not.toMatch(/[\u007f-\u009f]/);
      expect(text).toContain("\\u009b");
      expect(JSON.parse(text)).toEqual(value);
    }
  });

  it("leaves text without them as JSON.stringify writes it", () => {
    const value = { a: "é ü ☃ \u00a0", b: [1, null, true] };
    expect(jsonForStdout(value, 2)).toBe(JSON.stringify(value, null, 2));
  });
});

describe("writeJsonToStdout", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes jsonForStdout's text and a line break, a batch at a time, C1 controls escaped in every batch", () => {
    const value = { items: Array.from({ length: 20_000 }, (_, i) => ({ i, name: `fn-\u009b${i}\u007f` })) };
    const writes: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
    writeJsonToStdout(value, { indent: 2 });
    expect(writes.length).toBeGreaterThan(3);
    expect(writes.join("")).toBe(jsonForStdout(value, 2) + "\n");
  });
});
