/**
 * Checking an uploaded snapshot file before anything is stored: size limit first (cheap), then the same reader
 * the CLI and the store use (gzip, JSON, format, schema, environment values redacted). Every rejection is a
 * sentence naming the file and what to do; nothing here writes.
 */
import { z } from "zod";
import { parseSnapshot, SnapshotReadError } from "./read";
import type { Snapshot } from "./schema";

export const DEFAULT_UPLOAD_MAX_MB = 50;

/** LPG_UPLOAD_MAX_MB (default 50): the largest upload accepted, in MiB, before decompression. */
export function uploadLimitBytes(env: Record<string, string | undefined> = process.env): number {
  const mb = z.coerce.number().positive().max(512).catch(DEFAULT_UPLOAD_MAX_MB).parse(env.LPG_UPLOAD_MAX_MB ?? DEFAULT_UPLOAD_MAX_MB);
  return Math.floor(mb * 1024 * 1024);
}

export type UploadCheck =
  | { ok: true; snapshot: Snapshot }
  | { ok: false; status: 400 | 413; error: string };

function formatMiB(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

export function tooLargeMessage(name: string, size: number, limit: number): string {
  return `${name} is ${formatMiB(size)}; the upload limit is ${formatMiB(limit)} (set LPG_UPLOAD_MAX_MB to change it, or compress it as .json.gz)`;
}

/** Validate an uploaded file's bytes. `name` is the file name as given (shown in messages, never used as a path). */
export function checkUpload(bytes: Uint8Array, name: string, limit = uploadLimitBytes()): UploadCheck {
  const label = name.trim().slice(0, 200) || "uploaded file";
  if (bytes.length > limit) return { ok: false, status: 413, error: tooLargeMessage(label, bytes.length, limit) };
  if (bytes.length === 0) return { ok: false, status: 400, error: `${label} is empty; choose a snapshot file (.json or .json.gz)` };
  const gzipMagic = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (/\.gz$/i.test(label) && !gzipMagic) {
    return { ok: false, status: 400, error: `${label}: named .gz but is not gzip data; upload the .json file, or gzip it again` };
  }
  try {
    return { ok: true, snapshot: parseSnapshot(bytes, label) };
  } catch (e: unknown) {
    if (e instanceof SnapshotReadError) return { ok: false, status: 400, error: e.message };
    throw e;
  }
}
