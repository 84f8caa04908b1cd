/** Bool condition operator (reference_policies_elements_condition_operators.html#Conditions_Boolean). */
import { defineOperators } from "./operator";

function normalise(s: string): "true" | "false" | undefined {
  const t = s.trim().toLowerCase();
  return t === "true" || t === "false" ? t : undefined;
}

export const boolOperators = defineOperators(
  { variables: true, glob: false, invalid: (v) => (normalise(v) === undefined ? `"${v}" is not true or false` : undefined) },
  {
    Bool: {
      test: (r, p) => {
        const a = normalise(r);
        return a !== undefined && a === normalise(p);
      },
    },
  },
);
