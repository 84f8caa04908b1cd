/**
 * How many server-side renders run at once, and how many may wait for a turn. Each render holds a Chromium page for
 * seconds; without a bound on the queue, only the per-client rate limit held it, and many clients together could
 * pile up requests (each holding a connection and its memory) that would be answered only after minutes.
 */
export class ReportBusyError extends Error {
  override name = "ReportBusyError";
  constructor(
    message: string,
    /** A guess at when a slot may be free: a render takes a few seconds. */
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

export interface SlotLimits {
  running: number;
  waiting: number;
  /** Given to callers refused because the queue is full. */
  retryAfterMs: number;
}

/**
 * The server's: two renders at once (the machine has two cores), four waiting, each refused one told to come back in
 * ten seconds (a render takes a few).
 */
export const REPORT_RENDER_LIMITS: SlotLimits = { running: 2, waiting: 4, retryAfterMs: 10_000 };

/** `withSlot(task)` runs `task` once fewer than `running` run, or rejects with ReportBusyError when `waiting` wait. */
export function createRenderSlots({ running: maxRunning, waiting: maxWaiting, retryAfterMs }: SlotLimits) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function withSlot<T>(task: () => Promise<T>): Promise<T> {
    if (running >= maxRunning) {
      if (waiting.length >= maxWaiting) {
        throw new ReportBusyError(`the server is busy rendering reports (${running} running, ${waiting.length} waiting): try again shortly`, retryAfterMs);
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
