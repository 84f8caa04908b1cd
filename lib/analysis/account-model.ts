/**
 * Snapshot (raw API responses) → account model (functions with their role, policies, mappings, URLs, and what
 * could not be read). This module, with role-model.ts (roles and their policies) and snapshot-gaps.ts (failed and
 * partial reads), is the one place that knows the snapshot's layout; rules, invokers, reaches and the graph only
 * see the model. Malformed documents become `problems` and make the affected answers unknown; they
 * never stop the rest of the account from being analysed.
 */
import { isOrganizationsError, organizationGuardrails, principalOrganization, type OrganizationGuardrails } from "./organization";
import type {
  Alias,
  EventInvokeConfig,
  EventSourceMapping,
  FunctionConfiguration,
  FunctionUrlConfig,
  RegionData,
  Snapshot,
  SnapshotError,
} from "@/lib/snapshot/schema";
import { FunctionConfigurationSchema } from "@/lib/snapshot/schema";
import { parsePolicyDocument } from "@/lib/policy/parse";
import type { PolicyDocument } from "@/lib/policy/types";
import type { ParseProblem } from "./types";
import { accountOfArn, unqualifiedFunctionArn, withoutLatest } from "./arn";
import { buildManagedPolicies, buildRole, markRoleReadsFailed, type NO_ORGANIZATION, type PrincipalOrganization, type RoleModel } from "./role-model";
import { buildGroups, buildUser, type UserModel } from "./user-model";
import { iamEntryKind, incompleteResponses, indexErrors, isAliasPolicyError, isTruncated, isVersionRoleSetAside, MALFORMED_POLICY, MALFORMED_RESPONSE, NOT_READ, roleReadGap, rolesNotInList, toUnavailable } from "./snapshot-gaps";
import { isBulkIamError, roleDetailsReadOneByOne, rolesAnsweredAbsent, rolesReadOneByOne, unnamedListEntry } from "./role-reads";
import { qualifierReferenced, refersToUnlistedAlias, roleSetAside, runsAsOtherRole } from "./runs-as";
import { queueEncryption, queueReads, type QueueReads } from "./queue-encryption";
import { kmsReads, type KmsReads } from "./kms-keys";
import { queuePolicies, type QueuePolicies } from "./queue-policies";
import { addTopicPolicyGaps, TOPIC_GONE, topicModel, type TopicModel } from "./topic-policies";
import { topicEncryption, type TopicReads } from "./topic-encryption";
import { addKmsGaps } from "./kms-gaps";
import { queuesUsed, topicsUsed } from "./queues-used";
import { streamEncryption, streamReads, type StreamReads } from "./stream-encryption";
import { streamsUsed } from "./streams-used";
import { isUnread, type ReadOperation, type ResourceReads } from "./resource-reads";
import { addFileSystemGaps, fileSystemModel, type FileSystemModel } from "./file-systems";
import { addImageGaps, imageModel, isAccessDenied, type ImageModel } from "./images";
import { reportedState, type ReportedState } from "./function-state";
import { readTags } from "./function-tags";
import { ANOTHER_TURN, runToEnd, type AnotherTurn } from "@/lib/steps";

export interface ResourcePolicyModel {
  /** The ARN the policy is attached to: the function, or an alias/version. */
  qualifiedArn: string;
  policy: PolicyDocument;
}

/** Operations whose failure leaves part of a function unknown (snapshot.md: "unknown", never "fine"). */
export type DataOperation =
  | "GetPolicy"
  | "GetFunctionUrlConfig"
  | "ListEventSourceMappings"
  | "ListAliases"
  | "GetFunctionEventInvokeConfig"
  | "GetFunctionConfiguration"
  | "GetAccountAuthorizationDetails"
  /** The mounted EFS access points and their file systems' policies (DescribeAccessPoints too). */
  | "DescribeFileSystemPolicy"
  /** The ECR repositories container images are in and their policies (GetFunction too). */
  | "GetRepositoryPolicy";

export interface Unavailable {
  operation: string;
  target?: string;
  code?: string;
  message?: string;
  region?: string;
}

// Why a function's or version's role is unknown when its Role was set aside: with the other qualified-role lookups.
export { roleSetAside } from "./runs-as";

