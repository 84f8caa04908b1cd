import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * axe's serious and critical violations on the page as it is now, each with its first three nodes. In forced colors
 * the colour-contrast rule is left out: the browser paints the user's system colours over the page's own, which axe
 * does not model (it compares the authored colours, and reported the header's links and the overview's terms here).
 * axe's maintainers say it is not designed to test where the user's colours replace the page's
 * (dequelabs/axe-core#2267; dequelabs/axe-core-npm#1067 for Chromium's emulated forced colors). Every other rule runs.
 */
export async function seriousViolations(page: Page) {
  const forced = await page.evaluate(() => matchMedia("(forced-colors: active)").matches);
  const axe = new AxeBuilder({ page });
  const results = await (forced ? axe.disableRules(["color-contrast"]) : axe).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}
