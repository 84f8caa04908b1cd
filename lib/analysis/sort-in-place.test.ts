import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sortInPlace } from "./sort-in-place";

describe("sortInPlace", () => {
  it("gives what Array.prototype.sort gives (stable), short and long lists (fast-check)", () => {
    // Pairs compared by key only, so stability shows in the order of equal keys.
    const item = fc.record({ key: fc.constantFrom("a", "b", "B", "c", "s3", "sqs"), n: fc.nat() });
    const byKey = (x: { key: string }, y: { key: string }) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (list) => {
        const expected = [...list].sort(byKey);
        const copy = [...list];
        expect(sortInPlace(copy, byKey)).toBe(copy);
        expect(copy).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
