/**
 * Where the details panel, or the note in its place when its details failed to load, lies: beside the graph where
 * both fit. Below 1024 px, beside a canvas a few hundred pixels wide, the legend spilled onto the panel's text: there it
 * goes below the graph in a tall window (a tablet, a phone), so the picked node stays in sight above it, and over the
 * graph, whole, in a short one (a laptop at 200 % zoom), where a strip of graph beside it would be too small to use.
 * The variants are globals.css's; focus-node.ts panelOverGraph tells the two apart.
 */
export const PANEL_PLACE =
  "h-full w-[26rem] shrink-0 border-l border-slate-200 bg-slate-50 panel-over:absolute panel-over:inset-0 panel-over:z-20 panel-over:w-full panel-below:h-1/2 panel-below:w-full panel-below:border-l-0 panel-below:border-t";