export interface FunctionModel {
  arn: string;
  name: string;
  region: string;
  account: string;
  config: FunctionConfiguration;
  roleArn?: string;
  role?: RoleModel;
  /**
   * `missing`: the snapshot's roles were read and this one is not among them. `none`: the configuration names no role
   * (an emulator's empty Role); one set aside as malformed is `unknown` (roleSetAside says why).
   */
  roleState: "found" | "missing" | "unknown" | "none";
  policies: ResourcePolicyModel[];
  aliases: Alias[];
  /** Published versions (each with the configuration and role it was published with). */
  versions: FunctionConfiguration[];
  /**
   * The versions were listed, so one missing from `versions` does not exist. False for snapshots from tools that do
   * not list versions (the scanner writes no entry for a function without published versions, only the map) and
   * when the call failed.
   */
  versionsListed: boolean;
  urls: { qualifiedArn: string; config: FunctionUrlConfig }[];
  mappings: EventSourceMapping[];
  invokeConfigs: { qualifiedArn: string; config: EventInvokeConfig }[];
  /**
   * The state AWS reports (GetFunctionConfiguration); undefined when the snapshot holds no answer for the function
   * (not asked, or the read failed: then `unknownOps` says so).
   */
  reportedState?: ReportedState;
  /**
   * The function's tags (ListTags); undefined when the snapshot holds no answer for the function (not asked, the read
   * failed, or the answer is malformed: `unknownOps` says which), so conditions on aws:ResourceTag stay unknown.
   */
  tags?: Record<string, string>;
  /** Failed calls that concern this function. */
  unavailable: Unavailable[];
  /** Operations whose data is unknown for this function. */
  unknownOps: Set<string>;
  /**
   * Aliases and versions whose resource policy could not be read (GetPolicy failed, the text is malformed, or the
   * scan skipped it) while the function's own was: rules still judge the function's grants, and treat these as unknown.
   */
  unreadPolicies: Set<string>;
  /** Published versions whose policy the scan skipped on purpose (scan --version-policies); also in unreadPolicies. */
  versionPoliciesNotRead: string[];
}

export interface AccountModel {
  account: string;
  partition: string;
  capturedAt: string;
  regions: string[];
  functions: FunctionModel[];
  functionsByArn: Map<string, FunctionModel>;
  roles: Map<string, RoleModel>;
  /** IAM users (with their groups' policies), by ARN. */
  users: Map<string, UserModel>;
  /** True when IAM's role list was read whole: every page, no entry set aside (so a role absent from it is missing). */
  iamKnown: boolean;
  /**
   * True when the role list was read whole but for entries set aside as malformed (rolesSetAside): a role absent from
   * it and not one of those is missing too (roleKnownAbsent).
   */
  roleListRead: boolean;
  /** The ARNs or names of the role entries set aside as malformed (salvage-lists.ts, lib/aws/collect.ts). */
  rolesSetAside: ReadonlySet<string>;
  /**
   * Roles IAM said do not exist when read one by one (GetRole answered NoSuchEntity), with that answer: missing as a
   * role absent from a whole role list is (roleKnownAbsent), though the list itself was not read.
   */
  rolesGone: ReadonlyMap<string, SnapshotError>;
  /**
   * Why the account's IAM users are unknown, when they are: the snapshot has no user list (taken before users were
   * read, or by a tool that filtered them out), or IAM data is missing or partial. Then "no user listed" is not "none".
   */
  usersUnknown?: string;
  problems: ParseProblem[];
  errors: SnapshotError[];
  /** Responses the snapshot holds only part of (a page with a NextMarker), in the shape of errors; not failed calls. */
  incomplete: SnapshotError[];
  /** SQS GetQueueAttributes answers and failures by queue ARN (queue-encryption.ts reads them). */
  queues: QueueReads;
  /** SQS queue policies parsed from those answers, or why unknown (queue-policies.ts); role-access.ts weighs them. */
  queuePolicies: QueuePolicies;
  /** SNS GetTopicAttributes answers and failures by topic ARN, and the topic policies parsed (topic-policies.ts). */
  topics: TopicModel;
  /** Kinesis DescribeStreamSummary answers and failures by stream ARN (stream-encryption.ts reads them). */
  streams: StreamReads;
  /** KMS DescribeKey, GetKeyPolicy and ListGrants answers and failures, key policies parsed (kms-keys.ts). */
  kms: KmsReads;
  /** EFS access points and file system policies, parsed (file-systems.ts); role-access.ts weighs the policies. */
  fileSystems: FileSystemModel;
  /** Container images' repositories and their policies, parsed (images.ts). */
  images: ImageModel;
  /** The organization's SCPs and RCPs over the account, or why none apply, or why unknown (organization.ts). */
  organization: OrganizationGuardrails;
  /**
   * The organization the account is in (DescribeOrganization), NO_ORGANIZATION where AWS said it is in none,
   * undefined where the snapshot does not say: what a grant to "organization o-…" is weighed against.
   */
  ownOrganization?: PrincipalOrganization | typeof NO_ORGANIZATION;
}

