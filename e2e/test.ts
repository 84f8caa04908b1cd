/**
 * Playwright's `test` with pages that wait, after each navigation to an HTML page, until React has hydrated it
 * (<html data-hydrated>, components/hydration-mark.tsx). The dashboard runs its framework scripts after the first
 * paint (lib/http/paint-first-scripts.ts), so "load" no longer means "handles input"; a test acting at once would
 * type into inputs no handler listens to yet. Pages from contexts a test opens itself: `hydrating(page)`.
 */
import { expect, test as base, type Page, type Response } from "@playwright/test";

async function waitForHydration(page: Page, response: Response | null): Promise<void> {
  if (!response || !/^text\/html\b/.test(response.headers()["content-type"] ?? "")) return;
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
}

export function hydrating(page: Page): Page {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args: Parameters<Page["goto"]>) => {
    const response = await goto(...args);
    await waitForHydration(page, response);
    return response;
  };
  page.reload = async (...args: Parameters<Page["reload"]>) => {
    const response = await reload(...args);
    await waitForHydration(page, response);
    return response;
  };
  return page;
}

export const test = base.extend({
  page: async ({ page }, use) => {
    await use(hydrating(page));
  },
});

export { expect };
