/** Signed in, at 200 % zoom (1280×800 CSS pixels become 640×400): the header keeps who is signed in and Sign out on screen. */
import { expect, test } from "./test";
import { signIn } from "./auth-helpers";

test("at 200 % zoom the signed-in user and Sign out are on screen", async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 400 });
  await signIn(page, "alice", "/graph");
  await expect(page.getByTestId("signed-in-user")).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId("sign-out")).toBeInViewport({ ratio: 1 });
});