/**
 * Published versions of a function: `ListVersionsByFunction` keyed by function ARN, as the scanner writes it.
 * Not in the snapshot contract, so other tools may write another shape: anything else reads as "not listed". A
 * version whose configuration does not have the shape of one is left out and reported, so it reads as a version
 * missing from the list: its role unknown, never a crash later. One whose Role alone was odd lost that field when the
 * snapshot was read (salvage-lists.ts setAsideVersionRoles) and stays listed, its role unknown (rolesOfQualified).
 */
function versionsOf(data: RegionData, fnArn: string, problems: ParseProblem[]): FunctionConfiguration[] {
  const versions = versionEntry(data, fnArn)?.Versions;
  if (!Array.isArray(versions)) return [];
  const out: FunctionConfiguration[] = [];
  for (const [i, v] of versions.entries()) {
    // Unnamed, it cannot read as "missing" from the list (nothing asks for it): said here, or it would vanish unsaid.
    if (typeof v !== "object" || v === null || typeof (v as { Version?: unknown }).Version !== "string") {
      problems.push({ where: `Versions.${i} of ${fnArn}`, why: "not a version's configuration (no Version number): left out, so that version's role and policy are unknown" });
      continue;
    }
    const parsed = FunctionConfigurationSchema.safeParse(v);
    if (parsed.success) out.push(v as FunctionConfiguration);
    else problems.push({ where: `version ${(v as { Version: string }).Version} of ${fnArn}`, why: `malformed configuration (${parsed.error.issues.map((i) => i.path.join(".") || "value").join(", ")}): left out, so its role is unknown` });
  }
  return out;
}

/** Versions whose resource policy the scan left unread on purpose (scan --version-policies): unknown, not none. */
function policiesNotRead(data: RegionData, fnArn: string): string[] {
  const skipped = versionEntry(data, fnArn)?.PoliciesNotRead;
  return Array.isArray(skipped) ? skipped.filter((v): v is string => typeof v === "string") : [];
}

function versionEntry(data: RegionData, fnArn: string): { Versions?: unknown; PoliciesNotRead?: unknown } | undefined {
  const byFunction = (data as { ListVersionsByFunction?: unknown }).ListVersionsByFunction;
  if (typeof byFunction !== "object" || byFunction === null) return undefined;
  const entry = (byFunction as Record<string, unknown>)[fnArn];
  return typeof entry === "object" && entry !== null ? (entry as { Versions?: unknown; PoliciesNotRead?: unknown }) : undefined;
}

/**
 * An entry listed again under the same ARN: a page read twice repeats it unchanged, which says nothing. With other
 * details the snapshot contradicts itself; the first is kept (whichever is kept, the answers may be wrong), and
 * the report says so rather than choosing in silence.
 */
function noteRepeated(problems: ParseProblem[], where: string, kept: unknown, again: unknown): void {
  if (JSON.stringify(kept) === JSON.stringify(again)) return;
  problems.push({ where, why: "listed again with other details; the first entry is analysed" });
}

/**
 * A function's aliases, each ARN once: one listed twice was offered twice in Run as (a duplicate React key) and
 * counted twice. The first is kept and a repeat with other details noted, as for a role or function (noteRepeated).
 */
