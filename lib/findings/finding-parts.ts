/** What every rule says of a finding, whatever it badges: functionFinding and roleFinding build on it. */
import type { Evidence, Severity } from "@/lib/analysis/types";
import { findingId } from "./finding-id";
import type { RuleFinding } from "./types";

export interface FindingParts {
  rule: string;
  severity: Severity;
  /** Tells apart two findings of one rule on one ARN (part of the id). */
  discriminator?: string;
  title: string;
  detail: string;
  evidence: Evidence[];
  remediation: string;
  /** Rules whose fixes come before this one's commands (Finding.fixesFirst); the remediation says it with grantFirst. */
  fixesFirst?: readonly string[];
  /** A "may" form: the verdict turns on unknown conditions or unread documents (Finding.conditional). */
  conditional?: boolean;
}

/**
 * The finding about `about` (the ARN its id is made from), badging `subject`. Keys in the report's order: the
 * subject after the severity.
 */
export function findingOf(
  input: FindingParts,
  about: string,
  subject: Pick<RuleFinding, "function" | "role" | "functions">,
): RuleFinding {
  return {
    id: findingId(input.rule, about, input.discriminator),
    rule: input.rule,
    severity: input.severity,
    ...subject,
    title: input.title,
    detail: input.detail,
    evidence: input.evidence,
    remediation: input.remediation,
    ...(input.fixesFirst?.length ? { fixesFirst: [...new Set(input.fixesFirst)] } : {}),
    ...(input.conditional ? { conditional: true as const } : {}),
  };
}
