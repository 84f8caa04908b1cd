import { describe, expect, it } from "vitest";
import { createLimit } from "./limit";

describe("createLimit", () => {
  it("never runs more than max tasks at once and runs them all, in order of arrival", async () => {
    const limit = createLimit(3);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          started.push(i);
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 1 + (i % 3)));
          running--;
          return i * 2;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("releases the slot when a task fails", async () => {
    const limit = createLimit(1);
    await expect(limit(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limit(async () => "next")).resolves.toBe("next");
  });

  it("gives a freed slot to the first waiter, not to a caller arriving before the waiter resumes", async () => {
    // A caller arriving t microtask ticks after the running tasks finish, for every t around the hand-over.
    for (let ticks = 0; ticks < 12; ticks++) {
      const limit = createLimit(2);
      let running = 0;
      let peak = 0;
      const run = (wait: Promise<unknown>) => async () => {
        running++;
        peak = Math.max(peak, running);
        await wait;
        await new Promise((r) => setTimeout(r, 2));
        running--;
      };
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      // The first two finish as the gate opens, releasing their slots to the two waiters.
      const held = async () => {
        running++;
        peak = Math.max(peak, running);
        await gate;
        running--;
      };
      const all = [limit(held), limit(held), limit(run(Promise.resolve())), limit(run(Promise.resolve()))];
      const late = gate.then(async () => {
        for (let i = 0; i < ticks; i++) await null;
        all.push(limit(run(Promise.resolve())));
      });
      open();
      await late;
      await Promise.all(all);
      expect(peak, `caller arriving ${ticks} ticks later`).toBe(2);
    }
  });
});
