/**
 * The process's writes into the store still running, for a server asked to stop (serve's Ctrl-C or SIGTERM): every
 * file write (atomic-write.ts) and every write of several files that belong together (a snapshot and the index naming
 * it, for an upload or a dashboard scan) is tracked here, so that the stop lets them finish, whoever began them. One
 * stopped half way left a temp file in the data directory, or a snapshot file the index did not name.
 * On globalThis, as the store's state is (app-store.ts): `serve`'s signal handler runs its own copy of this module,
 * the dashboard's routes Next's bundled one.
 */
import { FINISHING_WRITE } from "./interrupted";

interface Writes {
  /** Each settles (never rejects) once its write ended; removed then, before whoever awaits the write goes on. */
  pending: Set<Promise<unknown>>;
  /** Once a stop has begun: the outcomes of writes ended since, not yet said. */
  stopping: boolean;
  outcomes: string[];
  /** FINISHING_WRITE was said: once per stop, however many rounds of waiting it takes. */
  announced: boolean;
}

const key = Symbol.for("lambda-permissions-graph.store-writes-in-flight");

function writes(): Writes {
  const g = globalThis as typeof globalThis & { [key]?: Writes };
  return (g[key] ??= { pending: new Set(), stopping: false, outcomes: [], announced: false });
}

/**
 * Runs `write`, tracked until it ends. `outcome`: the line a stop waiting for it says once it ended (its result, or
 * undefined when it failed). Tracked from this call on, before `write` awaits anything: a stop in between waits too.
 */
export function trackWrite<T>(write: () => Promise<T>, outcome?: (result: T | undefined) => string): Promise<T> {
  const state = writes();
  const ended = (line: string | undefined) => {
    state.pending.delete(entry);
    if (state.stopping && line !== undefined) state.outcomes.push(line);
  };
  const tracked = (async () => write())().then(
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
 * Resolves once no tracked write is left, those begun meanwhile too (a request the server was already handling).
 * When there were any, `say` is told first that the stop waits for them (FINISHING_WRITE), then each one's outcome.
 */
export async function settleWritesBeforeStop(say: (line: string) => void): Promise<void> {
  const state = writes();
  state.stopping = true;
  while (state.pending.size > 0) {
    if (!state.announced) say(FINISHING_WRITE);
    state.announced = true;
    await Promise.all([...state.pending]);
    state.outcomes.splice(0).forEach(say);
  }
}
