/**
 * Defence in depth behind proxy.ts for pages, as route-guards.test.ts is for API routes: every dashboard page found
 * under app/ checks the session itself when it renders. The (dashboard) layout's check is not enough on its own:
 * on a client-side navigation Next renders only the segments below the layout both pages share, so the layout's
 * check does not run for the page being fetched (an RSC request a script can make too).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const requestHeaders = new Headers();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
  headers: async () => requestHeaders,
}));
vi.mock("next/navigation", async (original) => ({
  ...(await original<object>()),
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

const { listAppRoutes } = await import("@/lib/auth/app-routes");
const { isPublicPath, REQUEST_PATH_HEADER } = await import("@/lib/auth/access");

const root = path.resolve(import.meta.dirname, "..");
const pages = listAppRoutes(root).filter((r) => r.kind === "page" && !isPublicPath(r.samplePath));
const dir = mkdtempSync(path.join(tmpdir(), "lpg-pages-access-"));

beforeAll(() => {
  vi.stubEnv("LPG_DATA_DIR", dir);
  vi.stubEnv("LPG_DEMO_SNAPSHOT", path.join(root, "data/demo-snapshot.json"));
  vi.stubEnv("LPG_SNAPSHOT_FILE", "");
  vi.stubEnv("LPG_USERS_FILE", path.join(dir, "no-users-file"));
  vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(32));
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("pages refuse anonymous visitors themselves when sign-in is on", () => {
  it("finds the dashboard pages", () => {
    expect(pages.map((p) => p.pattern)).toEqual(expect.arrayContaining(["/", "/graph", "/snapshots", "/snapshots/compare"]));
  });

  it.each(pages.map((p) => [p.pattern, p] as const))("%s sends them to sign in before loading anything", async (_pattern, page) => {
    requestHeaders.set(REQUEST_PATH_HEADER, `${page.samplePath}?snapshot=latest`);
    const mod = (await import(path.join(root, page.file))) as { default: (props: unknown) => unknown };
    const render = async () => mod.default({ params: Promise.resolve({}), searchParams: Promise.resolve({ snapshot: "latest" }) });
    await expect(render()).rejects.toThrow(`redirect /signin?callbackUrl=${encodeURIComponent(`${page.samplePath}?snapshot=latest`)}`);
  });
});
