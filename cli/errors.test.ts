import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseOptions, shortenLongWords, UserError } from "./errors";

describe("parseOptions", () => {
  const schema = z.object({ hostName: z.string().min(1), port: z.number({ error: "--port must be a number" }).optional() });

  it("names the option of a problem whose message does not (camelCase key as its --kebab-case flag)", () => {
    expect(() => parseOptions(schema, { hostName: "" })).toThrow(UserError);
    expect(() => parseOptions(schema, { hostName: "" })).toThrow(/^--host-name: Too small/);
  });

  it("keeps a message that names its option already, and returns the parsed options", () => {
    expect(() => parseOptions(schema, { hostName: "h", port: "x" })).toThrow(/^--port must be a number$/);
    expect(parseOptions(schema, { hostName: "h" })).toEqual({ hostName: "h" });
  });
});

describe("shortenLongWords", () => {
  it("cuts only words longer than the limit, keeping both ends and saying how much was left out", () => {
    const arn = `arn:aws:iam::123456789012:role/${"r".repeat(40)}`;
    expect(shortenLongWords(`role ${arn} not found`)).toBe(`role ${arn} not found`);
    const long = `a${"b".repeat(998)}c`;
    const out = shortenLongWords(`x ${long}: gone`, 100);
    // The word is 1,001 characters with its colon: 35 kept at each end.
    expect(out).toBe(`x a${"b".repeat(34)}…(931 characters)…${"b".repeat(33)}c: gone`);
  });
});