function aliasesOnce(aliases: readonly Alias[], problems: ParseProblem[]): Alias[] {
  const byArn = new Map<string, Alias>();
  for (const a of aliases) {
    const kept = byArn.get(a.AliasArn);
    if (kept) noteRepeated(problems, `alias ${a.AliasArn}`, kept, a);
    else byArn.set(a.AliasArn, a);
  }
  return [...byArn.values()];
}

/**
 * Whether a role the snapshot lacks was deleted (or renamed), not left unread: IAM's GetRole said it does not exist,
 * or the role list was read whole, or whole but for entries set aside as malformed, none of them this role (recorded
 * by ARN, or by name when the ARN was lost).
 */
export function roleKnownAbsent(model: Pick<AccountModel, "roles" | "roleListRead" | "rolesSetAside" | "rolesGone">, roleArn: string): boolean {
  if (model.roles.has(roleArn)) return false;
  if (model.rolesGone.has(roleArn)) return true;
  if (!model.roleListRead) return false;
  return !model.rolesSetAside.has(roleArn) && !model.rolesSetAside.has(roleArn.split("/").pop() ?? "");
}

export function buildAccountModel(snapshot: Snapshot): AccountModel {
  return runToEnd(accountModelSteps(snapshot));
}

/**
 * Roles, users, functions and resource policies between two turns: ~1,000 of them take ~30 ms (10,000 functions and
 * 5,000 roles take ~400 ms in all, too long a stall for the dashboard's server as one step).
 */
const ENTRIES_PER_TURN = 1000;

/**
 * The account model, yielding ANOTHER_TURN every ENTRIES_PER_TURN roles, users, functions and resource policies and
 * before the resources they use: the dashboard builds it in turns (analyzeSnapshotInTurns), the CLI at once.
 */
