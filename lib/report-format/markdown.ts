/**
 * GitHub-flavoured Markdown for a CI job summary (`$GITHUB_STEP_SUMMARY`) or a pull-request comment: the counts, a
 * table of findings worst first, the first findings' details with evidence and remediation, what was accepted and why,
 * and what the scan could not read.
 *
 * Every name, title, condition value and AWS message comes from the snapshot, which may be crafted: each is escaped so
 * it reads as text. No HTML, link, image or table cell can be forged, and an `@name` in a policy value cannot notify
 * anyone on GitHub. Remediation snippets go in code fences longer than any backtick run they hold.
 */
import { SEVERITIES, type AnalysisReport, type Finding } from "@/lib/analysis/types";
import { dataGapItems, dataGaps } from "@/lib/view/data-gaps";
import { findingPlace, functionNames, type FunctionNames } from "@/lib/view/finding-place";
import { formatCount, plural } from "@/lib/view/count-text";
import { organizationLine } from "@/lib/view/organization-line";
import { visibleText } from "@/lib/view/visible-text";
import { applyFirstText } from "@/lib/view/apply-first";
import { evidenceLines } from "@/lib/view/evidence-lines";
import { severityCounts } from "./text";
import { capitalised } from "@/lib/findings/headline";

/** GitHub cuts a comment at 65,536 characters and a job summary at 1 MiB: tables, lists and details are capped. */
export const MARKDOWN_TABLE_ROWS = 200;
export const MARKDOWN_DETAILS = 25;
export const MARKDOWN_GAPS = 50;
export const MARKDOWN_EVIDENCE = 10;
/**
 * GitHub refuses a comment longer than this (the API answers 422). Names come from the snapshot and may be of any
 * length, so every part is cut by length too, not by count alone: the gaps may take an eighth of it, the accepted
 * findings a quarter, the findings table what those leave, and the details, which a long role list or escalation
 * path makes thousands of characters each, the rest.
 */
export const MARKDOWN_COMMENT_LIMIT = 65_536;
const GAPS_ROOM = MARKDOWN_COMMENT_LIMIT / 8;
const ACCEPTED_ROOM = MARKDOWN_COMMENT_LIMIT / 4;
/** Kept back from the tables for the lines saying what was left out and the details' summary. */
const NOTES_ROOM = 1_000;

/**
 * Text as Markdown that renders as the same text: CommonMark lets any ASCII punctuation be backslash-escaped, so each
 * character with a meaning (emphasis, code, link brackets, HTML, entities, table cells, strikethrough, a heading's
 * closing `#`) is; parentheses and `!` mean nothing without the brackets, so they are left as they are; line breaks become
 * spaces (a cell, a list item stays one line); control, invisible and bidirectional characters are shown as escapes, as
 * the text report and the dashboard show them (dropped, "check\u200bout-api" read "checkout-api", a name it spoofed);
 * `@` is followed by a zero-width space, which GitHub reads as neither a mention nor an e-mail address.
 */
