/** JSON for stdout: DEL and C1 controls escaped, so a terminal shows them rather than obeying them (lib/view/terminal-safe-json.ts). */
import { terminalSafeJson } from "@/lib/view/terminal-safe-json";
import { jsonBatches, type JsonLayout } from "@/lib/http/json-stream";

/** `JSON.stringify(value, null, indent)`, with DEL and C1 controls as escapes. */
export function jsonForStdout(value: unknown, indent?: number): string {
  return terminalSafeJson(JSON.stringify(value, null, indent));
}

/**
 * jsonForStdout's text and a line break, written a batch at a time: `analyze --format json` at 10,000 functions is
 * 97 MB, and its string and escaped copy took the CLI's peak memory to 988 MB. A batch ends between JSON tokens, so
 * escaping each escapes them all.
 */
export function writeJsonToStdout(value: unknown, layout: JsonLayout): void {
  for (const batch of jsonBatches(value, layout)) process.stdout.write(terminalSafeJson(batch));
  process.stdout.write("\n");
}
