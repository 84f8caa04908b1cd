import { describe, expect, it, vi, afterEach } from "vitest";
import { barOf, createStatusLine } from "./progress-bar";

function fakeStream(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
}

afterEach(() => vi.useRealTimers());

describe("createStatusLine", () => {
  it("redraws one line in place on a terminal and ends it once", () => {
    const { writes, stream } = fakeStream(true);
    const line = createStatusLine(stream);
    line.show("a");
    line.show("b");
    line.done();
    line.done();
    expect(writes).toEqual(["\ra\u001b[K", "\rb\u001b[K", "\n"]);
  });

  it("fits the redrawn line in the terminal's width: a wrapped line leaves a copy of its first row at every redraw", () => {
    const { writes, stream } = fakeStream(true, 20);
    const line = createStatusLine(stream);
    line.show("[####] 100% 2000/2000 functions");
    line.show("short line");
    expect(writes).toEqual(["\r[####] 100% 2000/2…\u001b[K", "\rshort line\u001b[K"]);
    expect(writes[0]!.slice(1, -3)).toHaveLength(19); // one column spare: some terminals wrap on the last one
  });

  it("writes a log line every few seconds at most, and the final line always", () => {
    vi.useFakeTimers();
    const { writes, stream } = fakeStream(false);
    const line = createStatusLine(stream, 2000);
    line.show("step 1"); // quick work logs nothing until it has run a while
    vi.advanceTimersByTime(2500);
    line.show("step 2");
    line.show("step 3");
    line.show("done", true);
    line.done();
    expect(writes).toEqual(["step 2\n", "done\n"]);
  });

  it("does not log the same final line twice (the scan reports 100 % more than once at its end)", () => {
    const { writes, stream } = fakeStream(false);
    const line = createStatusLine(stream, 2000);
    line.show("[####] 100% 25/25 functions", true);
    line.show("[####] 100% 25/25 functions", true);
    line.done();
    expect(writes).toEqual(["[####] 100% 25/25 functions\n"]);
  });
});

describe("barOf", () => {
  it("fills in proportion and clamps", () => {
    expect(barOf(50, 4)).toBe("[##--]  50%");
    expect(barOf(140, 4)).toBe("[####] 100%");
    expect(barOf(-3, 4)).toBe("[----]   0%");
  });
});
