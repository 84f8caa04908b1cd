/**
 * SARIF 2.1.0, so findings show up in code-scanning dashboards next to the IaC that causes them. Typed with
 * @types/sarif so the compiler checks the log's shape; the properties GitHub code scanning reads on top of the
 * standard (security-severity, tags, a region on every location) are set as its SARIF support page asks.
 */
import { createHash } from "node:crypto";
import type { Invocation, Log, ReportingDescriptor, Result } from "sarif";
import { SEVERITIES, type AnalysisReport, type Finding, type Severity } from "@/lib/analysis/types";
import { RULES } from "@/lib/findings/rules/registry";
import { printable } from "@/lib/view/long-words";
import packageJson from "@/package.json";

/**
 * GitHub code scanning rejects a run with more results than this (its SARIF limits page); past it the log keeps the
 * most severe and says, in the run, how many it left out.
 */
export const SARIF_RESULT_LIMIT = 25_000;

/**
 * How a log is written out, whole (JSON.stringify) or a piece at a time (lib/http/json-stream.ts): indented, and its
 * results (`runs[0].results[i]`, four levels down: 7 MiB at 10,000 functions) each a piece of their own.
 */
export const SARIF_JSON_LAYOUT = { indent: 2, splitDepth: 4 } as const;

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/**
 * GitHub ranks security alerts by this score (over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, up to 3.9 low).
 * `info` findings (data that could not be read) are not vulnerabilities: no score, so they rank by level alone.
 */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: undefined,
};

function severityProperties(severity: Severity): Record<string, string> {
  const score = SECURITY_SEVERITY[severity];
  return score ? { severity, "security-severity": score } : { severity };
}

/**
 * GitHub scores an alert by its rule's security-severity, not the result's: a rule is scored by its worst result in
 * this log when that is above its default (an open GitHub trust is critical, the rule's default medium), so no
 * critical finding shows as medium; the other results keep their own level and score in their properties.
 */
function ruleSeverity(r: (typeof RULES)[number], report: AnalysisReport): Severity {
  let worst = r.severity;
  for (const f of report.findings) if (f.rule === r.id && SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(worst)) worst = f.severity;
  return worst;
}

/**
 * GitHub code scanning reads `precision` (very-high, high, medium, low: how often the rule's results are true) from
 * the rule's property bag only, and ranks alerts of one level by it; SARIF 2.1.0 itself has no such field. A
 * conditional finding (its `conditional` field: a Deny or condition the snapshot cannot decide could refuse it) is
 * medium, a certain one high, set on each result for readers of the log. The rule is medium only when all its results
 * here are conditional, so a certain alert is never ranked down with a doubtful one (as the worst severity scores the
 * rule).
 */
type Precision = "high" | "medium";
const precisionOf = (f: Finding): Precision => (f.conditional ? "medium" : "high");

function rulePrecision(r: (typeof RULES)[number], report: AnalysisReport): Precision {
  const results = report.findings.filter((f) => f.rule === r.id);
  return results.length > 0 && results.every((f) => precisionOf(f) === "medium") ? "medium" : "high";
}

