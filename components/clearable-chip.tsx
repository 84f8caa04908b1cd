/**
 * A filter shown as a chip ("Focus: orders-api", "Can do s3:PutObject on …") with a button that clears it. The value
 * is text (a node's label, a question typed elsewhere: any characters), cut with an ellipsis, whole on hover; the chip
 * shrinks with the bar holding it, so a long value in a narrow window is cut rather than pushing the page sideways.
 */
import type { Ref } from "react";
import { CloseIcon } from "@/components/close-icon";
import { printable } from "@/lib/view/long-words";

export interface ClearableChipProps {
  /** Said before the value, never cut ("Focus:", "Can do"). */
  label: string;
  value: string;
  /** The clear button's accessible name: what it clears, with the value where two chips could be told apart by it. */
  clearLabel: string;
  onClear: () => void;
  testId: string;
  clearTestId: string;
  /** The clear button's ref: where focus goes when the chip removes itself (useFocusFallback). */
  clearRef?: Ref<HTMLButtonElement>;
}

export function ClearableChip({ label, value, clearLabel, onClear, testId, clearTestId, clearRef }: ClearableChipProps) {
  const shown = printable(value);
  return (
    <span className="inline-flex min-w-0 max-w-full items-center gap-1 rounded-full bg-sky-50 py-0.5 pl-2.5 pr-1 text-xs text-sky-900 ring-1 ring-sky-200" data-testid={testId}>
      <span className="shrink-0">{label}</span>{" "}
      <span className="min-w-0 max-w-[16rem] truncate font-medium" title={shown}>
        {shown}
      </span>
      <button
        type="button"
        ref={clearRef}
        onClick={onClear}
        aria-label={clearLabel}
        data-testid={clearTestId}
        className="shrink-0 rounded-full p-0.5 hover:bg-sky-100 focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        <CloseIcon size={12} strokeWidth={2.5} />
      </button>
    </span>
  );
}
