/** Shared page loading: validate the snapshot param, load and analyse through lib/store. */
import { loadReport } from "@/lib/store/app-store";
import type { LoadedReport } from "@/lib/store/report-cache";
import { parseSnapshotParam, type SearchParams } from "@/lib/view/params";

export type PageLoad =
  | { kind: "ok"; loaded: LoadedReport; snapshotId: string; snapshotQuery: string }
  | { kind: "invalid"; error: string }
  | { kind: "missing"; snapshotId: string };

export async function loadForPage(searchParams: Promise<SearchParams>): Promise<PageLoad> {
  const param = parseSnapshotParam(await searchParams);
  if (!param.ok) return { kind: "invalid", error: param.error };
  const loaded = await loadReport(param.id);
  if (!loaded) return { kind: "missing", snapshotId: param.id };
  const snapshotQuery = param.id === "latest" ? "" : `snapshot=${encodeURIComponent(param.id)}&`;
  return { kind: "ok", loaded, snapshotId: param.id, snapshotQuery };
}
