import { NOTHING } from "@/lib/view/function-gaps";
/** Said instead of (or above) a list whose data was not all read: "none found" would claim what is unknown. */
export function ListNote({ text }: { text: string | undefined }) {
  if (!text || text === "none found" || text === NOTHING) return text ? <>{text}</> : null;
  return (
    <p className="text-xs font-medium text-amber-900" data-testid="list-gap">
      {text}
    </p>
  );
}
