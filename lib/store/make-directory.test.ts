import { describe, expect, it } from "vitest";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { makeDirectory } from "./make-directory";

describe("makeDirectory", () => {
  it("makes every missing level, and is a no-op on a directory that exists", async () => {
    const base = mkdtempSync(path.join(tmpdir(), "lpg-mkdir-"));
    const deep = path.join(base, "a", "b", "c");
    await makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    await makeDirectory(deep);
    await makeDirectory(base);
  });

  it("a file in the way is an error with its code", async () => {
    const base = mkdtempSync(path.join(tmpdir(), "lpg-mkdir-"));
    writeFileSync(path.join(base, "file"), "");
    await expect(makeDirectory(path.join(base, "file", "sub"))).rejects.toMatchObject({ code: "ENOTDIR" });
  });

  it.runIf(process.platform === "linux")("under /proc it fails at once with the file system's error (Node's recursive mkdir never returns there)", async () => {
    const err = await makeDirectory("/proc/lpg-test/snapshots").catch((e: unknown) => e);
    expect((err as NodeJS.ErrnoException).code).toMatch(/^E[A-Z]+$/);
  }, 5_000);
});
