/**
 * The legend: node kinds, severity colours and edge kinds. Open at first, over a column the opening view leaves free
 * (flow-elements.ts); collapsible for when a pan brings nodes under it.
 */
import { SEVERITIES } from "@/lib/analysis/types";
import { SEVERITY_CHIP, SEVERITY_LABEL } from "@/components/severity-style";
import { KIND_LABEL, KIND_TILE, KindIcon } from "./node-icons";

export const LEGEND_KINDS = ["principal", "event-source", "function", "role", "resource"] as const;
export const LEGEND_EDGES = [
  { label: "invokes (condition)", stroke: "#7c3aed" },
  { label: "polls (mapping state)", stroke: "#0d9488", dash: "6 4" },
  { label: "runs as", stroke: "#475569" },
  { label: "can access (levels)", stroke: "#059669" },
  { label: "conditional", stroke: "#64748b", dash: "2 4" },
];

/** Where the legend sits over the canvas's top-left corner, in px: the opening view keeps this column clear of nodes. */
export const LEGEND_BOX = { left: 12, width: 240 };

export function Legend() {
  return (
    <details
      open
      data-testid="graph-legend"
      style={LEGEND_BOX}
      className="absolute top-3 z-10 rounded-lg border border-slate-200 bg-white/95 text-xs text-slate-700 shadow-sm"
    >
      <summary className="cursor-pointer select-none px-3 py-1.5 font-semibold text-slate-800">Legend</summary>
      <div className="space-y-2 px-3 pb-3">
        <ul className="space-y-1">
          {LEGEND_KINDS.map((k) => (
            <li key={k} className="flex items-center gap-2">
              <span className={`flex h-5 w-5 items-center justify-center rounded ring-1 [&_svg]:h-3.5 [&_svg]:w-3.5 ${KIND_TILE[k]}`}>
                <KindIcon kind={k} />
              </span>
              {KIND_LABEL[k]}
            </li>
          ))}
        </ul>
        <ul className="flex flex-wrap gap-1">
          {SEVERITIES.map((s) => (
            <li key={s} className={`rounded px-1.5 py-px text-[10px] font-bold uppercase ${SEVERITY_CHIP[s]}`}>
              {SEVERITY_LABEL[s]}
            </li>
          ))}
        </ul>
        <ul className="space-y-1">
          {LEGEND_EDGES.map((e) => (
            <li key={e.label} className="flex items-center gap-2">
              <svg width="28" height="8" aria-hidden="true">
                <line x1="0" y1="4" x2="28" y2="4" stroke={e.stroke} strokeWidth="2" strokeDasharray={e.dash} />
              </svg>
              {e.label}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
