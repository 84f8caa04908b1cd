/**
 * Every route the app serves, found by walking app/ (each page.tsx and route.ts, including ones added later),
 * with a concrete sample URL per route. Used by the access tests (vitest and e2e) to prove that nothing is
 * reachable anonymously when sign-in is on. Relative imports only: Playwright loads this file too.
 */
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface AppRoute {
  /** The file, relative to the project root, e.g. `app/(dashboard)/graph/page.tsx`. */
  file: string;
  kind: "page" | "api";
  /** The route pattern, e.g. `/api/auth/[...nextauth]`. */
  pattern: string;
  /** A URL path that reaches it, dynamic segments filled with sample values. */
  samplePath: string;
}

const PAGE = /^page\.(tsx|ts|jsx|js|mdx)$/;
const ROUTE = /^route\.(ts|js)$/;

function segmentSample(segment: string): string | null {
  if (/^\(.*\)$/.test(segment) || segment.startsWith("@")) return null; // route group, parallel slot: not in the URL
  if (/^\[\[\.\.\..+\]\]$/.test(segment)) return "sample/path";
  if (/^\[\.\.\..+\]$/.test(segment)) return "sample/path";
  if (/^\[.+\]$/.test(segment)) return "sample";
  return segment;
}

export function listAppRoutes(root: string): AppRoute[] {
  const appDir = join(root, "app");
  const routes: AppRoute[] = [];
  function walk(dir: string, segments: string[]): void {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_") || entry.name === "node_modules") continue; // private folders are not routable
        walk(join(dir, entry.name), [...segments, entry.name]);
      } else if (PAGE.test(entry.name) || ROUTE.test(entry.name)) {
        const visible = segments.filter((s) => segmentSample(s) !== null);
        const pattern = `/${visible.join("/")}`;
        const samplePath = `/${visible.map((s) => segmentSample(s)).join("/")}`;
        routes.push({
          file: relative(root, join(dir, entry.name)).split(sep).join("/"),
          kind: ROUTE.test(entry.name) ? "api" : "page",
          pattern,
          samplePath,
        });
      }
    }
  }
  walk(appDir, []);
  return routes.sort((a, b) => a.file.localeCompare(b.file));
}
