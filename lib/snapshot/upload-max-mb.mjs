/**
 * LPG_UPLOAD_MAX_MB, read one way for everything that depends on it: the upload route and the Snapshots page
 * (lib/snapshot/upload-limit.ts) and the request body limit Next applies in front of them (next.config.js, plain
 * JavaScript, hence this .mjs file). Unset or empty: 50. A number above 512 is lowered to 512; anything else that
 * is not a positive number falls back to 50. Either correction comes with a `problem` for the server to log, so
 * a typo is not silently replaced.
 */
export const DEFAULT_UPLOAD_MAX_MB = 50;
export const LARGEST_UPLOAD_MAX_MB = 512;

/** @param {Record<string, string | undefined>} env */
export function readUploadMaxMb(env) {
  const raw = (env.LPG_UPLOAD_MAX_MB ?? "").trim();
  if (raw === "") return { mb: DEFAULT_UPLOAD_MAX_MB };
  const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!(n > 0)) {
    return { mb: DEFAULT_UPLOAD_MAX_MB, problem: `LPG_UPLOAD_MAX_MB=${JSON.stringify(raw)} is not a positive number of MB; using ${DEFAULT_UPLOAD_MAX_MB}` };
  }
  if (n > LARGEST_UPLOAD_MAX_MB) {
    return { mb: LARGEST_UPLOAD_MAX_MB, problem: `LPG_UPLOAD_MAX_MB=${raw} is above the largest allowed, ${LARGEST_UPLOAD_MAX_MB}; using ${LARGEST_UPLOAD_MAX_MB}` };
  }
  return { mb: n };
}

/**
 * Next's limit on a request body passing proxy.ts (default 10 MB): above the upload limit, with room for the
 * multipart framing around the file, so the upload route is the one that refuses an oversize file, in its words.
 * @param {Record<string, string | undefined>} env
 */
export function proxyBodyLimit(env) {
  return `${proxyBodyLimitMb(env)}mb`;
}

/**
 * The same limit in bytes (Next reads "mb" as 1024 × 1024 bytes): the dashboard server refuses a body announced
 * larger before Next reads any of it (lib/http/early-refusal.ts).
 * @param {Record<string, string | undefined>} env
 */
export function proxyBodyLimitBytes(env) {
  return proxyBodyLimitMb(env) * 1024 * 1024;
}

/** @param {Record<string, string | undefined>} env */
function proxyBodyLimitMb(env) {
  return Math.ceil(readUploadMaxMb(env).mb) + 1;
}
