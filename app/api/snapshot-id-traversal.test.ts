/**
 * A snapshot id in a link or a query is never a path: ids that climb out of the store (`..`, encoded, backslashes,
 * NUL) reach no file, even one beside the store that holds a readable snapshot of another account.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { DEMO_SNAPSHOT, useDataDir } from "@/test/data-dir";

const OTHER_ACCOUNT = "999988887777";
const dir = useDataDir("lpg-id-traversal-", { demo: DEMO_SNAPSHOT });

beforeAll(() => {
  // A snapshot of another account where `snapshots/<id>.json.gz` with id `../outside` would name it.
  const other = readFileSync(DEMO_SNAPSHOT, "utf8").replaceAll("123456789012", OTHER_ACCOUNT);
  writeFileSync(path.join(dir, "outside.json.gz"), gzipSync(other));
  writeFileSync(path.join(dir, "outside.json"), other);
});

const IDS = ["../outside", "..%2Foutside", "%2e%2e%2foutside", "..\\outside", "../outside%00", "snapshots/../../outside", "/etc/passwd", `${dir}/outside`];

async function get(route: string, query: string): Promise<Response> {
  const mod = (await import(`./${route}/route`)) as { GET: (r: NextRequest) => Promise<Response> };
  return mod.GET(new NextRequest(`http://127.0.0.1:3000/api/${route}?${query}`, { headers: { host: "127.0.0.1:3000" } }));
}

describe("snapshot ids that name paths", () => {
  it.each(IDS)("%s reaches no file: report, graph and diff refuse it", async (id) => {
    const q = encodeURIComponent(decodeURIComponent(id));
    for (const [route, query] of [["report", `snapshot=${q}`], ["graph", `snapshot=${q}`], ["snapshots/diff", `from=${q}&to=latest`], ["snapshots/diff", `from=latest&to=${q}`]] as const) {
      const res = await get(route, query);
      expect([400, 404], `${route}?${query}`).toContain(res.status);
      expect(await res.text()).not.toContain(OTHER_ACCOUNT);
    }
  });

  it("the stored demo still answers (the refusals above are not the store failing)", async () => {
    const res = await get("report", "snapshot=latest");
    expect(res.status).toBe(200);
    expect((await res.json()).account).toBe("123456789012");
  });
});
