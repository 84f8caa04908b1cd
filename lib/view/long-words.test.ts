import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LONGEST_ARN, LONGEST_TEXT, printable, shortenLongText, shortenLongWords } from "./long-words";

describe("shortenLongWords", () => {
  it("cuts only words longer than the limit, keeping both ends and saying how much was left out", () => {
    const arn = `arn:aws:iam::123456789012:role/${"r".repeat(40)}`;
    expect(shortenLongWords(`role ${arn} not found`)).toBe(`role ${arn} not found`);
    const long = `a${"b".repeat(998)}c`;
    const out = shortenLongWords(`x ${long}: gone`, 100);
    // The word is 1,001 characters with its colon: 35 kept at each end.
    expect(out).toBe(`x a${"b".repeat(34)}…(931 characters)…${"b".repeat(33)}c: gone`);
  });

  it("cuts each whole run of non-blank characters past the limit, whatever blanks (Unicode ones too) end it", () => {
    // What the cut means, run by run: the regex must agree with it on runs just under, at and past the limit.
    const cutRuns = (line: string, longest: number) =>
      line
        .split(/(\s+)/)
        .map((part, i) => (i % 2 === 1 || part.length <= longest ? part : shortenLongWords(part, longest)))
        .join("");
    const run = fc.tuple(fc.constantFrom("a", "\ud83d\ude00", "\ud800", ":", "…"), fc.integer({ min: 0, max: 45 })).map(([c, n]) => c.repeat(n));
    const blank = fc.constantFrom(" ", "\n", "\t", "\u00a0", "\u2028", "\u3000", "\ufeff", "  ");
    fc.assert(
      fc.property(fc.array(fc.tuple(run, blank)), run, (parts, last) => {
        const line = parts.map(([r, b]) => r + b).join("") + last;
        expect(shortenLongWords(line, 40)).toBe(cutRuns(line, 40));
      }),
      { numRuns: 500, seed: 20261206 },
    );
    const words = [LONGEST_ARN - 1, LONGEST_ARN, LONGEST_ARN + 1, 3 * LONGEST_ARN].map((n) => "w".repeat(n));
    const line = words.join(" ");
    expect(shortenLongWords(line, LONGEST_ARN)).toBe(cutRuns(line, LONGEST_ARN));
    // A word as long as an ARN can be is whole; 1,009 characters are kept at each end of one longer.
    const ends = "w".repeat(1009);
    expect(shortenLongWords(line, LONGEST_ARN)).toBe([words[0], words[1], `${ends}…(31 characters)…${ends}`, `${ends}…(4126 characters)…${ends}`].join(" "));
  });
});

describe("printable", () => {
  /** A megabyte of short words: no word to cut, a megabyte page whole. */
  const spaced = `START ${"word ".repeat(209_715)}END`;

  it("cuts text with spaces past LONGEST_TEXT in the middle, as a long word is cut", () => {
    expect(spaced.length).toBeGreaterThan(1_000_000);
    const keep = Math.floor((LONGEST_TEXT - 30) / 2);
    const out = printable(spaced);
    expect(out).toBe(`${spaced.slice(0, keep)}…(${spaced.length - 2 * keep} characters)…${spaced.slice(-keep)}`);
    expect(out.startsWith("START word")).toBe(true);
    expect(out.endsWith("word END")).toBe(true);
    expect(out.length).toBeLessThan(LONGEST_TEXT + 30);
  });

  it("keeps text up to LONGEST_TEXT whole: a KMS key policy of 32 KiB, the longest document AWS takes, is never cut", () => {
    const policy = JSON.stringify({ Statement: [{ Sid: "x", Condition: { StringEquals: { "aws:PrincipalTag/team": "a b ".repeat(8_000) } } }] });
    expect(policy.length).toBeGreaterThan(32_000);
    expect(printable(policy)).toBe(policy);
    const atLimit = "ab ".repeat(LONGEST_TEXT).slice(0, LONGEST_TEXT);
    expect(printable(atLimit)).toBe(atLimit);
    expect(printable(`${atLimit}x`)).toContain("…(");
  });

  it("counts the escapes it shows: hidden characters written as \\uXXXX count toward the limit", () => {
    const hidden = "\u202e ".repeat(LONGEST_TEXT / 4);
    expect(hidden.length).toBe(LONGEST_TEXT / 2);
    expect(printable(hidden)).toContain("characters)…");
  });

  it("shortenLongText cuts the same way without escaping (a document whose highlights are escaped after)", () => {
    expect(shortenLongText(spaced)).toBe(printable(spaced));
    expect(shortenLongText("a\u202eb")).toBe("a\u202eb");
  });
});
