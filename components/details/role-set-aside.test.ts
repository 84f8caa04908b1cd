/**
 * A function whose Role was set aside (an ARN IAM could never give): its details and its graph node say its role is
 * unknown and why, never that it has none, and the crafted text is nowhere.
 */
import { createElement } from "react";
import { readFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { graphIndexOf, graphView, nodeDetails } from "@/lib/view/graph-view";
import { loadGraphViewState } from "@/lib/view/url-state";
import { toFlowNodes } from "@/components/graph/flow-elements";
import { DetailsPanel } from "./details-panel";

const demo = JSON.parse(readFileSync(path.resolve(__dirname, "../../data/demo-snapshot.json"), "utf8")) as {
  account: string;
  regions: Record<string, { ListFunctions: { Functions: { FunctionArn: string; Role?: string }[] } }>;
};
const WARMER = `arn:aws:lambda:us-east-1:${demo.account}:function:price-cache-warmer`;
const CRAFTED = "cache\u001b[2Jwarmer";
const at = demo.regions["us-east-1"]!.ListFunctions.Functions.findIndex((f) => f.FunctionArn === WARMER);
demo.regions["us-east-1"]!.ListFunctions.Functions[at]!.Role = `arn:aws:iam::${demo.account}:role/${CRAFTED}`;
const WHY = `Functions.${at}.Role: not an IAM role ARN (set aside when the snapshot was read)`;

function fact(html: string, label: string): string {
  const m = new RegExp(`<dt[^>]*>${label}</dt><dd[^>]*>(.*?)</dd>`).exec(html);
  return (m?.[1] ?? "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ").trim();
}

describe("a function whose Role was set aside", () => {
  const idx = graphIndexOf(analyzeSnapshot(parseSnapshot(demo)));
  const visible = graphView(idx, loadGraphViewState({})).visible;

  it("its details say the role is unknown and why", () => {
    const details = nodeDetails(idx, visible, `fn:${WARMER}`)!;
    const noop = () => {};
    const html = renderToStaticMarkup(createElement(DetailsPanel, { details, snapshotId: "s", account: demo.account, focused: false, onClose: noop, onFocus: noop, onSelect: noop }));
    expect(fact(html, "Role")).toBe(`unknown: ${WHY}`);
    expect(fact(html, "Can reach")).toMatch(/^unknown/);
    expect(html).not.toContain(CRAFTED);
  });

  it("its graph node says the role is unknown and why, in the node and its accessible name", () => {
    const node = idx.model.nodes.find((n) => n.id === `fn:${WARMER}`)!;
    expect(node.roleGap).toEqual({ why: WHY });
    const flow = toFlowNodes({ ...visible, nodes: [node], edges: [] }, {}, null);
    expect(flow[0]!.ariaLabel).toContain(`role unknown (${WHY})`);
    // A function whose role was read has none.
    expect(idx.model.nodes.filter((n) => n.roleGap).map((n) => n.id)).toEqual([`fn:${WARMER}`]);
  });
});
