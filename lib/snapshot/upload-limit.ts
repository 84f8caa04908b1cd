/** The upload size limit and its message; free of Node modules so the browser pre-checks with the same words. */
import { z } from "zod";

export const DEFAULT_UPLOAD_MAX_MB = 50;

/** LPG_UPLOAD_MAX_MB (default 50): the largest upload accepted, in MiB, before decompression. */
export function uploadLimitBytes(env: Record<string, string | undefined> = process.env): number {
  const mb = z.coerce.number().positive().max(512).catch(DEFAULT_UPLOAD_MAX_MB).parse(env.LPG_UPLOAD_MAX_MB ?? DEFAULT_UPLOAD_MAX_MB);
  return Math.floor(mb * 1024 * 1024);
}

function formatMiB(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

export function tooLargeMessage(name: string, size: number, limit: number): string {
  return `${name} is ${formatMiB(size)}; the upload limit is ${formatMiB(limit)} (set LPG_UPLOAD_MAX_MB to change it, or compress it as .json.gz)`;
}
