/**
 * The account scan (issue 4): reads what snapshot.md holds, read-only, and returns a validated snapshot with
 * environment values redacted as each function arrives (nothing unredacted is ever kept, let alone written).
 *
 * Calls: STS GetCallerIdentity; IAM GetAccountAuthorizationDetails (roles, users, groups and managed policies, all
 * pages: one call per 1,000 items instead of per-role calls), then GetPolicy and GetPolicyVersion for each managed
 * policy they name that it left out (managed-policies.ts); when it is refused, GetRole, ListRolePolicies,
 * GetRolePolicy and ListAttachedRolePolicies for the execution roles the functions name instead (role-reads.ts);
 * Organizations DescribeOrganization, ListRoots, ListParents, ListPoliciesForTarget and DescribePolicy for the SCPs
 * and RCPs above the account (organizations.ts);
 * per region ListFunctions, ListEventSourceMappings, and per function ListAliases, ListVersionsByFunction, ListFunctionUrlConfigs (the function's URL and its aliases'),
 * ListFunctionEventInvokeConfigs (the async settings of the function, its aliases and its versions),
 * GetFunctionConfiguration (the State and LastUpdateStatus AWS reports, which ListFunctions omits;
 * function-configuration.ts), ListTags (the function's tags, which ListFunctions omits; function-tags.ts), GetPolicy
 * for the function and each alias, and GetPolicy for each published version (a
 * grant made with `add-permission --qualifier 3` lives only there). Then SQS GetQueueAttributes for the queues the
 * functions use (queues.ts), SNS GetTopicAttributes for the topics they send to (topics.ts), Kinesis DescribeStreamSummary for the streams mappings read (streams.ts), EFS
 * DescribeAccessPoints and DescribeFileSystemPolicy for the access points functions mount (file-systems.ts), and KMS
 * DescribeKey, GetKeyPolicy and ListGrants for the keys functions and queues name (kms-keys.ts). GetFunction only for
 * container-image functions and their routed-to versions, and ECR GetRepositoryPolicy for the repositories their
 * images are in (images.ts): GetFunction hands out a presigned code URL (never kept) and SecurityAudit lacks it.
 * `ResourceNotFoundException` on a per-function read means "none" (for GetFunctionConfiguration and the lists of
 * aliases and versions: deleted since listed); any other failure after the SDK's retries becomes an
 * `errors` entry (analysis then says "unknown"), and the scan goes on. So do paging that leads nowhere (pages.ts)
 * and an item that does not fit the snapshot schema (items.ts): MalformedResponse, that list or item only.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import {
  paginateGetAccountAuthorizationDetails,
  type GroupDetail,
  type ManagedPolicyDetail,
  type RoleDetail,
  type UserDetail,
} from "@aws-sdk/client-iam";
import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { checkRegionsListed } from "./listed-regions";
import {
  GetPolicyCommand,
  paginateListAliases,
  paginateListFunctionEventInvokeConfigs,
  paginateListVersionsByFunction,
  paginateListFunctionUrlConfigs,
  paginateListEventSourceMappings,
  paginateListFunctions,
  type AliasConfiguration,
  type EventSourceMappingConfiguration,
  type FunctionConfiguration,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import {
  AliasSchema,
  EventInvokeConfigSchema,
  EventSourceMappingSchema,
  FunctionConfigurationSchema,
  FunctionUrlConfigSchema,
  GetPolicySchema,
  GroupDetailSchema,
  ManagedPolicySchema,
  NOT_READ,
  RoleDetailSchema,
  SNAPSHOT_FORMAT,
  SNAPSHOT_PARTITIONS,
  UserDetailSchema,
  type Snapshot,
  type SnapshotError,
} from "@/lib/snapshot/schema";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { listEntryTarget, setAsideFields, setAsideVersionFields } from "@/lib/snapshot/salvage-lists";
import { redactFunctionEnvironment } from "@/lib/snapshot/redact";
import { CREDENTIAL_REFRESH_TRIES, attemptsRetriedOut, configuredRegion, createScanClients, profileCredentialKind, globalRegionOf, type ClientOptions, missingProfile, newCallStats, rereadSharedFiles, type ScanClients, type SharedFiles } from "./clients";
import { AwsCredentialsError, type CredentialSource, MalformedResponse, ScanSetupError, credentialProblem, credentialsRefusedHere, errorCode, errorMessage, isNotFound } from "./errors";
import { isoSeconds, plain, sortedKeys } from "./plain";
import { allPages, pagedItems } from "./pages";
import { resourceReads } from "./per-resource";
import { itemName, malformed, wellFormed } from "./items";
import { collectQueueAttributes, regionQueues } from "./queues";
import { collectTopicAttributes, regionTopics } from "./topics";
import { collectStreamSummaries, regionStreams } from "./streams";
import { collectKmsKeys, regionKeyRefs, type KmsKeyReads } from "./kms-keys";
import { collectFileSystems, regionAccessPoints, type FileSystemReads } from "./file-systems";
import { readFunctionConfiguration } from "./function-configuration";
import { aliasRoutedVersions } from "@/lib/analysis/images-used";
import { collectImages, type ImageReads } from "./images";
import { readFunctionTags } from "./function-tags";
import { collectOrganizations } from "./organizations";
import { collectManagedPolicies, managedPoliciesMissing } from "./managed-policies";
import { collectRoleReads, executionRoles } from "./role-reads";
import { isAccessDenied } from "@/lib/analysis/images";
import type { ScanProgressView } from "@/lib/scan/progress";
import { isFailedCall } from "@/lib/scan/failed-calls";
import { REGION_NAME_SOURCE } from "@/lib/policy/partition-domains";

/**
 * Regions and functions done/total, HTTP attempts (retries included), failed calls, retried answers. Not `storing`:
 * the collector writes nothing; the dashboard's job says when it stores.
 */
