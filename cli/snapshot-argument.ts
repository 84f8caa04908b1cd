/**
 * The snapshot a command names on its command line: a file, or `-` for standard input (`scan --out - | analyze -`,
 * `curl … | analyze -`), plain or gzipped JSON alike.
 */
import type { Readable } from "node:stream";
import { MAX_SNAPSHOT_BYTES, parseSnapshot, readSnapshotFile, SnapshotReadError } from "@/lib/snapshot/read";
import type { Snapshot } from "@/lib/snapshot/schema";
import { UserError, userPath } from "./errors";

export const STDIN = "-";

export async function readSnapshotArgument(file: string): Promise<Snapshot> {
  if (file !== STDIN) return readSnapshotFile(userPath(file));
  return parseSnapshot(await readAtMost(process.stdin, MAX_SNAPSHOT_BYTES, "standard input"), "standard input");
}

/** The whole stream, refused as soon as it passes `max` bytes (not after gigabytes were held in memory). */
export async function readAtMost(stream: Readable, max: number, label: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > max) {
      stream.destroy();
      throw new SnapshotReadError(`${label}: larger than ${max / 1024 / 1024} MiB`);
    }
    chunks.push(bytes);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/**
 * `serve` and `report` start a dashboard that reads its snapshot file again (LPG_SNAPSHOT_FILE): a stream cannot be.
 * Given `-`, as analyze and can take it, they looked for a file named "-" and said only that it did not exist.
 */
export function refuseStdin(command: string, file: string | undefined): void {
  if (file === STDIN) {
    throw new UserError(`${command} reads a snapshot file, not standard input (-): save the snapshot to a file first (scan --out snapshot.json.gz)`);
  }
}
