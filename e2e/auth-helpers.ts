import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { hydrating } from "./test";

/** The password of every user in e2e/fixtures/users.txt (test fixture only). */
export const E2E_PASSWORD = "e2e-password-for-tests-only";

/** Sign in through the password form, starting from `path` (which redirects to /signin first). */
export async function signIn(page: Page, user = "alice", path = "/"): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Username", { exact: true }).fill(user);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The first page after a server start analyses the snapshot (app/(dashboard)/when-ready.tsx streams a loading state meanwhile): allow for it.
  await expect(page.getByTestId("signed-in-user")).toHaveText(user, { timeout: 30_000 });
}

/** A fresh, signed-in browser context (its own cookies): a second teammate. */
export async function signedInContext(browser: Browser, baseURL: string, user = "alice"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL });
  const page = hydrating(await context.newPage());
  await signIn(page, user);
  return { context, page };
}

/** CSP violations reported to the console while `run` executes. */
export async function cspViolations(page: Page, run: () => Promise<void>): Promise<string[]> {
  const found: string[] = [];
  const onConsole = (msg: { type(): string; text(): string }) => {
    if (/Content Security Policy|Refused to (execute|load|apply|create)/i.test(msg.text())) found.push(msg.text());
  };
  page.on("console", onConsole);
  await run();
  page.off("console", onConsole);
  return found;
}