export type ScanProgress = Required<Omit<ScanProgressView, "storing" | "rolesOneByOne">> & Pick<ScanProgressView, "rolesOneByOne">;

export interface ScanOptions {
  profile?: string;
  /** A credentials provider in place of the SDK's default chain (clients.ts ClientOptions.credentials). */
  credentials?: ClientOptions["credentials"];
  /** Region names, "all" (the account's enabled regions), or undefined for the configured region. */
  regions?: string[] | "all";
  concurrency?: number;
  maxAttempts?: number;
  /**
   * Per function, the resource policies of how many published versions to read besides those its aliases point
   * to (the newest first); Infinity for all. Accounts that publish a version on every deploy keep hundreds.
   */
  versionPolicies?: number;
  /** False skips the organization's SCPs and RCPs (scan --no-organizations): no Organizations call, no section. */
  organizations?: boolean;
  onProgress?: (progress: ScanProgress) => void;
  /** Minimum milliseconds between progress callbacks (the final one always comes). */
  progressIntervalMs?: number;
  now?: () => Date;
}

export interface ScanStats {
  /** HTTP attempts per operation, retries included. */
  callsByOperation: Record<string, number>;
  calls: number;
  retried: number;
  /** Every operation the scan sent. */
  operations: string[];
  durationMs: number;
}

export interface ScanResult {
  snapshot: Snapshot;
  stats: ScanStats;
}

/** A function's published versions as listed; `whole` false when a page failed (recorded) and these are the pages read. */
interface VersionListing {
  versions: FunctionConfiguration[];
  whole: boolean;
}

/** Versions per function whose policies are read besides those aliases route to (see ScanOptions.versionPolicies). */
export const DEFAULT_VERSION_POLICIES = 25;

const REGION_NAME = new RegExp(`^${REGION_NAME_SOURCE}$`);
/** Users and groups too: within the account an IAM user's own policies are enough to invoke (CI users, break-glass admins). */
const IAM_FILTER = ["Role", "User", "Group", "LocalManagedPolicy", "AWSManagedPolicy"] as const;

type Json = Record<string, unknown>;

/** The endpoint variables of the services the scan calls (docs/scan.md, Endpoints), the specific one before the general. */
const ENDPOINT_VARIABLES = ["LAMBDA", "IAM", "STS", "ORGANIZATIONS", "EC2", "SQS", "SNS", "KINESIS", "KMS", "EFS", "ECR"].map((s) => `AWS_ENDPOINT_URL_${s}`).concat("AWS_ENDPOINT_URL");

function endpointsIgnored(): boolean {
  return process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === "true";
}

/**
 * An endpoint variable's value as messages show it: the user:password@ of a proxy or gateway URL would otherwise
 * land in the terminal, CI logs and the dashboard. Textual, as a value that is not a URL is shown too.
 */
function shownEndpoint(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/*)?[^/?#@\s]*@/i, "$1<redacted>@");
}

/**
 * The SDK takes any string as an endpoint and fails each call with a bare "TypeError: Invalid URL" (after retries),
 * which names neither the variable nor the value the user set.
 */
function checkEndpointVariables(): void {
  if (endpointsIgnored()) return;
  for (const name of ENDPOINT_VARIABLES) {
    const value = process.env[name];
    if (value === undefined || value === "") continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) {
      throw new ScanSetupError(`${name} is "${shownEndpoint(value).slice(0, 80)}", which is not an endpoint URL (e.g. http://127.0.0.1:4566): correct or unset it, then scan again.`);
    }
  }
}

/** What to do when STS could not be reached: the endpoint variable that sent it there, if one did, else the network. */
function unreachableHint(e: unknown): string {
  const code = errorCode(e);
  if (!/^E[A-Z0-9_]+$/.test(code) && code !== "TimeoutError") return "";
  const name = endpointsIgnored() ? undefined : ["AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"].find((n) => process.env[n]);
  if (name) return `: nothing answered at ${name} (${shownEndpoint(process.env[name]!)}); start the endpoint or correct the variable (unset, the SDK calls AWS), then scan again.`;
  return ": AWS could not be reached; check the network connection, then scan again.";
}

/** What to do when AWS kept throttling (or failing) a call the scan cannot go without, until its attempts ran out. */
function retriedOutHint(e: unknown, otherwise = ""): string {
  const attempts = attemptsRetriedOut(e);
  return attempts ? `: AWS answered so to all ${attempts} attempts (throttled or unavailable); scan again in a few minutes${otherwise}.` : "";
}

