/**
 * Draws a PNG report on a canvas: header band (lib/report-png/header.ts), the graph image html-to-image made,
 * and a legend band with the same entries as the on-screen legend. Canvas text only (no HTML), so names from
 * the account cannot inject anything.
 */
import { SEVERITIES } from "@/lib/analysis/types";
import type { ReportHeader } from "@/lib/report-png/header";
import { HEADER_LINE, type ReportLayout } from "@/lib/report-png/layout";
import { fitNote, fitText } from "@/lib/report-png/fit-note";
import { SEVERITY_CHIP_HEX, SEVERITY_HEX, SEVERITY_LABEL } from "@/components/severity-style";
import { KIND_LABEL } from "@/lib/view/node-kind";
import { formatCount } from "@/lib/view/count-text";
import { KIND_MINIMAP } from "../graph-canvas";
import { LEGEND_EDGES, LEGEND_KINDS } from "../legend";

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

function drawHeader(ctx: CanvasRenderingContext2D, layout: ReportLayout, header: ReportHeader) {
  const pad = 24;
  ctx.fillStyle = "#0f172a";
  ctx.fillRect(0, 0, layout.width, layout.graph.y);
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = "#ffffff";
  ctx.font = `600 22px ${FONT}`;
  const fitsIn = (width: number) => (text: string) => ctx.measureText(text).width <= width;
  ctx.fillText(fitText(header.title, fitsIn(layout.width - 2 * pad)), pad, 36);
  ctx.fillStyle = "#cbd5e1";
  ctx.font = `14px ${FONT}`;
  header.lines.forEach((line, i) => ctx.fillText(fitText(line, fitsIn(layout.width - 2 * pad)), pad, 60 + i * HEADER_LINE));
  // Findings in view as severity chips along the bottom edge of the band.
  let x = pad;
  const y = layout.graph.y - 14;
  ctx.font = `600 12px ${FONT}`;
  ctx.fillStyle = "#cbd5e1";
  if (header.counts.length === 0) {
    ctx.fillText("No findings in view", x, y);
    x += ctx.measureText("No findings in view").width + 10;
  } else {
    ctx.fillText("Findings in view:", x, y);
    x += ctx.measureText("Findings in view:").width + 10;
    for (const { severity, count } of header.counts) {
      const text = `${SEVERITY_LABEL[severity]} ${formatCount(count)}`;
      const w = ctx.measureText(text).width + 14;
      ctx.fillStyle = SEVERITY_CHIP_HEX[severity].fill;
      ctx.fillRect(x, y - 13, w, 18);
      ctx.fillStyle = SEVERITY_CHIP_HEX[severity].text;
      ctx.fillText(text, x + 7, y);
      x += w + 8;
    }
  }
  ctx.font = `12px ${FONT}`;
  const room = fitsIn(layout.width - pad - x);
  const note = fitNote(header, (text) => room(`· ${text}`));
  if (note) {
    ctx.fillStyle = "#cbd5e1";
    ctx.fillText(`· ${note}`, x, y);
  }
}

function drawLegend(ctx: CanvasRenderingContext2D, layout: ReportLayout) {
  const y0 = layout.legendY;
  ctx.fillStyle = "#f8fafc";
  ctx.fillRect(0, y0, layout.width, layout.height - y0);
  ctx.fillStyle = "#e2e8f0";
  ctx.fillRect(0, y0, layout.width, 1);
  ctx.font = `12px ${FONT}`;
  ctx.textBaseline = "middle";
  let x = 24;
  const row1 = y0 + 22;
  const row2 = y0 + 46;
  for (const kind of LEGEND_KINDS) {
    ctx.fillStyle = KIND_MINIMAP[kind];
    ctx.fillRect(x, row1 - 6, 12, 12);
    ctx.fillStyle = "#334155";
    ctx.fillText(KIND_LABEL[kind], x + 18, row1);
    x += 18 + ctx.measureText(KIND_LABEL[kind]).width + 20;
  }
  x += 12;
  for (const s of SEVERITIES) {
    ctx.fillStyle = SEVERITY_HEX[s];
    ctx.beginPath();
    ctx.arc(x + 6, row1, 6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = "#334155";
    ctx.fillText(SEVERITY_LABEL[s], x + 16, row1);
    x += 16 + ctx.measureText(SEVERITY_LABEL[s]).width + 16;
  }
  x = 24;
  ctx.lineWidth = 2;
  for (const e of LEGEND_EDGES) {
    ctx.strokeStyle = e.stroke;
    ctx.setLineDash("dash" in e && e.dash ? e.dash.split(" ").map(Number) : []);
    ctx.beginPath();
    ctx.moveTo(x, row2);
    ctx.lineTo(x + 28, row2);
    ctx.stroke();
    ctx.fillStyle = "#334155";
    ctx.fillText(e.label, x + 34, row2);
    x += 34 + ctx.measureText(e.label).width + 24;
  }
  ctx.setLineDash([]);
}

/** A canvas of layout.width × layout.height CSS px at layout.pixelRatio, with the graph image in its area. */
export function drawReport(layout: ReportLayout, header: ReportHeader, graph: CanvasImageSource): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = layout.width * layout.pixelRatio;
  canvas.height = layout.height * layout.pixelRatio;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("this browser cannot draw on a canvas");
  ctx.scale(layout.pixelRatio, layout.pixelRatio);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.drawImage(graph, layout.graph.x, layout.graph.y, layout.graph.width, layout.graph.height);
  drawHeader(ctx, layout, header);
  drawLegend(ctx, layout);
  return canvas;
}
