"use client";
/** "Copy link" on the compare page: this comparison with both scans pinned to the ids shown, as the graph's link pins its own. */
import { CopyButton } from "@/components/copy-button";
import { pinnedUrl } from "@/lib/view/share-link";

export function CompareLinkButton({ fromId, toId }: { fromId: string; toId: string }) {
  return <CopyButton label="Copy link" testId="copy-link" whenRefused="copy the address bar instead" text={() => pinnedUrl(window.location.href, { from: fromId, to: toId }).toString()} />;
}
