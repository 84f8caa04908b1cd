/**
 * Filters of the graph view: severity (multi), service, region, finding rule, who may invoke, "only with findings",
 * size limit, focus chip, and the overview's "Can do" question as a chip that clears it. Severity, finding, "Invoked
 * by" and the question are the overview table's, matched alike (lib/view/function-filter.ts) and carried between the
 * two pages (lib/view/carried-filters.ts); the question is asked on the overview, whose form is enough.
 */
import type { RefObject } from "react";
import type { Severity } from "@/lib/analysis/types";
import { useFocusFallback } from "@/components/use-focus-fallback";
import { SeverityToggles } from "@/components/severity-toggles";
import type { GraphNodeView } from "@/lib/view/graph-model";
import { MAX_FUNCTIONS_DRAWN, type VisibleGraph } from "@/lib/view/visible-graph";
import { focusFunctionsText, formatCount, plural } from "@/lib/view/count-text";
import { useSlashShortcut } from "./slash-shortcut";
import { printable } from "@/lib/view/long-words";
import { askedReachText, checkActionText, reachInFocusText } from "@/lib/view/reach-question";
import { ClearableChip } from "@/components/clearable-chip";
import { ChoiceSelect } from "@/components/choice-select";
import { FunctionFilterSelects } from "@/components/function-filter-selects";
import type { RuleOption } from "@/lib/view/rule-options";
import type { InvokerKind } from "@/lib/view/invoker-kinds";

export interface FilterValues {
  sev: Severity[];
  svc: string[];
  region: string[];
  rule: string[];
  who: InvokerKind[];
  /** The "Can do" question (url-state.ts): an action pattern, and the resource asked about. */
  reach: string;
  on: string;
  findings: boolean;
  limit: number;
}

export interface FilterBarProps {
  values: FilterValues;
  services: string[];
  regions: string[];
  /** The Finding filter's options, with the functions each badges. */
  rules: RuleOption[];
  visible: VisibleGraph;
  focus: GraphNodeView | null;
  onChange: (patch: Partial<FilterValues>) => void;
  onClearFocus: () => void;
  onOpenSearch: () => void;
  /** The "Find a node" button: where keyboard focus goes when a control here removes itself. */
  searchButtonRef?: RefObject<HTMLButtonElement | null>;
  /** The Can do question's action is none the IAM action catalog has (GraphView.reachNote): said beside its chip. */
  reachNote?: string;
}

export function FilterBar({ values, services, regions, rules, visible, focus, onChange, onClearFocus, onOpenSearch, searchButtonRef, reachNote }: FilterBarProps) {
  const [slashShortcut] = useSlashShortcut();
  const toSearchButton = useFocusFallback<HTMLButtonElement>(() => searchButtonRef?.current);
  const asked = askedReachText(values.reach, values.on);
  const toggleSev = (s: Severity) =>
    onChange({ sev: values.sev.includes(s) ? values.sev.filter((x) => x !== s) : [...values.sev, s] });
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-4 py-2" data-testid="filter-bar">
      <button
        type="button"
        ref={searchButtonRef}
        onClick={onOpenSearch}
        data-testid="open-search"
        className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-slate-50 px-2.5 py-1 text-sm text-slate-600 hover:bg-white focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        <svg viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        Find a node
        {slashShortcut ? (
          <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[11px] text-slate-600">/</kbd>
        ) : null}
      </button>

      {/* Wraps: in a 320 px window (WCAG 1.4.10) the label and five chips ran 23 px past the screen's edge. */}
      <fieldset className="flex flex-wrap items-center gap-1">
        <legend className="sr-only">Severity</legend>
        <span className="mr-1 text-xs font-medium text-slate-600" aria-hidden="true">
          Severity
        </span>
        <SeverityToggles selected={values.sev} onToggle={toggleSev} testIdPrefix="filter-sev-" />
      </fieldset>

      <label className="flex min-w-0 max-w-full items-center gap-1.5 text-xs font-medium text-slate-600">
        Service
        <ChoiceSelect testId="filter-service" selected={values.svc} available={services} onChange={(svc) => onChange({ svc })} />
      </label>

      <label className="flex min-w-0 max-w-full items-center gap-1.5 text-xs font-medium text-slate-600">
        Region
        <ChoiceSelect testId="filter-region" selected={values.region} available={regions} onChange={(region) => onChange({ region })} />
      </label>

      <FunctionFilterSelects rule={values.rule} who={values.who} rules={rules} total={visible.total} testIdPrefix="filter-" onChange={onChange} />

      <label className="flex items-center gap-1.5 text-sm text-slate-700">
        <input
          type="checkbox"
          data-testid="filter-findings"
          checked={values.findings}
          onChange={(e) => onChange({ findings: e.target.checked })}
          className="h-4 w-4 rounded border-slate-300 accent-sky-700"
        />
        Only with findings
      </label>

      {asked ? (
        <ClearableChip
          label="Can do"
          value={asked}
          clearLabel={`Clear the question: can do ${printable(asked)}`}
          onClear={() => onChange({ reach: "", on: "" })}
          testId="reach-chip"
          clearTestId="clear-reach"
          clearRef={toSearchButton}
        />
      ) : null}
      {/* As the overview says it (a typo answers as if it were an action: an empty graph reads as "no function can"),
          in a live region that stays in the page so the note is spoken when it comes. */}
      <span className={asked && reachNote ? "min-w-0 max-w-full rounded-md bg-amber-50 px-2 py-0.5 text-xs text-amber-900 ring-1 ring-amber-300" : "sr-only"} aria-live="polite" data-testid="reach-note">
        {asked && reachNote ? printable(checkActionText(reachNote)) : null}
      </span>
      {/* A focus draws the node's neighbourhood whole: the question is answered over it instead of narrowing it. The
          live region stays in the page, empty, so its answer is spoken when it comes, as the overview's counts are;
          keyed by question and focus, the answer is spoken once for each, and a render that leaves both alone says nothing. */}
      <span className="min-w-0 max-w-full text-xs text-slate-700" aria-live="polite" data-testid="reach-focus-live">
        {asked && focus && visible.reachInFocus ? (
          <span key={`${asked}\n${focus.id}`} data-testid="reach-focus">
            {reachInFocusText(visible.reachInFocus, visible.shown)}
          </span>
        ) : null}
      </span>

      <div className="ml-auto flex min-w-0 max-w-full items-center gap-3 text-xs text-slate-600">
        {focus ? (
          <ClearableChip label="Focus:" value={focus.label} clearLabel="Clear focus" onClear={onClearFocus} testId="focus-chip" clearTestId="clear-focus" clearRef={toSearchButton} />
        ) : null}
        <span data-testid="graph-count" aria-live="polite">
          {focus
            ? `${focusFunctionsText(visible.shown, visible.matching)} in focus`
            : `${formatCount(visible.shown)} of ${plural(visible.matching, "matching function")} (${formatCount(visible.total)} total)`}
        </span>
        {!focus && visible.matching > visible.shown && visible.shown < MAX_FUNCTIONS_DRAWN ? (
          <button
            type="button"
            ref={toSearchButton}
            data-testid="show-more"
            onClick={() => onChange({ limit: Math.min(values.limit * 2 + 20, visible.matching, MAX_FUNCTIONS_DRAWN) })}
            className="rounded-md border border-slate-300 bg-white px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            Show more
          </button>
        ) : null}
      </div>
    </div>
  );
}
