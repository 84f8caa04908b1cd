/**
 * How many server-side renders run at once, how many may wait for a turn, and how long one may hold its turn. Each
 * render holds a Chromium page for tens of seconds (REPORT_RENDER_LIMITS); without a bound on the queue, only the per-client rate limit held it, and
 * many clients together could pile up requests (each holding a connection and its memory) that would be answered only
 * after minutes. Without a bound on the render, a view whose layout never finished held its slot for the page
 * exporter's own 5-minute wait, and two such requests refused every other report meanwhile.
 */
import { waitedText } from "./waited-text";

export class ReportBusyError extends Error {
  override name = "ReportBusyError";
  constructor(
    message: string,
    /** When a place in the queue is likely free again (REPORT_RENDER_LIMITS.retryAfterMs). */
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** The render held its slot for the whole bound: it was stopped, and the slot given to the next. */
export class ReportTimeoutError extends Error {
  override name = "ReportTimeoutError";
  constructor(readonly renderMs: number) {
    super(`the report did not finish rendering in ${waitedText(renderMs)}: the graph's layout or drawing took too long and was stopped`);
  }

  /**
   * The message with what to do about it, in the caller's own terms: `narrow` says how its user draws fewer nodes (the
   * route's URL params, the CLI's options), which this module does not know.
   */
  advice(narrow: string): string {
    return fewerNodesAdvice(this.message, narrow);
  }
}

/**
 * A failure that drawing fewer nodes avoids (a render stopped at its bound, a page out of memory), with what to do
 * about it: `narrow` says how the caller's user draws fewer nodes (the route's URL params, the CLI's options).
 */
export function fewerNodesAdvice(message: string, narrow: string): string {
  return `${message}; draw fewer nodes (${narrow}) and try again`;
}

/** The caller went away (its request was aborted) while its render waited or ran: the render was stopped. */
export class ReportAbortedError extends Error {
  override name = "ReportAbortedError";
}

export interface SlotLimits {
  running: number;
  waiting: number;
  /** Given to callers refused because the queue is full. */
  retryAfterMs: number;
  /** How long a render may hold its slot before it is stopped (waiting for the slot is not counted). */
  renderMs: number;
}

/**
 * How long a server render may take once it has its slot, all told (page load, layout, drawing, encoding). Measured on
 * this 2-core machine while other work ran (load average ~16), the largest view the graph draws (`limit=150` of a
 * 10,000-function account) rendered in 186 s with its layout computed in the page and 162 s with the server's; the
 * default view in 45 s. 5 minutes leaves that worst case 60 % more: a shorter bound would refuse renders that were
 * only slow. The page's own waits (render-report.ts LAYOUT_WAIT_MS, then DRAW_QUIET_MS per stretch without progress,
 * then an encoding with no bound) held the slot for as long as they took; this bound holds for the whole render.
 */
export const REPORT_RENDER_TIMEOUT_MS = 5 * 60_000;

/**
 * The server's: two renders at once (the machine has two cores), four waiting, each refused one told to come back in
 * 20 s. A refused caller finds room once a running render ends, so it is told about one render's time: measured with
 * renderReportPng on this 2-core machine (load average ~10 from other work), seven renders one after another took
 * 16-44 s, median 22 s (demo snapshot: default view 36, 25 and 16 s, `sev=critical,high` 16 s; 10,000 functions:
 * default view 44 and 19 s, `sev=critical` 22 s; the slowest were each server's first, which starts the browser),
 * rounded down as the first of the two running renders ends before a whole render on average. The 10 s it was (when
 * a render was thought to take a few) sent callers back while both renders still ran, each retry spending one of the
 * route's 10 requests a minute for another 503.
 */
export const REPORT_RENDER_LIMITS: SlotLimits = { running: 2, waiting: 4, retryAfterMs: 20_000, renderMs: REPORT_RENDER_TIMEOUT_MS };

/**
 * `withSlot(task, caller)` runs `task` once fewer than `running` run, or rejects with ReportBusyError when `waiting`
 * wait. The task is handed a signal that fires when its time (`renderMs`) is up or `caller` aborts: it must stop its
 * work then (close its page). The slot is not held for that: withSlot rejects (ReportTimeoutError,
 * ReportAbortedError) and gives the slot to the next at once, so a task that ignores the signal cannot hold it.
 */
export function createRenderSlots({ running: maxRunning, waiting: maxWaiting, retryAfterMs, renderMs }: SlotLimits) {
  let running = 0;
  const waiting: (() => void)[] = [];
  // A finished render hands its slot to the first waiter: were the slot freed first, a caller arriving before the
  // waiter resumes would take it too, and one more than `running` would run (lib/aws/limit.ts does the same).
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  const aborted = () => new ReportAbortedError("the request was aborted before its report was rendered");

  async function turn(caller: AbortSignal | undefined): Promise<void> {
    if (caller?.aborted) throw aborted();
    if (running < maxRunning) {
      running += 1;
      return;
    }
    if (waiting.length >= maxWaiting) {
      throw new ReportBusyError(`the server is busy rendering reports (${running} running, ${waiting.length} waiting): try again shortly`, retryAfterMs);
    }
    // A caller gone while it waits leaves the queue, so it neither takes a turn nor keeps another from waiting.
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        caller?.removeEventListener("abort", leave);
        resolve();
      };
      const leave = () => {
        const at = waiting.indexOf(go);
        if (at >= 0) waiting.splice(at, 1);
        reject(aborted());
      };
      waiting.push(go);
      caller?.addEventListener("abort", leave, { once: true });
    });
  }

  return async function withSlot<T>(task: (stop: AbortSignal) => Promise<T>, caller?: AbortSignal): Promise<T> {
    await turn(caller);
    const stop = new AbortController();
    const stopped = new Promise<never>((_, reject) => stop.signal.addEventListener("abort", () => reject(stop.signal.reason), { once: true }));
    const timer = setTimeout(() => stop.abort(new ReportTimeoutError(renderMs)), renderMs);
    const onCallerAbort = () => stop.abort(aborted());
    caller?.addEventListener("abort", onCallerAbort, { once: true });
    if (caller?.aborted) onCallerAbort();
    try {
      const work = task(stop.signal);
      // Its failure once stopped (its page closed under it) is expected, and answered by the stop's reason instead.
      work.catch(() => undefined);
      return await Promise.race([work, stopped]);
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onCallerAbort);
      release();
    }
  };
}
