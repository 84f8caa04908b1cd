import { describe, expect, it } from "vitest";
import { recheckPlan, SAME_RETURN_MS, SESSION_RECHECK_MS, signedInAgain } from "./session-recheck";

describe("recheckPlan", () => {
  it("checks at once on the first return after the session ended", () => {
    expect(recheckPlan(null, 1_000)).toEqual({ kind: "now" });
  });

  it("checks at once when the last check is old enough", () => {
    expect(recheckPlan(10_000, 10_000 + SESSION_RECHECK_MS)).toEqual({ kind: "now" });
    expect(recheckPlan(10_000, 10_000 + 60_000)).toEqual({ kind: "now" });
  });

  it("takes focus and visibilitychange of one return as one", () => {
    expect(recheckPlan(10_000, 10_000)).toEqual({ kind: "skip" });
    expect(recheckPlan(10_000, 10_000 + SAME_RETURN_MS - 1)).toEqual({ kind: "skip" });
  });

  it("puts off a later return within the interval to its end rather than dropping it", () => {
    expect(recheckPlan(10_000, 10_000 + SAME_RETURN_MS)).toEqual({ kind: "later", inMs: SESSION_RECHECK_MS - SAME_RETURN_MS });
    expect(recheckPlan(10_000, 10_000 + SESSION_RECHECK_MS - 1)).toEqual({ kind: "later", inMs: 1 });
  });
});

describe("signedInAgain", () => {
  it("reads next-auth's answer with a user as signed in", () => {
    expect(signedInAgain({ user: { name: "carol" }, expires: "2026-12-06T20:00:00.000Z" })).toBe(true);
  });

  it("reads no session, or anything else, as still signed out", () => {
    for (const answer of [{}, null, undefined, "", { user: null }, { user: "carol" }, { expires: "x" }, []]) expect(signedInAgain(answer)).toBe(false);
  });
});
