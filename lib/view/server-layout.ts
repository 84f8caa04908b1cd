/**
 * ELK on the server for the graph page's first view, so the browser can paint without first loading ELK (1.6 MB)
 * and laying out. Same options as the browser's worker (lib/view/elk-graph.ts), so positions are identical.
 *
 * A page never waits for ELK: a layout takes seconds on a big account, and its first run in a process is slow. A
 * layout not known yet is computed in the background after the response, on a thread of its own (elk-thread.ts: ELK
 * runs synchronously and would otherwise hold every other request), while the browser lays that view out itself;
 * every later visit to the same view gets it ready-made.
 */
import type ELK from "elkjs/lib/elk.bundled.js";
import { layoutKey, positionsFromElk, toElkGraph, type KnownLayout, type LayoutInput, type Positions } from "./elk-graph";
import { layoutOffThread } from "./elk-thread";

const CACHE_SIZE = 32;
/**
 * Layouts waiting or running at most. Each costs a core for seconds on a big account, so a burst of distinct views
 * (a crawler, or a page requesting `/graph?limit=1…81`) must not queue minutes of work; a view refused here is laid
 * out by the browser, and queued on a later visit.
 */
const MAX_PENDING = 2;
let pending = 0;
/** Finished layouts, and keys being computed (null). */
const cache = new Map<string, Positions | null>();
let queue: Promise<unknown> = Promise.resolve();
let elk: Promise<InstanceType<typeof ELK>> | null = null;

/**
 * ELK on the request thread, where there is no layout thread: loaded on first use, as evaluating its 1.6 MB takes
 * a while and most requests never need it.
 */
function loadElk(): Promise<InstanceType<typeof ELK>> {
  elk ??= import("elkjs/lib/elk.bundled.js").then((m) => new m.default());
  return elk;
}

/** The layout of `input` when the server already has it; otherwise null, and it is computed in the background. */
export function knownServerLayout(input: LayoutInput): KnownLayout | null {
  if (input.nodes.length === 0) return null;
  const key = layoutKey(input);
  const positions = cache.get(key);
  if (positions) return { key, positions };
  if (positions === undefined && pending < MAX_PENDING) {
    pending++;
    cache.set(key, null);
    const graph = toElkGraph(input);
    // One at a time, after the current response has gone out.
    queue = queue
      .then(() => new Promise((r) => setTimeout(r, 0)))
      .then(() => layoutOffThread(graph) ?? loadElk().then((e) => e.layout(graph)))
      .then(
        (result) => {
          cache.set(key, positionsFromElk(result));
          while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? "");
        },
        () => cache.delete(key),
      )
      .finally(() => pending--);
  }
  return null;
}

/** Resolves when the layouts queued so far are done (tests). */
export function serverLayoutsSettled(): Promise<unknown> {
  return queue;
}
