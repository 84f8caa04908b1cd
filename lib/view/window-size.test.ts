import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatWindowSize, parseWindowSize } from "./window-size";

describe("the window-size cookie", () => {
  it("reads back what it wrote, for any window a screen has", () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 20_000 }), fc.integer({ min: 200, max: 20_000 }), (width, height) => {
        expect(parseWindowSize(formatWindowSize({ width, height }))).toEqual({ width, height });
      }),
    );
  });

  it("rounds a zoomed window's fractional size to whole px", () => {
    expect(formatWindowSize({ width: 1279.5, height: 799.2 })).toBe("1280x799");
  });

  it("is no size when absent, malformed or out of any screen's range", () => {
    for (const value of [undefined, "", "1280", "1280x", "x800", "1280 x 800", "-1280x800", "1280x800x2", "0x0", "150x800", "1280x99999", "1e3x800"]) {
      expect(parseWindowSize(value), String(value)).toBeNull();
    }
  });
});
