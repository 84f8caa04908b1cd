/**
 * A route's query as one value per key, for its zod schema. `Object.fromEntries(searchParams)` kept a repeated key's
 * last value while the pages (lib/view/params.ts `firstParam`) and the graph routes (`URLSearchParams.get`) read its
 * first, so `?format=json&format=sarif` answered SARIF here and JSON there. A key repeated with different values is
 * refused instead, naming the key, as the PNG report refuses one (lib/report-png/graph-query.ts); repeated with one
 * value it is that value. Apart from invalid-query.ts so that it needs nothing of Next's runtime.
 */
import type { z } from "zod";
import { queryIssues } from "./query-issues";

export function queryRecord(params: URLSearchParams): { ok: true; record: Record<string, string> } | { ok: false; issues: string[] } {
  const record: Record<string, string> = {};
  const issues: string[] = [];
  for (const key of new Set(params.keys())) {
    const values = new Set(params.getAll(key));
    if (values.size > 1) issues.push(`${key}: given ${values.size} different values; send one`);
    record[key] = params.get(key) ?? "";
  }
  return issues.length ? { ok: false, issues } : { ok: true, record };
}

/** The query read by `schema`: its data, or every issue (repeated keys' and the schema's) as invalidQuery lists them. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): { ok: true; data: z.output<S> } | { ok: false; issues: string[] } {
  const query = queryRecord(params);
  if (!query.ok) return query;
  const parsed = schema.safeParse(query.record);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, issues: queryIssues(parsed.error) };
}
