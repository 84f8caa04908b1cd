/**
 * Whether anyone can assume a role: a role whose readable trust policy allows none of the assume calls to any
 * principal (no statement, Deny only) lends its permissions to no one, so what its own policies allow is no one's
 * way in. An unreadable trust policy may let anyone in: such a role is never counted out.
 */
import { allowsAction } from "@/lib/findings/role-probes";
import type { RoleModel } from "./role-model";

/** The STS calls that hand out a role's session (id_roles_use): AWS principals, web identities, SAML sessions. */
export const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"] as const;

/**
 * True only when the trust policy was read and no Allow statement of it names an assume call (by Action or
 * NotAction). A statement that does counts whatever its principal and condition: this says "no one", never "someone".
 */
export function noOneCanAssume(role: Pick<RoleModel, "trust" | "trustUnreadable">): boolean {
  if (!role.trust || role.trustUnreadable) return false;
  for (const action of ASSUME_ACTIONS) if (allowsAction(role.trust, action)) return false;
  return true;
}
