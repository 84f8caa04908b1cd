"use client";
/**
 * "Scan now": starts (or joins) the server's background scan, shows its progress, and switches the views on
 * "latest" to the new snapshot when it is stored (a view pinned to a snapshot stays, see after-scan.ts). Errors
 * (no credentials, no region, denied) are shown as the server words them.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { progressLine, progressPercent, progressText, scanAnnouncement, scannedLine, type Announcement } from "@/lib/scan/progress";
import type { ScanJobState } from "@/lib/scan/scan-job";
import { afterScan } from "./after-scan";
import { sessionEnded, sessionEpoch, useSessionRestored } from "@/components/auth/session-ended";
import { interpretPoll, type PollOutcome } from "./scan-poll";

const POLL_MS = 500;

async function askServer(init?: RequestInit): Promise<PollOutcome> {
  const response = await fetch("/api/scan", { cache: "no-store", ...init });
  return interpretPoll(response.status, await response.json().catch(() => null));
}

/**
 * The last job a button showed, for the button that replaces it: when a scan lands, the page is rendered again from
 * the server (router.refresh) and, while the new snapshot is analysed, with a loading boundary around it
 * (app/(dashboard)/when-ready.tsx), so the header and this button are mounted anew. Per tab; a reload starts empty.
 */
let shownJob: ScanJobState | null = null;

/** `readOnly`: the server shows one file (`serve FILE`) and refuses scans, so the button says so instead. */
export function ScanButton({ readOnly = false }: { readOnly?: boolean }) {
  return readOnly ? <ScanUnavailable /> : <LiveScanButton />;
}

/**
 * Kept in its place (aria-disabled, still focusable) with the reason next to it, so keyboard and screen-reader
 * users learn why there is no scan, as the upload zone's replacement on /snapshots does.
 */
function ScanUnavailable() {
  const reason = useId();
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="scan">
      <button
        type="button"
        aria-disabled="true"
        aria-describedby={reason}
        title="This dashboard shows one snapshot file read-only (serve FILE). Start it without a file to scan."
        className="shrink-0 cursor-not-allowed whitespace-nowrap rounded-md bg-sky-500 px-3 py-1.5 forced-colors:border font-medium text-slate-950 opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-300"
      >
        Scan now
      </button>
      {/* One short line: two lines of reason made the header wrap onto a second row below 1,700 px. */}
      <p id={reason} className="whitespace-nowrap text-xs text-slate-300" data-testid="scan-read-only">
        Scans off: one file, read-only
      </p>
    </div>
  );
}

