/** PNG checks for e2e specs: decode (pngjs), count non-background pixels and pixels of one colour, read the texts drawn. */
import type { Page } from "@playwright/test";
import { PNG } from "pngjs";

/**
 * From the next navigation on, every text the page's canvases draw (the PNG report's header and legend) is recorded
 * as drawn, for `drawnTexts`: the words of the image, which its pixels do not give back.
 */
export async function recordCanvasTexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const drawn: string[] = ((window as unknown as { __drawn: string[] }).__drawn = []);
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, ...rest: [number, number, number?]) {
      drawn.push(text);
      return fillText.call(this, text, ...rest);
    };
  });
}

export function drawnTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __drawn: string[] }).__drawn);
}

/**
 * From now on, every text the export writes into the graph's nodes (clamp-for-export.ts cuts names to what fits, then
 * puts them back), in order, for `writtenTexts`.
 */
export async function recordTextWrites(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __written: string[] }).__written = seen;
    new MutationObserver((records) => {
      for (const r of records) if (r.type === "characterData") seen.push(r.target.nodeValue ?? "");
    }).observe(document.querySelector(".react-flow__viewport")!, { characterData: true, subtree: true });
  });
}

export function writtenTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __written: string[] }).__written);
}

export function decodePng(bytes: Buffer): PNG {
  return PNG.sync.read(bytes);
}

/** Pixels within `tolerance` of an RGB colour, in a region (CSS px × ratio already applied by the caller). */
export function countColour(png: PNG, rgb: [number, number, number], region = { x: 0, y: 0, w: png.width, h: png.height }, tolerance = 40): number {
  let n = 0;
  for (let y = region.y; y < region.y + region.h; y++) {
    for (let x = region.x; x < region.x + region.w; x++) {
      const i = (png.width * y + x) << 2;
      const d = Math.abs(png.data[i]! - rgb[0]) + Math.abs(png.data[i + 1]! - rgb[1]) + Math.abs(png.data[i + 2]! - rgb[2]);
      if (d <= tolerance) n++;
    }
  }
  return n;
}

/** Pixels that are not (near) white in a region. */
export function countInk(png: PNG, region = { x: 0, y: 0, w: png.width, h: png.height }): number {
  let n = 0;
  for (let y = region.y; y < region.y + region.h; y++) {
    for (let x = region.x; x < region.x + region.w; x++) {
      const i = (png.width * y + x) << 2;
      if (png.data[i]! < 235 || png.data[i + 1]! < 235 || png.data[i + 2]! < 235) n++;
    }
  }
  return n;
}
