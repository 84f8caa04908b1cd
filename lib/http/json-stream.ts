/**
 * JSON.stringify's text, made and sent a piece at a time: the 10,000-function report is 65 MiB of JSON, and
 * `NextResponse.json` built it as one string and one buffer per request, so three downloads at once held six copies.
 * Streamed, a request holds one batch (and whatever the socket has not taken yet: `pull` waits for it). The SARIF
 * log and the CLI's stdout take the same pieces, indented as JSON.stringify's third argument indents.
 */

/**
 * Containers this deep are written a member at a time; deeper values in one JSON.stringify each. Deeper costs time in
 * pieces (the 10,000-function report at depth 4 took about twice as long as at 3), so a value whose bulk sits deeper
 * asks for it (`splitDepth`).
 */
const SPLIT_DEPTH = 3;
/** Text gathered before it is handed to the stream. */
const BATCH_CHARS = 64 * 1024;

/** JSON.stringify's indent (spaces), and how deep containers are split into pieces (default SPLIT_DEPTH). */
export type JsonLayout = { indent?: number; splitDepth?: number };

function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== "object" || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";

/** The pieces of JSON.stringify(value, null, layout.indent), in order; joined, they are that text exactly. */
export function jsonPieces(value: unknown, layout: JsonLayout = {}): Generator<string> {
  // JSON.stringify caps the indent at 10 spaces.
  const gap = " ".repeat(Math.min(10, Math.max(0, Math.floor(layout.indent ?? 0))));
  return pieces(value, gap, 0, layout.splitDepth ?? SPLIT_DEPTH);
}

function* pieces(value: unknown, gap: string, depth: number, split: number): Generator<string> {
  const outer = gap ? `\n${gap.repeat(depth)}` : "";
  if (depth >= split || !isPlainContainer(value)) {
    const text = JSON.stringify(value, null, gap) ?? "null";
    // A value written whole starts its lines at column 0; JSON text has no line break inside a string to disturb.
    yield outer ? text.replaceAll("\n", outer) : text;
    return;
  }
  const inner = gap ? `\n${gap.repeat(depth + 1)}` : "";
  const colon = gap ? ": " : ":";
  let first = true;
  const open = (bracket: string) => `${first ? bracket : ","}${inner}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      yield open("[");
      first = false;
      const v: unknown = value[i];
      if (omitted(v)) yield "null";
      else yield* pieces(v, gap, depth + 1, split);
    }
    yield first ? "[]" : `${outer}]`;
    return;
  }
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (omitted(v)) continue;
    yield `${open("{")}${JSON.stringify(key)}${colon}`;
    first = false;
    yield* pieces(v, gap, depth + 1, split);
  }
  yield first ? "{}" : `${outer}}`;
}

/** jsonPieces gathered into strings of about BATCH_CHARS: what a stream or a write takes at once. */
export function* jsonBatches(value: unknown, layout: JsonLayout = {}): Generator<string> {
  let batch = "";
  for (const piece of jsonPieces(value, layout)) {
    batch += piece;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

/** `value` as JSON bytes, made as the reader takes them. */
export function jsonStream(value: unknown, layout: JsonLayout = {}): ReadableStream<Uint8Array> {
  const batches = jsonBatches(value, layout);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      batches.return(undefined);
    },
  });
}
