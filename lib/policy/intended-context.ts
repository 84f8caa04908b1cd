/**
 * The request context of the caller a resource-policy statement was written for: the invoker lists and the grant
 * rules ask "does the whole document let *that* caller in?" (a Deny elsewhere may cancel the grant), so each key the
 * statement's positive conditions test is given a value that satisfies them.
 */
import { conditionsTri } from "./conditions/evaluate";
import { lowerKey } from "./context";
import type { ConditionClause, Statement } from "./types";
import { addTo } from "@/lib/multimap";

/** The few operators an account uses, each judged once (every grant of every function asks). */
const suggestingOperators = new Map<string, boolean>();

/** Operators that say nothing about a value that would satisfy them (negated ones, Null, every-value sets). */
function suggestsValue(operator: string): boolean {
  let suggests = suggestingOperators.get(operator);
  if (suggests === undefined) {
    const op = operator.replace(/IfExists$/, "");
    suggests = !/not/i.test(op) && !op.startsWith("ForAllValues") && op !== "Null";
    if (suggestingOperators.size < 1_000) suggestingOperators.set(operator, suggests); // operators come from policy text
  }
  return suggests;
}

const known = new WeakMap<Statement, Readonly<Record<string, string>>>();

/**
 * Each tested key (lower-cased) set to the first policy value that satisfies every clause on that key — the value
 * itself for equality and glob operators (a glob matches its own text). A key no such value satisfies (numeric and
 * date ranges, CIDR blocks, ARN patterns shorter than an ARN) stays unknown, so the answer is conditional rather
 * than a denial of the very caller the statement names; so does a key whose clause the snapshot's capture settles.
 * Shared and frozen per statement: callers must not change it.
 */
export function intendedContext(statement: Statement, policyVersion: string): Readonly<Record<string, string>> {
  let ctx = known.get(statement);
  if (ctx) return ctx;
  const byKey = new Map<string, ConditionClause[]>();
  for (const c of statement.conditions) {
    const key = lowerKey(c.key);
    addTo(byKey, key, c);
  }
  const out: Record<string, string> = {};
  for (const [key, clauses] of byKey) {
    // The time of the call is no choice of the caller's: where the snapshot's capture decides a clause on it
    // (conditions/request-time.ts), a value that meets the clause would read a closed window as open.
    if (clauses.some((c) => c.settled !== undefined)) continue;
    // One probe context per key, its value set to each candidate in turn (the evaluator keeps no reference to it).
    const values: Record<string, string> = {};
    const probe = { values, complete: false };
    candidates: for (const c of clauses) {
      if (!suggestsValue(c.operator)) continue;
      for (const v of c.values) {
        values[key] = v;
        if (conditionsTri(clauses, probe, policyVersion) === "true") {
          out[key] = v;
          break candidates;
        }
      }
    }
  }
  ctx = Object.freeze(out);
  known.set(statement, ctx);
  return ctx;
}
