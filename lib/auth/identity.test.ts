/**
 * A server whose sign-in is misconfigured accepts no session. `serve` refuses to start on these problems, but plain
 * `next start` (docs/deploy.md) runs anyway, and its public sign-in page names the problem to anyone: "NEXTAUTH_SECRET
 * must be at least 32 characters" tells an attacker the secret can be guessed offline from next-auth's public CSRF
 * cookie, and a session signed with the guessed secret must not open the dashboard.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { buildAuthOptions } from "./options";
import { signedInUser } from "./identity";
import { hashPassword } from "./password";
import { readAuthSettings } from "./settings";

const dir = mkdtempSync(path.join(tmpdir(), "lpg-identity-"));
const usersFile = path.join(dir, "users.txt");

beforeAll(async () => {
  writeFileSync(usersFile, `alice:${await hashPassword("a-long-passphrase-1234")}\n`);
  vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");
  vi.stubEnv("LPG_USERS_FILE", usersFile);
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

/** alice's session cookie exactly as next-auth makes it at sign-in, signed with `secret`. */
async function aliceRequest(secret: string): Promise<NextRequest> {
  vi.stubEnv("NEXTAUTH_SECRET", secret);
  const options = buildAuthOptions(process.env);
  const provider = options.providers[0] as unknown as { options: { authorize: (c: unknown) => Promise<{ name: string } | null> } };
  const user = await provider.options.authorize({ username: "alice", password: "a-long-passphrase-1234" });
  const token = await options.callbacks!.jwt!({ token: { name: user!.name, sub: user!.name }, account: { provider: "credentials", type: "credentials", providerAccountId: "alice" }, user: user as never } as never);
  const cookie = `next-auth.session-token=${await encode({ token, secret })}`;
  return new NextRequest("http://127.0.0.1:3000/api/snapshots", { headers: { host: "127.0.0.1:3000", cookie } });
}

describe("signedInUser on a misconfigured server", () => {
  it("accepts a session when sign-in is configured well", async () => {
    const request = await aliceRequest("a-secret-of-forty-characters-0123456789");
    expect(readAuthSettings().problems).toEqual([]);
    expect(await signedInUser(request)).toMatchObject({ label: "alice", provider: "credentials" });
  });

  it("refuses every session while NEXTAUTH_SECRET is too short to keep sessions unforgeable", async () => {
    const request = await aliceRequest("changeme");
    expect(readAuthSettings().problems.join("; ")).toMatch(/NEXTAUTH_SECRET must be at least 32 characters/);
    expect(await signedInUser(request), "a session signed with a guessable secret opened the dashboard").toBeNull();
  });
});
