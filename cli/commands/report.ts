/**
 * `report FILE [--function NAME|ARN] --png OUT.png [--suppress FILE]`: the dashboard's graph view of FILE as a PNG report.
 * Runs the dashboard on FILE (read-only, loopback, a free port) and renders through the same path as
 * /api/report.png (lib/report-png/render-server.ts), then stops it.
 */
import { z } from "zod";
import { appRoot } from "@/lib/app-root";
import { freePort } from "@/lib/http/free-port";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { AnalysisReport } from "@/lib/analysis/types";
import { nodeId } from "@/lib/graph/build";
import { shellArg } from "@/lib/findings/remediation";
import { ChromiumMissingError, ChromiumStartError, findChromium } from "@/lib/report-png/chromium";
import { printPath } from "@/lib/report-png/graph-query";
import { closeReportBrowser, renderReportPng, ReportPageCrashError, ReportRenderError } from "@/lib/report-png/render-server";
import { ReportTimeoutError } from "@/lib/report-png/render-slots";
import { parseOptions, UserError, userPath } from "../errors";
import { withLogsOnStderr } from "../logs-to-stderr";
import { readSnapshotArgument, refuseStdin } from "../snapshot-argument";
import { checkOutputFile, writeOutputFile } from "../output-file";
import { SuppressOption, suppressInDashboard } from "../suppressions-file";
import { ensureBuild, startDashboard } from "./serve";
import { readAuthSettings } from "@/lib/auth/settings";

const ReportOptions = z.object({
  png: z.string({ error: "--png OUT.png is required" }).min(1, "--png OUT.png is required"),
  function: z.string().min(1, "--function needs a function name or ARN").optional(),
  suppress: SuppressOption,
});

/** The graph node of a function given by name or ARN; a name in several regions must be given as an ARN. */
export function functionNodeId(report: AnalysisReport, nameOrArn: string): string {
  const byArn = report.functions.find((f) => f.arn === nameOrArn);
  if (byArn) return nodeId.fn(byArn.arn);
  const byName = report.functions.filter((f) => f.name === nameOrArn);
  if (byName.length === 1) return nodeId.fn(byName[0]!.arn);
  if (byName.length > 1) {
    throw new UserError(`--function ${nameOrArn} names ${byName.length} functions; give the ARN: ${byName.map((f) => f.arn).join(", ")}`);
  }
  throw new UserError(`--function ${nameOrArn}: no function with that name or ARN in the snapshot`);
}

export async function reportCommand(file: string, rawOptions: unknown): Promise<number> {
  const { png, function: fn, suppress } = parseOptions(ReportOptions, rawOptions);
  refuseStdin("report", file);
  if (!/\.png$/i.test(png)) throw new UserError(`--png ${png}: the output file must end in .png`);
  // Before the build and the render, which take minutes; writing the PNG at their end failed with a bare ENOENT.
  await checkOutputFile("--png", png, "report.png");
  await suppressInDashboard(suppress);
  const input = userPath(file);
  const out = userPath(png);
  try {
    findChromium();
  } catch (e: unknown) {
    if (e instanceof ChromiumMissingError) throw new UserError(e.message);
    throw e;
  }
  const snapshot = await readSnapshotArgument(file); // the file's own error, before starting anything
  const focus = fn ? functionNodeId(analyzeSnapshot(snapshot), fn) : undefined;

  process.env.LPG_SNAPSHOT_FILE = input;
  const root = appRoot();
  ensureBuild(root);
  process.stderr.write(`Rendering ${file}${fn ? ` (focus ${fn})` : ""}…\n`);
  const bytes = await withLogsOnStderr(async () => {
    const server = await startDashboard({ dir: root, host: "127.0.0.1", port: await freePort() });
    try {
      refuseSignIn();
      return await renderReportPng({ origin: server.url, path: printPath({ snapshot: "latest", view: focus ? { focus, node: focus } : {} }) });
    } catch (e: unknown) {
      // The view was too big to draw in time or in the page's memory, which the user can change: a user error, said in
      // this command's terms.
      if (e instanceof ReportTimeoutError || e instanceof ReportPageCrashError) throw new UserError(e.advice(fewerNodes(file, fn)));
      // Checked for above, but found only by path: one that is no browser, or lacks its libraries, fails to start here.
      if (e instanceof ChromiumStartError) throw new UserError(e.message);
      // The dashboard answered an error or drew no graph for a snapshot read fine above: no input of the user's to fix,
      // so an internal error (exit 3), said as /api/report.png says it.
      if (e instanceof ReportRenderError) throw new Error(`the report could not be rendered: ${e.message}`, { cause: e });
      throw e;
    } finally {
      await closeReportBrowser();
      await server.close();
    }
  });
  await writeOutputFile("--png", png, bytes);
  process.stderr.write(`Wrote ${png} (${bytes.length.toLocaleString("en-US")} bytes)\n`);
  process.stdout.write(out + "\n");
  return 0;
}

/**
 * With sign-in configured (in the environment, or in a .env file Next.js loaded as the dashboard started) every page
 * asks for a session, which report's headless browser has none of: it drew the sign-in page and failed as an internal
 * error, "Sign in to Lambda Permissions Graph".
 */
function refuseSignIn(): void {
  const { enabled, providers } = readAuthSettings(process.env);
  if (!enabled) return;
  throw new UserError(
    `sign-in is configured (${providers.join(", ")}), and report's browser cannot sign in: run report without the sign-in ` +
      "variables (docs/deploy.md), or sign in to the dashboard and use Export PNG",
  );
}

/**
 * How a `report` user draws fewer nodes: one function's view (--function), or, once that is the view, the dashboard's
 * filters, which this command does not have (a focused view draws the function's whole neighbourhood).
 */
function fewerNodes(file: string, fn: string | undefined): string {
  const filtered = `serve ${shellArg(file)} and filter the graph by severity, service or region, then Export PNG`;
  return fn ? filtered : `give --function NAME|ARN to draw one function and what connects to it, or ${filtered}`;
}
