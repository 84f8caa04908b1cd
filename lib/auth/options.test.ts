import { describe, expect, it, vi } from "vitest";
import type { Account, Profile, User } from "next-auth";
import { buildAuthOptions } from "./options";

const ENV = {
  NEXTAUTH_SECRET: "s".repeat(32),
  GITHUB_ID: "gh",
  GITHUB_SECRET: "x",
  GOOGLE_ID: "g",
  GOOGLE_SECRET: "x",
  OIDC_ISSUER: "https://idp.example.com",
  OIDC_CLIENT_ID: "o",
  OIDC_CLIENT_SECRET: "x",
  LPG_USERS_FILE: "/nonexistent",
  LPG_ALLOWED_DOMAINS: "example.com",
};

function signIn(provider: string, email: string | null, profile: Record<string, unknown> = {}, env: Record<string, string> = ENV) {
  const options = buildAuthOptions(env);
  return options.callbacks!.signIn!({
    user: { id: "1", email } as User,
    account: { provider, type: "oauth", providerAccountId: "1" } as Account,
    profile: profile as Profile,
  });
}

describe("buildAuthOptions", () => {
  it("configures one provider per configured method, JWT sessions and the custom sign-in page", () => {
    const o = buildAuthOptions(ENV);
    expect(o.providers.map((p) => p.id)).toEqual(["github", "google", "oidc", "credentials"]);
    expect(o.session?.strategy).toBe("jwt");
    expect(o.pages).toEqual({ signIn: "/signin", error: "/signin" });
  });

  it.each([
    ["github", "dev@example.com", {}, true],
    ["github", "dev@elsewhere.org", {}, false],
    ["github", null, {}, false], // no verified primary email
    ["google", "dev@example.com", { email_verified: true }, true],
    ["google", "dev@example.com", {}, false],
    ["oidc", "dev@example.com", { email_verified: true }, true],
    ["oidc", "dev@example.com", { email_verified: "true" }, true], // some providers send a string
    ["oidc", "dev@example.com", {}, false], // silence: the user may have typed the address (nOAuth)
    ["oidc", "dev@example.com", { email_verified: false }, false],
    ["oidc", "dev@example.com", { email_verified: "false" }, false],
    ["oidc", "dev@example.com", { xms_edov: true }, true], // Entra ID: the domain's owner verified it
    ["oidc", "dev@evil.org", { email_verified: true }, false],
  ])("%s sign-in of %s (%j) → %s", async (provider, email, profile, expected) => {
    expect(await signIn(provider, email, profile)).toBe(expected);
  });

  it("OIDC_EMAIL_TRUSTED=1 lets an OIDC provider's silence count, never its explicit false", async () => {
    const trusted = (profile: Record<string, unknown>) => signIn("oidc", "dev@example.com", profile, { ...ENV, OIDC_EMAIL_TRUSTED: "1" });
    expect(await trusted({})).toBe(true);
    expect(await trusted({ email_verified: false })).toBe(false);
    // Google's silence still counts for nothing.
    expect(await signIn("google", "dev@example.com", {})).toBe(false);
  });

  it("password users are checked by authorize(), not the allowlist; a missing users file lets nobody in", async () => {
    expect(await signIn("credentials", null)).toBe(true);
    const cred = buildAuthOptions(ENV).providers.find((p) => p.id === "credentials") as unknown as {
      options: { authorize: (c: Record<string, string>) => Promise<unknown> };
    };
    await expect(cred.options.authorize({ username: "alice", password: "whatever-password" })).resolves.toBeNull();
  });

  // Anyone can send /api/auth/signin?callbackUrl=…, which next-auth logs as it came (INVALID_CALLBACK_URL_ERROR).
  it.each([
    ["an error", new Error("Invalid callback URL. Received: \n[next-auth][error][FORGED] \u202e")],
    ["an error in a bag", { error: new Error("Received: \r\nFORGED"), providerId: "github", message: "x\nFORGED" }],
  ])("logs %s as one line, with line breaks and bidirectional overrides shown as escapes", (_name, metadata) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      buildAuthOptions(ENV).logger!.error!("INVALID_CALLBACK_URL_ERROR", metadata as Error);
      expect(logged).toHaveBeenCalledTimes(1);
      const line = logged.mock.calls[0]!.map(String).join(" ");
      expect(line).toMatch(/^\[next-auth\]\[error\]\[INVALID_CALLBACK_URL_ERROR\] .*\\n.*FORGED/);
      expect(line).not.toMatch(/[\r\n\u202e]/);
    } finally {
      logged.mockRestore();
    }
  });
});
