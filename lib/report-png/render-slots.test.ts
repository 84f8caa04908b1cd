import { describe, expect, it } from "vitest";
import { createRenderSlots, ReportBusyError } from "./render-slots";

describe("createRenderSlots", () => {
  it("runs two at once, lets four wait, refuses the next at once, and takes new work once the queue drains", async () => {
    const withSlot = createRenderSlots({ running: 2, waiting: 4, retryAfterMs: 7_000 });
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
});
