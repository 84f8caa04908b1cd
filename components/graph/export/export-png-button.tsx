"use client";
/**
 * "Export PNG": the current view (focus, filters) as a report image with header and legend, downloaded.
 * On a print page (`?print=1`, used by /api/report.png and `cli report`) the same renderer is exposed as
 * `window.lpgRenderReport()` so the server's headless browser produces exactly what this button downloads.
 */
import { useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Severity } from "@/lib/analysis/types";
import type { GraphFacets } from "@/lib/view/graph-view";
import type { VisibleGraph } from "@/lib/view/visible-graph";
import { compareInView, composeReportHeader, type ReportViewFilters } from "@/lib/report-png/header";
import { reportFileName } from "@/lib/report-format/file-name";
import type { FlowEdge, FlowNode } from "../flow-types";
import { exportFailureText } from "./export-failure";

declare global {
  interface Window {
    /** Print pages only: renders the report and resolves to a PNG data URL. */
    lpgRenderReport?: () => Promise<string>;
  }
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("could not read the PNG"));
    reader.readAsDataURL(blob);
  });
}

export interface ExportPngButtonProps {
  facts: Pick<GraphFacets, "snapshotId" | "compareId" | "account" | "regions" | "capturedAt" | "accepted" | "dataGaps">;
  visible: VisibleGraph;
  /** The Can do question's name asked as its ARN, in words (GraphView.reachAskedAs). */
  reachAskedAs?: string;
  /** Findings on the drawn nodes by severity (counted by the server, which holds them). */
  counts: Record<Severity, number>;
  filters: ReportViewFilters;
  /** The selected node, which the image draws highlighted. */
  selectedId?: string | null;
  /** Compare mode: the nodes outlined as changed, and the compared scan's capture time. */
  changedIds?: ReadonlySet<string>;
  comparedAt?: string;
}

export function ExportPngButton({ facts, visible, counts, reachAskedAs, filters, selectedId, changedIds, comparedAt }: ExportPngButtonProps) {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const ref = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [failed, setFailed] = useState(false);
  // Composed per render: the header says when the image was made.
  const headerAt = useCallback(
    (generatedAt: string) => {
      const selected = selectedId ? visible.nodes.find((n) => n.id === selectedId) : undefined;
      return composeReportHeader({
        snapshotId: facts.snapshotId,
        generatedAt,
        account: facts.account,
        regions: facts.regions,
        capturedAt: facts.capturedAt,
        filters,
        focus: visible.focus ?? null,
        selected: selected ?? null,
        compare: compareInView(visible.nodes, { changedIds, comparedAt, compareId: facts.compareId, snapshotId: facts.snapshotId }),
        shown: visible.shown,
        matching: visible.matching,
        total: visible.total,
        reachCounts: visible.reachInFocus ?? visible.reachMatching,
        ...(reachAskedAs ? { reachAskedAs } : {}),
        counts,
        accepted: facts.accepted,
        gaps: facts.dataGaps,
      });
    },
    [facts, visible, counts, reachAskedAs, filters, selectedId, changedIds, comparedAt],
  );

  const render = useCallback(async () => {
    const container = ref.current?.closest<HTMLElement>('[data-testid="graph-canvas"]');
    if (!container) throw new Error("no graph on this page");
    // Loaded on first use: the renderer (html-to-image) is not needed to show the graph, only to export it.
    const { renderReport } = await import("./render-report");
    return renderReport(rf, container, headerAt(new Date().toISOString()), setMessage);
  }, [rf, headerAt]);

  useEffect(() => {
    if (new URLSearchParams(window.location.search).get("print") !== "1") return;
    window.lpgRenderReport = async () => blobToDataUrl(await render());
    return () => {
      delete window.lpgRenderReport;
    };
  }, [render]);

  async function onClick() {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      const blob = await render();
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = reportFileName(facts.account, facts.capturedAt, "png");
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage("PNG downloaded");
    } catch (e: unknown) {
      setMessage(exportFailureText(e));
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  function retry() {
    // The retry button goes away while it renders: keep the keyboard on the export button, not on the page.
    ref.current?.focus();
    void onClick();
  }

  return (
    <div className="relative flex items-center gap-2" data-testid="export-png">
      <button
        ref={ref}
        type="button"
        onClick={onClick}
        // aria-disabled, not disabled: a disabled button drops keyboard focus to the page while it renders.
        aria-disabled={busy || undefined}
        aria-busy={busy}
        data-testid="export-png-button"
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600 aria-disabled:opacity-60"
      >
        {busy ? "Rendering…" : "Export PNG"}
      </button>
      {/* Under the button, not beside it: beside, the message pushed the toolbar over the legend in a narrow window.
          After it in the DOM, so "Try again" is the next Tab stop from the button. Wrapped within the window, not kept
          on one line: the failure line and its Try again are wider than a 640 px window (200 % zoom), and were cut off. */}
      <div
        className={
          message
            ? `absolute right-0 top-full mt-1 flex w-max max-w-[calc(100vw-2rem)] flex-wrap items-center gap-x-2 rounded px-2 py-0.5 text-xs shadow-sm ${failed ? "bg-red-50 text-red-900" : "bg-white/95 text-slate-700"}`
            : "sr-only"
        }
      >
        <span role="status" aria-live="polite" data-testid="export-status">
          {message}
        </span>
        {failed ? (
          <button
            type="button"
            onClick={retry}
            data-testid="export-retry"
            className="rounded font-medium underline hover:no-underline focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            Try again
          </button>
        ) : null}
      </div>
    </div>
  );
}
