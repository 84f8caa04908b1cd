import { describe, expect, it } from "vitest";
import path from "node:path";
import { readFile } from "node:fs/promises";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { RULES } from "@/lib/findings/rules/registry";
import { SEVERITIES, type AnalysisReport, type Finding } from "@/lib/analysis/types";
import { formatSarif, SARIF_RESULT_LIMIT, sarifWarnings } from "./sarif";
import { sarifSchemaErrors } from "./fixtures/sarif-schema";
import { codeScanningProblems } from "./fixtures/github-code-scanning";
import { LONGEST_ARN } from "@/lib/view/long-words";
import { builder, REGION } from "@/lib/findings/test-support";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";

const demoJson = await readFile(path.join(__dirname, "../../data/demo-snapshot.json"), "utf8");
const report = analyzeSnapshot(parseSnapshot(demoJson));
const log = formatSarif(report, "demo-snapshot.json");
const run = log.runs[0]!;
const rules = run.tool.driver.rules ?? [];

/** GitHub's bands for security-severity (its SARIF support page). */
function band(score: number): string {
  return score > 9 ? "critical" : score >= 7 ? "high" : score >= 4 ? "medium" : "low";
}

describe("SARIF for GitHub code scanning", () => {
  it("declares every rule once, tagged security, scored in the band of its worst result or its default (info unscored)", () => {
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
    for (const [i, r] of rules.entries()) {
      const severity = [RULES[i]!.severity, ...report.findings.filter((f) => f.rule === r.id).map((f) => f.severity)].sort((a, b) => rank(a) - rank(b))[0]!;
      expect(r.properties?.tags).toContain("security");
      expect(r.help?.text).toBeTruthy();
      const score = r.properties?.["security-severity"] as string | undefined;
      if (severity === "info") expect(score).toBeUndefined();
      else expect(band(Number(score))).toBe(severity);
    }
  });

  it("tells certain findings from conditional ones (\"may\" where the rule could say \"can\") by precision", () => {
    const precision = (id: string) => (run.results ?? []).find((r) => r.partialFingerprints?.findingId === id)?.properties?.precision;
    const may = report.findings.find((f) => f.rule === "role-privilege-escalation" && /\bmay\b/.test(f.title))!;
    const can = report.findings.find((f) => f.rule === "public-invoke" && /\bcan\b/.test(f.title))!;
    expect(precision(may.id)).toBe("medium");
    expect(precision(can.id)).toBe("high");
    // A "may" that is the rule's own wording whatever the answer (confused-deputy's title) is no doubt of the answer.
    const deputy = report.findings.find((f) => f.rule === "confused-deputy")!;
    expect(precision(deputy.id)).toBe("high");
    // GitHub reads precision on the rule only: medium where every result of the rule in the log is conditional.
    const only = (f: Finding) => formatSarif({ ...report, findings: [f] }, "s.json").runs[0]!.tool.driver.rules!.find((r) => r.id === f.rule)!.properties?.precision;
    expect(only(may)).toBe("medium");
    expect(only(can)).toBe("high");
    const { conditional: _, ...certain } = may;
    expect(formatSarif({ ...report, findings: [may, { ...certain, id: "other", title: may.title.replace("may", "can") }] }, "s.json").runs[0]!.tool.driver.rules!.find((r) => r.id === may.rule)!.properties?.precision).toBe("high");
  });

  it("reads whether a finding is conditional from its conditional field, never from the words of its title", () => {
    const may = report.findings.find((f) => f.rule === "role-privilege-escalation" && f.conditional)!;
    const can = report.findings.find((f) => f.rule === "public-invoke" && !f.conditional)!;
    const { conditional: _, ...unflagged } = may;
    const precision = (f: Finding) => formatSarif({ ...report, findings: [f] }, "s.json").runs[0]!.results![0]!.properties?.precision;
    // The same titles, the flags swapped: the precision follows the flag.
    expect(precision(unflagged)).toBe("high");
    expect(precision({ ...can, conditional: true })).toBe("medium");
  });

  it("gives every result a declared rule, a level of its own severity and a region on the snapshot file", () => {
    expect(run.results?.length).toBe(report.findings.length);
    const ids = new Set(rules.map((r) => r.id));
    for (const [i, r] of (run.results ?? []).entries()) {
      const f = report.findings[i]!;
      expect(ids.has(r.ruleId!)).toBe(true);
      expect(r.level).toBe(f.severity === "critical" || f.severity === "high" ? "error" : f.severity === "medium" ? "warning" : "note");
      const loc = r.locations?.[0]?.physicalLocation;
      expect(loc?.artifactLocation?.uri).toBe("demo-snapshot.json");
      expect(loc?.region?.startLine).toBeGreaterThanOrEqual(1);
      expect(r.partialFingerprints?.findingId).toBe(f.id);
      // A finding more severe than its rule's default (e.g. escalation to an admin role) keeps its own score, and its
      // rule, which GitHub scores the alert by, is scored at least as high.
      const rule = rules.find((x) => x.id === r.ruleId)!;
      if (f.severity !== "info") expect(Number(rule.properties?.["security-severity"])).toBeGreaterThanOrEqual(Number(r.properties?.["security-severity"]));
      if (f.severity !== "info") expect(band(Number(r.properties?.["security-severity"]))).toBe(f.severity);
    }
  });

  it("leaves accepted findings out (GitHub would open alerts for them), or keeps them as suppressed results with the reason", () => {
    const [first, ...rest] = report.findings;
    const accepted = { ...first!, suppression: { reason: "accepted by the platform team", entry: 0 } };
    const withAccepted = { ...report, findings: rest, suppressed: [accepted] };
    expect(formatSarif(withAccepted, "demo-snapshot.json").runs[0]!.results?.map((r) => r.partialFingerprints?.findingId)).toEqual(rest.map((f) => f.id));
    const results = formatSarif(withAccepted, "demo-snapshot.json", { keepSuppressed: true }).runs[0]!.results ?? [];
    expect(results).toHaveLength(report.findings.length);
    expect(results.slice(0, -1).every((r) => r.suppressions === undefined)).toBe(true);
    const last = results[results.length - 1]!;
    expect(last.partialFingerprints?.findingId).toBe(first!.id);
    expect(last.suppressions).toEqual([{ kind: "external", status: "accepted", justification: "accepted by the platform team" }]);
    // Without suppressions no result carries any.
    expect(run.results?.some((r) => r.suppressions)).toBe(false);
  });
});

