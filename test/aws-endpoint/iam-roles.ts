/**
 * IAM's per-role reads (Query protocol, answered as XML by server.ts) for the scenario's roles (its
 * GetAccountAuthorizationDetails RoleDetailList): GetRole, ListRolePolicies, GetRolePolicy and
 * ListAttachedRolePolicies, which the scanner falls back on when the bulk call is refused. A role is named by its
 * RoleName, as IAM names it; an unknown role or inline policy is IAM's 404 NoSuchEntity. The lists page by MaxItems
 * and Marker, as IAM's do.
 */
import type { PolicyAnswer } from "./iam-policies";

type Json = Record<string, unknown>;

const ROLE_READS = new Set(["GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies"]);

export function isRoleRead(operation: string): boolean {
  return ROLE_READS.has(operation);
}

/** The role the request names, by RoleName. */
export function requestedRole(form: URLSearchParams, roles: readonly Json[]): Json | undefined {
  const name = form.get("RoleName");
  return roles.find((r) => r.RoleName === name);
}

/** One page of a list, with IAM's IsTruncated and Marker. */
function page(form: URLSearchParams, key: string, items: readonly unknown[], pageSize: number | undefined): Json {
  const start = form.get("Marker") ? Number.parseInt(Buffer.from(form.get("Marker") as string, "base64url").toString(), 10) : 0;
  const size = Math.max(1, Math.min(Number(form.get("MaxItems") ?? 100), 1000, pageSize ?? Infinity));
  const truncated = start + size < items.length;
  return { [key]: items.slice(start, start + size), IsTruncated: truncated, ...(truncated ? { Marker: Buffer.from(String(start + size)).toString("base64url") } : {}) };
}

export function roleReadAnswer(operation: string, form: URLSearchParams, roles: readonly Json[], pageSize: number | undefined): PolicyAnswer {
  const role = requestedRole(form, roles);
  if (!role) return { status: 404, code: "NoSuchEntity", message: `The role with name ${form.get("RoleName") ?? ""} cannot be found.` };
  const inline = (role.RolePolicyList ?? []) as Json[];
  switch (operation) {
    case "GetRole": {
      const { RolePolicyList: _inline, AttachedManagedPolicies: _attached, InstanceProfileList: _profiles, ...Role } = role;
      return { result: { Role } };
    }
    case "ListRolePolicies":
      return { result: page(form, "PolicyNames", inline.map((p) => p.PolicyName), pageSize) };
    case "GetRolePolicy": {
      const policy = inline.find((p) => p.PolicyName === form.get("PolicyName"));
      if (!policy) return { status: 404, code: "NoSuchEntity", message: `The role policy with name ${form.get("PolicyName") ?? ""} cannot be found.` };
      return { result: { RoleName: role.RoleName, PolicyName: policy.PolicyName, PolicyDocument: policy.PolicyDocument } };
    }
    default:
      return { result: page(form, "AttachedPolicies", (role.AttachedManagedPolicies ?? []) as Json[], pageSize) };
  }
}
