/**
 * An empty reach list said "nothing beyond logs", untrue of every role: logs are listed like any other grant, and the
 * demo's legacy-ftp-poller, whose role does not exist, cannot even run.
 */
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { nodeId } from "@/lib/graph/build";
import { graphIndexOf, graphView, nodeDetails } from "@/lib/view/graph-view";
import { loadGraphViewState } from "@/lib/view/url-state";
import { emptyReachText } from "@/lib/view/function-gaps";
import { DetailsPanel } from "./details-panel";

const ACCOUNT = "123456789012";
const fnId = (name: string) => nodeId.fn(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`);

describe("Can reach of a function's details", async () => {
  const idx = graphIndexOf(analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json"))));
  const view = graphView(idx, loadGraphViewState({})).visible;
  const noop = () => {};
  const panel = (name: string) =>
    renderToStaticMarkup(
      createElement(DetailsPanel, { details: nodeDetails(idx, view, fnId(name))!, snapshotId: "s", account: ACCOUNT, focused: false, onClose: noop, onFocus: noop, onSelect: noop }),
    );
  /** The text of the `<dd>` after the `<dt>` labelled `label`, tags dropped. */
  const fact = (html: string, label: string) =>
    (new RegExp(`<dt[^>]*>${label}</dt><dd[^>]*>(.*?)</dd>`).exec(html)?.[1] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

  it("can reach nothing, and its panel says why instead of claiming logs", () => {
    expect(fact(panel("legacy-ftp-poller"), "Can reach")).toBe("nothing: its role does not exist, so it cannot run");
  });

  it("a role that is there and reaches nothing reaches nothing, logs included", () => {
    expect(emptyReachText(undefined)).toBe("nothing");
    expect(emptyReachText("missing")).toBe("nothing: its role does not exist, so it cannot run");
  });

  it("a function whose role reaches things lists them, with no note above", () => {
    const reach = fact(panel("orders-processor"), "Can reach");
    expect(reach).toContain("sqs: orders-queue");
    expect(reach).not.toContain("nothing");
  });
});
