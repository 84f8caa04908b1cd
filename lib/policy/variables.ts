/**
 * Policy variables (reference_policies_variables.html): `${aws:username}`, `${aws:PrincipalTag/team}`, …,
 * the literals `${*}`, `${?}`, `${$}`, and defaults `${aws:username, 'nobody'}`. Only documents with
 * Version 2012-10-17 expand them; in older versions the text is literal.
 *
 * Substituted text keeps the policy's own `*` / `?` as wildcards, while substituted values and the
 * `${*}` / `${?}` literals become the LITERAL_* placeholders of wildcard.ts, so they only match themselves.
 */
import type { RequestContext } from "./types";
import { lookupContext } from "./context";
import { LITERAL_QMARK, LITERAL_STAR } from "./wildcard";

export const VARIABLES_VERSION = "2012-10-17";

export type Substitution =
  | { state: "value"; text: string }
  /** Some variable's key is not in the context and the context is not complete. */
  | { state: "unknown"; keys: string[] }
  /** Some variable's key is absent (context complete) and it has no default: the value matches nothing. */
  | { state: "absent"; keys: string[] };

const VARIABLE = /\$\{\s*([^}',]*?)\s*(?:,\s*'([^']*)'\s*)?\}/g;

export function hasVariables(text: string, policyVersion: string): boolean {
  return policyVersion === VARIABLES_VERSION && text.includes("${");
}

function asLiteral(value: string): string {
  return value.replaceAll("*", LITERAL_STAR).replaceAll("?", LITERAL_QMARK);
}

export function substituteVariables(text: string, context: RequestContext, policyVersion: string): Substitution {
  if (!hasVariables(text, policyVersion)) return { state: "value", text };
  const unknown: string[] = [];
  const absent: string[] = [];
  const out = text.replace(VARIABLE, (whole: string, key: string, fallback: string | undefined) => {
    if (key === "*") return LITERAL_STAR;
    if (key === "?") return LITERAL_QMARK;
    if (key === "$") return "$";
    if (key === "") return whole;
    const found = lookupContext(context, key);
    if (found.state === "present") {
      const v = found.value;
      if (typeof v === "string") return asLiteral(v);
      // A multi-valued key cannot stand in for one value: treat as not available.
      if (v.length === 1 && v[0] !== undefined) return asLiteral(v[0]);
      if (fallback !== undefined) return asLiteral(fallback);
      absent.push(key);
      return whole;
    }
    if (found.state === "unknown") {
      unknown.push(key);
      return whole;
    }
    if (fallback !== undefined) return asLiteral(fallback);
    absent.push(key);
    return whole;
  });
  if (absent.length > 0) return { state: "absent", keys: absent };
  if (unknown.length > 0) return { state: "unknown", keys: unknown };
  return { state: "value", text: out };
}
