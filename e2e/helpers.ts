import { expect, type Page } from "@playwright/test";

/** Open the graph page (optionally with a query) and wait until ELK's layout is drawn. */
export async function openGraph(page: Page, query = ""): Promise<void> {
  await page.goto(`/graph${query}`);
  await waitForGraph(page);
}

export async function waitForGraph(page: Page): Promise<void> {
  const canvas = page.getByTestId("graph-canvas");
  await expect(canvas).toHaveAttribute("data-layout", "ready", { timeout: 20_000 });
}

export function graphNode(page: Page, name: string) {
  return page.locator(`[data-testid="graph-node"][data-name="${name}"]`);
}

/** The React Flow node wrapper (focusable, has the accessible name) around a node of this name. */
export function flowNode(page: Page, name: string) {
  return page.locator(".react-flow__node", { has: graphNode(page, name) });
}

export function functionNodes(page: Page) {
  return page.locator('[data-testid="graph-node"][data-kind="function"]');
}
