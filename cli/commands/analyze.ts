import { z } from "zod";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { SEVERITIES, type Severity } from "@/lib/analysis/types";
import { formatText } from "@/lib/report-format/text";
import { formatSarif } from "@/lib/report-format/sarif";
import { parseOptions, UserError, userPath } from "../errors";
import { barOf, createStatusLine } from "../progress-bar";

export const AnalyzeOptions = z.object({
  format: z.enum(["json", "text", "sarif"], { error: "--format must be json, text or sarif" }).default("text"),
  failOn: z.enum(SEVERITIES as [Severity, ...Severity[]], { error: `--fail-on must be one of ${SEVERITIES.join(", ")}` }).optional(),
});

/** Returns the exit code: 2 when a finding is at or above --fail-on. */
export async function analyzeCommand(file: string, rawOptions: unknown): Promise<number> {
  const options = parseOptions(AnalyzeOptions, rawOptions);
  const path = userPath(file);
  const snapshot = await readSnapshotFile(path);
  // After the read: a file that cannot be read gets its one error line and nothing else (cli.md).
  process.stderr.write(`Analysing ${file}…\n`);
  const status = createStatusLine();
  const report = analyzeSnapshot(snapshot, ({ done, total, step }) => status.show(`${barOf((100 * done) / total)} ${step}`));
  status.done();
  if (options.format === "json") process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  else if (options.format === "sarif") process.stdout.write(JSON.stringify(formatSarif(report, fileUri(file)), null, 2) + "\n");
  else process.stdout.write(formatText(report));
  if (options.failOn) {
    const threshold = SEVERITIES.indexOf(options.failOn);
    const hits = report.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= threshold);
    if (hits.length > 0) {
      process.stderr.write(`${hits.length} finding(s) at or above ${options.failOn}\n`);
      return 2;
    }
  }
  return 0;
}

/** SARIF wants a URI reference (RFC 3986): each path segment percent-encoded, so spaces and `#` stay in the name. */
export function fileUri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}
