/**
 * Sign-in on (the second e2e server): every page sends an anonymous visitor to the sign-in page and every API
 * route answers 401, for all routes found under app/ (lib/auth/app-routes.ts walks it, so routes added later
 * are checked too). Then signing in through the password provider works, and signing out ends the session.
 */
import type { APIResponse } from "@playwright/test";
import { expect, hydrating, test } from "./test";
import { request } from "node:http";
import { join } from "node:path";
import { isPublicPath } from "../lib/auth/access";
import { listAppRoutes } from "../lib/auth/app-routes";
import { cspViolations, E2E_PASSWORD, signIn } from "./auth-helpers";
import { seriousViolations } from "./axe";
import { waitForGraph } from "./helpers";

const routes = listAppRoutes(join(import.meta.dirname, "..")).filter((r) => !isPublicPath(r.samplePath));
const pages = routes.filter((r) => r.kind === "page");
const apis = routes.filter((r) => r.kind === "api");

test.describe("anonymous visitor", () => {
  test("the route list is not empty (the walker found the app)", () => {
    expect(pages.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/", "/graph"]));
    expect(apis.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/api/report"]));
  });

  for (const r of pages) {
    test(`page ${r.pattern} shows the sign-in page`, async ({ page }) => {
      const response = await page.goto(`${r.samplePath}?snapshot=latest`);
      expect(response?.status()).toBe(200);
      await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
      await expect(page.getByRole("heading", { name: /sign in/i })).toBeVisible();
      await expect(page.getByTestId("header-account")).toHaveCount(0);
      expect(await page.content()).not.toContain("orders-processor");
    });
  }

  test("robots.txt is served from public/ without signing in, and says to stay out", async ({ request }) => {
    const res = await request.get("/robots.txt", { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(await res.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
    expect(res.headers()["x-robots-tag"]).toBe("noindex, nofollow");
  });

  for (const r of apis) {
    test(`API ${r.pattern} answers 401 to GET and POST`, async ({ request }) => {
      for (const method of ["GET", "POST"] as const) {
        const res = await request.fetch(r.samplePath, { method, data: method === "POST" ? "{}" : undefined, maxRedirects: 0 });
        expect(res.status(), method).toBe(401);
        expect(await res.json()).toEqual({ error: "sign-in required" });
      }
    });
  }
});

/** A request whose headers are sent and whose body never is: only a server that answers without reading it replies. */
function headersOnly(baseURL: string, method: string, path: string, headers: Record<string, string>): Promise<{ status?: number; body: string }> {
  return new Promise((resolve, reject) => {
    const r = request(new URL(path, baseURL), { method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    });
    r.on("error", reject);
    r.flushHeaders();
  });
}

test.describe("before a body is read", () => {
  test("an anonymous upload is refused before its body is sent; so is one larger than the server reads; TRACE is 405", async ({ baseURL }) => {
    const json = { "content-type": "application/json" };
    expect(await headersOnly(baseURL!, "POST", "/api/can", { ...json, "content-length": "50000000" })).toEqual({ status: 401, body: JSON.stringify({ error: "sign-in required" }) });
    expect(await headersOnly(baseURL!, "POST", "/api/snapshots", { "content-type": "multipart/form-data; boundary=x", "transfer-encoding": "chunked" })).toMatchObject({ status: 401 });
    const huge = await headersOnly(baseURL!, "POST", "/api/snapshots", { ...json, "content-length": "999999999" });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error).toMatch(/^request body too large: 953\.7 MB; the server reads at most \d+ MB/);
    expect(await headersOnly(baseURL!, "TRACE", "/", {})).toMatchObject({ status: 405 });
  });
});

test.describe("signing in", () => {
  test("password sign-in returns to the page asked for; sign-out ends the session", async ({ page }) => {
    const violations = await cspViolations(page, async () => {
      await signIn(page, "alice", "/graph?sev=high");
      await expect(page).toHaveURL(/\/graph\?sev=high$/);
      await waitForGraph(page); // the ELK worker and React Flow run under the CSP
    });
    expect(violations).toEqual([]);
    expect((await page.request.get("/api/report")).status()).toBe(200);
    // The session lets a body through the server's early check to the route, which reads it (and refuses this one).
    const posted = await page.request.post("/api/can", { data: { nonsense: true } });
    expect(posted.status()).toBe(400);
    expect((await posted.json()).error).not.toBe("sign-in required");

    const origin = new URL(page.url()).origin;
    const signedIn = await page.context().cookies();
    await page.getByTestId("sign-out").click();
    // This server's sign-in page, not the one next-auth would name without NEXTAUTH_URL (http://localhost:3000).
    await expect(page).toHaveURL(`${origin}/signin`);
    expect((await page.request.get("/api/report")).status()).toBe(401);
    // A copy of the cookie taken before signing out (JWT sessions have no server-side record) is refused too.
    await page.context().addCookies(signedIn);
    expect((await page.request.get("/api/report")).status()).toBe(401);
  });

  test("the sign-in page has no serious or critical axe violations, also with an error shown", async ({ page }) => {
    await page.goto("/signin?error=AccessDenied");
    await expect(page.getByTestId("signin-error")).toContainText("not allowed");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("in forced colors, the sign-in page with an error shown has no serious or critical axe violations", async ({ page }) => {
    await page.emulateMedia({ forcedColors: "active" });
    await page.goto("/signin?error=AccessDenied");
    await expect(page.getByTestId("signin-error")).toContainText("not allowed");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a wrong password is refused plainly, announced, keeps the user name and never lands in the URL", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Username", { exact: true }).fill("alice");
    await page.getByLabel("Password", { exact: true }).fill("not-the-password-123");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signin-error")).toHaveText("Wrong username or password.");
    // An alert region present before the attempt: a screen reader says the text as it appears.
    await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password." })).toHaveAttribute("aria-live", "assertive");
    await expect(page.getByLabel("Username", { exact: true })).toHaveValue("alice");
    expect(page.url()).not.toContain("not-the-password");
    expect(page.url()).not.toContain(E2E_PASSWORD);
    expect((await page.request.get("/api/report")).status()).toBe(401);
  });

  test("a sign-in submitted before the page's scripts have run never puts the password in the URL", async ({ browser, baseURL }) => {
    // Scripts start after the first paint (lib/http/paint-first-scripts.ts): a quick user or a password manager
    // can submit the form before React handles it. Here the scripts never run at all.
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Username", { exact: true }).fill("alice");
    await page.getByLabel("Password", { exact: true }).fill("typed-too-early-123");
    const [request] = await Promise.all([page.waitForRequest((r) => r.isNavigationRequest()), page.getByLabel("Password", { exact: true }).press("Enter")]);
    expect(request.method()).toBe("POST");
    expect(request.url()).not.toContain("typed-too-early");
    await page.waitForLoadState();
    expect(page.url()).not.toContain("typed-too-early");
    await context.close();
  });

  test("after a refused sign-in, signing in still returns to the shared link", async ({ page, baseURL }) => {
    // next-auth keeps the callback in this cookie when a sign-in starts; its error redirect after a refused OAuth
    // sign-in (/signin?error=AccessDenied) drops the parameter.
    await page.context().addCookies([{ name: "next-auth.callback-url", value: encodeURIComponent(`${baseURL}/graph?sev=high`), url: baseURL! }]);
    await page.goto("/signin?error=AccessDenied");
    await expect(page.getByTestId("signin-error")).toContainText("not allowed");
    await page.getByLabel("Username", { exact: true }).fill("alice");
    await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/graph\?sev=high$/, { timeout: 30_000 });
  });

  test("a crafted callbackUrl cannot send the user to another site", async ({ page }) => {
    await page.goto("/signin?callbackUrl=https%3A%2F%2Fevil.example%2F");
    await page.getByLabel("Username", { exact: true }).fill("bob@example.com");
    await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-user")).toHaveText("bob@example.com");
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  });
});

test("the report API is rate limited per user (429 with Retry-After), other users unaffected", async ({ page, browser, baseURL }) => {
  await signIn(page, "bob@example.com");
  const statuses: number[] = [];
  let refused: APIResponse | null = null;
  while (statuses.length < 200 && !refused) {
    const res = await page.request.get("/api/report");
    statuses.push(res.status());
    if (res.status() === 429) refused = res;
  }
  expect(refused, "no 429 after 200 requests").not.toBeNull();
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(60); // the burst allowance
  expect(Number(refused!.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await refused!.json()).error).toMatch(/too many requests/);
  const other = await browser.newContext({ baseURL });
  const alice = hydrating(await other.newPage());
  await signIn(alice, "alice");
  expect((await alice.request.get("/api/report")).status()).toBe(200);
  await other.close();
});
