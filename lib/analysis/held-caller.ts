/**
 * The role or IAM user of the snapshot a policy's principal names, whose own policies the evaluator can weigh. Shared
 * by the invoker list's direct grants and the function-URL path, so a grant to a role's session is weighed as that
 * role on either.
 */
import { SESSION_ARN } from "@/lib/policy/principal";
import type { AccountModel } from "./account-model";
import type { PrincipalModel } from "./role-model";

/**
 * By its ARN, or a role by one of its sessions (`arn:aws:sts::A:assumed-role/<name>/<session>`, whose name leaves the
 * role's path out), with the session's name to ask it as. `type` is the principal's kind ("role", "user"; any other
 * names no one held).
 */
export function heldCaller(model: AccountModel, type: string, arn: string): { model: PrincipalModel; session?: string } | undefined {
  if (type === "user") {
    const user = model.users.get(arn);
    return user && { model: user };
  }
  if (type !== "role") return undefined;
  const role = model.roles.get(arn);
  if (role) return { model: role };
  const session = SESSION_ARN.exec(arn);
  if (!session) return undefined;
  const [, partition, account, name, sessionName] = session;
  for (const r of model.roles.values()) {
    if (r.account === account && r.arn.startsWith(`arn:${partition}:iam::`) && r.arn.endsWith(`/${name}`)) return { model: r, session: sessionName };
  }
  return undefined;
}