function LiveScanButton() {
  const router = useRouter();
  const [job, setJobState] = useState<ScanJobState | null>(() => shownJob);
  const setJob = useCallback((j: ScanJobState | null) => {
    shownJob = j;
    setJobState(j);
  }, []);
  const [requestError, setRequestError] = useState<string | null>(null);
  /** Set when the server answered 401: the session ended and only signing in again (the page's notice) helps. */
  const [signedOut, setSignedOut] = useState<string | null>(null);
  // Signed in again in another tab: "session has ended" is no longer so, and Scan now works again.
  const restored = useSessionRestored();
  useEffect(() => setSignedOut(null), [restored]);
  /** On a tab pinned to a snapshot: the same view on the one just scanned, offered rather than switched to. */
  const [newSnapshotHref, setNewSnapshotHref] = useState<string | null>(null);
  const seenJob = useRef<string | null>(null);
  const running = job?.status === "running";
  /** What the status region last said of the running scan, and when (scanAnnouncement throttles it). */
  const [announced, setAnnounced] = useState<Announcement | null>(null);
  useEffect(() => {
    setAnnounced((last) => (running && job ? scanAnnouncement(last, job.progress, Date.now()) : null));
  }, [running, job]);

  const showResult = useCallback(
    (j: ScanJobState) => {
      if (j.status !== "succeeded" || seenJob.current === j.id) return;
      seenJob.current = j.id;
      const next = afterScan(window.location.href, j.snapshotId);
      if (next.kind === "refresh") router.refresh();
      else setNewSnapshotHref(next.href);
    },
    [router],
  );

  /**
   * Applies one answer about the followed scan; `following` is the job shown when the request was sent, `sentUnder`
   * the session it was sent under (sessionEpoch).
   */
  const apply = useCallback(
    (outcome: PollOutcome, following: ScanJobState | null, sentUnder: number) => {
      switch (outcome.kind) {
        case "job":
          setRequestError(null);
          setJob(outcome.job);
          showResult(outcome.job);
          return;
        case "lost":
          // Shown as the followed job's failure, which also ends "Scanning…" and the polling.
          setJob(following ? { ...following, status: "failed", error: outcome.message } : null);
          return;
        case "signed-out":
          // Sent before the session was restored: the next poll asks under it.
          if (!sessionEnded(sentUnder)) return;
          setJob(null);
          setRequestError(null);
          setSignedOut(outcome.message);
          return;
        case "refused":
          setJob(null);
          setRequestError(outcome.message);
          return;
        case "retry":
          setRequestError(outcome.message);
      }
    },
    [setJob, showResult],
  );

  // Resume a scan started elsewhere (another tab, before a reload).
  useEffect(() => {
    askServer()
      .then((o) => {
        if (o.kind !== "job") return;
        if (o.job.status === "running") setJob(o.job);
        else seenJob.current = o.job.id; // an old result is already in the store, nothing to refresh
      })
      .catch(() => undefined);
  }, [setJob]);

  useEffect(() => {
    if (!running) return;
    const following = job;
    let stopped = false;
    const timer = setInterval(() => {
      const sentUnder = sessionEpoch();
      askServer()
        .then((o) => {
          if (!stopped) apply(o, following, sentUnder);
        })
        .catch((e: unknown) => {
          if (!stopped) setRequestError(e instanceof Error ? e.message : String(e));
        });
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // Restarted only when a scan starts or ends, not on every progress update; `following` is for a lost scan's
    // message, which keeps the progress it last showed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [running, job?.id, apply]);

  async function start() {
    if (running) return;
    setRequestError(null);
    setSignedOut(null);
    setNewSnapshotHref(null);
    const sentUnder = sessionEpoch();
    try {
      const o = await askServer({ method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      // Sent before the session was restored, the click started nothing: sent again under it.
      if (o.kind === "signed-out" && !sessionEnded(sentUnder)) return start();
      if (o.kind === "job" || o.kind === "signed-out") apply(o, null, sentUnder);
      else setRequestError(`Could not start the scan: ${o.message}`);
    } catch (e: unknown) {
      setRequestError(`Could not start the scan: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const pct = job ? progressPercent(job.progress) : 0;
  const scanned = job?.status === "succeeded" ? job : null;
  const incomplete = Boolean(scanned?.unlistedRegions?.length);
  const error = requestError ?? (job?.status === "failed" ? job.error ?? "The scan failed." : null);
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="scan">
      <button
        type="button"
        onClick={start}
        // aria-disabled, not disabled: focus stays on the button while the scan runs.
        aria-disabled={running || undefined}
        className="shrink-0 whitespace-nowrap rounded-md bg-sky-500 px-3 py-1.5 forced-colors:border font-medium text-slate-950 hover:bg-sky-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-300 aria-disabled:cursor-progress aria-disabled:opacity-70"
      >
        {running ? "Scanning…" : "Scan now"}
      </button>
      {running && job ? (
        <div
          role="progressbar"
          aria-label="Scan progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={`${pct}%: ${progressText(job.progress)}`}
          className="h-2 w-32 overflow-hidden rounded-full bg-white/15"
        >
          <div className="h-full bg-sky-400 transition-[width]" style={{ width: `${pct}%` }} />
        </div>
      ) : null}
      {/* Visible progress; the progressbar carries it for assistive tech, and the status region says it now and then. */}
      <p className="max-w-xs truncate text-slate-300" title={running && job ? progressText(job.progress) : undefined} aria-hidden={running ? "true" : undefined} data-testid="scan-progress">
        {running && job ? progressLine(job.progress) : ""}
      </p>
      {/* A result naming regions not listed wraps rather than being cut: that part is the warning. */}
      <p role="status" className={running ? "sr-only" : incomplete ? "max-w-md text-amber-200" : "max-w-xs truncate text-slate-300"} data-testid="scan-result">
        {running ? announced?.text ?? "Scan running" : scanned ? scannedLine({ functions: scanned.functions ?? 0, errors: scanned.progress.errors, unlistedRegions: scanned.unlistedRegions }) : ""}
      </p>
      {newSnapshotHref && !running ? (
        <Link href={newSnapshotHref} className="shrink-0 font-medium text-sky-300 underline hover:text-sky-200" data-testid="open-scanned">
          Open the new snapshot
        </Link>
      ) : null}
      {error ? (
        <p role="alert" className="max-w-md rounded bg-red-950/80 px-2 py-1 text-red-100">
          {error}
        </p>
      ) : null}
      {signedOut ? (
        // Not an alert: the page's notice says the session ended, once, with the way to sign in again.
        <p className="max-w-md rounded bg-red-950/80 px-2 py-1 text-red-100" data-testid="scan-signed-out">
          {signedOut}
        </p>
      ) : null}
    </div>
  );
}
