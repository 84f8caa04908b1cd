/** Two stored scans and what changed between them (lib/diff), through the same report cache the pages use. */
import { compareLoaded, type ComparedScans } from "./compare-loaded";
import { reportOutcome, type ReportOutcome } from "./app-store";

export type DiffLoad = ComparedScans | { kind: "missing"; id: string } | { kind: "unreadable"; id: string; reason: string };

export async function loadDiff(fromId: string, toId: string): Promise<DiffLoad> {
  const [from, to] = await Promise.all([reportOutcome(fromId), reportOutcome(toId)]);
  if (from.kind !== "ok") return notLoaded(fromId, from);
  if (to.kind !== "ok") return notLoaded(toId, to);
  return compareLoaded(from.loaded, to.loaded);
}

function notLoaded(id: string, outcome: Exclude<ReportOutcome, { kind: "ok" }>): DiffLoad {
  return outcome.kind === "missing" ? { kind: "missing", id } : { kind: "unreadable", id, reason: outcome.reason };
}