export function* accountModelSteps(snapshot: Snapshot): Generator<AnotherTurn, AccountModel> {
  let entries = 0;
  const problems: ParseProblem[] = [];
  const managed = buildManagedPolicies(snapshot, problems);
  const roles = new Map<string, RoleModel>();
  const gaad = snapshot.iam?.GetAccountAuthorizationDetails;
  const listedRoles = gaad?.RoleDetailList ?? [];
  // Roles read one by one where the bulk call was refused (role-reads.ts): read as the list's entries are.
  const oneByOne = roleDetailsReadOneByOne(snapshot, new Set(listedRoles.map((r) => r.Arn)));
  for (const r of oneByOne.roles.length ? [...listedRoles, ...oneByOne.roles] : listedRoles) {
    const kept = roles.get(r.Arn);
    if (kept) noteRepeated(problems, `role ${r.Arn}`, kept.raw, r);
    else roles.set(r.Arn, buildRole(r, managed, problems, snapshot));
    if (++entries % ENTRIES_PER_TURN === 0) yield ANOTHER_TURN;
  }
  const groups = buildGroups(gaad?.GroupDetailList ?? [], managed, problems, snapshot);
  const users = new Map<string, UserModel>();
  for (const u of gaad?.UserDetailList ?? []) {
    const kept = users.get(u.Arn);
    if (kept) noteRepeated(problems, `IAM user ${u.Arn}`, kept.raw, u);
    else users.set(u.Arn, buildUser(u, groups, managed, problems, snapshot));
    if (++entries % ENTRIES_PER_TURN === 0) yield ANOTHER_TURN;
  }
  const incomplete = incompleteResponses(snapshot);
  // With the execution roles read one by one, the refused bulk call leaves the role list partial (incomplete says
  // so, once, for the account), not every function's IAM data unknown: their roles are known.
  const bulkReadInstead = rolesReadOneByOne(snapshot) > 0;
  // An Organizations read that failed with no target would otherwise read as every function's gap: it is the
  // account's, said once (organization.ts), as the scanner's, which name the organization, account or policy, are.
  const errIndex = indexErrors([
    ...snapshot.errors.filter((e) => !isOrganizationsError(e) && !(bulkReadInstead && isBulkIamError(e))),
    ...incomplete.filter((e) => e.operation !== "GetAccountAuthorizationDetails"),
  ]);
  // A role absent from IAM data is "missing" only when the data is whole: every page, and the role list itself. An
  // entry set aside by its id leaves it whole but for that role, which stays unknown.
  const rolesSetAside = new Set(rolesNotInList(snapshot).flatMap((e) => (e.target ? [e.target] : [])));
  const rolesGone = rolesAnsweredAbsent(snapshot.errors);
  markRoleReadsFailed(roles, oneByOne.notRead.length ? [...snapshot.errors, ...oneByOne.notRead] : snapshot.errors);
  const roleListRead =
    gaad !== undefined &&
    gaad.RoleDetailList !== undefined &&
    !isTruncated(gaad as Record<string, unknown>) &&
    // A role entry set aside with no id may be any role the list lacks: none of them is known deleted.
    !snapshot.errors.some((e) => isBulkIamError(e) || unnamedListEntry(e) === "role");
  const iamKnown = roleListRead && rolesSetAside.size === 0;
  const usersUnknown = !iamKnown
    ? "IAM data is missing or partial"
    : gaad?.UserDetailList === undefined
      ? "the snapshot has no UserDetailList (taken before IAM users were read, or by a tool that left them out)"
      : snapshot.errors.some((e) => iamEntryKind(e) === "user")
        ? "an IAM user or group was malformed and set aside when the snapshot was read"
        : undefined;

  const functions: FunctionModel[] = [];
  const functionsByArn = new Map<string, FunctionModel>();
  const regions = Object.keys(snapshot.regions).sort();

  for (const region of regions) {
    const data = snapshot.regions[region];
    if (!data) continue;
    const regionFns: FunctionModel[] = [];
    const versionMap = (data as { ListVersionsByFunction?: unknown }).ListVersionsByFunction;
    const versionsMapped = typeof versionMap === "object" && versionMap !== null;
    for (const config of data.ListFunctions?.Functions ?? []) {
      const arn = unqualifiedFunctionArn(config.FunctionArn);
      const kept = functionsByArn.get(arn);
      if (kept) {
        noteRepeated(problems, `function ${arn}`, kept.config, config); // a repeated page must not double a function
        continue;
      }
      const roleArn = config.Role ?? undefined;
      const role = roleArn ? roles.get(roleArn) : undefined;
      const fn: FunctionModel = {
        arn,
        name: config.FunctionName || arn.split(":")[6] || arn,
        region,
        account: accountOfArn(arn) ?? snapshot.account,
        config,
        roleArn,
        role,
        roleState: !roleArn ? "none" : role ? "found" : roleKnownAbsent({ roles, roleListRead, rolesSetAside, rolesGone }, roleArn) ? "missing" : "unknown",
        policies: [],
        aliases: aliasesOnce(data.ListAliases?.[arn]?.Aliases ?? [], problems),
        versions: versionsOf(data, arn, problems),
        versionsListed: false,
        urls: [],
        mappings: [],
        invokeConfigs: [],
        unavailable: [],
        unknownOps: new Set(),
        unreadPolicies: new Set(),
        versionPoliciesNotRead: policiesNotRead(data, arn),
      };
      for (const v of fn.versionPoliciesNotRead) fn.unreadPolicies.add(`${arn}:${v}`);
      for (const e of [...(errIndex.byTarget.get(arn) ?? []), ...errIndex.global]) {
        // The scanner records each version policy it skipped as an error too; PoliciesNotRead already says it, once.
        if (e.code === NOT_READ && e.operation === "GetPolicy" && fn.versionPoliciesNotRead.some((v) => `${arn}:${v}` === e.target)) continue;
        // A refused GetFunction is said once for the account (images.ts), not as a gap of every image function.
        if (e.operation === "GetFunction" && isAccessDenied(e)) continue;
        fn.unavailable.push(toUnavailable(e));
        if (isAliasPolicyError(e, arn)) fn.unreadPolicies.add(e.target as string);
        // One version's Role set aside leaves the rest of the list known (rolesOfQualified says whose role is unknown).
        else if (!isVersionRoleSetAside(e, arn)) fn.unknownOps.add(e.operation);
      }
      for (const e of errIndex.regionWide) {
        if (e.region && e.region !== region) continue;
        if (e.operation === "ListFunctions") continue; // the region's gap (truncated list), not this function's
        fn.unavailable.push(toUnavailable(e));
        fn.unknownOps.add(e.operation);
      }
      if (fn.roleState === "none" && roleSetAside(fn)) fn.roleState = "unknown";
      // Its role's entry was set aside as malformed: why the role is unknown, for the function's gap.
      if (fn.roleState === "unknown" && roleArn) {
        // By ARN, or by name when the entry had lost its ARN (salvage-lists.ts records it by the first id it holds).
        const byRole = [...(errIndex.byTarget.get(roleArn) ?? []), ...(errIndex.byTarget.get(roleArn.split("/").pop() ?? "") ?? [])];
        for (const e of byRole) if (e.operation === "GetAccountAuthorizationDetails" || roleReadGap(e)) fn.unavailable.push(toUnavailable(e));
      }
      // Lambda always has a role: a function without one in the snapshot is missing data, not a function without access.
      if (fn.roleState === "unknown" || fn.roleState === "none") fn.unknownOps.add("GetAccountAuthorizationDetails");
      fn.versionsListed = versionsMapped && !fn.unknownOps.has("ListVersionsByFunction");
      functions.push(fn);
      regionFns.push(fn);
      functionsByArn.set(arn, fn);
      if (++entries % ENTRIES_PER_TURN === 0) yield ANOTHER_TURN;
    }

    const owner = (qualified: string) => functionsByArn.get(unqualifiedFunctionArn(qualified));

    for (const [target, resp] of Object.entries(data.GetPolicy ?? {})) {
      const fn = owner(target);
      if (!fn) continue;
      const parsed = parsePolicyDocument(resp.Policy, {
        kind: "resource",
        policyName: target === fn.arn ? "function policy" : `policy of ${target.split(":").slice(7).join(":")}`,
        resourceArn: target,
      }, snapshot);
      if (parsed.ok) fn.policies.push({ qualifiedArn: target, policy: parsed.policy });
      else {
        problems.push({ where: `resource policy of ${target}`, why: parsed.error });
        fn.unavailable.push({ operation: "GetPolicy", target, code: MALFORMED_POLICY, message: parsed.error, region });
        if (target === fn.arn) fn.unknownOps.add("GetPolicy");
        else fn.unreadPolicies.add(target);
      }
      if (++entries % ENTRIES_PER_TURN === 0) yield ANOTHER_TURN;
    }
    for (const [target, config] of Object.entries(data.GetFunctionUrlConfig ?? {})) {
      owner(target)?.urls.push({ qualifiedArn: target, config });
    }
    for (const [target, config] of Object.entries(data.GetFunctionEventInvokeConfig ?? {})) {
      owner(target)?.invokeConfigs.push({ qualifiedArn: withoutLatest(target), config });
    }
    for (const m of data.ListEventSourceMappings?.EventSourceMappings ?? []) {
      owner(m.FunctionArn)?.mappings.push(m);
    }
    for (const [target, answer] of Object.entries(data.GetFunctionConfiguration ?? {})) {
      const fn = functionsByArn.get(target);
      if (!fn || fn.region !== region) continue;
      const read = reportedState(answer);
      if ("state" in read) {
        fn.reportedState = read.state;
        continue;
      }
      const why = `${read.malformed.join(", ")} ${read.malformed.length > 1 ? "are" : "is"} neither text nor absent`;
      problems.push({ where: `GetFunctionConfiguration of ${target}`, why: `${why}: the state AWS reports of the function is unknown` });
      fn.unavailable.push({ operation: "GetFunctionConfiguration", target, code: MALFORMED_RESPONSE, message: why, region });
      fn.unknownOps.add("GetFunctionConfiguration");
    }
    for (const [target, answer] of Object.entries(data.ListTags ?? {})) {
      const fn = functionsByArn.get(target);
      if (!fn || fn.region !== region || fn.unknownOps.has("ListTags")) continue;
      const read = readTags(answer);
      if ("tags" in read) {
        fn.tags = read.tags;
        continue;
      }
      problems.push({ where: `ListTags of ${target}`, why: `${read.malformed}: the function's tags are unknown` });
      fn.unavailable.push({ operation: "ListTags", target, code: MALFORMED_RESPONSE, message: read.malformed, region });
      fn.unknownOps.add("ListTags");
    }
    // Unqualified policy first: evidence and invoker lists read in that order.
    for (const fn of regionFns) fn.policies.sort((a, b) => a.qualifiedArn.length - b.qualifiedArn.length);
  }

  yield ANOTHER_TURN;
  const queues = queueReads(snapshot);
  const streams = streamReads(snapshot);
  if (addReadGaps(functions, queues, queuesOf, queueEncryption)) {
    problems.push({
      where: "SQS queue encryption",
      why: "the snapshot holds no GetQueueAttributes answers (an older scan, or another tool): whether KMS-encrypted queues need kms:Decrypt or kms:GenerateDataKey from the roles that use them was not judged; scan again to read them",
    });
  }
  if (addReadGaps(functions, streams, (fn) => streamsUsed(fn.mappings), streamEncryption)) {
    problems.push({
      where: "Kinesis stream encryption",
      why: "the snapshot holds no DescribeStreamSummary answers (an older scan, or another tool): whether KMS-encrypted streams need kms:Decrypt from the roles of the functions they trigger was not judged; scan again to read them",
    });
  }

  const topics = topicModel(snapshot, snapshot, problems);
  // A topic SNS said does not exist is no gap: every request on it fails, which the rules say (role-access.ts).
  const topicEncryptionRead = (reads: TopicReads, arn: string) => (reads.errors.get(arn)?.code === TOPIC_GONE ? { kind: "gone" } : topicEncryption(reads, arn));
  if (addReadGaps(functions, topics.reads, topicsOf, topicEncryptionRead)) {
    problems.push({
      where: "SNS topic encryption",
      why: "the snapshot holds no GetTopicAttributes answers that kept KmsMasterKeyId (an older scan, or another tool): whether KMS-encrypted topics need kms:GenerateDataKey and kms:Decrypt from the roles that publish to them was not judged; scan again to read them",
    });
  }

  const kms = kmsReads(snapshot, problems);
  addKmsGaps(functions, { kms, queues, topics: topics.reads, streams, partition: snapshot.partition, errors: snapshot.errors, queuesOf, topicsOf });
  const policiesOfQueues = queuePolicies(queues, snapshot, problems);
  for (const fn of functions) addQueuePolicyGaps(fn, queuesOf(fn), { queues, queuePolicies: policiesOfQueues });
  for (const fn of functions) addTopicPolicyGaps(fn, topicsOf(fn), topics);
  const fileSystems = fileSystemModel(snapshot, snapshot, problems);
  if (addFileSystemGaps(functions, fileSystems)) {
    problems.push({
      where: "EFS file systems",
      why: "the snapshot holds no DescribeAccessPoints or DescribeFileSystemPolicy answers (an older scan, or another tool): whether the roles of functions that mount an EFS file system need elasticfilesystem:ClientMount and ClientWrite was not judged; scan again to read them",
    });
  }
  const images = imageModel(snapshot, snapshot, problems);
  if (addImageGaps(functions, images, snapshot.partition)) {
    problems.push({
      where: "Container images",
      why: "the snapshot holds no GetFunction or GetRepositoryPolicy answers (an older scan, or another tool): whether the ECR repositories of container-image functions let Lambda pull their images was not judged; scan again to read them",
    });
  }

  const organization = organizationGuardrails(snapshot);
  const principalOrg = principalOrganization(snapshot, organization);
  if (principalOrg) for (const p of [...roles.values(), ...users.values()]) if (p.account === snapshot.account) p.organization = principalOrg;

  return {
    account: snapshot.account,
    partition: snapshot.partition,
    capturedAt: snapshot.capturedAt,
    regions,
    functions,
    functionsByArn,
    roles,
    users,
    iamKnown,
    roleListRead,
    rolesSetAside,
    rolesGone,
    ...(usersUnknown ? { usersUnknown } : {}),
    problems,
    errors: snapshot.errors,
    incomplete,
    queues,
    queuePolicies: policiesOfQueues,
    topics,
    streams,
    kms,
    fileSystems,
    images,
    organization,
    ...(principalOrg ? { ownOrganization: principalOrg } : {}),
  };
}

