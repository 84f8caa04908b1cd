/**
 * JSON.stringify's text, made and sent a piece at a time: the 10,000-function report is 65 MiB of JSON, and
 * `NextResponse.json` built it as one string and one buffer per request, so three downloads at once held six copies.
 * Streamed, a request holds one batch (and whatever the socket has not taken yet: `pull` waits for it).
 */

/** Containers this deep are written a member at a time; deeper values in one JSON.stringify each. */
const SPLIT_DEPTH = 3;
/** Text gathered before it is handed to the stream. */
const BATCH_CHARS = 64 * 1024;

function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== "object" || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";

/** The pieces of JSON.stringify(value), in order; joined, they are that text exactly. */
export function* jsonPieces(value: unknown, depth = 0): Generator<string> {
  if (depth >= SPLIT_DEPTH || !isPlainContainer(value)) {
    yield JSON.stringify(value) ?? "null";
    return;
  }
  if (Array.isArray(value)) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ",";
      const v: unknown = value[i];
      if (omitted(v)) yield "null";
      else yield* jsonPieces(v, depth + 1);
    }
    yield "]";
    return;
  }
  yield "{";
  let first = true;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (omitted(v)) continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(v, depth + 1);
  }
  yield "}";
}

/** `value` as JSON bytes, made as the reader takes them. */
export function jsonStream(value: unknown): ReadableStream<Uint8Array> {
  const pieces = jsonPieces(value);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let batch = "";
      while (batch.length < BATCH_CHARS) {
        const next = pieces.next();
        if (next.done) {
          if (batch) controller.enqueue(encoder.encode(batch));
          controller.close();
          return;
        }
        batch += next.value;
      }
      controller.enqueue(encoder.encode(batch));
    },
    cancel() {
      pieces.return(undefined);
    },
  });
}
