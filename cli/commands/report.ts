/**
 * `report FILE [--function NAME|ARN] --png OUT.png`: the dashboard's graph view of FILE as a PNG report.
 * Runs the dashboard on FILE (read-only, loopback, a free port) and renders through the same path as
 * /api/report.png (lib/report-png/render-server.ts), then stops it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { z } from "zod";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { AnalysisReport } from "@/lib/analysis/types";
import { nodeId } from "@/lib/graph/build";
import { ChromiumMissingError, findChromium } from "@/lib/report-png/chromium";
import { printPath } from "@/lib/report-png/graph-query";
import { closeReportBrowser, renderReportPng } from "@/lib/report-png/render-server";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { UserError, userPath } from "../errors";
import { ensureBuild } from "./serve";

const ReportOptions = z.object({
  png: z.string({ error: "--png OUT.png is required" }).min(1, "--png OUT.png is required"),
  function: z.string().min(1).optional(),
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

async function waitUntilServing(origin: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new UserError(`the dashboard stopped while starting (exit ${child.exitCode})`);
    try {
      const res = await fetch(`${origin}/api/report`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new UserError(`the dashboard did not start within ${timeoutMs / 1000} s`);
}

export async function reportCommand(file: string, rawOptions: unknown): Promise<number> {
  const parsed = ReportOptions.safeParse(rawOptions);
  if (!parsed.success) throw new UserError(parsed.error.issues[0]?.message ?? "invalid options");
  const { png, function: fn } = parsed.data;
  if (!/\.png$/i.test(png)) throw new UserError(`--png ${png}: the output file must end in .png`);
  const input = userPath(file);
  const out = userPath(png);
  try {
    findChromium();
  } catch (e: unknown) {
    if (e instanceof ChromiumMissingError) throw new UserError(e.message);
    throw e;
  }
  const snapshot = await readSnapshotFile(input); // the file's own error, before starting anything
  const focus = fn ? functionNodeId(analyzeSnapshot(snapshot), fn) : undefined;

  const env: NodeJS.ProcessEnv = { ...process.env, LPG_SNAPSHOT_FILE: input };
  const root = process.cwd();
  const nextBin = ensureBuild(root, env);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  process.stderr.write(`Rendering ${file}${fn ? ` (focus ${fn})` : ""}…\n`);
  const child = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let serverErrors = "";
  child.stderr?.on("data", (d: Buffer) => (serverErrors = (serverErrors + d.toString()).slice(-2000)));
  try {
    await waitUntilServing(origin, child);
    const bytes = await renderReportPng({ origin, path: printPath({ snapshot: "latest", focus, node: focus }) });
    await writeFile(out, bytes);
    process.stderr.write(`Wrote ${png} (${bytes.length.toLocaleString("en-US")} bytes)\n`);
    process.stdout.write(out + "\n");
    return 0;
  } catch (e: unknown) {
    if (serverErrors && !(e instanceof UserError)) process.stderr.write(serverErrors);
    throw e;
  } finally {
    await closeReportBrowser();
    child.kill("SIGTERM");
  }
}
