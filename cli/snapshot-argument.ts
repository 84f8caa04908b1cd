/**
 * The snapshot a command names on its command line: a file, or `-` for standard input (`scan --out - | analyze -`,
 * `curl … | analyze -`), plain or gzipped JSON alike.
 */
import type { Readable } from "node:stream";
import { MAX_SNAPSHOT_BYTES, readSnapshot, snapshotFileBytes, SnapshotReadError } from "@/lib/snapshot/read";
import type { Snapshot } from "@/lib/snapshot/schema";
import { setAsideName, type SetAsideEntry } from "@/lib/snapshot/set-aside";
import { visibleText } from "@/lib/view/visible-text";
import { UserError, userPath } from "./errors";
import { shortenLongWords } from "@/lib/view/long-words";

export const STDIN = "-";

/** Warning lines for what was set aside; more are counted in one last line, so a broken file cannot flood stderr. */
const SET_ASIDE_WARNINGS = 10;

/** The snapshot, after one stderr warning per entry set aside to read it (their subjects are unknown in the results). */
export async function readSnapshotArgument(file: string): Promise<Snapshot> {
  const label = file === STDIN ? "standard input" : userPath(file);
  const bytes = file === STDIN ? await readAtMost(process.stdin, MAX_SNAPSHOT_BYTES, label) : await snapshotFileBytes(label);
  const { snapshot, setAside } = readSnapshot(bytes, label);
  for (const line of setAsideWarnings(label, setAside)) process.stderr.write(`${line}\n`);
  return snapshot;
}

/** The warning lines, each on one line whatever the file holds (its text is shown as text, cli.md: one line each). */
export function setAsideWarnings(label: string, setAside: readonly SetAsideEntry[]): string[] {
  const lines = setAside.slice(0, SET_ASIDE_WARNINGS).map((entry) => `${label}: set aside ${setAsideName(entry)}, shown as unknown: ${entry.message}`);
  if (setAside.length > SET_ASIDE_WARNINGS) lines.push(`${label}: and ${setAside.length - SET_ASIDE_WARNINGS} more malformed entries set aside, shown as unknown`);
  return lines.map((line) => `warning: ${shortenLongWords(visibleText(line))}`);
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
