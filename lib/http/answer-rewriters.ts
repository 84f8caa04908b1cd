/**
 * What the dashboard server rewrites in Next's answers as they stream (rewrite-response.ts): the scripts of an HTML
 * page (paint-first-scripts.ts), and DEL and C1 controls in any JSON answer (lib/view/terminal-safe-json.ts). Snapshot
 * text reaches JSON answers whole (the report, a node's details, a search, the SARIF download), and `curl` prints them
 * on a terminal that may obey a crafted Sid's CSI or OSC. The CLI's JSON escapes them; so does every route's, here once.
 */
import { terminalSafeJson } from "@/lib/view/terminal-safe-json";
import { paintFirstScripts, type PaintFirstOptions } from "./paint-first-scripts";
import { decodedText, type BodyRewriter } from "./rewrite-response";

const HTML = /^text\/html\b/i;
/** `application/json` and its structured-syntax kin (`application/sarif+json`, `application/problem+json`). */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

export function answerRewriter(contentType: string, options: PaintFirstOptions): BodyRewriter | null {
  if (HTML.test(contentType)) return decodedText(paintFirstScripts(options));
  if (JSON_TYPE.test(contentType)) return terminalSafeJsonBytes();
  return null;
}

/** Whether `b` holds DEL or, UTF-8 encoded, a C1 control (0xC2 then 0x80–0x9F; 0xC2 is never a continuation byte). */
function holdsControl(b: Buffer): boolean {
  if (b.indexOf(0x7f) >= 0) return true;
  for (let i = b.indexOf(0xc2); i >= 0 && i + 1 < b.length; i = b.indexOf(0xc2, i + 1)) if (b[i + 1]! < 0xa0) return true;
  return false;
}

/** How many bytes at the end of `b` begin a UTF-8 character that the next piece completes. */
function unfinishedTail(b: Buffer): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const byte = b[b.length - k]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

/**
 * terminalSafeJson over a byte stream. Only a piece holding a control is decoded and encoded again: the 10,000-function
 * report is 65 MiB, which a scan for the bytes reads in ~20 ms and a decode and encode in ~600 ms. A character cut
 * between pieces is held back until whole, so each piece decoded is whole characters.
 */
function terminalSafeJsonBytes(): BodyRewriter {
  let held = Buffer.alloc(0);
  return {
    write(piece) {
      const all = held.length ? Buffer.concat([held, piece]) : piece;
      const cut = all.length - unfinishedTail(all);
      held = Buffer.from(all.subarray(cut));
      const whole = all.subarray(0, cut);
      return holdsControl(whole) ? terminalSafeJson(whole.toString("utf8")) : whole;
    },
    end() {
      const rest = held;
      held = Buffer.alloc(0);
      return rest;
    },
  };
}
