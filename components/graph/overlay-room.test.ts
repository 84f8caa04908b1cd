import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_OPENING_ZOOM, openingViewport, READABLE_ZOOM } from "./flow-elements";
import { legendFits, legendRoom, MINIMAP_BOX, minimapCovers } from "./overlay-room";

/** One function's neighbourhood: four columns (1,412 px), two rows of nodes. */
const NEIGHBOURHOOD = { x: 0, y: 0, width: 1412, height: 300 };

describe("room for the legend", () => {
  it("beside a 1280 px laptop's details panel, a neighbourhood is readable only with the legend collapsed", () => {
    const [width, height] = [864, 665];
    expect(legendFits(NEIGHBOURHOOD, width)).toBe(false);
    expect(openingViewport(NEIGHBOURHOOD, width, height, false).zoom).toBeGreaterThan(0.55);
    // Without the panel there is room for both.
    expect(legendFits(NEIGHBOURHOOD, 1280)).toBe(true);
    expect(openingViewport(NEIGHBOURHOOD, 1280, height, true).zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
  });

  it("the legend fits exactly where the opening view beside it is readable, at any canvas height", () => {
    // The server's first paint decides the legend by the canvas's width alone (a container query on legendRoom).
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 6000, noNaN: true }),
        fc.double({ min: 20, max: 20000, noNaN: true }),
        fc.double({ min: 100, max: 4000, noNaN: true }),
        fc.double({ min: 100, max: 3000, noNaN: true }),
        (bw, bh, width, height) => {
          fc.pre(Math.abs(width - legendRoom(bw)) > 1e-6);
          const bounds = { x: 17, y: -40, width: bw, height: bh };
          expect(legendFits(bounds, width)).toBe(openingViewport(bounds, width, height, true).zoom >= READABLE_ZOOM);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("a graph too wide for the canvas opens no smaller than the least opening zoom, its left edge in view", () => {
    const vp = openingViewport(NEIGHBOURHOOD, 500, 600, false);
    expect(vp.zoom).toBe(MIN_OPENING_ZOOM);
    expect(vp.x).toBeGreaterThanOrEqual(0);
  });
});

describe("room for the minimap", () => {
  const node = (x: number, y: number) => ({ position: { x, y }, width: 100, height: 50 });
  const [width, height] = [1000, 600];
  const corner = { x: width - MINIMAP_BOX.margin - MINIMAP_BOX.width, y: height - MINIMAP_BOX.margin - MINIMAP_BOX.height };

  it("a node drawn into the minimap's corner is covered, one beside or above it is not", () => {
    const vp = { x: 0, y: 0, zoom: 1 };
    expect(minimapCovers([node(corner.x + 10, corner.y + 10)], vp, width, height)).toBe(true);
    expect(minimapCovers([node(corner.x - 100, corner.y + 10)], vp, width, height)).toBe(false);
    expect(minimapCovers([node(corner.x + 10, corner.y - 50)], vp, width, height)).toBe(false);
  });

  it("places nodes by the viewport: panned or zoomed out of the corner, they are clear", () => {
    const n = node(corner.x + 10, corner.y + 10);
    expect(minimapCovers([n], { x: -300, y: 0, zoom: 1 }, width, height)).toBe(false);
    expect(minimapCovers([n], { x: 0, y: 0, zoom: 0.5 }, width, height)).toBe(false);
  });
});
