/**
 * The PNG report's geometry, in CSS pixels (the image is PIXEL_RATIO times larger): a header band, the graph
 * at a fixed width with a height that follows the drawn graph's aspect ratio (clamped), and a legend band.
 * The browser export and the server render share it, so the same view gives the same image size.
 */
export const PIXEL_RATIO = 2;
export const REPORT_WIDTH = 1600;
/** The header band with its title and two lines; each line more (a Can do answer: header.ts) adds HEADER_LINE. */
export const HEADER_HEIGHT = 112;
export const HEADER_LINE = 20;
export const LEGEND_HEIGHT = 64;
export const MIN_GRAPH_HEIGHT = 480;
export const MAX_GRAPH_HEIGHT = 2400;
/** Zoom range and padding used to fit the graph into its area (getViewportForBounds). */
export const FIT = { minZoom: 0.02, maxZoom: 1.5, padding: 0.04 } as const;

export interface ReportLayout {
  width: number;
  height: number;
  pixelRatio: number;
  graph: { x: number; y: number; width: number; height: number };
  legendY: number;
}

/** `headerLines`: the header's lines below its title (ReportHeader.lines), two unless a question adds one. */
export function reportLayout(bounds: { width: number; height: number }, headerLines = 2): ReportLayout {
  const ratio = bounds.width > 0 && bounds.height > 0 ? bounds.height / bounds.width : 0;
  const graphHeight = Math.round(Math.min(MAX_GRAPH_HEIGHT, Math.max(MIN_GRAPH_HEIGHT, REPORT_WIDTH * ratio)));
  const header = HEADER_HEIGHT + Math.max(0, headerLines - 2) * HEADER_LINE;
  return {
    width: REPORT_WIDTH,
    height: header + graphHeight + LEGEND_HEIGHT,
    pixelRatio: PIXEL_RATIO,
    graph: { x: 0, y: header, width: REPORT_WIDTH, height: graphHeight },
    legendY: header + graphHeight,
  };
}
