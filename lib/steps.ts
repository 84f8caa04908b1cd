/**
 * Work written as a generator of steps (the analysis, its rules), run two ways from one definition: at once, telling
 * a listener each step as it starts (the CLI's progress line), or in turns, handing the event loop back between
 * steps (the dashboard's server, which must keep answering other requests meanwhile).
 */

/**
 * Yielded inside a step that is long on a large account: a place to hand the event loop back (runInTurns) that is no
 * new step for a progress line.
 */
export const ANOTHER_TURN = null;
export type AnotherTurn = typeof ANOTHER_TURN;

/** Runs `steps` to the end at once; `onStep` hears each yielded value before the step runs. */
export function runToEnd<Y, R>(steps: Generator<Y, R>, onStep?: (step: Y) => void): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    onStep?.(step.value);
  }
}

/** Runs `steps` to the end with a turn of the event loop (setImmediate) before each step; `onStep` as runToEnd's. */
export async function runInTurns<Y, R>(steps: Generator<Y, R>, onStep?: (step: Y) => void): Promise<R> {
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const step = steps.next();
    if (step.done) return step.value;
    onStep?.(step.value);
  }
}
