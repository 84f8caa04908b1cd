/**
 * Which findings of a report the suppressions file accepts. Pure: the report, the entries and today's date in, the
 * findings split out; nothing is dropped, so every output can still show what was accepted and why.
 */
import type { AnalysisReport, Finding, Severity, SuppressedFinding } from "@/lib/analysis/types";
import { severityRank } from "@/lib/view/severity";
import { nameFromArn } from "@/lib/analysis/arn";
import { globMatches } from "@/lib/policy/wildcard";
import { describeSuppression, type Suppression } from "./parse";

export interface SuppressionOutcome {
  /** The report with only the findings no entry accepts in `findings` (what `--fail-on` and the summaries count), the accepted ones in `suppressed`. */
  report: AnalysisReport & { suppressed: SuppressedFinding[] };
  /** Entries past their `expires` date (0-based positions): they accept nothing any more. */
  expired: number[];
  /** Entries in force that match no finding: fixed, renamed, or never matched. */
  unused: number[];
  /** Findings an entry selects but that are more severe than its `severity`: they count again. */
  outgrown: { entry: number; id: string; severity: Severity }[];
}

/** The finding is worse than the entry accepts (a lower rank is worse). */
function worseThanAccepted(s: Suppression, f: Finding): boolean {
  return s.severity !== undefined && severityRank(f.severity) < severityRank(s.severity);
}

/** An ARN or its name (the function's, or the role's last path segment), with wildcards. */
function namesArn(pattern: string, arn: string): boolean {
  return globMatches(pattern, arn) || globMatches(pattern, nameFromArn(arn));
}

/**
 * A function-level finding is matched by its function. A role-level one badges every function of the role: the
 * entry must name them all, so accepting a finding for one function does not silence it for the others.
 */
function matchesFunction(pattern: string, f: Finding): boolean {
  if (f.function) return namesArn(pattern, f.function);
  return f.functions.length > 0 && f.functions.every((arn) => namesArn(pattern, arn));
}

function matches(s: Suppression, f: Finding): boolean {
  if (s.id !== undefined && s.id !== f.id) return false;
  if (s.rule !== undefined && s.rule !== f.rule) return false;
  if (s.function !== undefined && !matchesFunction(s.function, f)) return false;
  if (s.role !== undefined && !(f.role !== undefined && namesArn(s.role, f.role))) return false;
  return true;
}

/** Today as entries' `expires` dates are written (YYYY-MM-DD, UTC), for the CLI and the server alike. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `today` is YYYY-MM-DD (UTC); an entry applies through its `expires` day. */
export function applySuppressions(report: AnalysisReport, entries: readonly Suppression[], today: string): SuppressionOutcome {
  const expired: number[] = [];
  const live: number[] = [];
  entries.forEach((s, i) => (s.expires !== undefined && s.expires < today ? expired : live).push(i));
  const used = new Set<number>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const outgrown: SuppressionOutcome["outgrown"] = [];
  for (const f of report.findings) {
    const selecting = live.filter((i) => matches(entries[i]!, f));
    const hits = selecting.filter((i) => !worseThanAccepted(entries[i]!, f));
    if (hits.length === 0) {
      for (const i of selecting) {
        used.add(i);
        outgrown.push({ entry: i, id: f.id, severity: f.severity });
      }
      kept.push(f);
      continue;
    }
    for (const i of hits) used.add(i);
    const entry = hits[0]!;
    const s = entries[entry]!;
    suppressed.push({ ...f, suppression: { reason: s.reason, ...(s.expires ? { expires: s.expires } : {}), entry } });
  }
  return { report: { ...report, findings: kept, suppressed }, expired, unused: live.filter((i) => !used.has(i)), outgrown };
}

/** Lapsed and idle entries, for people: worth a look, never a failure (a fixed finding leaves its entry idle). */
export function suppressionWarnings(entries: readonly Suppression[], outcome: SuppressionOutcome): string[] {
  return [
    ...outcome.expired.map((i) => `${describeSuppression(entries[i]!, i)} expired on ${entries[i]!.expires}: its findings count again`),
    ...outcome.unused.map((i) => `${describeSuppression(entries[i]!, i)} matches no finding`),
    ...outcome.outgrown.map(
      (o) => `${describeSuppression(entries[o.entry]!, o.entry)} accepts findings up to ${entries[o.entry]!.severity}; ${o.id} is ${o.severity} now and counts again`,
    ),
  ];
}
