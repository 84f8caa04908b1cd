"use client";
/** The severity filter's toggle chips, one style for the overview table and the graph's filter bar. */
import { SEVERITIES, type Severity } from "@/lib/analysis/types";
import { SEVERITY_CHIP, SEVERITY_LABEL } from "./severity-style";

/** Pressed chips show their severity's colour; `testIdPrefix` + severity names each chip for the e2e tests. */
export function SeverityToggles({
  selected,
  onToggle,
  testIdPrefix,
}: {
  selected: readonly Severity[];
  onToggle: (severity: Severity, on: boolean) => void;
  testIdPrefix?: string;
}) {
  return SEVERITIES.map((s) => {
    const on = selected.includes(s);
    return (
      <button
        key={s}
        type="button"
        aria-pressed={on}
        data-testid={testIdPrefix ? `${testIdPrefix}${s}` : undefined}
        onClick={() => onToggle(s, !on)}
        className={`rounded-full border px-2 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${
          // Forced colors drop the fill that says "pressed", and pressed and unpressed chips looked the same: there a
          // pressed chip is filled with the theme's highlight, kept by opting it out of the forcing (its focus ring then
          // drawn apart from the fill, in the theme's text colour).
          on
            ? `${SEVERITY_CHIP[s]} border-transparent forced-colors:border-[color:Highlight] forced-colors:bg-[color:Highlight] forced-colors:text-[color:HighlightText] forced-color-adjust-none forced-colors:focus-visible:outline-offset-2 forced-colors:focus-visible:outline-[color:CanvasText]`
            : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
        }`}
      >
        {SEVERITY_LABEL[s]}
      </button>
    );
  });
}
