/**
 * The function reports of a graph model by execution role ARN, each function once: alias nodes share their
 * function's report, so `model.functions` holds it once per node. Built once per model, like the graph index.
 */
import type { FunctionReport } from "@/lib/analysis/types";
import type { GraphModel } from "./graph-model";

const byModel = new WeakMap<GraphModel, Map<string, FunctionReport[]>>();

export function reportsByRole(model: GraphModel): Map<string, FunctionReport[]> {
  let byRole = byModel.get(model);
  if (!byRole) {
    byRole = new Map();
    for (const fn of new Set(Object.values(model.functions))) {
      if (!fn.role) continue;
      const reports = byRole.get(fn.role);
      if (reports) reports.push(fn);
      else byRole.set(fn.role, [fn]);
    }
    byModel.set(model, byRole);
  }
  return byRole;
}
