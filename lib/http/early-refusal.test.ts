import { describe, expect, it, vi } from "vitest";
import { LOCAL_ONLY_MESSAGE } from "@/lib/auth/access";
import { announcedBody, earlyRefusal, type EarlyContext, type EarlyRequest } from "./early-refusal";

const MB = 1024 * 1024;

function ctx(over: Partial<EarlyContext> = {}): EarlyContext {
  return { bodyLimit: 51 * MB, authEnabled: true, allowUnauthenticated: false, signedIn: async () => false, ...over };
}

function req(method: string, url: string, headers: EarlyRequest["headers"] = {}): EarlyRequest {
  return { method, url, headers: { host: "dash.example.com", ...headers } };
}

const body = (n: number) => ({ "content-length": String(n), "content-type": "application/json" });

describe("announcedBody", () => {
  it.each([
    [{}, undefined],
    [{ "content-length": "0" }, undefined],
    [{ "content-length": "12" }, 12],
    [{ "content-length": " 12 " }, 12],
    [{ "transfer-encoding": "chunked" }, "chunked"],
    [{ "content-length": "12abc" }, "chunked"],
  ] as const)("%j: %s", (headers, expected) => {
    expect(announcedBody(headers)).toBe(expected);
  });
});

describe("earlyRefusal", () => {
  it("refuses methods Next.js does not handle with 405 and the ones it does", async () => {
    for (const method of ["TRACE", "CONNECT", "PROPFIND"]) {
      const a = await earlyRefusal(req(method, "/"), ctx());
      expect(a?.status, method).toBe(405);
      expect(a?.headers.Allow).toBe("GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS");
    }
  });

  it("answers the asterisk form itself (Next.js cannot parse it as a URL): OPTIONS * lists the methods, others are 400", async () => {
    expect(await earlyRefusal(req("OPTIONS", "*"), ctx())).toEqual({ status: 204, headers: { Allow: "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS" }, body: "" });
    for (const method of ["GET", "POST"]) expect((await earlyRefusal(req(method, "*"), ctx({ authEnabled: false })))?.status, method).toBe(400);
  });

  it("refuses a path with a malformed percent-encoding, before any access check (Next answered a bare 500): not its query", async () => {
    const signedIn = vi.fn(async () => true);
    for (const url of ["/api/auth/%E0", "/api/auth/session%E0%A4", "/graph/%", "/%ZZ"]) {
      for (const method of ["GET", "POST"]) {
        const a = await earlyRefusal(req(method, url, method === "POST" ? body(2) : {}), ctx({ signedIn }));
        expect(a?.status, `${method} ${url}`).toBe(400);
        expect(a?.headers["Content-Type"]).toBe("application/json; charset=utf-8");
        expect(JSON.parse(a!.body).error).toMatch(/^the address's path has a malformed percent-encoding/);
      }
    }
    expect(signedIn).not.toHaveBeenCalled();
    for (const url of ["/api/auth/session", "/graph/%E2%80%AE", "/api/report?q=%E0&snapshot=%"]) expect(await earlyRefusal(req("GET", url), ctx()), url).toBeUndefined();
  });

  it("answers a method an API route does not take with a JSON 405 and Allow, once access is decided, body or not", async () => {
    const signedIn = async () => true;
    const a = await earlyRefusal(req("DELETE", "/api/report"), ctx({ signedIn }));
    expect(a).toMatchObject({ status: 405, headers: { Allow: "GET, HEAD, OPTIONS" } });
    expect(JSON.parse(a!.body)).toEqual({ error: "method DELETE is not allowed here: GET, HEAD, OPTIONS are" });
    expect((await earlyRefusal(req("PUT", "/api/scan/", body(60 * 1024 * 1024)), ctx({ signedIn })))?.headers.Allow).toBe("GET, HEAD, OPTIONS, POST");
    expect((await earlyRefusal(req("GET", "/api/can"), ctx({ signedIn })))?.headers.Allow).toBe("OPTIONS, POST");
    expect((await earlyRefusal(req("PATCH", "/api/auth/session"), ctx()))?.status).toBe(405); // next-auth's, public
    // Anonymous with sign-in on: the 401 any API request gets, nothing about the route.
    expect(await earlyRefusal(req("DELETE", "/api/report"), ctx())).toMatchObject({ status: 401, body: JSON.stringify({ error: "sign-in required" }) });
  });

  it("answers an API address with no route with a JSON 404, not Next's HTML page; addresses outside /api/ go on", async () => {
    for (const url of ["/api", "/api/", "/api/reports", "/api/report/x", "/api/auth"]) {
      const a = await earlyRefusal(req("GET", url, { host: "127.0.0.1:3000" }), ctx({ authEnabled: false }));
      expect(a, url).toMatchObject({ status: 404, headers: { "Content-Type": "application/json; charset=utf-8" } });
      expect(JSON.parse(a!.body)).toEqual({ error: "no API route at this address" });
    }
    for (const url of ["/apis", "/graph/x", "/api/auth/callback/credentials", "/api/report.png?x=1"]) expect(await earlyRefusal(req("GET", url, { host: "127.0.0.1:3000" }), ctx({ authEnabled: false })), url).toBeUndefined();
  });

  it("leaves bodiless requests to proxy.ts, without decoding the session", async () => {
    const signedIn = vi.fn(async () => false);
    for (const [method, url] of [["GET", "/api/report"], ["HEAD", "/api/report"], ["OPTIONS", "/api/report"], ["POST", "/api/scan"], ["DELETE", "/graph"]] as const) {
      expect(await earlyRefusal(req(method, url), ctx({ signedIn })), `${method} ${url}`).toBeUndefined();
    }
    expect(signedIn).not.toHaveBeenCalled();
  });

  it("refuses an anonymous request with a body before it is read: 401 for APIs and pages alike", async () => {
    for (const url of ["/api/can", "/api/snapshots?name=x", "/graph"]) {
      const a = await earlyRefusal(req("POST", url, body(60 * MB)), ctx({ bodyLimit: 100 * MB }));
      expect(a, url).toMatchObject({ status: 401, body: JSON.stringify({ error: "sign-in required" }) });
    }
    expect((await earlyRefusal(req("PUT", "/api/x", { "transfer-encoding": "chunked" }), ctx()))?.status).toBe(401);
  });

  it("lets a signed-in user's body through, and the sign-in form's (a public path) without a session", async () => {
    expect(await earlyRefusal(req("POST", "/api/can", body(100)), ctx({ signedIn: async () => true }))).toBeUndefined();
    expect(await earlyRefusal(req("POST", "/api/auth/callback/credentials", body(100)), ctx())).toBeUndefined();
  });

  it("a public path (sign-in, next-auth) takes no body over 64 KB nor one of unknown length: Next reads it whole for anyone", async () => {
    for (const url of ["/api/auth/callback/credentials", "/api/auth/signout", "/signin"]) {
      expect(await earlyRefusal(req("POST", url, body(2_000)), ctx()), url).toBeUndefined();
      expect((await earlyRefusal(req("POST", url, body(64 * 1024 + 1)), ctx()))?.status, url).toBe(413);
      expect((await earlyRefusal(req("POST", url, { "transfer-encoding": "chunked" }), ctx()))?.status, url).toBe(411);
    }
  });

  it("refuses a body announced larger than Next would read, whoever sends it, with both sizes", async () => {
    const a = await earlyRefusal(req("POST", "/api/snapshots", body(60 * MB)), ctx({ signedIn: async () => true }));
    expect(a?.status).toBe(413);
    expect(JSON.parse(a!.body).error).toBe("request body too large: 60 MB; the server reads at most 51 MB (LPG_UPLOAD_MAX_MB sets the upload limit)");
    expect((await earlyRefusal(req("POST", "/api/snapshots", body(51 * MB)), ctx({ signedIn: async () => true })))).toBeUndefined();
  });

  it("refuses another site's write with a body (CSRF), as proxy.ts does", async () => {
    const a = await earlyRefusal(req("POST", "/api/scan", { ...body(2), "sec-fetch-site": "cross-site" }), ctx({ signedIn: async () => true }));
    expect(a).toMatchObject({ status: 403, body: JSON.stringify({ error: "cross-site request refused" }) });
  });

  it("local mode: a body through a foreign Host is refused with the local-only message; loopback goes on", async () => {
    const local = ctx({ authEnabled: false });
    expect(await earlyRefusal(req("POST", "/api/can", { ...body(2), host: "evil.example" }), local)).toMatchObject({ status: 403, body: LOCAL_ONLY_MESSAGE });
    expect(await earlyRefusal(req("POST", "/api/can", { ...body(2), host: "127.0.0.1:3000" }), local)).toBeUndefined();
    expect(await earlyRefusal(req("POST", "/api/can", { ...body(2), host: "evil.example" }), { ...local, allowUnauthenticated: true })).toBeUndefined();
  });
});
