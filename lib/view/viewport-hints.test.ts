import { describe, expect, it } from "vitest";
import { viewportHintHeaders } from "./viewport-hints";

const HINTS = "Sec-CH-Viewport-Width, Sec-CH-Viewport-Height";

describe("the headers asking for the window's size", () => {
  it("ask on every page, so any first page makes the browser send them on the next", () => {
    for (const pathname of ["/", "/findings", "/snapshots", "/signin"]) {
      expect(viewportHintHeaders({ pathname, print: null, windowCookie: undefined }), pathname).toEqual({ acceptCh: HINTS });
    }
  });

  it("make a browser's first graph page, with no cookie, be asked again at once with the hints", () => {
    expect(viewportHintHeaders({ pathname: "/graph", print: null, windowCookie: undefined })).toEqual({ acceptCh: HINTS, criticalCh: HINTS });
    // A cookie no window has is no cookie: the hints decide the drawing.
    expect(viewportHintHeaders({ pathname: "/graph", print: null, windowCookie: "garbage" }).criticalCh).toBe(HINTS);
  });

  it("spare the round trip where the hints would change nothing: a window cookie, or the PNG report's print mode", () => {
    expect(viewportHintHeaders({ pathname: "/graph", print: null, windowCookie: "1280x800" })).toEqual({ acceptCh: HINTS });
    expect(viewportHintHeaders({ pathname: "/graph", print: "1", windowCookie: undefined })).toEqual({ acceptCh: HINTS });
  });
});
