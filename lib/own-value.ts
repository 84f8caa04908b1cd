/**
 * A fixed table's entry for a key that comes from a snapshot or a policy. Plain object literals inherit
 * `constructor`, `toString`, `__proto__`…, so `TABLE[key]` answered a function or Object.prototype for those names
 * (a runtime "constructor" was "deprecated since undefined", an event source "arn:aws:toString:…" was labelled
 * "function toString() { [native code] } trigger").
 */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
