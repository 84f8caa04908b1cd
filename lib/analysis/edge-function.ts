/**
 * Lambda@Edge: CloudFront runs replicas of a us-east-1 function whose role lets edgelambda.amazonaws.com assume it,
 * wherever a distribution's cache behaviour names one of its versions. The snapshot holds no CloudFront data, so
 * whether a function is associated is not known: only whether it can be.
 */
import type { FunctionModel } from "./account-model";
import { guardrailsOver } from "./organization";
import { assumeRequest, type GrantModel } from "./role-assumers";
import type { RoleModel } from "./role-model";
import { evaluateDecision } from "@/lib/policy/evaluate";

const EDGE_LAMBDA = { type: "service", id: "edgelambda.amazonaws.com" } as const;

/**
 * CloudFront may run the function at the edge: it is in us-east-1 and its role's trust lets Lambda@Edge in, or may,
 * within the organization's RCPs (they limit a service's sts:AssumeRole on the account's roles as they do Lambda's:
 * execution-role-trust). The answer is kept per role and account: every function of a shared role asks the same.
 */
export function mayRunAtEdge(fn: FunctionModel, role: RoleModel | undefined, model: GrantModel): boolean {
  if (fn.region !== "us-east-1" || !role?.trust) return false;
  let byAccount = trusted.get(role);
  if (byAccount === undefined) trusted.set(role, (byAccount = new Map()));
  let allowed = byAccount.get(fn.account);
  if (allowed === undefined) {
    const request = assumeRequest(role, EDGE_LAMBDA, "sts:AssumeRole", { "aws:sourceaccount": fn.account });
    // A condition the snapshot cannot settle (which distribution asks) still may let CloudFront run it.
    const rcps = guardrailsOver(model.organization, model.account, EDGE_LAMBDA.id, undefined, "sts:AssumeRole", role.arn);
    const decision = evaluateDecision({ identity: [], resource: role.trust, ...(rcps ? { guardrails: rcps } : {}) }, request);
    byAccount.set(fn.account, (allowed = decision === "allowed" || decision === "conditional"));
  }
  return allowed;
}
const trusted = new WeakMap<RoleModel, Map<string, boolean>>();

/**
 * The function's `unknown` entry for it: CloudFront invokes an associated function without its resource policy, so
 * the invokers read from that policy may not be all of them.
 */
export const EDGE_ASSOCIATIONS_NOT_READ =
  "CloudFront: Lambda@Edge associations are not in the snapshot, and the role lets edgelambda.amazonaws.com assume it: CloudFront distributions may invoke it";
