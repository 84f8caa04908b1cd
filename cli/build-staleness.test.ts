import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildIsStale } from "./commands/serve";

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A project root with a build made at t=1000 s and each given file written at t=2000 s (after it) or 500 s (before). */
function project(files: Record<string, "before" | "after">): string {
  const root = mkdtempSync(path.join(tmpdir(), "lpg-stale-"));
  roots.push(root);
  mkdirSync(path.join(root, ".next"));
  writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
  utimesSync(path.join(root, ".next", "BUILD_ID"), 1000, 1000);
  for (const [file, when] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), "x");
    const t = when === "after" ? 2000 : 500;
    utimesSync(path.join(root, file), t, t);
  }
  return root;
}

describe("serve rebuilds when what the build is made of changed", () => {
  it("is fresh when every source is older than the build", () => {
    expect(buildIsStale(project({ "app/page.tsx": "before", "proxy.ts": "before", "next.config.js": "before" }))).toBe(false);
  });

  it("is stale without a build", () => {
    const root = project({});
    rmSync(path.join(root, ".next"), { recursive: true });
    expect(buildIsStale(root)).toBe(true);
  });

  // The build compiles more than the source folders: the request proxy (auth, headers), the start-up hook and the CSS
  // pipeline too.
  for (const file of ["app/graph/page.tsx", "components/x.tsx", "lib/a/b.ts", "public/logo.svg", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "tailwind.config.ts", "postcss.config.mjs"]) {
    it(`is stale when ${file} is newer than the build`, () => {
      expect(buildIsStale(project({ [file]: "after" }))).toBe(true);
    });
  }
});
