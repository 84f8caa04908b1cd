/**
 * Stable snapshot ids: `<capturedAt compact>-<first 12 hex of sha256(content)>`, e.g. `20250301T123456Z-3f9a0c1b2d4e`.
 * The same snapshot content always gets the same id, so saving it twice stores it once, and ids sort by capture time.
 */
import { createHash } from "node:crypto";

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
  return `${compactTimestamp(capturedAt)}-${contentHash(content).slice(0, 12)}`;
}

/** Ids are used in file names and URLs: only this shape is ever accepted back. */
export const SNAPSHOT_ID_PATTERN = /^[0-9A-Za-z]{1,32}-[0-9a-f]{12}$/;
