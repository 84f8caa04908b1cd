/**
 * A password session ends when the password changes: an admin who resets a leaked password (a new hash in
 * LPG_USERS_FILE, or the line deleted and added back with one) must not leave the old sessions valid for their
 * 12 hours. The token carries a keyed stamp of the hash it signed in against (never the hash).
 */
import { mkdtempSync, rmSync, writeFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { buildAuthOptions } from "./options";
import { signedInUser } from "./identity";
import { hashPassword } from "./password";

const SECRET = "audit-secret-0123456789-abcdefghijklmnop";
const dir = mkdtempSync(path.join(tmpdir(), "lpg-audit-revoke-"));
const usersFile = path.join(dir, "users.txt");

beforeAll(() => {
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");
  vi.stubEnv("LPG_USERS_FILE", usersFile);
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("password change revokes sessions", () => {
  it("a session signed in with the old password is refused once the user's hash is replaced", async () => {
    writeFileSync(usersFile, `alice:${await hashPassword("old-password-1234")}\n`);
    const options = buildAuthOptions(process.env);
    const provider = options.providers[0] as unknown as { options: { authorize: (c: unknown) => Promise<{ name: string } | null> } };
    const user = await provider.options.authorize({ username: "alice", password: "old-password-1234" });
    expect(user?.name).toBe("alice");
    // The token exactly as next-auth builds it at sign-in (jwt callback with the account).
    const token = await options.callbacks!.jwt!({ token: { name: user!.name, sub: user!.name }, account: { provider: "credentials", type: "credentials", providerAccountId: "alice" }, user: user as never } as never);
    const cookie = `next-auth.session-token=${await encode({ token, secret: SECRET })}`;
    const request = () => new NextRequest("http://127.0.0.1:3000/api/snapshots", { headers: { host: "127.0.0.1:3000", cookie } });
    expect(await signedInUser(request())).not.toBeNull();

    // The admin resets the password (the old one leaked).
    writeFileSync(usersFile, `alice:${await hashPassword("new-password-5678")}\n`);
    const later = new Date(Date.now() + 5000);
    utimesSync(usersFile, later, later);
    expect(await signedInUser(request()), "the old session is still accepted after the password change").toBeNull();
    // The token holds a stamp, not the hash.
    expect(JSON.stringify(token)).not.toContain("scrypt$");

    // Signed in again with the new password: accepted.
    const again = await provider.options.authorize({ username: "alice", password: "new-password-5678" });
    const fresh = await options.callbacks!.jwt!({ token: { name: again!.name, sub: again!.name }, account: { provider: "credentials", type: "credentials", providerAccountId: "alice" }, user: again as never } as never);
    const freshCookie = `next-auth.session-token=${await encode({ token: fresh, secret: SECRET })}`;
    expect(await signedInUser(new NextRequest("http://127.0.0.1:3000/api/snapshots", { headers: { host: "127.0.0.1:3000", cookie: freshCookie } }))).not.toBeNull();

    // A password token without a stamp (made before sessions were tied to the hash) is refused.
    const unstamped = `next-auth.session-token=${await encode({ token: { name: "alice", sub: "alice", provider: "credentials", signedInAt: Math.floor(Date.now() / 1000) }, secret: SECRET })}`;
    expect(await signedInUser(new NextRequest("http://127.0.0.1:3000/api/snapshots", { headers: { host: "127.0.0.1:3000", cookie: unstamped } }))).toBeNull();
  }, 20_000);
});
