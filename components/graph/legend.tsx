/**
 * The legend: node kinds, severity colours and edge kinds. Open at first where there is room, over a column the
 * opening view leaves free (flow-elements.ts); collapsible for when a pan brings nodes under it, and then fits use
 * that column too.
 */
import { useEffect, useId, useRef, useState } from "react";
import { SEVERITIES } from "@/lib/analysis/types";
import { SEVERITY_CHIP, SEVERITY_LABEL } from "@/components/severity-style";
import { KIND_TILE, KindIcon } from "./node-icons";
import { KIND_LABEL } from "@/lib/view/node-kind";

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
const COLLAPSED_BOX = { left: LEGEND_BOX.left, width: "max-content" };

/**
 * The first paint's legend, before any script has measured the canvas: collapsed on a canvas narrower than `room` px
 * (flow-elements.ts legendRoom, for the view the page draws), open on a wider one. A container query, as the server
 * cannot know the window's width, and a legend drawn open and then collapsed by the scripts was a visible jump.
 */
export function undecidedCss(room: number): string {
  const auto = '[data-testid="graph-legend"][data-state="auto"]';
  return `@container graph-canvas (width < ${room}px){${auto}{width:max-content!important}${auto} [data-legend-body]{display:none}${auto} [data-legend-chevron]{rotate:-90deg}}`;
}

/**
 * Whether the element's content is taller than the element: a scroll box then needs to take keyboard focus (as
 * Chrome and Firefox give it on their own, Safari not), and only then, so a legend that fits is no extra Tab stop.
 */
function useScrolls<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollHeight > el.clientHeight + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, scrolls] as const;
}

/**
 * `open`: graph-canvas.tsx's overlay toggle; null (undecided) in the server's HTML, whose first paint opens the legend
 * by the canvas's width alone (`undecidedCss`) until the canvas settles it to what that paint showed. `room`: the
 * canvas width, in whole px, from which it is open then.
 */
export function Legend({ open, room, onToggle }: { open: boolean | null; room: number; onToggle: () => void }) {
  const bodyId = useId();
  const [body, scrolls] = useScrolls<HTMLDivElement>();
  return (
    // A button with aria-expanded rather than <details>: React owns the state the fits read, and a toggle before
    // hydration cannot leave the drawn legend and that state disagreeing.
    <div
      data-testid="graph-legend"
      data-state={open === null ? "auto" : open ? "open" : "closed"}
      // Collapsed, only as wide as its title: at 240 px on a 390 px phone the toolbar lay over its middle, and a tap on
      // "Legend" opened the keyboard help.
      style={open === false ? COLLAPSED_BOX : LEGEND_BOX}
      // At most as tall as leaves the zoom buttons below it free; its body scrolls in a short canvas.
      className="absolute top-3 z-10 flex max-h-[calc(100%-7.5rem)] flex-col rounded-lg border border-slate-200 bg-white/95 text-xs text-slate-700 shadow-sm"
    >
      {open === null ? <style>{undecidedCss(room)}</style> : null}
      <button
        type="button"
        aria-expanded={open ?? undefined}
        aria-controls={bodyId}
        onClick={onToggle}
        className="flex w-full cursor-pointer select-none items-center gap-1.5 rounded-lg px-3 py-1.5 text-left font-semibold text-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
      >
        <span aria-hidden="true" data-legend-chevron className={open === false ? "-rotate-90" : ""}>
          ▾
        </span>
        Legend
      </button>
      <div
        id={bodyId}
        ref={body}
        data-legend-body
        hidden={open === false}
        tabIndex={scrolls ? 0 : undefined}
        role={scrolls ? "region" : undefined}
        aria-label={scrolls ? "Legend" : undefined}
        className="min-h-0 space-y-2 overflow-y-auto px-3 pb-3 focus-visible:outline-2 focus-visible:outline-sky-600"
      >
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
        {/* The chips say their words; the list's name says what the words are, which colour alone did not. */}
        <ul className="flex flex-wrap gap-1" aria-label="Severity colours">
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
    </div>
  );
}
