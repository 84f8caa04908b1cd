/**
 * The graph's `compare=<id>` mode: what changed since that scan, as a banner above the graph; the changed
 * function nodes are outlined by the canvas. Server component.
 */
import Link from "next/link";
import { formatCaptureTime } from "@/lib/view/capture-time";
import { NOTHING_TO_COMPARE } from "@/lib/view/same-scan";
import { diffReports, type ReportDiff } from "@/lib/diff/diff-reports";
import { unrelatedScans } from "@/lib/diff/unrelated-scans";
import { guardrailsUnreadApart } from "@/lib/diff/scan-gaps";
import { reportOutcome } from "@/lib/store/app-store";
import type { LoadedReport } from "@/lib/store/report-cache";
import { firstParam, SnapshotParamSchema, type SearchParams } from "@/lib/view/params";

export type Comparison =
  | { kind: "ok"; from: LoadedReport["meta"]; to: LoadedReport["meta"]; changed: string[]; added: number; removed: number; unseen: number; findingsNew: number; findingsFixed: number; findingsUnverified: number; findingsUnknownBefore: number; findingsChanged: number; findingsChangedUnverified: number; guardrailsUnread: { scan: "older" | "newer"; name: string }[] }
  | { kind: "missing"; id: string }
  | { kind: "unreadable"; id: string; reason: string }
  | { kind: "unrelated"; id: string; reason: string };

export async function loadComparison(sp: SearchParams, current: LoadedReport): Promise<Comparison | null> {
  const raw = firstParam(sp.compare);
  if (!raw) return null;
  const id = SnapshotParamSchema.safeParse(raw);
  const outcome = id.success ? await reportOutcome(id.data) : ({ kind: "missing" } as const);
  if (outcome.kind === "missing") return { kind: "missing", id: raw.slice(0, 64) };
  if (outcome.kind === "unreadable") return { kind: "unreadable", id: raw.slice(0, 64), reason: outcome.reason };
  const older = outcome.loaded;
  const unrelated = unrelatedScans(older.report, current.report);
  if (unrelated) return { kind: "unrelated", id: raw.slice(0, 64), reason: unrelated };
  const diff = diffReports(older.report, current.report);
  // Named on the banner: "not known fixed" alone gives no reason where the cause is the account's guardrails, not one function's data.
  const guardrailsUnread = guardrailsUnreadApart(older.report, current.report);
  return { kind: "ok", from: older.meta, to: current.meta, ...comparisonCounts(diff), guardrailsUnread };
}

/** The banner's counts, each of one list of the diff, so no finding is counted under two words. */
export function comparisonCounts(diff: ReportDiff): Omit<Extract<Comparison, { kind: "ok" }>, "kind" | "from" | "to" | "guardrailsUnread"> {
  return {
    changed: diff.changedNodeIds,
    added: diff.functionsAdded.length,
    removed: diff.functionsRemoved.length,
    // Not "removed", nor "fixed": this scan could not read them (lib/diff/scan-gaps.ts).
    unseen: diff.functionsUnseen.length,
    findingsNew: diff.findingsNew.length,
    findingsFixed: diff.findingsFixed.length,
    findingsUnverified: diff.findingsUnverified.length,
    findingsUnknownBefore: diff.findingsUnknownBefore.length,
    findingsChanged: diff.findingsChanged.length,
    findingsChangedUnverified: diff.findingsChangeUnverified.length,
  };
}

export function CompareBanner({ comparison: c }: { comparison: Comparison }) {
  if (c.kind === "missing") {
    return (
      <p role="status" data-testid="compare-banner" className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-950">
        The scan to compare with (<span className="font-mono">{c.id}</span>) is not stored; nothing is outlined.
      </p>
    );
  }
  if (c.kind === "unreadable") {
    return (
      <p role="status" data-testid="compare-banner" className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-950">
        The scan to compare with (<span className="font-mono">{c.id}</span>) could not be read ({c.reason}); nothing is outlined.
      </p>
    );
  }
  if (c.kind === "unrelated") {
    return (
      <p role="status" data-testid="compare-banner" className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-950">
        The scan to compare with (<span className="font-mono">{c.id}</span>) is not comparable with this one: {c.reason}; nothing is outlined.
      </p>
    );
  }
  if (c.from.id === c.to.id) {
    // Zero changes here would read as two scans that agree (the compare page says the same).
    return (
      <p role="status" data-testid="compare-banner" data-changed-count={0} className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-950">
        The scan to compare with is this same scan: {NOTHING_TO_COMPARE}; nothing is outlined.
      </p>
    );
  }
  // Compared with a later scan, the counts read backwards: its new grants count as removed, its findings as fixed.
  const later = Date.parse(c.from.capturedAt) > Date.parse(c.to.capturedAt);
  return (
    <p role="status" data-testid="compare-banner" data-changed-count={c.changed.length} className="border-b border-fuchsia-200 bg-fuchsia-50 px-4 py-1.5 text-xs text-fuchsia-950">
      Compared with the scan of {formatCaptureTime(c.from.capturedAt)}: {c.changed.length} function{c.changed.length === 1 ? "" : "s"} changed
      (outlined), {c.added} added, {c.removed} removed{c.unseen ? `, ${c.unseen} not listed by this scan` : ""}, {c.findingsNew} new finding
      {c.findingsNew === 1 ? "" : "s"}, {c.findingsFixed} fixed
      {c.findingsChanged ? `, ${c.findingsChanged} changed` : ""}
      {c.findingsUnverified ? `, ${c.findingsUnverified} not known fixed` : ""}
      {c.findingsUnknownBefore ? `, ${c.findingsUnknownBefore} not known new` : ""}
      {c.findingsChangedUnverified ? `, ${c.findingsChangedUnverified} not known changed` : ""}.{" "}
      {c.guardrailsUnread.map((g) => (
        <span key={g.scan} data-testid="compare-banner-guardrails">
          The {g.scan} scan could not read the organization&apos;s {g.name}: what they decide is counted as not known, never as fixed, new or changed.{" "}
        </span>
      ))}
      {later ? <strong className="font-semibold">That scan was captured after this one: the changes read backwards. </strong> : null}
      <Link className="underline" href={`/snapshots/compare?from=${encodeURIComponent(c.from.id)}&to=${encodeURIComponent(c.to.id)}`}>
        See the list
      </Link>
    </p>
  );
}
