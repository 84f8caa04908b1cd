/**
 * The "Can do" filter's exact answer for a reach entry a Deny covers only in part (`partiallyDenied`): the reach
 * list cannot say whether the Deny takes the action asked, so a concrete question (one action, an ARN or any
 * resource) is asked of the evaluator as /api/can asks it (what-if.ts `ask`: identity policies, boundary, SCPs and
 * RCPs, conditions, the roles an alias runs as). So is every entry when the ARN asked is one whose own policy the
 * evaluator weighs (resource-side.ts: a KMS key's, which must allow; a queue's, a function's, a file system's, an
 * image repository's; another account's resource): a reach on `*` says nothing of that policy.
 */
import type { AccountModel } from "@/lib/analysis/account-model";
import type { FunctionReport, Reach } from "@/lib/analysis/types";
import { ask, QuestionError, type Answer } from "@/lib/analysis/what-if";
import { mayBeAuthorisedOn } from "@/lib/catalog/resource-fit";
import { globMatches } from "@/lib/policy/wildcard";
import { resourceStatementRef } from "@/lib/analysis/statement-ref";
import { IDENTITY_SIDE_ONLY, resourcePolicyNotRead } from "@/lib/analysis/resource-side";
import { namedResource, type NamedResource } from "@/lib/analysis/resource-name";
import { keyPolicyUnread } from "@/lib/analysis/kms-keys";
import { loadAccountModel } from "@/lib/store/account-models";
import type { ReachAnswer } from "./reach-question";

/**
 * The evaluator's answer, or why the function's role could not be asked (its role or versions unread). `identityOnly`:
 * the resource's own policy may exist and the snapshot does not hold it (resource-side.ts).
 */
export type ExactResult = (Pick<Answer, "decision" | "statements" | "unknownKeys" | "reasons"> & { identityOnly?: boolean }) | { unknown: string };

/**
 * Asks whether a function may do `action` on `resource`. `named`: the one resource a name given with `action` stands
 * for in the snapshot, or why none (resource-name.ts), as `can` reads it.
 */
export type ExactAsk = ((fn: FunctionReport, action: string, resource: string, context?: Record<string, string>) => ExactResult) & {
  named?: (name: string, action: string) => NamedResource | undefined;
  /** Why the snapshot lacks the key policy of one key or alias ARN, or undefined when it holds it (kms-keys.ts). */
  keyPolicyUnread?: (resource: string) => string | undefined;
};

export function exactAsker(model: AccountModel): ExactAsk {
  const asker: ExactAsk = (fn, action, resource, context) => {
    try {
      const answer = ask(model, { principal: fn.arn, action, resource, ...(context ? { context } : {}) });
      return resourcePolicyNotRead(model, resource, action) ? { ...answer, identityOnly: true } : answer;
    } catch (e: unknown) {
      if (e instanceof QuestionError) return { unknown: e.message };
      throw e;
    }
  };
  asker.named = (name, action) => namedResource(model, name, action);
  asker.keyPolicyUnread = (resource) => keyPolicyUnread(model.kms, resource);
  return asker;
}

/**
 * `asker`, each request carrying `context` too: a question through a KMS alias asked as its key's ARN keeps the
 * alias it names (kms:RequestAlias, resource-name.ts), which identity policies may test.
 */
export function askingWith(asker: ExactAsk, context: Record<string, string> | undefined): ExactAsk {
  if (!context) return asker;
  const wrapped: ExactAsk = (fn, action, resource) => asker(fn, action, resource, context);
  wrapped.named = asker.named;
  wrapped.keyPolicyUnread = asker.keyPolicyUnread;
  return wrapped;
}

/**
 * The evaluator of a stored snapshot: its account model, shared with /api/can (account-models.ts). Undefined when it
 * cannot be had, and the filter keeps the reach lists' answer ("Conditional") rather than fail the page.
 */