/** The SNS topics the function's configuration, versions, mappings and async settings send to. */
export function topicsOf(fn: FunctionModel): string[] {
  return topicsUsed({ configs: [fn.config, ...fn.versions], mappings: fn.mappings, invokeConfigs: fn.invokeConfigs.map((c) => c.config) });
}

/** The SQS queues the function's configuration, versions, mappings and async settings name. */
export function queuesOf(fn: FunctionModel): string[] {
  return queuesUsed({ configs: [fn.config, ...fn.versions], mappings: fn.mappings, invokeConfigs: fn.invokeConfigs.map((c) => c.config) });
}

/**
 * Marks each function's data unknown for each resource it uses (queue, topic, stream) whose encryption is unknown (its
 * read failed, is malformed, or was left out). True when some function uses such a resource and the snapshot holds
 * no read of that kind at all.
 */
function addReadGaps<O extends ReadOperation>(
  functions: readonly FunctionModel[],
  reads: ResourceReads<O>,
  resourcesOf: (fn: FunctionModel) => string[],
  encryption: (reads: ResourceReads<O>, arn: string) => { kind: string },
): boolean {
  let unread = false;
  for (const fn of functions) {
    for (const arn of resourcesOf(fn)) {
      const e = encryption(reads, arn);
      if (!isUnread(e)) continue;
      if (e.kind === "not-read") {
        unread = true;
        continue;
      }
      fn.unavailable.push(
        e.error ? toUnavailable(e.error) : { operation: reads.operation, target: arn, code: reads.responses.has(arn) ? MALFORMED_RESPONSE : NOT_READ, message: e.why },
      );
      fn.unknownOps.add(reads.operation);
    }
  }
  return unread;
}

