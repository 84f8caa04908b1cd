/** Function-level findings badge one function; this builds them the same way in every rule (as `roleFinding` does for roles). */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { Evidence, Finding, Severity } from "@/lib/analysis/types";
import { findingId } from "./finding-id";

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
}

export function functionFinding(input: FunctionFindingInput): Finding {
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
  };
}
