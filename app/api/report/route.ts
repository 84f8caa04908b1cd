/**
 * GET /api/report?snapshot=<id|latest>[&format=json|sarif|markdown|text]: the analysis report in the formats of
 * `analyze --format` (cli.md), from the same formatters. JSON is the default and answers inline; the others come as
 * a file to save (the overview links to each), named as the PNG of the same scan is (lib/report-format/file-name.ts).
 */
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { guardApi } from "@/lib/auth/guard";
import { reportForApi } from "@/lib/http/report-for-api";
import { SnapshotParamSchema } from "@/lib/view/params";
import { invalidQuery } from "@/lib/http/invalid-query";
import { parseQuery } from "@/lib/http/query-record";
import { formatSarif, SARIF_JSON_LAYOUT } from "@/lib/report-format/sarif";
import { formatMarkdown } from "@/lib/report-format/markdown";
import { formatText } from "@/lib/report-format/text";
import { reportFileName } from "@/lib/report-format/file-name";
import { contentDisposition } from "@/lib/http/content-disposition";
import { jsonStream } from "@/lib/http/json-stream";
import type { AnalysisReport } from "@/lib/analysis/types";

const FORMATS = {
  // The artifact is named after the account, not the snapshot id: GitHub code scanning tracks an alert by its file
  // path, and a path that changed with every scan closed every alert and opened it anew, dismissals lost.
  // Streamed as the JSON is: at 10,000 functions the log is 7 MiB, and its string and buffer held 27 MiB a download.
  sarif: { type: "application/sarif+json", ext: "sarif", body: (r: AnalysisReport) => jsonStream(formatSarif(r, `lambda-permissions-${r.account}.json`), SARIF_JSON_LAYOUT) },
  // Whole: the Markdown is cut to GitHub's 65,536 characters, and the text is 2.3 MiB at 10,000 functions.
  markdown: { type: "text/markdown; charset=utf-8", ext: "md", body: (r: AnalysisReport) => formatMarkdown(r) },
  text: { type: "text/plain; charset=utf-8", ext: "txt", body: (r: AnalysisReport) => formatText(r) },
} as const;

const QuerySchema = z
  .object({
    snapshot: SnapshotParamSchema,
    format: z.enum(["json", ...(Object.keys(FORMATS) as (keyof typeof FORMATS)[])], { error: "format must be json, sarif, markdown or text" }).default("json"),
  })
  .strict();

export async function GET(request: NextRequest) {
  const denied = await guardApi(request, { rateLimit: { name: "report", limit: 60, windowMs: 60_000 } });
  if (denied) return denied;
  const parsed = parseQuery(QuerySchema, request.nextUrl.searchParams);
  if (!parsed.ok) return invalidQuery(parsed.issues);
  const loaded = await reportForApi(parsed.data.snapshot);
  if (loaded instanceof NextResponse) return loaded;
  const headers = { "X-Snapshot-Id": loaded.meta.id, "Cache-Control": "private, max-age=0, must-revalidate" };
  const { format } = parsed.data;
  // Streamed: at 10,000 functions the report is 65 MiB, which one string and one buffer per request would hold whole.
  if (format === "json") return new NextResponse(jsonStream(loaded.report), { headers: { ...headers, "Content-Type": "application/json" } });
  const f = FORMATS[format];
  return new NextResponse(f.body(loaded.report), {
    headers: { ...headers, "Content-Type": f.type, "Content-Disposition": contentDisposition("attachment", reportFileName(loaded.report.account, loaded.report.capturedAt, f.ext)) },
  });
}
