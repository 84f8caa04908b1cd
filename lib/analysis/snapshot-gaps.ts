/**
 * What a snapshot could not show: calls that failed (`errors`, indexed per function, region or account) and
 * responses it holds only part of (a page with a NextMarker, or IAM list entries the reader set aside as malformed).
 * Both make answers unknown, never "none".
 */
import { MALFORMED_RESPONSE, type Snapshot, type SnapshotError } from "@/lib/snapshot/schema";
import type { Unavailable } from "./account-model";
import { unqualifiedFunctionArn } from "./arn";
import { addTo } from "@/lib/multimap";
import { isBulkIamError, isRoleAnsweredAbsent, rolesReadOneByOne, unnamedListEntry } from "./role-reads";

/** The error code given to gaps a snapshot file shows without an `errors` entry (a page with more to come). */
export const INCOMPLETE_SNAPSHOT = "IncompleteSnapshot";

/** The error code given to a policy document the call returned but the analyser could not read (not AWS's code). */
export const MALFORMED_POLICY = "MalformedPolicy";

/** The error code given to any other answer whose fields could not be read (not AWS's code either). */
export { MALFORMED_RESPONSE } from "@/lib/snapshot/schema";

/** The error code given to a resource the snapshot holds no read of, while it holds reads of others of its kind. */
export { NOT_READ } from "@/lib/snapshot/schema";

/**
 * The `unknown` entry of a function whose role was read while the account's role list was not read in full: the
 * roles left out may invoke it through their own policies (identity-invokers.ts), so its invoker list may be
 * incomplete, while what its own role reaches is known (lib/view/function-gaps.ts tells the two apart by it).
 */
/** The unknown entries saying why a function's role is unknown when its configuration, not IAM, is why (analyze.ts). */
export const ROLE_NAMED_NONE = "ListFunctions: the function's configuration names no execution role";
export const ROLE_SET_ASIDE = "ListFunctions: the execution role is unknown: ";

/**
 * The unknown entry of a published version whose Role was set aside (analyze.ts). The report's `rolesUnknown` names
 * the version and `why`, so lib/view finds this entry by rebuilding it here, never by reading its words.
 */
export function versionRoleSetAside(version: string, why: string): string {
  return `ListVersionsByFunction: the execution role of version ${version} is unknown: ${why}`;
}

/**
 * A function's unknown entry for a read that failed or was set aside: "GetPolicy: AccessDeniedException", with the
 * target when it is not the function itself ("ListVersionsByFunction: MalformedResponse (<version ARN>)").
 */
export function unavailableEntry(u: Pick<Unavailable, "operation" | "code" | "target">, fnArn: string): string {
  return `${u.operation}: ${u.code ?? "error"}${u.target && u.target !== fnArn ? ` (${u.target})` : ""}`;
}
export const ROLES_LEFT_OUT = `GetAccountAuthorizationDetails: ${INCOMPLETE_SNAPSHOT}: the role list is truncated, lost malformed entries or lacks roles that could not be read, so roles left out may invoke it through their own policies`;

/**
 * The paging fields of a List response: a truncated one has more pages the snapshot does not hold. IAM says so with
 * IsTruncated and Marker, Lambda with NextMarker, KMS with Truncated and NextMarker, Organizations with NextToken.
 */
export function isTruncated(response: Readonly<Record<string, unknown>>): boolean {
  const token = (value: unknown) => typeof value === "string" && value !== "";
  return response.IsTruncated === true || response.Truncated === true || token(response.NextMarker) || token(response.Marker) || token(response.NextToken);
}

/**
 * Gaps a snapshot shows without an `errors` entry: files exported by other tools holding one page of a paginated
 * call. Treated like failed calls by the rules (unknown, never "none"), but kept apart from `errors`, which are
 * calls that failed. A region map left out is not one: snapshot.md reads "no entry, no error" as "none".
 */
