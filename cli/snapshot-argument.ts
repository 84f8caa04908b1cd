/**
 * The snapshot a command names on its command line: a file, or `-` for standard input (`scan --out - | analyze -`,
 * `curl … | analyze -`), plain or gzipped JSON alike.
 */
import { buffer } from "node:stream/consumers";
import { parseSnapshot, readSnapshotFile } from "@/lib/snapshot/read";
import type { Snapshot } from "@/lib/snapshot/schema";
import { userPath } from "./errors";

export const STDIN = "-";

export async function readSnapshotArgument(file: string): Promise<Snapshot> {
  if (file !== STDIN) return readSnapshotFile(userPath(file));
  return parseSnapshot(new Uint8Array(await buffer(process.stdin)), "standard input");
}
