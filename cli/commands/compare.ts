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
import { compareLoaded, diffBody } from "@/lib/store/compare-loaded";
import { formatDiffText } from "@/lib/report-format/diff-text";
import { runToEnd } from "@/lib/steps";
import type { Suppression } from "@/lib/suppressions/parse";
import { readSnapshotArgument, STDIN } from "../snapshot-argument";
import { readSuppressions, SuppressOption } from "../suppressions-file";
import { parseOptions, UserError, wordOption } from "../errors";
import { analyseWithProgress, withSuppressions } from "../analyse-file";
import { writeJsonToStdout } from "../json-output";
import { atOrAbove, FailOnOption } from "./analyze";

export const CompareOptions = z.object({
  format: wordOption(["json", "text"], "--format must be json or text").default("text"),
  failOn: FailOnOption,
  suppress: SuppressOption,
});

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
 * Returns the exit code: 2 when --fail-on is given and a finding new in NEW is at or above it. Findings not known new
 * (a scan could not read what their rules need) are not gated, as the diff does not call them new, but said on stderr: never silent.
 */
export async function compareCommand(oldFile: string, newFile: string, rawOptions: unknown): Promise<number> {
  const options = parseOptions(CompareOptions, rawOptions);
  if (oldFile === STDIN && newFile === STDIN) throw new UserError("OLD and NEW cannot both be standard input (-): give one of them as a file");
  // Both read before either is analysed: a typo in NEW should cost a second, not the analysis of OLD.
  const entries = options.suppress === undefined ? undefined : await readSuppressions(options.suppress);
  const oldSnapshot = await readSide("OLD", oldFile);
  const newSnapshot = await readSide("NEW", newFile);
  const compared = compareLoaded(loadSide(oldSnapshot, oldFile, entries, "OLD"), loadSide(newSnapshot, newFile, entries, "NEW"));
  if (compared.kind === "unrelated") throw new UserError(`OLD and NEW: ${compared.reason}`);
  const body = diffBody(compared);
  if (options.format === "json") writeJsonToStdout(body, { indent: 2 });
  else process.stdout.write(formatDiffText(body));
  if (!options.failOn) return 0;
  const hits = atOrAbove(body.diff.findingsNew, options.failOn);
  if (hits.length > 0) process.stderr.write(`${hits.length} new finding(s) at or above ${options.failOn}\n`);
  const unknown = atOrAbove(body.diff.findingsUnknownBefore, options.failOn);
  if (unknown.length > 0) {
    process.stderr.write(
      `warning: ${unknown.length} finding(s) at or above ${options.failOn} not known new, not gated: a scan could not read the data their rules need, so they are not known new\n`,
    );
  }
  return hits.length > 0 ? 2 : 0;
}
