/**
 * Every AWS CLI command a remediation offers, as a shell reads it when pasted: each value from the snapshot one word,
 * nothing run, no flag changed, and the command one copyable part. Statement ids are the values least checked on the
 * way in (a stored policy is taken as it is), so here they carry what a shell would act on.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { remediationParts } from "@/lib/view/remediation-parts";
import { applyRemediation, remediationWays, shellWords } from "./apply-remediation";
import { findingSubject } from "./finding-id";
import { builder, OTHER_ACCOUNT, REGION } from "./test-support";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { rcpServiceRemediation } from "./rcp-service-remedy";

/** A directory holding one file, so that a glob the shell expanded shows in the words. */
const cwd = mkdtempSync(path.join(tmpdir(), "remedy-shell-"));
writeFileSync(path.join(cwd, "globbed"), "");
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** The words a POSIX shell (sh) hands `aws` for `command` pasted as it is, and how many commands ran. */
function pasted(command: string): { words: string[]; runs: number } {
  const env = { ...process.env, HOME: cwd, ENV: "", BASH_ENV: "" };
  const out = execFileSync("sh", ["-c", `aws() { printf '%s\\0' aws "$@"; printf '\\1\\0'; }\n${command}`], { cwd, env, encoding: "utf8" });
  const words = out.split("\0").slice(0, -1);
  return { words: words.filter((w) => w !== "\u0001"), runs: words.filter((w) => w === "\u0001").length };
}

/** Every Sid of every stored function policy, suffixed with `tail`. */
function sidsEndingWith(tail: string) {
  return (snapshot: SnapshotInput) => {
    for (const region of Object.values(snapshot.regions ?? {})) {
      for (const entry of Object.values(region.GetPolicy ?? {}) as { Policy?: unknown }[]) {
        if (typeof entry.Policy !== "string") continue;
        const doc = JSON.parse(entry.Policy) as { Statement: { Sid?: string }[] };
        for (const st of doc.Statement) if (st.Sid !== undefined) st.Sid += tail;
        entry.Policy = JSON.stringify(doc);
      }
    }
  };
}

/** Resource-policy grants of every kind a rule removes or re-adds by statement id, on a function and an alias. */
function account(tail: string): SnapshotInput {
  const b = builder();
  const role = b.role({ name: "app" });
  const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
  b.version(fn, "1");
  const live = b.alias(fn, "live", "1");
  b.permission(fn, { sid: "open", principal: "*" });
  b.permission(fn, { sid: "bucket", principal: "s3.amazonaws.com" });
  b.permission(fn, { sid: "partner", principal: OTHER_ACCOUNT });
  b.permission(fn, { sid: "admin", principal: OTHER_ACCOUNT, action: "lambda:*" });
  b.url(live, { authType: "NONE" });
  b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE", qualifier: "live" });
  const snapshot = b.build();
  sidsEndingWith(tail)(snapshot);
  return snapshot;
}

const analyse = (snapshot: SnapshotInput) => analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));

