import { describe, expect, it } from "vitest";
import { decideAccess, isCrossSiteRequest, isLoopbackAddress, isLoopbackHost } from "./access";

describe("decideAccess with sign-in on", () => {
  const anonymous = (pathname: string) => decideAccess({ pathname, authEnabled: true, signedIn: false, host: "lpg.example.com", allowUnauthenticated: false }).kind;

  it("lets anyone read the sign-in page, its icon and robots.txt (which tells crawlers to stay out)", () => {
    for (const p of ["/signin", "/icon.svg", "/robots.txt", "/api/auth/csrf"]) expect(anonymous(p)).toBe("allow");
  });

  it("sends every other page to sign-in and refuses every other API, look-alike paths included", () => {
    for (const p of ["/", "/graph", "/robots.txt.bak", "/robots.txt/x", "/snapshots"]) expect(anonymous(p)).toBe("sign-in");
    for (const p of ["/api/report", "/api/authx", "/api/auth"]) expect(anonymous(p)).toBe("unauthorized");
  });
});

describe("loopback", () => {
  it("recognises this machine's socket addresses, in Node's forms", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of [undefined, "", "10.0.0.5", "::ffff:10.0.0.5", "fe80::1", "1127.0.0.1", "127.0.0.1.evil", "::2"]) expect(isLoopbackAddress(a)).toBe(false);
  });

  it("recognises loopback Host headers, with or without a port", () => {
    for (const h of ["localhost", "localhost:3000", "127.0.0.1:3000", "[::1]:3000"]) expect(isLoopbackHost(h)).toBe(true);
    for (const h of [null, "", "example.com", "127.0.0.1.nip.io", "10.0.0.5:3000"]) expect(isLoopbackHost(h)).toBe(false);
  });
});

describe("isCrossSiteRequest: another site's page posting to the dashboard (CSRF)", () => {
  const host = "127.0.0.1:3000";
  it.each([
    ["a form posted from another site", { method: "POST", secFetchSite: "cross-site", origin: "https://evil.example", host }, true],
    ["a no-cors fetch from another origin on the same site", { method: "POST", secFetchSite: "same-site", origin: "http://127.0.0.1:8080", host }, true],
    ["an older browser: Origin of another host", { method: "POST", secFetchSite: null, origin: "https://evil.example", host }, true],
    ["a sandboxed frame (Origin null)", { method: "DELETE", secFetchSite: null, origin: "null", host }, true],
    ["the dashboard's own upload", { method: "POST", secFetchSite: "same-origin", origin: `http://${host}`, host }, false],
    ["the dashboard's own upload behind a proxy that rewrites Host", { method: "POST", secFetchSite: "same-origin", origin: "https://lpg.example.com", host: "10.0.0.5:3000" }, false],
    ["an older browser from the dashboard itself", { method: "POST", secFetchSite: null, origin: `http://${host}`, host }, false],
    ["curl, the CLI or a test client (no browser headers)", { method: "POST", secFetchSite: null, origin: null, host }, false],
    ["a typed URL or bookmark", { method: "POST", secFetchSite: "none", origin: null, host }, false],
  ])("%s", (_name, req, expected) => {
    expect(isCrossSiteRequest(req)).toBe(expected);
  });
});

describe("isCrossSiteRequest: reads another site's page embeds (Fetch Metadata's resource isolation)", () => {
  const host = "127.0.0.1:3000";
  const read = (secFetchSite: string | null, secFetchMode: string | null, secFetchDest: string | null, method = "GET") => ({ method, secFetchSite, secFetchMode, secFetchDest, origin: null, host });
  it.each([
    ["an <img> of the PNG report on another site", read("cross-site", "no-cors", "image"), true],
    ["a fetch() from another site (timing a search)", read("cross-site", "cors", "empty"), true],
    ["a no-cors fetch from another site", read("cross-site", "no-cors", "empty"), true],
    ["a <script> from another site", read("cross-site", "no-cors", "script"), true],
    ["an <object> or <embed> from another site, though the browser calls it a navigation", read("cross-site", "navigate", "object"), true],
    ["another site's CORS preflight", read("cross-site", "cors", "empty", "OPTIONS"), true],
    ["a link to the graph from a chat message or wiki", read("cross-site", "navigate", "document"), false],
    ["the sign-in provider's redirect back (a HEAD too)", read("cross-site", "navigate", "document", "HEAD"), false],
    ["a link to the PNG report from another site", read("cross-site", "navigate", "document"), false],
    ["the dashboard's own requests", read("same-origin", "cors", "empty"), false],
    ["a wiki on the same site embedding a PNG report", read("same-site", "no-cors", "image"), false],
    ["a typed URL or bookmark", read("none", "navigate", "document"), false],
    ["curl, the CLI or a test client (no browser headers)", read(null, null, null), false],
  ])("%s", (_name, req, expected) => {
    expect(isCrossSiteRequest(req)).toBe(expected);
  });
});
