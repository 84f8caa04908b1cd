/**
 * JSON.stringify's text of a value, in pieces whose concatenation is that text, so that a consumer (a hash) can take
 * it a piece at a time: the 10,000-function snapshot's id hashed 24 MB of text made at once (~0.3 s of stringifying,
 * then ~0.2 s of hashing, on the server's one thread), and held that text beside the parsed snapshot meanwhile.
 */

/** Only plain arrays and objects are taken apart; anything else (toJSON, a Date) is JSON.stringify's to write whole. */
function isPlainContainer(value: unknown): value is unknown[] | Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value's text when it is written whole, undefined where JSON.stringify writes nothing, null for a container taken apart. */
function wholeText(value: unknown, depth: number): string | undefined | null {
  return depth > 0 && isPlainContainer(value) ? null : (JSON.stringify(value) as string | undefined);
}

/**
 * The pieces of `JSON.stringify(value)`: containers `depth` levels down and deeper are stringified whole, so a piece
 * is at most one of them (a function's configuration, in a snapshot) and there are not millions of pieces.
 */
export function* jsonPieces(value: unknown, depth: number): Generator<string, void> {
  const text = wholeText(value, depth);
  if (text === null) yield* containerPieces(value as unknown[] | Record<string, unknown>, depth);
  else if (text !== undefined) yield text;
}

function* containerPieces(value: unknown[] | Record<string, unknown>, depth: number): Generator<string, void> {
  if (Array.isArray(value)) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ",";
      const text = wholeText(value[i], depth - 1);
      // An array writes null for what an object leaves out (undefined, a function).
      if (text === null) yield* containerPieces(value[i] as unknown[] | Record<string, unknown>, depth - 1);
      else yield text ?? "null";
    }
    yield "]";
    return;
  }
  yield "{";
  let first = true;
  for (const key of Object.keys(value)) {
    const text = wholeText(value[key], depth - 1);
    if (text === undefined) continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (text === null) yield* containerPieces(value[key] as unknown[] | Record<string, unknown>, depth - 1);
    else yield text;
  }
  yield "}";
}
