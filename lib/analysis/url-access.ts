/**
 * Who can call a function URL. Since October 2025 a URL call needs both `lambda:InvokeFunctionUrl` and
 * `lambda:InvokeFunction` (the latter usually conditioned on `lambda:InvokedViaFunctionUrl`); URLs created
 * earlier keep working with InvokeFunctionUrl alone until 1 Nov 2026 (lambda-permissions.md §3.4). The date
 * that matters is the snapshot's capturedAt, never the clock.
 */
import type { AccountModel, FunctionModel } from "./account-model";
import { captureDayUtc } from "./capture-day";
import type { PrincipalModel } from "./role-model";
import { canRole, type AccessQuery } from "./role-access";
import { unlistedAlias } from "./runs-as";
import { heldCaller } from "./held-caller";
import { evaluateResourcePolicy } from "@/lib/policy/evaluate";
import type { Decision, EvaluationResult, Guardrail, RequestContext, RequestPrincipal } from "@/lib/policy/types";
import type { FunctionUrlConfig } from "@/lib/snapshot/schema";
import { isOpen, weakest } from "@/lib/policy/decision";
import { valuesCarriedBy } from "@/lib/policy/context";
import { DIRECT_CALL_ABSENT } from "@/lib/policy/intended-context";

export const URL_ACTION = "lambda:InvokeFunctionUrl";
export const INVOKE_ACTION = "lambda:InvokeFunction";

export const URL_DUAL_PERMISSION_SINCE = "2025-10-01";
export const URL_EXCEPTION_UNTIL = "2026-11-01";

export interface UrlModel {
  qualifiedArn: string;
  config: FunctionUrlConfig;
}

/** "required": both actions needed now; "exception": URL predates the change and the grace period runs. */
export type InvokeRequirement = "required" | "exception" | "unknown";

export function invokeRequirement(url: UrlModel, capturedAt: string): InvokeRequirement {
  if (captureDayUtc(capturedAt) >= URL_EXCEPTION_UNTIL) return "required";
  const created = url.config.CreationTime?.slice(0, 10);
  if (!created) return "unknown";
  return created < URL_DUAL_PERMISSION_SINCE ? "exception" : "required";
}

export interface UrlAccess {
  url: EvaluationResult;
  invoke: EvaluationResult;
}

const NO_POLICY = (arn: string): EvaluationResult => ({
  decision: "implicitly-denied",
  statements: [],
  unknownKeys: [],
  reasons: [`${arn} has no resource policy`],
});

/** The URL's policy exists but was not read: who may call it is unknown, not "nobody". */
const UNREAD_POLICY = (arn: string): EvaluationResult => ({
  decision: "conditional",
  statements: [],
  unknownKeys: [],
  reasons: [`the resource policy of ${arn} could not be read`],
  unread: "may-allow",
});

/**
 * Whether the policy that governs a URL is unknown: its read (or the function's own) failed or was malformed, or,
 * for an alias's URL, the aliases were never listed or were listed without it (the scan fetches the policies of the
 * aliases it lists, while the URL list holds every alias's URL).
 */
export function urlPolicyUnread(fn: FunctionModel, qualifiedArn: string): boolean {
  if (fn.unreadPolicies.has(qualifiedArn) || fn.unknownOps.has("GetPolicy") || fn.unknownOps.has("GetResourcePolicy")) return true;
  if (!qualifiedArn.startsWith(`${fn.arn}:`)) return false;
  return fn.unknownOps.has("ListAliases") || unlistedAlias(fn, qualifiedArn.slice(fn.arn.length + 1)) !== undefined;
}

/**
 * What a caller's requests are known to carry besides the URL's keys: for a grant's own principal, the context it was
 * written for (intendedContext), so CloudFront's call for the distribution a grant names carries that SourceArn, as
 * every other service grant is asked for its source. Lower-cased keys.
 */
export type CallerValues = Readonly<Record<string, string>>;

const NO_CALLER_VALUES: CallerValues = Object.freeze({});

/**
 * A URL request's context for one of its two actions: the auth type and "invoked via URL" are known, the caller's
 * own values as given, everything else is unknown. Each key rides on its own action only (lambda-permissions.md,
 * function URL condition keys): lambda:FunctionUrlAuthType on InvokeFunctionUrl, lambda:InvokedViaFunctionUrl on
 * InvokeFunction. The URL's values win over a caller's: a statement written for an AWS_IAM URL does not make the
 * URL one.
 */
export function urlContext(url: UrlModel, action: string, caller: CallerValues = NO_CALLER_VALUES): Record<string, string> {
  const own: Record<string, string> = action === URL_ACTION ? { "lambda:functionurlauthtype": url.config.AuthType ?? "" } : { "lambda:invokedviafunctionurl": "true" };
  return caller === NO_CALLER_VALUES ? own : { ...valuesCarriedBy(action, caller), ...own };
}

/**
 * The keys a URL request of `caller` surely lacks. Anyone but a service (CloudFront's origin access control) calls
 * the URL itself, so its request carries none of the source keys a service sends: a negated condition on them holds
 * for it, a positive one fails, as for any other direct call (intended-context.ts).
 */
function urlCallAbsent(caller: RequestPrincipal): RequestContext["knownAbsent"] {
  return caller.type === "service" ? undefined : DIRECT_CALL_ABSENT;
}

/**
 * The guardrails over one of a URL call's actions for a caller the resource policy alone answers for: the invoker
 * list's, for a grant that lets in only principals of the function's own account, its SCPs (invokers.ts).
 */
