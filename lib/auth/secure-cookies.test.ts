/**
 * The session cookie next-auth sets at sign-in is the one the app reads back, under every environment that decides
 * its name: NEXTAUTH_URL https/http/unset × AUTH_TRUST_HOST (or VERCEL) set/unset × a request that came over https
 * (X-Forwarded-Proto from a TLS proxy) or plain http. Signs in through the real route handler (next-auth's own code
 * picks the name), then asks the real proxy. With AUTH_TRUST_HOST and no NEXTAUTH_URL next-auth named the cookie
 * `__Secure-…` over https while the app looked for `next-auth.session-token`: nobody could stay signed in.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answerNextHeadersFrom } from "@/test/next-headers-from";
import { useDataDir } from "@/test/data-dir";
import { hashPassword } from "./password";
import { cookiesSecure, droppedCookiesMessage, sessionCookieName, signInCookieHint } from "./secure-cookies";

const SECRET = "cookie-name-secret-0123456789-abcdefghijk";
const PASSWORD = "correct horse battery";
const HOST = "127.0.0.1:3000";
const dir = useDataDir("lpg-cookie-name-");

const current: { req: Request | null } = { req: null };
let restoreNextHeaders = () => {};
let route: typeof import("@/app/api/auth/[...nextauth]/route");
let proxy: typeof import("@/proxy").proxy;

interface Row {
  NEXTAUTH_URL?: string;
  /** Auth.js v5's name for NEXTAUTH_URL, which an operator may set from its documentation: this next-auth ignores it. */
  AUTH_URL?: string;
  AUTH_TRUST_HOST?: string;
  VERCEL?: string;
  /** X-Forwarded-Proto as next-auth's route sees it: Next's server sets `http` for a plain socket when none came. */
  proto: "http" | "https";
}

const ROWS: Row[] = [];
for (const NEXTAUTH_URL of ["https://lpg.example.com", "http://127.0.0.1:3000", undefined]) {
  for (const trust of [{ AUTH_TRUST_HOST: "true" }, { VERCEL: "1" }, {}]) {
    for (const proto of ["http", "https"] as const) ROWS.push({ NEXTAUTH_URL, ...trust, proto });
  }
}
for (const proto of ["http", "https"] as const) ROWS.push({ AUTH_URL: "https://lpg.example.com", AUTH_TRUST_HOST: "true", proto });
const label = (r: Row) =>
  `NEXTAUTH_URL=${r.NEXTAUTH_URL ?? "(unset)"}${r.AUTH_URL ? ` AUTH_URL=${r.AUTH_URL}` : ""}${r.AUTH_TRUST_HOST ? " AUTH_TRUST_HOST" : ""}${r.VERCEL ? " VERCEL" : ""} over ${r.proto}`;
// One user per row: each has its own sign-in budget (options.ts), which the rows together would spend.
const user = (i: number) => `user${i}`;

beforeAll(async () => {
  const hash = await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 });
  writeFileSync(join(dir, "users"), ROWS.map((_, i) => `${user(i)}:${hash}`).join("\n"));
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("LPG_USERS_FILE", join(dir, "users"));
  for (const name of ["GITHUB_ID", "GOOGLE_ID", "OIDC_ISSUER", "LPG_ALLOW_UNAUTHENTICATED"]) vi.stubEnv(name, undefined);
  restoreNextHeaders = answerNextHeadersFrom(() => current.req);
  route = await import("@/app/api/auth/[...nextauth]/route");
  ({ proxy } = await import("@/proxy"));
});
afterAll(() => {
  restoreNextHeaders();
  vi.unstubAllEnvs();
});

/** The cookies a response sets, by name: value and attributes. */
function setCookies(res: Response): Map<string, { value: string; attributes: string }> {
  return new Map(
    res.headers.getSetCookie().map((line) => {
      const [pair = "", ...attributes] = line.split(/;\s*/);
      return [pair.slice(0, pair.indexOf("=")), { value: pair.slice(pair.indexOf("=") + 1), attributes: attributes.join("; ") }];
    }),
  );
}

async function callRoute(method: "GET" | "POST", segments: string[], row: Row, cookie: string, body?: URLSearchParams) {
  const headers: Record<string, string> = { host: HOST, "x-forwarded-proto": row.proto, cookie };
  if (body) headers["content-type"] = "application/x-www-form-urlencoded";
  const req = new NextRequest(`http://${HOST}/api/auth/${segments.join("/")}`, { method, headers, body });
  current.req = req;
  return (await route[method](req, { params: Promise.resolve({ nextauth: segments }) })) as Response;
}

