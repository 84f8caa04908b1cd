/**
 * What a single-choice filter (the graph's Service and Region selects) shows for the values in the URL. A link
 * can carry values the select cannot show as one of its options: a region or service this snapshot does not
 * have (an older link, another account), or several values (`svc=sqs,sns`). They still filter the graph, so they
 * are shown as an extra option, named as such, and choosing "All" clears them.
 */
export interface FilterChoice {
  /** The select's value: "" for all, an option, or LINKED_VALUES for the extra option. */
  value: string;
  /** The extra option for values no single option stands for. */
  linked: { label: string } | null;
}

/** Not a region or service name (they have no parentheses or spaces). */
export const LINKED_VALUES = "(from the link)";

export function filterChoice(selected: readonly string[], available: readonly string[]): FilterChoice {
  const [only, ...more] = selected;
  if (only === undefined) return { value: "", linked: null };
  if (!more.length && available.includes(only)) return { value: only, linked: null };
  const label = selected.map((v) => (available.includes(v) ? v : `${v} (not in this snapshot)`)).join(", ");
  return { value: LINKED_VALUES, linked: { label } };
}
