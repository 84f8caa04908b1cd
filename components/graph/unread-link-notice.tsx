/**
 * Said plainly when a link carries graph filter values the page cannot read (lib/view/unread-link-values.ts): they are
 * not applied, so the graph is not the view the link asked for, and without a word it would pass for it.
 */
export function UnreadLinkNotice({ unread }: { unread: readonly string[] }) {
  if (!unread.length) return null;
  return (
    <p role="status" className="border-b border-amber-300 bg-amber-50 px-4 py-1.5 text-sm text-amber-950" data-testid="unread-link-values">
      This link has {unread.length === 1 ? "a value" : "values"} the graph cannot read, so {unread.length === 1 ? "it is" : "they are"} not
      applied and the graph is drawn without {unread.length === 1 ? "it" : "them"}: {unread.join("; ")}. The filters above show what is applied.
    </p>
  );
}
