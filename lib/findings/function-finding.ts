/** Function-level findings badge one function; this builds them the same way in every rule (as `roleFinding` does for roles). */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { Evidence, Severity } from "@/lib/analysis/types";
import { findingId } from "./finding-id";
import type { RuleFinding } from "./types";

export interface FunctionFindingInput {
  rule: string;
  severity: Severity;
  fn: FunctionModel;
  /** The ARN the finding is about when it is an alias or version of `fn` (its policy, its URL); `fn`'s own by default. */
  about?: string;
  discriminator?: string;
  title: string;
  detail: string;
  evidence: Evidence[];
  remediation: string;
  /** A "may" form: the verdict turns on unknown conditions or unread documents (RuleFinding). */
  may?: boolean;
}

export function functionFinding(input: FunctionFindingInput): RuleFinding {
  return {
    id: findingId(input.rule, input.about ?? input.fn.arn, input.discriminator),
    rule: input.rule,
    severity: input.severity,
    function: input.fn.arn,
    functions: [input.fn.arn],
    title: input.title,
    detail: input.detail,
    evidence: input.evidence,
    remediation: input.remediation,
    ...(input.may ? { may: true as const } : {}),
  };
}
