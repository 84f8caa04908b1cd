/**
 * Principal / NotPrincipal matching for resource and trust policies
 * (reference_policies_elements_principal.html, reference_policies_elements_notprincipal.html).
 */
import { accountOfArn, accountOfRootArn, lowerArnHead, otherCaseArnHead, partitionOfArn, splitArn } from "./arn";
import { endpointDomain, KNOWN_PARTITIONS, REGION_NAME_SOURCE } from "./partition-domains";
import type { PrincipalSet, RequestPrincipal, Tri, UndocumentedValue } from "./types";

/**
 * How a Principal element named the caller: `exact` = the role/user ARN itself, `account` = the caller's
 * account root (delegation: an identity Allow is still needed), `service` = service principal,
 * `wildcard` = `"*"` / `{"AWS":"*"}`, `not-principal` = matched by not being listed in NotPrincipal,
 * `session` = the caller's own role session ARN (like a user ARN, not limited by the caller's boundary).
 * `federated` / `canonical-user` = the caller's identity provider in `Federated`, its id in `CanonicalUser`.
 * `unknown-session` / `unknown-not-principal`: the element names a session of the caller's role and which session
 * makes the request is not known, so whether it covers the caller is unknown.
 */
export type PrincipalMatchKind =
  | "exact"
  | "account"
  | "service"
  | "wildcard"
  | "not-principal"
  | "session"
  | "federated"
  | "canonical-user"
  | "unknown-session"
  | "unknown-not-principal";

/**
 * The partitions whose service principals are spelled in their own endpoint domain (`logs.c2s.ic.gov` in aws-iso), as
 * China's are in `amazonaws.com.cn`: every partition whose domain is not the commercial one. Keyed by that domain.
 */
const OWN_DOMAIN_PARTITIONS: ReadonlyMap<string, string> = new Map(
  KNOWN_PARTITIONS.flatMap((p) => {
    const domain = endpointDomain(p)!;
    return domain === "amazonaws.com" ? [] : [[domain, p] as [string, string]];
  }),
);

const SERVICE_DOMAINS = ["amazonaws.com", ...OWN_DOMAIN_PARTITIONS.keys()].map((d) => d.replace(/[.-]/g, "\\$&")).join("|");
const REGIONAL_SERVICE = new RegExp(`^([a-z0-9.-]+?)\\.(${REGION_NAME_SOURCE})\\.(${SERVICE_DOMAINS})$`);
const serviceCache = new Map<string, string>();

/**
 * `logs.us-east-1.amazonaws.com` → `logs.amazonaws.com`; lower-cased. So a grant to either spelling lets in a
 * caller of the other, and a grant to one region's spelling a caller of another's.
 *
 * A regional spelling of a region other than the caller's is folded too, but only to find the statement: whether it
 * names that caller is not known (otherRegionService).
 *
 * Why, for want of better (checked 2026-12-05): AWS documents the rule only for opt-in regions (IAM's Principal page,
 * "AWS service principals in opt-in Regions": the global name within the region, the regional one across regions,
 * which optInOwnRegion and optInCrossRegion follow); for default regions it documents none. What is known is that
 * both are used for the same trigger: CloudWatch Logs subscription filters to Lambda are granted to
 * `logs.amazonaws.com` and, in older configurations, to `logs.<region>.amazonaws.com` (lambda-permissions.md §3.2,
 * push-trigger table: "normalise both principal spellings"; vendors' templates still write the regional one, e.g.
 * Elastic's and DataDog's forwarders); AWS CDK's ServicePrincipal
 * (docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_iam.ServicePrincipalOpts.html) says the regional name "is
 * only necessary for cross-region references to opt-in regions … In all other cases, the global service principal
 * name is sufficient". Telling them apart would call working subscriptions broken; the cost of folding is that a
 * grant naming another region's spelling (which that region's service, not this one's, may be the only one to use)
 * would be read as letting the service in, which otherRegionService makes conditional instead. A `*` grant's deputy
 * (confused-deputy's deputyOf) is asked with the global spelling, which this makes the same question.
 */
export function normaliseServicePrincipal(name: string): string {
  let n = serviceCache.get(name);
  if (n === undefined) {
    if (serviceCache.size > 10_000) serviceCache.clear();
    const lower = name.trim().toLowerCase();
    n = lower.replace(REGIONAL_SERVICE, "$1.$3");
    serviceCache.set(name, n);
  }
  return n;
}

