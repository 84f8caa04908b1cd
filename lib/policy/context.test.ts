import { describe, expect, it } from "vitest";
import { lookupContext, lowerKey, makeContext, valuesCarriedBy } from "./context";
import type { RequestContext } from "./types";

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

describe("lookupContext: keys compare case-insensitively (reference_policies_condition-keys)", () => {
  it("finds a value whatever the case of the key asked or written", () => {
    const c = makeContext({ "AWS:SourceArn": "arn:aws:sns:us-east-1:1:t", "aws:sourceaccount": ["1", "2"] }, false);
    expect(c.values).toEqual({ "aws:sourcearn": "arn:aws:sns:us-east-1:1:t", "aws:sourceaccount": ["1", "2"] });
    expect(lookupContext(c, "aws:sourcearn")).toEqual({ state: "present", value: "arn:aws:sns:us-east-1:1:t" });
    expect(lookupContext(c, "AWS:SOURCEACCOUNT")).toEqual({ state: "present", value: ["1", "2"] });
    expect(makeContext({}, true).complete).toBe(true);
    expect(makeContext({}, false).complete).toBe(false);
  });

  it("tolerates a context whose keys were not lower-cased", () => {
    const c: RequestContext = { values: { "aws:SourceVpc": "vpc-1" }, complete: false };
    expect(lookupContext(c, "aws:SourceVpc")).toEqual({ state: "present", value: "vpc-1" });
  });

  it("an empty string is a value, not a missing key", () => {
    expect(lookupContext(makeContext({ "aws:userid": "" }, false), "aws:userid")).toEqual({ state: "present", value: "" });
  });

  it("never reads a name the context object inherits as a value", () => {
    // A policy may name any key; "__proto__" or "__defineGetter__" must not find Object.prototype's members.
    for (const key of ["__proto__", "constructor", "__defineGetter__", "hasOwnProperty"]) {
      expect(lookupContext(makeContext({}, false), key).state, key).toBe("unknown");
      expect(lookupContext(makeContext({}, true), key).state, key).toBe("absent");
    }
  });

  it("lowerKey lower-cases, the same on every call", () => {
    expect(lowerKey("AWS:PrincipalTag/Team")).toBe("aws:principaltag/team");
    expect(lowerKey("AWS:PrincipalTag/Team")).toBe("aws:principaltag/team");
  });

  it("known-absent lists with only keys, or only prefixes", () => {
    const keysOnly = { ...makeContext({}, false), knownAbsent: { keys: ["aws:username"] } };
    expect(lookupContext(keysOnly, "aws:UserName").state).toBe("absent");
    expect(lookupContext(keysOnly, "aws:principaltag/x").state).toBe("unknown");
    const prefixesOnly = { ...makeContext({}, false), knownAbsent: { prefixes: ["aws:principaltag/"] } };
    expect(lookupContext(prefixesOnly, "aws:PrincipalTag/x").state).toBe("absent");
    expect(lookupContext(prefixesOnly, "aws:username").state).toBe("unknown");
    // Any one prefix is enough.
    const twoPrefixes = { ...makeContext({}, false), knownAbsent: { prefixes: ["aws:principaltag/", "aws:resourcetag/"] } };
    expect(lookupContext(twoPrefixes, "aws:ResourceTag/env").state).toBe("absent");
    expect(lookupContext(twoPrefixes, "aws:PrincipalTag/env").state).toBe("absent");
  });

  // Service authorization reference: s3:prefix is a condition key of ListBucket only.
  it("a key the action's requests never carry is absent, marked so; one they may carry stays unknown", () => {
    const c = makeContext({}, false);
    expect(lookupContext(c, "s3:prefix", "s3:GetBucketAcl")).toEqual({ state: "absent", notOfAction: true });
    expect(lookupContext(c, "s3:prefix", "s3:ListBucket")).toEqual({ state: "unknown" });
    expect(lookupContext(c, "s3:prefix")).toEqual({ state: "unknown" });
    // A complete context says absent on its own: no mark.
    expect(lookupContext(makeContext({}, true), "s3:prefix", "s3:GetBucketAcl")).toEqual({ state: "absent" });
  });
});

describe("valuesCarriedBy", () => {
  // InvokeAsync requests carry neither lambda:FunctionUrlAuthType nor lambda:InvokedViaFunctionUrl; global keys stay.
  it("leaves out the keys a request for the action never carries, without changing the values given", () => {
    const values = { "lambda:functionurlauthtype": "NONE", "aws:sourcearn": "arn:aws:s3:::b", "lambda:invokedviafunctionurl": "true" };
    expect(valuesCarriedBy("lambda:InvokeAsync", values)).toEqual({ "aws:sourcearn": "arn:aws:s3:::b" });
    expect(values).toEqual({ "lambda:functionurlauthtype": "NONE", "aws:sourcearn": "arn:aws:s3:::b", "lambda:invokedviafunctionurl": "true" });
    expect(valuesCarriedBy("lambda:InvokeFunctionUrl", { "lambda:functionurlauthtype": "NONE" })).toEqual({ "lambda:functionurlauthtype": "NONE" });
  });

  it("is the same object when nothing is left out", () => {
    const values = { "aws:sourcearn": "arn:aws:s3:::b", "lambda:functionurlauthtype": "NONE" };
    expect(valuesCarriedBy("lambda:InvokeFunctionUrl", values)).toBe(values);
    const empty = {};
    expect(valuesCarriedBy("lambda:InvokeAsync", empty)).toBe(empty);
  });
});
