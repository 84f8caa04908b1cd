/** The PNG report's canvas text, read from a recording context (the words drawn, not the pixels). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { drawReport } from "./draw-report";
import { composeReportHeader } from "@/lib/report-png/header";
import { reportLayout } from "@/lib/report-png/layout";
import { dataGaps } from "@/lib/view/data-gaps";
import { MALFORMED_RESPONSE } from "@/lib/snapshot/schema";

/** What a fillRect or fillText drew, in which fill colour. */
type Painted = { text?: string; fill: unknown };

/**
 * A 2D context that records fillText (and, in `painted`, every fill with its colour; in `ys`, each text's baseline) and measures each character
 * 7 px wide; every other call does nothing.
 */
function recordingCanvas(texts: string[], painted: Painted[] = [], ys: number[] = []) {
  const ctx = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, key) => {
      if (key === "fillText") return (text: string, _x: number, y: number) => (texts.push(text), ys.push(y), painted.push({ text, fill: target.fillStyle }));
      if (key === "fillRect") return () => painted.push({ fill: target.fillStyle });
      if (key === "measureText") return (text: string) => ({ width: text.length * 7 });
      return key in target ? target[key] : () => undefined;
    },
    set: (target, key, value) => ((target[key] = value), true),
  });
  return { width: 0, height: 0, style: {}, getContext: () => ctx };
}

afterEach(() => vi.unstubAllGlobals());

/** The words drawn for one view's header, on an 800 × 600 report. */
function drawnTexts(view: Partial<Parameters<typeof composeReportHeader>[0]>, painted: Painted[] = []): string[] {
  const texts: string[] = [];
  vi.stubGlobal("document", { createElement: () => recordingCanvas(texts, painted) });
  const header = composeReportHeader({
    account: "123456789012",
    regions: ["us-east-1"],
    capturedAt: "2026-11-20T09:30:00Z",
    filters: { sev: [], svc: [], region: [], findings: false },
    shown: 1,
    matching: 1,
    total: 1,
    counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    ...view,
  });
  drawReport(reportLayout({ width: 800, height: 600 }), header, {} as CanvasImageSource);
  return texts;
}

describe("drawReport", () => {
  it("prints the header's finding counts as the rest of the dashboard does: Medium 1,001, not Medium 1001", () => {
    const texts = drawnTexts({ counts: { critical: 0, high: 2, medium: 1_001, low: 0, info: 12_345 } });
    expect(texts).toEqual(expect.arrayContaining(["High 2", "Medium 1,001", "Info 12,345"]));
    expect(texts).not.toContain("Medium 1001");
  });
});

describe("the header's Can do line", () => {
  it("is drawn, and the band grows for it so the finding counts stay below it", () => {
    const texts: string[] = [];
    const ys: number[] = [];
    vi.stubGlobal("document", { createElement: () => recordingCanvas(texts, [], ys) });
    const header = composeReportHeader({
      account: "123456789012",
      regions: ["us-east-1"],
      capturedAt: "2026-11-20T09:30:00Z",
      filters: { sev: [], svc: [], region: [], findings: false, reach: "s3:GetObject", on: "" },
      focus: { kind: "function", label: "f" },
      shown: 1,
      matching: 1,
      total: 1,
      reachCounts: { allowed: 0, conditional: 0, unknown: 0, denied: 1 },
      counts: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
    });
    drawReport(reportLayout({ width: 800, height: 600 }, header.lines.length), header, {} as CanvasImageSource);
    const line = texts.indexOf("Can do s3:GetObject on any resource: 0 allowed, 0 conditional, 0 unknown, 1 denied, 0 cannot (of the function in focus)");
    expect(line).toBeGreaterThan(-1);
    // The chips' text sits 13 px under their top: the line's baseline above that top, with room for descenders.
    expect(ys[texts.indexOf("High 1")]! - 13 - ys[line]!).toBeGreaterThanOrEqual(4);
  });
});

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("the header's severity chips", () => {
  it("write every severity's count at 4.5:1 or more on its chip (white on amber read as nothing in a pasted report)", () => {
    const painted: Painted[] = [];
    drawnTexts({ counts: { critical: 1, high: 2, medium: 3, low: 4, info: 5 } }, painted);
    const chips = ["Critical 1", "High 2", "Medium 3", "Low 4", "Info 5"].map((text) => {
      const at = painted.findIndex((p) => p.text === text);
      const chip = painted.slice(0, at).findLast((p) => p.text === undefined);
      return { text, ratio: Math.round(contrast(String(painted[at]?.fill), String(chip?.fill)) * 10) / 10 };
    });
    expect(chips.filter((c) => !(c.ratio >= 4.5))).toEqual([]);
  });
});

