/** startDashboard (shared by `serve` and `report`) on a project whose build is gone: a user error saying to rebuild. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { withEnv } from "@/test/aws-endpoint/env";
import { freePort } from "@/lib/http/free-port";
import { UserError } from "../errors";
import { startDashboard } from "./serve";

let dir: string | undefined;
let restoreEnv: (() => void) | undefined;
afterEach(() => {
  restoreEnv?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("startDashboard without a production build", () => {
  it("is a user error naming the .next directory and `npm run build`", async () => {
    // The server sets PORT, as `next start` does: put it back.
    restoreEnv = withEnv({ PORT: process.env.PORT });
    dir = mkdtempSync(path.join(tmpdir(), "lpg-no-build-"));
    const started = startDashboard({ dir, host: "127.0.0.1", port: await freePort() });
    await expect(started).rejects.toBeInstanceOf(UserError);
    await expect(started).rejects.toThrow(
      `the dashboard's build in ${path.join(dir, ".next")} is missing or incomplete: run \`npm run build\` in ${dir} and try again`,
    );
  });
});
