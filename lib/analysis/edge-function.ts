/**
 * Lambda@Edge: CloudFront runs replicas of a us-east-1 function whose role lets edgelambda.amazonaws.com assume it,
 * wherever a distribution's cache behaviour names one of its versions. The snapshot holds no CloudFront data, so
 * whether a function is associated is not known: only whether it can be.
 */
import type { FunctionModel } from "./account-model";
import { assumeRequest } from "./role-assumers";
import type { RoleModel } from "./role-model";
import { resourcePolicyDecision } from "@/lib/policy/evaluate";

const EDGE_LAMBDA = { type: "service", id: "edgelambda.amazonaws.com" } as const;

/** CloudFront may run the function at the edge: it is in us-east-1 and its role's trust lets Lambda@Edge in. */
export function mayRunAtEdge(fn: FunctionModel, role: RoleModel | undefined): boolean {
  if (fn.region !== "us-east-1" || !role?.trust) return false;
  const request = assumeRequest(role, EDGE_LAMBDA, "sts:AssumeRole", { "aws:sourceaccount": fn.account });
  return resourcePolicyDecision(role.trust, request) === "allowed";
}

/**
 * The function's `unknown` entry for it: CloudFront invokes an associated function without its resource policy, so
 * the invokers read from that policy may not be all of them.
 */
export const EDGE_ASSOCIATIONS_NOT_READ =
  "CloudFront: Lambda@Edge associations are not in the snapshot, and the role lets edgelambda.amazonaws.com assume it: CloudFront distributions may invoke it";
