/** The waiting page of a snapshot not analysed yet says which account, how many functions, and then renders in place. */
import { describe, expect, it } from "vitest";
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { useSnapshotFile } from "@/test/serve-snapshot-file";
import { AnalysisProgressPoll } from "@/components/analysis-progress";

useSnapshotFile();

type Element = ReactElement<{ fallback?: ReactElement; children?: ReactNode }>;

function element(node: unknown): Element {
  if (!isValidElement(node)) throw new Error(`not an element: ${String(node)}`);
  return node as Element;
}

/** Renders a server component's element as React would: calls it with its props. */
async function rendered(node: unknown): Promise<unknown> {
  const { type, props } = element(node);
  return (type as (p: unknown) => Promise<unknown>)(props);
}

describe("WhenReportReady", () => {
  it("paints a waiting state before a served file is read, then says its account, size and first step, then the page", async () => {
    const { WhenReportReady } = await import("./when-ready");
    const { getAppStore, listingReadsSnapshot, loadReport } = await import("@/lib/store/app-store");
    const page = { searchParams: Promise.resolve({}), children: "the page" };

    // Before the file is read: a named status at once, the file not read for it.
    const first = element(await WhenReportReady(page));
    const firstHtml = renderToStaticMarkup(first.props.fallback!);
    expect(firstHtml).toContain('role="status"');
    expect(firstHtml).toContain("Loading and analysing the snapshot…");
    expect(listingReadsSnapshot()).toBe(true);

    // Inside it, once the file is read: the account, and the step the analysis this request started has reached.
    const [waiting, poll] = element(await rendered(first.props.children)).props.children as ReactElement[];
    const html = renderToStaticMarkup(element(waiting).props.fallback!);
    expect(html).toContain('role="status"');
    expect(html).toContain("Analysing account 123456789012: 84 functions in 2 regions…");
    expect(html).toMatch(/<progress[^>]*aria-label="Analysis progress"/);
    // The snapshot is in memory: its analysis has begun, so the line names its step, never "Reading the snapshot".
    expect(html).toMatch(/Step 1 of \d+: account model/);
    expect(getAppStore().reports.analyses).toBe(1);
    // The poll stands beside the boundary, not in its fallback, which React never hydrates.
    expect(element(poll).type).toBe(AnalysisProgressPoll);

    await loadReport("latest");
    expect(getAppStore().reports.analyses).toBe(1);
    expect(await WhenReportReady(page)).toBe("the page");
  });
});
