/**
 * GET /api/report.png?<graph page params>: the PNG report of that view (header, graph, legend), rendered by
 * the page's own exporter in headless Chromium (lib/report-png/render-server.ts), for bots and tickets.
 * Params are those of /graph (snapshot, focus, node, sev, svc, region, rule, who, reach, on, findings, limit, compare; vp, q and any
 * other param are ignored, as the page ignores them), read by the page's own parsers and limits (lib/report-png/graph-query.ts). A focus or node not in the snapshot is a 404, and so is a compare scan
 * not stored (an unreadable one is a 500, one of another account a 409). A render not done within its bound
 * (render-slots.ts REPORT_RENDER_TIMEOUT_MS) is stopped and answered 504; one whose request is aborted is stopped too.
 */
import { NextResponse, type NextRequest } from "next/server";
import { checkRateLimit } from "@/lib/http/rate-limit-hook";
import { ChromiumMissingError } from "@/lib/report-png/chromium";
import { parseReportQuery, printPath } from "@/lib/report-png/graph-query";
import { renderOrigin, renderReportPng, ReportRenderError } from "@/lib/report-png/render-server";
import { ReportAbortedError, ReportBusyError, ReportTimeoutError } from "@/lib/report-png/render-slots";
import { retryLater } from "@/lib/rate-limit";
import { reportForApi } from "@/lib/http/report-for-api";
import { reportOutcome } from "@/lib/store/app-store";
import type { LoadedReport } from "@/lib/store/report-cache";
import { unrelatedScans } from "@/lib/diff/unrelated-scans";
import { askedGraphView } from "@/lib/view/asked-graph-view";
import { invalidQuery, queryIssues } from "@/lib/http/invalid-query";
import { contentDisposition } from "@/lib/http/content-disposition";
import { reportFileName } from "@/lib/report-format/file-name";

const noStore = { "Cache-Control": "no-store" };

export async function GET(request: NextRequest) {
  const limited = await checkRateLimit("report-png", request);
  if (limited) return limited;
  const parsed = parseReportQuery(request.nextUrl.searchParams);
  if (!parsed.ok) return invalidQuery(parsed.issues, noStore);
  const loaded = await reportForApi(parsed.query.snapshot, noStore);
  if (loaded instanceof NextResponse) return loaded;
  // A focus or node the snapshot lacks would draw the unfocused graph under a 200: say so instead.
  const { missing } = await askedGraphView(loaded.report, loaded.meta.id, parsed.query.view);
  if (missing.length) {
    return NextResponse.json(
      { error: `snapshot ${loaded.meta.id} has no node ${missing.join(", ")} (deleted or renamed, or the link is from another snapshot)`, missing },
      { status: 404, headers: noStore },
    );
  }
  const compared = parsed.query.compare ? await comparedScan(parsed.query.compare, loaded) : undefined;
  if (compared instanceof NextResponse) return compared;
  // Pin the resolved ids so a scan stored mid-render cannot change which snapshot "latest" draws or is compared with.
  const path = printPath({ ...parsed.query, snapshot: loaded.meta.id, ...(compared ? { compare: compared.meta.id } : {}) });
  try {
    const png = await renderReportPng({ origin: renderOrigin(), path, cookie: request.headers.get("cookie") ?? undefined, signal: request.signal });
    return new Response(new Uint8Array(png), {
      headers: {
        ...noStore,
        "Content-Type": "image/png",
        // Named as the page's "Export PNG" names the same view, so either download saves under one name.
        "Content-Disposition": contentDisposition("inline", reportFileName(loaded.report.account, loaded.report.capturedAt, "png")),
        "X-Snapshot-Id": loaded.meta.id,
      },
    });
  } catch (e: unknown) {
    if (e instanceof ChromiumMissingError) return NextResponse.json({ error: e.message }, { status: 503, headers: noStore });
    if (e instanceof ReportBusyError) return retryLater(503, e.retryAfterMs, () => ({ error: e.message }), noStore);
    if (e instanceof ReportTimeoutError) {
      return NextResponse.json({ error: e.advice("filter by sev, rule, who, svc, region or findings=true, lower limit, or focus one node") }, { status: 504, headers: noStore });
    }
    // Nobody reads it: the client is gone. 499 (a proxy's "client closed request") keeps it apart from failures in logs.
    if (e instanceof ReportAbortedError) return NextResponse.json({ error: e.message }, { status: 499, headers: noStore });
    const message = e instanceof Error ? (e.message.split("\n")[0] ?? "") : String(e);
    const status = e instanceof ReportRenderError ? 502 : /Timeout/i.test(message) ? 504 : 500;
    return NextResponse.json({ error: `the report could not be rendered: ${message}` }, { status, headers: noStore });
  }
}

/**
 * The scan `compare=` names, or why there is none to compare with. The page says it in a banner the image does not
 * have: the report would draw the plain graph under a 200 and pass for a comparison in which nothing changed.
 */
async function comparedScan(id: string, current: LoadedReport): Promise<LoadedReport | NextResponse> {
  const outcome = await reportOutcome(id);
  const refuse = (error: string, status: number) => NextResponse.json({ error }, { status, headers: noStore });
  if (outcome.kind === "missing") return refuse(`the scan to compare with (${id}) is not stored`, 404);
  if (outcome.kind === "unreadable") return refuse(`the scan to compare with (${id}) could not be read: ${outcome.reason}`, 500);
  const unrelated = unrelatedScans(outcome.loaded.report, current.report);
  if (unrelated) return refuse(`the scan to compare with (${id}) is not comparable with this one: ${unrelated}`, 409);
  return outcome.loaded;
}
