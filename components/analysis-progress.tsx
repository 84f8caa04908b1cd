"use client";
/**
 * The step a running analysis has reached: drawn with the step known when the page was rendered, then asked of
 * GET /api/analysis every second while the waiting page is shown (the page's own stream replaces it once the report is
 * ready). Only a step count: the analysis reports nothing finer cheaply, and its steps are of unequal length, so the
 * bar moves unevenly.
 *
 * The poll is a component of its own, rendered beside the Suspense boundary whose fallback holds the line, not in it:
 * React never hydrates a fallback that came in the server's HTML, so a poll inside it never ran on a first visit, and
 * the page said "Reading the snapshot" until the report came, tens of seconds later at 10,000 functions.
 */
import { useEffect } from "react";
import type { AnalysisProgress } from "@/lib/analysis/analyze";

const POLL_MS = 1000;
const LINE = "analysis-progress";

export function progressText(p: AnalysisProgress | null): string {
  return p ? `Step ${p.done + 1} of ${p.total}: ${p.step}` : "Reading the snapshot";
}

export function AnalysisProgressLine({ initial }: { initial: AnalysisProgress | null }) {
  return (
    <div className="flex flex-col items-center gap-1" data-testid={LINE}>
      <progress className="w-64" max={initial?.total ?? 1} value={initial ? initial.done : undefined} aria-label="Analysis progress" />
      <span>{progressText(initial)}</span>
    </div>
  );
}

/** Shows `p` in the line the server or React drew: the fallback is never hydrated, so its elements are set directly. */
function show(line: Element, p: AnalysisProgress | null): void {
  const bar = line.querySelector("progress");
  const text = line.querySelector("span");
  if (bar) {
    bar.max = p?.total ?? 1;
    if (p) bar.value = p.done;
    else bar.removeAttribute("value");
  }
  if (text && text.textContent !== progressText(p)) text.textContent = progressText(p);
}

/** Polls while the waiting line of `snapshotId` is on the page; stops once the report is ready or the line is gone. */
export function AnalysisProgressPoll({ snapshotId }: { snapshotId: string }) {
  useEffect(() => {
    let stopped = false;
    const stop = () => {
      stopped = true;
      clearInterval(timer);
    };
    const timer = setInterval(async () => {
      if (!document.querySelector(`[data-testid="${LINE}"]`)) return stop();
      try {
        const r = await fetch(`/api/analysis?snapshot=${encodeURIComponent(snapshotId)}`, { cache: "no-store" });
        if (!r.ok) return;
        const body = (await r.json()) as { ready: boolean; progress: AnalysisProgress | null };
        if (stopped) return;
        if (body.ready) return stop();
        const line = document.querySelector(`[data-testid="${LINE}"]`);
        if (line) show(line, body.progress);
      } catch {
        // A failed poll leaves the last step shown; the page's own answer still arrives.
      }
    }, POLL_MS);
    return stop;
  }, [snapshotId]);
  return null;
}
