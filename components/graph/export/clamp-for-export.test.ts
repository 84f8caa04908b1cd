import { describe, expect, it } from "vitest";
import { clampTextForExport, type ClampElement } from "./clamp-for-export";

/** A box laid out like a browser's: `perLine` characters a line, `lines` lines shown (or one line, `.truncate`). */
function box(text: string, { perLine, lines, truncate = false }: { perLine: number; lines: number; truncate?: boolean }) {
  const node = { nodeType: 3, nodeValue: text as string | null };
  const el: ClampElement & { node: typeof node } = {
    node,
    childNodes: [node],
    classList: { contains: (t: string) => (t === "truncate" ? truncate : t === "line-clamp-2" && !truncate) },
    get scrollHeight() {
      return Math.max(1, Math.ceil((node.nodeValue ?? "").length / perLine)) * 20;
    },
    clientHeight: lines * 20,
    get scrollWidth() {
      return (node.nodeValue ?? "").length * 7;
    },
    clientWidth: perLine * 7,
  };
  return el;
}

describe("clampTextForExport", () => {
  it("shortens an overflowing two-line text to the longest prefix that fits with an ellipsis, and puts it back", () => {
    const long = box("arn:aws:s3:::acme-data-lake-raw-events-eu-west-1/*", { perLine: 20, lines: 2 });
    const restore = clampTextForExport([long]);
    expect(long.node.nodeValue).toBe("arn:aws:s3:::acme-data-lake-raw-events-…");
    expect(long.node.nodeValue!.length).toBe(40);
    restore();
    expect(long.node.nodeValue).toBe("arn:aws:s3:::acme-data-lake-raw-events-eu-west-1/*");
  });

  it("leaves a text that fits alone, and truncates a one-line text by its width", () => {
    const short = box("orders-api", { perLine: 20, lines: 2 });
    const oneLine = box("a-very-long-function-name-that-goes-on", { perLine: 12, lines: 1, truncate: true });
    const restore = clampTextForExport([short, oneLine]);
    expect(short.node.nodeValue).toBe("orders-api");
    expect(oneLine.node.nodeValue).toBe("a-very-long…");
    restore();
    expect(oneLine.node.nodeValue).toBe("a-very-long-function-name-that-goes-on");
  });

  it("drops spaces before the ellipsis and skips elements that do not hold one text", () => {
    // 12 characters fit: "Anyone can " + "…" would, but a space before the ellipsis reads as a cut word.
    const spaced = box("Anyone can invoke this function now", { perLine: 6, lines: 2 });
    const overflowing = box("x".repeat(100), { perLine: 10, lines: 2 });
    const mixed = { ...overflowing, childNodes: [overflowing.node, { nodeType: 1, nodeValue: null }] };
    clampTextForExport([spaced, mixed]);
    expect(spaced.node.nodeValue).toBe("Anyone can…");
    expect(overflowing.node.nodeValue).toBe("x".repeat(100));
  });
});
