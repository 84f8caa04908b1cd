/**
 * A laptop screen at 200 % zoom (1280×800 CSS pixels become 640×400) or a narrow window: every control stays on
 * screen without scrolling sideways (WCAG 1.4.10 reflow), and nothing drawn over the graph hides another control.
 */
import { expect, test } from "./test";

const ZOOMED = { width: 640, height: 400 };

test("at 200 % zoom the header wraps: Scan now and the mode badge are on screen", async ({ page }) => {
  await page.setViewportSize(ZOOMED);
  for (const path of ["/", "/graph", "/snapshots"]) {
    await page.goto(path);
    await expect(page.getByRole("button", { name: "Scan now" }), `${path}: Scan now`).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId("auth-mode"), `${path}: mode badge`).toBeInViewport({ ratio: 1 });
  }
});
