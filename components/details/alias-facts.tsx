/**
 * An alias's (or published version's) Role, Can reach and Grants nothing in the details panel: those of the roles its
 * version(s) run as, never its function's current role's (lib/view/alias-details.ts). Text only, never HTML.
 */
import type { ReactNode } from "react";
import type { FunctionReport } from "@/lib/analysis/types";
import { accountOfArn } from "@/lib/analysis/arn";
import { aliasRoleNote, reachOnRoleNode, type AliasDetails, type AliasRole } from "@/lib/view/alias-details";
import { listSummary, NOTHING } from "@/lib/view/function-gaps";
import { printable } from "@/lib/view/long-words";
import { ListNote } from "./list-note";
import { LongText } from "./long-text";
import { IneffectiveGrantList, ReachList } from "./reach-list";

export function AliasRoles({ alias, fn }: { alias: AliasDetails; fn: Pick<FunctionReport, "name" | "role" | "unknown"> }) {
  const note = aliasRoleNote(alias, fn);
  return (
    <>
      {alias.roles.length === 0 ? null : (
        <ul className="space-y-1" data-testid="alias-roles">
          {alias.roles.map((r) => (
            <li key={r.arn} className="text-xs">
              <span className="font-medium">{printable(r.label)}</span>{" "}
              <LongText text={r.arn} what="role ARN" testId="alias-role-arn" className="block break-all font-mono" copy />
            </li>
          ))}
        </ul>
      )}
      {note ? (
        <p className="mt-1 text-xs text-slate-700" data-testid="alias-role-note">
          {printable(note)}
        </p>
      ) : null}
    </>
  );
}

/** Each role's reach list, under the role's name when the alias runs as more than one. */
export function AliasReach({ alias, fn }: { alias: AliasDetails; fn: Pick<FunctionReport, "arn"> }) {
  if (alias.roles.length === 0) return <ListNote text="unknown: the role it runs as is unknown (see Role)" />;
  const account = accountOfArn(fn.arn);
  return (
    <PerRole roles={alias.roles}>
      {(r) =>
        r.reach ? (
          <>
            <ListNote text={listSummary(r.reach.reaches.length, r.reach.gaps, NOTHING)} />
            <ReachList reaches={r.reach.reaches} account={account} />
          </>
        ) : (
          <p className="text-xs text-slate-700" data-testid="reach-on-role-node">
            {printable(reachOnRoleNode(r))}
          </p>
        )
      }
    </PerRole>
  );
}

/** The roles among `alias`'s whose policies hold grants that reach nothing. */
export function rolesGrantingNothing(alias: AliasDetails): AliasRole[] {
  return alias.roles.filter((r) => r.reach?.ineffectiveGrants?.length);
}

/** The grants that reach nothing of `roles` (rolesGrantingNothing). */
export function AliasIneffectiveGrants({ roles }: { roles: readonly AliasRole[] }) {
  return <PerRole roles={roles}>{(r) => <IneffectiveGrantList grants={r.reach?.ineffectiveGrants ?? []} />}</PerRole>;
}

/** One block per role, each headed by the role's name where there are several (a weighted alias's versions). */
function PerRole({ roles, children }: { roles: readonly AliasRole[]; children: (role: AliasRole) => ReactNode }) {
  const [only] = roles;
  if (roles.length === 1 && only) return <>{children(only)}</>;
  return (
    <div className="space-y-2">
      {roles.map((r) => (
        <div key={r.arn} data-testid="alias-role-block">
          <p className="text-xs font-medium text-slate-700">As {printable(r.label)}:</p>
          {children(r)}
        </div>
      ))}
    </div>
  );
}
