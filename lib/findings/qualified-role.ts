/**
 * Which role to ask for a need that belongs to an alias or version (a mapping on \`orders:live\`, a destination of
 * \`orders:3\`): the role that version was published with, which may not be the function's current one.
 */
import { qualifiedFunctionName } from "@/lib/analysis/arn";
import { type FunctionModel } from "@/lib/analysis/account-model";
import { rolesOfQualified } from "@/lib/analysis/runs-as";
import type { RoleModel } from "@/lib/analysis/role-model";
import type { RuleContext } from "./types";

export interface QualifiedRole {
  role: RoleModel | undefined;
  /** How the finding's text names the role when it is not the function's current one, or only assumed to be. */
  note: string;
  /** The current role, assumed for a version of a snapshot without version data: the finding must say so. */
  assumed?: boolean;
}

/**
 * Each role the need must be met by (a weighted alias runs two versions), primary first. A version whose role is
 * not in the snapshot, or unknown because the versions (or aliases) could not be listed or their list lacks it,
 * cannot be judged: recorded as a problem and left out (data-unavailable names a failed call), never judged with
 * the current role instead. Only a snapshot without any version data is judged with the current role, saying so.
 */
export function qualifiedRoles(ctx: RuleContext, fn: FunctionModel, qualifiedArn: string | undefined, what: string): QualifiedRole[] {
  const name = qualifiedFunctionName(fn.name, qualifiedArn ?? fn.arn);
  const out: QualifiedRole[] = [];
  for (const { arn, role, unlisted, assumed, versions } of rolesOfQualified(ctx.model, fn, qualifiedArn)) {
    if (unlisted) {
      const runs = unlisted.list === "versions" ? `version ${unlisted.qualifier}, whose role is unknown` : `alias ${unlisted.qualifier}, whose version and role are unknown`;
      const why = unlisted.setAside ? `its Role was set aside: ${unlisted.setAside}` : unlisted.absent ? `the snapshot's list of its ${unlisted.list} does not hold it` : `its ${unlisted.list} could not be listed`;
      ctx.model.problems.push({ where: what, why: `${name} runs ${runs} (${why}): not judged` });
    } else if (assumed && role) {
      const which = `${versions.length > 1 ? "versions" : "version"} ${versions.join(", ")}`;
      out.push({ role, assumed, note: `the function's current execution role, ${role.name} (assumed for ${which}: the snapshot holds no list of the function's versions)` });
    } else if (role === fn.role) out.push({ role, note: "the function's execution role" });
    else if (!role) ctx.model.problems.push({ where: what, why: `${name} runs as role ${arn}, which is not in the snapshot: not judged` });
    else out.push({ role, note: `the execution role of ${name}, ${role.name} (the role its version was published with; the function now uses ${fn.role?.name ?? fn.roleArn ?? "another"})` });
  }
  return out;
}
