/**
 * Account models of stored snapshots, for what-if questions (/api/can). The report cache keeps analysed reports,
 * not models; a question needs the model itself (policies parsed per role). Ids are content hashes, so a cached
 * model never goes stale; the newest two are kept, and concurrent requests for one id share one build.
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
  models.set(resolvedId, pending);
  pending.then(
    (r) => r === null && models.delete(resolvedId),
    () => models.delete(resolvedId),
  );
  while (models.size > MAX_MODELS) {
    const oldest = models.keys().next().value;
    if (oldest === undefined) break;
    models.delete(oldest);
  }
  return pending;
}
