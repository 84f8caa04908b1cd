/**
 * What a tab does when a scan it follows is stored. A tab on "latest" (no `snapshot=`, or `snapshot=latest`)
 * is refreshed and shows the new snapshot. A tab pinned to a snapshot (a shared link) keeps showing it, as
 * docs/deploy.md promises ("a later scan does not change what the teammate sees"); it is offered a link to the
 * same view on the new snapshot instead.
 */
export type AfterScan = { kind: "refresh" } | { kind: "offer"; href: string };

export function afterScan(currentUrl: string, newSnapshotId: string | undefined): AfterScan {
  const url = new URL(currentUrl);
  const pinned = url.searchParams.get("snapshot");
  if (!pinned || pinned === "latest" || !newSnapshotId || pinned === newSnapshotId) return { kind: "refresh" };
  url.searchParams.set("snapshot", newSnapshotId);
  // The pinned viewport belongs to the old layout.
  url.searchParams.delete("vp");
  return { kind: "offer", href: `${url.pathname}${url.search}` };
}
