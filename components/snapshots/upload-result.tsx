/**
 * The upload zone's confirmation: the file's name as the user picked it, and the account and capture time its snapshot
 * says, as the stored-snapshots list names a scan (an id alone was recognised by nobody). The id stays, as the link,
 * named for where it goes: heard alone, in a screen reader's list of links, the id said nothing of it. The name starts
 * with the id, the link's visible text, which speech users say to follow it (WCAG 2.5.3).
 */
import Link from "next/link";
import { scanName } from "@/lib/view/capture-time";

export function UploadResult({ id, duplicate, name, scan }: { id: string; duplicate: boolean; name: string; scan?: { account: string; capturedAt: string } }) {
  return (
    <p data-testid="upload-result" className="text-emerald-800">
      {duplicate ? "Already stored: " : "Stored: "}
      <span className="break-all font-medium">{name}</span>
      {scan ? `, ${scanName(scan)}` : ""} (
      <Link
        className="break-all font-mono underline"
        href={`/graph?snapshot=${encodeURIComponent(id)}`}
        aria-label={`${id}: graph of ${scan ? scanName(scan) : "this snapshot"}`}
      >
        {id}
      </Link>
      )
    </p>
  );
}