export type GuardrailsOf = (action: string) => readonly Guardrail[] | undefined;

/**
 * What the URL's own resource policy says about `caller` (whose requests carry `values`) for both actions, within
 * `guardrails` where given.
 */
export function urlAccess(fn: FunctionModel, url: UrlModel, caller: RequestPrincipal, values?: CallerValues, guardrails?: GuardrailsOf): UrlAccess {
  const policy = fn.policies.find((p) => p.qualifiedArn === url.qualifiedArn)?.policy;
  const knownAbsent = urlCallAbsent(caller);
  const ask = (action: string): EvaluationResult =>
    policy
      ? evaluateResourcePolicy(policy, {
          principal: caller,
          action,
          resource: url.qualifiedArn,
          context: { values: urlContext(url, action, values), complete: false, ...(knownAbsent ? { knownAbsent } : {}) },
        }, guardrails?.(action))
      : urlPolicyUnread(fn, url.qualifiedArn)
        ? UNREAD_POLICY(url.qualifiedArn)
        : NO_POLICY(url.qualifiedArn);
  return { url: ask(URL_ACTION), invoke: ask(INVOKE_ACTION) };
}



/** How a role's question is asked: the rules pass their memoised evaluator. */
export type RoleAsk = (role: PrincipalModel, query: AccessQuery) => EvaluationResult;

/**
 * What `caller`'s two URL actions come to. A caller of the account behind an AWS_IAM URL may hold them in its
 * identity policies or in the function policy (urls-auth.html): a role or IAM user of the snapshot is asked with both
 * (its own Deny refuses what the function policy grants); the account itself or a role or user the snapshot lacks
 * may hold in IAM what the function policy does not grant, so a function-policy refusal is conditional for it (an
 * explicit Deny still refuses). Anyone else needs both actions in the function policy.
 */
export function urlCallerAccess(model: AccountModel, fn: FunctionModel, url: UrlModel, caller: RequestPrincipal, askRole?: RoleAsk, values?: CallerValues, guardrails?: GuardrailsOf): UrlAccess {
  const signedByAccount = url.config.AuthType === "AWS_IAM" && caller.account === model.account && caller.type !== "anonymous";
  if (!signedByAccount) return urlAccess(fn, url, caller, values, guardrails);
  // A role's session is the role, asked as that session (its grant is not limited by the boundary), as invokers.ts asks it.
  const held = heldCaller(model, caller.type, caller.id);
  if (held) {
    const ask = askRole ?? ((r: PrincipalModel, q: AccessQuery) => canRole(model, r, q));
    const session = held.session !== undefined ? { session: held.session } : {};
    return {
      url: ask(held.model, { action: URL_ACTION, resource: url.qualifiedArn, context: urlContext(url, URL_ACTION, values), ...session }),
      invoke: ask(held.model, { action: INVOKE_ACTION, resource: url.qualifiedArn, context: urlContext(url, INVOKE_ACTION, values), ...session }),
    };
  }
  const policyOnly = urlAccess(fn, url, caller, values, guardrails);
  return { url: identityMayGrant(policyOnly.url, caller), invoke: identityMayGrant(policyOnly.invoke, caller) };
}

function identityMayGrant(result: EvaluationResult, caller: RequestPrincipal): EvaluationResult {
  // No identity policy lifts what the organization refuses.
  if (result.decision !== "implicitly-denied" || result.guardrailRefuses) return result;
  return { ...result, decision: "conditional", reasons: [...result.reasons, `${caller.id} may be granted it by identity policies the snapshot does not hold`] };
}

/**
 * Can a caller with these answers invoke the function through the URL? InvokeFunctionUrl always; InvokeFunction
 * too, unless the URL predates October 2025 and AWS's exception still runs. A URL of unknown age that lacks only
 * InvokeFunction may be either: conditional. The one answer the invoker list and the URL rules give.
 */
export function urlCallDecision(access: UrlAccess, requirement: InvokeRequirement): Decision {
  if (requirement === "exception") return access.url.decision;
  if (requirement === "required" || isOpen(access.invoke.decision)) return weakest(access.url.decision, access.invoke.decision);
  return weakest(access.url.decision, "conditional");
}

/** Can `caller` (whose requests carry `values`) invoke the function through `url`, as of the snapshot's capture? */
export function urlCall(model: AccountModel, fn: FunctionModel, url: UrlModel, caller: RequestPrincipal, askRole?: RoleAsk, values?: CallerValues, guardrails?: GuardrailsOf): Decision {
  return urlCallAnswer(model, fn, url, caller, askRole, values, guardrails).decision;
}

/** A URL call's decision and the evaluator's answers it weighs, whose evidence says why it is short of "allowed". */
export interface UrlCallAnswer {
  decision: Decision;
  /** InvokeFunctionUrl's answer, and InvokeFunction's unless AWS's exception spares the URL it. */
  results: EvaluationResult[];
}

/** urlCall's decision with its answers. */
export function urlCallAnswer(model: AccountModel, fn: FunctionModel, url: UrlModel, caller: RequestPrincipal, askRole?: RoleAsk, values?: CallerValues, guardrails?: GuardrailsOf): UrlCallAnswer {
  const access = urlCallerAccess(model, fn, url, caller, askRole, values, guardrails);
  const requirement = invokeRequirement(url, model.capturedAt);
  return { decision: urlCallDecision(access, requirement), results: requirement === "exception" ? [access.url] : [access.url, access.invoke] };
}
