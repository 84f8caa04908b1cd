/**
 * The request context of the caller a resource-policy statement was written for: the invoker lists and the grant
 * rules ask "does the whole document let *that* caller in?" (a Deny elsewhere may cancel the grant), so each key the
 * statement's positive conditions test is given a value that satisfies them.
 */
import { conditionsTri } from "./conditions/evaluate";
import type { ConditionClause, Statement } from "./types";

/** Operators that say nothing about a value that would satisfy them (negated ones, Null, every-value sets). */
function suggestsValue(operator: string): boolean {
  const op = operator.replace(/IfExists$/, "");
  return !/not/i.test(op) && !op.startsWith("ForAllValues") && op !== "Null";
}

const known = new WeakMap<Statement, Readonly<Record<string, string>>>();

/**
 * Each tested key (lower-cased) set to the first policy value that satisfies every clause on that key — the value
 * itself for equality and glob operators (a glob matches its own text). A key no such value satisfies (numeric and
 * date ranges, CIDR blocks, ARN patterns shorter than an ARN) stays unknown, so the answer is conditional rather
 * than a denial of the very caller the statement names. Shared and frozen per statement: callers must not change it.
 */
export function intendedContext(statement: Statement, policyVersion: string): Readonly<Record<string, string>> {
  let ctx = known.get(statement);
  if (ctx) return ctx;
  const byKey = new Map<string, ConditionClause[]>();
  for (const c of statement.conditions) {
    const key = c.key.toLowerCase();
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const out: Record<string, string> = {};
  for (const [key, clauses] of byKey) {
    for (const c of clauses) {
      if (!suggestsValue(c.operator)) continue;
      const value = c.values.find((v) => conditionsTri(clauses, { values: { [key]: v }, complete: false }, policyVersion) === "true");
      if (value !== undefined) {
        out[key] = value;
        break;
      }
    }
  }
  ctx = Object.freeze(out);
  known.set(statement, ctx);
  return ctx;
}
