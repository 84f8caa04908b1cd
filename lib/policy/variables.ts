/**
 * Policy variables (reference_policies_variables.html): `${aws:username}`, `${aws:PrincipalTag/team}`, …,
 * the literals `${*}`, `${?}`, `${$}`, and defaults `${aws:username, 'nobody'}`. Only documents with
 * Version 2012-10-17 expand them; in older versions the text is literal.
 *
 * Substituted text keeps the policy's own `*` / `?` as wildcards, while substituted values and the
 * `${*}` / `${?}` literals become the LITERAL_* placeholders of wildcard.ts, so they only match themselves. So do a
 * default's, though AWS does not say which a default's are: the evaluator asks the other reading too (DefaultReading).
 */
import { isMultivaluedGlobalKey } from "@/lib/catalog/condition-key-types";
import { isMultivaluedServiceKey } from "@/lib/catalog/actions";
import type { RequestContext } from "./types";
import { lookupContext } from "./context";
import { LITERAL_QMARK, LITERAL_STAR } from "./wildcard";

export const VARIABLES_VERSION = "2012-10-17";

export type Substitution =
  /**
   * `wildcardDefault`: a default holding `*` or `?` was used. AWS does not document whether such a default stays
   * literal, as a request's value does, or matches as a wildcard, as the policy's own text does; the evaluator reads
   * it both ways where the answer could differ (DefaultReading).
   */
  | { state: "value"; text: string; wildcardDefault?: true }
  /** Some variable's key is not in the context and the context is not complete. */
  | { state: "unknown"; keys: string[] }
  /** Some variable's key is absent (context complete) and it has no default: the value matches nothing. */
  | { state: "absent"; keys: string[] }
  /**
   * Some variable names a multivalued key (multivaluedVariableNote): one AWS lists as multivalued, or one the request
   * carries as a list. What AWS makes of the value is not documented, default or not, whatever the request holds.
   */
  | { state: "multivalued"; keys: string[] }
  /** Some `${…}` is not written as AWS documents a variable (malformedVariableNote): `forms` as written. */
  | { state: "malformed"; forms: string[] };

/**
 * A variable (key, then an optional default in single quotes), or any other closed `${…}` (its key left undefined): a
 * default unquoted or in double quotes, a quote left open, a space in the key (`${ aws:username }`: "you cannot include
 * a space in the variable name", access-analyzer-reference-policy-checks.html, "Unsupported space in variable"; a space
 * in or before the default is allowed). AWS documents only `${key}` and `${key, 'default'}` and says nothing of what it
 * makes of the others.
 */
