import { pathToFileURL } from "node:url";
import { z } from "zod";
import type { Log } from "sarif";
import { readSnapshotArgument, STDIN } from "../snapshot-argument";
import { formatText } from "@/lib/report-format/text";
import { formatSarif, SARIF_JSON_LAYOUT, sarifWarnings } from "@/lib/report-format/sarif";
import { formatMarkdown } from "@/lib/report-format/markdown";
import { readSuppressions, SuppressOption } from "../suppressions-file";
import { parseOptions, wordOption } from "../errors";
import { analyseWithProgress, withSuppressions } from "../analyse-file";
import { writeJsonToStdout } from "../json-output";
import { AllowUnknownOption, allowUnknownNeedsFailOn, atOrAbove, failOnGate, FailOnOption, unreadData } from "../fail-on-gate";

export const AnalyzeOptions = z.object({
  format: wordOption(["json", "text", "sarif", "markdown"], "--format must be json, text, sarif or markdown").default("text"),
  failOn: FailOnOption,
  suppress: SuppressOption,
  sarifSuppressed: z.boolean().optional(),
  allowUnknown: AllowUnknownOption,
}).refine((o) => !o.sarifSuppressed || (o.format === "sarif" && o.suppress !== undefined), {
  error: "--sarif-suppressed goes with --format sarif and --suppress FILE",
}).refine(...allowUnknownNeedsFailOn);

/**
 * Returns the exit code: 2 when a finding is at or above --fail-on, or, unless --allow-unknown, when data could not
 * be read (data-unavailable findings not accepted): see fail-on-gate.ts.
 */
export async function analyzeCommand(file: string, rawOptions: unknown): Promise<number> {
  const options = parseOptions(AnalyzeOptions, rawOptions);
  // Read before the analysis: a typo in the file should cost a second, not the analysis of a big account.
  const entries = options.suppress === undefined ? undefined : await readSuppressions(options.suppress);
  const snapshot = await readSnapshotArgument(file);
  // After the read: a file that cannot be read gets its one error line and nothing else (cli.md).
  const full = analyseWithProgress(snapshot, file);
  const report = entries ? withSuppressions(full, entries, true).report : full;
  if (options.format === "json") writeJsonToStdout(report, { indent: 2 });
  else if (options.format === "sarif") writeSarif(formatSarif(report, fileUri(file), { keepSuppressed: options.sarifSuppressed }));
  else if (options.format === "markdown") process.stdout.write(formatMarkdown(report));
  else process.stdout.write(formatText(report));
  if (!options.failOn) return 0;
  const hits = atOrAbove(report.findings, options.failOn);
  const unread = unreadData(report.findings, hits);
  return failOnGate({
    failOn: options.failOn, allowUnknown: options.allowUnknown ?? false,
    hits: hits.length, hitWord: "finding", unread: unread.length, unreadWord: "data-unavailable finding",
  }).code;
}

/** A log cut to GitHub's limit says so inside it; the CI log is where the person uploading it will look. */
function writeSarif(log: Log): void {
  writeJsonToStdout(log, SARIF_JSON_LAYOUT);
  for (const w of sarifWarnings(log)) process.stderr.write(`warning: ${w}\n`);
}

/**
 * SARIF wants a URI reference (RFC 3986): each path segment percent-encoded, so spaces and `#` stay in the name. An
 * absolute path is a file:// URI (a bare `/tmp/x.json` is a reference relative to some host's root); standard input
 * has no file.
 */
export function fileUri(file: string): string {
  if (file === STDIN) return "stdin";
  if (file.startsWith("/")) return pathToFileURL(file).href;
  return file.split("/").map(encodeURIComponent).join("/");
}
