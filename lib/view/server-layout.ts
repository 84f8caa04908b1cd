/**
 * ELK on the server for the graph page's first view, so the browser paints without first loading ELK (1.6 MB)
 * and laying out. Same options as the browser's worker (lib/view/elk-graph.ts), so positions are identical.
 * Cached per layout key: a snapshot's default view is laid out once per server process.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import { layoutKey, positionsFromElk, toElkGraph, type KnownLayout, type LayoutInput, type Positions } from "./elk-graph";

const CACHE_SIZE = 32;
const cache = new Map<string, Promise<Positions | null>>();
let elk: InstanceType<typeof ELK> | null = null;

/** The layout of `input`, or null when ELK fails (the browser then lays it out itself). */
export async function layoutOnServer(input: LayoutInput): Promise<KnownLayout | null> {
  if (input.nodes.length === 0) return null;
  const key = layoutKey(input);
  let pending = cache.get(key);
  if (!pending) {
    elk ??= new ELK();
    pending = elk.layout(toElkGraph(input)).then(positionsFromElk, () => null);
    cache.set(key, pending);
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? "");
  }
  const positions = await pending;
  return positions ? { key, positions } : null;
}