describe("user text in the header", () => {
  it("is drawn on the canvas as the characters it is: markup is text, a hidden character an escape", () => {
    const texts = drawnTexts({
      focus: { kind: "event-source", label: "<img src=x onerror=alert(1)>" },
      selected: { kind: "resource", label: "<b>bold</b>\u202e" },
      regions: ["<script>alert(1)</script>"],
    });
    expect(texts).toContainEqual(expect.stringMatching(/ · region <script>alert\(1\)<\/script>$/));
    expect(texts).toContain("Focus: Event source <img src=x onerror=alert(1)> (1 function) · selected: Resource <b>bold</b>\\u202e");
  });
});

describe("a report of a scan with gaps", () => {
  it("keeps the whole unknown warning in the image when the note does not fit beside the counts: what is cut is the accepted findings", () => {
    const texts = drawnTexts({
      shown: 5,
      matching: 5,
      total: 5,
      counts: { critical: 1, high: 2, medium: 3, low: 4, info: 5 },
      accepted: 12,
      gaps: [
        { count: 1, text: "1 part of the account was not read" },
        { count: 2, text: "2 API calls failed during the scan" },
      ],
    });
    const note = texts.find((t) => t.startsWith("· "));
    expect(note).toMatch(/^· Not read: 1 part of the account was not read · 2 API calls failed during the scan \(unknown, not fine\) · 12 findings of the account accepted in the .*…$/);
  });

  /** A scan that could not read 200 things, 50 of each kind the header counts. */
  const twoHundredGaps = () =>
    dataGaps({
      unknown: Array.from({ length: 50 }, (_, i) => `GetPolicy on function f${i}: not read`),
      errors: Array.from({ length: 100 }, (_, i) => ({
        region: "us-east-1",
        operation: "GetFunction",
        target: `f${i}`,
        code: i < 50 ? "ThrottlingException" : MALFORMED_RESPONSE,
      })),
      problems: Array.from({ length: 50 }, (_, i) => ({ where: `role r${i}`, why: "policy document is not JSON" })),
    })!.parts;

  it("with 200 unread items beside five long counts, names what fits and counts the rest exactly, never cutting the warning", () => {
    const gaps = twoHundredGaps();
    expect(gaps.reduce((n, p) => n + p.count, 0)).toBe(200);
    const texts = drawnTexts({ counts: { critical: 1_234, high: 23_456, medium: 34_567, low: 45_678, info: 56_789 }, accepted: 12, gaps });
    const note = texts.find((t) => t.startsWith("· "));
    expect(note).toBe("· Not read: 50 parts of the account were not read · 50 API calls failed during the scan · and 100 more (unknown, not fine)");
  });

  it("counts every gap in one number when no named kind fits beside the counts", () => {
    const gaps = twoHundredGaps().map((p, i) => (i === 0 ? { ...p, text: `${p.text} ${"of a very long account name ".repeat(6)}` } : p));
    const texts = drawnTexts({ counts: { critical: 1_234, high: 23_456, medium: 34_567, low: 45_678, info: 56_789 }, gaps });
    expect(texts.find((t) => t.startsWith("· "))).toBe("· Not read: 200 gaps (unknown, not fine)");
  });
});