/** Text a shell acts on, and what makes the AWS CLI read a value as a flag. */
const hostile = fc.stringMatching(/^[-a-z$()`;|&<>'"\\\n\t #*?[\]{}~!=]{1,16}$/);

describe("remediation commands pasted into a shell", () => {
  it("hand aws each value as one word and run nothing else, whatever a statement id holds", () => {
    fc.assert(
      fc.property(hostile, (tail) => {
        const { findings } = analyse(account(tail));
        const commands = findings.flatMap((f) => remediationParts(f.remediation).filter((p) => p.kind === "command" && !/<[^>]+>/.test(p.text)));
        expect(commands.some((c) => c.text.includes("remove-permission"))).toBe(true);
        for (const { text } of commands) {
          const { words, runs } = pasted(text);
          expect(runs, text).toBe(1);
          expect(words, text).toEqual(shellWords(text.replace(/\\\n/g, " ")));
          const sid = words.findIndex((w) => w.startsWith("--statement-id"));
          const value = words[sid] === "--statement-id" ? words[sid + 1] : words[sid]?.slice("--statement-id=".length);
          if (text.startsWith("aws lambda remove-permission")) expect(value?.endsWith(tail), text).toBe(true);
        }
      }),
      { numRuns: 20, seed: 20261205 },
    );
  });

  it("remove the statement it names, even one whose id spans lines", () => {
    const snapshot = account("\naws iam delete-role --role-name app\n'");
    const text = JSON.stringify(snapshot);
    const publicInvoke = analyse(snapshot).findings.find((f) => f.rule === "public-invoke")!;
    const [way] = remediationWays(publicInvoke.remediation).filter((w) => w.includes("remove-permission"));
    // No line of the id reads as a command of its own, to be copied and run apart from the one it belongs to.
    expect(remediationParts(way!).filter((p) => p.kind === "command").map((p) => p.text.split(" ").slice(0, 3).join(" "))).toEqual(["aws lambda remove-permission"]);
    const copy = JSON.parse(text) as SnapshotInput;
    expect(applyRemediation(copy, way!)).toHaveProperty("applied");
    expect(analyse(copy).findings.filter((f) => findingSubject(f.id) === findingSubject(publicInvoke.id))).toEqual([]);
  });
});

/** The `<` and `>` a shell reads as redirections in `command`: those outside quotes and not escaped. */
function redirections(command: string): number {
  let count = 0;
  for (let i = 0, quoted = false; i < command.length; i++) {
    const c = command[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === "\\") i++;
    else if (c === "<" || c === ">") count++;
  }
  return count;
}

/** A version whose role is gone, routed to by an alias, a weighted alias and a mapping: its fix republishes. */
function republished(): SnapshotInput {
  const b = builder();
  const role = b.role({ name: "r" });
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role });
  b.version(fn, "2", role);
  b.version(fn, "3", b.roleArn("gone-role"));
  b.alias(fn, "prod", "3");
  b.alias(fn, "canary", "2", undefined, { "3": 0.1 });
  b.esm({ functionArn: `${fn}:3`, sourceArn: b.arn("sqs", REGION, "q") });
  return b.build();
}

describe("placeholders in remediation commands", () => {
  it("are quoted, so that pasted as they are they redirect nothing: every rule's fixes on the demo, a synthetic and a republishing account", () => {
    const accounts = [buildAcmeRetailDemo().snapshot, generateSyntheticSnapshot({ functions: 1_000, roles: 500, seed: 42 }), republished()];
    const commands = accounts.flatMap((a) => analyse(a).findings.flatMap((f) => remediationParts(f.remediation).filter((p) => p.kind === "command").map((p) => `${f.rule}: ${p.text}`)));
    // Not vacuous: the placeholders of the fixes that have them are there, a republished version's included.
    for (const placeholder of ["<source ARN>", "<account that owns the bucket>", "<role ARN>", "<new version for 3>"]) {
      expect(commands.some((c) => c.includes(placeholder)), placeholder).toBe(true);
    }
    expect(commands.filter((c) => redirections(c) > 0)).toEqual([]);
  });

  it("are quoted in a command fragment a sentence holds in parentheses or backticks, as a user would paste it", () => {
    const accounts = [buildAcmeRetailDemo().snapshot, generateSyntheticSnapshot({ functions: 1_000, roles: 500, seed: 42 }), republished()];
    const prose = [
      ...accounts.flatMap((a) => analyse(a).findings.flatMap((f) => remediationParts(f.remediation).filter((p) => p.kind === "text").map((p) => `${f.rule}: ${p.text}`))),
      `rcp: ${rcpServiceRemediation([], "assuming the role", "sts:AssumeRole")}`,
    ];
    const fragments = prose.flatMap((text) => commandFragments(text).map((fragment) => `${text.slice(0, text.indexOf(":"))}: ${fragment}`));
    // Not vacuous: the flag of the accounts to name, and the whole command of an RCP's update, each with its placeholder.
    for (const expected of ["--principal '<account id>'", "update-policy --policy-id '<id>'"]) {
      expect(fragments.some((f) => f.includes(expected)), expected).toBe(true);
    }
    expect(fragments.filter((f) => redirections(f) > 0)).toEqual([]);
  });
});

/**
 * The command fragments of a sentence: what it holds in parentheses or backticks that starts as a command line or a
 * flag does (`aws …`, `--flag …`). Not an ARN pattern (`…:execution/<name>/<id>`) or a policy excerpt
 * (`"Action": ["s3:<Action>"]`) the sentence quotes: those go into a policy, never a shell.
 */
function commandFragments(text: string): string[] {
  return [...text.matchAll(/\(([^()]*)\)|`([^`]*)`/g)].map((m) => m[1] ?? m[2]!).filter((f) => /^(aws [a-z]|--[a-z])/.test(f));
}