export function incompleteResponses(snapshot: Snapshot): SnapshotError[] {
  const out: SnapshotError[] = [];
  const setAside = rolesNotInList(snapshot);
  // An IAM entry set aside with no id records no call that failed: the role list's gap is said below all the same.
  const recorded = new Set(snapshot.errors.filter((e) => !e.target && !unnamedListEntry(e)).map((e) => `${e.region ?? ""}|${e.operation}`));
  const add = (region: string, operation: string, code: string, message: string) => {
    if (!recorded.has(`${region}|${operation}`)) out.push({ ...(region ? { region } : {}), operation, code, message });
  };
  for (const [region, data] of Object.entries(snapshot.regions)) {
    if (!data?.ListFunctions) continue; // the region's functions were not listed: nothing to mark
    if (isTruncated(data.ListFunctions as Record<string, unknown>)) {
      add(region, "ListFunctions", INCOMPLETE_SNAPSHOT, "the response has a NextMarker: later pages of functions are not in the snapshot");
    }
    if (data.ListEventSourceMappings && isTruncated(data.ListEventSourceMappings as Record<string, unknown>)) {
      add(region, "ListEventSourceMappings", INCOMPLETE_SNAPSHOT, "the response has a NextMarker: later pages of mappings are not in the snapshot");
    }
  }
  const gaad = snapshot.iam?.GetAccountAuthorizationDetails as Record<string, unknown> | undefined;
  const refused = snapshot.errors.find(isBulkIamError);
  const readOneByOne = rolesReadOneByOne(snapshot);
  if (refused && readOneByOne > 0) {
    // The bulk call failed and the execution roles were read one by one instead (lib/aws/role-reads.ts): the roles
    // the functions run as are known, every other role (and every IAM user) is not.
    const roles = `${readOneByOne} ${readOneByOne === 1 ? "role" : "roles"}`;
    out.push({
      operation: "GetAccountAuthorizationDetails",
      code: refused.code ?? "error",
      message: `${refused.message ?? "the call failed"} (the functions' execution roles were read one by one instead, ${roles}; other roles and the IAM users were not read)`,
    });
  } else if (gaad && (isTruncated(gaad) || gaad.RoleDetailList === undefined)) {
    // Not indexed per function (that would skip every role rule): roles it lacks are "unknown" through iamKnown.
    add("", "GetAccountAuthorizationDetails", INCOMPLETE_SNAPSHOT, gaad.RoleDetailList === undefined ? "the response has no RoleDetailList" : "the response is truncated (IsTruncated/Marker): later pages are not in the snapshot");
  } else if (setAside.length) {
    // Roles the reader set aside (salvage-lists.ts) leave the role list partial as a missing page does: a role not in
    // it is unknown, not deleted, and each role read is still analysed.
    const ids = setAside.slice(0, 5).map((e) => e.target ?? "an entry with no readable name").join(", ") + (setAside.length > 5 ? `, and ${setAside.length - 5} more` : "");
    const one = setAside.length === 1;
    const unread = setAside.filter((e) => roleReadGap(e));
    // Roles whose reads failed (none malformed): the failure's code, so the report says "could not be read".
    const code = unread.length === setAside.length ? (unread[0]?.code ?? "error") : MALFORMED_RESPONSE;
    const why =
      unread.length === 0
        ? `${setAside.length} malformed ${one ? "role was" : "roles were"} set aside when the snapshot was read`
        : unread.length === setAside.length
          ? `${setAside.length} ${one ? "role" : "roles"} could not be read`
          : `${setAside.length} roles could not be read or were set aside as malformed`;
    add("", "GetAccountAuthorizationDetails", code, `${why} (${ids}): what they may do is unknown`);
  }
  return out;
}

/**
 * The errors that leave a role out of the role list: an entry set aside as malformed, or a per-role read that failed
 * for a role the list lacks. A failed read of a role the list holds leaves only that role's documents unread; a
 * GetRole answered NoSuchEntity is no gap: the role does not exist (role-reads.ts isRoleAnsweredAbsent).
 */
export function rolesNotInList(snapshot: Snapshot): SnapshotError[] {
  const roles = snapshot.iam?.GetAccountAuthorizationDetails?.RoleDetailList ?? [];
  let listed: Set<string> | undefined;
  return snapshot.errors.filter((e) => {
    if (iamEntryKind(e) !== "role" || isRoleAnsweredAbsent(e)) return false;
    if (!roleReadGap(e)) return true;
    listed ??= new Set(roles.flatMap((r) => [r.Arn, r.RoleName ?? ""]));
    return !listed.has(e.target as string);
  });
}

/** Errors recorded for a target ARN (or a region-wide call), indexed for lookup per function. */
export function indexErrors(errors: SnapshotError[]) {
  const byTarget = new Map<string, SnapshotError[]>();
  const regionWide: SnapshotError[] = [];
  const global: SnapshotError[] = [];
  for (const e of errors) {
    // The IAM lists are partial, not unread (incompleteResponses says so, once): kept by the role's ARN or name only.
    // One with no id (unnamedListEntry) is the list's gap alone: incompleteResponses says a role's, and the principals
    // attaching a policy the list lacks name that document as unread (role-model.ts).
    if (iamEntryKind(e)) {
      if (e.target) addTo(byTarget, e.target, e);
    }
    else if (e.operation === "GetAccountAuthorizationDetails" || e.operation === "GetCallerIdentity") global.push(e);
    else if (e.target) {
      addTo(byTarget, unqualifiedFunctionArn(e.target), e);
    } else regionWide.push(e);
  }
  return { byTarget, regionWide, global };
}

