/**
 * The Chromium that renders PNG reports on the server and in `cli report`: CHROMIUM_PATH, else Debian's
 * /usr/bin/chromium (the same candidates as scripts/ensure-chromium.mjs, which can also install it).
 */
import { existsSync } from "node:fs";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export class ChromiumMissingError extends Error {
  override name = "ChromiumMissingError";
}

/** What a user without a working Chromium does (scripts/ensure-chromium.mjs installs Debian's package). */
const GET_CHROMIUM = "install it (Debian/Ubuntu: `sudo apt-get install -y chromium`, or `node scripts/ensure-chromium.mjs`) or set CHROMIUM_PATH";

/**
 * The Chromium found did not start (not executable, not a browser, missing libraries): the user's machine to fix, so
 * said with the binary and what to do rather than as Playwright's launch log.
 */
export class ChromiumStartError extends Error {
  override name = "ChromiumStartError";
  constructor(executablePath: string, cause: unknown) {
    const why = (cause instanceof Error ? cause.message : String(cause)).split("\n")[0]!.replace(/^browserType\.launch: /, "");
    super(`Chromium at ${executablePath} did not start (${why}): ${GET_CHROMIUM} to a working Chromium or Chrome binary`, { cause });
  }
}

/**
 * A CHROMIUM_PATH that names no file is refused rather than passed over for Debian's: the user chose that binary
 * (a newer Chrome, one with their fonts), and a PNG quietly drawn by another would hide their typo.
 */
export function findChromium(env: Record<string, string | undefined> = process.env, exists: (p: string) => boolean = existsSync): string {
  if (env.CHROMIUM_PATH) {
    if (exists(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new ChromiumMissingError(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist; point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium`);
  }
  const found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => exists(p));
  if (found) return found;
  throw new ChromiumMissingError(`no Chromium found to render PNG reports: ${GET_CHROMIUM}`);
}
