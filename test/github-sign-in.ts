/**
 * Carol signing in through GitHub, as the auth tests need it: the environment of a GitHub-only setup that allows her,
 * and the token next-auth's jwt callback builds at sign-in (the call with the account), which is where the app
 * records the sign-in time.
 */
import { vi } from "vitest";
import type { JWT } from "next-auth/jwt";

export function stubGitHubSignIn(secret: string, origin = "http://127.0.0.1:3000"): void {
  vi.stubEnv("NEXTAUTH_SECRET", secret);
  vi.stubEnv("NEXTAUTH_URL", origin);
  vi.stubEnv("GITHUB_ID", "id");
  vi.stubEnv("GITHUB_SECRET", "secret");
  vi.stubEnv("LPG_ALLOWED_EMAILS", "carol@example.com");
  vi.stubEnv("LPG_USERS_FILE", "");
}

export async function signInToken(extra: Partial<JWT> = {}): Promise<JWT> {
  // Imported when called: a test may need to set up next/headers before the auth options load.
  const { buildAuthOptions } = await import("@/lib/auth/options");
  return (await buildAuthOptions(process.env).callbacks!.jwt!({
    token: { email: "carol@example.com", sub: "1", ...extra },
    account: { provider: "github", type: "oauth", providerAccountId: "1" },
    user: { id: "1", email: "carol@example.com" },
  } as never)) as JWT;
}