/** The region a service principal's spelling names (`logs.us-east-1.amazonaws.com` → us-east-1), if any. */
function serviceRegion(name: string): string | undefined {
  return REGIONAL_SERVICE.exec(name.trim().toLowerCase())?.[2];
}

/** The domain `partition` spells its services in, when it is its own (OWN_DOMAIN_PARTITIONS). */
const OWN_DOMAIN_OF: ReadonlyMap<string, string> = new Map([...OWN_DOMAIN_PARTITIONS].map(([d, p]) => [p, d]));

/** The partition whose own domain a (normalised) service name is spelled in: aws-cn for `s3.amazonaws.com.cn`. */
function spelledPartition(name: string): string | undefined {
  for (const [domain, partition] of OWN_DOMAIN_PARTITIONS) if (name.endsWith(`.${domain}`)) return partition;
  return undefined;
}

/** A (normalised) service name in the global form: `s3.amazonaws.com.cn` → `s3.amazonaws.com`. */
function globalName(name: string): string {
  const partition = spelledPartition(name);
  return partition === undefined ? name : `${name.slice(0, -OWN_DOMAIN_OF.get(partition)!.length)}amazonaws.com`;
}

/**
 * The name a service is matched by on `resource`: normaliseServicePrincipal's, and in a partition with a domain of its
 * own (OWN_DOMAIN_PARTITIONS) the global form of its own spelling. In China both spellings are written for the same
 * trigger: the China edition of Lambda's guide
 * (docs.amazonaws.cn/lambda/latest/dg/access-control-resource-based.html) grants S3 and SNS as `s3.amazonaws.com.cn`
 * and `sns.amazonaws.com.cn`, while AWS CDK writes the global name in every partition (feature flag
 * @aws-cdk/aws-iam:standardizedServicePrincipals: "all service principals names have been standardized to their
 * global form (SERVICE.amazonaws.com)"). The ISO and European Sovereign Cloud partitions have no public guide
 * (checked 2026-12-06); tools spell some services there in the partition's domain (Terraform's aws_service_principal,
 * from CDK's region-info: `logs.c2s.ic.gov` in aws-iso, `dms.sc2s.sgov.gov` in aws-iso-b) and the rest globally, so
 * an entry in that domain is found as the service but names it only conditionally (undocumentedSpelling). Elsewhere a
 * name in a partition's own domain stays its own: it spells that partition's service, and partitions are separate
 * clouds.
 */
export function serviceNameOn(name: string, resource: string | undefined): string {
  return serviceNameIn(name, resource === undefined ? undefined : partitionOfArn(resource));
}

function serviceNameIn(name: string, partition: string | undefined): string {
  const n = normaliseServicePrincipal(name);
  const own = partition === undefined ? undefined : OWN_DOMAIN_OF.get(partition);
  return own !== undefined && n.endsWith(`.${own}`) ? globalName(n) : n;
}

/**
 * The caller a Service entry stands for in `partition` (the resource's): the entry itself, except a name in another
 * partition's domain (a `.cn` name outside aws-cn), which spells that partition's service. "IAM roles and
 * resource-based policies delegate access across accounts only within a single partition" (IAM user guide,
 * access_policies-cross-account-resource-access.html), so that service never calls here: it is asked as the same
 * service of this partition, which the entry does not name (serviceNameOn), as awsPrincipal asks another partition's
 * ARN.
 */
export function serviceCallerIn(name: string, partition: string): RequestPrincipal {
  return { type: "service", id: isOtherPartitionService(name, partition) ? globalName(normaliseServicePrincipal(name)) : name };
}

/** The partition a Service entry spells another partition's service of than `partition` (serviceCallerIn), if any. */
export function otherServicePartition(name: string, partition: string): string | undefined {
  const spelled = spelledPartition(normaliseServicePrincipal(name));
  return spelled === partition ? undefined : spelled;
}

/** Whether a Service entry spells another partition's service than `partition`'s (serviceCallerIn). */
export function isOtherPartitionService(name: string, partition: string): boolean {
  return otherServicePartition(name, partition) !== undefined;
}

/** The own domain of `partition` when AWS documents no service principal spelled in it (all but China's). */
function undocumentedDomain(partition: string | undefined): string | undefined {
  return partition === undefined || partition === "aws-cn" ? undefined : OWN_DOMAIN_OF.get(partition);
}

