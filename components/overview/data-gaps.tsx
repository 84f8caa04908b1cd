/**
 * The overview's note on what the scan could not read and the analysis could not parse, opened to say which
 * (lib/view/data-gaps.ts). A native disclosure: keyboard and screen readers get it without script.
 */
import type { DataGaps } from "@/lib/view/data-gaps";
import { printable } from "@/lib/view/long-words";

export function DataGapsNote({ gaps }: { gaps: DataGaps }) {
  return (
    <details className="mt-1 text-sm" data-testid="data-gaps">
      <summary className="cursor-pointer text-amber-900 underline decoration-dotted underline-offset-2 focus-visible:outline-2 focus-visible:outline-sky-600">
        {gaps.summary} — show which
      </summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-6 text-xs text-slate-700">
        {gaps.items.map((item, i) => (
          <li key={i} className="break-all" data-testid="data-gap">
            {printable(item)}
          </li>
        ))}
        {gaps.more ? <li>and {gaps.more} more (the JSON report and `analyze --format text` list every one)</li> : null}
      </ul>
    </details>
  );
}