interface RegionSnapshot {
  ListFunctions?: { Functions: FunctionConfiguration[] };
  ListEventSourceMappings?: { EventSourceMappings: EventSourceMappingConfiguration[] };
  ListAliases: Record<string, { Aliases: AliasConfiguration[] }>;
  /** `PoliciesNotRead`: versions whose policy the scan skipped (--version-policies), so analysis calls them unknown. */
  ListVersionsByFunction: Record<string, { Versions: FunctionConfiguration[]; PoliciesNotRead?: string[] }>;
  GetPolicy: Record<string, Json>;
  GetFunctionUrlConfig: Record<string, Json>;
  /** Filled from ListFunctionEventInvokeConfigs, keyed as snapshot.md has it (see invokeConfigs below). */
  GetFunctionEventInvokeConfig: Record<string, Json>;
  /** Function ARN → GetFunctionConfiguration answer (environment redacted), for the state AWS reports. */
  GetFunctionConfiguration: Record<string, Json>;
  /** Function ARN → ListTags answer (the function's tags, which aws:ResourceTag conditions read). */
  ListTags: Record<string, Json>;
  /** Queue ARN → SQS GetQueueAttributes response, for the queues the region's Lambda data names (queues.ts). */
  GetQueueAttributes?: Record<string, Json>;
  /** Topic ARN → SNS GetTopicAttributes response (its Policy), for the topics the region's functions send to (topics.ts). */
  GetTopicAttributes?: Record<string, Json>;
  /** Stream ARN → Kinesis DescribeStreamSummary response, for the streams the region's mappings read (streams.ts). */
  DescribeStreamSummary?: Record<string, Json>;
}

/** The region's Lambda, queue, stream and file system data, then the KMS keys they name (kms-keys.ts). */
type ScannedRegion = RegionSnapshot & Partial<KmsKeyReads> & Partial<FileSystemReads> & Partial<ImageReads>;

export function parseRegionList(value: string): string[] | "all" {
  const trimmed = value.trim();
  if (trimmed === "all") return "all";
  const list = [...new Set(trimmed.split(",").map((r) => r.trim()).filter(Boolean))];
  if (list.length === 0) throw new ScanSetupError('--regions needs region names separated by commas (e.g. "us-east-1,eu-west-1") or "all"');
  // "all" is a region list of its own: beside names it read as a misspelt region.
  if (list.includes("all")) throw new ScanSetupError('--regions all reads every region: give it alone, or region names without it');
  const bad = list.find((r) => !REGION_NAME.test(r));
  if (bad) throw new ScanSetupError(`"${bad.slice(0, 40)}" is not an AWS region name (e.g. us-east-1)`);
  return list;
}

/** `--version-policies` / LPG_SCAN_VERSION_POLICIES: a number of versions, or "all". */
export function parseVersionPolicies(value: string, label = "--version-policies"): number {
  const v = value.trim();
  if (v === "all") return Infinity;
  if (!/^\d{1,6}$/.test(v)) throw new ScanSetupError(`${label} needs a number of versions (e.g. 25) or "all"`);
  return Number(v);
}

/**
 * Where the SDK's default chain takes the scan's credentials from, for the sentences that advise what to do when they
 * fail (errors.ts refreshAdvice): a named profile; else keys in the environment (fromEnv, first); else the profile
 * "default", which fromIni reads when no profile is named.
 */
function credentialSource(options: Pick<ScanOptions, "profile" | "credentials">, profile: string | undefined, files: SharedFiles | undefined): CredentialSource {
  const source: CredentialSource = { profile: options.profile };
  if (options.credentials) return source;
  const environment = !profile && Boolean(process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY);
  if (environment) return { ...source, environment };
  const name = profile ?? "default";
  const kind = files ? profileCredentialKind(name, files) : undefined;
  if (!kind) return source;
  return { ...source, fromProfile: { profile: name, namedBy: !profile ? "default" : options.profile ? "--profile" : "AWS_PROFILE", kind } };
}

