import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { hashPasswordCommand } from "./hash-password";
import { UserError } from "../errors";

describe("hash-password", () => {
  it("says no password was read when standard input ends before a line, not that the password is too short", async () => {
    // `hash-password < /dev/null` (a CI step whose secret was not set) read as an empty password.
    const run = hashPasswordCommand({}, Readable.from([]));
    await expect(run).rejects.toThrow(UserError);
    await expect(hashPasswordCommand({}, Readable.from([]))).rejects.toThrow(
      "no password read: standard input ended before its first line (pipe the password in, or run hash-password in a terminal to type it)",
    );
  });

  it("an empty first line is a password too short, as any short one", async () => {
    await expect(hashPasswordCommand({}, Readable.from(["\n"]))).rejects.toThrow("password must be at least 12 characters");
    await expect(hashPasswordCommand({}, Readable.from(["short\n"]))).rejects.toThrow("password must be at least 12 characters");
  });
});
