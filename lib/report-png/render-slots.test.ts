import { describe, expect, it } from "vitest";
import { createRenderSlots, ReportAbortedError, ReportBusyError, ReportTimeoutError } from "./render-slots";

describe("createRenderSlots", () => {
  it("runs two at once, lets four wait, refuses the next at once, and takes new work once the queue drains", async () => {
    const withSlot = createRenderSlots({ running: 2, waiting: 4, retryAfterMs: 7_000, renderMs: 60_000 });
    let active = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const task = () =>
      withSlot(async () => {
        active += 1;
        most = Math.max(most, active);
        await new Promise<void>((resolve) => gates.push(resolve));
        active -= 1;
        return "done";
      });
    const accepted = Array.from({ length: 6 }, task);
    await Promise.resolve();
    const refused = await task().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReportBusyError);
    expect((refused as ReportBusyError).retryAfterMs).toBe(7_000);
    while (gates.length || active) {
      gates.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(await Promise.all(accepted)).toEqual(Array(6).fill("done"));
    expect(most).toBe(2);
    // Freed again: a new render is taken.
    const again = task();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gates.shift()?.();
    expect(await again).toBe("done");
  });

  it("stops a render that outlasts its bound and gives its slot to the next at once, also when the render ignores the stop", async () => {
    const withSlot = createRenderSlots({ running: 1, waiting: 1, retryAfterMs: 1_000, renderMs: 100 });
    let told: AbortSignal | undefined;
    // Never finishes, and does not listen: only the slot's own bound can end it.
    const stuck = withSlot((stop) => ((told = stop), new Promise<never>(() => {})));
    const next = withSlot(async () => "drawn");
    const refused = await stuck.catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReportTimeoutError);
    expect((refused as Error).message).toBe("the report did not finish rendering in 0 s: the graph's layout or drawing took too long and was stopped");
    // What to do is the caller's to say: the route names its URL params, the CLI its options.
    expect((refused as ReportTimeoutError).advice("give --function NAME")).toBe(
      "the report did not finish rendering in 0 s: the graph's layout or drawing took too long and was stopped; draw fewer nodes (give --function NAME) and try again",
    );
    expect(told?.aborted).toBe(true);
    expect(told?.reason).toBe(refused);
    expect(await next).toBe("drawn");
  });

  it("stops a render whose caller aborts, and drops a waiting caller that aborts from the queue", async () => {
    const withSlot = createRenderSlots({ running: 1, waiting: 1, retryAfterMs: 1_000, renderMs: 60_000 });
    const running = new AbortController();
    const queued = new AbortController();
    let told: AbortSignal | undefined;
    const first = withSlot((stop) => ((told = stop), new Promise<never>(() => {})), running.signal);
    const second = withSlot(async () => "never run", queued.signal);
    await Promise.resolve();
    // The queue is full: one more is refused.
    await expect(withSlot(async () => "refused")).rejects.toBeInstanceOf(ReportBusyError);
    queued.abort();
    await expect(second).rejects.toBeInstanceOf(ReportAbortedError);
    // Its place in the queue is free again.
    const third = withSlot(async () => "drawn");
    running.abort();
    await expect(first).rejects.toThrow(/^the request was aborted before its report was rendered$/);
    expect(told?.aborted).toBe(true);
    expect(await third).toBe("drawn");
    // A caller already gone takes no turn.
    const gone = AbortSignal.abort();
    let ran = false;
    await expect(withSlot(async () => (ran = true), gone)).rejects.toBeInstanceOf(ReportAbortedError);
    expect(ran).toBe(false);
  });
});
