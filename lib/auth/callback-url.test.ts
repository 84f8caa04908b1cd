import { describe, expect, it } from "vitest";
import { callbackPathOf, safeCallbackPath, signInAnswerError, signInCallbackPath, signInHref, withFragment } from "./callback-url";

const HOSTS = ["lpg.example.com", null];

describe("safeCallbackPath", () => {
  it.each([
    ["/graph?sev=high", "/graph?sev=high"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/api/report", "/"],
    ["/signin?callbackUrl=/", "/"],
    [undefined, "/"],
  ])("%s → %s", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });
});

describe("safeCallbackPath gives a valid Location header value", () => {
  // Node refuses a header character beyond Latin-1 or DEL: the sign-in page's redirect answered a crafted link with a
  // 500 and a stack trace in the log. Encoded, the link means what the browser would have sent for it.
  it.each([
    ["/graph?q=\u3000x", "/graph?q=%E3%80%80x"],
    ["/graph?q=caf\u00e9", "/graph?q=caf%C3%A9"],
    ["/a\u2028b", "/a%E2%80%A8b"],
    ["/graph?q=a b", "/graph?q=a%20b"],
    ["/graph?q=%E3%80%80", "/graph?q=%E3%80%80"],
    ["/a\u007fb", "/"],
    ["/a\ud800b", "/"],
  ])("%s → %s", (value, expected) => {
    const path = safeCallbackPath(JSON.parse(`"${value}"`) as string);
    expect(path).toBe(expected);
    expect(path).toMatch(/^[\x21-\x7e]+$/);
  });
});

describe("signInHref", () => {
  it("carries the page to come back to, or the start page when it is not a safe path", () => {
    expect(signInHref("/graph?snapshot=x&focus=fn:a")).toBe("/signin?callbackUrl=%2Fgraph%3Fsnapshot%3Dx%26focus%3Dfn%3Aa");
    expect(signInHref("//evil.example")).toBe("/signin?callbackUrl=%2F");
  });
});

describe("callbackPathOf", () => {
  it("takes the path of an absolute URL on this server (as next-auth passes it back), never another host", () => {
    expect(callbackPathOf("https://lpg.example.com/graph?focus=x#a", HOSTS)).toBe("/graph?focus=x#a");
    expect(callbackPathOf("https://LPG.example.com/", HOSTS)).toBe("/");
    expect(callbackPathOf("https://evil.example/graph", HOSTS)).toBeNull();
    expect(callbackPathOf("javascript:alert(1)", HOSTS)).toBeNull();
    expect(callbackPathOf("https://lpg.example.com//evil.example", HOSTS)).toBeNull();
    expect(callbackPathOf("/api/scan", HOSTS)).toBeNull();
  });
});

describe("signInCallbackPath", () => {
  it("keeps a shared link through next-auth's error redirect, which drops callbackUrl but keeps its cookie", () => {
    // /signin?error=AccessDenied after a refused OAuth sign-in that started from a shared link:
    expect(signInCallbackPath({ param: undefined, cookie: "https://lpg.example.com/graph?snapshot=s&focus=fn%3Aa", ownHosts: HOSTS })).toBe(
      "/graph?snapshot=s&focus=fn%3Aa",
    );
    // /signin?callbackUrl=<absolute>&error=OAuthCallback (next-auth's own sign-in redirect):
    expect(signInCallbackPath({ param: "https://lpg.example.com/graph?sev=high", cookie: undefined, ownHosts: HOSTS })).toBe("/graph?sev=high");
  });

  it("prefers the parameter, and falls back to the start page", () => {
    expect(signInCallbackPath({ param: "/snapshots", cookie: "https://lpg.example.com/graph", ownHosts: HOSTS })).toBe("/snapshots");
    expect(signInCallbackPath({ param: undefined, cookie: "https://evil.example/graph", ownHosts: HOSTS })).toBe("/");
    expect(signInCallbackPath({ param: undefined, cookie: undefined, ownHosts: HOSTS })).toBe("/");
  });
});

describe("withFragment", () => {
  it("takes the sign-in page's fragment back to the shared link, which the server's redirect could not carry", () => {
    expect(withFragment("/graph?sev=high&node=fn%3Aa", "#can-reach")).toBe("/graph?sev=high&node=fn%3Aa#can-reach");
  });

  it("leaves a callback alone without a fragment to add, or with one of its own", () => {
    expect(withFragment("/graph?sev=high", "")).toBe("/graph?sev=high");
    expect(withFragment("/graph?sev=high", "#")).toBe("/graph?sev=high");
    expect(withFragment("/graph#mine", "#other")).toBe("/graph#mine");
  });
});

describe("signInAnswerError", () => {
  const secure = { secure: true, httpsAddress: "https://lpg.example.com" };
  const plain = { secure: false, httpsAddress: null };
  // next-auth's client answer when the browser sent no CSRF cookie back: ok, no error, and this URL.
  const noCsrfCookie = { ok: true, error: null, url: "http://lpg.example.com/api/auth/signin?csrf=true" };

  it("reads next-auth's answer to a missing CSRF cookie as a failure, not a sign-in to go on from", () => {
    // Read as success, the form went to the page asked for, which sent it back here: a loop with no word why.
    expect(signInAnswerError(noCsrfCookie, secure, false)).toContain("Open https://lpg.example.com instead");
    expect(signInAnswerError(noCsrfCookie, plain, false)).toMatch(/did not send back the sign-in cookie/);
    expect(signInAnswerError(noCsrfCookie, secure, true)).toMatch(/did not send back the sign-in cookie/);
  });

  it("lets a signed-in answer through and names a refused password", () => {
    expect(signInAnswerError({ ok: true, error: null, url: "http://127.0.0.1:3000/graph" }, plain, true)).toBeNull();
    expect(signInAnswerError({ ok: false, error: "CredentialsSignin", url: null }, plain, true)).toBe("Wrong username or password.");
    expect(signInAnswerError(undefined, plain, true)).toBe("Wrong username or password.");
  });
});
