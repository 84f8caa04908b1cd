/**
 * Account models of stored snapshots, for what-if questions (/api/can). The report cache keeps analysed reports,
 * not models; a question needs the model itself (policies parsed per role). Ids are content hashes, so a cached
 * model never goes stale; the newest two are kept, and concurrent requests for one id share one build. The report
 * cache's analysis hands over the model it built (keepAccountModel), so the first question after a report is shown
 * reads and builds nothing. Kept for every analysed snapshot, not the newest only nor built when idle: at 10,000
 * functions a model retains about 58 MB beside its report's 100 MB (docs/analysis-performance.md, the canwarm
 * helper's hour), so the two kept cost little next to the eight reports the report cache holds.
 */
import { buildAccountModel, type AccountModel } from "@/lib/analysis/account-model";
import { getAppStore } from "./app-store";

export interface LoadedModel {
  snapshotId: string;
  model: AccountModel;
}

const MAX_MODELS = 2;
const globalKey = Symbol.for("lambda-permissions-graph.account-models");
type GlobalWithModels = typeof globalThis & { [globalKey]?: Map<string, Promise<LoadedModel | null>> };

function cache(): Map<string, Promise<LoadedModel | null>> {
  const g = globalThis as GlobalWithModels;
  g[globalKey] ??= new Map();
  return g[globalKey];
}

/** The account model of a snapshot id, or of the newest snapshot for "latest"; null when there is none. */
export async function loadAccountModel(id: string): Promise<LoadedModel | null> {
  const { store } = getAppStore();
  let resolvedId = id;
  if (id === "latest") {
    const [newest] = await store.listSnapshots();
    if (!newest) return null;
    resolvedId = newest.id;
  }
  const models = cache();
  const hit = models.get(resolvedId);
  if (hit) {
    models.delete(resolvedId);
    models.set(resolvedId, hit);
    return hit;
  }
  const pending = store.getSnapshot(resolvedId).then((stored) => (stored ? { snapshotId: stored.meta.id, model: buildAccountModel(stored.snapshot) } : null));
  add(models, resolvedId, pending);
  pending.then(
    (r) => r === null && models.delete(resolvedId),
    () => models.delete(resolvedId),
  );
  return pending;
}

/**
 * Keeps the model an analysis of snapshot `snapshotId` built, as the newest. One already kept or being built for that
 * id stays (the same snapshot gives the same model, and questions may be waiting on that build).
 */
export function keepAccountModel(snapshotId: string, model: AccountModel): void {
  const models = cache();
  if (models.has(snapshotId)) return;
  add(models, snapshotId, Promise.resolve({ snapshotId, model }));
}

/** Adds `id` as the newest, dropping the oldest beyond MAX_MODELS. */
function add(models: Map<string, Promise<LoadedModel | null>>, id: string, model: Promise<LoadedModel | null>): void {
  models.set(id, model);
  while (models.size > MAX_MODELS) {
    const oldest = models.keys().next().value;
    if (oldest === undefined) break;
    models.delete(oldest);
  }
}
