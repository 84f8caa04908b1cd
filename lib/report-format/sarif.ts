/** SARIF 2.1.0, so findings show up in code-scanning dashboards next to the IaC that causes them. */
import type { AnalysisReport, Severity } from "@/lib/analysis/types";
import { RULES } from "@/lib/findings/rules/registry";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

export function formatSarif(report: AnalysisReport, snapshotUri: string): unknown {
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "lambda-permissions-graph",
            informationUri: "https://github.com/lambda-permissions-graph/lambda-permissions-graph",
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.title,
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { severity: r.severity },
            })),
          },
        },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          level: LEVEL[f.severity],
          message: { text: `${f.title}. ${f.detail}` },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: snapshotUri } },
              logicalLocations: (f.functions.length ? f.functions : [f.role ?? report.account]).map((arn) => ({
                fullyQualifiedName: arn,
                kind: "resource",
              })),
            },
          ],
          partialFingerprints: { findingId: f.id },
          properties: { severity: f.severity, remediation: f.remediation },
        })),
      },
    ],
  };
}
