/**
 * "Did you mean …?" for a name that is not in a known list (a region on the command line, an action in a what-if
 * question): the list's names fewest edits away, so a typo is answered with what was meant.
 */

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment): "esat" is one from "east". */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The names nearest to `name`, `maxEdits` edits at most (two by default), sorted: the likely intended ones. */
export function nearestNames(name: string, names: Iterable<string>, maxEdits = 2): string[] {
  const scored = [...names].map((n) => ({ n, d: editDistance(name, n) })).filter((x) => x.d <= maxEdits);
  const best = Math.min(...scored.map((x) => x.d));
  return scored.filter((x) => x.d === best).map((x) => x.n).sort();
}
