import { describe, expect, it } from "vitest";
import { exportFailureText } from "./export-failure";

describe("exportFailureText", () => {
  it.each([
    ["Turbopack", new Error("Failed to load chunk /_next/static/chunks/0a1b2c.js from module 4567")],
    ["webpack", Object.assign(new Error("Loading chunk 123 failed.\n(error: http://127.0.0.1:3000/_next/static/chunks/123.js)"), { name: "ChunkLoadError" })],
    ["Chrome", new TypeError("Failed to fetch dynamically imported module: http://127.0.0.1:3000/_next/static/chunks/x.js")],
  ])("says the exporter did not load when %s could not fetch it, without the chunk's file name", (_, error) => {
    const text = exportFailureText(error);
    expect(text).toBe("Export failed: the exporter could not be loaded (the server or the network did not answer).");
  });

  it("keeps the first line of any other error, not its stack", () => {
    const e = new Error("timed out waiting for the graph layout\n    at until (render-report.ts:24:5)");
    expect(exportFailureText(e)).toBe("Export failed: timed out waiting for the graph layout.");
    expect(exportFailureText("no graph on this page")).toBe("Export failed: no graph on this page.");
  });
});
