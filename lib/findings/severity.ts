/** Severity arithmetic for rules that soften a verdict (conditional answers, secondary needs). */
import { SEVERITIES, type Severity } from "@/lib/analysis/types";

/** One step less severe (`critical` → `high`, …, `info` stays `info`). */
export function softer(severity: Severity, steps = 1): Severity {
  const i = SEVERITIES.indexOf(severity);
  return SEVERITIES[Math.min(SEVERITIES.length - 1, i + steps)] ?? "info";
}
