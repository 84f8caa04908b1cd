"use client";
/**
 * A single-choice filter: the graph's Service and Region, the overview's Finding and Invoked by. Values from a link
 * that no option stands for (not in this snapshot, or several) appear as one more option, selected, so the filter
 * that is in force is visible; the first option ("All") clears it.
 */
import { filterChoice, LINKED_VALUES } from "@/lib/view/filter-choice";
import { printable } from "@/lib/view/long-words";

export const CHOICE_SELECT_CLASS =
  "min-w-0 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-600";

/** `optionLabel`: how an option is named (its value by default); `allLabel`: the option that clears the filter. */
export function ChoiceSelect({
  testId,
  selected,
  available,
  onChange,
  optionLabel = (v) => v,
  allLabel = "All",
}: {
  testId: string;
  selected: readonly string[];
  available: readonly string[];
  onChange: (values: string[]) => void;
  optionLabel?: (value: string) => string;
  allLabel?: string;
}) {
  const choice = filterChoice(selected, available);
  return (
    <select
      className={CHOICE_SELECT_CLASS}
      data-testid={testId}
      value={choice.value}
      onChange={(e) => {
        if (e.target.value !== LINKED_VALUES) onChange(e.target.value ? [e.target.value] : []);
      }}
    >
      <option value="">{allLabel}</option>
      {choice.linked ? (
        <option value={LINKED_VALUES} data-testid={`${testId}-linked`}>
          {printable(choice.linked.label)}
        </option>
      ) : null}
      {available.map((v) => (
        <option key={v} value={v}>
          {optionLabel(v)}
        </option>
      ))}
    </select>
  );
}