/**
 * Whether matching `entry` to the service caller `id` on a resource of `partition` rests on a spelling AWS does not
 * document: one of the two is in the partition's own domain and the other is not, in a partition other than China
 * (whose guide writes the `.cn` names, serviceNameOn).
 */
function undocumentedSpelling(entry: string, id: string, partition: string | undefined): boolean {
  const own = undocumentedDomain(partition);
  if (own === undefined) return false;
  const suffix = `.${own}`;
  return normaliseServicePrincipal(entry).endsWith(suffix) !== normaliseServicePrincipal(id).endsWith(suffix);
}

/**
 * What kms:ViaService holds when `service` (sqs, kinesis) asks KMS, on a caller's behalf, for a key in `region` of
 * `partition`. Commercial and GovCloud: `<service>.<region>.amazonaws.com`, as KMS's condition keys page writes it
 * (conditions-kms.html, kms:ViaService) and AWS managed keys' policies test it; GovCloud's endpoints share that domain
 * (endpointDomain) and its KMS page (govcloud-us/latest/UserGuide/govcloud-kms.html) lists no difference. Elsewhere
 * no AWS page found (checked 2026-12-06: China's KMS guide at docs.amazonaws.cn, the ISO and European Sovereign
 * Cloud partitions, which AWS does not document publicly) gives the value: the partition's own endpoint domain
 * (`….amazonaws.com.cn`, as China's service principals are spelled, serviceNameOn; `….c2s.ic.gov` in aws-iso) or the
 * commercial spelling are both plausible, so the request carries one of them, undocumented which, and a key policy
 * clause telling them apart stays undecided (conditions/evaluate.ts). A partition whose domain is not known leaves
 * only the commercial spelling to ask.
 */
export function viaServiceValue(service: string, region: string, partition: string): string | UndocumentedValue {
  const commercial = `${service}.${region}.amazonaws.com`;
  if (partition === "aws" || partition === "aws-us-gov") return commercial;
  const own = `${service}.${region}.${endpointDomain(partition) ?? "amazonaws.com"}`;
  if (own === commercial) return commercial;
  return { values: [own, commercial], why: `AWS documents no value of kms:ViaService in ${partition} (${service} in ${region})` };
}

/**
 * What a service principal says before `.amazonaws.com` or a partition's own domain (`s3.amazonaws.com.cn` → `s3`,
 * `logs.c2s.ic.gov` → `logs`, `logs.us-east-1.amazonaws.com` → `logs.us-east-1`), for labels and the service filter;
 * undefined for anything else.
 */
export function serviceStem(name: string): string | undefined {
  return SERVICE_HOST.exec(name)?.[1];
}

const SERVICE_HOST = new RegExp(`^([a-z0-9.-]+?)\\.(?:${SERVICE_DOMAINS})$`, "i");

/** An index key (principalKeys, callerKeys) under which every spelling serviceNameOn may match is found. */
function serviceKey(name: string): string {
  return `service|${globalName(normaliseServicePrincipal(name))}`;
}

/**
 * The commercial partition's default Regions: "Regions launched before March 20, 2019 are enabled by default … Default
 * Regions cannot be enabled or disabled"; every Region launched later is opt-in (accounts/latest/reference/
 * manage-acct-regions.html). A closed list, so a Region AWS adds later is opt-in without a change here. The page is
 * about the commercial partition: China's and GovCloud's Regions (isOptInRegion) are none of its opt-in ones.
 */
const DEFAULT_REGIONS: ReadonlySet<string> = new Set([
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
  "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
]);

function isOptInRegion(region: string): boolean {
  return !DEFAULT_REGIONS.has(region) && !region.startsWith("us-gov-") && !region.startsWith("cn-");
}

/**
 * The opt-in region a service's cross-region call comes from, when `p` is spelled with one and `resource` is in
 * another region. IAM's Principal page ("AWS service principals in opt-in Regions",
 * reference_policies_elements_principal.html): such a call's principal "is identified as the regionalized version"
 * of the name, a grant to the global name "will fail", and policies "will only be successful if you specify the
 * regionalized service principal name". So only that exact spelling names it, and the folding above does not apply.
 * China and GovCloud spellings (amazonaws.com.cn, cn-*, us-gov-*) are other partitions, where the page says nothing;
 * so are the ISO and European Sovereign Cloud partitions, whose regions are none of DEFAULT_REGIONS yet no opt-in
 * ones: a resource there is asked as in a default region, as optInOwnRegion asks it.
 */