export async function scanAccount(options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const capturedAt = isoSeconds(new Date(Math.floor(now().getTime() / 1000) * 1000));
  const stats = newCallStats();
  const errors: SnapshotError[] = [];
  const progress: ScanProgress = { regionsTotal: 0, regionsDone: 0, functionsTotal: 0, functionsDone: 0, calls: 0, errors: 0, retried: 0, accountWideDone: false };
  let lastEmit = 0;
  const emit = (force = false) => {
    if (!options.onProgress) return;
    const t = performance.now();
    if (!force && t - lastEmit < (options.progressIntervalMs ?? 100)) return;
    lastEmit = t;
    progress.calls = Object.values(stats.attempts).reduce((a, b) => a + b, 0);
    progress.errors = failedCalls;
    progress.retried = stats.retriable;
    options.onProgress({ ...progress });
  };
  let failedCalls = 0;
  const record = (e: SnapshotError) => {
    errors.push(e);
    if (isFailedCall(e)) failedCalls++;
    emit();
  };
  // AWS_PROFILE too: the SDK reads it as it reads --profile, and falls through the same way.
  const profile = options.profile || process.env.AWS_PROFILE;
  // Before anything reads them, so this scan's clients see the files as they are now, not as a scan before found them.
  const files = await rereadSharedFiles();
  const noProfile = profile && files ? missingProfile(profile, files, options.profile ? "--profile" : "AWS_PROFILE") : null;
  if (noProfile) throw new AwsCredentialsError(noProfile);
  const credentials = credentialSource(options, profile, files);
  checkEndpointVariables();
  // Read once: it picks the partition IAM and STS sign for, and the region to scan when none is given.
  const configured = Array.isArray(options.regions) ? undefined : await configuredRegion(options.profile);
  // Checked as a --regions value is: the SDK takes any host label ("Mars"), and every call would go to no such host.
  if (configured !== undefined && !REGION_NAME.test(configured)) {
    throw new ScanSetupError(
      `The configured AWS region "${configured.slice(0, 40)}" (AWS_REGION or the profile's region) is not an AWS region name (e.g. us-east-1): ` +
        "correct it, or pass --regions us-east-1,eu-west-1 (or all).",
    );
  }
  // Before any call: with no region, STS is asked in us-east-1, where AWS China and GovCloud credentials are refused
  // as invalid, and that refusal was all such a user saw of a missing region.
  if (options.regions === undefined && configured === undefined) throw noRegionConfigured(options.profile);
  const clients = createScanClients({
    profile: options.profile,
    credentials: options.credentials,
    partitionRegion: Array.isArray(options.regions) ? options.regions[0] : configured,
    maxAttempts: options.maxAttempts,
    concurrency: options.concurrency,
    stats,
    onCall: () => emit(),
  });

  try {
    emit(true);
    let identity: { Account?: string; Arn?: string; UserId?: string };
    try {
      identity = plain(await clients.sts().send(new GetCallerIdentityCommand({})));
    } catch (e: unknown) {
      const problem = credentialProblem(e, credentials);
      // No region known (--regions all, none configured): STS was signed for the aws partition's us-east-1.
      const partitionUnknown = !Array.isArray(options.regions) && configured === undefined && credentialsRefusedHere(e);
      if (problem) throw new AwsCredentialsError(partitionUnknown ? `${problem} ${OTHER_PARTITION_HINT}` : problem);
      throw new ScanSetupError(`Could not identify the AWS account (GetCallerIdentity: ${errorCode(e)}: ${errorMessage(e)})${unreachableHint(e) || retriedOutHint(e)}`);
    }
    const account = identity.Account ?? "";
    const partition = identity.Arn?.split(":")[1] ?? "aws";
    if (!(SNAPSHOT_PARTITIONS as readonly string[]).includes(partition)) {
      // Refused now, not after every call of the scan: a snapshot of this partition would not be valid.
      throw new ScanSetupError(`The credentials are for partition ${partition} (${identity.Arn}); the snapshot format covers ${SNAPSHOT_PARTITIONS.join(", ")} only.`);
    }
    const regions = await resolveRegions(clients, options.regions, configured, partition, options.profile);
    progress.regionsTotal = regions.length;
    emit(true);

    const regionReads = Promise.all(
      regions.map(async (region) => {
        const data: ScannedRegion = await collectRegion((op) => clients.lambda(region, op), region, record, progress, emit, options.versionPolicies);
        let fileSystems: FileSystemReads;
        let images: ImageReads;
        [data.GetQueueAttributes, data.GetTopicAttributes, data.DescribeStreamSummary, fileSystems, images] = await Promise.all([
          collectQueueAttributes(clients.sqs, regionQueues(data), region, record),
          collectTopicAttributes(clients.sns, regionTopics(data), region, record),
          collectStreamSummaries(clients.kinesis, regionStreams(data), region, record),
          collectFileSystems(clients.efs, regionAccessPoints(data), region, record),
          collectImages(clients.lambda(region, "GetFunction"), clients.ecr, data, region, partition, record),
        ]);
        Object.assign(data, fileSystems, images);
        // After the queue and stream reads: the keys they name are read too.
        Object.assign(data, await collectKmsKeys(clients.kms, regionKeyRefs(data, region, partition, account), region, partition, account, record));
        progress.regionsDone++;
        emit(true);
        return [region, data] as const;
      }),
    );
    const accountWide = Promise.all([
      collectIam(clients, record, {
        roles: async () => executionRoles((await regionReads).map(([, data]) => data), account, partition),
        reading: (count) => {
          progress.rolesOneByOne = count;
          emit(true);
        },
      }),
      options.organizations === false ? undefined : collectOrganizations(clients.organizations(), account, record),
    ]).finally(() => {
      progress.accountWideDone = true;
      emit(true);
    });
    const [[iam, organizations], regionData] = await Promise.all([accountWide, regionReads]);
    if (stats.credentialsLost !== undefined) {
      // Nothing is returned, so nothing is stored: the last good snapshot stays the latest instead of one whose
      // every call after the expiry reads as unknown.
      const problem = credentialProblem(stats.credentialsLost, credentials, { tries: CREDENTIAL_REFRESH_TRIES }) ?? errorCode(stats.credentialsLost);
      const calls = Object.values(stats.attempts).reduce((a, b) => a + b, 0);
      throw new AwsCredentialsError(`The scan stopped after ${calls} calls: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`);
    }

    const snapshot = {
      format: SNAPSHOT_FORMAT,
      capturedAt,
      account,
      partition,
      sts: { GetCallerIdentity: { UserId: identity.UserId, Account: identity.Account, Arn: identity.Arn } },
      ...(iam ? { iam } : {}),
      // Written whenever asked, even empty (in no organization, or refused): absent means the scan did not ask.
      ...(organizations ? { organizations } : {}),
      regions: Object.fromEntries(regionData.map(([region, d]) => [region, finishRegion(d)])),
      errors: errors.sort(byErrorKey),
    };
    emit(true);
    return {
      snapshot: parseSnapshotValue(snapshot, "scan result"),
      stats: {
        callsByOperation: sortedKeys(stats.attempts),
        calls: Object.values(stats.attempts).reduce((a, b) => a + b, 0),
        retried: stats.retriable,
        operations: [...stats.operations].sort(),
        durationMs: performance.now() - started,
      },
    };
  } finally {
    clients.destroy();
  }
}

