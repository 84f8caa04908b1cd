/** BinaryEquals (reference_policies_elements_condition_operators.html#Conditions_BinaryEquals): base64 values. */
import { defineOperators } from "./operator";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The decoded bytes as a binary string, or undefined when `s` is not base64. */
export function decodeBase64(s: string): string | undefined {
  const t = s.replace(/\s+/g, "");
  if (!BASE64.test(t) || t.length % 4 === 1) return undefined;
  try {
    return atob(t);
  } catch {
    return undefined;
  }
}

export const binaryOperators = defineOperators(
  { variables: false, glob: false, invalid: (v) => (decodeBase64(v) === undefined ? `"${v}" is not base64` : undefined) },
  {
    BinaryEquals: {
      test: (r, p) => {
        const a = decodeBase64(r);
        return a !== undefined && a === decodeBase64(p);
      },
    },
  },
);