function optInCrossRegion(p: RequestPrincipal, resource: string | undefined): string | undefined {
  if (resource === undefined) return undefined;
  const m = REGIONAL_SERVICE.exec(p.id.trim().toLowerCase());
  if (!m || m[3] !== "amazonaws.com" || !isOptInRegion(m[2]!)) return undefined;
  const parts = splitArn(resource);
  const target = parts?.[3];
  return parts?.[1] === "aws" && target && target !== m[2] ? m[2] : undefined;
}

/**
 * The opt-in region `resource` is in, when `p` is a service calling it from within (spelled with that region or with
 * none; a service calling with the global name is the resource's region's). The same page: "When an AWS service in
 * an opt-in Region makes a request within the same Region, the service principal name format is identified as the
 * non-regionalized version of their service principal name" (`{service-name}.amazonaws.com`); the regionalized name
 * is what it is identified as only across regions. Yet lambda-permissions.md §3.2 has CloudWatch Logs subscriptions
 * granted to `logs.<region>.amazonaws.com` in older configurations, working ones, with "normalise both principal
 * spellings". Reading such a grant as letting no caller in would call a working trigger dead, and reading it as a
 * match would ignore the page: an entry spelled with that region is doubtful, so the statement holds only
 * conditionally (doubtfulServiceSpellings).
 */
function optInOwnRegion(p: RequestPrincipal, resource: string | undefined): string | undefined {
  if (resource === undefined || p.type !== "service") return undefined;
  const parts = splitArn(resource);
  const region = parts?.[3];
  if (!region || parts[1] !== "aws" || !isOptInRegion(region)) return undefined;
  const spelled = serviceRegion(p.id);
  return spelled === undefined || spelled === region ? region : undefined;
}

/**
 * The entries of `set.service` that name the service caller `p` on `resource`, in any spelling (serviceNameOn). Not
 * for a cross-region call from an opt-in region, which only its own exact spelling names (optInCrossRegion).
 */
export function serviceEntriesNaming(set: PrincipalSet, p: RequestPrincipal, resource: string | undefined): string[] {
  const name = serviceNameOn(p.id, resource);
  return set.service.filter((s) => serviceNameOn(s, resource) === name);
}

/**
 * Whether a set names a service caller only through spellings of another region than the caller's: the caller's own
 * regional spelling, else the region of the resource it calls (a service calling with the global name is that
 * region's; CDK's ServicePrincipal: the regional name "is only necessary for cross-region references to opt-in
 * regions"). `logs.us-east-1.amazonaws.com` on a function in eu-west-1 names the CloudWatch Logs of us-east-1, and a
 * log group's subscription calls a function of its own region; a service carries several names
 * (aws:PrincipalServiceNamesList is multivalued) and AWS does not list them, so whether eu-west-1's service answers to
 * the us-east-1 name is unknown, not a match: the statement holds only conditionally. False when the regions are not
 * known (a resource that is no ARN), so the folded reading stands.
 */
export function otherRegionService(set: PrincipalSet, p: RequestPrincipal, resource: string): boolean {
  return doubtfulServiceSpellings(set, p, resource).length > 0;
}

/** Whether a service entry is spelled with the region `resource` is in. */
export function isOwnRegionSpelling(entry: string, resource: string): boolean {
  const region = serviceRegion(entry);
  return region !== undefined && region === splitArn(resource)?.[3];
}

/**
 * The spellings through which alone a set names a service caller, when each is doubtful: another region's
 * (otherRegionService), the caller's own opt-in region's (optInOwnRegion), or one that differs from the caller's in
 * whether it is spelled in the partition's own domain where AWS documents neither (undocumentedSpelling). Empty when
 * one entry names the caller for certain, or none names it.
 */
export function doubtfulServiceSpellings(set: PrincipalSet, p: RequestPrincipal, resource: string): string[] {
  if (p.type !== "service" || set.wildcard || optInCrossRegion(p, resource) !== undefined) return [];
  const parts = splitArn(resource);
  const region = serviceRegion(p.id) ?? (parts?.[3] || undefined);
  const partition = parts?.[1];
  if (!region && !undocumentedDomain(partition)) return [];
  const ownOptIn = optInOwnRegion(p, resource);
  const doubtful: string[] = [];
  for (const s of serviceEntriesNaming(set, p, resource)) {
    if (!undocumentedSpelling(s, p.id, partition)) {
      const named = serviceRegion(s);
      if (!region || named === undefined || (named === region && named !== ownOptIn)) return [];
    }
    doubtful.push(s);
  }
  return doubtful;
}

