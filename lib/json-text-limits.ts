/**
 * Limits checked on JSON text before JSON.parse. V8 parses JSON of any depth, but JSON.stringify, structuredClone
 * and every recursive walk overflow the stack a few thousand levels down: a 10,000-level value inside a snapshot or a
 * policy document was read, then crashed the report's serialisation (CLI exit 3, a 500 from the API).
 */

/** Far deeper than any AWS response or policy document (a policy's Condition values sit 6 levels down). */
export const MAX_JSON_DEPTH = 256;

/**
 * Which limit the text goes past first, or undefined. Brackets inside strings are not counted: a policy string
 * inside a snapshot is text, whatever it holds.
 */
export function jsonTextBeyond(text: string, maxDepth: number, maxContainers = Infinity): "depth" | "containers" | undefined {
  let depth = 0;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character, a quote included
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return "depth";
      if (++containers > maxContainers) return "containers";
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
}
