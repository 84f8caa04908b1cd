/**
 * The grants in a function's resource policies (unqualified and per alias/version), one per Allow statement and
 * principal, read as general documents: PutResourcePolicy documents may hold Deny, NotPrincipal, NotAction and
 * any condition. A grant found by reading a statement is only reported once `evaluateResourcePolicy` confirms it
 * takes effect against the whole document (a Deny elsewhere may cancel it).
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { accountOfArn, qualifiedFunctionName } from "@/lib/analysis/arn";
import { awsPrincipal } from "@/lib/analysis/aws-principal";
import { otherPartitionOnlyKey } from "@/lib/analysis/invokers";
import { outsideAccountFor, outsideCaller } from "@/lib/analysis/outsider-invoke";
import { evaluateResourcePolicy } from "@/lib/policy/evaluate";
import { callFromAccount, grantCallContext, grantCallerOf, grantCalls, type GrantCall } from "@/lib/policy/intended-context";
import type { EvaluationResult, PolicyDocument, RequestPrincipal, Statement } from "@/lib/policy/types";
import { isOpen, mostOpenAnswer } from "@/lib/policy/decision";
import { isOtherPartitionService } from "@/lib/policy/principal";
import type { GrantPrincipalKind } from "@/lib/analysis/types";


export interface GrantPrincipal {
  kind: GrantPrincipalKind;
  /** As written: `*`, `s3.amazonaws.com`, `arn:aws:iam::111122223333:root`, a role ARN, … */
  id: string;
  account?: string;
  /** For sentences: "anyone", "account 111122223333", or the ARN/service as written. */
  label: string;
  /** The caller to evaluate the document for. */
  request: RequestPrincipal;
}

export interface PolicyGrant {
  fn: FunctionModel;
  /** The ARN the policy is attached to (the function, or an alias/version). */
  qualifiedArn: string;
  policy: PolicyDocument;
  statement: Statement;
  principal: GrantPrincipal;
}


function grantPrincipal(entry: string, ownAccount: string, partition: string): GrantPrincipal {
  const { type, account, request } = awsPrincipal(entry, partition);
  const kind: GrantPrincipalKind = type === "deleted" ? "deleted" : account === ownAccount ? "own-account" : "other-account";
  const label = type === "account" ? `account ${account ?? entry}` : type === "deleted" ? `deleted principal ${entry}` : entry;
  return { kind, id: entry, account, label, request };
}

/**
 * The principals an Allow statement of `policy` names; NotPrincipal (everyone but the listed) counts as public, asked
 * as an account the policy names nowhere.
 */
export function statementPrincipals(statement: Statement, ownAccount: string, partition: string, policy: PolicyDocument): GrantPrincipal[] {
  if (statement.notPrincipal) return [anyonePrincipal(ownAccount, partition, policy)];
  const p = statement.principal;
  if (!p) return [];
  const out: GrantPrincipal[] = [];
  if (p.wildcard) out.push(anyonePrincipal(ownAccount, partition, policy));
  for (const s of p.service) {
    // China's service (a .cn name outside aws-cn) never calls here: a grant to it names no caller, whatever another
    // statement lets in for this partition's service (the invoker list shows it as written, letting no one in).
    if (!isOtherPartitionService(s, partition)) out.push({ kind: "service", id: s, label: s, request: { type: "service", id: s } });
  }
  for (const a of p.aws) if (a !== "*") out.push(grantPrincipal(a, ownAccount, partition));
  for (const f of p.federated) {
    out.push({ kind: "federated", id: f, account: accountOfArn(f), label: `federated principal ${f}`, request: { type: "federated", id: f } });
  }
  for (const c of p.canonicalUser) {
    out.push({ kind: "canonical-user", id: c, label: `canonical user ${c}`, request: { type: "canonical-user", id: c } });
  }
  return out;
}

/** Not a closure in statementPrincipals: tsx's kept names cost a defineProperty per closure made (see roleRequest). */
function anyonePrincipal(ownAccount: string, partition: string, policy: PolicyDocument): GrantPrincipal {
  return { kind: "public", id: "*", label: "anyone", request: outsideCaller(partition, outsideAccountFor(policy, ownAccount)) };
}

