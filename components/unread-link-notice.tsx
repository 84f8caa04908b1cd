/**
 * Said plainly when a link carries values the page cannot read (lib/view/unread-link-values.ts): they are not
 * applied, so the page is not the view the link asked for, and without a word it would pass for it. The graph and the
 * overview say it alike; only what is drawn without them differs.
 */
const WORDS = {
  graph: { page: "the graph", drawn: "the graph is drawn", rest: "The filters above show what is applied.", box: "border-b" },
  overview: {
    page: "the overview",
    drawn: "the table is shown",
    rest: "The rest of the view loaded; the search, sort and filters of the table show what is applied.",
    box: "rounded border",
  },
} as const;

export function UnreadLinkNotice({ unread, view = "graph" }: { unread: readonly string[]; view?: keyof typeof WORDS }) {
  if (!unread.length) return null;
  const w = WORDS[view];
  const one = unread.length === 1;
  return (
    <p role="status" className={`${w.box} border-amber-300 bg-amber-50 px-4 py-1.5 text-sm text-amber-950`} data-testid="unread-link-values">
      This link has {one ? "a value" : "values"} {w.page} cannot read, so {one ? "it is" : "they are"} not applied and {w.drawn} without{" "}
      {one ? "it" : "them"}: {unread.join("; ")}. {w.rest}
    </p>
  );
}
