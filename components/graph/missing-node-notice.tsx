"use client";
/**
 * Said plainly when a link's focused or selected node is not in the snapshot being shown (deleted function,
 * renamed role, or a newer scan), with the way out: the same view on the latest snapshot, or clearing it.
 */
import { usePathname, useSearchParams } from "next/navigation";
import { latestSnapshotHref } from "@/lib/view/share-link";
import { useFocusFallback } from "@/components/use-focus-fallback";

/** `focusAfter`: where keyboard focus goes when "Show the whole graph" removes this notice. */
export function MissingNodeNotice({ missing, onClear, focusAfter }: { missing: string[]; onClear: () => void; focusAfter?: () => HTMLElement | null | undefined }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const keepFocus = useFocusFallback<HTMLButtonElement>(() => focusAfter?.());
  if (!missing.length) return null;
  const pinned = !!search.get("snapshot") && search.get("snapshot") !== "latest";
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950" data-testid="missing-node">
      <p>
        This link points to {missing.length === 1 ? "a node" : "nodes"} not in this snapshot:{" "}
        {missing.map((id, i) => (
          <span key={id}>
            {i ? ", " : ""}
            <code className="break-all font-mono text-xs">{id}</code>
          </span>
        ))}
        . {pinned ? "It may exist in the latest snapshot." : "It may have been deleted or renamed since the link was made."}
      </p>
      {pinned ? (
        <a href={latestSnapshotHref(pathname, search.toString())} className="font-medium text-sky-800 underline" data-testid="open-latest">
          Open the latest snapshot
        </a>
      ) : null}
      <button type="button" ref={keepFocus} onClick={onClear} className="font-medium text-sky-800 underline">
        Show the whole graph
      </button>
    </div>
  );
}
