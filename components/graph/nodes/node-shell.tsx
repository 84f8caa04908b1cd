/**
 * The frame every node kind shares: icon tile, name, one line of facts, and the severity badge (worst finding's
 * title as text, with the count). Each kind's file supplies the icon and the facts line. Names and titles are cut as
 * the dashboard cuts snapshot text (printable): the PNG report copies and clamps this markup, and a crafted megabyte
 * name was a megabyte for the browser to lay out at each step of the clamp, and a megabyte tooltip.
 */
import { Handle, Position } from "@xyflow/react";
import type { ReactNode } from "react";
import type { GraphNodeView } from "@/lib/view/graph-model";
import { SEVERITY_CHIP, SEVERITY_LABEL, SEVERITY_SOFT } from "@/components/severity-style";
import { KIND_TILE, KindIcon } from "../node-icons";
import { NODE_WIDTH, nodeHeight } from "@/lib/view/elk-graph";
import { printable } from "@/lib/view/long-words";
import { nameTakesTwoLines } from "@/lib/view/node-kind";
import { nameEnds, ONE_LINE, TWO_LINES } from "@/lib/view/name-ends";

export interface NodeShellProps {
  view: GraphNodeView;
  selected: boolean;
  dimmed?: boolean;
  /** The line of facts under the name; not drawn where the name takes both lines (nameTakesTwoLines). */
  subtitle?: ReactNode;
  /** The name as drawn, when the subtitle already says part of the label; the tooltip keeps the whole label. */
  name?: string;
}

/**
 * Element Timing (w3c.github.io/element-timing): the browser reports when node names are first painted, so the
 * graph's real first paint is observable (bench/browser.ts, any RUM tool) without scripts of ours in the path.
 */
const PAINT_TIMING = { elementtiming: "graph-node" } as Record<string, string>;

/**
 * A name cut in the middle where it is too long: the head is cut by CSS to what fits, with "…", and the tail after it
 * (one line) or under it (two lines) is always drawn (name-ends.ts), so `orders-payment-reconciliation-processor` reads
 * `orders-payment-re…-processor`, not `orders-payment-reconciliat…`, which told two such functions apart by nothing.
 * The text is the whole name either way: search, copy and the PNG's clamp (clamp-for-export.ts) read it. The tooltip
 * is on the name's box alone, over both pieces: on each piece as well, tools read the name twice.
 */
function NodeName({ name, title, lines }: { name: string; title: string; lines: 1 | 2 }) {
  const { head, tail } = nameEnds(name, lines === 1 ? ONE_LINE : TWO_LINES);
  const box = "text-sm font-semibold text-slate-900";
  if (lines === 2) {
    return (
      <div data-testid="node-name" className={box} title={title}>
        <div className={tail ? "truncate" : "line-clamp-2 [overflow-wrap:anywhere]"} {...PAINT_TIMING}>
          {head}
        </div>
        {/* At most a line of the widest letters (FITS_WHOLE); a wider one is still cut with "…", never silently. */}
        {tail ? <div className="truncate">{tail}</div> : null}
      </div>
    );
  }
  return (
    <div data-testid="node-name" className={`flex min-w-0 ${box}`} title={title}>
      <span className="truncate" {...PAINT_TIMING}>
        {head}
      </span>
      {tail ? <span className="shrink-0 whitespace-pre">{tail}</span> : null}
    </div>
  );
}

export function NodeShell({ view, selected, dimmed, subtitle, name = view.label }: NodeShellProps) {
  const badge = view.badge;
  const twoLineLabel = nameTakesTwoLines(view);
  const label = printable(view.label);
  return (
    <div
      data-testid="graph-node"
      data-kind={view.kind}
      // Cut as the tooltip is: a crafted megabyte label made a megabyte attribute. A real name is unchanged by it.
      data-name={label}
      data-region={view.region}
      style={{ width: NODE_WIDTH, height: nodeHeight(view.kind, !!badge) }}
      className={[
        "rounded-lg border bg-white text-left shadow-sm transition-opacity",
        // Forced colors drop the ring (a shadow) and give every border the theme's one colour: the selected node kept
        // nothing that set it apart, so there it takes a thicker border in the theme's highlight colour.
        selected ? "border-sky-600 ring-2 ring-sky-600/30 forced-colors:border-[3px] forced-colors:border-[color:Highlight]" : "border-slate-200",
        dimmed ? "opacity-40" : "",
      ].join(" ")}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-300" />
      <div className="flex items-center gap-2.5 px-3 py-2">
        <span className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-md ring-1 ${KIND_TILE[view.kind]}`}>
          <KindIcon kind={view.kind} isPublic={view.public} />
        </span>
        <div className="min-w-0 flex-1">
          <NodeName name={printable(name)} title={label} lines={twoLineLabel ? 2 : 1} />
          {subtitle && !twoLineLabel ? <div className="truncate text-xs text-slate-600">{subtitle}</div> : null}
        </div>
      </div>
      {badge ? (
        <div
          data-testid="node-badge"
          data-severity={badge.severity}
          title={printable(badge.title)}
          className={`mx-2 mb-2 flex items-start gap-1.5 rounded border-l-4 px-1.5 py-1 text-xs leading-4 ${SEVERITY_SOFT[badge.severity]}`}
        >
          <span className={`shrink-0 rounded px-1.5 py-px text-[10px] font-bold uppercase ${SEVERITY_CHIP[badge.severity]}`}>
            <span className="sr-only">{SEVERITY_LABEL[badge.severity]}, </span>
            <span aria-hidden="true">{SEVERITY_LABEL[badge.severity]}</span>
            {badge.count > 1 ? <span> ·{badge.count}</span> : null}
            {badge.count > 1 ? <span className="sr-only"> findings</span> : null}
          </span>
          <span className="line-clamp-2 break-words font-medium" data-testid="node-badge-title">
            {printable(badge.title)}
          </span>
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-300" />
    </div>
  );
}
