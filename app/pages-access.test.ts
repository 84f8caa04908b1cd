/**
 * Defence in depth behind proxy.ts for pages, as route-guards.test.ts is for API routes: every dashboard page found
 * under app/ checks the session itself when it renders. The (dashboard) layout's check is not enough on its own:
 * on a client-side navigation Next renders only the segments below the layout both pages share, so the layout's
 * check does not run for the page being fetched (an RSC request a script can make too). A session signed out is
 * refused by every page as no session is. That the layout, the page and the header's badge decode it once a request is
 * request-user-cache.rsc.test.ts's, under React's server build, whose cache() is the one Next runs.
 */
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { signInToken, stubGitHubSignIn } from "@/test/github-sign-in";
import { requestCookies, requestHeaders } from "@/test/request-cookies";
import { DEMO_SNAPSHOT, useDataDir } from "@/test/data-dir";

vi.mock("next/headers", async () => (await import("@/test/request-cookies")).nextHeadersStub);
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
const dir = useDataDir("lpg-pages-access-", { demo: DEMO_SNAPSHOT });

beforeAll(() => {
  vi.stubEnv("LPG_USERS_FILE", path.join(dir, "no-users-file"));
  vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(32));
});
afterAll(() => vi.unstubAllEnvs());

describe("pages refuse anonymous visitors themselves when sign-in is on", () => {
  it("finds the dashboard pages", () => {
    expect(pages.map((p) => p.pattern)).toEqual(expect.arrayContaining(["/", "/graph", "/snapshots", "/snapshots/compare"]));
  });

  it.each(pages.map((p) => [p.pattern, p] as const))("%s sends them to sign in before loading anything", async (_pattern, page) => {
    await expect(render(page)).rejects.toThrow(signInRedirect(page));
  });
});

type Page = (typeof pages)[number];
const render = async (page: Page) => {
  requestHeaders.set(REQUEST_PATH_HEADER, `${page.samplePath}?snapshot=latest`);
  const mod = (await import(path.join(root, page.file))) as { default: (props: unknown) => unknown };
  return mod.default({ params: Promise.resolve({}), searchParams: Promise.resolve({ snapshot: "latest" }), children: null });
};
const signInRedirect = (page: Page) => `redirect /signin?callbackUrl=${encodeURIComponent(`${page.samplePath}?snapshot=latest`)}`;
const SECRET = "pages-access-secret-0123456789-abcdefghij";

describe("a session", () => {
  let cookie = "";
  let sessions = 0;
  beforeAll(() => {
    stubGitHubSignIn(SECRET);
    vi.stubEnv("LPG_DATA_DIR", path.join(dir, "sessions"));
  });
  beforeEach(async () => {
    // Its own session for each test: signing one out leaves the others.
    cookie = await encode({ token: await signInToken({ sub: String(++sessions) }), secret: SECRET });
    requestCookies.set("next-auth.session-token", cookie);
  });

  it.each(pages.map((p) => [p.pattern, p] as const))("once signed out, is refused by %s as an anonymous visitor is", async (_pattern, page) => {
    // Before: past the check (what the page does next needs Next's request scope, which a test lacks).
    const before = await render(page).then(
      () => "rendered",
      (e: Error) => e.message,
    );
    expect(before, "the page refused the session before it was signed out").not.toMatch(/^redirect /);
    const { buildAuthOptions } = await import("@/lib/auth/options");
    const { decode } = await import("next-auth/jwt");
    await buildAuthOptions(process.env).events!.signOut!({ token: (await decode({ token: cookie, secret: SECRET }))! } as never);
    await expect(render(page)).rejects.toThrow(signInRedirect(page));
  });
});