function byErrorKey(a: SnapshotError, b: SnapshotError): number {
  const ka = `${a.region ?? ""}|${a.operation}|${a.target ?? ""}`;
  const kb = `${b.region ?? ""}|${b.operation}|${b.target ?? ""}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function noRegionConfigured(profile: string | undefined): ScanSetupError {
  return new ScanSetupError(`No AWS region configured${profile ? ` for profile "${profile}"` : ""}: pass --regions us-east-1,eu-west-1 (or all), or set AWS_REGION.`);
}

const OTHER_PARTITION_HINT =
  "No AWS region is configured, so they were checked in us-east-1 (partition aws): for AWS China or AWS GovCloud credentials, set AWS_REGION (e.g. cn-north-1 or us-gov-west-1) or pass --regions with a region of theirs.";

async function resolveRegions(
  clients: ScanClients,
  wanted: ScanOptions["regions"],
  configured: string | undefined,
  partition: string,
  profile?: string,
): Promise<string[]> {
  if (Array.isArray(wanted)) {
    // Asked in the partition's home region: the first name given may be the mistyped one.
    await checkRegionsListed(clients.ec2(globalRegionOf(wanted[0])), wanted);
    return wanted;
  }
  if (wanted !== "all") {
    if (!configured) throw noRegionConfigured(profile);
    return [configured];
  }
  try {
    const out = await clients.ec2(configured ?? globalRegionOf(undefined, partition)).send(new DescribeRegionsCommand({}));
    const names = (out.Regions ?? [])
      .filter((r) => r.OptInStatus !== "not-opted-in")
      .map((r) => r.RegionName)
      .filter((r): r is string => typeof r === "string");
    if (names.length === 0) throw new ScanSetupError("DescribeRegions returned no enabled regions; pass --regions explicitly.");
    return names.sort();
  } catch (e: unknown) {
    if (e instanceof ScanSetupError) throw e;
    const what = `Could not list the account's regions for --regions all (DescribeRegions: ${errorCode(e)})`;
    // "Grant ec2:DescribeRegions" is advice for a refusal only, not for a call AWS throttled or answered garbled.
    const busy = retriedOutHint(e, ", or pass --regions explicitly");
    const denied = /^(UnauthorizedOperation|AccessDenied)/.test(errorCode(e));
    throw new ScanSetupError(`${what}${busy || (denied ? "; grant ec2:DescribeRegions or pass --regions explicitly." : "; pass --regions explicitly.")}`);
  }
}

/** The roles to read one by one should GetAccountAuthorizationDetails be refused, and how to say the scan does. */
interface RoleFallback {
  /** The functions' execution roles: known once every region's functions and versions are listed. */
  roles: () => Promise<string[]>;
  reading: (count: number) => void;
}

async function collectIam(clients: ScanClients, record: (e: SnapshotError) => void, fallback: RoleFallback) {
  const RoleDetailList: RoleDetail[] = [];
  const UserDetailList: UserDetail[] = [];
  const GroupDetailList: GroupDetail[] = [];
  const Policies: ManagedPolicyDetail[] = [];
  // A malformed item leaves its list incomplete. Recorded against the item's ARN or name when it has one, as the
  // snapshot reader records an entry it sets aside: the analysis then keeps every other role, user and policy known
  // (lib/analysis/snapshot-gaps.ts). Without one, its message names its kind, and the gap is its list's (role-reads.ts
  // unnamedListEntry).
  const bad = (list: string) => (e: unknown, item: unknown) => {
    const target = listEntryTarget(list, item);
    record({ operation: "GetAccountAuthorizationDetails", ...(target ? { target } : {}), code: errorCode(e), message: errorMessage(e) });
  };
  let truncated = false;
  try {
    const pages = allPages(paginateGetAccountAuthorizationDetails({ client: clients.iam(), pageSize: 1000 }, { Filter: [...IAM_FILTER] }));
    for await (const page of pages) {
      RoleDetailList.push(...wellFormed(plain(page.RoleDetailList ?? []), RoleDetailSchema, (r) => itemName("role", "RoleName", r.RoleName), bad("RoleDetailList")));
      UserDetailList.push(...wellFormed(plain(page.UserDetailList ?? []), UserDetailSchema, (u) => itemName("user", "UserName", u.UserName), bad("UserDetailList")));
      GroupDetailList.push(...wellFormed(plain(page.GroupDetailList ?? []), GroupDetailSchema, (g) => itemName("group", "GroupName", g.GroupName), bad("GroupDetailList")));
      Policies.push(...wellFormed(plain(page.Policies ?? []), ManagedPolicySchema, (p) => itemName("managed policy", "PolicyName", p.PolicyName), bad("Policies")));
    }
  } catch (e: unknown) {
    const refusal = { operation: "GetAccountAuthorizationDetails", code: errorCode(e), message: errorMessage(e) };
    record(refusal);
    if (RoleDetailList.length + UserDetailList.length + GroupDetailList.length + Policies.length === 0) {
      // A least-privilege scanning role often lacks the bulk call but may read a role at a time: the execution roles
      // are read so (role-reads.ts), beside the refusal, under an empty answer of the bulk call (none of it was
      // read: an older reader sees IAM unknown, as before). Throttling or an outage is no refusal to work around.
      if (!isAccessDenied(refusal)) return undefined;
      const roles = await fallback.roles();
      fallback.reading(roles.length);
      return { GetAccountAuthorizationDetails: {}, ...(await collectRoleReads(clients.iam(), roles, record)) };
    }
    truncated = true;
  }
  const gaad = { RoleDetailList, UserDetailList, GroupDetailList, Policies };
  // Always written, empty or not: an absent list means "not read" to the analysis (an older scan), never "none".
  // After a failed page the pages read are kept, marked truncated as a response with pages to come is: with the
  // error, the analysis reads IAM as partial (a role it lacks is unknown, never deleted), and still knows the roles it has.
  return {
    GetAccountAuthorizationDetails: { ...gaad, ...(truncated ? { IsTruncated: true } : {}) },
    ...(await collectManagedPolicies(clients.iam(), managedPoliciesMissing(gaad), record)),
  };
}

