/** `scan` end to end: the CLI process and the real SDK against the local AWS endpoint (cli.md contract). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAwsEndpoint, type AwsEndpoint } from "@/test/aws-endpoint/server";
import { scenarioFromSnapshot } from "@/test/aws-endpoint/scenario";
import { comparable } from "@/test/aws-endpoint/normalize";
import { endpointEnv } from "@/test/aws-endpoint/env";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ABANDONED_WRITE, FINISHING_WRITE } from "@/lib/store/interrupted";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const root = path.resolve(__dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "lpg-scan-cli-"));
const SECRET = "sk_live_do-not-leak-4242";
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const scenario = structuredClone(demo);
scenario.regions!["eu-west-1"]!.ListFunctions!.Functions![0]!.Environment = { Variables: { STRIPE_SECRET: SECRET } };
/** A description anyone who may update the function can set: Lambda does not refuse C1 controls (U+009B is CSI). */
const CRAFTED_DESCRIPTION = "cleared \u009b2J\u009b3J retitled \u009d0;pwned\u0007 \u007f";
scenario.regions!["us-east-1"]!.ListFunctions!.Functions![0]!.Description = CRAFTED_DESCRIPTION;
let endpoint: AwsEndpoint;

/**
 * Asynchronous spawn: the endpoint lives in this process and must keep answering while the CLI runs. `hold`: a
 * write of the CLI held (test/hold-fs-call.ts), `onHeld` called with the child once it is.
 */
