/**
 * The evidence lists of a node that is no function go past their first page: a pager with real buttons and a count
 * said politely, as a function's own lists have, rather than "and 1,950 more" and no way to read them. A group's way in
 * names the member it comes from, as text.
 */
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { DETAILS_PAGE } from "@/lib/view/paging";
import type { CallerWay, RoleReach } from "@/lib/view/node-ways";
import { CallerWays, ReachedByList, RoleReachList } from "./node-ways";

const ACCOUNT = "123456789012";
const place = { snapshotId: "s1", nodeId: "group:event-source:sqs" };
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

describe("a node's evidence past its first page", async () => {
  const report = analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json")));
  const fn = report.functions.find((f) => f.name === "orders-processor")!;
  const mapping = fn.invokers.find((i) => i.via === "event-source-mapping")!;
  const way = (from: string): CallerWay => ({ fn: fn.name, fnArn: fn.arn, invoker: mapping, from });
  const ways = Array.from({ length: DETAILS_PAGE }, (_, i) => way(`queue-${i}`));

  it("pages the ways in, counting all of them, with buttons to the next page", () => {
    const html = renderToStaticMarkup(createElement(CallerWays, { ways: { items: ways, total: 120 }, place }));
    expect(html).toMatch(/<nav aria-label="Pages of the ways in"/);
    expect(text(html)).toContain("Showing 1–50 of 120 ways in (page 1 of 3)");
    expect(html).toMatch(/<p aria-live="polite"/);
    expect(html).toMatch(/<button type="button"[^>]*>Next page<\/button>/);
    expect(html).not.toMatch(/and 70 more/);
  });

  it("says which member of a group each way in comes from, as text", () => {
    const html = renderToStaticMarkup(createElement(CallerWays, { ways: { items: [way('<img src=x onerror="alert(1)">')], total: 1 }, place }));
    expect(html).not.toContain("<img");
    expect(text(html)).toContain(`&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Into orders-processor`);
    // One page: no pager.
    expect(html).not.toContain("<nav");
  });

  it("names a group's event source once, above its way in, and a single node's in its line", () => {
    const queue = mapping.sourceArn!;
    const grouped = text(renderToStaticMarkup(createElement(CallerWays, { ways: { items: [way("orders-queue")], total: 1 }, place })));
    expect(grouped).toMatch(/^orders-queue Into orders-processor · mapping \S+ lambda\.amazonaws\.com via event source mapping \(/);
    expect(grouped).not.toContain(queue);
    const alone = text(renderToStaticMarkup(createElement(CallerWays, { ways: { items: [{ ...way(""), from: undefined }], total: 1 }, place })));
    expect(alone).toContain(`via event source mapping from ${queue}`);
  });

  it("pages a role's reach and the roles reaching a resource", () => {
    const reach = fn.reaches[0]!;
    const reaches = renderToStaticMarkup(createElement(RoleReachList, { reaches: { items: Array(DETAILS_PAGE).fill(reach), total: 51 }, account: ACCOUNT, place }));
    expect(text(reaches)).toContain("Showing 1–50 of 51 resources (page 1 of 2)");
    const byRole: RoleReach[] = Array(DETAILS_PAGE).fill({ role: "orders-processor-role", reach });
    const reachedBy = renderToStaticMarkup(createElement(ReachedByList, { reachedBy: { items: byRole, total: 2_000 }, account: ACCOUNT, place }));
    expect(text(reachedBy)).toContain("Showing 1–50 of 2,000 reaching roles (page 1 of 40)");
  });
});
