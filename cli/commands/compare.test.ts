/**
 * `compare OLD NEW`: the diff the dashboard's compare route answers, for two files; `--fail-on` gates findings new in
 * NEW only. OLD is the demo; NEW a copy with debug-echo's public grant removed (a finding fixed) and store-locator
 * opened to the public (a finding new), or another account let in (a medium finding new), or debug-echo's policy
 * unread (its finding not known fixed).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "@/lib/store/file-store";
import { useDataDir, DEMO_SNAPSHOT } from "@/test/data-dir";
import { withEnv } from "@/test/aws-endpoint/env";
import { runCliInProcess } from "../test-support";

const ACCOUNT = "123456789012";
const fnArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const NEW_CAPTURE = "2026-11-27T09:30:00Z";
const DEBUG_ECHO = fnArn("debug-echo");
const STORE_LOCATOR = fnArn("store-locator");

type Demo = {
  capturedAt: string;
  regions: Record<string, { GetPolicy: Record<string, { Policy: string }> }>;
  errors: { region: string; operation: string; target: string; code: string; message: string }[];
};

const dir = mkdtempSync(path.join(tmpdir(), "lpg-compare-"));
const file = (name: string) => path.join(dir, `${name}.json`);

/**
 * The demo changed by `edit`, written to `name`.json, as a later scan: a store holding only scans of the demo's
 * capture time takes them for demo imports, which it replaces with the bundled demo.
 */
function demoWith(name: string, edit: (s: Demo) => void): string {
  const s = JSON.parse(readFileSync(DEMO_SNAPSHOT, "utf8")) as Demo;
  s.capturedAt = NEW_CAPTURE;
  edit(s);
  writeFileSync(file(name), JSON.stringify(s));
  return file(name);
}

const policies = (s: Demo) => s.regions["us-east-1"]!.GetPolicy;

/** A statement added to store-locator's function policy. */
function grant(s: Demo, statement: Record<string, unknown>): void {
  const entry = policies(s)[STORE_LOCATOR]!;
  const doc = JSON.parse(entry.Policy) as { Statement: unknown[] };
  doc.Statement.push({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: STORE_LOCATOR, ...statement });
  entry.Policy = JSON.stringify(doc);
}

const withoutDebugEcho = (s: Demo) => void delete policies(s)[DEBUG_ECHO];
const publicStoreLocator = (s: Demo) => grant(s, { Sid: "Anyone", Principal: "*" });

/** The last line written: the --fail-on verdict, on stderr. */
const lastLine = (text: string) => text.trimEnd().split("\n").at(-1);

