/** A node's finding ids, read from the model (the nodes sent to the browser do not carry them: graph-model.ts). */
import type { GraphModel } from "./graph-model";

const NONE: readonly string[] = [];

/** Ids of the findings attached to node `id`, worst first. */
export function findingIdsOf(model: Pick<GraphModel, "findingIdsOf">, id: string): readonly string[] {
  return model.findingIdsOf.get(id) ?? NONE;
}