/**
 * One region's Lambda data as the scanner holds it, before the final parse: exported so tests can check that
 * environment values are already redacted here (the final parse redacts again, which would hide a miss).
 */
export async function collectRegion(
  lambda: (operation: string) => LambdaClient,
  region: string,
  record: (e: SnapshotError) => void,
  progress: ScanProgress,
  emit: (force?: boolean) => void,
  versionPolicies = DEFAULT_VERSION_POLICIES,
): Promise<RegionSnapshot> {
  const data: RegionSnapshot = {
    ListFunctions: { Functions: [] },
    ListEventSourceMappings: { EventSourceMappings: [] },
    ListAliases: {},
    ListVersionsByFunction: {},
    GetPolicy: {},
    GetFunctionUrlConfig: {},
    GetFunctionEventInvokeConfig: {},
    GetFunctionConfiguration: {},
    ListTags: {},
  };
  const fail = (operation: string, e: unknown, target?: string) =>
    record({ region, operation, ...(target ? { target } : {}), code: errorCode(e), message: errorMessage(e) });

  const mappings = (async () => {
    try {
      for await (const page of allPages(paginateListEventSourceMappings({ client: lambda("ListEventSourceMappings"), pageSize: 10_000 }, {}))) {
        const mappings = wellFormed(plain(page.EventSourceMappings ?? []), EventSourceMappingSchema, (m) => itemName("event source mapping", "UUID", m.UUID), (e, m) =>
          // Its function's mappings are unknown; with no function named, every function's of the region are.
          fail("ListEventSourceMappings", e, typeof m.FunctionArn === "string" ? m.FunctionArn : undefined),
        );
        data.ListEventSourceMappings?.EventSourceMappings.push(...mappings);
      }
    } catch (e: unknown) {
      fail("ListEventSourceMappings", e);
    }
  })();

  /** A resource policy (of the function, an alias or a version); ResourceNotFoundException means "none". */
  async function policy(fnArn: string, key: string, qualifier?: string) {
    try {
      const input = { FunctionName: fnArn, ...(qualifier ? { Qualifier: qualifier } : {}) };
      const response = plain(await lambda("GetPolicy").send(new GetPolicyCommand(input))) as unknown as Json;
      const bad = malformed(GetPolicySchema, response, "the policy");
      if (bad) fail("GetPolicy", bad, key);
      else data.GetPolicy[key] = response;
    } catch (e: unknown) {
      if (!isNotFound(e)) fail("GetPolicy", e, key);
    }
  }

  /**
   * Listed configurations stored under their snapshot keys (listedConfigKey). One naming no qualifier of `fnArn` is a
   * gap in the function's list, not filed under another function's key, where it would stand in for that one's.
   */
  function storeListed(operation: string, into: Record<string, Json>, fnArn: string, configs: readonly { FunctionArn?: string }[]) {
    for (const config of configs) {
      const key = listedConfigKey(fnArn, config.FunctionArn);
      if (key) into[key] = config as unknown as Json;
      else fail(operation, new MalformedResponse(`a configuration names ${config.FunctionArn ?? "no function"}`), fnArn);
    }
  }

  /**
   * The function's URL and its aliases' in one list call per function: lambda:ListFunctionUrlConfigs is in
   * SecurityAudit (lambda:List*), GetFunctionUrlConfig is not (lambda-permissions.md §4). Stored as
   * GetFunctionUrlConfig per (qualified) ARN, as snapshot.md has it.
   */
  async function urls(fnArn: string) {
    try {
      for await (const page of allPages(paginateListFunctionUrlConfigs({ client: lambda("ListFunctionUrlConfigs"), pageSize: 50 }, { FunctionName: fnArn }))) {
        const configs = wellFormed(plain(page.FunctionUrlConfigs ?? []), FunctionUrlConfigSchema, (c) => itemName("URL configuration", "FunctionArn", c.FunctionArn), (e) => fail("ListFunctionUrlConfigs", e, fnArn));
        storeListed("ListFunctionUrlConfigs", data.GetFunctionUrlConfig, fnArn, configs);
      }
    } catch (e: unknown) {
      if (!isNotFound(e)) fail("ListFunctionUrlConfigs", e, fnArn);
    }
  }

  /**
   * The async settings (destinations, retries) of the function, its aliases and every published version, in one
   * list call per 50 instead of a GetFunctionEventInvokeConfig per qualifier. Stored as GetFunctionEventInvokeConfig
   * per (qualified) ARN, as snapshot.md has it. A config naming no qualifier of this function is a gap (which
   * qualifier it belongs to decides which role is judged), not the function's own.
   */
  async function invokeConfigs(fnArn: string) {
    try {
      for await (const page of allPages(paginateListFunctionEventInvokeConfigs({ client: lambda("ListFunctionEventInvokeConfigs"), pageSize: 50 }, { FunctionName: fnArn }))) {
        const configs = wellFormed(plain(page.FunctionEventInvokeConfigs ?? []), EventInvokeConfigSchema, (c) => itemName("async configuration", "FunctionArn", c.FunctionArn), (e) => fail("ListFunctionEventInvokeConfigs", e, fnArn));
        storeListed("ListFunctionEventInvokeConfigs", data.GetFunctionEventInvokeConfig, fnArn, configs);
      }
    } catch (e: unknown) {
      if (!isNotFound(e)) fail("ListFunctionEventInvokeConfigs", e, fnArn);
    }
  }

  /**
   * One per-function answer stored under its operation (the function's state, its tags); a failure is recorded for
   * the function, whose answer is then unknown.
   */
  async function stored(operation: "GetFunctionConfiguration" | "ListTags", read: typeof readFunctionTags, fnArn: string) {
    try {
      const answer = await read(lambda(operation), fnArn);
      if (answer) data[operation][fnArn] = answer;
    } catch (e: unknown) {
      fail(operation, e, fnArn);
    }
  }

  /**
   * Published versions (not $LATEST, which is the function itself) and their own resource policies: every version
   * an alias routes to, and the newest others up to the limit (the rest are listed as not read).
   */
  async function listVersions(fnArn: string): Promise<VersionListing> {
    const pages = paginateListVersionsByFunction({ client: lambda("ListVersionsByFunction"), pageSize: 50 }, { FunctionName: fnArn });
    const listed = await pagedItems(pages, (page, read: readonly FunctionConfiguration[]) => {
      const kept: FunctionConfiguration[] = [];
      for (const raw of page.Versions ?? []) {
        if (!raw.Version || raw.Version === "$LATEST") continue;
        const v = plain(raw);
        redactFunctionEnvironment(v); // a version keeps the environment it was published with
        const issues = FunctionConfigurationSchema.safeParse(v).error?.issues;
        // A Role IAM could never give costs that field alone, recorded against the version, as reading the same
        // answer from a file does (setAsideVersionRoles): the version stays listed, only its role unknown.
        const fieldsSetAside = issues && setAsideVersionFields(region, fnArn, read.length + kept.length, v, issues);
        for (const { error } of fieldsSetAside ?? []) record(error);
        if (issues && !fieldsSetAside) fail("ListVersionsByFunction", malformed(FunctionConfigurationSchema, v, itemName("version", "Version", v.Version)), fnArn); // the list is then incomplete: its versions' roles unknown
        else kept.push(v);
      }
      return kept;
    });
    if (listed.error === undefined) return { versions: listed.items, whole: true };
    if (isNotFound(listed.error)) return { versions: [], whole: true }; // deleted since it was listed: no versions, as GetPolicy's not-found is no policy
    // The pages read are kept, as every list's are: those versions exist, and the error makes the rest unknown.
    fail("ListVersionsByFunction", listed.error, fnArn);
    return { versions: listed.items, whole: false };
  }

  /**
   * A list cut short may lack versions the aliases route to: those, which the aliases name, are read all the same
   * (every one of them when no page could be read).
   */
  async function readVersionPolicies(fnArn: string, { versions: list, whole }: VersionListing, aliases: AliasConfiguration[]) {
    const { read, skipped } = versionsToRead(list, aliases, versionPolicies);
    if (!whole) read.push(...[...aliasRoutedVersions(aliases)].filter((version) => !read.includes(version)));
    if (list.length > 0) data.ListVersionsByFunction[fnArn] = { Versions: list, ...(skipped.length ? { PoliciesNotRead: skipped } : {}) };
    // Recorded as errors too (snapshot.md: no GetPolicy entry and no error reads as "no policy"), for any reader.
    for (const version of skipped) {
      record({ region, operation: "GetPolicy", target: `${fnArn}:${version}`, code: NOT_READ, message: notReadMessage(versionPolicies) });
    }
    await Promise.all(read.map((version) => policy(fnArn, `${fnArn}:${version}`, version)));
  }

  async function perFunction(fnArn: string) {
    // Every list in the first wave, so a function without aliases or versions is done after one round trip: the
    // calls queue behind one limit per region, and a second wave for every function would hold all progress back.
    const own = Promise.all([
      policy(fnArn, fnArn),
      urls(fnArn),
      invokeConfigs(fnArn),
      stored("GetFunctionConfiguration", readFunctionConfiguration, fnArn),
      stored("ListTags", readFunctionTags, fnArn),
    ]);
    const versions = listVersions(fnArn);
    const pages = paginateListAliases({ client: lambda("ListAliases"), pageSize: 10_000 }, { FunctionName: fnArn });
    const { items: aliases, error } = await pagedItems(pages, (page) =>
      wellFormed(plain(page.Aliases ?? []), AliasSchema, (a) => itemName("alias", "Name", a.Name), (e) => fail("ListAliases", e, fnArn)),
    );
    // After any other failure the pages read are kept, as every list's are: those aliases exist, the error makes the rest unknown.
    const deleted = error !== undefined && isNotFound(error); // deleted since it was listed: no aliases
    if (error !== undefined && !deleted) fail("ListAliases", error, fnArn);
    if (aliases.length > 0 && !deleted) data.ListAliases[fnArn] = { Aliases: aliases };
    await Promise.all([
      own,
      versions.then((list) => readVersionPolicies(fnArn, list, aliases)),
      ...aliases.filter((a) => a.Name).map((a) => policy(fnArn, a.AliasArn ?? `${fnArn}:${a.Name}`, a.Name)),
    ]);
  }

  const work: Promise<void>[] = [];
  try {
    for await (const page of allPages(paginateListFunctions({ client: lambda("ListFunctions"), pageSize: 50 }, {}))) {
      for (const raw of page.Functions ?? []) {
        const fn = plain(raw);
        redactFunctionEnvironment(fn);
        const issues = FunctionConfigurationSchema.safeParse(fn).error?.issues;
        // A Role IAM could never give costs that field alone, recorded against the function, as reading the same
        // answer from a file does (lib/snapshot/salvage-lists.ts): the function is still listed and its invokers judged.
        const fieldsSetAside = issues && setAsideFields(["regions", region, "ListFunctions", "Functions"], data.ListFunctions?.Functions.length ?? 0, fn, issues, { region, operation: "ListFunctions" });
        for (const { error } of fieldsSetAside ?? []) record(error);
        if (issues && !fieldsSetAside) {
          // Recorded for the region, not the function: a function left out of the list is one no rule sees, as after a failed page.
          fail("ListFunctions", malformed(FunctionConfigurationSchema, fn, itemName("function", "FunctionName", fn.FunctionName)));
          continue;
        }
        data.ListFunctions?.Functions.push(fn);
        progress.functionsTotal++;
        const arn = fn.FunctionArn;
        if (!arn) continue;
        work.push(
          perFunction(arn).finally(() => {
            progress.functionsDone++;
            emit();
          }),
        );
      }
      emit();
    }
  } catch (e: unknown) {
    fail("ListFunctions", e);
  }
  await Promise.all([mappings, ...work]);
  return data;
}

