/**
 * Who is asking: the decoded next-auth session token, re-checked against the current allowlist / users file.
 * Takes anything with cookies and headers (a NextRequest in proxy.ts and route handlers, or next/headers'
 * cookies in server components), so every layer uses the same check.
 */
import { getToken } from "next-auth/jwt";
import { identityStillAllowed } from "./access";
import { readAuthSettings, type AuthSettings } from "./settings";
import { loadUsersFile } from "./users-file";
import { credentialStamp } from "./password";
import { isSignedOut } from "./signed-out";

export interface SignedInUser {
  /** Email for OAuth/OIDC users, the username for password users. */
  label: string;
  provider: string;
}

type TokenRequest = Parameters<typeof getToken>[0]["req"];

export async function signedInUser(req: TokenRequest, settings: AuthSettings = readAuthSettings()): Promise<SignedInUser | null> {
  // Fail closed on a misconfiguration `serve` would refuse to start with: plain `next start` runs anyway, and its
  // sign-in page names the problem to anyone (a short NEXTAUTH_SECRET can be guessed offline and sessions forged).
  if (!settings.enabled || settings.problems.length || !process.env.NEXTAUTH_SECRET) return null;
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  if (!token || isSignedOut(token)) return null;
  const usersFile = process.env.LPG_USERS_FILE;
  const secret = process.env.NEXTAUTH_SECRET;
  const ok = identityStillAllowed(token, settings, (name) => {
    const hash = usersFile ? loadUsersFile(usersFile).users.get(name.toLowerCase()) : undefined;
    return hash === undefined ? undefined : credentialStamp(hash, secret);
  });
  if (!ok) return null;
  const label = typeof token.email === "string" && token.email ? token.email : String(token.name ?? "");
  return { label, provider: String(token.provider) };
}