/** A Federated or CanonicalUser principal: who it stands for cannot be resolved to an account's IAM principal. */
export function isUnresolvedPrincipal(p: GrantPrincipal): boolean {
  return p.kind === "federated" || p.kind === "canonical-user";
}

/**
 * Grants per function (and account/partition), read once for the five rules that go through them. Each rule asks
 * for every function: the account and partition are compared as they are, no key string is built per call.
 */
const grantsByFunction = new WeakMap<FunctionModel, { ownAccount: string; partition: string; grants: readonly PolicyGrant[] }>();

/** Every (Allow statement, principal) pair of the function's resource policies. */
export function policyGrants(fn: FunctionModel, ownAccount: string, partition: string): readonly PolicyGrant[] {
  const known = grantsByFunction.get(fn);
  if (known !== undefined && known.ownAccount === ownAccount && known.partition === partition) return known.grants;
  const grants = readGrants(fn, ownAccount, partition);
  grantsByFunction.set(fn, { ownAccount, partition, grants });
  return grants;
}

function readGrants(fn: FunctionModel, ownAccount: string, partition: string): PolicyGrant[] {
  const out: PolicyGrant[] = [];
  for (const { qualifiedArn, policy } of fn.policies) {
    for (const statement of policy.statements) {
      // Sources, or principal ARNs, of another partition only: no caller sends them, so the statement names none (the
      // invoker list shows its ways in, letting no one in).
      if (statement.effect !== "Allow" || otherPartitionOnlyKey(statement, partition) !== undefined) continue;
      for (const principal of statementPrincipals(statement, ownAccount, partition, policy)) {
        out.push({ fn, qualifiedArn, policy, statement, principal });
      }
    }
  }
  return out;
}

/** The requests the grant's caller can make: a service's, a direct call's, or (`*`) both (intended-context.ts). */
export function grantCallsOf(grant: PolicyGrant): readonly GrantCall[] {
  return grantCalls(grant.policy, grant.statement, grantCallerOf(grant.principal.kind));
}

/**
 * The values of the caller the grant's statement was written for (its own positive conditions hold), less the source
 * keys when that caller calls directly: a URL call is asked with values alone. With `from`, a request of that account
 * (callFromAccount).
 */
export function grantContext(grant: PolicyGrant, from?: string): Readonly<Record<string, string>> {
  const call = grantCallsOf(grant)[0] as GrantCall;
  return from === undefined ? call.values : callFromAccount(call, grant.statement, from).values;
}

/**
 * Does the whole document let this grant's caller do `action` on the policy's ARN (or `resource`)? The most open
 * answer of the requests it can make: a direct call is known to lack the source keys, a service sends them. With
 * `from`, the requests made from that account (callFromAccount).
 */
export function evaluateGrant(grant: PolicyGrant, action: string, resource: string = grant.qualifiedArn, from?: string): EvaluationResult {
  const ask = (call: GrantCall) =>
    evaluateResourcePolicy(grant.policy, {
      principal: grant.principal.request,
      action,
      resource,
      context: grantCallContext(from === undefined ? call : callFromAccount(call, grant.statement, from), action),
    });
  return mostOpenAnswer(grantCallsOf(grant), ask, (r) => r.decision) as EvaluationResult;
}

/** Whether a request from `account` carries other values than the grant's intended caller's (callFromAccount). */
export function differsFromAccount(grant: PolicyGrant, account: string): boolean {
  return grantCallsOf(grant).some((call) => callFromAccount(call, grant.statement, account) !== call);
}

export function isEffective(result: EvaluationResult): boolean {
  return isOpen(result.decision);
}

/** How titles name the target of a policy or URL: "this function", or "orders:prod" for an alias/version. */
export function targetName(fn: FunctionModel, qualifiedArn: string): string {
  return qualifiedArn === fn.arn ? "this function" : qualifiedFunctionName(fn.name, qualifiedArn);
}
