/**
 * Bool condition operator (reference_policies_elements_condition_operators.html#Conditions_Boolean). Its policy
 * variables are substituted, as that page says ("Policy variables – Supported"), and read as written too, as the
 * variables page says ("You can't use a policy variable with other operators, such as Numeric, Date, Boolean, …").
 */
import { defineOperators } from "./operator";

function normalise(s: string): "true" | "false" | undefined {
  const t = s.trim().toLowerCase();
  return t === "true" || t === "false" ? t : undefined;
}

export const boolOperators = defineOperators(
  {
    variables: true,
    variablesDisputed: "AWS's condition operators page says Bool supports policy variables, its policy variables page that Boolean operators do not",
    glob: false,
    invalid: (v) => (normalise(v) === undefined ? `"${v}" is not true or false` : undefined) },
  {
    Bool: {
      test: (r, p) => {
        const a = normalise(r);
        return a !== undefined && a === normalise(p);
      },
    },
  },
);
