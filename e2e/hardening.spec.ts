/** Local mode (the default e2e server): headers, CSP without inline scripts, and the header's mode badge. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./test";
import { cspViolations } from "./auth-helpers";
import { openGraph } from "./helpers";

test("pages carry a nonce CSP, frame-ancestors none and no-referrer; the graph runs under it", async ({ page }) => {
  const violations = await cspViolations(page, async () => {
    const res = await page.goto("/graph");
    const csp = res!.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp.match(/script-src[^;]*/)![0]).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(res!.headers()["referrer-policy"]).toBe("no-referrer");
    expect(res!.headers()["x-content-type-options"]).toBe("nosniff");
    await openGraph(page);
    await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-layout-engine", "elk"); // the worker ran
  });
  expect(violations).toEqual([]);
});

test("injected markup cannot run script (inline handlers are blocked)", async ({ page }) => {
  await page.goto("/");
  // No sleep: wait for the image's error event (a listener added here runs after the inline handler would have)
  // and for the CSP violation report that says the inline handler was refused.
  const outcome = await page.evaluate(
    () =>
      new Promise<{ xss: boolean; directive: string }>((resolve) => {
        let directive = "";
        let errored = false;
        const done = () => {
          const xss = (window as unknown as { __xss?: boolean }).__xss === true;
          if (errored && (directive || xss)) resolve({ xss, directive }); // a handler that ran needs no report to fail
        };
        document.addEventListener("securitypolicyviolation", (e) => {
          directive ||= e.effectiveDirective;
          done();
        });
        const div = document.createElement("div");
        div.innerHTML = '<img src="/nonexistent.png" onerror="window.__xss = true">';
        div.querySelector("img")!.addEventListener("error", () => {
          errored = true;
          done();
        });
        document.body.appendChild(div);
      }),
  );
  expect(outcome.xss).toBe(false);
  expect(outcome.directive).toMatch(/^script-src/);
});

test("the header says the server is in local mode", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("auth-mode")).toHaveAttribute("data-mode", "local");
  await expect(page.getByTestId("auth-mode")).toHaveText("Local mode: loopback only");
});

test("local mode refuses a non-loopback Host", async ({ request }) => {
  const res = await request.get("/api/report", { headers: { host: "lpg.example.com" } });
  expect(res.status()).toBe(403);
  expect(await res.text()).toMatch(/local mode/);
});

test("another site's page cannot upload a snapshot to the local dashboard (CSRF)", async ({ request }) => {
  const res = await request.post("/api/snapshots?name=x.json", {
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "text/plain" },
    data: "{}",
  });
  expect(res.status()).toBe(403);
  expect(await res.json()).toEqual({ error: "cross-site request refused" });
});

test("another site's page cannot embed the dashboard's reads in a real browser; its links to the dashboard still open", async ({ page, baseURL }) => {
  // The other site is a server of the test's own on loopback (Chromium's Local Network Access already stops pages of
  // public sites from reaching loopback; other browsers do not), opened as localhost: another site than 127.0.0.1.
  // Its image carries the Fetch Metadata headers Chromium itself sets (lib/auth/access.test.ts has fetch() and the rest).
  const other = createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    // No scripts to hydrate: it says so, for e2e/test.ts's navigation wait.
    res.end(`<html data-hydrated="true"><img alt="report" src="${baseURL}/api/report.png"><a href="${baseURL}/graph">the graph</a></html>`);
  });
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://localhost:${(other.address() as AddressInfo).port}/`);
    const image = page.getByRole("img", { name: "report" });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete), "the image has settled").toBe(true);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth), "the PNG report drew nothing on the other site").toBe(0);
    const opened = page.waitForResponse((r) => r.url().startsWith(`${baseURL}/graph`) && r.status() === 200);
    await page.getByRole("link", { name: "the graph" }).click();
    await opened;
    await expect(page.getByTestId("graph-canvas")).toBeVisible();
  } finally {
    other.close();
  }
});

test("the image optimizer, which the proxy does not guard, is off: no one makes the server request its own routes", async ({ request }) => {
  // The dashboard draws no next/image; /_next/image requested the route in `url` for anyone, through any Host, and
  // logged that `url` as it came, line breaks included (next.config.js).
  for (const host of ["127.0.0.1", "lpg.example.com"]) {
    const res = await request.get("/_next/image?url=%2Fapi%2Freport.png&w=640&q=75", { headers: { host } });
    expect(res.status(), host).toBe(404);
  }
});
