/**
 * Ctrl-C (SIGINT) or a SIGTERM while the CLI writes files: the process still ends by the signal, with the status a
 * shell expects, but not half way through a write. Commands that write files listen only while the write runs;
 * `serve` for as long as it runs (untilStopped).
 */
import { removeTempFilesInFlight } from "@/lib/store/atomic-write";
import { ABANDONED_WRITE, FINISHING_WRITE } from "@/lib/store/interrupted";

const INTERRUPTS = ["SIGINT", "SIGTERM"] as const;

/** Calls `onSignal` for each interrupt until the returned function is called. */
function listen(onSignal: (signal: NodeJS.Signals) => void): () => void {
  INTERRUPTS.forEach((s) => process.on(s, onSignal));
  return () => INTERRUPTS.forEach((s) => process.off(s, onSignal));
}

/** Ends the process by `signal`: with no listener left, the signal's default action. */
function endBy(signal: NodeJS.Signals): Promise<never> {
  process.kill(process.pid, signal);
  return new Promise<never>(() => undefined);
}

/** Ends the process by `signal` at once, the temp files of its writes in flight removed first (they never finish). */
function abandonWrites(signal: NodeJS.Signals, stopListening: () => void): void {
  removeTempFilesInFlight();
  stopListening();
  void endBy(signal);
}

/** Calls `onFirst` for the first interrupt; a second one says so and abandons the writes in flight (abandonWrites). */
function listenTwice(onFirst: (signal: NodeJS.Signals) => void): () => void {
  let received = false;
  const stop = listen((signal) => {
    if (received) {
      process.stderr.write(`${ABANDONED_WRITE}\n`);
      abandonWrites(signal, stop);
      return;
    }
    received = true;
    onFirst(signal);
  });
  return stop;
}

/** Runs `write` so that an interrupt meanwhile ends the process at once, its hidden temp file removed first. */
export async function removingTempFileOnInterrupt<T>(write: () => Promise<T>): Promise<T> {
  const stop = listen((signal) => abandonWrites(signal, stop));
  try {
    return await write();
  } finally {
    stop();
  }
}

/**
 * Runs `work`, a write of several files that belong together (the store's snapshot file and the index naming it), to
 * its end when an interrupt comes meanwhile, then ends the process by that signal, after `stopped` said how the work
 * ended (its result, or undefined when it failed). Stopped half way, it left a temp file beside the store's files, or
 * a snapshot file the index did not name. A second interrupt does not wait: the temp files removed, it ends at once.
 */
export async function finishingBeforeInterrupt<T>(work: () => Promise<T>, stopped: (result: T | undefined) => string): Promise<T> {
  let received: NodeJS.Signals | undefined;
  const stop = listenTwice((signal) => {
    received = signal;
    process.stderr.write(`\n${FINISHING_WRITE}\n`);
  });
  let result: T | undefined;
  try {
    result = await work();
  } catch (e: unknown) {
    if (!received) throw e;
  } finally {
    stop();
  }
  if (received) {
    process.stderr.write(`${stopped(result)}\n`);
    return endBy(received);
  }
  return result as T;
}

/**
 * For `serve`: resolves once the first interrupt has come and `settle` (which lets a write into the store finish) is
 * done with it. A second interrupt meanwhile does not wait (listenTwice). With no listener left after the first, as
 * before, it ended the process mid-write and left the write's temp file in the data directory.
 */
export function untilStopped(settle: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = listenTwice(() =>
      void settle().finally(() => {
        stop();
        resolve();
      }),
    );
  });
}
