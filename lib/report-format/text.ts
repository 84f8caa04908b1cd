/** Plain-text rendering of a report for terminals and CI logs. */
import type { AnalysisReport, Finding, Severity, SuppressedFinding } from "@/lib/analysis/types";
import { SEVERITIES } from "@/lib/analysis/types";
import { dataGapItems } from "@/lib/view/data-gaps";
import { organizationLine } from "@/lib/view/organization-line";
import { assumedByText, callersCount, identityCallerName } from "@/lib/view/identity-details";
import { ownValue } from "@/lib/own-value";
import { visibleText } from "@/lib/view/visible-text";
import { printable } from "@/lib/view/long-words";
import { isUserArn } from "@/lib/analysis/users-not-read";
import { isAsyncOnly } from "@/lib/analysis/async-only";
import { findingPlace, functionNames, type FunctionNames } from "@/lib/view/finding-place";
import { plural } from "@/lib/view/count-text";
import { dependsOnText } from "@/lib/findings/depends-on";
import { applyFirstText } from "@/lib/view/apply-first";
import { evidenceLines } from "@/lib/view/evidence-lines";

/** Evidence items printed under a finding; the rest are counted. */
const TEXT_EVIDENCE = 3;

export function severityCounts(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Roles and IAM users that may invoke every function through their own policies: named once, not under each function. */
function accountInvokerLines(report: AnalysisReport): string[] {
  const wide = report.accountInvokers ?? [];
  const unread = report.accountInvokersUnread ?? [];
  const whose = unread.some(isUserArn) ? `Policies of ${callersCount(unread)}` : `${unread.length} role${unread.length === 1 ? "'s" : "s'"} policies`;
  const gap = unread.length
    ? [`${whose} could not be read, so ${unread.length === 1 ? "it" : "they"} may invoke functions no list names: ${unread.slice(0, 5).map(identityCallerName).join(", ")}${unread.length > 5 ? `, and ${unread.length - 5} more` : ""}`]
    : [];
  if (wide.length === 0) return gap;
  const regional = wide.some((w) => w.regions);
  return [
    ...gap,
    `${callersCount(wide.map((w) => w.principal))} may invoke every function${regional ? " (or every function of some regions)" : ""} through ${wide.length === 1 ? "its" : "their"} own policies:`,
    ...wide.map((w) => {
      const name = identityCallerName(w.principal);
      const shown = w.exceptions.slice(0, 5).map((e) => `${e.function.split(":").slice(6).join(":")} ${e.decision}${asyncStillOpen(report, w.principal, e)}`);
      if (w.exceptions.length > shown.length) shown.push(`and ${w.exceptions.length - shown.length} more`);
      const except = shown.length ? `; answered otherwise for ${w.exceptions.length}: ${shown.join(", ")}` : "";
      const where = w.regions ? `; every function in ${w.regions.join(", ")}` : "";
      const how = isAsyncOnly(w.actions) ? "; InvokeAsync only" : "";
      const assumed = assumedByText(ownValue(report.invokerRoles ?? {}, w.principal));
      // What a conditional answer turns on, in the findings' words: keys, and values AWS may read otherwise.
      const dependsOn = dependsOnText({ keys: w.unknownKeys, values: w.undocumentedValues });
      const on = dependsOn ? ` on ${dependsOn}` : "";
      return `  - ${name} (${w.decision}${on}, ${w.statements.join(", ")}${how}${where}${except})${assumed ? `; ${assumed}` : ""}`;
    }),
  ];
}

/**
 * An exception refuses (or doubts) InvokeFunction, but the function's own invoker list may still hold the caller for
 * lambda:InvokeAsync (a Deny naming InvokeFunction only): the text report prints no invoker lists, so it says so here.
 */
function asyncStillOpen(report: AnalysisReport, principal: string, e: { function: string; decision: string }): string {
  if (e.decision === "allowed") return "";
  const unqualified = e.function.split(":").slice(0, 7).join(":");
  const fn = report.functions.find((f) => f.arn === unqualified);
  const entry = fn?.invokers.find(
    (i) => i.via === "identity-policy" && i.principal === principal && (i.actions ?? []).includes("lambda:InvokeAsync") && i.decision !== e.decision,
  );
  return entry ? ` (InvokeAsync ${entry.decision})` : "";
}

function headLine(f: Finding, names: FunctionNames): string {
  return `${f.severity.toUpperCase().padEnd(8)} ${f.rule.padEnd(36)} ${findingPlace(f, names)}: ${f.title}`;
}

function findingLines(f: Finding, names: FunctionNames): string[] {
  return [
    headLine(f, names),
    // Titles are headlines that count what does not fit (lib/findings/headline.ts): the detail names it all.
    `         ${f.detail}`,
    ...evidenceLines(f, TEXT_EVIDENCE).map((line) => `         - ${line}`),
    ...optionalLine(applyFirstText(f)).map((line) => `         ${line}`),
    ...remediationLines(f.remediation),
  ];
}

/**
 * The fix under its finding, line by line (commands and policy documents span several): a CI log or terminal is often
 * the only report its reader opens, and the "Apply first" line above names fixes that would otherwise be shown nowhere.
 */
function remediationLines(remediation: string): string[] {
  const [first = "", ...rest] = remediation.split("\n");
  return [`         Fix: ${first}`, ...rest.map((line) => `           ${line}`)];
}

/** Accepted findings, after the rest: one line each and the reason, so a log still shows what the gate let through. */
function suppressedLines(suppressed: readonly SuppressedFinding[], names: FunctionNames): string[] {
  if (suppressed.length === 0) return [];
  return [
    "",
    `Suppressed (${suppressed.length}, accepted in the suppressions file; not counted above or by --fail-on):`,
    ...suppressed.flatMap((f) => [
      headLine(f, names),
      `         accepted: ${f.suppression.reason}${f.suppression.expires ? ` (until ${f.suppression.expires})` : ""}`,
    ]),
  ];
}

function optionalLine(line: string | undefined): string[] {
  return line === undefined ? [] : [visibleText(line)];
}

export function formatText(report: AnalysisReport): string {
  const suppressed = report.suppressed ?? [];
  const names = functionNames(report);
  const counts = severityCounts(report.findings);
  const lines = [
    `Account ${report.account} · captured ${report.capturedAt} · regions ${report.regions.join(", ") || "none"}`,
    `${plural(report.functions.length, "function")} · ${plural(report.findings.length, "finding")}: ` +
      SEVERITIES.map((s) => `${counts[s]} ${s}`).join(", ") +
      (suppressed.length ? ` · ${suppressed.length} suppressed` : ""),
    ...accountInvokerLines(report),
    ...optionalLine(organizationLine(report.organization)),
    "",
  ];
  for (const f of report.findings) lines.push(...findingLines(f, names));
  lines.push(...suppressedLines(suppressed, names));
  const gaps = dataGapItems(report);
  if (gaps.length > 0) {
    lines.push("", "Data the snapshot lacks, API calls that failed during the scan, and documents that could not be analysed:");
    for (const g of gaps) lines.push(`  - ${g}`);
  }
  // Names and values from the snapshot may hide control or bidirectional characters (lib/view/visible-text.ts), and a
  // crafted ARN or map key may be a megabyte long: longer than any ARN AWS gives, it is cut (--format json keeps it).
  return lines.map((line) => printable(line)).join("\n") + "\n";
}
