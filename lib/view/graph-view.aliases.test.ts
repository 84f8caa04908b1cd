/**
 * A function with 2,000 aliases (Lambda allows many; a deploy tool that aliases every build makes them): its details
 * carry the first page of them with the count, GET /api/graph/list pages the rest, as its other long lists. Its version
 * list, which the panel draws nowhere, is not sent.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { AnalysisReport } from "@/lib/analysis/types";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { parseSnapshot } from "@/lib/snapshot/read";
import { DETAILS_PAGE, graphIndexOf, graphView, listPage, nodeDetails, type AliasesPage } from "./graph-view";
import { loadGraphViewState } from "./url-state";

const ACCOUNT = "123456789012";
const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:builds`;
const ALIASES = 2_000;
let report: AnalysisReport;

beforeAll(() => {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-06-01T10:00:00Z", regions: ["us-east-1"] });
  const role = b.role({ name: "builds-role" });
  const fn = b.fn({ region: "us-east-1", name: "builds", runtime: "nodejs22.x", role });
  for (let v = 1; v <= 3; v++) b.version(fn, String(v), role);
  for (let i = 0; i < ALIASES; i++) b.alias(fn, `build-${i}`, String((i % 3) + 1));
  // One alias of its own way in, so that it has a node.
  b.permission(fn, { sid: "api", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:us-east-1:${ACCOUNT}:abc/*`, qualifier: "build-1999" });
  report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
}, 60_000);

function details(id: string) {
  const idx = graphIndexOf(report);
  return { idx, details: nodeDetails(idx, graphView(idx, loadGraphViewState({})).visible, id)! };
}

describe(`details of a function with ${ALIASES.toLocaleString("en")} aliases`, () => {
  it("carry the first page of its aliases with their count, and no version list", () => {
    const all = report.functions.find((f) => f.arn === FN)!.aliases!;
    expect(all).toHaveLength(ALIASES);
    const { details: d } = details(`fn:${FN}`);
    expect(d.fn).not.toHaveProperty("aliases");
    expect(d.fn).not.toHaveProperty("versions");
    expect(d.aliases).toEqual({ items: all.slice(0, DETAILS_PAGE), total: ALIASES });
    expect(JSON.stringify(d).length).toBeLessThan(50_000);
  });

  it("on an alias's node, start on the page holding its alias, which its what-if box runs as first", () => {
    const all = report.functions.find((f) => f.arn === FN)!.aliases!;
    const at = all.findIndex((a) => a.arn === `${FN}:build-1999`);
    const page = Math.floor(at / DETAILS_PAGE) + 1;
    expect(page).toBeGreaterThan(1);
    const { details: d } = details(`fn:${FN}:build-1999`);
    expect(d.openedAlias).toEqual(all[at]);
    expect(d.aliases).toEqual({ items: all.slice((page - 1) * DETAILS_PAGE, page * DETAILS_PAGE), total: ALIASES, page });
    expect(d.aliases!.items).toContainEqual(d.openedAlias);
  });

  it("a link naming an alias without a node of its own opens its function's details, on the page holding it, asking as it", () => {
    const all = report.functions.find((f) => f.arn === FN)!.aliases!;
    const at = all.findIndex((a) => a.arn === `${FN}:build-1500`);
    const page = Math.floor(at / DETAILS_PAGE) + 1;
    expect(page).toBeGreaterThan(1);
    const idx = graphIndexOf(report);
    expect(idx.byId.has(`fn:${FN}:build-1500`)).toBe(false);
    const view = graphView(idx, loadGraphViewState({ node: `fn:${FN}:build-1500` }));
    expect(view.missing).toEqual([]);
    expect(view.selected?.node.id).toBe(`fn:${FN}`);
    expect(view.selected?.openedAlias).toEqual(all[at]);
    expect(view.selected?.aliases).toEqual({ items: all.slice((page - 1) * DETAILS_PAGE, page * DETAILS_PAGE), total: ALIASES, page });
    // An alias the function does not have is still not in the snapshot.
    expect(graphView(idx, loadGraphViewState({ node: `fn:${FN}:build-9999` })).missing).toEqual([`fn:${FN}:build-9999`]);
  });

  it("a report whose function names no aliases list: an empty page, as a function's other empty lists", () => {
    const copy = structuredClone(report);
    delete copy.functions.find((f) => f.arn === FN)!.aliases;
    const idx = graphIndexOf(copy);
    expect(listPage(idx, idx.byId.get(`fn:${FN}`)!, "aliases", 2)).toEqual({ aliases: [], page: 1, pages: 1, offset: 0, total: 0 });
  });

  it("page the rest, on the function's node and on an alias's", () => {
    const all = report.functions.find((f) => f.arn === FN)!.aliases!;
    const { idx, details: d } = details(`fn:${FN}:build-1999`);
    expect(d.aliases?.total).toBe(ALIASES);
    for (const id of [`fn:${FN}`, `fn:${FN}:build-1999`]) {
      const node = idx.byId.get(id)!;
      const last = listPage(idx, node, "aliases", 40) as AliasesPage;
      expect(last).toMatchObject({ page: 40, pages: 40, offset: 39 * DETAILS_PAGE, total: ALIASES });
      expect(last.aliases).toEqual(all.slice(39 * DETAILS_PAGE));
    }
  });
});
