/**
 * A crafted snapshot's own text must not reach the terminal raw: an error line quotes its "format" and the keys of a
 * schema error, and `can --format text` prints policy names, Sids and reasons. ESC/OSC sequences there would clear
 * the screen, retitle the terminal or forge lines; they are shown as escapes (lib/view/visible-text.ts).
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { newBuilder, REGION } from "@/lib/analysis/test-support";

const root = path.resolve(__dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "lpg-escapes-"));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "cli/main.ts"), ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const analyze = (file: string) => run("analyze", file);

/** `analyze` of the demo with its `format` field set to `format`. */
function analyzeWithFormat(name: string, format: string) {
  const s = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8"));
  s.format = format;
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(s));
  return analyze(file);
}

describe("CLI error lines show snapshot text as text", () => {
  it("escapes control characters of a crafted format string", () => {
    const { code, stderr } = analyzeWithFormat("format", "\u001b]0;owned\u0007\u001b[2J\rerror: forged line/snapshot@1");
    expect(code).toBe(1);
    expect(stderr).toMatch(/"format" is/);
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it("keeps the error on one line when the snapshot's text holds a line break (cli.md: one line on stderr)", () => {
    const { code, stderr } = analyzeWithFormat("newline", "x\nerror: forged line\n");
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: .*"format" is "x\\nerror: forged line\\n", not a Lambda Permissions Graph snapshot/);
    expect(stderr.split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("escapes control characters of a crafted key named in a schema error", () => {
    const s = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8"));
    // A function list of the wrong type still refuses the file (one malformed entry of it is set aside, below).
    s.regions["eu\u001b[2J\u001b]0;owned\u0007"] = { ListFunctions: { Functions: "not-a-list" } };
    const file = path.join(dir, "key.json");
    writeFileSync(file, JSON.stringify(s));
    const { code, stderr } = analyze(file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/invalid snapshot: regions\.eu\\u001b/);
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it("a malformed function set aside under a crafted region key: no control character of it reaches the terminal", () => {
    const s = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8"));
    s.regions["eu\u001b[2J\u001b]0;owned\u0007"] = { ListFunctions: { Functions: [{ FunctionName: 5 }] } };
    const file = path.join(dir, "key-entry.json");
    writeFileSync(file, JSON.stringify(s));
    const { code, stdout, stderr } = run("analyze", file, "--format", "text");
    expect(code).toBe(0);
    expect(stdout + stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it("can --format text shows a crafted Sid as text (the text report does, through visibleText)", () => {
    const b = newBuilder();
    // In the Sid, not the policy's name: IAM gives no name with an escape, and a role holding one is set aside.
    const role = b.role({
      name: "r",
      inline: { pol: { Version: "2012-10-17", Statement: [{ Sid: "S\u001b[31mRED\u001b]0;owned\u0007\u001b[2J", Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] } as never },
    });
    b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role });
    const file = path.join(dir, "can.json");
    writeFileSync(file, JSON.stringify(b.build()));
    const { code, stdout } = run("can", file, "--principal", "api", "--action", "sqs:SendMessage", "--resource", "*");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^allowed/);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

describe("analyze's progress and warning lines show snapshot and suppressions text as text", () => {
  it("a crafted Sid in a --suppress warning, a crafted entry and a crafted file name: no control character on stderr", () => {
    const b = newBuilder();
    const role = b.role({ name: "r" });
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role });
    // The warning names the finding by its id, which holds the statement's Sid: AddPermission would refuse this one,
    // a crafted snapshot's policy document need not.
    const sid = "open\u001b]52;c;cHdu\u0007\u001b[2J";
    b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn }] });
    const file = path.join(dir, "warn\u001b[2J\u001b]0;owned\u0007.json");
    writeFileSync(file, JSON.stringify(b.build()));
    const accept = path.join(dir, "accept.json");
    // An entry that selects the public grant but accepts only low findings: the warning names the finding's id.
    const entries = [{ function: "api*", severity: "low", reason: "ok" }, { id: "gone\u001b[31m", reason: "r" }];
    writeFileSync(accept, JSON.stringify({ suppressions: entries }));
    const { code, stderr } = run("analyze", file, "--format", "json", "--suppress", accept);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^Analysing .*warn\\u001b\[2J\\u001b\]0;owned\\u0007\.json/);
    expect(stderr).toMatch(/warning: suppression 1 \(function api\*\) accepts findings up to low; public-invoke:.*:function:api#open\\u001b\]52;c;cHdu\\u0007\\u001b\[2J is critical/);
    expect(stderr).toMatch(/warning: suppression 2 \(id gone\\u001b\[31m\) matches no finding/);
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

describe("JSON on stdout: C1 controls escaped, the data unchanged", () => {
  // U+009B is CSI and U+009D OSC: VTE (GNOME Terminal and others) executes them when they arrive UTF-8 encoded, so a
  // crafted Sid printed raw by `--format json` on a terminal could clear it or retitle it. JSON lets any character be
  // written as \uXXXX (RFC 8259 §7), so escaping them changes no value a parser reads: `| jq` sees the same Sid.
  const sid = "S\u009b2J\u009d0;owned\u009c\u0085end";
  function craftedSnapshot(name: string): string {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { pol: { Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] } as never } });
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role });
    b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn }] });
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(b.build()));
    return file;
  }

  it.each([["json"], ["sarif"]])("analyze --format %s", (format) => {
    const { code, stdout } = run("analyze", craftedSnapshot(`c1-${format}.json`), "--format", format);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/[\u007f-\u009f]/);
    if (format === "json") {
      expect(stdout).toContain("S\\u009b2J\\u009d0;owned\\u009c\\u0085end");
      expect(JSON.parse(stdout).functions[0].invokers.some((i: { sid?: string }) => i.sid === sid)).toBe(true);
    }
  });

  it("can --format json and can --batch", () => {
    const file = craftedSnapshot("c1-can.json");
    const one = run("can", file, "--principal", "api", "--action", "sqs:SendMessage", "--resource", "*", "--format", "json");
    const batchFile = path.join(dir, "c1.jsonl");
    writeFileSync(batchFile, JSON.stringify({ principal: "api", action: "sqs:SendMessage", resource: "*" }) + "\n");
    const batch = run("can", file, "--batch", batchFile);
    for (const r of [one, batch]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/[\u007f-\u009f]/);
      expect(r.stdout).toContain("S\\u009b2J\\u009d0;owned\\u009c\\u0085end");
      expect(JSON.stringify(JSON.parse(r.stdout))).toContain(JSON.stringify(sid).slice(1, -1));
    }
  });
});

describe("CLI error lines stay readable with huge arguments", () => {
  it("a path thousands of characters long is cut in the middle, the sentence around it kept", () => {
    const { code, stderr } = run("analyze", "x".repeat(5000));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: \S+x…\(\d+ characters\)…x+: cannot read \(ENAMETOOLONG\)\n$/);
    expect(stderr.length).toBeLessThan(400);
  });

  it("so is an unknown option, escaped as the other errors are", () => {
    const { code, stderr } = run("analyze", `--bogus\u001b[2J${"y".repeat(600)}`, "x");
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: unknown option '--bogus\\u001b\[2Jy+…\(\d+ characters\)…y+' \(add --help for usage\)\n$/);
  });
});
