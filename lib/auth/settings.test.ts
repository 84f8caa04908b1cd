import { describe, expect, it } from "vitest";
import { emailAllowed, readAuthSettings } from "./settings";

const SECRET = { NEXTAUTH_SECRET: "s".repeat(32) };

describe("auth settings from the environment", () => {
  it("no provider: local mode, no problems", () => {
    expect(readAuthSettings({})).toMatchObject({ enabled: false, providers: [], problems: [] });
  });

  it("each provider is enabled by its variables", () => {
    const s = readAuthSettings({
      ...SECRET,
      GITHUB_ID: "id",
      GITHUB_SECRET: "x",
      GOOGLE_ID: "id",
      GOOGLE_SECRET: "x",
      OIDC_ISSUER: "https://idp.example.com/realms/x",
      OIDC_CLIENT_ID: "id",
      OIDC_CLIENT_SECRET: "x",
      OIDC_NAME: "Keycloak",
      NEXTAUTH_URL: "https://lpg.example.com",
      LPG_USERS_FILE: "/etc/lpg/users",
      LPG_ALLOWED_DOMAINS: "@Example.com, corp.example",
      LPG_ALLOWED_EMAILS: "Alice@Other.org",
    });
    expect(s).toMatchObject({
      enabled: true,
      providers: ["github", "google", "oidc", "credentials"],
      allowedDomains: ["example.com", "corp.example"],
      allowedEmails: ["alice@other.org"],
      oidcName: "Keycloak",
      problems: [],
    });
  });

  it.each([
    [{ GITHUB_ID: "id", GITHUB_SECRET: "x", LPG_ALLOWED_DOMAINS: "example.com" }, /NEXTAUTH_SECRET must be set/],
    [{ ...SECRET, GITHUB_ID: "id", LPG_ALLOWED_DOMAINS: "example.com" }, /GITHUB_ID and GITHUB_SECRET must both be set/],
    [{ ...SECRET, GOOGLE_ID: "id", GOOGLE_SECRET: "x" }, /google sign-in needs LPG_ALLOWED_EMAILS or LPG_ALLOWED_DOMAINS/],
    [{ ...SECRET, OIDC_ISSUER: "https://idp.example.com", LPG_ALLOWED_DOMAINS: "example.com" }, /OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/],
    [{ ...SECRET, OIDC_ISSUER: "http://idp.example.com", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b", LPG_ALLOWED_DOMAINS: "x.org" }, /https:\/\//],
    // Plain http is for an issuer on this machine only: a loopback address as a URL's userinfo is not its host.
    [{ ...SECRET, OIDC_ISSUER: "http://127.0.0.1:@idp.example.com", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b", LPG_ALLOWED_DOMAINS: "x.org" }, /OIDC_ISSUER must be an https:\/\//],
    [{ ...SECRET, OIDC_ISSUER: "http://localhost:x@idp.example.com/realms/x", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b", LPG_ALLOWED_DOMAINS: "x.org" }, /OIDC_ISSUER must be an https:\/\//],
    [{ ...SECRET, GITHUB_ID: "id", GITHUB_SECRET: "x", LPG_ALLOWED_DOMAINS: "example.com" }, /NEXTAUTH_URL must be the address users open.*\(github sign-in returns there\)/],
    [{ ...SECRET, LPG_USERS_FILE: "/x", NEXTAUTH_URL: "lpg.example.com" }, /NEXTAUTH_URL must be the address users open/],
    // next-auth's CSRF cookie, handed to anyone, is sha256(token + secret): a short secret is guessed offline.
    [{ NEXTAUTH_SECRET: "changeme", LPG_USERS_FILE: "/x" }, /NEXTAUTH_SECRET must be at least 32 characters/],
    [{ NEXTAUTH_SECRET: "s".repeat(31), GITHUB_ID: "id", GITHUB_SECRET: "x", LPG_ALLOWED_DOMAINS: "example.com", NEXTAUTH_URL: "https://lpg.example.com" }, /NEXTAUTH_SECRET must be at least 32 characters/],
  ])("misconfiguration is reported: %j", (env, message) => {
    const s = readAuthSettings(env);
    expect(s.enabled).toBe(true); // a half-configured provider still means "auth intended": never fall back to open
    expect(s.problems.join("; ")).toMatch(message);
  });

  it("an OIDC issuer on this machine may be plain http (a test's stand-in)", () => {
    for (const issuer of ["http://127.0.0.1:4567", "http://localhost:4567/realms/x", "https://idp.example.com"]) {
      const s = readAuthSettings({ ...SECRET, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b", LPG_ALLOWED_DOMAINS: "x.org", NEXTAUTH_URL: "http://127.0.0.1:3000" });
      expect(s.problems, issuer).toEqual([]);
    }
  });

  it("password users alone need no allowlist (the users file is the list), nor NEXTAUTH_URL (the forms return by path)", () => {
    expect(readAuthSettings({ ...SECRET, LPG_USERS_FILE: "/x" }).problems).toEqual([]);
    expect(readAuthSettings({ ...SECRET, LPG_USERS_FILE: "/x", NEXTAUTH_URL: "http://127.0.0.1:3000/lpg" }).problems).toEqual([]);
  });
});

describe("emailAllowed", () => {
  const list = { allowedEmails: ["alice@other.org"], allowedDomains: ["example.com"] };
  it.each([
    ["bob@example.com", true],
    ["BOB@EXAMPLE.COM", true],
    ["alice@other.org", true],
    ["mallory@other.org", false],
    ["bob@sub.example.com", false],
    ["bob@example.com.evil.org", false],
    ["bob@evil.org@example.com", false], // one "@" only: no guessing which part is the domain
    ["example.com", false],
    ["@example.com", false],
    ["", false],
    [null, false],
  ])("%s → %s", (email, expected) => {
    expect(emailAllowed(email, list)).toBe(expected);
  });
});