/**
 * The snapshot key of a listed configuration (async settings, function URL): Lambda names the function's own async
 * config `…:$LATEST`, and $LATEST is the function itself, so the snapshot keys it by the function ARN; an alias's or
 * version's by its qualified ARN. Undefined when it names no qualifier of `fnArn`.
 */
export function listedConfigKey(fnArn: string, functionArn: string | undefined): string | undefined {
  if (functionArn === fnArn || functionArn === `${fnArn}:$LATEST`) return fnArn;
  return functionArn?.startsWith(`${fnArn}:`) ? functionArn : undefined;
}

/** Which versions' policies to read: those aliases route to (primary and weighted), then the newest, up to `limit` more. */
function notReadMessage(limit: number): string {
  return `not read: the scan reads the policies of the ${limit} newest published versions and of those aliases route to (scan --version-policies all reads every one)`;
}

export function versionsToRead(versions: FunctionConfiguration[], aliases: AliasConfiguration[], limit: number): { read: string[]; skipped: string[] } {
  const routed = aliasRoutedVersions(aliases);
  const numbers = versions.map((v) => v.Version as string).sort((a, b) => Number(b) - Number(a));
  const read: string[] = [];
  const skipped: string[] = [];
  let others = 0;
  for (const v of numbers) {
    if (routed.has(v)) read.push(v);
    else if (others++ < limit) read.push(v);
    else skipped.push(v);
  }
  return { read, skipped: skipped.reverse() };
}

