/**
 * Each rule's short name, as SARIF and the rule listings give it (`title` in its module): what a person picks a rule
 * by, where the id is what links and filters carry. Server side only: it loads every rule.
 */
import { RULES } from "./rules/registry";

const TITLES: ReadonlyMap<string, string> = new Map(RULES.map((r) => [r.id, r.title]));

/** The rule's title; an id no rule has (a stale link, a newer snapshot's rule) is shown as it is. */
export function ruleTitle(id: string): string {
  return TITLES.get(id) ?? id;
}
