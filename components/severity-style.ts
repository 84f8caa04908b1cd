/** Severity colours (full class names so Tailwind finds them): critical red, high orange, medium amber, low blue, info gray. */
import type { Severity } from "@/lib/analysis/types";

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Info",
};

/** Solid chip: badges and counts. */
export const SEVERITY_CHIP: Record<Severity, string> = {
  critical: "bg-red-700 text-white",
  high: "bg-orange-700 text-white",
  medium: "bg-amber-300 text-amber-950",
  low: "bg-blue-700 text-white",
  info: "bg-slate-500 text-white",
};

/** Soft background with a coloured left border: finding cards and node badges. */
export const SEVERITY_SOFT: Record<Severity, string> = {
  critical: "border-red-600 bg-red-50 text-red-900",
  high: "border-orange-500 bg-orange-50 text-orange-900",
  medium: "border-amber-400 bg-amber-50 text-amber-900",
  low: "border-blue-500 bg-blue-50 text-blue-900",
  info: "border-slate-400 bg-slate-100 text-slate-800",
};

/**
 * SEVERITY_CHIP's pairs as hex, for chips drawn on a canvas (the PNG report's header). SEVERITY_HEX is for dots and
 * strokes: white on its amber and orange is below 4.5:1, and a pasted report's "Medium 20" was the hardest word to read.
 */
export const SEVERITY_CHIP_HEX: Record<Severity, { fill: string; text: string }> = {
  critical: { fill: "#b91c1c", text: "#ffffff" },
  high: { fill: "#c2410c", text: "#ffffff" },
  medium: { fill: "#fcd34d", text: "#451a03" },
  low: { fill: "#1d4ed8", text: "#ffffff" },
  info: { fill: "#64748b", text: "#ffffff" },
};

/** Hex for SVG (minimap). */
export const SEVERITY_HEX: Record<Severity, string> = {
  critical: "#dc2626",
  high: "#ea580c",
  medium: "#f59e0b",
  low: "#2563eb",
  info: "#64748b",
};
