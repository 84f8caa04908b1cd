/**
 * JSON for stdout. JSON.stringify escapes C0 controls but writes DEL and the C1 controls (U+007F–U+009F) raw, and a
 * terminal may obey those: VTE executes C1 controls that arrive UTF-8 encoded (U+009B is CSI, U+009D OSC), so a
 * crafted Sid in `--format json` printed on a terminal could clear or retitle it. RFC 8259 §7 lets any character be
 * written as \uXXXX, so escaping them changes no value a parser reads: output piped to jq or a file means the same.
 */
import { unicodeEscape } from "@/lib/view/visible-text";

const DEL_AND_C1 = /[\u007f-\u009f]/g;

/** `JSON.stringify(value, null, indent)`, with DEL and C1 controls as escapes. They occur only inside strings. */
export function jsonForStdout(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(DEL_AND_C1, unicodeEscape);
}
