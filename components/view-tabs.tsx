"use client";
/**
 * The header's Overview and Graph tabs. Client side: the graph's filters change the URL without asking the server
 * (nuqs, shallow), so a link drawn by the server would carry the filters of the page's first load, not today's.
 */
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { carriedHref } from "@/lib/view/carried-filters";
import { headerTabClass as tab } from "./header-tab";

/** `snapshotQuery`: `?snapshot=<id>` when the page shows a pinned scan, else empty. */
export function ViewTabs({ current, snapshotQuery }: { current: string; snapshotQuery: string }) {
  // Null outside the app router (a page rendered by a unit test): nothing to carry.
  const search = useSearchParams() ?? new URLSearchParams();
  return (
    <>
      <Link href={carriedHref(`/${snapshotQuery}`, search)} className={tab(current === "overview")} aria-current={current === "overview" ? "page" : undefined} data-testid="tab-overview">
        Overview
      </Link>
      <Link href={carriedHref(`/graph${snapshotQuery}`, search)} className={tab(current === "graph")} aria-current={current === "graph" ? "page" : undefined} data-testid="tab-graph">
        Graph
      </Link>
    </>
  );
}
