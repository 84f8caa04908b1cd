/**
 * A function-policy grant to the function's own account (`arn:aws:iam::A:root` or bare `A`) lets no one in by itself:
 * "The account ARN and the shortened account ID behave the same way. Both delegate permissions to the account" (IAM
 * user guide, reference_policies_elements_principal.html, "AWS account principals"). A role or user of the account
 * invokes through it only where its own policies (boundary, SCPs) allow the call, which identity-invokers.ts answers
 * already for every function: the grant names those answers (`Invoker.delegatedTo`), so that its "allowed" does not
 * read as "anyone in the account".
 */
import { isOpen } from "@/lib/policy/decision";
import type { Decision } from "@/lib/policy/types";
import type { AccountModel, FunctionModel } from "./account-model";
import type { IdentityInvokers } from "./identity-invokers";
import type { AccountInvoker, DelegateCaller, Invoker, OwnAccountDelegation } from "./types";
import { roleDecision } from "./role-access";
import { INVOKE_FUNCTION } from "./async-only";

/**
 * Callers (and unread roles and users) a delegation names before counting the rest: an admin role per team in an
 * account of thousands would otherwise repeat on every own-account grant.
 */
export const DELEGATE_NAMES = 10;

/** Names on each own-account grant of `invokers` (a function's ways in, identity ones included) who it lets in. */
export function addOwnAccountDelegation(model: AccountModel, fn: FunctionModel, invokers: readonly Invoker[], byIdentity: IdentityInvokers): void {
  for (const grant of invokers) {
    if (!isOwnAccountGrant(model, grant)) continue;
    grant.delegatedTo = delegation(model, fn, grant, invokers, byIdentity);
  }
}

/**
 * A grant to the account itself that the function policy lets in, usable by a direct call: a URL-only one needs
 * InvokeFunctionUrl of the caller too, which identity-invokers.ts does not ask.
 */
function isOwnAccountGrant(model: AccountModel, inv: Invoker): boolean {
  return inv.via === "resource-policy" && inv.principalType === "account" && inv.principal === model.account && !inv.urlOnly && inv.decision !== undefined && isOpen(inv.decision);
}

function delegation(model: AccountModel, fn: FunctionModel, grant: Invoker, invokers: readonly Invoker[], byIdentity: IdentityInvokers): OwnAccountDelegation {
  const target = grant.qualifier ?? fn.arn;
  const actions = grant.actions ?? [INVOKE_FUNCTION];
  const callers = new Map<string, DelegateCaller>();
  const add = (c: DelegateCaller) => {
    if (isOpen(c.decision) && !(callers.has(c.principal) && callers.get(c.principal)!.decision === "allowed")) callers.set(c.principal, c);
  };
  for (const inv of invokers) {
    if (inv.via !== "identity-policy" || (inv.principalType !== "role" && inv.principalType !== "user")) continue;
    if (!(inv.actions ?? [INVOKE_FUNCTION]).some((a) => actions.includes(a))) continue;
    const decision = grant.qualifier === undefined ? unqualifiedAnswer(fn, inv) : qualifiedAnswer(model, inv.principal, inv.actions, target);
    if (decision) add({ principal: inv.principal, principalType: inv.principalType, decision, statements: inv.statements ?? [] });
  }
  for (const wide of byIdentity.accountWide) {
    if (wide.regions && !wide.regions.includes(fn.region)) continue;
    if (!(wide.actions ?? [INVOKE_FUNCTION]).some((a) => actions.includes(a))) continue;
    add({ principal: wide.principal, principalType: wide.principalType, decision: wideAnswer(wide, target), statements: wide.statements, accountWide: true });
  }
  const listed = [...callers.values()].sort(byOpenness);
  const unread = byIdentity.unreadCallers;
  return {
    callers: listed.slice(0, DELEGATE_NAMES),
    ...(listed.length > DELEGATE_NAMES ? { moreCallers: listed.length - DELEGATE_NAMES } : {}),
    ...(unread.length > 0 ? { unknown: unread.slice(0, DELEGATE_NAMES) } : {}),
    ...(unread.length > DELEGATE_NAMES ? { moreUnknown: unread.length - DELEGATE_NAMES } : {}),
  };
}

/**
 * The answer an identity way in gives for a call the function policy's grant covers: one on the function, or on its
 * `$LATEST` (the same code, under the same policy); one on an alias or version is under that one's policy.
 */
function unqualifiedAnswer(fn: FunctionModel, inv: Invoker): Decision | undefined {
  return inv.qualifier === undefined || inv.qualifier === `${fn.arn}:$LATEST` ? inv.decision : undefined;
}

/**
 * An alias's or version's grant: its caller is asked about that ARN (an identity grant on the function alone does not
 * cover it, lambda-permissions.md §3.5), by the evaluator identity-invokers.ts asks.
 */
function qualifiedAnswer(model: AccountModel, principal: string, actions: readonly string[] | undefined, target: string): Decision | undefined {
  const caller = model.roles.get(principal) ?? model.users.get(principal);
  return caller ? roleDecision(model, caller, { action: actions?.[0] ?? INVOKE_FUNCTION, resource: target }) : undefined;
}

/** An account-wide caller's answer on `target`: its exception there, else its answer for every function. */
function wideAnswer(wide: AccountInvoker, target: string): Decision {
  return exceptionsOf(wide).get(target) ?? wide.decision;
}

const exceptionMaps = new WeakMap<AccountInvoker, Map<string, Decision>>();

/** Built once per entry: an admin role may have an exception on each of 10,000 functions. */
function exceptionsOf(wide: AccountInvoker): Map<string, Decision> {
  let map = exceptionMaps.get(wide);
  if (!map) {
    map = new Map(wide.exceptions.map((e) => [e.function, e.decision]));
    exceptionMaps.set(wide, map);
  }
  return map;
}

function byOpenness(a: DelegateCaller, b: DelegateCaller): number {
  if (a.decision !== b.decision) return a.decision === "allowed" ? -1 : 1;
  return a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0;
}
