/**
 * The README and docs/ point readers at files and sections; a rename or a reworded heading silently breaks those
 * pointers, so every relative link must name a file that exists and, with a #fragment, a heading it has.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const documents = ["README.md", "data/DEMO.md", ...readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Fenced code is shown, not linked: `[x](y)` inside it is no link. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "");
}

function anchorsOf(markdown: string): Set<string> {
  return new Set([...withoutFences(markdown).matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => headingAnchor((m[1] ?? "").replace(/`/g, ""))));
}

/** Relative link targets of a markdown text (images too); absolute URLs and mailto: are another site's concern. */
function relativeLinks(markdown: string): string[] {
  return [...withoutFences(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1] ?? "")
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** What is wrong with one link of `document`, or undefined when it leads somewhere. */
function brokenLink(document: string, target: string): string | undefined {
  const [file, fragment] = target.split("#", 2);
  const resolved = file ? path.join(root, path.dirname(document), decodeURIComponent(file)) : path.join(root, document);
  if (!existsSync(resolved)) return `${document}: ${target} names no file`;
  if (fragment && !statSync(resolved).isDirectory() && !anchorsOf(readFileSync(resolved, "utf8")).has(fragment)) {
    return `${document}: ${target} names no heading of ${path.relative(root, resolved)}`;
  }
  return undefined;
}

describe("documentation links", () => {
  it("turns a heading into GitHub's anchor", () => {
    expect(headingAnchor("Behind a reverse proxy (TLS)")).toBe("behind-a-reverse-proxy-tls");
    expect(headingAnchor("Dependencies and hand-written parts")).toBe("dependencies-and-hand-written-parts");
  });

  it("reports a link to a missing file or heading, and takes links in code fences as text", () => {
    expect(brokenLink("README.md", "docs/no-such-page.md")).toMatch(/names no file/);
    expect(brokenLink("README.md", "docs/scan.md#no-such-heading")).toMatch(/names no heading/);
    expect(brokenLink("docs/ci.md", "scan.md")).toBeUndefined();
    expect(relativeLinks("[a](x.md) [b](https://example.com) ![c](d.png)\n```\n[e](f.md)\n```\n")).toEqual(["x.md", "d.png"]);
  });

  it.each(documents)("%s links only to files and headings that exist", (document) => {
    const text = readFileSync(path.join(root, document), "utf8");
    const links = relativeLinks(text);
    const broken = links.map((target) => brokenLink(document, target)).filter((problem) => problem !== undefined);
    expect(broken).toEqual([]);
  });
});