/** Signs `username` in through next-auth's route as a browser does (CSRF token, then the form): the cookies set. */
async function signIn(row: Row, username: string) {
  const csrf = await callRoute("GET", ["csrf"], row, "");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = [...setCookies(csrf)].map(([name, c]) => `${name}=${c.value}`).join("; ");
  const form = new URLSearchParams({ csrfToken, username, password: PASSWORD, json: "true" });
  const res = await callRoute("POST", ["callback", "credentials"], row, jar, form);
  expect(res.status, await res.clone().text()).toBe(200);
  return setCookies(res);
}

describe("the session cookie next-auth sets is the one the app reads", () => {
  it.each(ROWS.map((row, i) => [label(row), row, i] as const))("%s", async (_label, row, i) => {
    for (const name of ["NEXTAUTH_URL", "AUTH_URL", "AUTH_TRUST_HOST", "VERCEL"] as const) vi.stubEnv(name, row[name]);
    const set = await signIn(row, user(i));
    const sessions = [...set.keys()].filter((name) => name.endsWith("next-auth.session-token"));
    const secure = cookiesSecure(process.env, row.proto);
    expect(sessions, "next-auth's cookie name differs from the app's rule").toEqual([sessionCookieName(secure)]);
    const session = set.get(sessionCookieName(secure))!;
    expect(/(^|; )Secure(;|$)/i.test(session.attributes)).toBe(secure);

    const page = new NextRequest(`http://${HOST}/api/report`, {
      headers: { host: HOST, "x-forwarded-proto": row.proto, cookie: `${sessionCookieName(secure)}=${session.value}` },
    });
    const res = await proxy(page);
    expect(res.headers.get("x-middleware-next"), `the proxy refused the session (${res.status})`).toBe("1");
  });
});

describe("cookiesSecure", () => {
  it("reads a request without X-Forwarded-Proto as Next fills it in for serve's plain-http socket", () => {
    expect(cookiesSecure({ AUTH_TRUST_HOST: "1" })).toBe(false);
    expect(cookiesSecure({ AUTH_TRUST_HOST: "1" }, "https")).toBe(true);
  });

  it("without X-Forwarded-Proto (a TLS proxy that does not send it) follows NEXTAUTH_URL, as next-auth does", () => {
    // next-auth reads no request header when NEXTAUTH_URL is set (utils/detect-origin.js), so neither does the app.
    expect(cookiesSecure({ NEXTAUTH_URL: "https://lpg.example.com" })).toBe(true);
    expect(cookiesSecure({ NEXTAUTH_URL: "https://lpg.example.com", AUTH_TRUST_HOST: "1" })).toBe(true);
    expect(cookiesSecure({ NEXTAUTH_URL: "http://lpg.example.com", AUTH_TRUST_HOST: "1" })).toBe(false);
    // AUTH_URL is Auth.js v5's: next-auth 4 names its cookie without it (the sign-in rows above), so the app does too.
    expect(cookiesSecure({ AUTH_URL: "https://lpg.example.com", AUTH_TRUST_HOST: "1" })).toBe(false);
  });

  it("follows NEXTAUTH_URL over the request, and an empty VERCEL as next-auth does (it trusts no request then)", () => {
    expect(cookiesSecure({ NEXTAUTH_URL: "http://lpg.example.com", AUTH_TRUST_HOST: "1" }, "https")).toBe(false);
    expect(cookiesSecure({ NEXTAUTH_URL: "https://lpg.example.com", AUTH_TRUST_HOST: "1" }, "http")).toBe(true);
    expect(cookiesSecure({ VERCEL: "", AUTH_TRUST_HOST: "1" }, "https")).toBe(false);
  });
});

describe("the sign-in page's word on cookies a browser will drop", () => {
  const secureHint = signInCookieHint({ NEXTAUTH_URL: "https://lpg.example.com/" }, "http");

  it("tells a visitor on an http:// page to open the https address, since Secure cookies are dropped there", () => {
    expect(secureHint).toEqual({ secure: true, httpsAddress: "https://lpg.example.com" });
    const message = droppedCookiesMessage(secureHint, false);
    expect(message).toMatch(/browsers keep those only over https/);
    expect(message).toContain("Open https://lpg.example.com instead");
  });

  it("says nothing where the browser keeps them (https, or localhost) or the cookies are not Secure", () => {
    expect(droppedCookiesMessage(secureHint, true)).toBeNull();
    expect(droppedCookiesMessage(signInCookieHint({ NEXTAUTH_URL: "http://127.0.0.1:3000" }, "http"), false)).toBeNull();
  });

  it("names no address it does not know (AUTH_TRUST_HOST and a proxy saying https)", () => {
    const hint = signInCookieHint({ AUTH_TRUST_HOST: "1" }, "https");
    expect(hint).toEqual({ secure: true, httpsAddress: null });
    expect(droppedCookiesMessage(hint, false)).toContain("Open this dashboard's https:// address instead");
  });
});