let fixedAndNew = "";
let fixedOnly = "";
let newMedium = "";
let unreadDebugEcho = "";
let unreadAgain = "";
/** A suppressions file accepting the demo's own gaps (the four functions it could not read whole), entries beside them. */
function acceptDemoGaps(name: string, ...more: Record<string, string>[]): string {
  const gaps = ["hr-payroll-export", "clickstream-aggregator", "partner-payouts", "recommendations-batch"];
  const entries = [...gaps.map((fn) => ({ rule: "data-unavailable", function: fn, reason: "denied to the auditor by design" })), ...more];
  writeFileSync(file(name), JSON.stringify({ suppressions: entries }));
  return file(name);
}
const denyDebugEchoPolicy = (s: Demo) => {
  withoutDebugEcho(s);
  s.errors.push({ region: "us-east-1", operation: "GetPolicy", target: DEBUG_ECHO, code: "AccessDeniedException", message: "not authorized to perform: lambda:GetPolicy" });
};
beforeAll(() => {
  fixedAndNew = demoWith("fixed-and-new", (s) => (withoutDebugEcho(s), publicStoreLocator(s)));
  fixedOnly = demoWith("fixed-only", withoutDebugEcho);
  newMedium = demoWith("new-medium", (s) => grant(s, { Sid: "Partner", Principal: { AWS: "arn:aws:iam::999988887777:root" } }));
  // The scan could not read debug-echo's policy: its public grant is not known gone.
  unreadDebugEcho = demoWith("unread", denyDebugEchoPolicy);
  // A week on, still denied: the same gap in both scans.
  unreadAgain = demoWith("unread-again", (s) => (denyDebugEchoPolicy(s), void (s.capturedAt = "2026-12-04T09:30:00Z")));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const compare = (...args: string[]) => runCliInProcess(["compare", ...args]);
const ids = (list: { id: string }[]) => list.map((f) => f.id);

describe("compare --format json", () => {
  const dataDir = useDataDir("lpg-compare-store-");

  it("is the compare route's answer for the same two scans (from, to, sameSnapshot, diff)", async () => {
    const restore = withEnv({ LPG_SUPPRESSIONS: undefined });
    try {
      const store = createFileStore({ dir: dataDir });
      const save = async (f: string) => (await store.saveSnapshot(parseSnapshot(JSON.parse(readFileSync(f, "utf8"))))).meta.id;
      const old = demoWith("old", (s) => void (s.capturedAt = "2026-11-21T09:30:00Z"));
      const [from, to] = [await save(old), await save(fixedAndNew)];
      delete (globalThis as Record<symbol, unknown>)[Symbol.for("lambda-permissions-graph.app-store")];
      const { GET } = await import("@/app/api/snapshots/diff/route");
      const response = await GET(new NextRequest(`http://localhost/api/snapshots/diff?from=${from}&to=${to}`, { headers: { host: "localhost" } }));
      const api = await response.json();
      expect(response.status, JSON.stringify(api)).toBe(200);

      const { code, stdout } = await compare(old, fixedAndNew, "--format", "json");
      expect(code).toBe(0);
      const cli = JSON.parse(stdout);
      // When each side was stored (the route) or read (the command) is the one field that differs.
      const unsaved = (meta: Record<string, unknown>) => ({ ...meta, savedAt: expect.any(String) });
      expect(cli).toEqual({ ...api, from: unsaved(api.from), to: unsaved(api.to) });
      expect([cli.from.id, cli.to.id]).toEqual([from, to]);
      expect(ids(cli.diff.findingsFixed)).toContain(`public-invoke:${DEBUG_ECHO}#AllowAnyoneToInvoke`);
      expect(ids(cli.diff.findingsNew)).toContain(`public-invoke:${STORE_LOCATOR}#Anyone`);
    } finally {
      restore();
    }
  });
});

describe("compare --format text", () => {
  it("counts each list, then one line per finding new and fixed; --fail-on high exits 2 on the new critical one", async () => {
    const { code, stdout, stderr } = await compare(DEMO_SNAPSHOT, fixedAndNew, "--fail-on", "high");
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("Account 123456789012: 2026-11-20T09:30:00Z (OLD) compared with 2026-11-27T09:30:00Z (NEW)");
    expect(lines[1]).toMatch(/^Findings: [1-9]\d* new, 1 fixed, 0 changed$/);
    expect(lines).toContain("Fixed findings:");
    expect(lines).toContain("  critical public-invoke  debug-echo: Anyone can invoke this function");
    expect(lines.slice(lines.indexOf("New findings:"))).toContain("  critical public-invoke  store-locator: Anyone can invoke this function");
    expect(stderr).toMatch(/^[1-9]\d* new finding\(s\) at or above high$/m);
    // stderr's last line says why the exit code is 2; the report on stdout is the diff alone, as analyze's is.
    expect(lastLine(stderr)).toMatch(/^exit 2: [1-9]\d* new findings? at or above high; and 4 data-unavailable or not-known-new findings: /);
    expect(stdout).not.toMatch(/^exit \d/m);
    // Progress as analyze logs it, one scan after the other.
    expect(stderr).toContain(`Analysing ${DEMO_SNAPSHOT}…\nAnalysing ${fixedAndNew}…`);
  });

  it("the lists one scan could not check are counted apart, with why they are not changes", async () => {
    const { code, stdout } = await compare(DEMO_SNAPSHOT, unreadDebugEcho, "--format", "text");
    expect(code).toBe(0);
    // Only that debug-echo's data could not be read is new.
    expect(stdout).toContain("Findings: 1 new, 0 fixed, 0 changed\n");
    expect(stdout).toContain("New findings:\n  info     data-unavailable  debug-echo: Missing data: GetPolicy (AccessDeniedException)");
    expect(stdout).not.toContain("Fixed findings:");
    expect(stdout).toMatch(/^Not known \(1 finding not known fixed.*\): one scan could not read the data they rest on, so they are not counted above; --fail-on takes those not known new, at its threshold, as data not read$/m);
  });

  it("the same file on both sides says there is nothing to compare", async () => {
    const { code, stdout } = await compare(DEMO_SNAPSHOT, DEMO_SNAPSHOT);
    expect(code).toBe(0);
    expect(stdout).toContain("OLD and NEW are the same scan: there is nothing to compare.\n");
  });
});

describe("compare --fail-on", () => {
  it("findings only fixed: exit 0 at any threshold", async () => {
    const { code, stdout } = await compare(DEMO_SNAPSHOT, fixedOnly, "--fail-on", "info", "--allow-unknown", "--format", "json");
    expect(code).toBe(0);
    const { diff } = JSON.parse(stdout);
    expect(diff.findingsNew).toEqual([]);
    expect(diff.findingsFixed.length).toBeGreaterThan(0);
  });

  it("a new finding below the threshold: exit 0; at it: exit 2", async () => {
    const high = await compare(DEMO_SNAPSHOT, newMedium, "--fail-on", "HIGH", "--allow-unknown", "--format", "json");
    expect(high.code).toBe(0);
    expect(JSON.parse(high.stdout).diff.findingsNew.map((f: { rule: string; severity: string }) => `${f.severity} ${f.rule}`)).toEqual(["medium cross-account-invoke"]);
    expect((await compare(DEMO_SNAPSHOT, newMedium, "--fail-on", "medium", "--allow-unknown")).code).toBe(2);
  });

  it("a finding not known fixed is not gated; one not known new at the threshold is unread data: exit 2 unless --allow-unknown", async () => {
    const demoGaps = acceptDemoGaps("demo-gaps");
    const fixed = await compare(DEMO_SNAPSHOT, unreadDebugEcho, "--fail-on", "critical", "--allow-unknown", "--format", "json");
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout).diff.findingsUnverified).toEqual([expect.objectContaining({ severity: "critical", rule: "public-invoke" })]);
    // NEW, the demo, read everything; OLD could not, so its critical finding may be new: unknown, not fine.
    const fresh = await compare(unreadDebugEcho, DEMO_SNAPSHOT, "--fail-on", "critical", "--suppress", demoGaps, "--format", "json");
    expect(fresh.code).toBe(2);
    expect(JSON.parse(fresh.stdout).diff.findingsUnknownBefore).toEqual([expect.objectContaining({ severity: "critical", rule: "public-invoke" })]);
    expect(fresh.stderr).toMatch(/^1 data-unavailable or not-known-new finding\(s\): data the analysis needed could not be read.*--allow-unknown/m);
    const allowed = await compare(unreadDebugEcho, DEMO_SNAPSHOT, "--fail-on", "critical", "--suppress", demoGaps, "--allow-unknown");
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain("warning: 1 data-unavailable or not-known-new finding(s) not gated (--allow-unknown)");
    expect(lastLine(allowed.stderr)).toBe("exit 0: no new finding at or above critical; 1 data-unavailable or not-known-new finding let through (--allow-unknown)");
    expect(allowed.stdout).not.toMatch(/^exit \d/m);
  });
});

