"use client";
/** "Copy link": the current view (filters, focus, selection, viewport) pinned to the snapshots being shown and compared. */
import { useReactFlow } from "@xyflow/react";
import { CopyButton } from "@/components/copy-button";
import { shareUrl } from "@/lib/view/share-link";

export function ShareLinkButton({ snapshotId, compareId }: { snapshotId: string; compareId?: string }) {
  const rf = useReactFlow();
  return <CopyButton label="Copy link" testId="copy-link" whenRefused="copy the address bar instead" text={() => shareUrl(window.location.href, snapshotId, rf.getViewport(), compareId)} />;
}
