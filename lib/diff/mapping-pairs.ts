/**
 * Which event source mapping of one scan is which of the other's. A mapping's way in is its source and what of it the
 * mapping reads (invokerKey), yet one function may have two mappings alike in that and apart only in settings the way
 * in does not show (batch size, consumer group): each is a way in of its own, so removing one is a way lost. Pairs
 * are made by UUID where both scans have it, then by way in, so a mapping deleted and created again alike (a new
 * UUID) is still the same way in.
 */
import type { Invoker } from "@/lib/analysis/types";

/** The key of each mapping of each scan: a pair shares one; a mapping alike another of its scan gets its UUID added. */
export function pairedMappingKeys(then: readonly Invoker[], now: readonly Invoker[], keyOf: (inv: Invoker) => string) {
  const keys = { then: new Map<Invoker, string>(), now: new Map<Invoker, string>() };
  const byUuid = new Map(now.filter((m) => m.uuid).map((m) => [m.uuid, m]));
  const pairs: [Invoker, Invoker][] = [];
  const paired = new Set<Invoker>();
  for (const t of then) {
    const n = t.uuid ? byUuid.get(t.uuid) : undefined;
    if (n && keyOf(n) === keyOf(t)) {
      pairs.push([t, n]);
      paired.add(t).add(n);
    }
  }
  // The rest by way in, in UUID order so the pairing does not depend on the order a scan listed them in.
  const byUuidOrder = (a: Invoker, b: Invoker) => (a.uuid ?? "").localeCompare(b.uuid ?? "");
  const unpairedNow = now.filter((n) => !paired.has(n)).sort(byUuidOrder);
  for (const t of then.filter((m) => !paired.has(m)).sort(byUuidOrder)) {
    const i = unpairedNow.findIndex((n) => keyOf(n) === keyOf(t));
    if (i >= 0) pairs.push([t, ...unpairedNow.splice(i, 1)] as [Invoker, Invoker]);
  }
  const taken = { then: new Set<string>(), now: new Set<string>() };
  const assign = (side: "then" | "now", inv: Invoker, base: string) => {
    const key = taken[side].has(base) ? `${base}|mapping ${inv.uuid ?? ""}` : base;
    taken[side].add(key);
    keys[side].set(inv, key);
    return key;
  };
  for (const [t, n] of pairs.sort(([, a], [, b]) => byUuidOrder(a, b))) {
    const key = taken.then.has(keyOf(t)) || taken.now.has(keyOf(n)) ? `${keyOf(n)}|mapping ${n.uuid ?? ""}` : keyOf(n);
    for (const [side, inv] of [["then", t], ["now", n]] as const) {
      taken[side].add(key);
      keys[side].set(inv, key);
    }
  }
  for (const t of then) if (!keys.then.has(t)) assign("then", t, keyOf(t));
  for (const n of now) if (!keys.now.has(n)) assign("now", n, keyOf(n));
  return keys;
}