/** The spellings of doubtfulServiceSpellings that are doubtful for their domain (undocumentedSpelling), not their region. */
export function undocumentedDomainSpellings(spellings: readonly string[], p: RequestPrincipal, resource: string): string[] {
  const partition = partitionOfArn(resource);
  return spellings.filter((s) => undocumentedSpelling(s, p.id, partition));
}

function accountOf(p: RequestPrincipal): string | undefined {
  return p.account ?? accountOfRootArn(p.id) ?? accountOfArn(p.id);
}

/**
 * An IAM unique id (AROA… for a role, AIDA… for a user, …): IAM shows one in a policy in place of a principal that
 * was deleted (reference_policies_elements_principal.html, "unique ID"). A re-created principal of the same name
 * gets a new id, so the entry matches no caller.
 */
export function isUniqueId(entry: string): boolean {
  return UNIQUE_ID.test(entry);
}

const UNIQUE_ID = /^A(?:ROA|IDA|GPA|IPA|NPA|NVA|SCA|KIA|SIA)[A-Z0-9]{12,}$/;

/** A role session's ARN: partition, account, role name (without its path), session name. */
export const SESSION_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;

/**
 * Whether an entry is a session ARN of the calling role (`arn:aws:sts::A:assumed-role/<name>/<session>`, the role
 * name without its path): "session" when it is the caller's own session, "unknown" when the caller's session name
 * is not known, undefined otherwise.
 */
function sessionMatch(entry: string, p: RequestPrincipal, account: string | undefined): "session" | "unknown" | undefined {
  // A wildcard names no principal (hasInnerWildcard), so `assumed-role/<name>/*` is no session of the role either.
  if (p.type !== "role" || !entry.startsWith("arn:") || !entry.includes(":assumed-role/") || hasInnerWildcard(entry)) return undefined;
  const m = SESSION_ARN.exec(entry);
  if (!m || m[2] !== account || m[3] !== roleName(p.id) || m[1] !== partitionOfArn(p.id)) return undefined;
  if (p.session === undefined) return "unknown";
  return m[4] === p.session ? "session" : undefined;
}

type PositiveKind = Exclude<PrincipalMatchKind, "not-principal" | "unknown-not-principal">;

/**
 * How `set` names `p`, or undefined when it does not. NotPrincipal is handled by the caller. `resource`, the ARN
 * asked about, tells a service's cross-region call from an opt-in region (optInCrossRegion).
 */
export function principalMatchKind(set: PrincipalSet, p: RequestPrincipal, resource?: string): PositiveKind | undefined {
  if (set.wildcard) return "wildcard";
  if (p.type === "anonymous") return undefined;
  if (p.type === "service") {
    if (set.service.length === 0) return undefined;
    if (optInCrossRegion(p, resource) !== undefined) {
      const own = p.id.trim().toLowerCase();
      return set.service.some((s) => s.trim().toLowerCase() === own) ? "service" : undefined;
    }
    return serviceEntriesNaming(set, p, resource).length > 0 ? "service" : undefined;
  }
  // Only their own element names these: a provider ARN's account root is not the provider's sessions.
  if (p.type === "federated") return set.federated.includes(p.id) ? "federated" : undefined;
  if (p.type === "canonical-user") return set.canonicalUser.includes(p.id) ? "canonical-user" : undefined;
  return set.aws.length < LONG_AWS_LIST ? awsKind(set.aws, p) : indexedAwsKind(set.aws, p);
}

type AwsKind = "exact" | "session" | "account" | "unknown-session";

function awsKind(list: readonly string[], p: RequestPrincipal): AwsKind | undefined {
  const account = accountOf(p);
  // A root names the caller's account only in the caller's partition (any, for a caller whose id is no ARN).
  const partition = partitionOfArn(p.id);
  let kind: "account" | "unknown-session" | undefined;
  for (const written of list) {
    const entry = lowerArnHead(written);
    if (entry === p.id && !isUniqueId(entry) && !hasInnerWildcard(entry)) return "exact";
    const session = sessionMatch(entry, p, account);
    if (session === "session") return "session";
    if (account !== undefined && accountOfRootArn(entry, partition) === account) kind = "account";
    else if (session === "unknown" && kind === undefined) kind = "unknown-session";
  }
  return kind;
}

