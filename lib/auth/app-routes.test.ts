/**
 * The route walk the access tests rely on finds every file Next serves as a route: route handlers and pages in each
 * extension Next compiles, and metadata files, which are routes too; and nothing Next does not route.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listAppRoutes } from "./app-routes";

const root = mkdtempSync(join(tmpdir(), "lpg-app-routes-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function files(...paths: string[]): void {
  for (const p of paths) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), "");
  }
}

describe("listAppRoutes", () => {
  files(
    "app/api/a/route.ts",
    "app/api/b/route.tsx",
    "app/api/c/[id]/route.jsx",
    "app/api/d/route.js",
    "app/(group)/e/page.tsx",
    "app/f/page.jsx",
    "app/icon.svg",
    "app/robots.ts",
    "app/sitemap.ts",
    "app/manifest.webmanifest",
    "app/(group)/e/opengraph-image.tsx",
    "app/g/twitter-image.png",
    // Not routes: private folders, tests, layouts, components, an extension Next does not compile here.
    "app/_private/route.ts",
    "app/api/a/route.test.ts",
    "app/(group)/layout.tsx",
    "app/f/widget.tsx",
    "app/h/page.mdx",
  );
  const routes = listAppRoutes(root);
  const found = Object.fromEntries(routes.map((r) => [r.file, `${r.kind} ${r.pattern} ${r.samplePath}`]));

  it("finds route handlers and pages in every extension Next compiles", () => {
    expect(found).toMatchObject({
      "app/api/a/route.ts": "api /api/a /api/a",
      "app/api/b/route.tsx": "api /api/b /api/b",
      "app/api/c/[id]/route.jsx": "api /api/c/[id] /api/c/sample",
      "app/api/d/route.js": "api /api/d /api/d",
      "app/(group)/e/page.tsx": "page /e /e",
      "app/f/page.jsx": "page /f /f",
    });
  });

  it("finds metadata files, static and generated, at the URLs Next serves them", () => {
    expect(found).toMatchObject({
      "app/icon.svg": "metadata /icon.svg /icon.svg",
      "app/robots.ts": "metadata /robots.txt /robots.txt",
      "app/sitemap.ts": "metadata /sitemap.xml /sitemap.xml",
      "app/manifest.webmanifest": "metadata /manifest.webmanifest /manifest.webmanifest",
      "app/(group)/e/opengraph-image.tsx": "metadata /e/opengraph-image /e/opengraph-image",
      "app/g/twitter-image.png": "metadata /g/twitter-image.png /g/twitter-image.png",
    });
  });

  it("finds nothing else", () => {
    expect(routes).toHaveLength(12);
  });
});

describe("app-routes.ts as Playwright loads it", () => {
  // e2e/auth-access.spec.ts imports this file through Playwright's own loader, not vitest's or tsx's: a package subpath
  // without its extension resolves in both of those and fails there, and the whole e2e run stops at listing its tests.
  it("lets Playwright list the spec that imports it", () => {
    const root = join(import.meta.dirname, "..", "..");
    const r = spawnSync(process.execPath, [join(root, "node_modules", "@playwright", "test", "cli.js"), "test", "--list", "e2e/auth-access.spec.ts"], { cwd: root, encoding: "utf8" });
    expect(r.stderr + r.stdout).not.toMatch(/Error/);
    expect(r.stdout).toMatch(/Total: [1-9]\d* tests in 1 file/);
  }, 120_000);
});
