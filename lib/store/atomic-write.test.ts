/**
 * The temp files of writes in flight are the process's, not one module copy's: `serve` removes them on a second
 * Ctrl-C through its own copy of atomic-write.ts, while the dashboard's writes ran through Next's bundled one.
 */
import { describe, expect, it, vi } from "vitest";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { useTempDir } from "./test-support";

const hold = vi.hoisted(() => {
  let reached!: () => void;
  const state = { reached: new Promise<void>((r) => (reached = r)), release: () => undefined as void };
  return { state, reached: () => reached() };
});

// A rename that waits until released: the write is then in flight, its temp file written, not yet in place.
vi.mock("node:fs/promises", async (original) => {
  const fsp = await original<typeof import("node:fs/promises")>();
  return {
    ...fsp,
    rename: async (from: string, to: string) => {
      hold.reached();
      await new Promise<void>((r) => (hold.state.release = r));
      return fsp.rename(from, to);
    },
  };
});

const dir = useTempDir("lpg-atomic-write-");

describe("removeTempFilesInFlight", () => {
  it("removes the temp file of a write another copy of the module began", async () => {
    const writer = await import("./atomic-write");
    vi.resetModules();
    const other = await import("./atomic-write");
    expect(other).not.toBe(writer);
    const writing = writer.writeFileAtomic(join(dir(), "index.json"), "{}").catch(() => "cut short");
    await hold.state.reached;
    expect((await readdir(dir())).filter((n) => n.endsWith(".tmp"))).toHaveLength(1);
    other.removeTempFilesInFlight();
    expect(await readdir(dir())).toEqual([]);
    hold.state.release();
    expect(await writing).toBe("cut short");
  });
});
