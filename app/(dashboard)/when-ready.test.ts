/** The waiting page of a snapshot not analysed yet says which account, how many functions, and then renders in place. */
import { describe, expect, it } from "vitest";
import { isValidElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { useSnapshotFile } from "@/test/serve-snapshot-file";

useSnapshotFile();

describe("WhenReportReady", () => {
  it("while the demo is analysed, says its account, functions and regions, with a progress bar; once analysed, the page", async () => {
    const { WhenReportReady } = await import("./when-ready");
    const waiting = await WhenReportReady({ searchParams: Promise.resolve({}), children: "the page" });
    if (!isValidElement(waiting)) throw new Error("no waiting state");
    const html = renderToStaticMarkup((waiting as ReactElement<{ fallback: ReactElement }>).props.fallback);
    expect(html).toContain('role="status"');
    expect(html).toContain("Analysing account 123456789012: 84 functions in 2 regions…");
    expect(html).toMatch(/<progress[^>]*aria-label="Analysis progress"/);
    expect(html).toMatch(/Reading the snapshot|Step \d+ of \d+: /);

    const { loadReport } = await import("@/lib/store/app-store");
    await loadReport("latest");
    expect(await WhenReportReady({ searchParams: Promise.resolve({}), children: "the page" })).toBe("the page");
  });
});
