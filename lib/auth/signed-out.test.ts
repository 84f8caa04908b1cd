/**
 * A sign-out record survives a crash right after sign-out: were it lost, the signed-out cookie would open the
 * dashboard again. The file system calls are watched (the real ones still run) to see the record's bytes reach the
 * disk before its name appears, and the directory synced after it.
 */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const calls: string[] = [];
vi.mock("node:fs/promises", async (original) => {
  const real = await original<typeof import("node:fs/promises")>();
  const named = (p: unknown) => basename(String(p));
  const open: typeof real.open = async (path, ...rest) => {
    const handle = await real.open(path, ...rest);
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      calls.push(`fsync ${named(path)}`);
      return sync();
    };
    return handle;
  };
  const rename: typeof real.rename = async (from, to) => {
    calls.push(`rename ${named(to)}`);
    return real.rename(from, to);
  };
  return { ...real, default: { ...real, open, rename }, open, rename };
});

const { rememberSignOut, isSignedOut, SIGNED_OUT_DIR } = await import("./signed-out");

const dataDir = mkdtempSync(join(tmpdir(), "lpg-signed-out-"));
const env = { LPG_DATA_DIR: dataDir };
const dir = join(dataDir, SIGNED_OUT_DIR);
const NOW = Date.UTC(2026, 2, 2, 8) / 1000;
const session = (sub: string) => ({ provider: "github", sub, signedInAt: NOW - 60 });

beforeEach(() => {
  calls.length = 0;
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a sign-out record", () => {
  it("is synced to disk before it is given its name, and its directory after", async () => {
    await rememberSignOut(session("alice"), env, NOW);
    const [record] = readdirSync(dir);
    expect(record).toMatch(/^\d+-[0-9a-f]{64}$/);
    const named = calls.indexOf(`rename ${record}`);
    expect(named, `the record was not written by a rename: ${calls.join(", ")}`).toBeGreaterThan(0);
    expect(calls.slice(0, named).some((c) => c.startsWith(`fsync .${record}.`)), "the record's bytes were not synced before its name").toBe(true);
    expect(calls.slice(named + 1)).toContain(`fsync ${SIGNED_OUT_DIR}`);
    // The first sign-out made the directory: its name in the data directory must reach the disk too.
    const made = calls.indexOf(`fsync ${basename(dataDir)}`);
    expect(made, `the new directory's entry was not synced: ${calls.join(", ")}`).toBeGreaterThanOrEqual(0);
    expect(made).toBeLessThan(named);
  });

  it("is kept when another process's write is still in progress in the directory, whose temp file is left alone", async () => {
    // Another server's sign-out between writing its temp file and renaming it: named as writeFileAtomic names it.
    const inProgress = `.${Math.ceil(NOW + 3600)}-${"a".repeat(64)}.4242.${"0".repeat(12)}.tmp`;
    writeFileSync(join(dir, inProgress), "");
    // And one a crash left long ago, which nobody will rename.
    const crashed = `.${Math.ceil(NOW + 3600)}-${"b".repeat(64)}.4243.${"1".repeat(12)}.tmp`;
    writeFileSync(join(dir, crashed), "");
    const longAgo = new Date((NOW - 86_400) * 1000);
    utimesSync(join(dir, crashed), longAgo, longAgo);

    await rememberSignOut(session("bob"), env, NOW);

    const left = readdirSync(dir);
    expect(left).toContain(inProgress);
    expect(left).not.toContain(crashed);
    expect(isSignedOut(session("bob"), env)).toBe(true);
  });

  // Last: the stop is the process's, and for good.
  it("is not written once the server's stop began, and the log says what that means rather than blame the directory", async () => {
    const { settleWritesBeforeStop } = await import("@/lib/store/writes-in-flight");
    await settleWritesBeforeStop(() => undefined);
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const before = readdirSync(dir);
    await rememberSignOut(session("carol"), env, NOW);
    expect(readdirSync(dir)).toEqual(before);
    expect(isSignedOut(session("carol"), env)).toBe(true); // by this process, until it ends
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/^a sign-out as the server stopped was not recorded: that session's cookie opens the dashboard again once it restarts/);
    log.mockRestore();
  });
});
