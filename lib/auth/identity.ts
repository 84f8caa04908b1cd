/**
 * Who is asking: the decoded next-auth session token, re-checked against the current allowlist / users file.
 * Takes anything with cookies and headers (a NextRequest in proxy.ts and route handlers, or next/headers'
 * cookies in server components), so every layer uses the same check.
 */
import { getToken, type JWT } from "next-auth/jwt";
import { identityStillAllowed } from "./access";
import { readAuthSettings, type AuthSettings, type Env } from "./settings";
import { loadUsersFile } from "./users-file";
import { credentialStamp } from "./password";
import { isSignedOut } from "./signed-out";
import { cookiesSecure } from "./secure-cookies";

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
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET, secureCookie: cookiesSecure(process.env, forwardedProto(req)) });
  if (!token || !sessionStillAllowed(token, settings)) return null;
  const label = typeof token.email === "string" && token.email ? token.email : String(token.name ?? "");
  return { label, provider: String(token.provider) };
}

/** The request's X-Forwarded-Proto: a Request's or next/headers' Headers, or a Node request's header record. */
function forwardedProto(req: TokenRequest): string | null {
  const headers = req.headers as Headers | Record<string, string | string[] | undefined> | undefined;
  if (!headers) return null;
  if (typeof headers.get === "function") return (headers as Headers).get("x-forwarded-proto");
  const value = (headers as Record<string, string | string[] | undefined>)["x-forwarded-proto"];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/**
 * Whether the session `token` carries is one the app still serves: not signed out, within its 12 hours of signing
 * in, its identity still allowed (a password session: with the password it signed in with).
 */
export function sessionStillAllowed(token: JWT, settings: AuthSettings, env: Env = process.env): boolean {
  if (isSignedOut(token, env)) return false;
  const usersFile = env.LPG_USERS_FILE;
  const secret = env.NEXTAUTH_SECRET ?? "";
  return identityStillAllowed(token, settings, (name) => {
    const hash = usersFile ? loadUsersFile(usersFile).users.get(name.toLowerCase()) : undefined;
    return hash === undefined ? undefined : credentialStamp(hash, secret);
  });
}
