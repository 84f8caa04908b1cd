/**
 * Every route the app serves, found by walking app/ by Next's own rules (each page and route handler in any of the
 * extensions Next compiles, and each metadata file: icon.svg, robots.ts, opengraph-image.tsx…; including ones added
 * later), with a concrete sample URL per route. Used by the access tests (vitest and e2e) to prove that nothing is
 * reachable anonymously when sign-in is on. Relative imports only: Playwright loads this file too.
 */
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { isMetadataRouteFile } from "next/dist/lib/metadata/is-metadata-route.js";

export interface AppRoute {
  /** The file, relative to the project root, e.g. `app/(dashboard)/graph/page.tsx`. */
  file: string;
  /** `metadata`: a file Next serves as a route of its own (icon.svg, robots.ts, sitemap.ts, opengraph-image.tsx…). */
  kind: "page" | "api" | "metadata";
  /** The route pattern, e.g. `/api/auth/[...nextauth]`. */
  pattern: string;
  /** A URL path that reaches it, dynamic segments filled with sample values. */
  samplePath: string;
}

/**
 * Next's default page extensions (next.config.js sets no `pageExtensions`): a route handler may be route.tsx as well as
 * route.ts, and one the walk did not find would escape route-guards.test.ts's check.
 */
const PAGE_EXTENSIONS = ["tsx", "ts", "jsx", "js"];
const PAGE = new RegExp(`^page\\.(${PAGE_EXTENSIONS.join("|")})$`);
const ROUTE = new RegExp(`^route\\.(${PAGE_EXTENSIONS.join("|")})$`);
/** What a dynamic metadata file answers as: robots.ts at /robots.txt; images (icon.tsx) at their name. */
const METADATA_URL_EXTENSION: Record<string, string> = { robots: ".txt", sitemap: ".xml", manifest: ".webmanifest" };

function metadataSample(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const [base, ext] = [fileName.slice(0, dot), fileName.slice(dot + 1)];
  return PAGE_EXTENSIONS.includes(ext) ? `${base}${METADATA_URL_EXTENSION[base] ?? ""}` : fileName;
}

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
      } else {
        const metadata = isMetadataRouteFile(`/${[...segments, entry.name].join("/")}`, PAGE_EXTENSIONS, true);
        if (!metadata && !PAGE.test(entry.name) && !ROUTE.test(entry.name)) continue;
        const visible = segments.filter((s) => segmentSample(s) !== null);
        const leaf = metadata ? [metadataSample(entry.name)] : [];
        routes.push({
          file: relative(root, join(dir, entry.name)).split(sep).join("/"),
          kind: metadata ? "metadata" : ROUTE.test(entry.name) ? "api" : "page",
          pattern: `/${[...visible, ...leaf].join("/")}`,
          samplePath: `/${[...visible.map((s) => segmentSample(s)), ...leaf].join("/")}`,
        });
      }
    }
  }
  walk(appDir, []);
  return routes.sort((a, b) => a.file.localeCompare(b.file));
}