export function mdText(s: string): string {
  return visibleText(s.replace(/\r\n?|\n/g, " "))
    .replace(/[\\`*_[\]<>#|~&]/g, "\\$&")
    .replace(/@/g, "@\u200b")
    // GitHub turns bare http(s):// and www. into links: an escaped colon or dot renders the same and links nowhere.
    .replace(/\b(https?):/gi, "$1\\:")
    .replace(/\b(www)\./gi, "$1\\.");
}

/** mdText for a paragraph of its own line: a leading list or heading-underline marker is escaped too. */
function mdParagraph(s: string): string {
  return mdText(s)
    .replace(/^([-+=])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** A fenced code block whose fence no backtick run inside can close. */
function codeBlock(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}\n${visibleText(text, { lines: true })}\n${fence}`;
}

const label = (f: Finding) => f.severity.toUpperCase();

/** Characters of snapshot text a table cell or list item keeps: a longer name would leave room for a row or two. */
export const MARKDOWN_CELL = 1_000;

/** mdText of at most MARKDOWN_CELL characters, cut before escaping (so no escape is split) and marked with "…". */
function cell(s: string): string {
  const chars = [...s];
  return mdText(chars.length > MARKDOWN_CELL ? `${chars.slice(0, MARKDOWN_CELL - 1).join("")}…` : s);
}

function findingRow(f: Finding, names: FunctionNames): string {
  return `| ${label(f)} | ${cell(f.rule)} | ${cell(findingPlace(f, names))} | ${cell(f.title)} |`;
}

function findingDetails(f: Finding, names: FunctionNames): string[] {
  return [
    `#### ${label(f)} · ${mdText(f.rule)} · ${mdText(findingPlace(f, names))}`,
    "",
    `**${mdText(f.title)}**`,
    "",
    mdParagraph(f.detail),
    "",
    ...evidenceLines(f, MARKDOWN_EVIDENCE).map((line) => `- ${mdText(line)}`),
    "",
    ...optionalParagraph(applyFirstText(f)),
    "Remediation:",
    "",
    codeBlock(f.remediation),
    "",
  ];
}

/** A paragraph and the blank line after it, or nothing. */
function optionalParagraph(text: string | undefined): string[] {
  return text === undefined ? [] : [mdParagraph(text), ""];
}

function more(shown: number, total: number, what: string): string[] {
  return total > shown ? ["", `… and ${formatCount(total - shown)} more ${what}: the JSON, text and SARIF reports list every one.`] : [];
}

export function formatMarkdown(report: AnalysisReport): string {
  const names = functionNames(report);
  const counts = severityCounts(report.findings);
  const suppressed = report.suppressed ?? [];
  const organization = organizationLine(report.organization);
  const lines = [
    `## Lambda Permissions Graph · account ${mdText(report.account)}`,
    "",
    `Captured ${mdText(report.capturedAt)} · regions ${mdText(report.regions.join(", ") || "none")} · ${plural(report.functions.length, "function")} · ` +
      `${plural(report.findings.length, "finding")}${suppressed.length ? ` (${formatCount(suppressed.length)} more accepted)` : ""}`,
    ...(organization === undefined ? [] : ["", mdText(organization)]),
    "",
    `| ${SEVERITIES.map(capitalised).join(" | ")} |`,
    `|${SEVERITIES.map(() => "---:").join("|")}|`,
    `| ${SEVERITIES.map((s) => formatCount(counts[s])).join(" | ")} |`,
    "",
  ];
  const tail = acceptedAndGaps(report, names);
  if (report.findings.length === 0) lines.push("No findings.", "");
  else {
    lines.push("### Findings", "", "| Severity | Rule | Where | Finding |", "|---|---|---|---|");
    const room = MARKDOWN_COMMENT_LIMIT - textLength(lines) - textLength(tail) - NOTES_ROOM;
    const rows = fitting(report.findings.slice(0, MARKDOWN_TABLE_ROWS).map((f) => findingRow(f, names)), room);
    lines.push(...rows, ...more(rows.length, report.findings.length, "findings"), "");
  }
  if (report.findings.length > 0) lines.push(...details(report.findings, names, MARKDOWN_COMMENT_LIMIT - textLength(lines) - textLength(tail)));
  return [...lines, ...tail].join("\n");
}

/** Characters of `lines` once joined, with the line break that will join them to what follows. */
const textLength = (lines: readonly string[]) => lines.reduce((n, l) => n + l.length + 1, 0);

/** The first of `lines` that fit in `room` characters (none when the first alone does not). */
function fitting(lines: readonly string[], room: number): string[] {
  let left = room;
  const kept: string[] = [];
  for (const l of lines) {
    left -= l.length + 1;
    if (left < 0) break;
    kept.push(l);
  }
  return kept;
}

/** The first findings' evidence and remediation, folded away: as many as fit in `room` characters, up to MARKDOWN_DETAILS. */
function details(findings: readonly Finding[], names: FunctionNames, room: number): string[] {
  // The summary line, the closing tag and the note on what was left out.
  let left = room - 300;
  const blocks: string[][] = [];
  for (const f of findings.slice(0, MARKDOWN_DETAILS)) {
    const block = findingDetails(f, names);
    left -= textLength(block);
    if (left < 0) break;
    blocks.push(block);
  }
  if (blocks.length === 0) return [`Evidence and remediation: in the JSON, text and SARIF reports (too long for a GitHub comment).`, ""];
  const cut = Math.min(findings.length, MARKDOWN_DETAILS) > blocks.length ? ["", `The rest would pass GitHub's ${formatCount(MARKDOWN_COMMENT_LIMIT)} characters for a comment: the JSON, text and SARIF reports detail every finding.`, ""] : [];
  return [`<details><summary>Evidence and remediation of the first ${formatCount(blocks.length)}</summary>`, "", ...blocks.flat(), ...cut, "</details>", ""];
}

/** What the suppressions file accepted, and what the scan could not read. */
function acceptedAndGaps(report: AnalysisReport, names: FunctionNames): string[] {
  const suppressed = report.suppressed ?? [];
  const lines: string[] = [];
  if (suppressed.length) {
    const rows = fitting(
      suppressed
        .slice(0, MARKDOWN_TABLE_ROWS)
        .map((f) => `| ${label(f)} | ${cell(f.rule)} | ${cell(findingPlace(f, names))} | ${cell(f.title)} | ${cell(f.suppression.reason)} | ${cell(f.suppression.expires ?? "")} |`),
      ACCEPTED_ROOM,
    );
    lines.push(`### Accepted (${formatCount(suppressed.length)}, in the suppressions file)`, "", "| Severity | Rule | Where | Finding | Reason | Until |", "|---|---|---|---|---|---|");
    lines.push(...rows, ...more(rows.length, suppressed.length, "accepted findings"), "");
  }
  const gaps = dataGaps(report);
  if (gaps) {
    const items = dataGapItems(report);
    const shown = fitting(items.slice(0, MARKDOWN_GAPS).map((g) => `- ${cell(g)}`), GAPS_ROOM);
    lines.push(`### Not read or not analysed: ${mdText(gaps.summary)}`, "", ...shown, ...more(shown.length, items.length, "gaps"), "");
  }
  return lines;
}