function cli(
  args: string[],
  env: Record<string, string | undefined>,
  hold?: { call: "link" | "rename"; path: string; onHeld: (child: ChildProcess) => void },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const preload = hold ? ["--import", path.join(root, "test/hold-fs-call.ts")] : [];
    const child = spawn(process.execPath, ["--import", "tsx", ...preload, path.join(root, "cli/main.ts"), ...args], {
      cwd: root,
      env: {
        ...process.env,
        INIT_CWD: dir,
        LPG_DATA_DIR: path.join(dir, "store"),
        LPG_DEMO_SNAPSHOT: "/nonexistent",
        ...(hold ? { HOLD_FS_CALL: hold.call, HOLD_PATH: hold.path } : {}),
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdin.on("error", () => undefined); // a child that ended on the signal no longer reads
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (hold && /^holding /m.test(stderr) && !child.killed) hold.onHeld(child);
    });
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const lines = (stderr: string) => stderr.split("\n").filter((l) => l.trim());

beforeAll(async () => {
  endpoint = await startAwsEndpoint({ scenario: scenarioFromSnapshot(scenario) });
});
afterAll(async () => {
  await endpoint.close();
});

describe("cli scan", () => {
  it("--out FILE writes the snapshot; progress and summary on stderr; no env value anywhere", async () => {
    const r = await cli(["scan", "--regions", "us-east-1,eu-west-1", "--out", "snap.json"], endpointEnv(endpoint.url));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("snap.json");
    expect(r.stderr).toMatch(/Scanned account 123456789012: \d+ functions in 2 region\(s\), .*, 5 calls failed, /);
    expect(r.stderr).toMatch(/\[#+\] 100%/);
    // The demo's refused reads, replayed by the endpoint, named by call and code after the summary.
    expect(lines(r.stderr)).toContain(
      "Failed calls: GetKeyPolicy AccessDeniedException ×2 (us-east-1); ListGrants AccessDeniedException ×2 (us-east-1); " +
        "GetPolicy AccessDeniedException ×1 (us-east-1). The analysis reports what they would have read as unknown, never as fine; " +
        "`analyze` lists each one.",
    );
    const text = readFileSync(path.join(dir, "snap.json"), "utf8");
    expect(text).not.toContain(SECRET);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    const written = parseSnapshot(text);
    const expected = parseSnapshot(scenario);
    expect(comparable(written)).toEqual(comparable(expected)); // parseSnapshot redacts the scenario's value too
    // The written file is parsed (and so redacted) again on the way out; that the scanner redacts on arrival, before
    // that parse, is checked in lib/aws/collect.test.ts ("redacts environment values as each function arrives").
  });

  it("--out - writes the snapshot to stdout (scan --out - | analyze -), not to a file named -", async () => {
    const r = await cli(["scan", "--regions", "us-east-1", "--out", "-"], endpointEnv(endpoint.url));
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "-"))).toBe(false);
    const written = parseSnapshot(r.stdout);
    expect(Object.keys(written.regions)).toEqual(["us-east-1"]);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stderr).toMatch(/Scanned account 123456789012/);
    // Printed on a terminal, a raw C1 control would be obeyed; as a JSON escape it reads back as the same text.
    expect(r.stdout).not.toMatch(/[\u007f-\u009f]/);
    expect(written.regions["us-east-1"]!.ListFunctions!.Functions.map((f) => f.Description)).toContain(CRAFTED_DESCRIPTION);
  });

  it("--out FILE.json.gz is gzipped, whatever the case of its extension", async () => {
    const r = await cli(["scan", "--regions", "us-east-1", "--no-organizations", "--out", "SNAP.JSON.GZ"], endpointEnv(endpoint.url));
    expect(r.code).toBe(0);
    const bytes = readFileSync(path.join(dir, "SNAP.JSON.GZ"));
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(Object.keys(parseSnapshot(gunzipSync(bytes).toString()).regions)).toEqual(["us-east-1"]);
  });

  it("without --out stores the snapshot for the dashboard", async () => {
    const r = await cli(["scan", "--regions", "us-east-1"], endpointEnv(endpoint.url));
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    expect(id).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{12}$/);
    const files = readdirSync(path.join(dir, "store", "snapshots"));
    expect(files).toContain(`${id}.json.gz`);
    const stored = gunzipSync(readFileSync(path.join(dir, "store", "snapshots", `${id}.json.gz`))).toString();
    expect(stored).not.toContain(SECRET);
    expect(Object.keys(JSON.parse(stored).regions)).toEqual(["us-east-1"]);
  });

  it.each([
    ["the snapshot file", "link", "snapshots/"],
    ["the index", "rename", "index.json"],
  ] as const)("Ctrl-C while %s is written into the store leaves no temp file, and the index and files agreeing", async (_, call, held) => {
    const store = path.join(dir, `interrupted-${call}`);
    const r = await cli(["scan", "--regions", "us-east-1", "--no-organizations"], { ...endpointEnv(endpoint.url), LPG_DATA_DIR: store }, {
      call,
      path: held,
      onHeld: (child) => {
        child.kill("SIGINT");
        child.stdin!.write("go on\n");
      },
    });
    expect(r.stderr).toMatch(/^holding /m);
    expect(r.signal).toBe("SIGINT"); // ends as Ctrl-C ends a command, for the shell and scripts
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // The save was finished before the process ended: it is stored whole, and said so (not on stdout: no success).
    const index = JSON.parse(readFileSync(path.join(store, "index.json"), "utf8")) as { snapshots: { id: string }[] };
    const ids = index.snapshots.map((s) => s.id);
    expect(ids).toHaveLength(1);
    expect(r.stderr).toContain(`Interrupted: the snapshot was stored as ${ids[0]} before stopping.`);
    expect(r.stdout).toBe("");
    expect(readdirSync(store).sort()).toEqual(["index.json", "snapshots"]);
    expect(readdirSync(path.join(store, "snapshots"))).toEqual([`${ids[0]}.json.gz`]);
  });

  it("a second Ctrl-C while the store's write is held stops at once, says so, and leaves no temp file", async () => {
    const store = path.join(dir, "interrupted-twice");
    const r = await cli(["scan", "--regions", "us-east-1", "--no-organizations"], { ...endpointEnv(endpoint.url), LPG_DATA_DIR: store }, {
      call: "link",
      path: "snapshots/",
      onHeld: (child) => {
        let said = "";
        child.stderr!.on("data", (d: Buffer) => {
          said += d.toString();
          if (said.includes(FINISHING_WRITE) && child.signalCode === null) child.kill("SIGINT");
        });
        child.kill("SIGINT");
      },
    });
    expect(r.signal).toBe("SIGINT");
    expect(r.stderr).toContain(FINISHING_WRITE);
    expect(r.stderr).toContain(ABANDONED_WRITE);
    expect(r.stderr).not.toContain("stored as");
    expect(readdirSync(path.join(store, "snapshots"))).toEqual([]);
  });

  it("a store directory that cannot be written is a user error before the scan, not an internal error after it", async () => {
    const file = path.join(dir, "not-a-dir");
    writeFileSync(file, "");
    const r = await cli(["scan", "--regions", "us-east-1"], { ...endpointEnv(endpoint.url), LPG_DATA_DIR: file });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `error: cannot store the snapshot in ${file} (ENOTDIR): set LPG_DATA_DIR to a directory you can write, or pass --out FILE`,
    ]); // no progress bar, no "Scanned account": nothing was read
  });

  it("missing credentials: exit 1 and one clear line, no stack", async () => {
    const env = { ...endpointEnv(endpoint.url), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined };
    const r = await cli(["scan", "--regions", "us-east-1", "--out", "never.json"], env);
    expect(r.code).toBe(1);
    expect(lines(r.stderr).filter((l) => !l.startsWith("["))).toEqual([expect.stringMatching(/^error: No AWS credentials found .*scan again\.$/)]);
  });

  it("no --regions and no configured region: a user error saying what to pass", async () => {
    const r = await cli(["scan", "--out", "never.json"], { ...endpointEnv(endpoint.url), AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
    expect(r.code).toBe(1);
    expect(lines(r.stderr).filter((l) => !l.startsWith("["))).toEqual([
      "error: No AWS region configured: pass --regions us-east-1,eu-west-1 (or all), or set AWS_REGION.",
    ]);
  });

  it("--no-organizations (listed in scan --help) makes no Organizations call and writes no organizations section", async () => {
    const help = await cli(["scan", "--help"], {});
    expect(help.stdout.replace(/\s+/g, " ")).toContain("--no-organizations do not read the organization's SCPs and RCPs");
    endpoint.reset();
    const without = await cli(["scan", "--regions", "us-east-1", "--no-organizations", "--out", "-"], endpointEnv(endpoint.url));
    expect(without.code).toBe(0);
    expect(endpoint.calls.filter((c) => c.service === "organizations")).toEqual([]);
    expect(parseSnapshot(without.stdout).organizations).toBeUndefined();
    // Without the flag the organization is read.
    endpoint.reset();
    const withOrgs = await cli(["scan", "--regions", "us-east-1", "--out", "-"], endpointEnv(endpoint.url));
    expect(endpoint.calls.filter((c) => c.service === "organizations").map((c) => c.operation)).toContain("DescribeOrganization");
    expect(parseSnapshot(withOrgs.stdout).organizations?.DescribeOrganization).toBeDefined();
  });

  it("the summary says which version policies --version-policies left unread (the analysis calls them unknown)", async () => {
    const r = await cli(["scan", "--regions", "us-east-1", "--version-policies", "0", "--no-organizations", "--out", "-"], endpointEnv(endpoint.url));
    expect(r.code).toBe(0);
    const skipped = parseSnapshot(r.stdout).errors.filter((e) => e.code === "NotRead");
    expect(skipped.length).toBeGreaterThan(0);
    const functions = new Set(skipped.map((e) => e.target!.replace(/:[^:]+$/, ""))).size;
    expect(lines(r.stderr)).toContain(
      `Not read: the resource policies of ${skipped.length} older published version${skipped.length === 1 ? "" : "s"} of ${functions} function${functions === 1 ? "" : "s"} ` +
        "(scan --version-policies). The analysis reports them as unknown; --version-policies all reads every one.",
    );
  });

  it("a bad --version-policies value is a user error", async () => {
    const r = await cli(["scan", "--regions", "us-east-1", "--version-policies", "lots", "--out", "never.json"], endpointEnv(endpoint.url));
    expect(r.code).toBe(1);
    expect(lines(r.stderr).filter((l) => !l.startsWith("["))).toEqual(['error: --version-policies needs a number of versions (e.g. 25) or "all"']);
  });

  it("an --out that cannot be written is a user error before the scan, not after it", async () => {
    mkdirSync(path.join(dir, "outdir"), { recursive: true });
    for (const [out, message] of [
      ["outdir", "error: --out outdir: is a directory; give a file name in it, e.g. outdir/snapshot.json.gz"],
      ["nodir/snap.json", "error: --out nodir/snap.json: directory nodir does not exist; create it first"],
    ]) {
      const r = await cli(["scan", "--regions", "us-east-1", "--out", out!], endpointEnv(endpoint.url));
      expect(r.code).toBe(1);
      expect(lines(r.stderr)).toEqual([message]); // no progress bar, no "Scanned account": nothing was read
    }
  });

  it("a bad region list is a user error", async () => {
    const r = await cli(["scan", "--regions", "us-east-1,Mars", "--out", "never.json"], endpointEnv(endpoint.url));
    expect(r.code).toBe(1);
    expect(lines(r.stderr).filter((l) => !l.startsWith("["))).toEqual(['error: "Mars" is not an AWS region name (e.g. us-east-1)']);
  });
});
