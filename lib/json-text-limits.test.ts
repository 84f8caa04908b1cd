/**
 * The scan before JSON.parse (json-text-limits.ts) gives the same answer in slices as at once, wherever a slice ends:
 * inside a string, just after a backslash, between brackets.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runToEnd } from "./steps";
import { jsonTextBeyond, jsonTextBeyondSteps } from "./json-text-limits";

const JSON_LIKE = fc.string({ unit: fc.constantFrom("[", "]", "{", "}", '"', "\\", "a", ",", ":"), maxLength: 60 });

describe("jsonTextBeyondSteps", () => {
  it("answers as jsonTextBeyond does, whatever the slice", () => {
    fc.assert(
      fc.property(JSON_LIKE, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 10 }), (text, slice, depth, containers) => {
        expect(runToEnd(jsonTextBeyondSteps(text, depth, containers, slice))).toBe(jsonTextBeyond(text, depth, containers));
      }),
    );
  });

  it("a backslash that ends a slice escapes the first character of the next", () => {
    // An escaped quote: the brackets after it are inside the string. An escaped backslash: the quote after it ends the
    // string, and the brackets are outside.
    const cases: [string, "depth" | undefined][] = [
      ['"\\"[["', undefined],
      ['"\\\\"[["', "depth"],
    ];
    for (const [text, beyond] of cases) {
      expect(jsonTextBeyond(text, 1)).toBe(beyond);
      for (let slice = 1; slice <= text.length; slice++) expect(runToEnd(jsonTextBeyondSteps(text, 1, Infinity, slice))).toBe(beyond);
    }
  });

  it("hands back a turn per slice", () => {
    const steps = [...jsonTextBeyondSteps("[1, 2, 3, 4]", 5, Infinity, 4)];
    expect(steps).toHaveLength(2);
  });
});
