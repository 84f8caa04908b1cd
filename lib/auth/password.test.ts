import { describe, expect, it } from "vitest";
import { credentialStamp, hashPassword, isPasswordHash, verifyPassword } from "./password";

const FAST = { logN: 10, r: 8, p: 1 }; // real default is 2^15; the format and checks are the same

describe("password hashes (scrypt)", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery staple", FAST);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("same password", FAST), hashPassword("same password", FAST)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("uses the parameters stored in the hash (default 2^15)", async () => {
    const hash = await hashPassword("default parameters");
    expect(hash.startsWith("scrypt$15$8$1$")).toBe(true);
    expect(await verifyPassword("default parameters", hash)).toBe(true);
  });

  it.each([
    ["plain text", "hunter2hunter2"],
    ["other scheme", "$2b$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234"],
    ["N too large (memory bomb)", "scrypt$30$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["N too small", "scrypt$4$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["truncated key", "scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA"],
  ])("rejects a malformed hash (%s) without throwing", async (_name, hash) => {
    expect(isPasswordHash(hash)).toBe(false);
    expect(await verifyPassword("anything", hash)).toBe(false);
  });

  it("refuses to hash an empty password", async () => {
    await expect(hashPassword("")).rejects.toThrow(/empty/);
  });

  it("a session's credential stamp is keyed: without NEXTAUTH_SECRET, a hash (from a leaked users file) does not give it", async () => {
    const hash = await hashPassword("correct horse battery staple", FAST);
    const stamp = credentialStamp(hash, "secret-one");
    expect(stamp).toBe(credentialStamp(hash, "secret-one"));
    expect(stamp).not.toBe(credentialStamp(hash, "secret-two"));
    // 22 base64url characters (132 bits): not guessable, and nothing of the hash itself.
    expect(stamp).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(hash).not.toContain(stamp);
    // A new hash (the password changed) is a new stamp.
    expect(credentialStamp(await hashPassword("correct horse battery staple", FAST), "secret-one")).not.toBe(stamp);
  });
});

