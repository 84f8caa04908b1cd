/** `serve` on a port or address it cannot listen on: said at once, before a build of minutes, as one user error. */
import { createServer, type Server } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withEnv } from "@/test/aws-endpoint/env";
import { freePort } from "@/lib/http/free-port";
import { UserError } from "../errors";
import { serveCommand } from "./serve";

let held: Server | undefined;
let root = "";
let restoreEnv = () => {};
beforeEach(() => {
  // An app root with no build and no Next.js: reaching the build would fail with "next build failed" instead.
  root = mkdtempSync(path.join(tmpdir(), "lpg-serve-port-"));
  restoreEnv = withEnv({ LPG_APP_ROOT: root, LPG_ALLOW_UNAUTHENTICATED: "1" });
});
afterEach(async () => {
  vi.restoreAllMocks();
  restoreEnv();
  rmSync(root, { recursive: true, force: true });
  await new Promise((resolve) => (held ? held.close(resolve) : resolve(undefined)));
  held = undefined;
});

function holdPort(): Promise<number> {
  return new Promise((resolve) => {
    held = createServer().listen(0, "127.0.0.1", () => resolve((held!.address() as { port: number }).port));
  });
}

describe("serve on a port or address it cannot use", () => {
  it("a port in use is said before the build starts", async () => {
    const port = await holdPort();
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const served = serveCommand(undefined, { port: String(port) });
    await expect(served).rejects.toBeInstanceOf(UserError);
    await expect(served).rejects.toThrow(`port ${port} is already in use on 127.0.0.1: stop what uses it or pass --port`);
    expect(stderr.mock.calls.join("")).not.toMatch(/Building the dashboard/);
  });

  it("a --host that is not this machine's is a user error, not an internal one", async () => {
    const served = serveCommand(undefined, { port: String(await freePort()), host: "192.0.2.1" });
    await expect(served).rejects.toBeInstanceOf(UserError);
    await expect(served).rejects.toThrow("--host 192.0.2.1 is not an address of this machine: pass one of its own, or 127.0.0.1");
  });
});
