/**
 * `serve [FILE]`: the production dashboard. Builds first when no build exists or sources are newer than it,
 * so `npm start` on a fresh clone just works. Local mode binds loopback; another host needs sign-in configured
 * or an explicit opt-out, because the dashboard shows an account's permissions.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { z } from "zod";
import { appRoot } from "@/lib/app-root";
import { isLoopbackHost } from "@/lib/auth/access";
import type { DashboardServer, DashboardServerOptions } from "@/lib/http/dashboard-server";
import { readAuthSettings, unauthenticatedAllowed, type Env } from "@/lib/auth/settings";
import { SuppressOption, suppressInDashboard } from "../suppressions-file";
import { parseOptions, UserError, userPath } from "../errors";
import { withLogsOnStderr } from "../logs-to-stderr";
import { untilStopped } from "../interrupts";
import { readSnapshotArgument, refuseStdin } from "../snapshot-argument";

const ServeOptions = z.object({
  // One message for every bad port: 0 and 3.5 are numbers too, so "must be a number" misled.
  port: z.coerce.number({ error: "--port must be a whole number from 1 to 65535" }).int().min(1).max(65535).default(3000),
  host: z.string().min(1, "--host needs a host name or address").default("127.0.0.1"),
  suppress: SuppressOption,
});

const SOURCE_DIRS = ["app", "components", "lib", "public"];
/**
 * Files at the root the build compiles or is configured by: the request proxy (sign-in, headers) and the start-up
 * hook (its warnings) are code too.
 */
const BUILD_INPUT_FILES = ["proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "tailwind.config.ts", "postcss.config.mjs"];

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const configs = BUILD_INPUT_FILES.map((f) => path.join(root, f));
  const newestConfig = Math.max(0, ...configs.filter(existsSync).map((f) => statSync(f).mtimeMs));
  return Math.max(newestConfig, ...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d)))) > built;
}

/** Why `serve` must not start with these options and this environment, or null when it may. */
export function serveRefusal(host: string, env: Env = process.env): string | null {
  const settings = readAuthSettings(env);
  if (settings.problems.length) return `sign-in is misconfigured: ${settings.problems.join("; ")} (see docs/deploy.md)`;
  const loopback = host === "::1" || isLoopbackHost(host);
  if (!loopback && !settings.enabled && !unauthenticatedAllowed(env)) {
    return (
      `refusing to listen on ${host} without sign-in: configure a sign-in provider (see docs/deploy.md), ` +
      "or set LPG_ALLOW_UNAUTHENTICATED=1 if a proxy in front of it authenticates users"
    );
  }
  return null;
}

/**
 * What `serve` says once, when it listens: where and in which mode. Warnings about the setup (cookies that will not
 * be `Secure`) were said as the server started, by instrumentation.ts, as under `next start`.
 */
export function startMessage(url: string, file: string | undefined, env: Env = process.env): string {
  const settings = readAuthSettings(env);
  const mode = settings.enabled ? `sign-in: ${settings.providers.join(", ")}` : unauthenticatedAllowed(env) ? "no sign-in (LPG_ALLOW_UNAUTHENTICATED=1)" : "local mode, loopback only";
  return `Dashboard on ${url}${file ? ` showing ${file}` : ""}, ${mode} (Ctrl+C stops it)\n`;
}

/**
 * Builds the dashboard of `root` when needed (shared with `report`). The build's output is progress: stderr, like
 * ours. `next build` builds its working directory, so it runs in `root`, wherever the CLI was started.
 */
export function ensureBuild(root: string): void {
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (buildIsStale(root)) {
    process.stderr.write("Building the dashboard (next build, one to a few minutes on a small machine)…\n");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: ["ignore", 2, "inherit"] });
    if (build.status !== 0) throw new UserError("next build failed (see the output above)");
  }
}

/** What a listen that failed means to the user, when it is theirs to fix (a port taken, an address not this machine's). */
function listenError(e: unknown, host: string, port: number): UserError | undefined {
  const code = (e as { code?: string }).code;
  if (code === "EADDRINUSE") return new UserError(`port ${port} is already in use on ${host}: stop what uses it or pass --port`);
  if (code === "EADDRNOTAVAIL") return new UserError(`--host ${host} is not an address of this machine: pass one of its own, or 127.0.0.1`);
  if (code === "EACCES") return new UserError(`port ${port} needs more privileges than this user has: pass --port 1024 or above`);
  return undefined;
}

/**
 * Listens once and lets go, before the build: `npm start` while another dashboard held port 3000 built for minutes
 * and only then said the port was taken. The server's own listen still says so should the port be taken meanwhile.
 */
export function refuseUnusablePort(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (e) => reject(listenError(e, host, port) ?? e));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** The dashboard server (shared with `report`), loaded on use: Next.js is heavy and other commands need none of it. */
export async function startDashboard(options: DashboardServerOptions): Promise<DashboardServer> {
  const { startDashboardServer } = await import("@/lib/http/dashboard-server");
  return startDashboardServer(options).catch((e: unknown) => {
    const unusable = listenError(e, options.host, options.port);
    if (unusable) throw unusable;
    // ensureBuild saw a BUILD_ID, but Next found no usable build (removed or cut short since): rebuilding fixes it.
    if (e instanceof Error && e.message.startsWith("Could not find a production build")) {
      throw new UserError(`the dashboard's build in ${path.join(options.dir, ".next")} is missing or incomplete: run \`npm run build\` in ${options.dir} and try again`);
    }
    throw e;
  });
}

export async function serveCommand(file: string | undefined, rawOptions: unknown): Promise<number> {
  const { port, host, suppress } = parseOptions(ServeOptions, rawOptions);
  const refusal = serveRefusal(host);
  if (refusal) throw new UserError(refusal);
  refuseStdin("serve", file);
  if (file) {
    const full = userPath(file);
    await readSnapshotArgument(file); // fail here, with the file's error (or what it set aside), rather than in the browser
    process.env.LPG_SNAPSHOT_FILE = full;
  }
  await suppressInDashboard(suppress);
  await refuseUnusablePort(host, port);
  const root = appRoot();
  ensureBuild(root);
  // serve prints no result: whatever Next.js logs while it runs ("✓ Running next.config.js …") is progress (cli.md).
  return withLogsOnStderr(async () => {
    const server = await startDashboard({ dir: root, host, port });
    process.stderr.write(startMessage(server.url, file));
    // Writes into the store in flight (an upload's, a scan's) are let finish first, and the answers in progress are
    // sent; a second interrupt stops at once (untilStopped), also while the server closes.
    const say = (line: string) => process.stderr.write(`${line}\n`);
    await untilStopped(async () => {
      // Loaded on use, as the dashboard is: the scan's SDK clients are heavy. The job's state is the process's (globalThis).
      const { settleScanBeforeStop } = await import("@/lib/scan/scan-job");
      // In one go: from here on no write begins (an upload still arriving is answered 503, writes-in-flight.ts), and
      // each answer in progress is its connection's last, so that the close waits for none but those.
      const closed = server.close().catch(() => undefined);
      await settleScanBeforeStop(say);
      await closed;
    });
    return 0;
  });
}
