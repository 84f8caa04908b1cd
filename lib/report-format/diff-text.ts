/**
 * Plain-text summary of two scans compared (`cli compare --format text`), for CI logs: how many changes each list
 * holds, then one line per finding new, fixed or changed. What one scan could not read is counted apart, never as a
 * change: a pipeline reading "0 new" must not take a finding it could not check for one that is gone.
 */
import type { FindingChange, ReportDiff } from "@/lib/diff/diff-reports";
import type { DiffBody } from "@/lib/store/compare-loaded";
import { plural } from "@/lib/view/count-text";
import { visibleText } from "@/lib/view/visible-text";

/** A function ARN's name (and qualifier): `…:function:orders:live` → `orders:live`. */
function functionName(arn: string): string {
  return arn.split(":").slice(6).join(":") || arn;
}

/** Where a finding is: its functions by name (a few, then how many more), or the account. */
function place(functions: readonly string[]): string {
  if (functions.length === 0) return "account";
  const shown = functions.slice(0, 3).map(functionName);
  return functions.length > shown.length ? `${shown.join(", ")} and ${functions.length - shown.length} more` : shown.join(", ");
}

function findingLine(f: FindingChange): string {
  const was = f.was && (f.was.severity !== f.severity || f.was.title !== f.title) ? ` (was ${f.was.severity}: ${f.was.title})` : "";
  const before = f.was?.functions ? ` (was on ${place(f.was.functions)})` : "";
  return `  ${f.severity.padEnd(8)} ${f.rule}  ${place(f.functions)}${before}: ${f.title}${was}`;
}

function section(title: string, findings: readonly FindingChange[]): string[] {
  return findings.length ? [`${title}:`, ...findings.map(findingLine)] : [];
}

/** The lists of things one scan could not check, by what they hold: not counted as changes. */
function notKnownCounts(d: ReportDiff): string[] {
  const invokers = (key: "invokersUnverified" | "invokersUnknownBefore") => d.functionsChanged.reduce((n, f) => n + f[key].length, 0);
  const actions = (key: "actionsUnverified" | "actionsUnknownBefore") => d.functionsChanged.reduce((n, f) => n + f[key].length, 0);
  const counts: [number, string, string][] = [
    [d.findingsUnverified.length, "finding", "not known fixed"],
    [d.findingsUnknownBefore.length, "finding", "not known new"],
    [d.findingsChangeUnverified.length, "finding", "not known changed"],
    [d.functionsUnseen.length, "function", "not known removed"],
    [d.functionsFirstSeen.length, "function", "not known added"],
    [invokers("invokersUnverified"), "way in", "not known lost"],
    [invokers("invokersUnknownBefore"), "way in", "not known gained"],
    [actions("actionsUnverified"), "action", "not known lost"],
    [actions("actionsUnknownBefore"), "action", "not known gained"],
    [d.accountInvokersUnverified.length, "account-wide invoker", "not known lost"],
    [d.accountInvokersUnknownBefore.length, "account-wide invoker", "not known gained"],
    [d.assumersUnverified.length, "assumer", "not known lost"],
    [d.assumersUnknownBefore.length, "assumer", "not known gained"],
  ];
  return counts.filter(([n]) => n > 0).map(([n, word, what]) => `${plural(n, word, word === "way in" ? "ways in" : undefined)} ${what}`);
}

export function formatDiffText(body: DiffBody): string {
  const d = body.diff;
  const head = `Account ${body.to.account}: ${body.from.capturedAt} (OLD) compared with ${body.to.capturedAt} (NEW)`;
  if (body.sameSnapshot) return `${visibleText(head)}\nOLD and NEW are the same scan: there is nothing to compare.\n`;
  const lines = [
    head,
    `Findings: ${d.findingsNew.length} new, ${d.findingsFixed.length} fixed, ${d.findingsChanged.length} changed`,
    `Functions: ${d.functionsAdded.length} added, ${d.functionsRemoved.length} removed, ${d.functionsChanged.length} changed (invokers, reach or settings; or not known, below)`,
    `Account-wide invokers: ${d.accountInvokersGained.length} gained, ${d.accountInvokersLost.length} lost, ${d.accountInvokersChanged.length} changed`,
    `Assumers of invoking roles: ${d.assumersGained.length} gained, ${d.assumersLost.length} lost`,
  ];
  const notKnown = notKnownCounts(d);
  if (notKnown.length) {
    lines.push(
      `Not known (${notKnown.join(", ")}): one scan could not read the data they rest on, so they are not counted above; --fail-on takes those not known new, at its threshold, as data not read`,
    );
  }
  if (d.unreadInBoth.length) lines.push(`Unread alike in both scans: ${plural(d.unreadInBoth.length, "item")}, compared on what both could read`);
  lines.push(...section("New findings", d.findingsNew), ...section("Fixed findings", d.findingsFixed), ...section("Changed findings", d.findingsChanged));
  // Names and titles come from the snapshots, which may be crafted: escape sequences must not reach the terminal.
  return lines.map((l) => visibleText(l)).join("\n") + "\n";
}
