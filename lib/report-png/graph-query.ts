/**
 * The graph-page query a PNG report renders (/api/report.png, `cli report`): the same params as /graph,
 * validated, and rebuilt from the parsed values only, so nothing else reaches the headless browser's URL.
 */
import { z } from "zod";
import { SEVERITIES, type Severity } from "@/lib/analysis/types";
import { SnapshotParamSchema } from "@/lib/view/params";

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
    compare: z.string().max(64).optional(),
  })
  .strict();

export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export function parseReportQuery(params: URLSearchParams): { ok: true; query: ReportQuery } | { ok: false; issues: string[] } {
  const parsed = ReportQuerySchema.safeParse(Object.fromEntries(params));
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`) };
}

/** `/graph?…&print=1` for this query. */
export function printPath(q: ReportQuery): string {
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
  out.set("print", "1");
  return `/graph?${out.toString()}`;
}
