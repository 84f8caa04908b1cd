/**
 * SARIF 2.1.0, so findings show up in code-scanning dashboards next to the IaC that causes them. Typed with
 * @types/sarif so the compiler checks the log's shape; the properties GitHub code scanning reads on top of the
 * standard (security-severity, tags, a region on every location) are set as its SARIF support page asks.
 */
import type { Log, ReportingDescriptor, Result } from "sarif";
import { SEVERITIES, type AnalysisReport, type Finding, type Severity } from "@/lib/analysis/types";
import { RULES } from "@/lib/findings/rules/registry";
import packageJson from "@/package.json";

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

function ruleDescriptor(r: (typeof RULES)[number], severity: Severity): ReportingDescriptor {
  return {
    id: r.id,
    name: r.title,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${r.description} Each result names the policy statement, mapping or missing action behind it.` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { ...severityProperties(severity), tags: ["security", "aws", "lambda", "iam"], precision: "high" },
  };
}

/**
 * SARIF reads `[text](target)` in a plain-text message as an embedded link, so a function name or Sid from the
 * snapshot could make a viewer show a link; a backslash makes a bracket literal. Backslashes from the snapshot are
 * doubled so none can cancel that escape (a viewer that does not read `\\` as one shows two: harmless).
 */
function sarifPlainText(text: string): string {
  return text.replace(/[\\[\]]/g, "\\$&");
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
    partialFingerprints: { findingId: f.id },
    properties: { ...severityProperties(f.severity), remediation: f.remediation },
  };
}

/**
 * Findings a suppressions file accepts (`report.suppressed`) are left out: GitHub code scanning opens an alert for a
 * result whatever its SARIF suppressions say. With `keepSuppressed` they stay as suppressed results (a SARIF 2.1.0
 * suppression of kind "external": the acceptance lives outside the scanned artifact), for viewers that honour them.
 */
export function formatSarif(report: AnalysisReport, snapshotUri: string, options: { keepSuppressed?: boolean } = {}): Log {
  const results: Result[] = [
    ...report.findings.map((f) => result(f, report, snapshotUri)),
    ...(options.keepSuppressed ? (report.suppressed ?? []) : []).map((f) => ({
      ...result(f, report, snapshotUri),
      suppressions: [{ kind: "external" as const, status: "accepted" as const, justification: f.suppression.reason }],
    })),
  ];
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
            rules: RULES.map((r) => ruleDescriptor(r, ruleSeverity(r, report))),
          },
        },
        results,
      },
    ],
  };
}
