/**
 * Evaluates a statement's Condition block (reference_policies_elements_condition_operators.html,
 * reference_policies_condition-single-vs-multi-valued-context-keys.html):
 * AND across operators and keys, OR across a key's values (negated operators: "matches none of them");
 * an absent key is false except for negated operators, `…IfExists` and `ForAllValues:` (true);
 * a key the analyser does not know gives "unknown".
 */
import { lookupContext } from "../context";
import { triAnd, triNot, triOr } from "../tri";
import type { ConditionClause, RequestContext, Tri } from "../types";
import { hasVariables, substituteVariables } from "../variables";
import { unescapeGlobText } from "../wildcard";
import { evaluateNull } from "./null";
import type { ClauseEvidence, ConditionOperator } from "./operator";
import { lookupOperator, type ParsedOperator } from "./registry";

export interface ConditionsResult {
  result: Tri;
  unknownKeys: string[];
  /** One line per clause that failed or was unknown. */
  notes: string[];
  /** Evidence for every clause evaluated, in order. */
  evidence: ClauseEvidence[];
}

const EMPTY: readonly never[] = Object.freeze([]);
const NO_CONDITIONS: ConditionsResult = Object.freeze({
  result: "true",
  unknownKeys: EMPTY as unknown as string[],
  notes: EMPTY as unknown as string[],
  evidence: EMPTY as unknown as ClauseEvidence[],
}) as ConditionsResult;

interface ResolvedValues {
  values: string[];
  /** Keys of policy variables that are unknown (those values compare as unknown). */
  unknownVariableKeys: string[];
  /** Policy values whose variables are unknown, kept for the note. */
  unknownValues: number;
}

function resolvePolicyValues(op: ConditionOperator, clause: ConditionClause, context: RequestContext, version: string): ResolvedValues {
  if (!op.variables) return { values: clause.values, unknownVariableKeys: [], unknownValues: 0 };
  let out: string[] | undefined;
  const unknownVariableKeys: string[] = [];
  let unknownValues = 0;
  for (let i = 0; i < clause.values.length; i++) {
    const v = clause.values[i]!;
    if (!hasVariables(v, version)) {
      out?.push(v);
      continue;
    }
    out ??= clause.values.slice(0, i);
    const sub = substituteVariables(v, context, version);
    if (sub.state === "value") out.push(op.glob ? sub.text : unescapeGlobText(sub.text));
    else if (sub.state === "unknown") {
      unknownVariableKeys.push(...sub.keys);
      unknownValues++;
    }
    // "absent": a value whose variable has no value matches nothing.
  }
  return { values: out ?? clause.values, unknownVariableKeys, unknownValues };
}

/** The first policy value a request value matches in the operator's positive sense, or undefined. */
function firstMatch(op: ConditionOperator, requestValue: string, policyValues: readonly string[]): string | undefined {
  for (const pv of policyValues) {
    if (op.test(requestValue, pv)) return pv;
  }
  return undefined;
}

