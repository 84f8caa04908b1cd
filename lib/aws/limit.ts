/**
 * A bounded-concurrency gate (FIFO): at most `max` tasks run at once. Used per AWS client, i.e. per service and
 * region, so one slow region or service never starves the others and no API is hammered beyond a few requests
 * in flight.
 */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimit(max: number): Limit {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, got ${max}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  // A finished task hands its slot to the first waiter: were the slot freed first, a caller arriving before the
  // waiter resumes would take it too, and max + 1 would run.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
