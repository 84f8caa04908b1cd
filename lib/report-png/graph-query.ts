/**
 * The graph-page query a PNG report renders (/api/report.png, `cli report`): the same params as /graph,
 * validated, and rebuilt from the parsed values only, so nothing else reaches the headless browser's URL.
 */
import { z } from "zod";
import { SEVERITIES, type Severity } from "@/lib/analysis/types";
import { SnapshotParamSchema, SnapshotRefSchema } from "@/lib/view/params";
import { queryIssues } from "@/lib/http/query-issues";

const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(item).max(50));

export const ReportQuerySchema = z
  .object({
    snapshot: SnapshotParamSchema,
    focus: z.string().min(1).max(2048).optional(),
    node: z.string().min(1).max(2048).optional(),
    sev: list(z.enum(SEVERITIES as [Severity, ...Severity[]])).optional(),
    svc: list(z.string().max(100)).optional(),
    region: list(z.string().regex(/^[a-z0-9-]{1,40}$/, "not a region")).optional(),
    findings: z.enum(["true", "false"]).optional(),
    limit: z.coerce.number().int().min(1).max(5000).optional(),
    compare: SnapshotRefSchema.optional(),
    // Every shared graph URL carries the viewport, and may carry an open search; a report fits the whole view
    // and has no search box, so both are accepted and dropped (never passed on to the browser's URL).
    vp: z.string().max(100).optional(),
    q: z.string().max(2048).optional(),
  })
  .strict();

export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export function parseReportQuery(params: URLSearchParams): { ok: true; query: ReportQuery } | { ok: false; issues: string[] } {
  // A repeated key keeps its first value, as the graph page reads it (Object.fromEntries keeps the last, and the
  // PNG then drew another focus or filter than the same URL shows in the browser).
  const first = new Map<string, string>();
  for (const [key, value] of params) if (!first.has(key)) first.set(key, value);
  const parsed = ReportQuerySchema.safeParse(Object.fromEntries(first));
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, issues: queryIssues(parsed.error) };
}

/** The graph view params of this query, as /graph and /api/graph read them. */
export function viewParams(q: ReportQuery): URLSearchParams {
  const out = new URLSearchParams();
  if (q.snapshot !== "latest") out.set("snapshot", q.snapshot);
  if (q.focus) out.set("focus", q.focus);
  if (q.node) out.set("node", q.node);
  if (q.sev?.length) out.set("sev", q.sev.join(","));
  if (q.svc?.length) out.set("svc", q.svc.join(","));
  if (q.region?.length) out.set("region", q.region.join(","));
  if (q.findings) out.set("findings", q.findings);
  if (q.limit !== undefined) out.set("limit", String(q.limit));
  if (q.compare) out.set("compare", q.compare);
  return out;
}

/** `/graph?…&print=1` for this query. */
export function printPath(q: ReportQuery): string {
  const out = viewParams(q);
  out.set("print", "1");
  return `/graph?${out.toString()}`;
}