/**
 * Queues whose policy is unread (GetQueueAttributes failed, or the policy did not parse): the function's answers on
 * them are unknown (role-access.ts), so its data is, as for a malformed function policy. Asked of the queues it uses
 * (here) and of those its role reaches without its configuration naming them (analyze.ts, once reach lists are
 * known). Each gap is said once: a failed read of a queue it uses is one already (addReadGaps).
 */
export function addQueuePolicyGaps(fn: FunctionModel, queues: Iterable<string>, model: Pick<AccountModel, "queues" | "queuePolicies">): void {
  for (const arn of queues) {
    const gap = queuePolicyGap(model, arn);
    if (!gap || fn.unavailable.some((u) => u.operation === gap.operation && u.target === arn && u.code === gap.code)) continue;
    fn.unavailable.push(gap);
    fn.unknownOps.add(gap.operation);
  }
}

function queuePolicyGap({ queues, queuePolicies }: Pick<AccountModel, "queues" | "queuePolicies">, arn: string): Unavailable | undefined {
  const queue = queuePolicies.get(arn);
  if (!queue || queue.policy) return undefined;
  if (queue.malformed !== undefined) return { operation: queues.operation, target: arn, code: MALFORMED_POLICY, message: queue.malformed };
  const failed = queues.errors.get(arn);
  return failed ? toUnavailable(failed) : undefined;
}

