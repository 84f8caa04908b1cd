/**
 * The Null operator (reference_policies_elements_condition_operators.html#Conditions_Null): `"true"` means
 * the key must be absent, `"false"` that it must be present and "its value is not null". A key whose value is empty (no
 * values, or only the empty string) counts as absent: AWS adds `Null: false` to "prevent missing context keys or context
 * keys with empty values from evaluating to true" (reference_policies_condition_examples-multi-valued-context-keys.html).
 */
import type { Tri } from "../types";
import type { ContextLookup } from "../context";

function isEmptyValue(value: string | string[]): boolean {
  if (typeof value === "string") return value === "";
  return value.length === 0 || (value.length === 1 && value[0] === "");
}

/** Why a Null value is neither true nor false (AWS documents no other, nor a policy variable in one), or undefined. */
export function invalidNullValue(v: string): string | undefined {
  const t = v.trim().toLowerCase();
  return t === "true" || t === "false" ? undefined : `"${v}" is not true or false`;
}

export function evaluateNull(found: ContextLookup, policyValues: string[]): { result: Tri; note: string } {
  if (found.state === "unknown") return { result: "unknown", note: "value unknown, so presence unknown" };
  const present = found.state === "present" && !isEmptyValue(found.value);
  for (const v of policyValues) {
    const t = v.trim().toLowerCase();
    if ((t === "true" && !present) || (t === "false" && present)) {
      return { result: "true", note: present ? "key is present" : "key is absent" };
    }
  }
  return {
    result: "false",
    note: `key is ${present ? "present" : "absent"}, expected ${policyValues.map((v) => JSON.stringify(v)).join(" or ")}`,
  };
}
