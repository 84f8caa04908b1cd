/** A function's tags (team, owner, env…) as the scan read them: keys sorted, text only, long values wrapped, crafted ones cut. */
import { tagEntries } from "@/lib/analysis/function-tags";
import { printable } from "@/lib/view/long-words";

export function TagList({ tags }: { tags: Readonly<Record<string, string>> }) {
  const entries = tagEntries(tags);
  if (entries.length === 0) return <span className="text-slate-600">none</span>;
  return (
    <ul className="space-y-0.5" data-testid="function-tags">
      {entries.map(([key, value]) => (
        <li key={key} className="break-words [overflow-wrap:anywhere]" data-testid="function-tag">
          <span className="font-mono text-xs text-slate-700">{printable(key)}</span>
          {value === "" ? null : (
            <>
              <span className="text-slate-500"> = </span>
              <span>{printable(value)}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
