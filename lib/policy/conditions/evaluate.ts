/**
 * Evaluates a statement's Condition block (reference_policies_elements_condition_operators.html,
 * reference_policies_condition-single-vs-multi-valued-context-keys.html):
 * AND across operators and keys, OR across a key's values (negated operators: "matches none of them");
 * a plain operator meeting several request values is unknown (AWS requires a set operator there and defines no reading)
 * unless it is positive and no value matches;
 * an absent key is false except for negated operators, `…IfExists` and `ForAllValues:` (true); for `ForAnyValue:` and
 * `ForAllValues:`, a key whose only value is the empty string counts as absent;
 * a positive clause naming a policy variable the request lacks (and no default) never holds, even through its other
 * values, while a negated one holds against it (the variable is "effectively null");
 * a key the analyser does not know gives "unknown", except the request's time where the snapshot's capture decides it
 * (request-time.ts) and a positive comparison left with no value to match, which is false whatever the key holds;
 * a comparison a value that does not parse decides (a bad number, date, CIDR…) is false in an Allow and unknown in a
 * Deny: AWS documents no reading of such a value, so it may neither let a request in nor lift a Deny;
 * a policy value we read but AWS does not document the form of ("1e3", "2030-01-01 00:00:00Z") is read both ways,
 * as written and refused (as a value that does not parse), and decides only what both readings decide, in an Allow as
 * in a Deny: AWS may honour such an Allow or not, apply such a Deny or not. The clause then names the value;
 * a request value AWS does not document (RequestContext.undocumented: kms:ViaService in aws-cn) is likewise read as
 * each value it may be, and decides only what all of them decide.
 */
import { lookupContext, lowerKey } from "../context";
import { triAnd, triNot, triOr } from "../tri";
import type { ConditionClause, Effect, RequestContext, Tri, UndocumentedValue } from "../types";
import { DEFAULT_WILDCARD_NOTE, hasVariables, malformedVariableNote, multivaluedVariableNote, substituteVariables } from "../variables";
import { unescapeGlobText } from "../wildcard";
import { evaluateNull, invalidNullValue } from "./null";
import type { ClauseEvidence, ConditionOperator } from "./operator";
import { lookupOperator, type ParsedOperator } from "./registry";
import { noRequestCarries } from "../principal-arn-values";

export interface ConditionsResult {
  result: Tri;
  unknownKeys: string[];
  /**
   * For an unknown result: `key "value"` for each policy value whose reading by AWS is not documented (a form AWS does
   * not document, or one that does not parse in a Deny) and which leaves a clause unknown, so the explanation names it.
   */
  undocumentedValues: string[];
  /** One line per clause that failed or was unknown. */
  notes: string[];
  /** Evidence for every clause evaluated, in order. */
  evidence: ClauseEvidence[];
}

const EMPTY: readonly never[] = Object.freeze([]);
const NO_CONDITIONS: ConditionsResult = Object.freeze({
  result: "true",
  unknownKeys: EMPTY as unknown as string[],
  undocumentedValues: EMPTY as unknown as string[],
  notes: EMPTY as unknown as string[],
  evidence: EMPTY as unknown as ClauseEvidence[],
}) as ConditionsResult;

interface ResolvedValues {
  values: string[];
  /** Keys of policy variables that are unknown (those values compare as unknown). */
  unknownVariableKeys: string[];
  /** Policy values whose variables are unknown, kept for the note. */
  unknownValues: number;
  /** Keys of policy variables that are absent with no default: their values match nothing, and differ from nothing. */
  absentVariableKeys: string[];
  /**
   * Policy values as written whose variables name a multivalued key (variables.ts), and those keys: such values compare
   * as unknown, as an unknown variable's do, and the explanation names them.
   */
  multivalued?: { keys: string[]; written: string[] };
  /** Likewise policy values as written holding a `${…}` not written as a variable (variables.ts), and those forms. */
  malformed?: { forms: string[]; written: string[] };
  /**
   * Under a glob operator, where a default holding `*` or `?` was used (variables.ts, DefaultReading): `values` with
   * those defaults read as wildcards, and the policy values as written that hold them.
   */
  wildcardDefaults?: { values: string[]; written: string[] };
}

