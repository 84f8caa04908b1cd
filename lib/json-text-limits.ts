/**
 * Limits checked on JSON text before JSON.parse. V8 parses JSON of any depth, but JSON.stringify, structuredClone
 * and every recursive walk overflow the stack a few thousand levels down: a 10,000-level value inside a snapshot or a
 * policy document was read, then crashed the report's serialisation (CLI exit 3, a 500 from the API).
 */
import { ANOTHER_TURN, runToEnd, type AnotherTurn } from "./steps";

/** Far deeper than any AWS response or policy document (a policy's Condition values sit 6 levels down). */
export const MAX_JSON_DEPTH = 256;

export type JsonTextLimit = "depth" | "containers";

/**
 * Characters scanned between two turns of the event loop (jsonTextBeyondSteps): a few milliseconds of scanning. The
 * 10,000-function snapshot's 24 MB took ~0.3 s at once, during which the server answered nothing, not its stylesheet.
 */
export const JSON_SCAN_SLICE = 1 << 20;

/**
 * Which limit the text goes past first, or undefined. Brackets inside strings are not counted: a policy string
 * inside a snapshot is text, whatever it holds.
 */
export function jsonTextBeyond(text: string, maxDepth: number, maxContainers = Infinity): JsonTextLimit | undefined {
  return runToEnd(jsonTextBeyondSteps(text, maxDepth, maxContainers, Infinity));
}

/** `jsonTextBeyond` as steps (lib/steps.ts), handing back a turn after every `slice` characters. */
export function* jsonTextBeyondSteps(
  text: string,
  maxDepth: number,
  maxContainers = Infinity,
  slice = JSON_SCAN_SLICE,
): Generator<AnotherTurn, JsonTextLimit | undefined> {
  let depth = 0;
  let containers = 0;
  let inString = false;
  let i = 0;
  while (i < text.length) {
    const end = Math.min(text.length, i + slice);
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++; // a backslash escapes the next character, a quote included (in the next slice, if need be)
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 123 || c === 91) {
        if (++depth > maxDepth) return "depth";
        if (++containers > maxContainers) return "containers";
      } else if (c === 125 || c === 93) depth--;
    }
    if (i < text.length) yield ANOTHER_TURN;
  }
  return undefined;
}
