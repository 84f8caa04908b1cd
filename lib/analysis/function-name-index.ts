/**
 * Which functions (and aliases) a Resource pattern may name, without testing the pattern against every one: a role
 * that grants `lambda:InvokeFunction` on `arn:aws:lambda:*:123456789012:function:orders-*` is asked about the
 * functions whose name starts with `orders-`, found by binary search. A target ARN holds `:function:` exactly once
 * (names and aliases have no colon), so a pattern's literal `:function:` lines up with it, and the literal text after
 * it must start the target's name. A pattern without one (`*`, `arn:aws:lambda:*`) may name any target.
 * The candidates are a superset: callers still match and ask the evaluator. Property test: function-name-index.test.ts.
 */
const MARK = ":function:";

export class FunctionNameIndex<T extends { arn: string }> {
  /** Targets sorted by the text after `:function:` (code-unit order, as the binary search compares). */
  private readonly byName: { key: string; target: T; order: number }[];
  private readonly byArn = new Map<string, T[]>();

  constructor(readonly all: readonly T[]) {
    this.byName = all.map((target, order) => {
      const at = target.arn.indexOf(MARK);
      return { key: at < 0 ? "" : target.arn.slice(at + MARK.length), target, order };
    });
    this.byName.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.order - b.order));
    for (const t of all) {
      const same = this.byArn.get(t.arn);
      if (same) same.push(t);
      else this.byArn.set(t.arn, [t]);
    }
  }

  /** The targets the pattern may match, in the order given to the constructor. */
  mayMatch(pattern: string): readonly T[] {
    if (!/[*?]/.test(pattern)) return this.byArn.get(pattern) ?? [];
    const at = pattern.indexOf(MARK);
    if (at < 0) return this.all;
    const rest = pattern.slice(at + MARK.length);
    const wild = rest.search(/[*?]/);
    const prefix = wild < 0 ? rest : rest.slice(0, wild);
    if (prefix === "") return this.all;
    const out: { target: T; order: number }[] = [];
    for (let i = this.lowerBound(prefix); i < this.byName.length && this.byName[i]!.key.startsWith(prefix); i++) out.push(this.byName[i]!);
    out.sort((a, b) => a.order - b.order);
    return out.map((o) => o.target);
  }

  private lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.byName.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.byName[mid]!.key < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