/**
 * From this many entries an AWS principal list is indexed: a statement naming hundreds of accounts is asked about
 * once per account it names, and reading the list whole each time made its analysis grow with the square.
 */
const LONG_AWS_LIST = 16;

interface AwsIndex {
  /** Position of the first entry that can name a caller exactly. */
  exact: Map<string, number>;
  /** Session ARNs (only they can match as a session), with their positions. */
  sessions: [string, number][];
  /** Accounts whose root is listed, as `partition|account`, and as the account alone (a caller of no partition). */
  roots: Set<string>;
}

const awsIndexes = new WeakMap<readonly string[], AwsIndex>();

function awsIndexOf(list: readonly string[]): AwsIndex {
  let index = awsIndexes.get(list);
  if (index) return index;
  index = { exact: new Map(), sessions: [], roots: new Set() };
  for (const [i, written] of list.entries()) {
    const entry = lowerArnHead(written);
    if (!isUniqueId(entry) && !hasInnerWildcard(entry) && !index.exact.has(entry)) index.exact.set(entry, i);
    if (entry.startsWith("arn:") && entry.includes(":assumed-role/")) index.sessions.push([entry, i]);
    const root = accountOfRootArn(entry);
    if (root !== undefined) index.roots.add(root).add(`${partitionOfArn(entry)}|${root}`);
  }
  awsIndexes.set(list, index);
  return index;
}

/** awsKind without reading the whole list: the same answer (the first exact or session entry wins, in list order). */
function indexedAwsKind(list: readonly string[], p: RequestPrincipal): AwsKind | undefined {
  const index = awsIndexOf(list);
  const account = accountOf(p);
  const exactAt = index.exact.get(p.id);
  let unknownSession = false;
  for (const [entry, i] of index.sessions) {
    if (exactAt !== undefined && exactAt < i) break;
    const session = sessionMatch(entry, p, account);
    if (session === "session") return "session";
    if (session === "unknown") unknownSession = true;
  }
  if (exactAt !== undefined) return "exact";
  const partition = partitionOfArn(p.id);
  if (account !== undefined && index.roots.has(partition === undefined ? account : `${partition}|${account}`)) return "account";
  return unknownSession ? "unknown-session" : undefined;
}

/**
 * IAM does not expand a wildcard inside a principal ARN (reference_policies_elements_principal.html: "you cannot use a
 * wildcard to match part of a principal name or ARN"): `arn:aws:iam::*:role/deployer` names no one. Only the
 * invoker lists and rules, asking a grant for its own entry as the caller, could meet the entry as an id.
 */
function hasInnerWildcard(entry: string): boolean {
  return entry !== "*" && (entry.includes("*") || entry.includes("?"));
}

/**
 * Keys for indexing statements by the callers their Principal element can name: principalMatchKind names a caller
 * only if the set has one of callerKeys(caller) (an exact ARN, a root or session of the caller's account, its
 * service, provider or canonical id). "any" for `*`, which names every caller. Roots and sessions are keyed by
 * account alone, whatever their partition: a key only lets a statement be asked, the matcher still decides.
 */
export function principalKeys(set: PrincipalSet): string[] | "any" {
  if (set.wildcard) return "any";
  const keys: string[] = [];
  for (const s of set.service) keys.push(serviceKey(s));
  for (const f of set.federated) keys.push(`federated|${f}`);
  for (const c of set.canonicalUser) keys.push(`canonical|${c}`);
  for (const written of set.aws) {
    const entry = lowerArnHead(written);
    keys.push(`id|${entry}`);
    const account = accountOfRootArn(entry) ?? SESSION_ARN.exec(entry)?.[2];
    if (account !== undefined) keys.push(`account|${account}`);
  }
  return keys;
}

/** The keys of principalKeys under which a set can name this caller. */
export function callerKeys(p: RequestPrincipal): string[] {
  switch (p.type) {
    case "anonymous":
      return [];
    case "service":
      return [serviceKey(p.id)];
    case "federated":
      return [`federated|${p.id}`];
    case "canonical-user":
      return [`canonical|${p.id}`];
    default: {
      const account = accountOf(p);
      return account === undefined ? [`id|${p.id}`] : [`id|${p.id}`, `account|${account}`];
    }
  }
}

const otherCaseLists = new WeakMap<readonly string[], boolean>();

