/**
 * Sign-in when NEXTAUTH_URL is an https:// address on the server's own port while the server speaks plain http
 * (lib/auth/secure-cookies.ts): next-auth marks its cookies Secure, a browser on the http:// address drops them, and
 * the sign-in page used to come back after every attempt with no word why. The server says so at start, the page
 * says so before anyone types, and an attempt ends on that error.
 *
 * A sign-in server of this spec's own (e2e/start-server.mjs --auth --nextauth-url), since NEXTAUTH_URL is read at
 * start. Opened as http://lpg.test:PORT (Chromium maps the name to 127.0.0.1): a browser treats loopback addresses
 * as secure contexts and keeps Secure cookies there, so only another name shows what users of a real host see.
 */
import type { Browser, Page } from "@playwright/test";
import { freePort } from "../lib/http/free-port";
import { E2E_PASSWORD } from "./auth-helpers";
import { startSignInServer, type SignInServer } from "./sign-in-server";
import { expect, hydrating, test } from "./test";

/** Reserved for testing (RFC 6761): never a real host. */
const HOST = "lpg.test";

let server: SignInServer | undefined;
let port = 0;
let browser: Browser;

// The server's start (tsx, then Next's prepare) on a machine other runs share.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ playwright, launchOptions }) => {
  port = await freePort();
  server = await startSignInServer(port, ["--nextauth-url", `https://${HOST}:${port}`]);
  browser = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openAt(origin: string, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin });
  const page = hydrating(await context.newPage());
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  return page;
}

async function submit(page: Page, user: string, password: string): Promise<void> {
  await page.getByLabel("Username", { exact: true }).fill(user);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("the server warns at start that browsers will drop its Secure cookies on its own plain-http port", () => {
  expect(server!.log()).toContain(`warning: sign-in cookies will be Secure (NEXTAUTH_URL is https://${HOST}:${port}), but this server answers port ${port} over plain http`);
});

test("opened at http://, the sign-in page says signing in cannot work there, and an attempt ends on that error, not a loop", async () => {
  const page = await openAt(`http://${HOST}:${port}`, "/graph?sev=high");
  const signInUrl = page.url();
  const why = `Signing in cannot work on this page: this server marks its sign-in cookies Secure, and browsers keep those only over https. Open https://${HOST}:${port} instead`;
  // An alert, so a screen reader says it too, before anyone types a password.
  await expect(page.getByRole("alert").filter({ hasText: "Signing in cannot work" }).first()).toContainText(why);

  const navigations: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  await submit(page, "alice", E2E_PASSWORD);
  const error = page.getByTestId("signin-error");
  await expect(error).toContainText(why);
  await expect(error).toHaveRole("alert");
  // The form stays where it was (it used to go on to the page asked for, which sent it back here), user name kept.
  expect(navigations).toEqual([]);
  expect(page.url()).toBe(signInUrl);
  await expect(page.getByLabel("Username", { exact: true })).toHaveValue("alice");
  expect(await page.evaluate(async () => (await fetch("/api/report")).status)).toBe(401);
  await page.context().close();
});

test("the same server opened at a loopback address (where browsers keep Secure cookies) signs in with no notice", async () => {
  const page = await openAt(`http://127.0.0.1:${port}`, "/graph?sev=high");
  // Hydrated (openAt waits for it), so the browser's own secure-context answer is in.
  await expect(page.getByTestId("signin-cookie-problem")).toHaveCount(0);
  await submit(page, "alice", E2E_PASSWORD);
  // The first page after a server start analyses the snapshot: allow for it.
  await expect(page.getByTestId("signed-in-user")).toHaveText("alice", { timeout: 30_000 });
  await expect(page).toHaveURL(/\/graph\?sev=high$/);
  await page.context().close();
});
