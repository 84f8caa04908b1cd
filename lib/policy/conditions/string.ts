/** String condition operators (reference_policies_elements_condition_operators.html#Conditions_String). */
import { globMatches } from "../wildcard";
import { defineOperators } from "./operator";

const equals = (r: string, p: string) => r === p;
const equalsIgnoreCase = (r: string, p: string) => r.length === p.length && r.toLowerCase() === p.toLowerCase();

export const stringOperators = [
  ...defineOperators(
    { variables: true, glob: false },
    {
      StringEquals: { test: equals },
      StringNotEquals: { negated: true, test: equals },
      StringEqualsIgnoreCase: { test: equalsIgnoreCase },
      StringNotEqualsIgnoreCase: { negated: true, test: equalsIgnoreCase },
    },
  ),
  ...defineOperators(
    { variables: true, glob: true },
    {
      StringLike: { test: (r, p) => globMatches(p, r) },
      StringNotLike: { negated: true, test: (r, p) => globMatches(p, r) },
    },
  ),
];