const VARIABLE = /\$\{([^}',\s]*)(?:,\s*'([^']*)'\s*)?\}|\$\{[^}]*\}/g;

export function hasVariables(text: string, policyVersion: string): boolean {
  return policyVersion === VARIABLES_VERSION && text.includes("${");
}

/**
 * Whether a Resource entry holds a variable before the ARN's fifth colon, where AWS says none can be ("You can't use
 * a variable to replace parts of the ARN before the fifth colon, such as the service or account",
 * reference_policies_variables.html) and does not say what it makes of one. A variable's own name may hold colons, but
 * only ones after its `${`, so counting every colon still finds any `${` that stands before the fifth real one.
 */
export function hasVariableBeforeResourcePart(pattern: string, policyVersion: string): boolean {
  if (!hasVariables(pattern, policyVersion)) return false;
  let colon = -1;
  for (let i = 0; i < 5; i++) {
    colon = pattern.indexOf(":", colon + 1);
    if (colon < 0) return true;
  }
  return pattern.lastIndexOf("${", colon) >= 0;
}

function asLiteral(value: string): string {
  if (!value.includes("*") && !value.includes("?")) return value;
  return value.replaceAll("*", LITERAL_STAR).replaceAll("?", LITERAL_QMARK);
}

type Part = string | { key: string; fallback?: string } | { malformed: string };

const templateCache = new Map<string, Part[]>();

/** The text split into literal parts and variable references, parsed once per distinct text. */
function template(text: string): Part[] {
  let parts = templateCache.get(text);
  if (parts !== undefined) return parts;
  if (templateCache.size > 20_000) templateCache.clear();
  parts = [];
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    const key = m[1];
    if (key === undefined) parts.push({ malformed: m[0] });
    else if (key === "*") parts.push(LITERAL_STAR);
    else if (key === "?") parts.push(LITERAL_QMARK);
    else if (key === "$") parts.push("$");
    else if (key === "") parts.push(m[0]);
    else parts.push(m[2] === undefined ? { key } : { key, fallback: m[2] });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  templateCache.set(text, parts);
  return parts;
}

/** Why an answer a variable naming a multivalued key decides is conditional: said alike for a Resource entry and a condition value. */
export function multivaluedVariableNote(keys: readonly string[]): string {
  return `policy variable(s) ${keys.join(", ")} name a multivalued key, which AWS says cannot be a variable ("You can't use a multivalued condition key as a variable") without saying what it makes of one`;
}

/** Why an answer a `${…}` not written as a variable decides is conditional: said alike for a Resource entry and a condition value. */
export function malformedVariableNote(forms: readonly string[]): string {
  return `${forms.map((f) => JSON.stringify(f)).join(", ")} is not written as AWS documents a policy variable (\${key} or \${key, 'default'}, the default in single quotes), and AWS does not say whether it reads it as text, as the variable or as one that fails`;
}

/** Why an answer a wildcard default decides is conditional: said alike for a Resource entry and a condition value. */
export const DEFAULT_WILDCARD_NOTE = "a policy variable's default holds * or ?, which AWS does not document as the characters themselves or as wildcards";

/** How a default's `*` and `?` are read: as the characters themselves (the reading used), or as wildcards. */
export type DefaultReading = "literal" | "wildcard";

/**
 * `action`: the request's action, when known, so a variable naming a key its requests never carry is absent (matches
 * nothing) rather than unknown, as that key is in a condition (context.ts).
 */
export function substituteVariables(text: string, context: RequestContext, policyVersion: string, action?: string, defaults: DefaultReading = "literal"): Substitution {
  if (!hasVariables(text, policyVersion)) return { state: "value", text };
  let unknown: string[] | undefined;
  let absent: string[] | undefined;
  let multivalued: string[] | undefined;
  let malformed: string[] | undefined;
  let wildcardDefault = false;
  let out = "";
  for (const part of template(text)) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    if ("malformed" in part) {
      (malformed ??= []).push(part.malformed);
      continue;
    }
    // A key AWS lists as multivalued (a global ArrayOfString key, or a service key the Service Authorization Reference
    // types ArrayOf…) is no variable whether the request holds one value, several, none or is not known: "You can't use
    // a multivalued condition key as a variable" (reference_policies_variables.html).
    if (isMultivaluedGlobalKey(part.key) || isMultivaluedServiceKey(part.key)) {
      (multivalued ??= []).push(part.key);
      continue;
    }
    const found = lookupContext(context, part.key, action);
    if (found.state === "present") {
      const v = found.value;
      if (typeof v === "string") {
        out += asLiteral(v);
        continue;
      }
      // A multivalued key (a list, even of one value) "can't" be a variable (reference_policies_variables.html), and
      // AWS does not say whether it then reads as absent, as its default, or as one of its values.
      (multivalued ??= []).push(part.key);
      continue;
    } else if (found.state === "unknown") {
      (unknown ??= []).push(part.key);
      continue;
    }
    if (part.fallback === undefined) (absent ??= []).push(part.key);
    else if (defaults === "wildcard" || part.fallback === asLiteral(part.fallback)) out += part.fallback;
    else {
      out += asLiteral(part.fallback);
      wildcardDefault = true;
    }
  }
  if (absent) return { state: "absent", keys: absent };
  if (unknown) return { state: "unknown", keys: unknown };
  if (multivalued) return { state: "multivalued", keys: multivalued };
  if (malformed) return { state: "malformed", forms: malformed };
  return wildcardDefault ? { state: "value", text: out, wildcardDefault } : { state: "value", text: out };
}
