import { describe, expect, it } from "vitest";
import { MINIMAP_BOX, minimapCovers } from "./overlay-room";

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
