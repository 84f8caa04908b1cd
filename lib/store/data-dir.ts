/**
 * The data directory (LPG_DATA_DIR, default `.data/` in the working directory): the snapshot store's, and where
 * sign-outs are recorded so that every server process sharing the store knows them. One rule for both, so they
 * never drift apart.
 */
import { resolve } from "node:path";

export function dataDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(/*turbopackIgnore: true*/ env.LPG_DATA_DIR?.trim() || ".data");
}