function finishRegion(d: ScannedRegion) {
  return {
    ...(d.ListFunctions ? { ListFunctions: d.ListFunctions } : {}),
    ...(d.ListEventSourceMappings ? { ListEventSourceMappings: d.ListEventSourceMappings } : {}),
    ListAliases: sortedKeys(d.ListAliases),
    ListVersionsByFunction: sortedKeys(d.ListVersionsByFunction),
    GetPolicy: sortedKeys(d.GetPolicy),
    GetFunctionUrlConfig: sortedKeys(d.GetFunctionUrlConfig),
    GetFunctionEventInvokeConfig: sortedKeys(d.GetFunctionEventInvokeConfig),
    // Always written, as the other per-function maps: its absence tells the analysis the scan did not ask.
    GetFunctionConfiguration: sortedKeys(d.GetFunctionConfiguration),
    ListTags: sortedKeys(d.ListTags),
    ...resourceReads("GetQueueAttributes", d.GetQueueAttributes),
    ...resourceReads("GetTopicAttributes", d.GetTopicAttributes),
    ...resourceReads("DescribeStreamSummary", d.DescribeStreamSummary),
    ...resourceReads("DescribeKey", d.DescribeKey),
    ...resourceReads("GetKeyPolicy", d.GetKeyPolicy),
    ...resourceReads("ListGrants", d.ListGrants),
    ...resourceReads("DescribeAccessPoints", d.DescribeAccessPoints),
    ...resourceReads("DescribeFileSystemPolicy", d.DescribeFileSystemPolicy),
    ...resourceReads("GetFunction", d.GetFunction),
    ...resourceReads("GetRepositoryPolicy", d.GetRepositoryPolicy),
  };
}
