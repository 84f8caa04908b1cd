/** zod schemas for route params that reach the store. */
import { z } from "zod";
import { SNAPSHOT_ID_PATTERN } from "@/lib/store/snapshot-id";

/** A snapshot id or "latest". */
export const SnapshotRefSchema = z.union([z.literal("latest"), z.string().regex(SNAPSHOT_ID_PATTERN, "not a snapshot id")]);

export const SnapshotParamSchema = SnapshotRefSchema.default("latest");

/** First value of a search param (Next gives string | string[] | undefined). */
export function firstParam(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** A page's search params as the URL had them, a repeated param's values in order. */
export function urlSearchParamsOf(sp: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, one);
  return params;
}

/** The snapshot a page should show; an invalid id is treated as "not found" by the caller. */
export function parseSnapshotParam(sp: SearchParams): { ok: true; id: string } | { ok: false; error: string } {
  const parsed = SnapshotParamSchema.safeParse(firstParam(sp.snapshot) || undefined);
  return parsed.success ? { ok: true, id: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? "invalid" };
}
