"use client";
/**
 * The step a running analysis has reached: drawn with the step known when the page was rendered, then asked of
 * GET /api/analysis every second while the waiting page is shown (the page's own stream replaces it once the report is
 * ready). Only a step count: the analysis reports nothing finer cheaply, and its steps are of unequal length, so the
 * bar moves unevenly. Analyses of different snapshots run one after another (lib/store/report-cache.ts): one queued
 * says so, with how many go first, and then moves on to its own steps.
 *
 * The poll is a component of its own, rendered beside the Suspense boundary whose fallback holds the line, not in it:
 * React never hydrates a fallback that came in the server's HTML, so a poll inside it never ran on a first visit, and
 * the page said "Reading the snapshot" until the report came, tens of seconds later at 10,000 functions.
 */
import { useEffect } from "react";
import type { AnalysisStanding } from "@/lib/store/report-cache";

const POLL_MS = 1000;
const LINE = "analysis-progress";

export function progressText(p: AnalysisStanding | null): string {
  if (!p) return "Reading the snapshot";
  if ("ahead" in p) return p.ahead === 1 ? "Waiting for another analysis to finish" : `Waiting for ${p.ahead} other analyses to finish`;
  return `Step ${p.done + 1} of ${p.total}: ${p.step}`;
}

/** The bar's steps, or null for an indeterminate bar: the snapshot is read, or the analysis waits its turn. */
function steps(p: AnalysisStanding | null): { done: number; total: number } | null {
  return p && !("ahead" in p) ? p : null;
}

export function AnalysisProgressLine({ initial }: { initial: AnalysisStanding | null }) {
  const bar = steps(initial);
  return (
    <div className="flex flex-col items-center gap-1" data-testid={LINE}>
      <progress className="w-64" max={bar?.total ?? 1} value={bar ? bar.done : undefined} aria-label="Analysis progress" />
      <span>{progressText(initial)}</span>
    </div>
  );
}

/** Shows `p` in the line the server or React drew: the fallback is never hydrated, so its elements are set directly. */
function show(line: Element, p: AnalysisStanding | null): void {
  const bar = line.querySelector("progress");
  const text = line.querySelector("span");
  const at = steps(p);
  if (bar) {
    bar.max = at?.total ?? 1;
    if (at) bar.value = at.done;
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
        const body = (await r.json()) as { ready: boolean; progress: AnalysisStanding | null };
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
