/**
 * The project is Apache-2.0 and must stay distributable as such: every package the lockfile installs (runtime,
 * optional and dev) carries a license that does not bind the project otherwise. A new dependency with a strong
 * copyleft license (GPL, AGPL, SSPL…) or no declared license fails here, before it lands.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Permissive: no conditions on the project beyond notices. CC-BY-4.0 is caniuse-lite's data. */
const PERMISSIVE = new Set(["MIT", "MIT-0", "ISC", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "BlueOak-1.0.0", "CC0-1.0", "CC-BY-4.0", "Python-2.0", "Unlicense"]);

/**
 * Weak copyleft, accepted because its terms stop at the dependency's own files and we ship them unmodified:
 * MPL-2.0 (lightningcss, axe-core), EPL-2.0 (elkjs, dual-licensed with GPL-3.0: we take EPL-2.0), and LGPL-3.0
 * only for sharp's prebuilt libvips binaries, which Next.js loads dynamically for image optimisation.
 */
const WEAK_COPYLEFT: Readonly<Record<string, (pkg: string) => boolean>> = {
  "MPL-2.0": () => true,
  "EPL-2.0": () => true,
  "LGPL-3.0-or-later": (pkg) => pkg.startsWith("@img/sharp-"),
};

interface LockPackage {
  license?: string;
}

/** Whether a package's SPDX expression lets an Apache-2.0 project use it: one acceptable OR branch, every AND term. */
function licenseAcceptable(pkg: string, expression: string | undefined): boolean {
  if (!expression) return false;
  const bare = expression.replace(/[()]/g, "");
  const termAcceptable = (term: string) => PERMISSIVE.has(term) || (WEAK_COPYLEFT[term]?.(pkg) ?? false);
  return bare.split(/\s+OR\s+/).some((branch) => branch.trim().split(/\s+AND\s+/).every(termAcceptable));
}

function lockedPackages(): [string, LockPackage][] {
  const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8")) as { packages: Record<string, LockPackage> };
  return Object.entries(lock.packages)
    .filter(([path]) => path !== "")
    .map(([path, entry]) => [path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length), entry]);
}

describe("dependency licenses", () => {
  it("accepts permissive and scoped weak-copyleft terms, refuses strong copyleft and undeclared ones", () => {
    expect(licenseAcceptable("@cloud-copilot/iam-simulate", "AGPL-3.0-only")).toBe(false);
    expect(licenseAcceptable("some-lib", "GPL-2.0-or-later")).toBe(false);
    expect(licenseAcceptable("some-lib", "SSPL-1.0")).toBe(false);
    expect(licenseAcceptable("some-lib", undefined)).toBe(false);
    expect(licenseAcceptable("some-lib", "MIT AND GPL-3.0-only")).toBe(false);
    expect(licenseAcceptable("some-lib", "LGPL-3.0-or-later")).toBe(false);
    expect(licenseAcceptable("@img/sharp-libvips-linux-x64", "LGPL-3.0-or-later")).toBe(true);
    expect(licenseAcceptable("elkjs", "EPL-2.0 OR GPL-3.0-or-later")).toBe(true);
    expect(licenseAcceptable("some-lib", "(MIT OR GPL-3.0-only)")).toBe(true);
    expect(licenseAcceptable("some-lib", "Apache-2.0 AND MIT")).toBe(true);
  });

  it("every package in package-lock.json is usable by an Apache-2.0 project", () => {
    const packages = lockedPackages();
    expect(packages.length).toBeGreaterThan(100);
    const refused = packages.filter(([name, entry]) => !licenseAcceptable(name, entry.license)).map(([name, entry]) => `${name}: ${entry.license ?? "no license declared"}`);
    expect(refused).toEqual([]);
  });

  it("does not install the AGPL evaluator the project must not use", () => {
    const names = lockedPackages().map(([name]) => name);
    expect(names).not.toContain("@cloud-copilot/iam-simulate");
    expect(names).not.toContain("@cloud-copilot/iam-expand");
  });
});
