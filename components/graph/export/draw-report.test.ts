/** The PNG report's canvas text, read from a recording context (the words drawn, not the pixels). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { drawReport } from "./draw-report";
import { composeReportHeader } from "@/lib/report-png/header";
import { reportLayout } from "@/lib/report-png/layout";

/** A 2D context that records fillText and measures each character 7 px wide; every other call does nothing. */
function recordingCanvas(texts: string[]) {
  const ctx = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, key) => {
      if (key === "fillText") return (text: string) => texts.push(text);
      if (key === "measureText") return (text: string) => ({ width: text.length * 7 });
      return key in target ? target[key] : () => undefined;
    },
    set: (target, key, value) => ((target[key] = value), true),
  });
  return { width: 0, height: 0, style: {}, getContext: () => ctx };
}

afterEach(() => vi.unstubAllGlobals());

describe("drawReport", () => {
  it("prints the header's finding counts as the rest of the dashboard does: Medium 1,001, not Medium 1001", () => {
    const texts: string[] = [];
    vi.stubGlobal("document", { createElement: () => recordingCanvas(texts) });
    const header = composeReportHeader({
      account: "123456789012",
      regions: ["us-east-1"],
      capturedAt: "2026-11-20T09:30:00Z",
      filters: { sev: [], svc: [], region: [], findings: false },
      shown: 1,
      matching: 1,
      total: 1,
      counts: { critical: 0, high: 2, medium: 1_001, low: 0, info: 12_345 },
    });
    drawReport(reportLayout({ width: 800, height: 600 }), header, {} as CanvasImageSource);
    expect(texts).toEqual(expect.arrayContaining(["High 2", "Medium 1,001", "Info 12,345"]));
    expect(texts).not.toContain("Medium 1001");
  });
});
