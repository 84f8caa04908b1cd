/** The CLI contract (cli.md): exit codes, one clear line on stderr for user errors, results on stdout. */
import { describe, expect, it, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";

const root = path.resolve(__dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "lpg-cli-"));
const file = path.join(dir, "snap.json");
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "cli/main.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: dir },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The orders function; with `publicInvoke` its worst finding is critical, without it high (the queue role misses ReceiveMessage). */
function ordersSnapshot(publicInvoke: boolean) {
  const b = newBuilder();
  const role = b.role({
    name: "orders-role",
    trust: serviceTrust(),
    inline: {
      q: policy(
        { Sid: "queue", Effect: "Allow", Action: ["sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: QUEUE },
        { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" },
        { Sid: "ip", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
      ),
    },
  });
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs20.x", role });
  b.esm({ functionArn: fn, sourceArn: QUEUE });
  if (publicInvoke) b.permission(fn, { sid: "pub", principal: "*" });
  return b.build();
}

beforeAll(() => {
  writeFileSync(file, JSON.stringify(ordersSnapshot(true)));
  writeFileSync(path.join(dir, "high.json"), JSON.stringify(ordersSnapshot(false)));
  // The same account whose function policy could not be read: who may invoke orders is unknown.
  const denied = ordersSnapshot(false);
  denied.errors = [{ region: REGION, operation: "GetPolicy", target: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`, code: "AccessDeniedException", message: "not authorized to perform: lambda:GetPolicy" }];
  writeFileSync(path.join(dir, "denied.json"), JSON.stringify(denied));

  // A role with a boundary and a tagging condition, for `can` through the command line.
  const w = newBuilder();
  const boundary = w.managedPolicy({ name: "dev-boundary", document: policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }, { Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }) });
  const tagger = w.role({
    name: "tagger-role",
    boundary,
    inline: {
      t: policy(
        { Sid: "Tag", Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team"] } } },
      ),
    },
  });
  w.fn({ region: REGION, name: "tagger", runtime: "nodejs20.x", role: tagger });
  writeFileSync(path.join(dir, "tagger.json"), JSON.stringify(w.build()));
  // orders:live sends 10 % of its calls to version 4, published with a role that cannot delete from the queue;
  // orders:beta 20 % to version 5, whose role was deleted; orders:plain is not weighted.
  const c = newBuilder();
  const logs = { Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" } as const;
  const stable = c.role({ name: "stable-role", inline: { q: policy({ Sid: "queue", Effect: "Allow", Action: "sqs:DeleteMessage", Resource: QUEUE }, logs) } });
  const canaryRole = c.role({ name: "canary-role", inline: { l: policy(logs) } });
  const orders = c.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: stable });
  c.version(orders, "3", stable);
  c.version(orders, "4", canaryRole);
  c.version(orders, "5", `arn:aws:iam::${ACCOUNT}:role/gone-role`);
  c.alias(orders, "live", "3", undefined, { "4": 0.1 });
  c.alias(orders, "beta", "3", undefined, { "5": 0.2 });
  c.alias(orders, "plain", "3");
  writeFileSync(path.join(dir, "canary.json"), JSON.stringify(c.build()));
  writeFileSync(path.join(dir, "broken.json"), '{"format": "lambda-permissions-graph/snapshot@1", "acc');
});

const oneCleanLine = (stderr: string) => {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  return lines[0];
};

describe("cli", () => {
  it("prints --help and exits 0", () => {
    const r = cli("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/analyze/);
    expect(r.stdout).toMatch(/can/);
  });

  it("no command at all is a one-line user error naming the commands, not the whole help on stderr", () => {
    const r = cli();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(oneCleanLine(r.stderr)).toBe("error: no command given; the commands are scan, analyze, compare, serve, report, demo, can, hash-password, help (add --help for usage)");
  });

  it("usage lines name the command as it is run (npm run cli --): no `lpg` is installed on the PATH", () => {
    expect(cli("--help").stdout).toMatch(/^Usage: npm run cli -- \[options\] \[command\]\n/);
    expect(cli("analyze", "--help").stdout).toMatch(/^Usage: npm run cli -- analyze \[options\] <file>\n/);
    expect(cli("help", "scan").stdout).toMatch(/^Usage: npm run cli -- scan \[options\]\n/);
  });

  it("demo prints the demo snapshot's path; one that is not there is a user error naming LPG_APP_ROOT", () => {
    const r = cli("demo");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${path.join(root, "data/demo-snapshot.json")}\n`);
    const elsewhere = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "cli/main.ts"), "demo"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, LPG_APP_ROOT: dir },
    });
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stdout).toBe("");
    expect(oneCleanLine(elsewhere.stderr)).toBe(`error: no demo snapshot at ${path.join(dir, "data/demo-snapshot.json")}: set LPG_APP_ROOT to the repository, or run \`npm run cli -- demo\` in it`);
  });

  it("serve --help shows the port's default as a number, unquoted", () => {
    const help = cli("serve", "--help").stdout.replace(/\s+/g, " ");
    expect(help).toContain("--port <n> port (default: 3000)");
    expect(help).not.toContain('"3000"');
  });

  it("help COMMAND prints that command's help on stdout; an unknown one is a one-line user error", () => {
    const r = cli("help", "analyze");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(cli("analyze", "--help").stdout);
    expect(cli("help").stdout).toBe(cli("--help").stdout);
    const unknown = cli("help", "nosuch");
    expect(unknown.code).toBe(1);
    expect(oneCleanLine(unknown.stderr)).toBe("error: unknown command 'nosuch'; the commands are scan, analyze, compare, serve, report, demo, can, hash-password, help");
  });

  it("--help ends with the exit codes and where the documentation is", () => {
    // A CI author reads the exit codes here before wiring --fail-on; cli.md's codes, with 3 for an internal error.
    const help = cli("--help").stdout.replace(/\s+/g, " ");
    expect(help).toContain("Exit codes: 0 ok, 1 user error (one line on stderr), 2 analyze --fail-on: a finding at or above it, or data that could not be read; compare --fail-on: a new finding at or above it, or data NEW could not read (the verdict's line is the last on stderr), 3 internal error (LPG_DEBUG=1 prints its stack).");
    expect(help).toContain("Each command's options: npm run cli -- COMMAND --help. Documentation: README.md and docs/ in the repository.");
    // Said once, for the program: a command's own help stays about that command.
    expect(cli("analyze", "--help").stdout).not.toContain("Exit codes");
  });

  it("--help after a command that does not exist says so, rather than printing the program's help as if it did", () => {
    // `lpg diff --help` printed the whole help with exit 0: a newcomer guessing a command learned nothing was wrong.
    for (const args of [["diff", "--help"], ["lint", "-h"], ["upload", "snap.json", "--help"]]) {
      const r = cli(...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stdout).toBe("");
      expect(oneCleanLine(r.stderr)).toBe(`error: unknown command '${args[0]}'; the commands are scan, analyze, compare, serve, report, demo, can, hash-password, help`);
    }
    // A known command's help, and the program's own, are unchanged.
    expect(cli("can", "--help").code).toBe(0);
    expect(cli("--help", "diff").code).toBe(0);
  });

  it("--help says which values an option takes and which option is required", () => {
    // Commander wraps help at 80 columns.
    const help = (command: string) => cli(command, "--help").stdout.replace(/\s+/g, " ");
    expect(help("analyze")).toContain("--fail-on <severity> exit 2 when any finding is at or above this severity: critical | high | medium | low | info; also when data could not be read");
    expect(help("report")).toContain("--png <out.png> where to write the PNG (required)");
    // Without --out the snapshot lands in a directory the user has to find to back up or clear.
    expect(help("scan")).toContain("--out <file> write the snapshot here (.json or .json.gz; - for standard output) instead of storing it in LPG_DATA_DIR (default .data/)");
  });

  it("user errors: exit 1, one line naming the file", () => {
    const missing = cli("analyze", "nope.json");
    expect(missing.code).toBe(1);
    expect(oneCleanLine(missing.stderr)).toMatch(/nope\.json: cannot read \(no such file\)/);
    const broken = cli("analyze", "broken.json");
    expect(broken.code).toBe(1);
    expect(oneCleanLine(broken.stderr)).toMatch(/broken\.json: not valid JSON/);
    const badFormat = cli("analyze", "snap.json", "--format", "xml");
    expect(badFormat.code).toBe(1);
    expect(oneCleanLine(badFormat.stderr)).toMatch(/--format must be json, text, sarif or markdown/);
    // Usage errors found by the option parser: one line too, the --help hint on it.
    const noFile = cli("analyze");
    expect(noFile.code).toBe(1);
    expect(oneCleanLine(noFile.stderr)).toBe("error: missing required argument 'file' (add --help for usage)");
    expect(oneCleanLine(cli("analyze", "snap.json", "--bogus").stderr)).toMatch(/unknown option '--bogus'/);
    // Commander's suggestion for a typo is kept on that line.
    expect(oneCleanLine(cli("analyze", "snap.json", "--formt", "json").stderr)).toBe("error: unknown option '--formt' (Did you mean --format?) (add --help for usage)");
    expect(oneCleanLine(cli("analyz", "snap.json").stderr)).toBe("error: unknown command 'analyz' (Did you mean analyze?) (add --help for usage)");
    // JSON.parse's message quotes the text, newlines included: still one line.
    writeFileSync(path.join(dir, "garbage.json"), "garbage\nmore\n");
    expect(oneCleanLine(cli("analyze", "garbage.json").stderr)).toMatch(/garbage\.json: not valid JSON/);
  });

  it("an option's bad value names the option and what it takes", () => {
    const line = (...args: string[]) => {
      const r = cli(...args);
      expect(r.code).toBe(1);
      return oneCleanLine(r.stderr);
    };
    expect(line("serve", "--host", "")).toMatch(/^error: --host /);
    expect(line("report", "snap.json", "--png", "o.png", "--function", "")).toMatch(/^error: --function /);
    // 0 and 3.5 are numbers: the message says which numbers a port may be.
    for (const port of ["0", "3.5", "70000", "abc"]) expect(line("serve", "--port", port)).toBe("error: --port must be a whole number from 1 to 65535");
  });

  it("report: a --png that cannot be written is a user error before the snapshot is even read", () => {
    mkdirSync(path.join(dir, "out.png"), { recursive: true });
    // --function ghost would fail next: no build or render starts whichever check fails.
    const report = (png: string) => cli("report", "snap.json", "--function", "ghost", "--png", png);
    for (const [png, message] of [
      ["nodir/o.png", "error: --png nodir/o.png: directory nodir does not exist; create it first"],
      ["out.png", "error: --png out.png: is a directory; give a file name in it, e.g. out.png/report.png"],
    ]) {
      const r = report(png!);
      expect(r.code).toBe(1);
      expect(oneCleanLine(r.stderr)).toBe(message);
    }
  });

  it("analyze --format json prints the contract's shape, relative paths resolved from where npm was run", () => {
    const r = cli("analyze", "snap.json", "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ account: ACCOUNT, functions: [expect.objectContaining({ name: "orders", region: REGION })] });
    expect(report.functions[0].invokers.map((i: { via: string }) => i.via).sort()).toEqual(["event-source-mapping", "resource-policy"]);
    expect(report.graph.nodes.length).toBeGreaterThan(3);
    expect(Array.isArray(report.findings)).toBe(true);
  });

  it("analyze --format markdown prints a job summary: the counts, then the table of findings", () => {
    const r = cli("analyze", "snap.json", "--format", "markdown");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`## Lambda Permissions Graph · account ${ACCOUNT}`);
    expect(r.stdout).toMatch(/^\| CRITICAL \| public-invoke \| orders \(us-east-1\) \| Anyone can invoke this function \|$/m);
  });

  it("--fail-on exits 2 when a finding is at or above the threshold", () => {
    const r = cli("analyze", "snap.json", "--format", "sarif", "--fail-on", "critical");
    expect(r.code).toBe(2);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === "public-invoke")).toBe(true);
  });

  it("--format and --fail-on take their words in any case, as users type them in CI files", () => {
    const r = cli("analyze", "high.json", "--format", "JSON", "--fail-on", "High");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/finding\(s\) at or above high/);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
    expect(cli("analyze", "high.json", "--fail-on", "hihg").stderr).toBe("error: --fail-on must be one of critical, high, medium, low, info\n");
  });

  it("--fail-on exits 0 when every finding is below the threshold, 2 once one reaches it", () => {
    const report = JSON.parse(cli("analyze", "high.json", "--format", "json").stdout);
    const severities = new Set(report.findings.map((f: { severity: string }) => f.severity));
    expect(severities.has("high")).toBe(true); // worst is high: the threshold is reached at high, not at critical
    expect(severities.has("critical")).toBe(false);
    const below = cli("analyze", "high.json", "--format", "json", "--fail-on", "critical");
    expect(below.code).toBe(0);
    // No count of hits; the verdict line alone says none is at or above it.
    expect(below.stderr).not.toMatch(/finding\(s\) at or above/);
    expect(below.stderr).toMatch(/^exit 0: no finding at or above critical; nothing left unknown$/m);
    const reached = cli("analyze", "high.json", "--format", "json", "--fail-on", "high");
    expect(reached.code).toBe(2);
    expect(reached.stderr).toMatch(/finding\(s\) at or above high/);
    expect(cli("analyze", "high.json", "--format", "json", "--fail-on", "medium").code).toBe(2);
  });

  it("--fail-on says its verdict as the last line on stderr in every format, as compare does: stdout is the report alone", () => {
    for (const format of ["json", "sarif", "text"]) {
      const r = cli("analyze", "high.json", "--format", format, "--fail-on", "high");
      expect(r.code, format).toBe(2);
      expect(r.stderr.trimEnd().split("\n").at(-1), format).toBe("exit 2: 1 finding at or above high");
      expect(r.stdout, format).not.toMatch(/^exit \d/m);
      if (format !== "text") expect(() => JSON.parse(r.stdout), format).not.toThrow();
    }
    expect(cli("analyze", "high.json", "--format", "json", "--fail-on", "critical").stderr.trimEnd().split("\n").at(-1)).toBe(
      "exit 0: no finding at or above critical; nothing left unknown",
    );
  });

  it("--fail-on does not pass an account it could not read: data-unavailable fails the gate unless --allow-unknown or accepted", () => {
    const report = JSON.parse(cli("analyze", "denied.json", "--format", "json").stdout);
    expect(report.findings.filter((f: { rule: string }) => f.rule === "data-unavailable").map((f: { severity: string }) => f.severity)).toEqual(["info"]);
    // high.json is the same account, read whole: below the threshold, it passes.
    expect(cli("analyze", "high.json", "--fail-on", "critical").code).toBe(0);
    const gated = cli("analyze", "denied.json", "--fail-on", "critical");
    expect(gated.code).toBe(2);
    expect(gated.stderr).toMatch(/^1 data-unavailable finding\(s\): data the analysis needed could not be read, so those functions are unknown, not fine/m);
    expect(gated.stderr).not.toMatch(/at or above/);
    const allowed = cli("analyze", "denied.json", "--fail-on", "critical", "--allow-unknown");
    expect(allowed.code).toBe(0);
    // Not gated, but a green build still says on stderr that some checks could not run.
    expect(allowed.stderr).toMatch(/^warning: 1 data-unavailable finding\(s\) not gated \(--allow-unknown\): data the analysis needed could not be read, so those functions are unknown, not fine$/m);
    // At or below the threshold it is counted as a finding, once.
    const info = cli("analyze", "denied.json", "--fail-on", "info");
    expect(info.code).toBe(2);
    expect(info.stderr).not.toMatch(/data-unavailable finding/);
    writeFileSync(path.join(dir, "accept-unknown.json"), JSON.stringify({ suppressions: [{ rule: "data-unavailable", function: "orders", reason: "GetPolicy is denied to the auditor by an SCP" }] }));
    expect(cli("analyze", "denied.json", "--fail-on", "critical", "--suppress", "accept-unknown.json").code).toBe(0);
    expect(oneCleanLine(cli("analyze", "denied.json", "--allow-unknown").stderr)).toBe("error: --allow-unknown goes with --fail-on SEVERITY");
  });

  it("--suppress: accepted findings are listed apart and not counted by --fail-on; lapsed and idle entries are warned of", () => {
    const write = (name: string, entries: unknown[]) => writeFileSync(path.join(dir, name), JSON.stringify({ suppressions: entries }));
    const accept = { rule: "public-invoke", function: "orders", reason: "public by design" };
    write("accept.json", [accept, { rule: "confused-deputy", function: "nothing-*", reason: "idle" }, { rule: "public-invoke", reason: "old", expires: "2020-01-01" }]);
    const r = cli("analyze", "snap.json", "--format", "json", "--fail-on", "critical", "--suppress", "accept.json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.findings.some((f: { rule: string }) => f.rule === "public-invoke")).toBe(false);
    expect(out.suppressed).toEqual([expect.objectContaining({ rule: "public-invoke", suppression: { reason: "public by design", entry: 0 } })]);
    expect(r.stderr).toContain("warning: suppression 2 (confused-deputy, function nothing-*) matches no finding");
    expect(r.stderr).toContain("warning: suppression 3 (public-invoke) expired on 2020-01-01: its findings count again");
    // The high finding is still there and still counted.
    const sarif = cli("analyze", "snap.json", "--format", "sarif", "--fail-on", "high", "--suppress", "accept.json");
    expect(sarif.code).toBe(2);
    // SARIF leaves the accepted finding out (GitHub would open an alert for it), unless asked to keep it as suppressed.
    const rules = (out: string) => JSON.parse(out).runs[0].results.map((x: { ruleId: string; suppressions?: unknown[] }) => [x.ruleId, x.suppressions?.length ?? 0]);
    expect(rules(sarif.stdout).some(([rule]: [string]) => rule === "public-invoke")).toBe(false);
    const kept = cli("analyze", "snap.json", "--format", "sarif", "--suppress", "accept.json", "--sarif-suppressed");
    expect(rules(kept.stdout)).toContainEqual(["public-invoke", 1]);
    expect(oneCleanLine(cli("analyze", "snap.json", "--sarif-suppressed", "--suppress", "accept.json").stderr)).toBe(
      "error: --sarif-suppressed goes with --format sarif and --suppress FILE",
    );
    // Only the lapsed entry: the critical finding counts again.
    write("lapsed.json", [{ ...accept, expires: "2020-01-01" }]);
    expect(cli("analyze", "snap.json", "--fail-on", "critical", "--suppress", "lapsed.json").code).toBe(2);
  });

  it("--suppress: a file that is missing or not valid is a user error naming the file and the entry, before any analysis or server", () => {
    writeFileSync(path.join(dir, "typo.json"), JSON.stringify({ suppressions: [{ rule: "public-invoke", fucntion: "orders", reason: "x" }] }));
    for (const [file, message] of [
      ["absent.json", "error: --suppress absent.json: no such file"],
      ["typo.json", `error: --suppress typo.json: suppression 1: unknown key "fucntion" (keys: id, rule, function, role, severity, reason, expires)`],
    ]) {
      const r = cli("analyze", "snap.json", "--suppress", file!);
      expect(r.code).toBe(1);
      expect(oneCleanLine(r.stderr)).toBe(message);
      expect(r.stdout).toBe("");
      // serve and report refuse to start on it, before any build.
      for (const args of [["serve", "snap.json", "--port", "3999"], ["report", "snap.json", "--png", "out-s.png"]]) {
        const r2 = cli(...args, "--suppress", file!);
        expect(r2.code, args[0]).toBe(1);
        expect(oneCleanLine(r2.stderr)).toBe(message);
      }
    }
  });

  it("can: decision and deciding statement", () => {
    const r = cli("can", "snap.json", "--principal", "orders", "--action", "sqs:DeleteMessage", "--resource", QUEUE, "--format", "json");
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.decision).toBe("allowed");
    expect(a.statements[0]).toMatchObject({ effect: "Allow", policy: "q", statementIndex: 0, sid: "queue" });
    const denied = cli("can", "snap.json", "--principal", "orders", "--action", "sqs:ReceiveMessage", "--resource", QUEUE);
    expect(denied.stdout.split("\n")[0]).toBe("implicitly-denied");
  });

  it("can: unknown context is conditional; given or complete context decides", () => {
    const base = ["can", "snap.json", "--principal", "orders", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/a", "--format", "json"];
    expect(JSON.parse(cli(...base).stdout)).toMatchObject({ decision: "conditional", unknownKeys: ["aws:SourceIp"] });
    expect(JSON.parse(cli(...base, "--context", "aws:SourceIp=10.1.2.3").stdout).decision).toBe("allowed");
    expect(JSON.parse(cli(...base, "--context-complete").stdout).decision).toBe("implicitly-denied");
  });

  it("can --batch answers in input order and keeps going after a bad line", () => {
    const q = path.join(dir, "q.jsonl");
    writeFileSync(
      q,
      [
        JSON.stringify({ principal: "orders", action: "sqs:DeleteMessage", resource: QUEUE }),
        "not json",
        JSON.stringify({ principal: "nobody", action: "sqs:DeleteMessage", resource: QUEUE }),
        "",
        JSON.stringify({ principal: "orders", action: "sqs:PurgeQueue", resource: QUEUE }),
        "",
        "",
      ].join("\n"),
    );
    const r = cli("can", "snap.json", "--batch", "q.jsonl");
    // Every line answered, but a batch with unanswered questions is no clean run for a script.
    expect(r.code).toBe(1);
    // One answer per question line, paired by position: a blank line between questions is answered with an
    // error in its place; the blank lines at the end are not questions.
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.decision)).toEqual(["allowed", "error", "error", "error", "implicitly-denied"]);
    expect(lines[1].error).toMatch(/line 2: not valid JSON/);
    expect(lines[2].error).toMatch(/neither a role nor a function/);
    expect(lines[3].error).toBe("line 4: empty line");
    // Progress on stderr (cli.md): the count, error lines included, as the last line a log holds.
    const log = r.stderr.trim().split("\n");
    expect(log.at(-2)).toBe('5 questions answered, 3 error lines (decision "error")');
    expect(log.at(-1)).toBe('error: 3 of 5 questions could not be answered (lines 2, 3, 4): their output lines have decision "error" and say why');
    // Only good lines: exit 0.
    writeFileSync(q, JSON.stringify({ principal: "orders", action: "sqs:DeleteMessage", resource: QUEUE }) + "\n");
    const ok = cli("can", "snap.json", "--batch", "q.jsonl");
    expect(ok.code).toBe(0);
    expect(ok.stderr).not.toMatch(/error/);
  });

  it("analyze of a small account logs no progress lines when stderr is not a terminal", () => {
    const r = cli("analyze", "snap.json", "--format", "json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("Analysing snap.json…\n");
  });

  it("can: multi-valued --context as a JSON array (ForAllValues), text output naming policy, index and Sid", () => {
    const base = ["can", "tagger.json", "--principal", "tagger", "--action", "s3:PutObjectTagging", "--resource", "arn:aws:s3:::b/k"];
    const ok = cli(...base, "--context", 'aws:TagKeys=["env","team"]');
    expect(ok.code).toBe(0);
    expect(ok.stdout.split("\n")[0]).toBe("allowed");
    expect(ok.stdout).toMatch(/inline policy 't' of role tagger-role, statement 0 \(Sid Tag\)/);
    expect(cli(...base, "--context", 'aws:TagKeys=["env","owner"]').stdout.split("\n")[0]).toBe("implicitly-denied");
    // ForAllValues with the key missing is true (policy simulator reading: missing keys are absent).
    expect(cli(...base, "--context-complete").stdout.split("\n")[0]).toBe("allowed");
    const unknown = cli(...base);
    expect(unknown.stdout.split("\n")[0]).toBe("conditional");
    expect(unknown.stdout).toMatch(/decided by context keys not given: aws:TagKeys/);
  });

  it("can: an explicit deny in the permissions boundary names the boundary statement", () => {
    const r = cli("can", "tagger.json", "--principal", "tagger", "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::b/k", "--context-complete", "--format", "json");
    const a = JSON.parse(r.stdout);
    expect(a.decision).toBe("explicitly-denied");
    expect(a.statements).toMatchObject([{ effect: "Deny", policyKind: "boundary", policy: "dev-boundary", statementIndex: 1, sid: "NoDelete" }]);
  });

  it("can: a context key given twice, or a missing --batch file, is a user error", () => {
    const twice = cli("can", "tagger.json", "--principal", "tagger", "--action", "s3:GetObject", "--resource", "*", "--context", "a:b=1", "--context", "A:B=2");
    expect(twice.code).toBe(1);
    expect(oneCleanLine(twice.stderr)).toMatch(/context key A:B is given twice/);
    const missing = cli("can", "tagger.json", "--batch", "nope.jsonl");
    expect(missing.code).toBe(1);
    expect(oneCleanLine(missing.stderr)).toMatch(/nope\.jsonl: cannot read the --batch file/);
  });

  it("--version and -V print package.json's version on stdout", () => {
    const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
    for (const flag of ["--version", "-V"]) expect(cli(flag)).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("analyze - and can - read the snapshot from standard input, gzipped or not", () => {
    const run = (input: Buffer, ...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", path.join(root, "cli/main.ts"), ...args], { cwd: root, encoding: "utf8", input, env: { ...process.env, INIT_CWD: dir } });
    const text = readFileSync(file);
    const fromFile = cli("analyze", file, "--format", "json");
    for (const input of [text, gzipSync(text)]) {
      const r = run(input, "analyze", "-", "--format", "json");
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(fromFile.stdout);
      expect(r.stderr).toContain("Analysing standard input");
    }
    const bad = run(Buffer.from('{"x":1}'), "analyze", "-");
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split("\n").at(-1)).toMatch(/^error: standard input: missing "format"/);
    const can = run(text, "can", "-", "--principal", "orders", "--action", "sqs:ReceiveMessage", "--resource", QUEUE, "--format", "json");
    expect(can.status).toBe(0);
    expect(JSON.parse(can.stdout).decision).toBe("implicitly-denied");
    expect(oneCleanLine(run(text, "can", "-", "--batch", "-").stderr)).toBe("error: the snapshot and the --batch questions cannot both come from standard input (-)");
  });

  // /dev/full refuses every write (ENOSPC), as a full disk does.
  it.runIf(process.platform === "linux")("output that cannot be written is an error, not exit 0 with nothing written", () => {
    const full = openSync("/dev/full", "w");
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "cli/main.ts"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, INIT_CWD: dir }, stdio: ["ignore", full, "pipe"] });
      return { code: r.status, stderr: r.stderr };
    };
    try {
      writeFileSync(path.join(dir, "q.jsonl"), `${JSON.stringify({ principal: "tagger", action: "s3:GetObject", resource: "*" })}\n`);
      for (const args of [["analyze", file, "--format", "sarif"], ["demo"], ["can", "tagger.json", "--batch", "q.jsonl"]]) {
        const r = run(...args);
        expect(r.code, args.join(" ")).toBe(1);
        expect(r.stderr.trim().split("\n").at(-1)).toBe("error: could not write the output: ENOSPC: no space left on device, write");
        expect(r.stderr).not.toMatch(/at .*\(|node:internal/);
      }
      // The --fail-on verdict stands (2), with the lost output said.
      const gated = run("analyze", file, "--fail-on", "info");
      expect(gated.code).toBe(2);
      expect(gated.stderr).toContain("error: could not write the output");
    } finally {
      closeSync(full);
    }
  });

  it("analyze output piped to a slow reader arrives whole, and a reader that stops early is no error", () => {
    const demo = path.join(root, "data/demo-snapshot.json");
    const main = path.join(root, "cli/main.ts");
    const run = (pipe: string) =>
      spawnSync("bash", ["-c", `"${process.execPath}" --import tsx "${main}" analyze "${demo}" --format json ${pipe}`], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
    // The reader starts after the CLI has written everything: what the pipe had not taken yet used to be dropped.
    const slow = run("| (sleep 1; cat)");
    expect(slow.stdout.length).toBeGreaterThan(200_000);
    expect(JSON.parse(slow.stdout).functions.length).toBeGreaterThan(40);
    const head = run("| head -c 100; exit ${PIPESTATUS[0]}");
    expect(head.status).toBe(0);
    expect(head.stderr).not.toMatch(/EPIPE|at .*\(/);
  });

  it("can --batch with a single question's options is a user error, not answered without them", () => {
    const q = path.join(dir, "one.jsonl");
    writeFileSync(q, JSON.stringify({ principal: "orders", action: "s3:GetObject", resource: "arn:aws:s3:::reports/a" }) + "\n");
    const r = cli("can", "snap.json", "--batch", "one.jsonl", "--context", "aws:SourceIp=10.1.2.3", "--context-complete");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(oneCleanLine(r.stderr)).toBe(
      "error: --batch reads each question (principal, action, resource, context, contextComplete) from its lines: drop --context, --context-complete, or put it in the lines",
    );
    expect(oneCleanLine(cli("can", "snap.json", "--batch", "one.jsonl", "--principal", "orders").stderr)).toMatch(/: drop --principal, or put it in the lines$/);
    // Its answers are JSON lines whatever the format: asking for text is refused, not ignored.
    const text = cli("can", "snap.json", "--batch", "one.jsonl", "--format", "text");
    expect(text.code).toBe(1);
    expect(oneCleanLine(text.stderr)).toBe("error: --batch answers in JSON lines, one per question: drop --format text");
    expect(JSON.parse(cli("can", "snap.json", "--batch", "one.jsonl", "--format", "json").stdout.trim())).toHaveProperty("decision");
  });

  it("can --batch: a directory is a user error; a bad line names its field", () => {
    const r = cli("can", "snap.json", "--batch", ".");
    expect(r.code).toBe(1);
    expect(oneCleanLine(r.stderr)).toMatch(/cannot read the --batch file/);
    const q = path.join(dir, "fields.jsonl");
    writeFileSync(q, JSON.stringify({ principal: "orders", action: "sqs:DeleteMessage", resource: QUEUE, contextComplete: "yes" }) + "\n");
    const line = JSON.parse(cli("can", "snap.json", "--batch", "fields.jsonl").stdout.trim());
    expect(line.error).toMatch(/^line 1: contextComplete: /);
  });

  it("analyze --format sarif writes the snapshot's location as a URI (spaces and # encoded)", () => {
    const odd = path.join(dir, "my snap #1.json");
    writeFileSync(odd, readFileSync(file, "utf8"));
    const sarif = JSON.parse(cli("analyze", "my snap #1.json", "--format", "sarif").stdout);
    const uris = new Set(sarif.runs[0].results.flatMap((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri)));
    expect([...uris]).toEqual(["my%20snap%20%231.json"]);
    // An absolute path: a file:// URI, not a reference relative to the scanner's root.
    const absolute = JSON.parse(cli("analyze", odd, "--format", "sarif").stdout);
    expect(absolute.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(`file://${dir.split("/").map(encodeURIComponent).join("/")}/my%20snap%20%231.json`);
  });

  it("can: an unknown principal is a user error", () => {
    const r = cli("can", "snap.json", "--principal", "ghost", "--action", "s3:GetObject", "--resource", "*");
    expect(r.code).toBe(1);
    expect(oneCleanLine(r.stderr)).toMatch(/ghost/);
  });

  describe("can as an IAM user (the demo's ci-deploy and break-glass-admin)", () => {
    const demo = path.join(root, "data/demo-snapshot.json");
    const ci = `arn:aws:iam::${ACCOUNT}:user/ci/ci-deploy`;
    const admin = `arn:aws:iam::${ACCOUNT}:user/emergency/break-glass-admin`;
    const checkout = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:checkout-api`;
    const invoke = (principal: string, ...more: string[]) => cli("can", demo, "--principal", principal, "--action", "lambda:InvokeFunction", "--resource", checkout, ...more);

    it("--help names IAM user ARNs among the principals", () => {
      // Commander wraps help at 80 columns.
      expect(cli("can", "--help").stdout.replace(/\s+/g, " ")).toContain("--principal <p> role ARN, IAM user ARN (with its groups' policies), or function name/ARN");
    });

    it("text: ci-deploy may invoke checkout-api through its group's policy, named as a user and the group", () => {
      const r = invoke(ci);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.split("\n");
      expect(lines.slice(0, 3)).toEqual([
        "allowed",
        `  IAM user ${ci} → lambda:InvokeFunction on ${checkout}`,
        "  Allow inline policy 'deploy-storefront' of group deployers, statement 1 (Sid SmokeTestAfterDeploy)",
      ]);
    });

    it("json: break-glass-admin is conditional on aws:MultiFactorAuthPresent unless it is given", () => {
      const unknown = JSON.parse(invoke(admin, "--format", "json").stdout);
      expect(unknown).toMatchObject({ decision: "conditional", principal: { user: admin } });
      expect(unknown.principal).not.toHaveProperty("role");
      expect(unknown.unknownKeys.map((k: string) => k.toLowerCase())).toEqual(["aws:multifactorauthpresent"]);
      expect(JSON.parse(invoke(admin, "--format", "json", "--context", "aws:MultiFactorAuthPresent=true").stdout).decision).toBe("allowed");
      expect(JSON.parse(invoke(admin, "--format", "json", "--context-complete").stdout).decision).toBe("explicitly-denied");
    });

    it("--batch answers user lines as the single question does, beside a role's", () => {
      const q = path.join(dir, "users.jsonl");
      writeFileSync(
        q,
        [
          { principal: ci, action: "lambda:InvokeFunction", resource: checkout },
          { principal: admin, action: "lambda:InvokeFunction", resource: checkout },
          { principal: admin, action: "lambda:InvokeFunction", resource: checkout, context: { "aws:MultiFactorAuthPresent": "true" } },
          { principal: `arn:aws:iam::${ACCOUNT}:user/ci/ci-deploi`, action: "lambda:InvokeFunction", resource: checkout },
          { principal: "checkout-api", action: "lambda:InvokeFunction", resource: checkout },
        ]
          .map((l) => JSON.stringify(l))
          .join("\n"),
      );
      const r = cli("can", demo, "--batch", q);
      // Line 4 names no user of the snapshot: answered with an error in its place, and the exit code says so.
      expect(r.code, r.stderr).toBe(1);
      const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
      expect(lines.map((l) => l.decision)).toEqual(["allowed", "conditional", "allowed", "error", "implicitly-denied"]);
      expect(lines[0].statements[0]).toMatchObject({ policy: "deploy-storefront", group: "deployers" });
      expect(lines[3].error).toBe(`line 4: principal "arn:aws:iam::${ACCOUNT}:user/ci/ci-deploi" is an IAM user ARN, and this snapshot holds no such IAM user`);
    });

    it("a user ARN on a snapshot taken before users were read is a user error that says so", () => {
      const snapshot = JSON.parse(readFileSync(demo, "utf8"));
      delete snapshot.iam.GetAccountAuthorizationDetails.UserDetailList;
      const old = path.join(dir, "demo-without-users.json");
      writeFileSync(old, JSON.stringify(snapshot));
      const r = cli("can", old, "--principal", ci, "--action", "lambda:InvokeFunction", "--resource", checkout);
      expect(r.code).toBe(1);
      expect(oneCleanLine(r.stderr)).toMatch(/is an IAM user, but this snapshot's IAM users were not read \(the snapshot has no UserDetailList/);
    });
  });

  const reports = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:internal-reports`;
  /** The demo lists version 9, which internal-reports:prod routes to; a scan whose version list lacks it (a page lost, an older tool) is this copy. */
  function demoWithoutVersion9(): string {
    const snapshot = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8"));
    const listed = snapshot.regions[REGION].ListVersionsByFunction[reports];
    listed.Versions = listed.Versions.filter((v: { Version: string }) => v.Version !== "9");
    const demo = path.join(dir, "demo-without-version-9.json");
    writeFileSync(demo, JSON.stringify(snapshot));
    return demo;
  }

  it("can on the demo: internal-reports:prod and version 9, which it routes to and the version list lacks, answer alike", () => {
    const demo = demoWithoutVersion9();
    const answers = ["prod", "9"].map((q) => {
      const r = cli("can", demo, "--principal", `${reports}:${q}`, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::acme-reports-prod/q4.csv");
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.split("\n");
    });
    for (const [i, q] of ["prod", "9"].entries()) {
      expect(answers[i]?.slice(0, 2)).toEqual(["conditional", `  ${reports}:${q} (as an unknown role) → s3:GetObject on arn:aws:s3:::acme-reports-prod/q4.csv`]);
      expect(answers[i]?.[2]).toMatch(/^ {2}- version 9 \(100 %\) of internal-reports:\w+ runs as the role it was published with, unknown because/);
    }
    // The demo as shipped lists version 9 with its role: both answer for that role.
    for (const q of ["prod", "9"]) {
      const r = cli("can", path.join(root, "data/demo-snapshot.json"), "--principal", `${reports}:${q}`, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::acme-reports-prod/q4.csv");
      expect(r.stdout.split("\n").slice(0, 2)).toEqual(["allowed", `  ${reports}:${q} (as internal-reports-role) → s3:GetObject on arn:aws:s3:::acme-reports-prod/q4.csv`]);
    }
  });

  it("the demo without version 9: can --resource internal-reports:9 is conditional, and analyze names the version among the function's unknowns", () => {
    const demo = demoWithoutVersion9();
    const invoke = (q: string) => cli("can", demo, "--principal", "checkout-api", "--action", "lambda:InvokeFunction", "--resource", `${reports}:${q}`);
    const nine = invoke("9");
    expect(nine.code, nine.stderr).toBe(0);
    expect(nine.stdout.split("\n")[0]).toBe("conditional");
    expect(nine.stdout).toContain(`  - could not read the resource policy of ${reports}:9, since version 9 (alias prod) is not in ListVersionsByFunction's result: an Allow there would grant it`);
    // An alias the list read in full lacks did not exist: Lambda refuses calls to it, and the answer says so.
    const typo = invoke("prdo");
    expect(typo.stdout.split("\n")[0]).toBe("implicitly-denied");
    expect(typo.stdout).toContain(`  - ${reports}:prdo did not exist when the snapshot was taken (ListAliases' result has no alias prdo, and nothing in the snapshot refers to it)`);
    const report = JSON.parse(cli("analyze", demo, "--format", "json").stdout);
    expect(report.functions.find((f: { arn: string }) => f.arn === reports).unknown).toEqual([
      "ListVersionsByFunction: version 9 (alias prod) is not in the result: its role and resource policy are unknown",
    ]);
    // The demo as shipped lists version 9, whose own policy the scan read (none): the identity policies decide.
    const shipped = cli("can", path.join(root, "data/demo-snapshot.json"), "--principal", "checkout-api", "--action", "lambda:InvokeFunction", "--resource", `${reports}:9`);
    expect(shipped.stdout.split("\n")[0]).toBe("implicitly-denied");
  });

  describe("can on an alias with weighted routing", () => {
    const ORDERS = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`;
    const ask = (alias: string, action: string, ...rest: string[]) => cli("can", "canary.json", "--principal", `${ORDERS}:${alias}`, "--action", action, "--resource", QUEUE, ...rest);

    it("json: the combined decision and statements, and each version's role with its own answer (perRole)", () => {
      const r = ask("live", "sqs:DeleteMessage", "--format", "json");
      expect(r.code).toBe(0);
      const a = JSON.parse(r.stdout);
      expect(a.decision).toBe("conditional");
      expect(a.statements).toMatchObject([{ effect: "Allow", sid: "queue", role: "stable-role" }]);
      expect(a.reasons[0]).toMatch(/^the answer depends on which version of the alias serves the call/);
      expect(a.perRole).toMatchObject([
        { role: expect.stringMatching(/role\/stable-role$/), versions: ["3"], share: 0.9, decision: "allowed", statements: [{ sid: "queue" }] },
        { role: expect.stringMatching(/role\/canary-role$/), versions: ["4"], share: 0.1, decision: "implicitly-denied", statements: [] },
      ]);
      // Both roles may write logs: their answer, still broken down.
      const agree = JSON.parse(ask("live", "logs:PutLogEvents", "--format", "json").stdout);
      expect(agree.decision).toBe("allowed");
      expect(agree.perRole.map((p: { decision: string }) => p.decision)).toEqual(["allowed", "allowed"]);
    });

    it("text: one line per version and role under the decision", () => {
      const lines = ask("live", "sqs:DeleteMessage").stdout.split("\n");
      expect(lines[0]).toBe("conditional");
      expect(lines[1]).toBe(`  ${ORDERS}:live (as stable-role or canary-role) → sqs:DeleteMessage on ${QUEUE}`);
      expect(lines.slice(2, 4)).toEqual(["  version 3 (90 %) as stable-role: allowed", "  version 4 (10 %) as canary-role: implicitly-denied"]);
    });

    it("a version whose role is gone is unknown, never fine", () => {
      const text = ask("beta", "sqs:DeleteMessage").stdout;
      expect(text.split("\n")[0]).toBe("conditional");
      expect(text).toContain("  version 5 (20 %) as gone-role: conditional\n");
      expect(text).toMatch(/version 5 \(20 %\) of orders:beta runs as role \S+gone-role, which is not in the snapshot \(deleted\?\): its answer is unknown/);
    });

    it("an unweighted alias answers as before: its version's role, no breakdown", () => {
      const a = JSON.parse(ask("plain", "sqs:DeleteMessage", "--format", "json").stdout);
      expect(a.decision).toBe("allowed");
      expect(a.perRole).toBeUndefined();
      expect(ask("plain", "sqs:DeleteMessage").stdout).not.toMatch(/version 3/);
    });

    it("--batch answers each line as the single question does, breakdown included", () => {
      const questions = [
        ["live", "sqs:DeleteMessage"],
        ["live", "logs:PutLogEvents"],
        ["beta", "sqs:DeleteMessage"],
        ["plain", "sqs:DeleteMessage"],
      ];
      writeFileSync(path.join(dir, "canary.jsonl"), questions.map(([alias, action]) => JSON.stringify({ principal: `${ORDERS}:${alias}`, action, resource: QUEUE })).join("\n") + "\n");
      const r = cli("can", "canary.json", "--batch", "canary.jsonl");
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
      expect(lines.map((l) => l.decision)).toEqual(["conditional", "allowed", "conditional", "allowed"]);
      questions.forEach(([alias, action], i) => {
        const { decision, statements, unknownKeys, reasons, perRole } = JSON.parse(ask(alias!, action!, "--format", "json").stdout);
        expect(lines[i]).toEqual({ decision, statements, unknownKeys, reasons, ...(perRole ? { perRole } : {}) });
      });
    });
  });
});
