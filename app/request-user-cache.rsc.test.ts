/**
 * The layout, the page and the header's badge each ask who is signed in, and the session cookie is decoded once for
 * the request: by React's own cache(), run as Next runs it, inside a React Server Components render (each render is
 * one request). vitest.config.mts runs this file under the "react-server" condition, where `react` is the server
 * build whose cache() remembers for the render under way; the default build's cache() remembers nothing.
 * The page's own module is not rendered, only its check (requirePageUser, which every dashboard page awaits first):
 * pages import client components (next/link…), which Next's bundler turns into references for the server render
 * and which, imported as they are here, need the client build of React.
 */
import { createRequire } from "node:module";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createElement } from "react";
import { encode } from "next-auth/jwt";
import { signInToken, stubGitHubSignIn } from "@/test/github-sign-in";
import { requestCookies } from "@/test/request-cookies";
import { useDataDir } from "@/test/data-dir";

vi.mock("next/headers", async () => (await import("@/test/request-cookies")).nextHeadersStub);
const sessionDecodes = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth/jwt", async (original) => {
  const real = await original<typeof import("next-auth/jwt")>();
  return {
    ...real,
    getToken: (...args: Parameters<typeof real.getToken>) => {
      sessionDecodes.count++;
      return real.getToken(...args);
    },
  };
});

// Next's own copy of React's server renderer, as its server uses; it takes `react` by Node's resolution, which the
// condition points at the same server build this file imports.
const { renderToPipeableStream } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/server.node") as {
  renderToPipeableStream: (model: unknown, config: unknown, options: { onError: (e: unknown) => void }) => { pipe(out: PassThrough): void };
};

/** Renders `component` as Next renders a request's server components; resolves once the render has finished. */
async function renderRequest(component: () => Promise<null>): Promise<void> {
  const out = new PassThrough();
  const finished = new Promise((resolve) => out.on("end", resolve)).then(() => undefined);
  out.resume();
  renderToPipeableStream(createElement(component), {}, { onError: (e) => void e }).pipe(out);
  await finished;
}

useDataDir("lpg-request-user-");
const SECRET = "request-user-secret-0123456789-abcdefghij";
beforeAll(async () => {
  stubGitHubSignIn(SECRET);
  requestCookies.set("next-auth.session-token", await encode({ token: await signInToken(), secret: SECRET }));
});
afterAll(() => vi.unstubAllEnvs());

it("is decoded once for a request, though the layout, the page's check and the header each ask who is signed in", async () => {
  const { default: DashboardLayout } = await import("@/app/(dashboard)/layout");
  const { requirePageUser } = await import("@/lib/auth/guard");
  const { AuthStatus } = await import("@/components/auth/auth-status");
  const labels: unknown[] = [];
  const request = async () => {
    await DashboardLayout({ children: null });
    labels.push((await requirePageUser()).user);
    await AuthStatus();
    return null;
  };
  sessionDecodes.count = 0;
  await renderRequest(request);
  expect(labels).toEqual(["carol@example.com"]);
  expect(sessionDecodes.count).toBe(1);
  // The next request decodes its own: the answer is not kept beyond one.
  await renderRequest(request);
  expect(sessionDecodes.count).toBe(2);
});
