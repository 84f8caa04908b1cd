"use client";
/**
 * The Finding and "Invoked by" filters, the same on the overview's table and the graph's filter bar (matched alike by
 * lib/view/function-filter.ts): one component, so the two pages name and count them the same way.
 */
import { ChoiceSelect } from "@/components/choice-select";
import { countOf } from "@/lib/view/count-text";
import type { RuleOption } from "@/lib/view/rule-options";
import { INVOKER_KIND_LABEL, INVOKER_KINDS, type InvokerKind } from "@/lib/view/invoker-kinds";

// A select is as wide as its longest option ("Cannot deliver to dead-letter queue or destination (3 of 84 functions)"): within
// the screen's width it shrinks instead, and a 320 px window does not scroll sideways (WCAG 1.4.10).
const LABEL = "flex min-w-0 max-w-full items-center gap-1.5 text-xs font-medium text-slate-600";

/**
 * `rules`: the Finding filter's options, named by their titles (their ids the values, as in the URL), with the
 * functions each badges, said out of `total` functions. `testIdPrefix`
 * names the selects `<prefix>rule` and `<prefix>who`.
 */
export function FunctionFilterSelects({
  rule,
  who,
  rules,
  total,
  testIdPrefix,
  onChange,
}: {
  rule: readonly string[];
  who: readonly InvokerKind[];
  rules: readonly RuleOption[];
  total: number;
  testIdPrefix: string;
  onChange: (patch: { rule: string[] } | { who: InvokerKind[] }) => void;
}) {
  const byRule = new Map(rules.map((r) => [r.rule, r]));
  return (
    <>
      <label className={LABEL}>
        Finding
        <ChoiceSelect
          testId={`${testIdPrefix}rule`}
          allLabel="Any"
          selected={rule}
          available={rules.map((r) => r.rule)}
          optionLabel={(r) => `${byRule.get(r)?.title ?? r} (${countOf(byRule.get(r)?.functions ?? 0, total, "function")})`}
          onChange={(values) => onChange({ rule: values })}
        />
      </label>
      <label className={LABEL}>
        Invoked by
        <ChoiceSelect
          testId={`${testIdPrefix}who`}
          // Not "Anyone": two lines below, "anyone (public)" is the public kind, and a security engineer read the
          // unfiltered choice as "public functions".
          allLabel="Any invoker or none"
          selected={who}
          available={INVOKER_KINDS}
          optionLabel={(k) => INVOKER_KIND_LABEL[k as InvokerKind]}
          onChange={(values) => onChange({ who: values as InvokerKind[] })}
        />
      </label>
    </>
  );
}