function ruleDescriptor(r: (typeof RULES)[number], severity: Severity, precision: Precision): ReportingDescriptor {
  return {
    id: r.id,
    name: r.title,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${r.description} Each result names the policy statement, mapping or missing action behind it.` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { ...severityProperties(severity), tags: ["security", "aws", "lambda", "iam"], precision },
  };
}

/**
 * SARIF reads `[text](target)` in a plain-text message as an embedded link, so a function name or Sid from the
 * snapshot could make a viewer show a link; a backslash makes a bracket literal. Backslashes from the snapshot are
 * doubled so none can cancel that escape (a viewer that does not read `\\` as one shows two: harmless). Control and
 * bidirectional characters are shown as escapes first (lib/view/visible-text.ts): GitHub makes the message an alert's
 * title, where U+202E would show a name reversed, and a SARIF file read in a terminal would run escape sequences.
 * A word longer than any ARN AWS gives (a crafted ARN or map key of a megabyte) is cut as in the text report; the
 * result's logical location keeps the ARN whole.
 */
function sarifPlainText(text: string): string {
  return printable(text).replace(/[\\[\]]/g, "\\$&");
}

/**
 * GitHub reads only `primaryLocationLineHash` of a result's fingerprints, and the upload-sarif action fills a missing
 * one by hashing the text of the result's line: every result sits on line 1 of the snapshot, so each rule's results
 * became one alert. A digest of the finding's stable id, in the form GitHub's own hashes take, keeps them apart.
 */
function lineHash(id: string): string {
  return `${createHash("sha256").update(id).digest("hex").slice(0, 16)}:1`;
}

function result(f: Finding, report: AnalysisReport, snapshotUri: string): Result {
  return {
    ruleId: f.rule,
    level: LEVEL[f.severity],
    message: { text: sarifPlainText(`${f.title}. ${f.detail}`) },
    locations: [
      {
        // The snapshot is one JSON document, not source lines: line 1 anchors the alert to the file (GitHub
        // shows no location for a result without a region).
        physicalLocation: { artifactLocation: { uri: snapshotUri }, region: { startLine: 1 } },
        logicalLocations: (f.functions.length ? f.functions : [f.role ?? report.account]).map((arn) => ({
          fullyQualifiedName: arn,
          kind: "resource",
        })),
      },
    ],
    partialFingerprints: { findingId: f.id, primaryLocationLineHash: lineHash(f.id) },
    // A property bag (SARIF 2.1.0 §3.8) takes any keys: the rules whose fixes come first, as ids a pipeline can order by.
    properties: {
      ...severityProperties(f.severity),
      precision: precisionOf(f),
      remediation: f.remediation,
      // findings.md: each finding carries its evidence, with where each piece came from (policy and statement, mapping
      // UUID, API call). The documents quoted stay in the JSON report: a policy each would make the log many times larger.
      evidence: f.evidence.map(({ kind, description, source }) => (source ? { kind, description, source } : { kind, description })),
      ...(f.fixesFirst?.length ? { fixesFirst: [...new Set(f.fixesFirst)] } : {}),
    },
  };
}

type Entry = { finding: Finding; suppression?: Result["suppressions"] };

/**
 * The entries a run can hold: all of them up to GitHub's limit; past it, accepted findings are the first left out, then
 * the mildest, the last in report order first, so the same account always keeps the same results (in report order).
 */
function withinLimit(entries: Entry[]): { kept: Entry[]; left: Entry[] } {
  if (entries.length <= SARIF_RESULT_LIMIT) return { kept: entries, left: [] };
  const rank = (e: Entry) => (e.suppression ? SEVERITIES.length : 0) + SEVERITIES.indexOf(e.finding.severity);
  const order = entries.map((e, i) => ({ i, r: rank(e) })).sort((a, b) => a.r - b.r || a.i - b.i);
  const keep = new Set(order.slice(0, SARIF_RESULT_LIMIT).map((o) => o.i));
  return { kept: entries.filter((_, i) => keep.has(i)), left: entries.filter((_, i) => !keep.has(i)) };
}

type Notification = NonNullable<Invocation["toolExecutionNotifications"]>[number];

/**
 * Data the scan could not read, said for the run as well as by each data-unavailable result: GitHub lists a run's
 * tool notifications apart from its alerts, and the limit cuts info results first.
 */
function unreadDataNote(report: AnalysisReport): Notification[] {
  const n = report.findings.filter((f) => f.rule === "data-unavailable").length;
  if (n === 0) return [];
  const text = `${n} data-unavailable result(s): data the scan could not read, so the rules that need it gave no verdict there: unknown, not fine. Each result names the call that failed.`;
  return [{ level: "warning", descriptor: { id: "data-unavailable" }, message: { text } }];
}

/** The run's tool notifications, when it has any: one invocation carries them all. */
function invocationOf(notes: Notification[]): { invocations?: Invocation[] } {
  return notes.length ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notes }] } : {};
}

/** Tells, in the run (a tool notification and a property bag count), which results the limit left out. */
function omissionNotes(left: Entry[]): { notes: Notification[]; properties?: Record<string, unknown> } {
  if (left.length === 0) return { notes: [] };
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, left.filter((e) => e.finding.severity === s).length]).filter(([, n]) => n));
  const counts = Object.entries(bySeverity).map(([s, n]) => `${n} ${s}`).join(", ");
  const text = `${left.length} of ${left.length + SARIF_RESULT_LIMIT} results left out (${counts}): GitHub code scanning accepts ${SARIF_RESULT_LIMIT} per run, so the most severe were kept. The JSON or text report lists them all.`;
  return {
    notes: [{ level: "warning", descriptor: { id: "results-left-out" }, message: { text } }],
    properties: { resultsLeftOut: left.length, resultsLeftOutBySeverity: bySeverity },
  };
}

/** What the log says it left out (tool notifications), for the CLI to repeat on stderr. */
export function sarifWarnings(log: Log): string[] {
  return log.runs.flatMap((run) => (run.invocations ?? []).flatMap((i) => (i.toolExecutionNotifications ?? []).map((n) => n.message.text ?? "")));
}

/**
 * Findings a suppressions file accepts (`report.suppressed`) are left out: GitHub code scanning opens an alert for a
 * result whatever its SARIF suppressions say. With `keepSuppressed` they stay as suppressed results (a SARIF 2.1.0
 * suppression of kind "external": the acceptance lives outside the scanned artifact), for viewers that honour them.
 */
export function formatSarif(report: AnalysisReport, snapshotUri: string, options: { keepSuppressed?: boolean } = {}): Log {
  const entries: Entry[] = [
    ...report.findings.map((finding) => ({ finding })),
    ...(options.keepSuppressed ? (report.suppressed ?? []) : []).map((f) => ({
      finding: f,
      suppression: [{ kind: "external" as const, status: "accepted" as const, justification: f.suppression.reason }],
    })),
  ];
  const { kept, left } = withinLimit(entries);
  const omitted = omissionNotes(left);
  const results: Result[] = kept.map(({ finding, suppression }) => {
    const r = result(finding, report, snapshotUri);
    return suppression ? { ...r, suppressions: suppression } : r;
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "lambda-permissions-graph",
            // GitHub shows which version of the tool made an analysis; `version` is free-form, `semanticVersion` SemVer.
            version: packageJson.version,
            semanticVersion: packageJson.version,
            informationUri: "https://github.com/lambda-permissions-graph/lambda-permissions-graph",
            rules: RULES.map((r) => ruleDescriptor(r, ruleSeverity(r, report), rulePrecision(r, report))),
          },
        },
        ...invocationOf([...omitted.notes, ...unreadDataNote(report)]),
        ...(omitted.properties ? { properties: omitted.properties } : {}),
        results,
      },
    ],
  };
}
