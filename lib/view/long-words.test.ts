import { describe, expect, it } from "vitest";
import { LONGEST_TEXT, printable, shortenLongText, shortenLongWords } from "./long-words";

describe("shortenLongWords", () => {
  it("cuts only words longer than the limit, keeping both ends and saying how much was left out", () => {
    const arn = `arn:aws:iam::123456789012:role/${"r".repeat(40)}`;
    expect(shortenLongWords(`role ${arn} not found`)).toBe(`role ${arn} not found`);
    const long = `a${"b".repeat(998)}c`;
    const out = shortenLongWords(`x ${long}: gone`, 100);
    // The word is 1,001 characters with its colon: 35 kept at each end.
    expect(out).toBe(`x a${"b".repeat(34)}…(931 characters)…${"b".repeat(33)}c: gone`);
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
