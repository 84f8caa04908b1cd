/** The table of API routes early-refusal.ts answers misrouted requests from is the one app/api holds. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, apiRouteMethods } from "./api-routes";

const APP_API = path.join(import.meta.dirname, "..", "..", "app", "api");

/** Every route.ts under app/api, by its address, with the HTTP methods it exports. */
function routeFiles(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of readdirSync(APP_API, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts")) {
    const source = readFileSync(path.join(APP_API, file), "utf8");
    const methods = [...source.matchAll(/export (?:async function|const) (GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS)\b|\bas (GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS)\s*[,}]/g)].map((m) => m[1] ?? m[2]!);
    out[`/api/${path.dirname(file).split(path.sep).join("/")}`] = methods.sort();
  }
  return out;
}

describe("API_ROUTES", () => {
  it("lists every route under app/api with the methods it exports (next-auth's catch-all apart)", () => {
    const { "/api/auth/[...nextauth]": auth, ...routes } = routeFiles();
    expect(auth).toEqual(["GET", "POST"]);
    expect(Object.fromEntries(Object.entries(API_ROUTES).map(([k, v]) => [k, [...v].sort()]))).toEqual(routes);
  });

  it("answers the methods as Next's OPTIONS lists them, null for an API address with no route", () => {
    expect(apiRouteMethods("/api/snapshots")).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    expect(apiRouteMethods("/api/snapshots/")).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    expect(apiRouteMethods("/api/auth/callback/github")).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    expect(apiRouteMethods("/api/nope")).toBeNull();
    expect(apiRouteMethods("/graph")).toBeUndefined();
  });
});