function resolvePolicyValues(op: ConditionOperator, clause: ConditionClause, context: RequestContext, version: string, action?: string): ResolvedValues {
  if (!op.variables) return { values: clause.values, unknownVariableKeys: [], unknownValues: 0, absentVariableKeys: [] };
  let multivalued: ResolvedValues["multivalued"];
  let malformed: ResolvedValues["malformed"];
  let out: string[] | undefined;
  /** Index in `out` → that value with its defaults read as wildcards, and the value as written. */
  let otherReading: Map<number, [string, string]> | undefined;
  const unknownVariableKeys: string[] = [];
  const absentVariableKeys: string[] = [];
  let unknownValues = 0;
  for (let i = 0; i < clause.values.length; i++) {
    const v = clause.values[i]!;
    if (!hasVariables(v, version)) {
      out?.push(v);
      continue;
    }
    out ??= clause.values.slice(0, i);
    const sub = substituteVariables(v, context, version, action);
    if (sub.state === "value") {
      // Only a glob operator could read the default's characters as wildcards (StringEquals compares them as text).
      if (op.glob && sub.wildcardDefault) {
        const other = substituteVariables(v, context, version, action, "wildcard");
        if (other.state === "value") (otherReading ??= new Map()).set(out.length, [other.text, v]);
      }
      out.push(op.glob ? sub.text : unescapeGlobText(sub.text));
    } else if (sub.state === "unknown") {
      unknownVariableKeys.push(...sub.keys);
      unknownValues++;
    } else if (sub.state === "multivalued") {
      multivalued ??= { keys: [], written: [] };
      for (const k of sub.keys) if (!multivalued.keys.includes(k)) multivalued.keys.push(k);
      multivalued.written.push(v);
      unknownValues++;
    } else if (sub.state === "malformed") {
      malformed ??= { forms: [], written: [] };
      for (const f of sub.forms) if (!malformed.forms.includes(f)) malformed.forms.push(f);
      malformed.written.push(v);
      unknownValues++;
    } else {
      absentVariableKeys.push(...sub.keys);
    }
  }
  const values = out ?? clause.values;
  const resolved: ResolvedValues = { values, unknownVariableKeys, unknownValues, absentVariableKeys };
  if (multivalued) resolved.multivalued = multivalued;
  if (malformed) resolved.malformed = malformed;
  if (!otherReading) return resolved;
  const other = otherReading;
  resolved.wildcardDefaults = { values: values.map((pv, i) => other.get(i)?.[0] ?? pv), written: [...other.values()].map(([, written]) => written) };
  return resolved;
}

interface Positive {
  result: Tri;
  policyValue?: string;
}

/** "unknown" when no policy value matches and one depends on an unknown variable or on which reading AWS gives it. */
function positive(op: ConditionOperator, requestValue: string, resolved: ResolvedValues, refused: ReadonlySet<string>): Positive {
  let undecided = resolved.unknownValues > 0;
  for (const pv of resolved.values) {
    const t = refused.has(pv) ? false : op.test(requestValue, pv);
    if (t === true) return { result: "true", policyValue: pv };
    if (t === "unknown") undecided = true;
  }
  return { result: undecided ? "unknown" : "false" };
}