export async function exactAskerOf(snapshotId: string): Promise<ExactAsk | undefined> {
  try {
    const loaded = await loadAccountModel(snapshotId);
    return loaded ? exactAsker(loaded.model) : undefined;
  } catch (e: unknown) {
    console.warn(`reach filter: the account model of snapshot ${snapshotId} could not be built, so its partly denied rows stay conditional:`, e);
    return undefined;
  }
}

/**
 * The resource one request names for a reach entry: the entry's own pattern when any resource is asked (`forms`
 * undefined), else the form of the ARN asked (itself, `…/*`, `…:*`) the entry's pattern covers, one IAM authorises
 * the action against first (s3:PutObject on `bucket/*`, not on the bucket). A pattern narrower than the ARN asked
 * (`bucket/in/*`) is asked as written. Undefined when they only overlap: no one request stands for both.
 * A `*` left in the request is a character the policies' own patterns match or not, so a Deny of `bucket/*` takes
 * `bucket/*` and a Deny of `bucket/secret/*` does not.
 */
export function requestResource(reach: Reach, action: string, forms: readonly string[] | undefined): string | undefined {
  if (forms === undefined) return reach.resource;
  const covered = forms.filter((form) => globMatches(reach.resource, form));
  if (covered.length) return covered.find((form) => mayBeAuthorisedOn(action, form)) ?? covered[0];
  return forms.some((form) => globMatches(form, reach.resource)) ? reach.resource : undefined;
}

/** Policy and statement of each statement whose condition could not be judged, as the reach lists name them. */
function undecided(result: Extract<ExactResult, { decision: unknown }>): string[] {
  return result.statements.filter((s) => s.condition === "unknown").map((s) => `${s.policy}#${s.sid ?? s.statementIndex}`);
}

/**
 * The statements of the resource's own policy (a key policy or grant, a queue's, function's, file system's or
 * repository's policy) that the evaluator's answer rests on, as the reach lists cite them: the row's evidence that the
 * resource lets the role in.
 */
function resourceStatements(result: Extract<ExactResult, { decision: unknown }>, resource: string): string[] {
  return result.statements.filter((s) => s.policyKind === "resource" && s.effect === "Allow").map((s) => resourceStatementRef(resource, s.policy, s.sid ?? s.statementIndex));
}

/**
 * The row's answer from the evaluator's: undefined when it refuses (explicitly, or for want of an Allow once the
 * boundary, guardrails and the resource's own policy are applied), as a reach a Deny takes whole is no row. The reach
 * stays the row's evidence, less its "partly denied", which the evaluation has settled or, when it could not ask
 * ("unknown": the role or the guardrails unread), has left for the row's words; with the resource policy's statements
 * that let the role in (`exact.resourcePolicy`).
 */
export function exactReachAnswer(reach: Reach, actionCount: number, action: string, resource: string, result: ExactResult): ReachAnswer | undefined {
  const { partiallyDenied: _p, deniedBy: _d, ...settled } = reach;
  // The reach stays the row's evidence: the grant is read, only what the Deny makes of it is not.
  if ("unknown" in result) return { state: "unknown", reach: settled, actionCount, why: result.unknown, exact: { action, resource } };
  if (result.decision === "explicitly-denied" || result.decision === "implicitly-denied") return undefined;
  const own = resourceStatements(result, resource);
  const exact = { action, resource, ...(own.length ? { resourcePolicy: own } : {}) };
  const side = result.identityOnly ? { resourceSide: IDENTITY_SIDE_ONLY } : {};
  if (result.decision === "allowed") return { state: "allowed", reach: settled, actionCount, exact, ...side };
  const keys = result.unknownKeys;
  const statements = undecided(result);
  const on = keys.length ? `depends on ${keys.join(", ")}` : (result.reasons.length ? result.reasons.join("; ") : "depends on what the snapshot cannot tell");
  const why = statements.length ? `${on} (${statements.join(", ")})` : on;
  return { state: "conditional", reach: settled, actionCount, exact: { ...exact, why }, ...side };
}