describe("compare --fail-on: the newer scan could not read data", () => {
  // The demo's own gaps accepted, so that debug-echo's unread policy is the one gap left.
  let demoGaps = "";
  beforeAll(() => void (demoGaps = acceptDemoGaps("demo-gaps-only")));

  it("NEW's data-unavailable finding, below the threshold, still exits 2, saying why", async () => {
    const { code, stdout, stderr } = await compare(DEMO_SNAPSHOT, unreadDebugEcho, "--fail-on", "high", "--suppress", demoGaps);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^1 data-unavailable or not-known-new finding\(s\): data the analysis needed could not be read, so those functions are unknown, not fine/m);
    expect(stdout).not.toMatch(/^exit \d/m);
    expect(lastLine(stderr)).toBe(
      "exit 2: 1 data-unavailable or not-known-new finding: data could not be read, so it is unknown, not fine (accept with --suppress, or use --allow-unknown)",
    );
  });

  it("--allow-unknown lets it through, warned of on stderr", async () => {
    const { code, stdout, stderr } = await compare(DEMO_SNAPSHOT, unreadDebugEcho, "--fail-on", "high", "--suppress", demoGaps, "--allow-unknown");
    expect(code).toBe(0);
    expect(stderr).toMatch(/^warning: 1 data-unavailable or not-known-new finding\(s\) not gated \(--allow-unknown\): data the analysis needed could not be read, so those functions are unknown, not fine$/m);
    expect(stdout).not.toMatch(/^exit \d/m);
    expect(lastLine(stderr)).toBe("exit 0: no new finding at or above high; 1 data-unavailable or not-known-new finding let through (--allow-unknown)");
  });

  it("the same gap in both scans is not new, yet the newer scan still could not read it: exit 2", async () => {
    const { code, stdout, stderr } = await compare(unreadDebugEcho, unreadAgain, "--fail-on", "high", "--suppress", demoGaps, "--format", "json");
    expect(code).toBe(2);
    // Said on stderr in JSON too, as in text, so `> diff.json` stays one JSON document.
    expect(lastLine(stderr)).toMatch(/^exit 2: 1 data-unavailable or not-known-new finding: /);
    const { diff } = JSON.parse(stdout);
    expect(diff.findingsNew.map((f: { rule: string }) => f.rule)).not.toContain("data-unavailable");
  });

  it("accepted in the suppressions file: exit 0, as analyze --suppress accepts it", async () => {
    const accepted = acceptDemoGaps("accept-unread", { rule: "data-unavailable", function: "debug-echo", reason: "GetPolicy is denied to the auditor by an SCP" });
    const { code, stderr } = await compare(unreadDebugEcho, unreadAgain, "--fail-on", "high", "--suppress", accepted);
    expect(code).toBe(0);
    expect(lastLine(stderr)).toBe("exit 0: no new finding at or above high; nothing left unknown");
  });
});

