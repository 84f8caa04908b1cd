import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { toPng } from "html-to-image";
import type { ReportHeader } from "@/lib/report-png/header";
import { DRAW_QUIET_MS, LAYOUT_WAIT_MS, renderReport } from "./render-report";

vi.mock("html-to-image", () => ({ toPng: vi.fn() }));

/** The page as the exporter sees it: a canvas whose layout and drawn node count the test moves on. */
function fakePage(nodeCount: number) {
  const drawn = { nodes: 0 };
  const viewportEl = {
    querySelectorAll: (selector: string) => Array.from({ length: selector === ".react-flow__node" ? drawn.nodes : 0 }),
  };
  const container = {
    dataset: { layout: "pending" } as Record<string, string>,
    clientWidth: 1600,
    clientHeight: 1000,
    querySelector: () => viewportEl,
  };
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({ id: `n${i}`, position: { x: i * 200, y: 0 }, width: 150, height: 40, data: {} }));
  const rf = {
    getViewport: () => ({ x: 0, y: 0, zoom: 1 }),
    setViewport: async () => true,
    getNodes: () => nodes,
    getEdges: () => [],
  };
  return { drawn, container, rf };
}

function startExport(page: ReturnType<typeof fakePage>, messages: string[]) {
  const outcome = renderReport(page.rf as never, page.container as never, {} as ReportHeader, (m) => messages.push(m)).then(
    () => "rendered",
    (e: Error) => e.message,
  );
  return outcome;
}

describe("renderReport's waits", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"] });
    // Past the waits the exporter asks for a frame: the tests end there, having seen it get that far.
    vi.stubGlobal("requestAnimationFrame", () => {
      throw new Error("past the waits");
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("waits for a layout that takes longer than 20 s (a loaded machine), saying it is still waiting", async () => {
    const page = fakePage(1);
    page.drawn.nodes = 1;
    const messages: string[] = [];
    const outcome = startExport(page, messages);
    await vi.advanceTimersByTimeAsync(45_000);
    page.container.dataset.layout = "ready";
    await vi.advanceTimersByTimeAsync(100);
    expect(await outcome).toBe("past the waits");
    expect(messages).toEqual([
      "Rendering… waiting for the layout",
      "Rendering… still waiting for the layout (10 s)",
      "Rendering… still waiting for the layout (20 s)",
      "Rendering… still waiting for the layout (30 s)",
      "Rendering… still waiting for the layout (40 s)",
    ]);
  });

  it("gives up on a layout that never comes, saying what to do", async () => {
    const page = fakePage(1);
    const messages: string[] = [];
    const outcome = startExport(page, messages);
    await vi.advanceTimersByTimeAsync(LAYOUT_WAIT_MS - 1_000);
    expect(messages.at(-1)).toBe("Rendering… still waiting for the layout (5 min)");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await outcome).toBe("the graph layout did not finish in 5 min; focus or filter the view to draw fewer nodes");
  });

  it("keeps waiting while nodes are still being drawn, however slowly", async () => {
    const page = fakePage(3);
    page.container.dataset.layout = "ready";
    const messages: string[] = [];
    const outcome = startExport(page, messages);
    // One more node every 50 s: under the quiet limit each time, far over the old 20 s in all.
    for (let i = 1; i <= 3; i++) {
      await vi.advanceTimersByTimeAsync(50_000);
      page.drawn.nodes = i;
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(await outcome).toBe("past the waits");
    expect(messages).toContain("Rendering… still drawing (2 of 3 nodes, 110 s)");
  });

  it("gives up when drawing stops", async () => {
    const page = fakePage(3);
    page.container.dataset.layout = "ready";
    const messages: string[] = [];
    const outcome = startExport(page, messages);
    await vi.advanceTimersByTimeAsync(30_000);
    page.drawn.nodes = 1;
    await vi.advanceTimersByTimeAsync(DRAW_QUIET_MS + 1_000);
    expect(await outcome).toBe("drawing every node and edge made no progress for 60 s");
  });
});

describe("renderReport's progress", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lets the page paint the drawing message before toPng holds the main thread", async () => {
    const log: string[] = [];
    // A frame runs its callbacks, then the page paints; React commits a message in a task of its own.
    vi.stubGlobal("requestAnimationFrame", (cb: FrameRequestCallback) => setTimeout(() => (log.push("frame"), cb(0)), 1));
    vi.mocked(toPng).mockImplementation(async () => {
      log.push("toPng");
      throw new Error("stopped at toPng");
    });
    const page = fakePage(1);
    page.drawn.nodes = 1;
    page.container.dataset.layout = "ready";
    const outcome = renderReport(page.rf as never, page.container as never, { lines: [] } as unknown as ReportHeader, (m) => {
      log.push(m);
      setTimeout(() => log.push(`committed ${m}`), 0);
    }).catch((e: Error) => e.message);
    expect(await outcome).toBe("stopped at toPng");
    const drawing = log.findIndex((m) => m.startsWith("Rendering… drawing"));
    expect(drawing).toBeGreaterThan(-1);
    const after = log.slice(drawing + 1);
    const committed = after.findIndex((m) => m.startsWith("committed Rendering… drawing"));
    expect(committed, "the message committed before toPng").toBeGreaterThan(-1);
    expect(after.indexOf("frame", committed), "a frame painted it before toPng").toBeGreaterThan(committed);
    expect(after.indexOf("toPng")).toBeGreaterThan(after.indexOf("frame", committed));
  });
});
