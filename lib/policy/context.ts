/**
 * Reading the request context: keys compare case-insensitively; a missing key is unknown unless the context is
 * complete or the key is known to be absent.
 */
import type { RequestContext } from "./types";

export type ContextLookup =
  | { state: "present"; value: string | string[] }
  | { state: "absent" }
  | { state: "unknown" };

const ABSENT: ContextLookup = { state: "absent" };
const UNKNOWN: ContextLookup = { state: "unknown" };

const lowerCache = new Map<string, string>();

/** `key.toLowerCase()`, cached (condition keys repeat across millions of evaluations). */
export function lowerKey(key: string): string {
  let k = lowerCache.get(key);
  if (k === undefined) {
    if (lowerCache.size > 20_000) lowerCache.clear();
    k = key.toLowerCase();
    lowerCache.set(key, k);
  }
  return k;
}

function isKnownAbsent(context: RequestContext, lowerCasedKey: string): boolean {
  const known = context.knownAbsent;
  if (known === undefined) return false;
  if (known.keys?.includes(lowerCasedKey)) return true;
  return known.prefixes?.some((p) => lowerCasedKey.startsWith(p)) ?? false;
}

export function lookupContext(context: RequestContext, key: string): ContextLookup {
  const k = lowerKey(key);
  const values = context.values;
  let value = Object.prototype.hasOwnProperty.call(values, k) ? values[k] : undefined;
  if (value === undefined && k !== key && Object.prototype.hasOwnProperty.call(values, key)) {
    // Tolerate contexts whose keys were not lower-cased.
    value = values[key];
  }
  if (value === undefined) return context.complete || isKnownAbsent(context, k) ? ABSENT : UNKNOWN;
  return { state: "present", value };
}

/** Builds a context with lower-cased keys. */
export function makeContext(values: Record<string, string | string[]>, complete: boolean): RequestContext {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) out[k.toLowerCase()] = v;
  return { values: out, complete };
}
