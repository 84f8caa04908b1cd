/**
 * The process's writes into the store still running, for a server asked to stop (serve's Ctrl-C or SIGTERM): every
 * file write (atomic-write.ts) and every write of several files that belong together (a snapshot and the index naming
 * it, for an upload or a dashboard scan) is tracked here, so that the stop lets them finish, whoever began them. One
 * stopped half way left a temp file in the data directory, or a snapshot file the index did not name.
 * Once the stop has begun, a write that is not part of one already running is refused (StopRefusal) rather than
 * begun: the process would end in the middle of it, since nothing waits for it once the last wait is over.
 * On globalThis, as the store's state is (app-store.ts): `serve`'s signal handler runs its own copy of this module,
 * the dashboard's routes Next's bundled one.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { FINISHING_WRITE } from "./interrupted";

interface Writes {
  /** Each settles (never rejects) once its write ended; removed then, before whoever awaits the write goes on. */
  pending: Set<Promise<unknown>>;
  /** Aborted once a stop has begun (settleWritesBeforeStop). */
  stop: AbortController;
  /** Set inside a tracked write: the writes it makes itself (a snapshot's file, then its index) go on after the stop. */
  inside: AsyncLocalStorage<true>;
  /** Once a stop has begun: the outcomes of writes ended since, not yet said. */
  outcomes: string[];
  /** FINISHING_WRITE was said: once per stop, however many rounds of waiting it takes. */
  announced: boolean;
}

const key = Symbol.for("lambda-permissions-graph.store-writes-in-flight");

function writes(): Writes {
  const g = globalThis as typeof globalThis & { [key]?: Writes };
  return (g[key] ??= { pending: new Set(), stop: new AbortController(), inside: new AsyncLocalStorage(), outcomes: [], announced: false });
}

/** A write refused, or a request's work given up, because the server is stopping: nothing of it was stored. */
export class StopRefusal extends Error {
  /** Known by this, not by `instanceof`: the error may come from another copy of this module (see above). */
  readonly serverStopping = true;
  constructor() {
    super("the server is stopping");
  }
}

export function isStopRefusal(e: unknown): boolean {
  return (e as { serverStopping?: unknown } | null)?.serverStopping === true;
}

/**
 * Throws a StopRefusal once a stop has begun: for work that would end in a write (a dashboard scan reads the whole
 * account first), refused before it begins rather than at its write.
 */
export function refuseOnceStopping(): void {
  if (writes().stop.signal.aborted) throw new StopRefusal();
}

/**
 * `work` (reading a request's body that is to be stored), given up with a StopRefusal as soon as a stop begins: the
 * client is answered that nothing was stored, rather than sending the rest for a write the stop would refuse.
 */
export function unlessStopping<T>(work: Promise<T>): Promise<T> {
  const { signal } = writes().stop;
  work.catch(() => undefined); // given up, its failure (the body cut as the connection closes) is no one's
  if (signal.aborted) return Promise.reject(new StopRefusal());
  return new Promise<T>((resolve, reject) => {
    const refuse = () => reject(new StopRefusal());
    signal.addEventListener("abort", refuse, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", refuse));
  });
}

/**
 * Runs `write`, tracked until it ends. `outcome`: the line a stop waiting for it says once it ended (its result, or
 * undefined when it failed). Tracked from this call on, before `write` awaits anything: a stop in between waits too.
 * Once a stop has begun, rejects with a StopRefusal without running `write`, unless called from a tracked write.
 */
export function trackWrite<T>(write: () => Promise<T>, outcome?: (result: T | undefined) => string): Promise<T> {
  const state = writes();
  if (state.stop.signal.aborted && !state.inside.getStore()) return Promise.reject(new StopRefusal());
  const ended = (line: string | undefined) => {
    state.pending.delete(entry);
    if (state.stop.signal.aborted && line !== undefined) state.outcomes.push(line);
  };
  const tracked = state.inside.run(true, async () => write()).then(
    (result) => {
      ended(outcome?.(result));
      return result;
    },
    (e: unknown) => {
      ended(outcome?.(undefined));
      throw e;
    },
  );
  const entry = tracked.catch(() => undefined);
  state.pending.add(entry);
  return tracked;
}

/**
 * Begins the stop (writes from now on are refused, see trackWrite) and resolves once no tracked write is left, the
 * writes those make meanwhile too (a snapshot's index after its file). When there were any, `say` is told first that
 * the stop waits for them (FINISHING_WRITE), then each one's outcome.
 */
export async function settleWritesBeforeStop(say: (line: string) => void): Promise<void> {
  const state = writes();
  state.stop.abort();
  while (state.pending.size > 0) {
    if (!state.announced) say(FINISHING_WRITE);
    state.announced = true;
    await Promise.all([...state.pending]);
    state.outcomes.splice(0).forEach(say);
  }
}
