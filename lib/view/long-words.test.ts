import { describe, expect, it } from "vitest";
import { shortenLongWords } from "./long-words";

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
