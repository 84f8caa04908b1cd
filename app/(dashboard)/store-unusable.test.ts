/** The snapshots and compare pages on a data directory the server cannot use: what to fix, not the error page. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderToStaticMarkup } from "react-dom/server";

// The header reads the session (an async server component); these tests are about the page body.
vi.mock("@/components/app-header", () => ({ AppHeader: () => null, MAIN_ID: "content" }));
// Outside a request, connection() has no request to wait for.
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), connection: async () => undefined }));

const STORE_KEY = Symbol.for("lambda-permissions-graph.app-store");
const saved = { dir: process.env.LPG_DATA_DIR, file: process.env.LPG_SNAPSHOT_FILE };
let dir = "";

// Root (as these tests run) writes into a read-only directory: a file where the store's directory should be fails
// for everyone, through the same path as EACCES.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lpg-store-unusable-"));
  await writeFile(join(dir, "snapshots"), "not a directory");
  process.env.LPG_DATA_DIR = dir;
  delete process.env.LPG_SNAPSHOT_FILE;
  delete (globalThis as Record<symbol, unknown>)[STORE_KEY];
});
afterAll(async () => {
  for (const [key, value] of [["LPG_DATA_DIR", saved.dir], ["LPG_SNAPSHOT_FILE", saved.file]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  delete (globalThis as Record<symbol, unknown>)[STORE_KEY];
  await rm(dir, { recursive: true, force: true });
});

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;|&apos;/g, "'");
const reason = () => `cannot read the snapshot store in ${dir} (ENOTDIR): set LPG_DATA_DIR to a directory you can write`;

describe("a store directory the server cannot use", () => {
  it("the snapshots page says why, under its own title", async () => {
    const { default: SnapshotsPage } = await import("./snapshots/page");
    const html = renderToStaticMarkup(await SnapshotsPage({ searchParams: Promise.resolve({}) }));
    expect(html).toMatch(/<h1[^>]*>Snapshots<\/h1>/);
    expect(text(html)).toContain(reason());
  });

  it("the compare page says why", async () => {
    const { default: ComparePage } = await import("./snapshots/compare/page");
    const html = renderToStaticMarkup(await ComparePage({ searchParams: Promise.resolve({}) }));
    expect(html).toMatch(/<h1[^>]*>Compare scans<\/h1>/);
    expect(text(html)).toContain(reason());
  });
});