/** The demo snapshot with `edit` applied to a parsed copy (the file itself is shared by every test). */
function demoWith(edit: (snapshot: Record<string, any>) => void): AnalysisReport {
  const snapshot = JSON.parse(demoJson) as Record<string, any>;
  edit(snapshot);
  return analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
}

const fingerprints = (r: AnalysisReport) => (formatSarif(r, "demo-snapshot.json").runs[0]!.results ?? []).map((x) => `${x.ruleId} ${x.partialFingerprints?.findingId}`);

describe("SARIF fingerprints, which GitHub tracks an alert by across uploads", () => {
  it("are the finding's stable id: one per result, none shared, the same when AWS lists the account in another order", () => {
    const first = fingerprints(report);
    expect(new Set(first).size).toBe(first.length);
    expect(first).toEqual(report.findings.map((f) => `${f.rule} ${f.id}`));
    // A rescan of the same account where the APIs list functions, roles and policies in another order.
    const reordered = demoWith((snap) => {
      for (const region of Object.values(snap.regions as Record<string, any>)) region.ListFunctions.Functions.reverse();
      const iam = snap.iam.GetAccountAuthorizationDetails;
      for (const list of ["RoleDetailList", "Policies", "UserDetailList", "GroupDetailList"]) iam[list].reverse();
    });
    // The report orders findings itself, so even the order of the results is the same.
    expect(fingerprints(reordered)).toEqual(first);
  });

  it("give GitHub a primaryLocationLineHash of each finding's id, the one key it reads: results on one line stay apart", () => {
    const lineHashes = (r: AnalysisReport) => (formatSarif(r, "demo-snapshot.json").runs[0]!.results ?? []).map((x) => x.partialFingerprints?.primaryLocationLineHash);
    const first = lineHashes(report);
    // Without one, upload-sarif hashes line 1 of the snapshot file for every result: one alert per rule.
    expect(first.every((h) => typeof h === "string" && /^[0-9a-f]{16}:1$/.test(h))).toBe(true);
    expect(new Set(first).size).toBe(first.length);
    expect(lineHashes(analyzeSnapshot(parseSnapshot(demoJson)))).toEqual(first);
    // Another finding (the same rule on another statement) has another hash.
    const [f] = report.findings;
    const other = lineHashes({ ...report, findings: [{ ...f!, id: `${f!.id}-other` }] });
    expect(other[0]).not.toBe(first[0]);
  });
});

