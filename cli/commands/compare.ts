/**
 * `compare OLD NEW`: what changed from one snapshot file to another, as the dashboard's compare page and
 * `GET /api/snapshots/diff` answer it (lib/store/compare-loaded.ts), so a pipeline can fail when a scan adds a finding.
 */
import { z } from "zod";
import type { Snapshot } from "@/lib/snapshot/schema";
import { SnapshotReadError } from "@/lib/snapshot/read";
import { describeSnapshot } from "@/lib/store/file-store";
import { snapshotIdSteps } from "@/lib/store/snapshot-id";
import type { LoadedReport } from "@/lib/store/report-cache";
import { compareLoaded, diffBody, type DiffBody } from "@/lib/store/compare-loaded";
import { unrelatedScans } from "@/lib/diff/unrelated-scans";
import type { Severity } from "@/lib/analysis/types";
import { formatDiffText } from "@/lib/report-format/diff-text";
import { runToEnd } from "@/lib/steps";
import type { Suppression } from "@/lib/suppressions/parse";
import { readSnapshotArgument, STDIN } from "../snapshot-argument";
import { readSuppressions, SuppressOption } from "../suppressions-file";
import { parseOptions, UserError, wordOption } from "../errors";
import { analyseWithProgress, withSuppressions } from "../analyse-file";
import { writeJsonToStdout } from "../json-output";
import { AllowUnknownOption, allowUnknownNeedsFailOn, atOrAbove, failOnGate, FailOnOption, unreadData, type GateVerdict } from "../fail-on-gate";

export const CompareOptions = z.object({
  format: wordOption(["json", "text"], "--format must be json or text").default("text"),
  failOn: FailOnOption,
  suppress: SuppressOption,
  allowUnknown: AllowUnknownOption,
}).refine(...allowUnknownNeedsFailOn);

type Side = "OLD" | "NEW";

/** The snapshot, or a user error saying which side could not be read and why (the reader's reason names the file). */
async function readSide(side: Side, file: string): Promise<Snapshot> {
  try {
    return await readSnapshotArgument(file);
  } catch (e) {
    if (e instanceof SnapshotReadError || e instanceof UserError) throw new UserError(`${side} snapshot: ${e.message}`);
    throw e;
  }
}

/**
 * Analysed as `analyze` does, described as `serve FILE` describes its file (id from the content, `savedAt` when it
 * was read), with the suppressions applied as the dashboard's LPG_SUPPRESSIONS applies them to each scan.
 */
function loadSide(snapshot: Snapshot, file: string, entries: Suppression[] | undefined, side: Side): LoadedReport {
  const meta = describeSnapshot(runToEnd(snapshotIdSteps(snapshot)), snapshot, new Date().toISOString());
  const full = analyseWithProgress(snapshot, file);
  // Entries that lapsed or match nothing are said once, of the scan the gate is about.
  return { meta, report: entries ? withSuppressions(full, entries, side === "NEW").report : full };
}

/**
 * Returns the exit code: 2 when --fail-on is given and a finding new in NEW is at or above it, or, unless
 * --allow-unknown, when data could not be read, as analyze gates one report (fail-on-gate.ts): NEW's data-unavailable
 * findings, new or not (a gap in both scans is still a gap in the newer one), and the findings at or above the
 * threshold not known new (a scan could not read what their rules need, so the diff cannot say they are old).
 */
export async function compareCommand(oldFile: string, newFile: string, rawOptions: unknown): Promise<number> {
  const options = parseOptions(CompareOptions, rawOptions);
  if (oldFile === STDIN && newFile === STDIN) throw new UserError("OLD and NEW cannot both be standard input (-): give one of them as a file");
  // Both read before either is analysed: a typo in NEW should cost a second, not the analysis of OLD.
  const entries = options.suppress === undefined ? undefined : await readSuppressions(options.suppress);
  const oldSnapshot = await readSide("OLD", oldFile);
  const newSnapshot = await readSide("NEW", newFile);
  // The snapshots name their account and partition: two accounts are refused before minutes of analysis, not after.
  const unrelated = unrelatedScans(oldSnapshot, newSnapshot);
  if (unrelated) throw unrelatedError(unrelated);
  const oldSide = loadSide(oldSnapshot, oldFile, entries, "OLD");
  const newSide = loadSide(newSnapshot, newFile, entries, "NEW");
  const compared = compareLoaded(oldSide, newSide);
  if (compared.kind === "unrelated") throw unrelatedError(compared.reason);
  const body = diffBody(compared);
  if (options.format === "json") writeJsonToStdout(body, { indent: 2 });
  else process.stdout.write(formatDiffText(body));
  return options.failOn ? gate(body, newSide, options.failOn, options.allowUnknown ?? false).code : 0;
}

/** One message for scans found unrelated from their snapshots or from their reports. */
function unrelatedError(reason: string): UserError {
  return new UserError(`OLD and NEW: ${reason}`);
}

function gate(body: DiffBody, newSide: LoadedReport, failOn: Severity, allowUnknown: boolean): GateVerdict {
  const hits = atOrAbove(body.diff.findingsNew, failOn);
  const unread = unreadData(newSide.report.findings, hits);
  const notKnownNew = atOrAbove(body.diff.findingsUnknownBefore, failOn).filter((f) => !unread.some((u) => u.id === f.id));
  return failOnGate({
    failOn, allowUnknown,
    hits: hits.length, hitWord: "new finding",
    unread: unread.length + notKnownNew.length, unreadWord: "data-unavailable or not-known-new finding",
  });
}
