import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseOptions, UserError } from "./errors";

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