/**
 * Functions that use each role, for role-level findings: the function's current role, and the role of each
 * published version something in the snapshot routes calls to (an alias, a mapping, a URL, async settings, a policy
 * on it), since a version runs with the role it was published with (lambda-permissions.md §1). Versions nothing
 * refers to are left out: old versions keep old roles, and nothing calls them by default; unless something refers
 * to an alias the snapshot lacks, which may route to any of them (its findings say "may run as").
 */
export function functionsByRole(model: AccountModel): Map<string, FunctionModel[]> {
  const map = new Map<string, FunctionModel[]>();
  const add = (roleArn: string, fn: FunctionModel) => {
    const list = map.get(roleArn);
    // A function's roles are added one after the other: the last entry tells whether it is there already.
    if (!list) map.set(roleArn, [fn]);
    else if (list[list.length - 1] !== fn) list.push(fn);
  };
  for (const fn of model.functions) {
    if (fn.roleArn) add(fn.roleArn, fn);
    if (fn.versions.length === 0) continue;
    const anyVersion = refersToUnlistedAlias(fn);
    for (const v of fn.versions) {
      if (v.Role && v.Version && runsAsOtherRole(fn, v) && (anyVersion || qualifierReferenced(fn, v.Version))) add(v.Role, fn);
    }
  }
  return map;
}
