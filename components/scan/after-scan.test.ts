import { describe, expect, it } from "vitest";
import { afterScan } from "./after-scan";

const NEW = "20261129T100000Z-0123456789ab";
const OLD = "20261120T093000Z-aaaaaaaaaaaa";

describe("afterScan", () => {
  it("refreshes tabs on the latest snapshot", () => {
    expect(afterScan("http://h/graph?sev=high", NEW)).toEqual({ kind: "refresh" });
    expect(afterScan("http://h/?snapshot=latest", NEW)).toEqual({ kind: "refresh" });
    expect(afterScan(`http://h/graph?snapshot=${NEW}`, NEW)).toEqual({ kind: "refresh" });
  });

  it("leaves a pinned shared view where it is and offers the same view on the new snapshot", () => {
    expect(afterScan(`http://h/graph?snapshot=${OLD}&focus=fn%3Ax&vp=1,2,0.5`, NEW)).toEqual({
      kind: "offer",
      href: `/graph?snapshot=${NEW}&focus=fn%3Ax`,
    });
  });
});
