/**
 * Roles the scanner read one by one (lib/aws/role-reads.ts) when GetAccountAuthorizationDetails was refused: GetRole,
 * ListRolePolicies with each GetRolePolicy, and ListAttachedRolePolicies, keyed by role ARN under `iam` (their managed
 * policies under GetPolicy and GetPolicyVersion, as unlisted-policies.ts reads them). Each role GetRole answered is
 * given the shape of a GAAD RoleDetailList entry, so one reading of a role (role-model.ts buildRole) serves both. A
 * failed read is an error naming the role (snapshot-gaps.ts roleReadGap): only that role, or that part of it, is
 * unknown. A list or document the snapshot holds neither an answer nor an error for (a tool that read less) is named
 * as not read, never taken for "none".
 */
import { MALFORMED_RESPONSE, NOT_READ, type RoleDetail, type Snapshot, type SnapshotError } from "@/lib/snapshot/schema";
import { INCOMPLETE_SNAPSHOT, isTruncated } from "./snapshot-gaps";

export const BULK_IAM_READ = "GetAccountAuthorizationDetails";

/**
 * The bulk call's own failure: about the whole of IAM (a set-aside entry names its item as the target, or its list
 * when it had no readable id: unnamedListEntry).
 */
export function isBulkIamError(e: Pick<SnapshotError, "operation" | "target" | "code" | "message">): boolean {
  return e.operation === BULK_IAM_READ && !e.target && !unnamedListEntry(e);
}

/**
 * A role, user, group or managed policy entry set aside with no id that could be read: salvage-lists.ts records it
 * against nothing, its message starting with the entry's place ("RoleDetailList.3.RoleName: …"), and the scanner with
 * the item's kind (lib/aws/items.ts, "managed policy without PolicyName was left out: …"). One entry of the list is
 * lost, not the list: a role entry may be any role the list lacks (so no absent role is known deleted), and the
 * invoker of any function through its own policies, but the roles that were read are known in full. A policy entry
 * can matter only to a role, user or group whose attachment or boundary names a policy the list lacks, and that
 * document is already unread there (role-model.ts addAttachedPolicies): every other principal's documents were read.
 */
export function unnamedListEntry(e: Pick<SnapshotError, "operation" | "target" | "code" | "message">): "role" | "user" | "policy" | undefined {
  if (e.operation !== BULK_IAM_READ || e.target || e.code !== MALFORMED_RESPONSE) return undefined;
  const message = e.message ?? "";
  const list =
    /^(RoleDetailList|UserDetailList|GroupDetailList|Policies)\.\d+[.:]/.exec(message)?.[1] ??
    /^(role|user|group|managed policy) without \w+ was left out:/.exec(message)?.[1];
  if (list === "RoleDetailList" || list === "role") return "role";
  if (list === "Policies" || list === "managed policy") return "policy";
  return list ? "user" : undefined;
}

/**
 * IAM's answer that the role named does not exist (GetRole's 404): its wire code, as the CLI and boto3 record it, and
 * the JavaScript SDK's name for it, as our scanner does (lib/aws/errors.ts errorCode).
 */
const NO_SUCH_ENTITY = new Set(["NoSuchEntity", "NoSuchEntityException"]);

/**
 * A GetRole that IAM answered NoSuchEntity: AWS's word that the role does not exist (deleted, or renamed), the fact
 * the bulk call states by leaving the role out. Kept as the error the scanner records (lib/aws/per-resource.ts), by
 * the role's ARN; a refused or throttled GetRole says nothing of the role, which stays unknown.
 */
export function isRoleAnsweredAbsent(e: Pick<SnapshotError, "operation" | "code" | "target">): boolean {
  return e.operation === "GetRole" && !!e.code && NO_SUCH_ENTITY.has(e.code) && !!e.target && /^arn:[\w-]+:iam::[^:]*:role\//.test(e.target);
}

/** The roles GetRole answered absent (isRoleAnsweredAbsent), by ARN, with that answer (the finding's evidence). */
export function rolesAnsweredAbsent(errors: readonly SnapshotError[]): Map<string, SnapshotError> {
  const out = new Map<string, SnapshotError>();
  for (const e of errors) if (isRoleAnsweredAbsent(e)) out.set(e.target as string, e);
  return out;
}

/**
 * How many roles the snapshot holds one-by-one reads of (GetRole answers, those saying the role does not exist
 * included); 0 when the bulk call answered.
 */
export function rolesReadOneByOne(snapshot: Snapshot): number {
  return Object.keys(snapshot.iam?.GetRole ?? {}).length + rolesAnsweredAbsent(snapshot.errors).size;
}

/**
 * The roles read one by one that the role list lacks, as RoleDetailList entries, and the reads of their parts the
 * snapshot holds no trace of, as NotRead errors against the role (for role-model.ts markRoleReadsFailed).
 */
export function roleDetailsReadOneByOne(snapshot: Snapshot, listed: ReadonlySet<string>): { roles: RoleDetail[]; notRead: SnapshotError[] } {
  const iam = snapshot.iam;
  const roles: RoleDetail[] = [];
  const notRead: SnapshotError[] = [];
  if (!iam?.GetRole) return { roles, notRead };
  const failed = new Set(snapshot.errors.filter((e) => e.target && !e.region).map((e) => `${e.operation}|${e.target}`));
  const unread = (operation: string, target: string, what: string, code = NOT_READ) => {
    if (!failed.has(`${operation}|${target}`)) notRead.push({ operation, target, code, message: `${what} of the role ${code === NOT_READ ? "is not" : "is only partly"} in the snapshot` });
  };
  // A list cut short (IsTruncated, its Marker) holds the policies it names, applied; the rest are unknown, said by the
  // failure recorded beside it (lib/aws/role-reads.ts), or by an IncompleteSnapshot gap where none was.
  const cutShort = (answer: object | undefined, operation: string, target: string, what: string) => {
    if (answer && isTruncated(answer as Record<string, unknown>)) unread(operation, target, what, INCOMPLETE_SNAPSHOT);
  };
  for (const [key, { Role }] of Object.entries(iam.GetRole)) {
    if (listed.has(Role.Arn)) continue;
    const names = iam.ListRolePolicies?.[key]?.PolicyNames;
    if (!names) unread("ListRolePolicies", key, "the list of inline policies");
    cutShort(iam.ListRolePolicies?.[key], "ListRolePolicies", key, "the list of inline policies");
    const documents = iam.GetRolePolicy?.[key] ?? {};
    const RolePolicyList = (names ?? []).flatMap((name) => {
      const answer = Object.hasOwn(documents, name) ? documents[name] : undefined;
      if (!answer) unread("GetRolePolicy", key, `inline policy ${name}`);
      return answer ? [{ PolicyName: name, PolicyDocument: answer.PolicyDocument }] : [];
    });
    const attached = iam.ListAttachedRolePolicies?.[key]?.AttachedPolicies;
    if (!attached) unread("ListAttachedRolePolicies", key, "the list of attached managed policies");
    cutShort(iam.ListAttachedRolePolicies?.[key], "ListAttachedRolePolicies", key, "the list of attached managed policies");
    roles.push({ ...Role, RolePolicyList, AttachedManagedPolicies: attached ?? [] });
  }
  return { roles, notRead };
}
