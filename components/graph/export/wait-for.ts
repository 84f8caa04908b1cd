/**
 * The exporter's waits on the graph page (its layout, every node drawn). A fixed limit was a guess a slow machine beats:
 * ELK lays out 150 functions in ~11 s here, and took over 20 s on the loaded 2-core machine, where a 20 s limit said
 * "Export failed" while nothing was wrong. So a wait gives up only after `quietMs` in which its progress probe saw
 * nothing change (with no probe, after `quietMs` in all), and says it is still waiting meanwhile.
 */

import { waitedText } from "@/lib/report-png/waited-text";

export interface WaitOptions {
  /** What is waited for, as the messages name it: "the graph layout". */
  what: string;
  /** How long the wait may go on without progress before it gives up. */
  quietMs: number;
  /** A value that changes as the awaited work advances (how many nodes are drawn); none: the whole wait is one quiet stretch. */
  progress?: () => number;
  /** Called every ANNOUNCE_EVERY_MS of waiting, with the time waited, so the page can say it is still working. */
  onStillWaiting?: (waitedMs: number) => void;
  /** What the reader can do about it, added to the message when the wait gives up. */
  advice?: string;
}

const POLL_MS = 25;
/** Often enough to show the export is alive, rarely enough not to flood a screen reader's live region. */
export const ANNOUNCE_EVERY_MS = 10_000;

export async function waitFor(done: () => boolean, { what, quietMs, progress, onStillWaiting, advice }: WaitOptions): Promise<void> {
  const start = performance.now();
  let quietSince = start;
  let seen = progress?.();
  let announced = 0;
  while (!done()) {
    const now = performance.now();
    const current = progress?.();
    if (current !== seen) {
      seen = current;
      quietSince = now;
    }
    if (now - quietSince > quietMs) {
      const why = progress ? `made no progress for ${waitedText(quietMs)}` : `did not finish in ${waitedText(quietMs)}`;
      throw new Error(`${what} ${why}${advice ? `; ${advice}` : ""}`);
    }
    const due = Math.floor((now - start) / ANNOUNCE_EVERY_MS);
    if (due > announced) {
      announced = due;
      onStillWaiting?.(now - start);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
