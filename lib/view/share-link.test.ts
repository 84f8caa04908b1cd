import { describe, expect, it } from "vitest";
import { formatViewport, latestSnapshotHref, parseViewport, pinnedUrl, sameViewport, shareUrl } from "./share-link";

describe("viewport in the URL", () => {
  it("round-trips, rounded", () => {
    const s = formatViewport({ x: 120.4567, y: -33.5, zoom: 0.83337 });
    expect(s).toBe("120,-34,0.833");
    expect(parseViewport(s)).toEqual({ x: 120, y: -34, zoom: 0.833 });
  });

  it.each(["", "1,2", "1,2,3,4", "a,b,c", "1,2,0", "1,2,9", "1e9,0,1", "1,2,-1", "NaN,1,1", " 1,2,1"])("ignores %j", (v) => {
    expect(parseViewport(v)).toBeNull();
  });
});

describe("sameViewport", () => {
  it("tells a gesture that moved nothing (a click) from a pan, at the precision a link keeps", () => {
    expect(sameViewport({ x: 10.2, y: 5, zoom: 0.5 }, { x: 10.4, y: 5, zoom: 0.5 })).toBe(true);
    expect(sameViewport({ x: 10, y: 5, zoom: 0.5 }, { x: 30, y: 5, zoom: 0.5 })).toBe(false);
    expect(sameViewport(null, { x: 10, y: 5, zoom: 0.5 })).toBe(false);
  });
});

describe("shareUrl", () => {
  it("pins the snapshot, adds the viewport, keeps the view state, drops the open search", () => {
    const url = new URL(
      shareUrl("http://lpg.example.com/graph?focus=fn%3Aa&node=fn%3Aa&sev=high&q=ord#x", "20250301T120000Z-3f9a0c1b2d4e", { x: 10, y: 20, zoom: 0.5 }),
    );
    expect(url.pathname).toBe("/graph");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      focus: "fn:a",
      node: "fn:a",
      sev: "high",
      snapshot: "20250301T120000Z-3f9a0c1b2d4e",
      vp: "10,20,0.5",
    });
    expect(url.hash).toBe("");
  });

  it("pins the scan compared with too, so a later scan does not change what the outlines compare", () => {
    const url = new URL(shareUrl("http://h/graph?snapshot=latest&compare=latest", "20250301T120000Z-3f9a0c1b2d4e", null, "20250201T120000Z-0123456789ab"));
    expect(url.searchParams.get("snapshot")).toBe("20250301T120000Z-3f9a0c1b2d4e");
    expect(url.searchParams.get("compare")).toBe("20250201T120000Z-0123456789ab");
    // Not comparing: no compare key is added.
    expect(new URL(shareUrl("http://h/graph", "20250301T120000Z-3f9a0c1b2d4e", null, undefined)).searchParams.has("compare")).toBe(false);
  });

  it("replaces `latest` with the concrete id", () => {
    expect(shareUrl("http://h/graph?snapshot=latest", "20250301T120000Z-3f9a0c1b2d4e", null)).toBe(
      "http://h/graph?snapshot=20250301T120000Z-3f9a0c1b2d4e",
    );
  });
});

describe("pinnedUrl", () => {
  it("pins both sides of a comparison, a side left out or `latest` to the id shown", () => {
    const from = "20250201T120000Z-0123456789ab";
    const to = "20250301T120000Z-3f9a0c1b2d4e";
    expect(pinnedUrl("http://h/snapshots/compare?from=20250201T120000Z-0123456789ab&to=latest#top", { from, to }).toString()).toBe(
      `http://h/snapshots/compare?from=${from}&to=${to}`,
    );
    expect(pinnedUrl("http://h/snapshots/compare", { from, to }).toString()).toBe(`http://h/snapshots/compare?from=${from}&to=${to}`);
  });
});

describe("latestSnapshotHref", () => {
  it("keeps the view, drops the snapshot", () => {
    expect(latestSnapshotHref("/graph", "?snapshot=20250301T120000Z-3f9a0c1b2d4e&focus=x&sev=high")).toBe("/graph?focus=x&sev=high");
    expect(latestSnapshotHref("/", "?snapshot=x")).toBe("/");
  });
});
