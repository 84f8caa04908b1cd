/**
 * Checking an uploaded snapshot file before anything is stored: size limit first (cheap), then the same reader
 * the CLI and the store use (gzip, JSON, format, schema, environment values redacted). Every rejection is a
 * sentence naming the file and what to do; nothing here writes.
 */
import { readSnapshotInTurns, SnapshotReadError } from "./read";
import type { Snapshot } from "./schema";
import type { SetAsideEntry } from "./set-aside";
import { tooLargeMessage, uploadLimitBytes } from "./upload-limit";

export type UploadCheck =
  | { ok: true; snapshot: Snapshot; setAside: SetAsideEntry[] }
  | { ok: false; status: 400 | 413; error: string };

/**
 * Validate an uploaded file's bytes. `name` is the file name as given (shown in messages, never used as a path).
 * Read in turns (readSnapshotInTurns): read at once, a 10,000-function file held the server's one thread for ~1 s.
 */
export async function checkUpload(bytes: Uint8Array, name: string, limit = uploadLimitBytes()): Promise<UploadCheck> {
  const label = name.trim().slice(0, 200) || "uploaded file";
  if (bytes.length > limit) return { ok: false, status: 413, error: tooLargeMessage(label, bytes.length, limit) };
  if (bytes.length === 0) return { ok: false, status: 400, error: `${label} is empty; choose a snapshot file (.json or .json.gz)` };
  const gzipMagic = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (/\.gz$/i.test(label) && !gzipMagic) {
    return { ok: false, status: 400, error: `${label}: named .gz but is not gzip data; upload the .json file, or gzip it again` };
  }
  try {
    return { ok: true, ...(await readSnapshotInTurns(bytes, label)) };
  } catch (e: unknown) {
    if (e instanceof SnapshotReadError) return { ok: false, status: 400, error: e.message };
    throw e;
  }
}
