/** Severity ordering and the worst-of helpers the views share. Colours live in components/severity-style.ts. */
import { SEVERITIES, type Finding, type Severity } from "@/lib/analysis/types";

/** 0 = critical … 4 = info; lower is worse. */
export function severityRank(s: Severity): number {
  const i = SEVERITIES.indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
}

export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(a) - severityRank(b);
}

/** Worst first, then by title for a stable order. */
export function sortFindings<T extends Pick<Finding, "severity" | "title">>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => compareSeverity(a.severity, b.severity) || a.title.localeCompare(b.title));
}

export function worstFinding<T extends Pick<Finding, "severity" | "title">>(findings: readonly T[]): T | undefined {
  return sortFindings(findings)[0];
}

export function countBySeverity(findings: readonly Pick<Finding, "severity">[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/**
 * The one severity filter rule of every view (overview cards and table, graph filter): a function matches
 * a severity when it has at least one finding of it, which is what clicking "Medium" promises. Not the worst
 * severity only, which would hide a function with a critical and a medium finding from "Medium".
 */
export function matchesSeverities(present: Iterable<Severity | undefined>, wanted: readonly Severity[]): boolean {
  if (!wanted.length) return true;
  for (const s of present) if (s && wanted.includes(s)) return true;
  return false;
}

/** Functions with at least one finding of each severity (a function counts once per severity it has). */
export function countFunctionsBySeverity(functions: readonly (readonly Severity[])[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const present of functions) for (const s of new Set(present)) counts[s] += 1;
  return counts;
}
