/** For tests only: `report` run through the CLI's entry with the dashboard stubbed (no build, no server). */
import { afterEach, beforeEach, vi } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { withEnv } from "@/test/aws-endpoint/env";
import type * as Serve from "./serve";

/**
 * serve.ts with no build and a dashboard that is never started, for `vi.mock("./serve", async (original) =>
 * (await import("./test-support")).withoutDashboard(original))`: imported inside the factory, which vi.mock hoists
 * above the file's imports.
 */
export async function withoutDashboard(original: () => Promise<unknown>): Promise<typeof Serve> {
  return {
    ...((await original()) as typeof Serve),
    ensureBuild: () => undefined,
    startDashboard: async () => ({ url: "http://127.0.0.1:1", close: async () => undefined }),
  };
}

/**
 * A directory of each test's own (`dir()`, for the PNG it writes), and `env` set for it; after it, the directory
 * removed, the environment as it was and every spy restored.
 */
export function useReportScratch(prefix: string, env: Record<string, string | undefined>): () => string {
  let dir = "";
  let restoreEnv = () => {};
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    restoreEnv = withEnv(env);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    restoreEnv();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
