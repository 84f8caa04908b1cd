/**
 * The Null operator (reference_policies_elements_condition_operators.html#Conditions_Null): `"true"` means
 * the key must be absent, `"false"` that it must be present. An empty multi-valued key counts as absent.
 */
import type { Tri } from "../types";
import type { ContextLookup } from "../context";

export function evaluateNull(found: ContextLookup, policyValues: string[]): { result: Tri; note: string } {
  if (found.state === "unknown") return { result: "unknown", note: "value unknown, so presence unknown" };
  const present = found.state === "present" && !(Array.isArray(found.value) && found.value.length === 0);
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
