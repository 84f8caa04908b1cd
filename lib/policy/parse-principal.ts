/** Normalising the Principal / NotPrincipal element of a statement (reference_policies_elements_principal.html). */
import { ownValue } from "@/lib/own-value";
import { isAccountId } from "./arn";
import type { PrincipalSet } from "./types";

type Result = { ok: true; set: PrincipalSet; warnings: string[] } | { ok: false; error: string };

const KINDS: Record<string, keyof Omit<PrincipalSet, "wildcard">> = {
  aws: "aws",
  service: "service",
  federated: "federated",
  canonicaluser: "canonicalUser",
};

function stringList(v: unknown): string[] | undefined {
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.every((x): x is string => typeof x === "string")) return v;
  return undefined;
}

/** Most sets name one kind of principal: the kinds they do not name share this list (sets are never changed). */
const NONE: readonly string[] = Object.freeze([]);

export function emptyPrincipalSet(): PrincipalSet {
  return { wildcard: false, aws: NONE, service: NONE, federated: NONE, canonicalUser: NONE };
}

/**
 * The list a set keeps: an array grown by push keeps room for 16 more items, and the account model keeps a set per
 * statement naming principals (~16,000 on the 10,000-function synthetic account).
 */
function kept(list: string[] | undefined): readonly string[] {
  return list ? list.slice() : NONE;
}

/**
 * A bare account id becomes `arn:<partition>:iam::<id>:root`, as IAM stores it: the root of that account in the
 * partition of the account holding the policy (an account id is only unique within a partition).
 */
export function parsePrincipal(value: unknown, element: string, partition = "aws"): Result {
  const warnings: string[] = [];
  if (typeof value === "string") {
    if (value.trim() === "*") return { ok: true, set: { ...emptyPrincipalSet(), wildcard: true }, warnings };
    // IAM only allows "*" as a bare string; read anything else as an AWS principal.
    warnings.push(`${element} is the string ${JSON.stringify(value)}; read as {"AWS": …}`);
    return { ok: true, set: { ...emptyPrincipalSet(), aws: [isAccountId(value) ? `arn:${partition}:iam::${value}:root` : value] }, warnings };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, error: `${element} must be "*" or an object such as {"AWS": …}` };
  }
  let wildcard = false;
  const lists: Partial<Record<keyof Omit<PrincipalSet, "wildcard">, string[]>> = {};
  for (const [rawKind, rawValues] of Object.entries(value)) {
    const kind = ownValue(KINDS, rawKind.toLowerCase());
    if (kind === undefined) {
      warnings.push(`${element} has unknown principal type ${JSON.stringify(rawKind)}; ignored`);
      continue;
    }
    const values = stringList(rawValues);
    if (values === undefined) return { ok: false, error: `${element}.${rawKind} must be a string or an array of strings` };
    for (const v of values) {
      const t = v.trim();
      if (kind === "aws" && t === "*") wildcard = true;
      else (lists[kind] ??= []).push(kind === "aws" && isAccountId(t) ? `arn:${partition}:iam::${t}:root` : t);
    }
  }
  const set = { wildcard, aws: kept(lists.aws), service: kept(lists.service), federated: kept(lists.federated), canonicalUser: kept(lists.canonicalUser) };
  return { ok: true, set, warnings };
}
