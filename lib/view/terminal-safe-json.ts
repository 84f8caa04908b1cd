/**
 * JSON text with nothing in it for a terminal to act on. JSON.stringify escapes C0 controls but writes DEL and the C1
 * controls (U+007F–U+009F) raw, and a terminal may obey those: VTE executes C1 controls that arrive UTF-8 encoded
 * (U+009B is CSI, U+009D OSC), so a crafted Sid in a report printed on a terminal could clear or retitle it. RFC 8259
 * §7 lets any character be written as \uXXXX, so escaping them changes no value a parser reads: JSON piped to jq, saved
 * to a file or read by the dashboard's own pages means the same. Used for the CLI's stdout (cli/json-output.ts) and
 * every JSON answer of the dashboard server (lib/http/answer-rewriters.ts), which `curl` prints as it comes.
 */
import { unicodeEscape } from "./visible-text";

const DEL_AND_C1 = /[\u007f-\u009f]/g;

/** `json` (any piece of JSON text) with DEL and C1 controls as escapes. They occur only inside strings. */
export function terminalSafeJson(json: string): string {
  return json.replace(DEL_AND_C1, unicodeEscape);
}