/** Link syntax SARIF viewers render in a plain-text message, with backslash tricks to undo an escape. */
const LINKS = "[click](https://evil.example/) \\[x](1) ]( \\";

/** The text with SARIF's escapes (a backslash before any character) read back. */
const unescape = (text: string) => text.replace(/\\(.)/g, "$1");
/** What is left once escaped characters are taken out: a link needs a bare `[` and `]`. */
const bare = (text: string) => text.replace(/\\./g, "");

describe("SARIF messages are plain text that names from the snapshot cannot turn into links", () => {
  it("writes no markdown, and escapes brackets and backslashes from a hostile Sid so no embedded link forms", () => {
    const hostile = demoWith((snap) => {
      for (const region of Object.values(snap.regions as Record<string, any>)) {
        for (const [fn, got] of Object.entries(region.GetPolicy as Record<string, any>)) {
          if (typeof got?.Policy === "string") region.GetPolicy[fn].Policy = got.Policy.replace('"Sid":"AllowAnyoneToInvoke"', `"Sid":${JSON.stringify(LINKS)}`);
        }
      }
    });
    const finding = hostile.findings.find((f) => f.detail.includes(LINKS));
    expect(finding, "the hostile Sid reaches a finding's text").toBeDefined();
    const log = formatSarif(hostile, "demo-snapshot.json");
    expect(JSON.stringify(log)).not.toMatch(/"markdown"/);
    for (const [i, r] of (log.runs[0]!.results ?? []).entries()) {
      const f = hostile.findings[i]!;
      expect(unescape(r.message.text!)).toBe(`${f.title}. ${f.detail}`);
      expect(bare(r.message.text!)).not.toMatch(/[[\]]/);
    }
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it("shows control and bidirectional characters of a name as escapes, as the text report does (GitHub shows the message as the alert's title)", () => {
    const [first, ...rest] = report.findings;
    const title = "Anyone can invoke \u202eipa-tuokcehc\u202c \u001b]8;;https://evil.example\u0007x\u001b]8;;\u0007\r\nforged";
    const r = formatSarif({ ...report, findings: [{ ...first!, title }, ...rest] }, "demo-snapshot.json").runs[0]!.results![0]!;
    expect(r.message.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(unescape(r.message.text!)).toBe(`Anyone can invoke \\u202eipa-tuokcehc\\u202c \\u001b]8;;https://evil.example\\u0007x\\u001b]8;;\\u0007\\r\\nforged. ${first!.detail}`);
  });
});

describe("SARIF messages with a crafted ARN of 100,000 characters", () => {
  it("cut it in the middle, as the text report does (GitHub shows the message as the alert's title); the location keeps it whole", () => {
    const [first, ...rest] = report.findings;
    const crafted = `arn:aws:lambda:us-east-1:123456789012:function:f:${"a".repeat(50_000)}${"z".repeat(50_000)}`;
    const r = formatSarif({ ...report, findings: [{ ...first!, title: `Function URL of ${crafted} is public`, functions: [crafted] }, ...rest] }, "demo-snapshot.json").runs[0]!.results![0]!;
    // Numbers and booleans, not the text: a failure would print 100,000 characters.
    expect(Math.max(...r.message.text!.split(/\s+/).map((w) => w.length))).toBeLessThanOrEqual(LONGEST_ARN);
    expect(/^Function URL of arn:aws:lambda:\S*a…\(\d+ characters\)…z+ is public\. /.test(r.message.text!)).toBe(true);
    expect(r.locations![0]!.logicalLocations![0]!.fullyQualifiedName === crafted).toBe(true);
  });
});

describe("GitHub's limit of 25,000 results per run", () => {
  /** `n` copies of a demo finding at `severity`, each its own finding (own id). */
  const copies = (n: number, severity: Finding["severity"], tag: string): Finding[] =>
    Array.from({ length: n }, (_, i) => ({ ...report.findings[0]!, id: `${report.findings[0]!.id}#${tag}${i}`, severity }));

  it("a log within it keeps every result and says nothing", () => {
    const log = formatSarif({ ...report, findings: copies(SARIF_RESULT_LIMIT, "low", "l") }, "big.json");
    expect(log.runs[0]!.results).toHaveLength(SARIF_RESULT_LIMIT);
    expect(log.runs[0]!.invocations).toBeUndefined();
    expect(sarifWarnings(log)).toEqual([]);
  });

  it("past it, keeps the most severe (accepted findings are left out first), in report order, and says in the run what it left out", () => {
    const findings = [...copies(3, "info", "i"), ...copies(SARIF_RESULT_LIMIT - 2, "low", "l"), ...copies(5, "critical", "c")];
    const accepted = copies(4, "critical", "a").map((f) => ({ ...f, suppression: { reason: "accepted", entry: 0 } }));
    const log = formatSarif({ ...report, findings, suppressed: accepted }, "big.json", { keepSuppressed: true });
    const run = log.runs[0]!;
    const kept = run.results!.map((r) => r.partialFingerprints!.findingId!);
    expect(kept).toHaveLength(SARIF_RESULT_LIMIT);
    // 5 critical + 24,995 of the 24,998 low: the 3 info, the 3 last low and the 4 accepted are left out.
    expect(kept).toEqual([...findings.slice(3, 3 + SARIF_RESULT_LIMIT - 5), ...findings.slice(-5)].map((f) => f.id));
    expect(run.properties).toEqual({ resultsLeftOut: 10, resultsLeftOutBySeverity: { critical: 4, low: 3, info: 3 } });
    expect(sarifWarnings(log)).toEqual([
      "10 of 25010 results left out (4 critical, 3 low, 3 info): GitHub code scanning accepts 25000 per run, so the most severe were kept. The JSON or text report lists them all.",
    ]);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
  });
});

describe("data the scan could not read", () => {
  it("is a tool notification of the run besides its results: code scanning shows that checks could not run, even past the limit", () => {
    const unread = report.findings.filter((f) => f.rule === "data-unavailable");
    expect(unread.length).toBeGreaterThan(0);
    expect(sarifWarnings(log)).toEqual([
      `${unread.length} data-unavailable result(s): data the scan could not read, so the rules that need it gave no verdict there: unknown, not fine. Each result names the call that failed.`,
    ]);
    expect(run.invocations?.[0]?.toolExecutionNotifications?.[0]).toMatchObject({ level: "warning", descriptor: { id: "data-unavailable" } });
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
  });
});

/** A disabled SQS mapping whose role cannot poll the queue: re-enabling it waits for event-source-missing-permissions's fix. */
function reenableFirst(): AnalysisReport {
  const b = builder();
  const role = b.role({ name: "worker", inline: { logs: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*")) } });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
  b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "q"), state: "Disabled", stateTransitionReason: "User action" });
  return analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
}

describe("SARIF: the fixes that come first", () => {
  it("lists a result's fixesFirst in its properties, and nothing for a result whose fix comes first of none", () => {
    const r = reenableFirst();
    const results = formatSarif(r, "s.json").runs[0]!.results ?? [];
    const of = (rule: string) => results.find((x) => x.ruleId === rule)?.properties;
    expect(of("event-source-mapping-failing")?.fixesFirst).toEqual(["event-source-missing-permissions"]);
    expect(of("event-source-missing-permissions")).not.toHaveProperty("fixesFirst");
    expect(sarifSchemaErrors(formatSarif(r, "s.json"))).toEqual([]);
  });
});

describe("SARIF: each result's evidence", () => {
  it("carries every piece of the finding's evidence with where it came from (statement, mapping UUID, API call), not the documents", () => {
    const results = run.results ?? [];
    for (const f of report.findings) {
      const r = results.find((x) => x.partialFingerprints?.findingId === f.id)!;
      expect(r.properties?.evidence).toEqual(f.evidence.map((e) => ({ kind: e.kind, description: e.description, ...(e.source ? { source: e.source } : {}) })));
    }
    const sqs = results.find((x) => x.ruleId === "event-source-missing-permissions" && x.message.text?.startsWith("SQS trigger"))!;
    const evidence = sqs.properties?.evidence as { kind: string; source?: { mappingUuid?: string }; document?: unknown }[];
    expect(evidence[0]).toMatchObject({ kind: "event-source-mapping", source: { mappingUuid: "8e4eaf06-2875-442e-a931-36c45112770d" } });
    expect(evidence.some((e) => "document" in e)).toBe(false);
    const publicGrant = results.find((x) => x.ruleId === "public-invoke")!.properties?.evidence as { source?: { sid?: string } }[];
    expect(publicGrant[0]?.source?.sid).toBe("AllowAnyoneToInvoke");
  });
});