/** Whether some entry's head is in other case: asked for every statement a decision weighs, so read once a list. */
function hasOtherCaseEntry(list: readonly string[]): boolean {
  if (list.length === 0) return false;
  let has = otherCaseLists.get(list);
  if (has === undefined) otherCaseLists.set(list, (has = list.some(otherCaseArnHead)));
  return has;
}

/**
 * Whether the set names the caller only through entries whose head is in other case (`ARN:…`, `arn:AWS:…`;
 * principalMatchKind reads them lower-case): AWS writes only lower case, IAM Access Analyzer reports the others as
 * errors, and no page says whether IAM matches such an entry lower-cased, as nothing, or refuses the policy (arn.ts).
 */
export function namesOnlyByOtherCase(set: PrincipalSet, p: RequestPrincipal, resource?: string): boolean {
  if (!hasOtherCaseEntry(set.aws)) return false;
  return principalMatchKind({ ...set, aws: set.aws.filter((e) => !otherCaseArnHead(e)) }, p, resource) === undefined;
}

/** Whether a Principal element covers the caller (or may). */
export function principalMatches(set: PrincipalSet, p: RequestPrincipal): boolean {
  return principalMatchKind(set, p) !== undefined;
}

function roleName(roleArn: string): string | undefined {
  const i = roleArn.indexOf(":role/");
  return i < 0 ? undefined : roleArn.slice(roleArn.lastIndexOf("/") + 1);
}

/**
 * NotPrincipal: "true" for every caller the set does not exclude. IAM may check each of the caller's identities in
 * turn: the account, then the user or role, then the role's session, which is the principal a role's request is made
 * as (reference_policies_elements_notprincipal.html). So a user is excluded when the set names the user and its
 * account root; a role's session only when it names the account, the role and that session's own assumed-role ARN:
 * AWS's example lists all three and says every other principal, other sessions of the role included, "are explicitly
 * denied". A session of the caller's role listed without the role itself "might" not exclude it, as the docs put it:
 * "unknown"; so is a listed session when the caller's session is not known. "unknown" too where entries spelled in
 * other case (`ARN:…`, `arn:AWS:…`) decide it: read as written and lower-cased, the set excludes the caller in one
 * reading and not the other (notPrincipalReadings).
 */
export function notPrincipalMatches(set: PrincipalSet, p: RequestPrincipal, resource?: string): Tri {
  const [written, lowered] = notPrincipalReadings(set, p, resource);
  return written === lowered ? written : "unknown";
}

/**
 * NotPrincipal read as written and with its entries' heads lower-cased (`ARN:…`, `arn:AWS:…`, arn.ts): the same
 * unless an entry in other case is what lists the caller, when no page says which reading IAM takes.
 */
export function notPrincipalReadings(set: PrincipalSet, p: RequestPrincipal, resource?: string): readonly [Tri, Tri] {
  const written = notPrincipalReading(set, p, resource);
  return [written, hasOtherCaseEntry(set.aws) ? notPrincipalReading(loweredSet(set), p, resource) : written];
}

const loweredSets = new WeakMap<PrincipalSet, PrincipalSet>();

function loweredSet(set: PrincipalSet): PrincipalSet {
  let lowered = loweredSets.get(set);
  if (lowered === undefined) loweredSets.set(set, (lowered = { ...set, aws: set.aws.map(lowerArnHead) }));
  return lowered;
}

function notPrincipalReading(set: PrincipalSet, p: RequestPrincipal, resource?: string): Tri {
  if (set.wildcard) return "false";
  if (p.type === "anonymous") return "true";
  if (p.type === "service" || p.type === "federated" || p.type === "canonical-user") {
    return principalMatchKind(set, p, resource) === undefined ? "true" : "false";
  }
  const account = accountOf(p);
  const partition = partitionOfArn(p.id);
  const accountListed = account !== undefined && set.aws.some((e) => accountOfRootArn(e, partition) === account);
  if (p.type === "account") return !accountListed && !set.aws.includes(p.id) ? "true" : "false";
  if (!accountListed) return "true";
  const listed = set.aws.includes(p.id);
  if (p.type !== "role") return listed ? "false" : "true";
  let unknown = false;
  for (const e of set.aws) {
    const session = sessionMatch(e, p, account);
    if (session === "session") return listed ? "false" : "unknown";
    if (session === "unknown") unknown = true;
  }
  return unknown ? "unknown" : "true";
}
