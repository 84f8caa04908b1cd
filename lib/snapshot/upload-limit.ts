/** The upload size limit and its message; free of Node modules so the browser pre-checks with the same words. */
import { readUploadMaxMb } from "./upload-max-mb.mjs";

export { DEFAULT_UPLOAD_MAX_MB } from "./upload-max-mb.mjs";

/**
 * LPG_UPLOAD_MAX_MB (default 50): the largest upload accepted, in MiB, before decompression. Read by the same
 * parser as next.config.js's body limit in front of the route (upload-max-mb.mjs), so the two always agree.
 */
export function uploadLimitBytes(env: Record<string, string | undefined> = process.env): number {
  return Math.floor(readUploadMaxMb(env).mb * 1024 * 1024);
}

function formatMiB(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

export function tooLargeMessage(name: string, size: number, limit: number): string {
  return `${name} is ${formatMiB(size)}; the upload limit is ${formatMiB(limit)} (set LPG_UPLOAD_MAX_MB to change it, or compress it as .json.gz)`;
}
