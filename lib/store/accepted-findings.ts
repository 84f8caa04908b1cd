/**
 * The dashboard's side of `analyze --suppress`: with LPG_SUPPRESSIONS naming a suppressions file, every page and API
 * route sees the report without the findings it accepts, and the overview says which were accepted and why. The
 * file is read again when it changes (its size or modification time), so a team edits it without a restart; a file
 * that cannot be read or is not valid leaves every finding shown and says why, never a page that fails.
 */
import { readFile, stat } from "node:fs/promises";
import { applySuppressions, suppressionWarnings } from "@/lib/suppressions/apply";
import { parseSuppressions, SuppressionFileError, type Suppression } from "@/lib/suppressions/parse";
import type { LoadedReport } from "./report-cache";

export type AcceptedFindings =
  | {
      /** The accepted findings are the report's `suppressed`. */
      kind: "applied";
      file: string;
      /** Entries past their date and entries that matched nothing, described for people. */
      warnings: string[];
    }
  | { kind: "invalid"; file: string; error: string };

type FileState = { signature: string; entries: Suppression[] } | { signature: string; error: string };

let lastRead: { file: string; state: FileState } | undefined;

async function readState(file: string): Promise<FileState> {
  let signature: string;
  try {
    const s = await stat(file);
    signature = `${s.size}:${s.mtimeMs}`;
  } catch (e) {
    return { signature: "missing", error: (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot be read" };
  }
  if (lastRead?.file === file && lastRead.state.signature === signature) return lastRead.state;
  let state: FileState;
  try {
    state = { signature, entries: parseSuppressions(await readFile(file, "utf8")) };
  } catch (e) {
    if (!(e instanceof SuppressionFileError) && !(e as NodeJS.ErrnoException).code) throw e;
    state = { signature, error: e instanceof SuppressionFileError ? e.message : "cannot be read" };
  }
  lastRead = { file, state };
  return state;
}

/**
 * Views cache what they derive by the report object (lib/view/graph-view.ts): the same file on the same day must give
 * the same object back, or a large account's graph would be rebuilt on every request.
 */
const applied = new WeakMap<LoadedReport, { key: string; value: LoadedReport }>();

/** `loaded` with the findings the file accepts moved to its report's `suppressed`; `loaded` itself when no file is configured. */
export async function withAcceptedFindings(loaded: LoadedReport, file: string | undefined, today: string): Promise<LoadedReport> {
  if (!file) return loaded;
  const state = await readState(file);
  const key = `${file}\u0000${state.signature}\u0000${today}`;
  const hit = applied.get(loaded);
  if (hit?.key === key) return hit.value;
  let value: LoadedReport;
  if ("error" in state) value = { ...loaded, accepted: { kind: "invalid", file, error: state.error } };
  else {
    const outcome = applySuppressions(loaded.report, state.entries, today);
    const warnings = suppressionWarnings(state.entries, outcome);
    value = { ...loaded, report: outcome.report, accepted: { kind: "applied", file, warnings } };
  }
  applied.set(loaded, { key, value });
  return value;
}
