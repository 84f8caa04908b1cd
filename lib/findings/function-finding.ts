/** Function-level findings badge one function; this builds them the same way in every rule (as `roleFinding` does for roles). */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { findingOf, type FindingParts } from "./finding-parts";
import type { RuleFinding } from "./types";

export interface FunctionFindingInput extends FindingParts {
  fn: FunctionModel;
  /** The ARN the finding is about when it is an alias or version of `fn` (its policy, its URL); `fn`'s own by default. */
  about?: string;
}

export function functionFinding(input: FunctionFindingInput): RuleFinding {
  return findingOf(input, input.about ?? input.fn.arn, { function: input.fn.arn, functions: [input.fn.arn] });
}
