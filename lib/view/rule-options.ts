/**
 * The Finding filter's options on the overview and the graph, built on the server: apart from function-filter.ts,
 * which the browser loads, because the rules' titles come with every rule's module.
 */
import { ruleTitle } from "@/lib/findings/rule-titles";
import type { FunctionFacts } from "./function-filter";

/** A finding filter's option: a rule found (`rule`, the option's value), its title to show, and the functions it badges. */
export interface RuleOption {
  rule: string;
  title: string;
  functions: number;
}

/** Each rule found, with the functions it badges, by title (then id): people look a rule up by its name. */
export function ruleOptions(functions: Iterable<Pick<FunctionFacts, "rules">>): RuleOption[] {
  const counts = new Map<string, number>();
  for (const fn of functions) for (const rule of fn.rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return [...counts]
    .map(([rule, functions]) => ({ rule, title: ruleTitle(rule), functions }))
    .sort((a, b) => a.title.localeCompare(b.title) || a.rule.localeCompare(b.rule));
}
