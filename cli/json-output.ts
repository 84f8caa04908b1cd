/** JSON for stdout: DEL and C1 controls escaped, so a terminal shows them rather than obeying them (lib/view/terminal-safe-json.ts). */
import { terminalSafeJson } from "@/lib/view/terminal-safe-json";

/** `JSON.stringify(value, null, indent)`, with DEL and C1 controls as escapes. */
export function jsonForStdout(value: unknown, indent?: number): string {
  return terminalSafeJson(JSON.stringify(value, null, indent));
}
