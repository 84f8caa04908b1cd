/**
 * Whether a search names a function: its name or ARN holds the text, or the text is an alias's or version's ARN of
 * it. The overview's table and the compare page's filter match alike, so a name or ARN found on one is found on the
 * other.
 */

/** The search as it is matched: trimmed, lower case. */
export function searchKey(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * An alias's or version's ARN (`…:function:orders:live`), as alerts and logs name the function invoked: it finds the
 * function, as the graph's search does, though the function's own ARN is the shorter one. `q` is a searchKey.
 */
export function isQualifierOf(q: string, arn: string): boolean {
  const fn = arn.toLowerCase();
  return q.startsWith(`${fn}:`) && !q.slice(fn.length + 1).includes(":");
}

/** The function's name or ARN holds `q` (a searchKey), or `q` is one of its qualified ARNs. */
export function nameOrArnMatches(q: string, fn: { name: string; arn: string }): boolean {
  return fn.name.toLowerCase().includes(q) || fn.arn.toLowerCase().includes(q) || isQualifierOf(q, fn.arn);
}
