/**
 * Stable snapshot ids: `<capturedAt compact>-<first 12 hex of sha256(content)>`, e.g. `20250301T123456Z-3f9a0c1b2d4e`.
 * The same snapshot content always gets the same id, so saving it twice stores it once, and ids sort by capture time.
 */
import { createHash } from "node:crypto";
import { jsonPieces } from "@/lib/json-pieces";
import { ANOTHER_TURN, type AnotherTurn } from "@/lib/steps";

/** `2025-03-01T12:34:56.789Z` → `20250301T123456Z`; anything unparseable becomes a filename-safe slug. */
export function compactTimestamp(capturedAt: string): string {
  const t = Date.parse(capturedAt);
  if (Number.isNaN(t)) {
    const slug = capturedAt.replace(/[^0-9A-Za-z]/g, "").slice(0, 16);
    return slug.length > 0 ? slug : "undated";
  }
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

export function contentHash(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

export function snapshotId(capturedAt: string, content: string | Uint8Array): string {
  return idOf(capturedAt, contentHash(content));
}

function idOf(capturedAt: string, hash: string): string {
  return `${compactTimestamp(capturedAt)}-${hash.slice(0, 12)}`;
}

/** Text hashed between two turns: a few milliseconds of stringifying and hashing. */
const HASH_SLICE = 1 << 20;

/**
 * `snapshotId(snapshot.capturedAt, JSON.stringify(snapshot))` as steps (lib/steps.ts): the text is made and hashed a
 * piece at a time (json-pieces.ts), never held whole, with a turn of the event loop after every HASH_SLICE of it.
 * Pieces are functions' configurations and the like: five levels down is a function of a region's ListFunctions.
 * `onText` gets the text hashed, slice by slice, for a caller that writes it too (the store's save).
 */
export function* snapshotIdSteps(snapshot: { capturedAt: string }, onText?: (slice: string) => void): Generator<AnotherTurn, string> {
  const hash = createHash("sha256");
  let pending: string[] = [];
  let pendingLength = 0;
  const take = () => {
    const slice = pending.join("");
    hash.update(slice);
    onText?.(slice);
  };
  for (const piece of jsonPieces(snapshot, 5)) {
    pending.push(piece);
    pendingLength += piece.length;
    if (pendingLength < HASH_SLICE) continue;
    take();
    pending = [];
    pendingLength = 0;
    yield ANOTHER_TURN;
  }
  take();
  return idOf(snapshot.capturedAt, hash.digest("hex"));
}

/** Ids are used in file names and URLs: only this shape is ever accepted back. */
export const SNAPSHOT_ID_PATTERN = /^[0-9A-Za-z]{1,32}-[0-9a-f]{12}$/;