function quote(values: readonly string[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
}

function label(clause: ConditionClause): string {
  return `${clause.operator} ${clause.key}`;
}

function invalidNotes(op: ConditionOperator, values: readonly string[]): string {
  if (!op.invalid) return "";
  const bad = values.map((v) => op.invalid!(v)).filter((x): x is string => x !== undefined);
  return bad.length > 0 ? ` (${bad.join("; ")})` : "";
}

function evaluatePresent(
  parsed: ParsedOperator & { op: ConditionOperator },
  clause: ConditionClause,
  requestValues: readonly string[],
  context: RequestContext,
  version: string,
  describe: boolean,
): ClauseEvidence & { unknownKeys: string[] } {
  const op = parsed.op;
  const resolved = resolvePolicyValues(op, clause, context, version);
  const noMatch: Tri = resolved.unknownValues > 0 ? "unknown" : "false";
  let matchedRequestValue: string | undefined;
  let matchedPolicyValue: string | undefined;
  // The operator's sense (negated or not) for each request value, folded three ways as the quantifiers read them,
  // and the first positive match for the note. Folds rather than a list: this runs for every clause the evaluator meets.
  let every: Tri = "true"; // ForAllValues: each request value's sense
  let some: Tri = "false"; // ForAnyValue and positive operators: any request value's sense
  let someMatch: Tri = "false"; // negated operators without a set: true when no request value matches
  for (const rv of requestValues) {
    const pv = firstMatch(op, rv, resolved.values);
    const matched: Tri = pv === undefined ? noMatch : "true";
    if (pv !== undefined && matchedRequestValue === undefined) {
      matchedRequestValue = rv;
      matchedPolicyValue = pv;
    }
    const sense = op.negated ? triNot(matched) : matched;
    every = triAnd(every, sense);
    some = triOr(some, sense);
    someMatch = triOr(someMatch, triNot(sense));
  }
  const result: Tri = parsed.set === "all" ? every : parsed.set === "any" || !op.negated ? some : triNot(someMatch);
  const unknownKeys = result === "unknown" ? resolved.unknownVariableKeys : [];
  if (!describe) return { operator: clause.operator, key: clause.key, result, note: "", unknownKeys };
  const shownRequest = quote(requestValues);
  let note: string;
  if (result === "unknown") {
    note = `${label(clause)}: depends on unknown policy variable(s) ${resolved.unknownVariableKeys.join(", ")}`;
  } else if (matchedPolicyValue !== undefined) {
    note = `${label(clause)}: request value ${JSON.stringify(matchedRequestValue)} matches ${JSON.stringify(matchedPolicyValue)}`;
  } else {
    note = `${label(clause)}: request value ${shownRequest} matches none of ${quote(clause.values)}${invalidNotes(op, clause.values)}`;
  }
  return {
    operator: clause.operator,
    key: clause.key,
    result,
    matchedRequestValue,
    matchedPolicyValue,
    note: `${note} → ${result}`,
    unknownKeys,
  };
}

/** Evaluates one clause; with `describe` false its note is left empty (decision-only callers never show it). */
export function evaluateClause(
  clause: ConditionClause,
  context: RequestContext,
  policyVersion: string,
  describe = true,
): ClauseEvidence & { unknownKeys: string[] } {
  const { operator, key } = clause;
  const parsed = lookupOperator(clause.operator);
  if (parsed === undefined) {
    return { operator, key, result: "unknown", note: `unknown condition operator ${clause.operator}`, unknownKeys: [] };
  }
  const found = lookupContext(context, clause.key);
  if (parsed.op === "Null") {
    const r = evaluateNull(found, clause.values);
    return {
      operator,
      key,
      result: r.result,
      note: describe ? `${label(clause)}: ${r.note} → ${r.result}` : "",
      unknownKeys: r.result === "unknown" ? [clause.key] : [],
    };
  }
  if (found.state === "unknown") {
    return { operator, key, result: "unknown", note: describe ? `${label(clause)}: value of ${clause.key} is unknown` : "", unknownKeys: [clause.key] };
  }
  const values = found.state === "present" ? found.value : undefined;
  const requestValues = values === undefined ? [] : typeof values === "string" ? [values] : values;
  if (requestValues.length === 0) {
    let result: Tri;
    let why: string;
    // ForAnyValue is false with no request value even under IfExists: AWS denies sqs:ListQueues (no aws:TagKeys) to a
    // role allowed only under ForAnyValue:StringEqualsIfExists on aws:TagKeys (repost.aws QU9HFmDzP0QGuU-fd7rS6B7w).
    if (parsed.set === "any") [result, why] = ["false", "ForAnyValue with an absent or empty key (even with IfExists)"];
    else if (parsed.ifExists) [result, why] = ["true", "IfExists and key absent"];
    else if (parsed.set === "all") [result, why] = ["true", "ForAllValues with an absent or empty key"];
    else if (parsed.op.negated) [result, why] = ["true", "negated operator with an absent key"];
    else [result, why] = ["false", "key absent from the request"];
    return { operator, key, result, note: describe ? `${label(clause)}: ${why} → ${result}` : "", unknownKeys: [] };
  }
  return evaluatePresent(parsed as ParsedOperator & { op: ConditionOperator }, clause, requestValues, context, policyVersion, describe);
}

/** The Condition block's truth alone, as `evaluateConditions(…).result` gives it, without writing any evidence. */
export function conditionsTri(clauses: readonly ConditionClause[], context: RequestContext, policyVersion: string): Tri {
  let result: Tri = "true";
  for (const clause of clauses) {
    result = triAnd(result, evaluateClause(clause, context, policyVersion, false).result);
    if (result === "false") return result;
  }
  return result;
}

export function evaluateConditions(clauses: ConditionClause[], context: RequestContext, policyVersion: string): ConditionsResult {
  if (clauses.length === 0) return NO_CONDITIONS;
  let result: Tri = "true";
  const unknownKeys: string[] = [];
  const notes: string[] = [];
  const evidence: ClauseEvidence[] = [];
  for (const clause of clauses) {
    const e = evaluateClause(clause, context, policyVersion);
    result = triAnd(result, e.result);
    evidence.push({ operator: e.operator, key: e.key, result: e.result, matchedRequestValue: e.matchedRequestValue, matchedPolicyValue: e.matchedPolicyValue, note: e.note });
    if (e.result !== "true") notes.push(e.note);
    for (const k of e.unknownKeys) if (!unknownKeys.includes(k)) unknownKeys.push(k);
  }
  return { result, unknownKeys: result === "unknown" ? unknownKeys : [], notes, evidence };
}
