/**
 * What an interrupt (Ctrl-C, SIGTERM) did to a write into the store (a scan's or an upload's snapshot), in one wording
 * for the CLI's `scan` and the dashboard's server (`serve`): both let a write into the store finish first, since one
 * stopped half way left a temp file, or a snapshot file the index did not name. Beside the store, which says these
 * lines itself (file-store.ts, writes-in-flight.ts), so that it depends on no caller's module.
 */
export const FINISHING_WRITE = "Interrupted: finishing the write into the store first (interrupt again to stop at once).";

/**
 * The second interrupt, which does not wait: the write's temp files are removed; a snapshot file it had already put
 * in place is listed at the store's next start, which brings the index in line with the files (file-store.ts readIndex).
 */
export const ABANDONED_WRITE = "Interrupted again: stopped without finishing the write into the store (its temp files removed).";

/** `storedId`: the snapshot the finished write stored, or undefined when it failed or nothing was written. */
export function interruptedLine(storedId: string | undefined): string {
  return storedId ? `Interrupted: the snapshot was stored as ${storedId} before stopping.` : "Interrupted: the snapshot was not stored.";
}

/** An upload that arrived as the server stopped (its body still being received, or its write not yet begun). */
export const UPLOAD_NOT_STORED = "Interrupted: an upload still arriving as the server stopped was not stored (answered 503 where its connection allowed).";

/** What a client is answered (503) when the server, stopping, refused what it asked: `what` was not done. */
function stoppingAnswer(what: string, again: string): string {
  return `server is stopping, ${what}: ${again} once the server is back`;
}

/** What the client of such an upload is answered (503). */
export const UPLOAD_STOPPING_ANSWER = stoppingAnswer("upload not stored", "send it again");

/** A read of an empty store once the stop began: the demo it imports at its first read is a write the stop refuses. */
export const DEMO_NOT_IMPORTED_ANSWER = stoppingAnswer("the empty snapshot store could not import the demo snapshot", "ask again");

/** A dashboard scan asked for once the stop began: refused before reading the account (503). */
export const SCAN_STOPPING_ANSWER = stoppingAnswer("scan not started", "start it again");
