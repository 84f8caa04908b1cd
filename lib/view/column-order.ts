/**
 * The top-to-bottom order of the nodes of each column that crosses few edges, by the usual heuristics of layered
 * drawing (ELK's among them): barycentre sweeps, each node moved to the mean place of its neighbours in the column
 * before or after, then sifting, each node moved to the place in its column where its edges cross fewest others.
 * Unlike ELK's, both keep every node within its band: a column stays sorted by band, only nodes of one band trade
 * places. That is how the graph keeps its riskiest functions on top yet crosses about as few edges as ELK alone.
 *
 * Only edges between neighbouring columns count (the graph has no other: invokers → functions → roles → resources).
 */

export interface ColumnGraph {
  /** Each column's nodes, top to bottom: the starting order, kept where nothing better is found. */
  columns: readonly (readonly string[])[];
  edges: readonly { source: string; target: string }[];
  /** A node's band (default 0): a column is sorted by band, lowest on top. */
  band?: ReadonlyMap<string, number>;
}

const SWEEPS = 6;
const SIFTING_PASSES = 4;

export function orderColumns(graph: ColumnGraph): string[][] {
  const ids = graph.columns.flat();
  const index = new Map(ids.map((id, i) => [id, i]));
  const col = graph.columns.flatMap((column, c) => column.map(() => c));
  const band = ids.map((id) => graph.band?.get(id) ?? 0);
  // Neighbours in the column before (side 0) and after (side 1).
  const nbrs: [number[], number[]][] = ids.map(() => [[], []]);
  for (const e of graph.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || Math.abs(col[s]! - col[t]!) !== 1) continue;
    const [a, b] = col[s]! < col[t]! ? [s, t] : [t, s];
    nbrs[a]![1].push(b);
    nbrs[b]![0].push(a);
  }
  const pos = new Float64Array(ids.length);
  let layers = graph.columns.map((column) => column.map((id) => index.get(id)!).sort((a, b) => band[a]! - band[b]!));
  const place = (ls: number[][]) => {
    for (const l of ls) l.forEach((n, i) => (pos[n] = i));
  };
  place(layers);
  const crossings = () => layers.reduce((sum, l, c) => sum + (c + 1 < layers.length ? crossingsBelow(l, nbrs, pos) : 0), 0);

  // Barycentre sweeps down and up the columns; the best order seen wins.
  let best = layers.map((l) => [...l]);
  let fewest = crossings();
  for (let sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
    const down = sweep % 2 === 0;
    for (let i = 1; i < layers.length; i++) {
      const c = down ? i : layers.length - 1 - i;
      layers[c] = byBarycentre(layers[c]!, down ? 0 : 1, nbrs, pos, band, layers[down ? c - 1 : c + 1]!.length);
      place([layers[c]!]);
    }
    const count = crossings();
    if (count < fewest) {
      fewest = count;
      best = layers.map((l) => [...l]);
    }
  }
  layers = best;
  place(layers);

  for (let pass = 0; pass < SIFTING_PASSES; pass++) {
    let moved = false;
    for (const l of layers) moved = sift(l, nbrs, pos, band) || moved;
    if (!moved) break;
  }
  return layers.map((l) => l.map((n) => ids[n]!));
}

/** Crossings between the edges from column `l` to the next, by counting inversions (O(E log E)). */
function crossingsBelow(l: readonly number[], nbrs: readonly [number[], number[]][], pos: Float64Array): number {
  const ends: number[] = [];
  for (const n of l) {
    const below = nbrs[n]![1].map((m) => pos[m]!).sort((a, b) => a - b);
    ends.push(...below);
  }
  // `ends` lists the lower ends in the upper ends' order; a crossing is a pair out of order. Merge-sort counts them.
  return inversions(ends, 0, ends.length);
}

function inversions(a: number[], lo: number, hi: number): number {
  if (hi - lo < 2) return 0;
  const mid = (lo + hi) >> 1;
  let count = inversions(a, lo, mid) + inversions(a, mid, hi);
  const merged: number[] = [];
  let i = lo;
  let j = mid;
  while (i < mid && j < hi) {
    if (a[j]! < a[i]!) {
      count += mid - i;
      merged.push(a[j++]!);
    } else merged.push(a[i++]!);
  }
  while (i < mid) merged.push(a[i++]!);
  while (j < hi) merged.push(a[j++]!);
  for (let k = 0; k < merged.length; k++) a[lo + k] = merged[k]!;
  return count;
}

function byBarycentre(l: number[], side: 0 | 1, nbrs: readonly [number[], number[]][], pos: Float64Array, band: readonly number[], other: number): number[] {
  const key = new Map<number, number>();
  for (const n of l) {
    const ns = nbrs[n]![side];
    // A node with no neighbour on that side keeps its relative place.
    key.set(n, ns.length ? ns.reduce((s, m) => s + pos[m]!, 0) / ns.length / Math.max(1, other) : pos[n]! / Math.max(1, l.length));
  }
  return [...l].sort((a, b) => band[a]! - band[b]! || key.get(a)! - key.get(b)! || pos[a]! - pos[b]!);
}

/**
 * Moves each node of column `l` to where its edges cross fewest others, within its band; a node moves only for a
 * strict gain, so ties keep the given order. True when something moved.
 */
function sift(l: number[], nbrs: readonly [number[], number[]][], pos: Float64Array, band: readonly number[]): boolean {
  const ends = (n: number, side: 0 | 1) => nbrs[n]![side].map((m) => pos[m]!).sort((a, b) => a - b);
  const before: number[][] = [];
  const after: number[][] = [];
  for (const n of l) {
    before[n] = ends(n, 0);
    after[n] = ends(n, 1);
  }
  const gain: number[] = [];
  let moved = false;
  for (const u of [...l]) {
    const uBefore = before[u]!;
    const uAfter = after[u]!;
    if (uBefore.length + uAfter.length === 0) continue;
    const from = l.indexOf(u);
    l.splice(from, 1);
    let lo = 0;
    while (lo < l.length && band[l[lo]!]! < band[u]!) lo++;
    let hi = lo;
    while (hi < l.length && band[l[hi]!]! <= band[u]!) hi++;
    // u's crossings with its band's nodes when placed first in the band; gain[i]: what moving it past l[i] changes.
    let cost = 0;
    for (let i = lo; i < hi; i++) {
      const v = l[i]!;
      const uv = above(uBefore, before[v]!) + above(uAfter, after[v]!);
      const vu = above(before[v]!, uBefore) + above(after[v]!, uAfter);
      cost += uv;
      gain[i] = vu - uv;
    }
    let at = lo;
    let least = cost;
    let costAtFrom = from === lo ? cost : Infinity;
    for (let i = lo; i < hi; i++) {
      cost += gain[i]!;
      if (i + 1 === from) costAtFrom = cost;
      if (cost < least) {
        least = cost;
        at = i + 1;
      }
    }
    const to = least < costAtFrom ? at : from;
    l.splice(to, 0, u);
    if (to !== from) moved = true;
  }
  l.forEach((n, i) => (pos[n] = i));
  return moved;
}

/** Pairs (x of a, y of b), both sorted, with y < x: the crossings of a's edges with b's when a's node is above b's. */
function above(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let count = 0;
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]! < x) j++;
    count += j;
  }
  return count;
}
