"use client";
/**
 * The step a running analysis has reached, asked of GET /api/analysis every second while the waiting page is shown
 * (the page's own stream replaces it once the report is ready). Only a step count: the analysis reports nothing finer
 * cheaply, and its steps are of unequal length, so the bar moves unevenly.
 */
import { useEffect, useState } from "react";
import type { AnalysisProgress } from "@/lib/analysis/analyze";

const POLL_MS = 1000;

export function progressText(p: AnalysisProgress | null): string {
  return p ? `Step ${p.done + 1} of ${p.total}: ${p.step}` : "Reading the snapshot";
}

export function AnalysisProgressLine({ snapshotId, initial }: { snapshotId: string; initial: AnalysisProgress | null }) {
  const [progress, setProgress] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const r = await fetch(`/api/analysis?snapshot=${encodeURIComponent(snapshotId)}`, { cache: "no-store" });
        if (!r.ok) return;
        const body = (await r.json()) as { ready: boolean; progress: AnalysisProgress | null };
        if (stopped) return;
        if (body.ready) clearInterval(timer);
        else setProgress(body.progress);
      } catch {
        // A failed poll leaves the last step shown; the page's own answer still arrives.
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [snapshotId]);
  return (
    <div className="flex flex-col items-center gap-1" data-testid="analysis-progress">
      <progress className="w-64" max={progress?.total ?? 1} value={progress ? progress.done : undefined} aria-label="Analysis progress" />
      <span>{progressText(progress)}</span>
    </div>
  );
}
