import { describe, expect, it } from "vitest";
import { serveRefusal, startMessage } from "./commands/serve";

describe("serve: where it may listen", () => {
  it.each([
    ["127.0.0.1", {}, null],
    ["localhost", {}, null],
    ["::1", {}, null],
    ["0.0.0.0", {}, /refusing to listen on 0.0.0.0 without sign-in.*LPG_ALLOW_UNAUTHENTICATED=1/],
    ["192.168.1.5", {}, /refusing/],
    ["0.0.0.0", { LPG_ALLOW_UNAUTHENTICATED: "1" }, null],
    ["0.0.0.0", { LPG_USERS_FILE: "/etc/lpg/users", NEXTAUTH_SECRET: "s".repeat(32) }, null],
    ["0.0.0.0", { LPG_USERS_FILE: "/etc/lpg/users" }, /misconfigured: NEXTAUTH_SECRET must be set/],
    ["127.0.0.1", { GITHUB_ID: "id", GITHUB_SECRET: "x", NEXTAUTH_SECRET: "s".repeat(32) }, /github sign-in needs LPG_ALLOWED_EMAILS/],
    ["0.0.0.0", { LPG_USERS_FILE: "/etc/lpg/users", NEXTAUTH_SECRET: "s".repeat(32), LPG_TRUSTED_PROXY_HOPS: "1" }, null],
    ["0.0.0.0", { LPG_USERS_FILE: "/etc/lpg/users", NEXTAUTH_SECRET: "s".repeat(32), LPG_TRUSTED_PROXY_HOPS: "yes" }, /misconfigured: LPG_TRUSTED_PROXY_HOPS must be a whole number/],
  ])("--host %s with %j", (host, env, expected) => {
    const refusal = serveRefusal(host, env);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});

describe("serve: what it says at start", () => {
  const PASSWORDS = { LPG_USERS_FILE: "/etc/lpg/users", NEXTAUTH_SECRET: "s".repeat(32) };
  const warnings = (env: Record<string, string>) => startMessage("http://127.0.0.1:3000", undefined, env).split("\n").filter((l) => /warning/i.test(l));

  it.each([
    ["NEXTAUTH_URL unset", {}, /NEXTAUTH_URL is not set/],
    ["an http:// NEXTAUTH_URL behind a proxy", { NEXTAUTH_URL: "http://lpg.example.com" }, /NEXTAUTH_URL is http:\/\/lpg\.example\.com/],
  ])("with sign-in on and %s, warns once that cookies will not be Secure, naming NEXTAUTH_URL", (_name, env, names) => {
    const lines = warnings({ ...PASSWORDS, ...env });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cookies will not be Secure/);
    expect(lines[0]).toMatch(names);
    expect(lines[0]).toMatch(/set NEXTAUTH_URL to the https:\/\/ address/);
  });

  it.each([
    ["AUTH_TRUST_HOST", { AUTH_TRUST_HOST: "true" }],
    ["VERCEL", { VERCEL: "1" }],
  ])("with sign-in on, %s set and NEXTAUTH_URL unset, warns that cookies are Secure only where the proxy says https", (name, env) => {
    // next-auth then takes https from each request's X-Forwarded-Proto (lib/auth/secure-cookies.ts), not "never".
    const lines = warnings({ ...PASSWORDS, ...env });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Secure only on requests whose X-Forwarded-Proto is https/);
    expect(lines[0]).toContain(`${name} is set`);
    expect(lines[0]).not.toMatch(/will not be Secure/);
  });

  it.each([
    ["an https:// NEXTAUTH_URL (cookies are Secure)", { ...PASSWORDS, NEXTAUTH_URL: "https://lpg.example.com" }],
    ["an http:// NEXTAUTH_URL on this machine", { ...PASSWORDS, NEXTAUTH_URL: "http://127.0.0.1:3000" }],
    ["an http://localhost NEXTAUTH_URL", { ...PASSWORDS, NEXTAUTH_URL: "http://localhost:3000/" }],
    ["an http:// NEXTAUTH_URL on this machine and AUTH_TRUST_HOST (next-auth follows NEXTAUTH_URL)", { ...PASSWORDS, NEXTAUTH_URL: "http://127.0.0.1:3000", AUTH_TRUST_HOST: "true" }],
    ["no sign-in (local mode has no session cookie)", {}],
  ])("says nothing of cookies with %s", (_name, env) => {
    expect(warnings(env)).toEqual([]);
  });

  it("still names the mode", () => {
    expect(startMessage("http://127.0.0.1:3000", "snap.json", PASSWORDS)).toMatch(/^Dashboard on http:\/\/127\.0\.0\.1:3000 showing snap\.json, sign-in: credentials \(Ctrl\+C stops it\)\n/);
  });
});
