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

export function findChromium(env: Record<string, string | undefined> = process.env, exists: (p: string) => boolean = existsSync): string {
  const candidates = [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p): p is string => !!p);
  const found = candidates.find((p) => exists(p));
  if (found) return found;
  throw new ChromiumMissingError(
    env.CHROMIUM_PATH
      ? `CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist; point it at a Chromium or Chrome binary`
      : "no Chromium found to render PNG reports: install it (Debian/Ubuntu: `sudo apt-get install -y chromium`, or `node scripts/ensure-chromium.mjs`) or set CHROMIUM_PATH",
  );
}