/**
 * Which IAM list an entry set aside came from (it carries a target, a failed call does not): a policy's absence
 * already makes the documents attaching it unreadable (role-model.ts), a user's or group's makes the users unknown,
 * and a role's leaves the role list partial. Told by the ARN; an entry that lost its ARN is recorded by its name,
 * and then the message says which list: the reader's starts with the list's field (salvage-lists.ts,
 * "Policies.3.Arn: …"), the scanner's with the item's kind (lib/aws/items.ts, "managed policy X was left out: …").
 * Any other name is taken for a role, the one whose absence could pass for a deleted role. Undefined for an error
 * about the whole of IAM.
 */
export function iamEntryKind(e: SnapshotError): "role" | "user" | "policy" | undefined {
  if (roleReadGap(e)) return "role";
  const unnamed = unnamedListEntry(e);
  if (unnamed) return unnamed;
  if (e.operation !== "GetAccountAuthorizationDetails" || !e.target) return undefined;
  const byArn = /^arn:[\w-]+:iam::[^:]*:(policy|user|group)\//.exec(e.target)?.[1];
  if (byArn) return byArn === "policy" ? "policy" : "user";
  if (e.target.startsWith("arn:")) return "role";
  const byList = /^(?:(Policies|managed policy)|(UserDetailList|GroupDetailList|user|group))[. ]/.exec(e.message ?? "");
  return byList?.[1] ? "policy" : byList?.[2] ? "user" : "role";
}

/**
 * Per-role IAM reads a scanner other than ours may make instead of GetAccountAuthorizationDetails, each with what its
 * failure leaves unread of the role. Recorded against the role's ARN (or its name), as snapshot.md records a failed call.
 */
const ROLE_READS: Record<string, string> = {
  GetRole: "role details",
  ListRolePolicies: "inline policies",
  GetRolePolicy: "inline policies",
  ListAttachedRolePolicies: "attached managed policies",
};

/** What of a role a failed per-role IAM read left unread ("inline policies"), or undefined when `e` is not one. */
export function roleReadGap(e: SnapshotError): string | undefined {
  if (!e.target || !Object.hasOwn(ROLE_READS, e.operation)) return undefined;
  if (e.target.startsWith("arn:") && !/^arn:[\w-]+:iam::[^:]*:role\//.test(e.target)) return undefined;
  return ROLE_READS[e.operation];
}

/**
 * The data the function lacks that none of its failed reads names, to be said "not in the snapshot". A failed read of
 * its own role (GetRole, a policy list: recorded only for a role the list lacks) is why its IAM data is missing: that
 * reason is said, not the IAM data again. A failed GetAccountAuthorizationDetails is a reason of its own and stays.
 */
export function unnamedGaps(fn: { unknownOps: ReadonlySet<string>; unavailable: readonly Unavailable[] }): string[] {
  const roleRead = fn.unavailable.some((u) => roleReadGap({ operation: u.operation, target: u.target }));
  return [...fn.unknownOps].filter((op) => !fn.unavailable.some((u) => u.operation === op) && !(roleRead && op === "GetAccountAuthorizationDetails"));
}

/** The per-role IAM reads roleReadGap knows: a function's entry naming one says its role could not be read. */
export const ROLE_READ_OPERATIONS: readonly string[] = Object.keys(ROLE_READS);

/** A failed read of one alias's (or version's) resource policy, which leaves the function's own policy known. */
export function isAliasPolicyError(e: SnapshotError, fnArn: string): boolean {
  return (e.operation === "GetPolicy" || e.operation === "GetResourcePolicy") && !!e.target && e.target !== fnArn;
}

/** The record of one published version's Role set aside (salvage-lists.ts setAsideVersionRoles, the scanner alike). */
export function isVersionRoleSetAside(e: Pick<SnapshotError, "operation" | "target" | "code">, fnArn: string): boolean {
  return e.operation === "ListVersionsByFunction" && e.code === MALFORMED_RESPONSE && !!e.target && e.target.startsWith(`${fnArn}:`);
}

export function toUnavailable(e: SnapshotError): Unavailable {
  return {
    operation: e.operation,
    target: e.target ?? undefined,
    code: e.code ?? undefined,
    message: e.message ?? undefined,
    region: e.region ?? undefined,
  };
}
