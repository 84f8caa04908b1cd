import { describe, expect, it } from "vitest";
import { failurePlace } from "./failure-place";

const failed = { message: "the server answered 431", signedOut: false };

describe("failurePlace", () => {
  it("says a failure while the picked node has no details in the panel only", () => {
    expect(failurePlace(failed, "fn:a", undefined)).toEqual({ view: null, details: failed });
    expect(failurePlace(failed, "fn:a", "fn:b")).toEqual({ view: null, details: failed });
  });

  it("says a failed redraw, with no node or with its details already shown, in the banner only", () => {
    expect(failurePlace(failed, null, undefined)).toEqual({ view: failed, details: null });
    expect(failurePlace(failed, null, "fn:a")).toEqual({ view: failed, details: null });
    expect(failurePlace(failed, "fn:a", "fn:a")).toEqual({ view: failed, details: null });
  });

  it("says nothing when nothing failed", () => {
    expect(failurePlace(null, "fn:a", undefined)).toEqual({ view: null, details: null });
  });
});
