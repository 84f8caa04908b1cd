import { describe, expect, it } from "vitest";
import { formatOverlayChoice, parseOverlayChoice } from "./overlay-choice";

describe("the user's overlay choice cookie", () => {
  it("round-trips each panel's state and leaves an unchosen panel out", () => {
    for (const choice of [{}, { legend: false }, { minimap: true }, { legend: true, minimap: false }]) {
      expect(parseOverlayChoice(formatOverlayChoice(choice))).toEqual(choice);
    }
    expect(formatOverlayChoice({ legend: false, minimap: true })).toBe("legend=closed&minimap=open");
  });

  it("ignores what it does not know: a missing cookie, other keys, other values", () => {
    expect(parseOverlayChoice(undefined)).toEqual({});
    expect(parseOverlayChoice("legend=maybe&minimap=open&x=closed")).toEqual({ minimap: true });
    expect(parseOverlayChoice("%%%")).toEqual({});
  });
});