function quote(values: readonly string[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
}

function label(clause: ConditionClause): string {
  return `${clause.operator} ${clause.key}`;
}

function isInvalid(op: ConditionOperator, value: string, refused: ReadonlySet<string>): boolean {
  return refused.has(value) || op.invalid?.(value) !== undefined;
}

function hasInvalid(op: ConditionOperator, values: readonly string[], refused: ReadonlySet<string> = NONE_REFUSED): boolean {
  return values.some((v) => isInvalid(op, v, refused));
}

/** What an operator's `invalid`, `ambiguous` or `undocumented` says of the values, one phrase per value it speaks of. */
function valueNotes(say: ((value: string) => string | undefined) | undefined, values: readonly string[]): string[] {
  if (!say) return [];
  return values.map(say).filter((x): x is string => x !== undefined);
}

/** The request values `op.invalid` speaks of: none for an operator that checks policy values only. */
function checkedRequestValues(op: ConditionOperator, requestValues: readonly string[]): readonly string[] {
  return op.invalidPolicyValuesOnly ? NO_VALUES : requestValues;
}

function invalidNotes(op: ConditionOperator, values: readonly string[]): string {
  const bad = valueNotes(op.invalid, values);
  return bad.length > 0 ? ` (${bad.join("; ")})` : "";
}

/**
 * The policy values, then the request values, that `op.ambiguous` gives two readings (a bare year; an IPv4-mapped
 * address, on either side: ip.ts), each once.
 */
function ambiguousValues(op: ConditionOperator, policyValues: readonly string[], requestValues: readonly string[]): string[] {
  if (!op.ambiguous) return NO_VALUES;
  const out = [...policyValues, ...requestValues].filter((v) => op.ambiguous!(v) !== undefined);
  return out.length === 0 ? NO_VALUES : [...new Set(out)];
}

/** A clause's values as the explanation names them: the key, then each value as text (`s3:max-keys "0x10"`). */
function keyedValues(key: string, values: readonly string[]): string[] {
  return values.map((v) => `${key} ${JSON.stringify(v)}`);
}

const NONE_REFUSED: ReadonlySet<string> = new Set();
const NO_VALUES: string[] = Object.freeze([]) as unknown as string[];

/** What one reading of a clause's values makes of it, before any note is written. */
interface Judgement {
  result: Tri;
  matchedRequestValue?: string;
  matchedPolicyValue?: string;
  /** The first request value no policy value matches (positive sense): what decides ForAllValues false, or ForAnyValue with a negated operator true. */
  unmatchedRequestValue?: string;
  /** A positive clause naming a policy variable the request lacks. */
  unresolvable: boolean;
  /** A value that does not parse (or is `refused`) decides the clause. */
  unreadable: boolean;
  /** Several request values and no set operator: AWS defines no reading. */
  undefinedReading: boolean;
}

/** The clause read with the policy values in `refused` taken as values that do not parse. */
function judge(
  parsed: ParsedOperator & { op: ConditionOperator },
  requestValues: readonly string[],
  resolved: ResolvedValues,
  effect: Effect,
  refused: ReadonlySet<string>,
): Judgement {
  const op = parsed.op;
  let result: Tri;
  let matchedRequestValue: string | undefined;
  let matchedPolicyValue: string | undefined;
  let unmatchedRequestValue: string | undefined;
  // The operator's sense (negated or not) for each request value, and the first positive match for the note.
  // A loop rather than a per-call closure: this runs for every condition clause the evaluator meets.
  const senses: Tri[] = [];
  for (const rv of requestValues) {
    const p = positive(op, rv, resolved, refused);
    if (p.result === "true" && matchedRequestValue === undefined) {
      matchedRequestValue = rv;
      // A glob operator's value keeps `${*}` and `${?}` as placeholders (wildcard.ts): evidence shows the characters.
      matchedPolicyValue = unescapeGlobText(p.policyValue!);
    }
    if (p.result === "false" && unmatchedRequestValue === undefined) unmatchedRequestValue = rv;
    senses.push(op.negated ? triNot(p.result) : p.result);
  }
  if (parsed.set === "all") {
    result = "true";
    for (const t of senses) result = triAnd(result, t);
  } else if (parsed.set === "any" || !op.negated) {
    result = "false";
    for (const t of senses) result = triOr(result, t);
  } else {
    // Negated operator without a set prefix: true when no request value matches any policy value.
    let any: Tri = "false";
    for (const t of senses) any = triOr(any, triNot(t));
    result = triNot(any);
  }
  // A variable with no value is "effectively null. There is no equal or like value" (reference_policies_variables.html,
  // "Policy variables with no value"): operators "like StringEquals or StringLike do not match, and the policy
  // statement does not take effect", not even through another of their values (the condition operators page: StringLike
  // s3:prefix ["home/", "home/${aws:username}/"] with "No aws:username in the request context" is "No match"), so a
  // variable whose presence is unknown leaves such a match unknown. "Inverted condition operators like StringNotEquals
  // or StringNotLike do match against a null value": for them the value is dropped, and the rest compared. Nor does a
  // negated operator hold by differing from a value that does not parse: such a value never lets a request in
  // (operator.ts). Nor does it lift a Deny: where such a value could decide the clause, a Deny's is unknown.
  const unresolvable = !op.negated && resolved.absentVariableKeys.length > 0;
  const couldDecide = op.negated ? result !== "false" : result === "false" && effect === "Deny";
  const unreadable = !unresolvable && couldDecide && (hasInvalid(op, resolved.values, refused) || hasInvalid(op, checkedRequestValues(op, requestValues)));
  if (unresolvable) result = "false";
  else if (unreadable) result = unreadableResult(effect);
  else if (result === "true" && resolved.unknownValues > 0) [result, matchedRequestValue, matchedPolicyValue] = ["unknown", undefined, undefined];
  // "Multivalued context keys require a condition set operator" (reference_policies_condition-single-vs-multi-valued-
  // context-keys.html) and AWS documents no reading of a plain operator over several request values: any value, every
  // value and "never matches" all stay possible, so only a positive comparison no value meets is settled (false).
  const undefinedReading = parsed.set === undefined && requestValues.length > 1 && !(result === "false" && !op.negated);
  if (undefinedReading) [result, matchedRequestValue, matchedPolicyValue] = ["unknown", undefined, undefined];
  return { result, matchedRequestValue, matchedPolicyValue, unmatchedRequestValue, unresolvable, unreadable, undefinedReading };
}

/**
 * Whether a set operator's result rests on a request value that matches no policy value rather than on a match:
 * "ForAllValues … returns true if every context key value in the request matches at least one context key value in
 * the policy", so one value matching none makes it false; a negated operator under ForAnyValue holds on one such value
 * (reference_policies_condition-single-vs-multi-valued-context-keys.html). The note then names that value.
 */
function decidedByUnmatched(parsed: ParsedOperator & { op: ConditionOperator }, result: Tri): boolean {
  return parsed.set === "all" ? !parsed.op.negated && result === "false" : parsed.set === "any" && parsed.op.negated && result === "true";
}

type ClauseOutcome = ClauseEvidence & {
  unknownKeys: string[];
  /** `key "value"` for each value whose reading by AWS is not documented and leaves the clause unknown. */
  undocumentedValues: string[];
};

function evaluatePresent(
  parsed: ParsedOperator & { op: ConditionOperator },
  clause: ConditionClause,
  requestValues: readonly string[],
  context: RequestContext,
  version: string,
  describe: boolean,
  action: string | undefined,
  effect: Effect,
): ClauseOutcome {
  const op = parsed.op;
  const resolved = resolvePolicyValues(op, clause, context, version, action);
  const asWritten = judge(parsed, requestValues, resolved, effect, NONE_REFUSED);
  let judged = asWritten;
  // A policy value in a form AWS does not document ("1e3", "2030-01-01 00:00:00") has two fates: AWS reads it as we
  // do, or refuses it as a value that does not parse. Only what both fates give is sure; where they differ the clause
  // is unknown, in an Allow as in a Deny (an Allow AWS may honour is no sure refusal, a Deny it may apply no sure pass).
  const undocumented = op.undocumented ? resolved.values.filter((v) => op.undocumented!(v) !== undefined) : NO_VALUES;
  let refusedResult: Tri | undefined;
  if (undocumented.length > 0) {
    const refused = judge(parsed, requestValues, resolved, effect, new Set(undocumented));
    if (refused.result !== judged.result) {
      refusedResult = refused.result;
      judged = { ...judged, result: "unknown", matchedRequestValue: undefined, matchedPolicyValue: undefined };
    }
  }
  // A default's `*` or `?` (variables.ts, DefaultReading): read as wildcards too, and unknown where the readings differ.
  let wildcardResult: Tri | undefined;
  if (resolved.wildcardDefaults && judged.result !== "unknown") {
    const other = judge(parsed, requestValues, { ...resolved, values: resolved.wildcardDefaults.values }, effect, NONE_REFUSED);
    if (other.result !== judged.result) {
      wildcardResult = other.result;
      judged = { ...judged, result: "unknown", matchedRequestValue: undefined, matchedPolicyValue: undefined };
    }
  }
  const { result, matchedRequestValue, matchedPolicyValue, unmatchedRequestValue, unresolvable, unreadable, undefinedReading } = judged;
  // Under an undefined reading a variable not known still decides: resolved to a value no request value meets, the
  // clause is false whatever AWS makes of the several values.
  const unknownKeys = undefinedReading ? [clause.key, ...resolved.unknownVariableKeys] : result === "unknown" ? resolved.unknownVariableKeys : [];
  // The values the explanation must name for a clause left unknown by how AWS reads them: the undocumented forms both
  // fates disagree on, the values that do not parse where one decides a Deny, or those with two documented readings (a
  // bare year): an answer left unknown by one alone would otherwise name nothing it turns on.
  const unsure =
    wildcardResult !== undefined
      ? resolved.wildcardDefaults!.written
      : refusedResult !== undefined
        ? undocumented
        : unreadable && result === "unknown"
          ? [...checkedRequestValues(op, requestValues), ...resolved.values].filter((v) => op.invalid?.(v) !== undefined)
          : result === "unknown" && (resolved.multivalued || resolved.malformed)
            ? [...(resolved.multivalued?.written ?? NO_VALUES), ...(resolved.malformed?.written ?? NO_VALUES)]
            : result === "unknown" && !undefinedReading
              ? ambiguousValues(op, resolved.values, requestValues)
              : NO_VALUES;
  // Most clauses name none: no array is made for them (this runs for every clause the evaluator meets).
  const undocumentedValues = unsure.length === 0 ? NO_VALUES : keyedValues(clause.key, [...new Set(unsure)]);
  if (!describe) return { operator: clause.operator, key: clause.key, result, note: "", unknownKeys, undocumentedValues };
  const shownRequest = quote(requestValues);
  let note: string;
  if (undefinedReading) {
    note = `${label(clause)}: request carries ${requestValues.length} values ${shownRequest}; without ForAnyValue:/ForAllValues: AWS does not define how ${clause.operator} compares several values`;
  } else if (wildcardResult !== undefined) {
    note = `${label(clause)}: ${quote(resolved.wildcardDefaults!.written)}: ${DEFAULT_WILDCARD_NOTE}; read as the characters the clause is ${asWritten.result}, as wildcards ${wildcardResult}`;
  } else if (refusedResult !== undefined) {
    // Read as written, a value may itself have two readings (a leading zero as octal): named too, as what left it unknown.
    const readings = asWritten.result === "unknown" ? valueNotes(op.ambiguous, ambiguousValues(op, resolved.values, requestValues)) : NO_VALUES;
    note = `${label(clause)}: ${[...valueNotes(op.undocumented, undocumented), ...readings].join("; ")}; read as written the clause is ${asWritten.result}, refused it is ${refusedResult}`;
  } else if (unreadable) {
    note = `${label(clause)}: request value ${shownRequest} cannot be compared with ${quote(clause.values)}${invalidNotes(op, [...checkedRequestValues(op, requestValues), ...resolved.values])}${effect === "Deny" ? UNREAD_IN_DENY : ""}`;
  } else if (result === "unknown") {
    const why = [
      resolved.unknownVariableKeys.length > 0 ? `depends on unknown policy variable(s) ${resolved.unknownVariableKeys.join(", ")}` : "",
      resolved.multivalued ? `${quote(resolved.multivalued.written)}: ${multivaluedVariableNote(resolved.multivalued.keys)}` : "",
      resolved.malformed ? malformedVariableNote(resolved.malformed.forms) : "",
      ...valueNotes(op.ambiguous, ambiguousValues(op, resolved.values, requestValues)),
    ].filter(Boolean);
    note = `${label(clause)}: ${why.join("; ")}`;
  } else if (unresolvable) {
    note = `${label(clause)}: policy variable(s) ${resolved.absentVariableKeys.join(", ")} absent, so AWS cannot resolve ${quote(clause.values)}${parsed.ifExists ? IF_EXISTS_KEY_PRESENT : ""}`;
  } else if (unmatchedRequestValue !== undefined && decidedByUnmatched(parsed, result)) {
    note = `${label(clause)}: request value ${JSON.stringify(unmatchedRequestValue)} matches none of ${quote(clause.values)}${invalidNotes(op, clause.values)}`;
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
    undocumentedValues,
  };
}

const UNREAD_IN_DENY = "; AWS documents no reading of it, so the Deny may apply";

/**
 * Why …IfExists does not spare a clause whose key the request carries when a policy variable in its values has none:
 * IfExists asks only whether the key is present ("If the condition key is present in the context of the request,
 * process the key as specified in the policy", reference_policies_elements_condition_operators.html#Conditions_IfExists),
 * and so processed a variable with no value matches nothing ("When you use a variable with no value in the condition
 * element of an IAM policy, … condition operators like StringEquals or StringLike do not match",
 * reference_policies_variables.html#policy-vars-no-value). The variables page's advice to use …IfExists "to prevent
 * variables from causing invalid statements" then holds only where the variable's key is the clause's own.
 */
const IF_EXISTS_KEY_PRESENT =
  '; IfExists spares only an absent key, and the request carries this one ("If the condition key is present in the context of the request, process the key as specified in the policy")';

/**
 * What a clause is when the request lacks its key (or holds only a null dataset for a set operator), and why.
 * ForAnyValue is false even under IfExists. AWS's pages differ here: the operators page says of IfExists "If the key is
 * not present, evaluate the condition element as true", the multivalued-keys page that ForAnyValue "returns false if
 * there are no context keys in the request". AWS behaves as the second: it denies sqs:ListQueues (no aws:TagKeys) to a
 * role allowed only under ForAnyValue:StringEqualsIfExists on aws:TagKeys (repost.aws QU9HFmDzP0QGuU-fd7rS6B7w), and IAM
 * simulators tested against AWS find the same (iam.cloudcopilot.io, "Any operator starting with ForAnyValue will ignore
 * IfExists"). ForAllValues is true either way. The shortcuts for a key the snapshot does not know (meetsNoValue,
 * outsideEveryRequest) ask this too, so that IfExists under ForAnyValue is ignored there as here.
 */
function absentKeyResult(parsed: ParsedOperator): [Tri, string] {
  if (parsed.set === "any") return ["false", "ForAnyValue with an absent or empty key (even with IfExists)"];
  if (parsed.ifExists) return ["true", "IfExists and key absent"];
  if (parsed.set === "all") return ["true", "ForAllValues with an absent or empty key"];
  if (parsed.op !== "Null" && parsed.op.negated) return ["true", "negated operator with an absent key"];
  return ["false", "key absent from the request"];
}

/** A clause a value that does not parse decides: it never lets a request in (Allow) nor lifts a Deny. */
function unreadableResult(effect: Effect): Tri {
  return effect === "Deny" ? "unknown" : "false";
}

/**
 * A key whose value "resolves to a null dataset, such as an empty string": ForAllValues is true and ForAnyValue false
 * for it, as for an absent key (reference_policies_condition-single-vs-multi-valued-context-keys.html).
 */
function isNullDataSet(values: readonly string[]): boolean {
  return values.length === 1 && values[0] === "";
}

/**
 * A clause that is false whatever the request holds for its key: a positive comparison matches no request value when
 * every policy value fails to parse (operator.ts) or any names a variable the request does not have ("any attempt to
 * match it fails and causes the statement to be invalid", reference_policies_variables.html), and with the key absent
 * it is false too, unless IfExists (outside ForAnyValue) or ForAllValues make absence true (absentKeyResult). So an
 * unknown key leaves nothing to depend on. A variable whose value is itself unknown may yet resolve to a value that
 * matches.
 */
function meetsNoValue(parsed: ParsedOperator & { op: ConditionOperator }, clause: ConditionClause, context: RequestContext, version: string, action: string | undefined, effect: Effect): ResolvedValues | undefined {
  const op = parsed.op;
  if (op.negated || absentKeyResult(parsed)[0] === "true") return undefined;
  const resolved = resolvePolicyValues(op, clause, context, version, action);
  if (resolved.unknownValues > 0) return undefined;
  const none = resolved.absentVariableKeys.length > 0 || (unreadableResult(effect) === "false" && resolved.values.every((v) => op.invalid?.(v) !== undefined));
  return none ? resolved : undefined;
}

/**
 * A String or ARN clause whose every policy value no request carries in its key (principal-arn-values.ts): a positive
 * comparison then matches no request value and a negated one differs from each, so an unknown key decides nothing —
 * except where absence alone decides otherwise (absentKeyResult: IfExists outside ForAnyValue or ForAllValues on a
 * positive operator, ForAnyValue on a negated one). The clause's result then, or undefined.
 */
function outsideEveryRequest(parsed: ParsedOperator & { op: ConditionOperator }, clause: ConditionClause, context: RequestContext, version: string, action: string | undefined): Tri | undefined {
  const op = parsed.op;
  if (!/^(string|arn)/i.test(op.name)) return undefined;
  const decided: Tri = op.negated ? "true" : "false";
  if (absentKeyResult(parsed)[0] !== decided) return undefined;
  const key = lowerKey(clause.key);
  const resolved = resolvePolicyValues(op, clause, context, version, action);
  if (resolved.unknownValues > 0 || resolved.values.length === 0 || !resolved.values.every((v) => noRequestCarries(key, v))) return undefined;
  return decided;
}

/**
 * Evaluates one clause; with `describe` false its note is left empty (decision-only callers never show it).
 * `action`: the request's action, so keys its requests never carry are absent rather than unknown. `effect`: the
 * statement's, which decides what a value that does not parse makes of the clause (unreadableResult).
 */
export function evaluateClause(
  clause: ConditionClause,
  context: RequestContext,
  policyVersion: string,
  describe = true,
  action?: string,
  effect: Effect = "Allow",
): ClauseOutcome {
  if (hasVariables(clause.key, policyVersion)) return underBothKeyReadings(clause, context, policyVersion, describe, action, effect);
  return evaluateKeyAsWritten(clause, context, policyVersion, describe, action, effect);
}

const KEY_VARIABLE_NOTE =
  'its key holds a policy variable, which AWS documents "in the Resource element and in string comparisons in the Condition element" only, not in a key';

/**
 * A clause whose key holds a policy variable (`aws:ResourceTag/${aws:PrincipalTag/team}`), read with the key as written
 * and with the variable substituted: what both give stands; where they differ, or the variable has no one value, it is
 * unknown, the clause named. AWS says nothing of what it makes of such a key.
 */
function underBothKeyReadings(
  clause: ConditionClause,
  context: RequestContext,
  policyVersion: string,
  describe: boolean,
  action: string | undefined,
  effect: Effect,
): ClauseOutcome {
  const asWritten = evaluateKeyAsWritten(clause, context, policyVersion, describe, action, effect);
  const sub = substituteVariables(clause.key, context, policyVersion, action);
  const substituted = sub.state === "value" ? evaluateKeyAsWritten({ ...clause, key: unescapeGlobText(sub.text) }, context, policyVersion, describe, action, effect) : undefined;
  if (substituted !== undefined && substituted.result === asWritten.result) return asWritten;
  const other = substituted ? `substituted (${substituted.key}) ${substituted.result}` : `its variable has no one value (${sub.state})`;
  return {
    operator: clause.operator,
    key: clause.key,
    result: "unknown",
    note: describe ? `${label(clause)}: ${KEY_VARIABLE_NOTE}; as written the clause is ${asWritten.result}, ${other} → unknown` : "",
    unknownKeys: [...new Set([...asWritten.unknownKeys, ...(substituted?.unknownKeys ?? []), ...(sub.state === "unknown" ? sub.keys : [])])],
    undocumentedValues: keyedValues(clause.key, clause.values),
  };
}

/** evaluateClause for a key read as written. */
function evaluateKeyAsWritten(
  clause: ConditionClause,
  context: RequestContext,
  policyVersion: string,
  describe: boolean,
  action: string | undefined,
  effect: Effect,
): ClauseOutcome {
  const op = lookupOperator(clause.operator)?.op;
  if (op !== undefined && op !== "Null" && op.variablesDisputed !== undefined && clause.values.some((v) => hasVariables(v, policyVersion))) {
    return underBothVariableReadings(clause, context, policyVersion, describe, action, effect, op.variablesDisputed);
  }
  return evaluateOneReading(clause, context, policyVersion, describe, action, effect);
}

/** A policy version in which AWS reads `${…}` as the text written (variables.ts). */
const VARIABLES_AS_WRITTEN = "2008-10-17";

/**
 * A clause whose operator AWS's pages disagree on substituting variables for (ConditionOperator.variablesDisputed),
 * read with its variables substituted and as written: what both give stands; where they differ it is unknown, its
 * values holding variables named.
 */
function underBothVariableReadings(
  clause: ConditionClause,
  context: RequestContext,
  policyVersion: string,
  describe: boolean,
  action: string | undefined,
  effect: Effect,
  why: string,
): ClauseOutcome {
  const substituted = evaluateOneReading(clause, context, policyVersion, describe, action, effect);
  const asWritten = evaluateOneReading(clause, context, VARIABLES_AS_WRITTEN, describe, action, effect);
  if (substituted.result === asWritten.result) return substituted;
  const written = clause.values.filter((v) => hasVariables(v, policyVersion));
  return {
    operator: clause.operator,
    key: clause.key,
    result: "unknown",
    note: describe ? `${label(clause)}: ${quote(written)}: ${why}; substituted the clause is ${substituted.result}, as written ${asWritten.result} → unknown` : "",
    unknownKeys: [...new Set([...substituted.unknownKeys, ...asWritten.unknownKeys])],
    undocumentedValues: [...new Set([...keyedValues(clause.key, written), ...substituted.undocumentedValues, ...asWritten.undocumentedValues])],
  };
}

function evaluateOneReading(
  clause: ConditionClause,
  context: RequestContext,
  policyVersion: string,
  describe: boolean,
  action: string | undefined,
  effect: Effect,
): ClauseOutcome {
  const base = { operator: clause.operator, key: clause.key, undocumentedValues: NO_VALUES };
  const parsed = lookupOperator(clause.operator);
  if (parsed === undefined) {
    return { ...base, result: "unknown", note: `unknown condition operator ${clause.operator}`, unknownKeys: [] };
  }
  const doubt = context.undocumented?.[lowerKey(clause.key)];
  if (doubt !== undefined && doubt.values.length > 0) return underEachValue(clause, context, doubt, policyVersion, describe, action, effect);
  const found = lookupContext(context, clause.key, action);
  // Settled by the snapshot's capture time (request-time.ts) unless the question gives the request's time.
  if (clause.settled !== undefined && found.state !== "present") {
    return { ...base, result: clause.settled.result, note: describe ? clause.settled.note : "", unknownKeys: [] };
  }
  if (parsed.op === "Null") {
    const r = evaluateNull(found, clause.values);
    // A value neither true nor false (a policy variable among them, which AWS says Null does not take) could decide a
    // Deny: unknown there, as a value that does not parse in any other operator (unreadableResult).
    const unread = r.result === "false" && effect === "Deny" ? clause.values.filter((v) => invalidNullValue(v) !== undefined) : NO_VALUES;
    if (unread.length > 0) {
      const bad = valueNotes(invalidNullValue, unread).join("; ");
      return { ...base, result: "unknown", note: describe ? `${label(clause)}: ${r.note} (${bad})${UNREAD_IN_DENY} → unknown` : "", unknownKeys: [], undocumentedValues: keyedValues(clause.key, unread) };
    }
    return {
      ...base,
      result: r.result,
      note: describe ? `${label(clause)}: ${r.note} → ${r.result}` : "",
      unknownKeys: r.result === "unknown" ? [clause.key] : [],
    };
  }
  if (found.state === "unknown") {
    const none = meetsNoValue(parsed as ParsedOperator & { op: ConditionOperator }, clause, context, policyVersion, action, effect);
    if (none !== undefined) {
      const absent = none.absentVariableKeys.length > 0 ? ` (policy variable(s) ${none.absentVariableKeys.join(", ")} absent)` : "";
      const note = `${label(clause)}: no request value can meet ${quote(clause.values)}${absent}${invalidNotes(parsed.op, none.values)}`;
      return { ...base, result: "false", note: describe ? `${note} → false` : "", unknownKeys: [] };
    }
    const outside = outsideEveryRequest(parsed as ParsedOperator & { op: ConditionOperator }, clause, context, policyVersion, action);
    if (outside !== undefined) {
      const note = `${label(clause)}: no request carries ${quote(clause.values)} in ${clause.key} (a role session's is its role's ARN, not the session's)`;
      return { ...base, result: outside, note: describe ? `${note} → ${outside}` : "", unknownKeys: [] };
    }
    // A policy value with two readings (a bare year) is named too: it is why the capture left a time window open.
    const readings = describe ? valueNotes((parsed.op as ConditionOperator).ambiguous, clause.values) : [];
    const op = parsed.op as ConditionOperator;
    // Values AWS may read otherwise still decide the clause once the key is known: named, so the explanation says so.
    const unsure = clause.values.filter((v) => op.undocumented?.(v) !== undefined || op.ambiguous?.(v) !== undefined || (effect === "Deny" && op.invalid?.(v) !== undefined));
    const forms = describe ? valueNotes(op.undocumented, clause.values) : [];
    const note = [`value of ${clause.key} is unknown${describe ? invalidNotes(parsed.op, clause.values) : ""}`, ...readings, ...forms].join("; ");
    return { ...base, result: "unknown", note: describe ? `${label(clause)}: ${note}` : "", unknownKeys: [clause.key], undocumentedValues: keyedValues(clause.key, unsure) };
  }
  const values = found.state === "present" ? found.value : undefined;
  const requestValues = values === undefined ? [] : typeof values === "string" ? [values] : values;
  if (requestValues.length === 0 || (parsed.set !== undefined && isNullDataSet(requestValues))) {
    const [result, reason] = absentKeyResult(parsed);
    let why = reason;
    if (found.state === "absent" && found.notOfAction) why += ` (${action} requests never carry ${clause.key})`;
    return { ...base, result, note: describe ? `${label(clause)}: ${why} → ${result}` : "", unknownKeys: [] };
  }
  return evaluatePresent(parsed as ParsedOperator & { op: ConditionOperator }, clause, requestValues, context, policyVersion, describe, action, effect);
}

/**
 * A clause on a key whose value AWS does not document (RequestContext.undocumented), judged with each value the
 * request may carry: what they all give stands; where they differ the clause is unknown, its key named as one whose
 * value is not known and the note saying why.
 */
function underEachValue(
  clause: ConditionClause,
  context: RequestContext,
  doubt: UndocumentedValue,
  policyVersion: string,
  describe: boolean,
  action: string | undefined,
  effect: Effect,
): ClauseOutcome {
  const key = lowerKey(clause.key);
  const known = { complete: context.complete, knownAbsent: context.knownAbsent };
  const outcomes = doubt.values.map((v) => evaluateClause(clause, { ...known, values: { ...context.values, [key]: v } }, policyVersion, describe, action, effect));
  const first = outcomes[0] as ClauseOutcome;
  if (outcomes.every((o) => o.result === first.result)) {
    return describe && outcomes.length > 1 ? { ...first, note: `${first.note} (alike with each value AWS may send: ${quote(doubt.values)})` } : first;
  }
  const each = outcomes.map((o, i) => `with ${JSON.stringify(doubt.values[i])} it is ${o.result}`).join(", ");
  return {
    operator: clause.operator,
    key: clause.key,
    result: "unknown",
    note: describe ? `${label(clause)}: ${doubt.why}; ${each} → unknown` : "",
    unknownKeys: [clause.key],
    undocumentedValues: NO_VALUES,
  };
}

/** Operators for which a value free of wildcards and variables matches only a request value equal to it. */
const EQUALITY_OPERATORS = new Set(["stringequals", "stringlike", "arnequals", "arnlike"]);
const NOT_LITERAL = /[*?$\uE000\uE001]/;

/**
 * The values of a clause that is true only when a request value equals one of them: a plain (not negated, no
 * IfExists, no set prefix) string or ARN comparison with literal values. When the request carries the key with none
 * of them, the clause, and so the whole Condition block, is false. Undefined for any other clause.
 */
export function literalEqualityValues(clause: ConditionClause): readonly string[] | undefined {
  if (!EQUALITY_OPERATORS.has(clause.operator.trim().toLowerCase())) return undefined;
  if (clause.values.length === 0 || clause.values.some((v) => NOT_LITERAL.test(v))) return undefined;
  // A value that does not parse (an ARN operator's `bucket`) leaves a Deny unknown, not false, whatever the request holds.
  const op = lookupOperator(clause.operator)?.op;
  if (op !== undefined && op !== "Null" && hasInvalid(op, clause.values)) return undefined;
  // Nor is a value AWS may read otherwise a literal (`ARN:aws:…`, which AWS may read as `arn:aws:…`, conditions/arn.ts):
  // it may match a request value other than itself, and the clause is then unknown, not false.
  if (op !== undefined && op !== "Null" && clause.values.some((v) => op.ambiguous?.(v) !== undefined || op.undocumented?.(v) !== undefined)) return undefined;
  return clause.values;
}

/** The Condition block's truth alone, as `evaluateConditions(…).result` gives it, without writing any evidence. */
export function conditionsTri(clauses: readonly ConditionClause[], context: RequestContext, policyVersion: string, action?: string, effect: Effect = "Allow"): Tri {
  let result: Tri = "true";
  for (const clause of clauses) {
    result = triAnd(result, evaluateClause(clause, context, policyVersion, false, action, effect).result);
    if (result === "false") return result;
  }
  return result;
}

export function evaluateConditions(clauses: ConditionClause[], context: RequestContext, policyVersion: string, action?: string, effect: Effect = "Allow"): ConditionsResult {
  if (clauses.length === 0) return NO_CONDITIONS;
  let result: Tri = "true";
  const unknownKeys: string[] = [];
  const undocumentedValues: string[] = [];
  const notes: string[] = [];
  const evidence: ClauseEvidence[] = [];
  for (const clause of clauses) {
    const e = evaluateClause(clause, context, policyVersion, true, action, effect);
    result = triAnd(result, e.result);
    evidence.push({ operator: e.operator, key: e.key, result: e.result, matchedRequestValue: e.matchedRequestValue, matchedPolicyValue: e.matchedPolicyValue, note: e.note });
    if (e.result !== "true") notes.push(e.note);
    for (const k of e.unknownKeys) if (!unknownKeys.includes(k)) unknownKeys.push(k);
    if (e.result === "unknown") for (const v of e.undocumentedValues) if (!undocumentedValues.includes(v)) undocumentedValues.push(v);
  }
  const unknown = result === "unknown";
  return { result, unknownKeys: unknown ? unknownKeys : [], undocumentedValues: unknown ? undocumentedValues : [], notes, evidence };
}
