/**
 * Reading the request context: keys compare case-insensitively; a missing key is unknown unless the context is
 * complete, the key is known to be absent, or the action's requests never carry it.
 */
import { neverInRequestsOf } from "@/lib/catalog/condition-keys";
import type { RequestContext } from "./types";

export type ContextLookup =
  | { state: "present"; value: string | string[] }
  /** `notOfAction`: absent because requests for the action never carry the key (lib/catalog/condition-keys.ts). */
  | { state: "absent"; notOfAction?: true }
  | { state: "unknown" };

const ABSENT: ContextLookup = { state: "absent" };
const NOT_OF_ACTION: ContextLookup = { state: "absent", notOfAction: true };
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

/** `action`: the request's concrete action, when known, so a key its requests never carry reads as absent. */
export function lookupContext(context: RequestContext, key: string, action?: string): ContextLookup {
  const k = lowerKey(key);
  const values = context.values;
  let value = Object.prototype.hasOwnProperty.call(values, k) ? values[k] : undefined;
  if (value === undefined && k !== key && Object.prototype.hasOwnProperty.call(values, key)) {
    // Tolerate contexts whose keys were not lower-cased.
    value = values[key];
  }
  if (value === undefined) {
    if (context.complete || isKnownAbsent(context, k)) return ABSENT;
    return action !== undefined && neverInRequestsOf(action, k) ? NOT_OF_ACTION : UNKNOWN;
  }
  return { state: "present", value };
}

/**
 * `values` as a request for `action` can hold them: keys its requests never carry are left out (an InvokeAsync call
 * carries neither URL key), so a value written for a statement's intended caller, or for a direct Invoke call, cannot
 * meet a condition that no request for this action meets. The same object when nothing is left out.
 */
export function valuesCarriedBy<T extends string | string[]>(action: string, values: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  let out: Record<string, T> | undefined;
  for (const key in values) {
    if (!neverInRequestsOf(action, key)) continue;
    out ??= { ...values };
    delete out[key];
  }
  return out ?? values;
}

/** Builds a context with lower-cased keys. */
export function makeContext(values: Record<string, string | string[]>, complete: boolean): RequestContext {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) out[k.toLowerCase()] = v;
  return { values: out, complete };
}