describe("compare --suppress", () => {
  it("a finding the file accepts is neither new nor gated, as analyze --suppress leaves it out", async () => {
    const accepted = path.join(dir, "suppressions.json");
    writeFileSync(accepted, JSON.stringify({ suppressions: [{ rule: "public-invoke", function: "store-locator", reason: "public by design" }] }));
    const { code, stdout } = await compare(DEMO_SNAPSHOT, fixedAndNew, "--suppress", accepted, "--fail-on", "high", "--allow-unknown", "--format", "json");
    expect(code).toBe(0);
    const { diff } = JSON.parse(stdout);
    expect(ids(diff.findingsNew)).not.toContain(`public-invoke:${STORE_LOCATOR}#Anyone`);
    expect(ids(diff.findingsFixed)).toContain(`public-invoke:${DEBUG_ECHO}#AllowAnyoneToInvoke`);
  });
});

describe("compare --help", () => {
  it("names both files, the formats and what --fail-on gates", async () => {
    const { code, stdout } = await compare("--help");
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: npm run cli -- compare [options] <old> <new>");
    expect(stdout).toContain("json (the diff API's answer) | text (default: text)");
    expect(stdout).toMatch(/--fail-on <severity>\s+exit 2 when a finding new in NEW is at or above this/);
    expect(stdout).toMatch(/--allow-unknown\s+with --fail-on: do not also exit 2 when data could not\s+be read/);
  });
});

describe("compare: files that cannot be compared", () => {
  it("a file that does not read: exit 1, one line naming OLD or NEW and why, before any analysis", async () => {
    const missing = await compare(DEMO_SNAPSHOT, path.join(dir, "nope.json"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`error: NEW snapshot: ${path.join(dir, "nope.json")}: cannot read (no such file)\n`);
    writeFileSync(file("cut"), "{\"format\":");
    const cut = await compare(file("cut"), DEMO_SNAPSHOT);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(new RegExp(`^error: OLD snapshot: ${file("cut")}: .*not valid JSON.*\n$`));
  });

  // Only the error line on stderr: no "Analysing …" line, since the snapshots already say whose scans they are.
  it("scans of two accounts: exit 1 saying so, before either is analysed", async () => {
    const other = demoWith("other-account", (s) => void ((s as unknown as { account: string }).account = "999988887777"));
    const { code, stdout, stderr } = await compare(DEMO_SNAPSHOT, other);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("error: OLD and NEW: these scans are of different accounts (123456789012 and 999988887777): nothing in one can be in the other, so they are not compared\n");
  });

  it("one account id in two partitions: exit 1 saying so, before either is analysed", async () => {
    const china = demoWith("china", (s) => void ((s as unknown as { partition: string }).partition = "aws-cn"));
    const { code, stderr } = await compare(DEMO_SNAPSHOT, china);
    expect(code).toBe(1);
    expect(stderr).toBe("error: OLD and NEW: these scans are of account 123456789012 in different partitions (aws and aws-cn): nothing in one can be in the other, so they are not compared\n");
  });
});
