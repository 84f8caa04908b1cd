/// <reference lib="webworker" />
/**
 * Runs ELK (layered) off the main thread. Messages: { id, input: LayoutInput } → { id, positions } | { id, error }.
 * elk.bundled.js runs ELK synchronously in whatever thread loads it, which here is this worker.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import { positionsFromElk, toElkGraph, type LayoutInput } from "@/lib/view/elk-graph";

const elk = new ELK();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data;
  try {
    const result = await elk.layout(toElkGraph(input));
    scope.postMessage({ id, positions: positionsFromElk(result) });
  } catch (e: unknown) {
    scope.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
