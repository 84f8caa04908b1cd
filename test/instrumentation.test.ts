/**
 * What a dashboard server says when it starts, however it was started: `next start` runs instrumentation.ts's
 * register, and so does `serve` (and `report`, the e2e server) through lib/http/dashboard-server.ts's app.prepare().
 * With sign-in on, an operator must hear once that the session cookies will not be `Secure`.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { register } from "@/instrumentation";
import { startMessage } from "@/cli/commands/serve";

const PASSWORDS = { LPG_USERS_FILE: "/etc/lpg/users", NEXTAUTH_SECRET: "s".repeat(32) };
const CLEARED = ["PORT", "NEXTAUTH_URL", "AUTH_URL", "AUTH_TRUST_HOST", "VERCEL", "GITHUB_ID", "GOOGLE_ID", "OIDC_ISSUER", "OIDC_CLIENT_ID", "LPG_USERS_FILE"];

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** The lines a server's start writes to its log (console.warn and console.error go to stderr) under `env`. */
function startLog(env: Record<string, string>): string[] {
  for (const name of CLEARED) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const lines: string[] = [];
  for (const level of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  }
  register();
  return lines;
}

describe("a server starting with sign-in on", () => {
  it.each([
    ["NEXTAUTH_URL unset", {}, /NEXTAUTH_URL is not set/],
    ["an http:// NEXTAUTH_URL behind a proxy", { NEXTAUTH_URL: "http://lpg.example.com" }, /NEXTAUTH_URL is http:\/\/lpg\.example\.com/],
  ])("and %s warns once that cookies will not be Secure, naming NEXTAUTH_URL", (_name, env, names) => {
    const lines = startLog({ ...PASSWORDS, ...env });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warning: sign-in cookies will not be Secure/);
    expect(lines[0]).toMatch(names);
    expect(lines[0]).toMatch(/set NEXTAUTH_URL to the https:\/\/ address/);
  });

  it.each([
    ["AUTH_TRUST_HOST", { AUTH_TRUST_HOST: "true" }],
    ["VERCEL", { VERCEL: "1" }],
  ])("with %s set and NEXTAUTH_URL unset, warns that cookies are Secure only where the proxy says https", (name, env) => {
    // next-auth then takes https from each request's X-Forwarded-Proto (lib/auth/secure-cookies.ts), not "never".
    const lines = startLog({ ...PASSWORDS, ...env });
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
    expect(startLog(env)).toEqual([]);
  });

  it("is warned once under serve too: its own start message leaves the warning to the server's start", () => {
    const lines = startLog(PASSWORDS);
    expect(lines).toHaveLength(1);
    expect(startMessage("http://127.0.0.1:3000", undefined, { ...PASSWORDS })).not.toMatch(/warning/i);
  });
});

describe("a server starting with AUTH_URL set in place of NEXTAUTH_URL", () => {
  it.each([
    ["alone", {}],
    ["with AUTH_TRUST_HOST", { AUTH_TRUST_HOST: "true" }],
  ])("%s says next-auth reads NEXTAUTH_URL, not AUTH_URL", (_name, env) => {
    // Auth.js v5's name: an operator following its documentation would otherwise be told NEXTAUTH_URL is missing
    // while sure the address is set.
    const lines = startLog({ ...PASSWORDS, AUTH_URL: "https://lpg.example.com", ...env });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/AUTH_URL is set but ignored: this next-auth reads NEXTAUTH_URL/);
  });
});

describe("a server starting with an https:// NEXTAUTH_URL on its own plain-http port", () => {
  it.each([
    ["on this machine", { NEXTAUTH_URL: "https://127.0.0.1:3000", PORT: "3000" }, /Set NEXTAUTH_URL to http:\/\/127\.0\.0\.1:3000,/],
    ["on another host", { NEXTAUTH_URL: "https://lpg.internal:3000", PORT: "3000" }, /unless a TLS proxy on another machine answers/],
    ["with https's own port", { NEXTAUTH_URL: "https://localhost", PORT: "443" }, /Set NEXTAUTH_URL to http:\/\/localhost,/],
  ])("%s warns that browsers will drop the Secure cookies over http", (_name, env, fix) => {
    // Without it, sign-in fails in a browser with no error at all: the sign-in page just comes back.
    const lines = startLog({ ...PASSWORDS, ...env });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warning: sign-in cookies will be Secure \(NEXTAUTH_URL is https:/);
    expect(lines[0]).toMatch(/over plain http/);
    expect(lines[0]).toMatch(fix);
  });

  it.each([
    ["a TLS proxy's port", { ...PASSWORDS, NEXTAUTH_URL: "https://lpg.example.com", PORT: "3000" }],
    ["a local TLS proxy's port", { ...PASSWORDS, NEXTAUTH_URL: "https://127.0.0.1:8443", PORT: "3000" }],
    ["no sign-in", { NEXTAUTH_URL: "https://127.0.0.1:3000", PORT: "3000" }],
  ])("says nothing of it when NEXTAUTH_URL names %s", (_name, env) => {
    expect(startLog(env)).toEqual([]);
  });
});
