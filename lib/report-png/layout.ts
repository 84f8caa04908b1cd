/**
 * The PNG report's geometry, in CSS pixels (the image is PIXEL_RATIO times larger): a header band, the graph
 * at a fixed width with a height that follows the drawn graph's aspect ratio (clamped), and a legend band.
 * The browser export and the server render share it, so the same view gives the same image size.
 */
export const PIXEL_RATIO = 2;
export const REPORT_WIDTH = 1600;
export const HEADER_HEIGHT = 112;
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

export function reportLayout(bounds: { width: number; height: number }): ReportLayout {
  const ratio = bounds.width > 0 && bounds.height > 0 ? bounds.height / bounds.width : 0;
  const graphHeight = Math.round(Math.min(MAX_GRAPH_HEIGHT, Math.max(MIN_GRAPH_HEIGHT, REPORT_WIDTH * ratio)));
  return {
    width: REPORT_WIDTH,
    height: HEADER_HEIGHT + graphHeight + LEGEND_HEIGHT,
    pixelRatio: PIXEL_RATIO,
    graph: { x: 0, y: HEADER_HEIGHT, width: REPORT_WIDTH, height: graphHeight },
    legendY: HEADER_HEIGHT + graphHeight,
  };
}
