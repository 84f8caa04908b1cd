/**
 * Ctrl-C (SIGINT) or a SIGTERM while the CLI writes files: the process still ends by the signal, with the status a
 * shell expects, but not half way through a write. Only while the write runs: `serve` handles these signals itself.
 */
import { removeTempFilesInFlight } from "@/lib/store/atomic-write";
import { FINISHING_WRITE } from "@/lib/scan/interrupted";

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

/** Runs `write` so that an interrupt meanwhile ends the process at once, its hidden temp file removed first. */
export async function removingTempFileOnInterrupt<T>(write: () => Promise<T>): Promise<T> {
  const stop = listen((signal) => {
    removeTempFilesInFlight();
    stop();
    void endBy(signal);
  });
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
  const stop = listen((signal) => {
    if (received) {
      removeTempFilesInFlight();
      stop();
      void endBy(signal);
      return;
    }
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
