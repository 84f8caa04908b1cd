import { describe, expect, it } from "vitest";
import { lookupContext, makeContext } from "./context";

describe("lookupContext", () => {
  const known = { keys: ["aws:username"], prefixes: ["aws:principaltag/"] };

  it("a missing key is unknown, or absent when the context is complete", () => {
    expect(lookupContext(makeContext({}, false), "aws:SourceIp").state).toBe("unknown");
    expect(lookupContext(makeContext({}, true), "aws:SourceIp").state).toBe("absent");
  });

  it("keys listed as known-absent (exactly or by prefix, any case) are absent even in an incomplete context", () => {
    const c = { ...makeContext({ "aws:PrincipalTag/team": "blue" }, false), knownAbsent: known };
    expect(lookupContext(c, "AWS:UserName").state).toBe("absent");
    expect(lookupContext(c, "aws:PrincipalTag/Owner").state).toBe("absent");
    expect(lookupContext(c, "aws:principaltag/TEAM")).toEqual({ state: "present", value: "blue" });
    expect(lookupContext(c, "aws:usernameX").state).toBe("unknown");
    expect(lookupContext(c, "aws:SourceIdentity").state).toBe("unknown");
  });
});
