import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_WINDOW, formatWindowSize, parseWindowSize, requestWindowSize } from "./window-size";

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

describe("the window a request's page is drawn for", () => {
  const hints = (width?: string, height?: string) => {
    const h = new Headers();
    if (width !== undefined) h.set("Sec-CH-Viewport-Width", width);
    if (height !== undefined) h.set("Sec-CH-Viewport-Height", height);
    return h;
  };

  it("is the cookie's when there are no hints (Firefox, Safari, or an older session)", () => {
    expect(requestWindowSize("1280x800", hints())).toEqual({ width: 1280, height: 800 });
  });

  it("is the hints' on a browser's first page, before any cookie", () => {
    expect(requestWindowSize(undefined, hints("1024", "768"))).toEqual({ width: 1024, height: 768 });
  });

  it("is the cookie's when both are sent: it was measured after layout", () => {
    expect(requestWindowSize("1280x800", hints("1024", "768"))).toEqual({ width: 1280, height: 800 });
  });

  it("falls back on the hints when the cookie is garbage", () => {
    expect(requestWindowSize("nonsense", hints("1920", "1080"))).toEqual({ width: 1920, height: 1080 });
  });

  it("keeps the default height for a width without a usable height", () => {
    expect(requestWindowSize(undefined, hints("1024"))).toEqual({ width: 1024, height: DEFAULT_WINDOW.height });
    expect(requestWindowSize(undefined, hints("1024", "12"))).toEqual({ width: 1024, height: DEFAULT_WINDOW.height });
  });

  it("is none when neither says a size a window has", () => {
    expect(requestWindowSize(undefined, hints())).toBeNull();
    for (const width of ["", "abc", "-1024", "1024.5", "1e3", "1024, 1024", "0", "150", "99999", "123456"]) {
      expect(requestWindowSize("0x0", hints(width, "768")), JSON.stringify(width)).toBeNull();
    }
    expect(requestWindowSize(undefined, hints(undefined, "768"))).toBeNull();
  });

  it("reads any hinted width a screen has", () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 20_000 }), fc.integer({ min: 200, max: 20_000 }), (width, height) => {
        expect(requestWindowSize(undefined, hints(String(width), String(height)))).toEqual({ width, height });
      }),
    );
  });
});
