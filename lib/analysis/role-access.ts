/**
 * "Can this execution role do A on R?" — the one question every rule, the reach list and the `can` command ask.
 * It gathers the policies that apply (identity, boundary, the target's resource policy when the snapshot has
 * it), builds what is known of the request context, and hands both to lib/policy/evaluate.ts.
 */
import { evaluate, evaluateDecision } from "@/lib/policy/evaluate";
import { SERVICE_SOURCE_KEYS } from "@/lib/policy/intended-context";
import { neverInRequestsOf } from "@/lib/catalog/condition-keys";
import { resourceMatches } from "@/lib/policy/wildcard";
import type { Decision, EvaluationRequest, EvaluationResult, PolicyDocument, PolicySet, RequestContext, UndocumentedValue } from "@/lib/policy/types";
import type { AccountModel, FunctionModel } from "./account-model";
import { documentName, NO_ORGANIZATION, organizationKeys, type PrincipalModel, type RoleModel } from "./role-model";
import { allowsAction } from "@/lib/findings/role-probes";
import { accountOfArn, parseArn, unqualifiedFunctionArn } from "./arn";
import { qualifierReferrers, unlistedAlias, unlistedVersion } from "./runs-as";
import { resourceTagValues, withResourceTagsAbsent } from "./resource-tags";
import { guardrailsLimit, guardrailsOver, isServiceLinkedRoleArn } from "./organization";
import type { SnapshotError } from "@/lib/snapshot/schema";
import { REPOSITORY_GONE } from "./images";
import { TOPIC_GONE } from "./topic-policies";
import type { ResourcePolicy } from "./resource-reads";

export interface AccessQuery {
  action: string;
  resource: string;
  /** Extra context keys (any case) given by the caller, e.g. from `can --context`. */
  context?: Record<string, string | string[]>;
  /** Keys (lower-cased) the request carries with a value AWS does not document (RequestContext.undocumented). */
  undocumented?: Readonly<Record<string, UndocumentedValue>>;
  /** Keys not given are absent rather than unknown (AWS policy simulator reading). */
  contextComplete?: boolean;
  /**
   * Lambda itself makes the request with the role, outside the function's execution environment: an event-source
   * poller, the VPC network interfaces, dead-letter and destination deliveries. Such requests carry no
   * lambda:SourceFunctionArn (Lambda sets it only on the code's requests and its log, trace and EFS calls:
   * permissions-source-function-arn.html), and their session is not named after the function (§1).
   */
  byLambda?: boolean;
  /**
   * The account's own policies' answer, the organization's SCPs and RCPs left out: what rules judging how broad a
   * grant is ask (role-probes.ts). A grant an SCP cuts today is still the role's, and common SCPs (no leaving the
   * organization, no stopping CloudTrail) would otherwise hide every admin role.
   */
  ownPoliciesOnly?: boolean;
  /**
   * The name of the role session asking, where a policy names one (`assumed-role/<role>/<session>`): a grant to the
   * session is the role's, not limited by its boundary. Otherwise the function's session, or unknown (above).
   */
  session?: string;
}

/**
 * What is known about a request made with the function's credentials. The session name of the function's code
 * is the function name (lambda-permissions.md §1); tags come from the role. Asked for a role without a function,
 * the session (aws:userid, the region, the source function) is unknown, not made up. Lambda's own requests
 * (`byLambda`) have a session of their own, whose name is unknown, and no source function.
 */
export function executionRoleContext(role: PrincipalModel, fn?: FunctionModel, byLambda = false): Record<string, string | string[]> {
  if (role.kind === "user") return userContext(role);
  const ctx: Record<string, string | string[]> = {
    "aws:principalarn": role.arn,
    "aws:principalaccount": role.account,
    "aws:principaltype": "AssumedRole",
    "aws:principalisawsservice": "false",
    ...organizationKeys(role),
  };
  if (role.id && fn && !byLambda) ctx["aws:userid"] = `${role.id}:${fn.name}`;
  if (fn || !sessionTagsPossible(role)) for (const [k, v] of Object.entries(role.tags)) ctx[`aws:principaltag/${k.toLowerCase()}`] = v;
  if (fn) {
    ctx["aws:requestedregion"] = fn.region;
    if (!byLambda) ctx["lambda:sourcefunctionarn"] = fn.arn;
  }
  return ctx;
}

/**
 * What is known about a request made with an IAM user's long-term keys or console session: who it is (its name, its
 * unique id, its tags, which GetAccountAuthorizationDetails gives in full). Where it calls from (aws:SourceIp, MFA)
 * is unknown.
 */
function userContext(user: PrincipalModel): Record<string, string | string[]> {
  const ctx: Record<string, string | string[]> = {
    "aws:principalarn": user.arn,
    "aws:principalaccount": user.account,
    "aws:principaltype": "User",
    "aws:principalisawsservice": "false",
    "aws:username": user.name,
    ...organizationKeys(user),
  };
  if (user.id) ctx["aws:userid"] = user.id;
  for (const [k, v] of Object.entries(user.tags)) ctx[`aws:principaltag/${k.toLowerCase()}`] = v;
  return ctx;
}

/**
 * The ListFunctions errors that leave a region's list incomplete: a failed or truncated page, a function left out. One
 * recorded against a function still listed (its execution role ARN set aside, lib/snapshot/salvage-lists.ts) is a gap
 * of that function alone.
 */
export function functionListGaps(model: AccountModel): SnapshotError[] {
  return [...model.errors, ...model.incomplete].filter((e) => e.operation === "ListFunctions" && !(e.target && model.functionsByArn.has(e.target)));
}

/** Regions whose functions the snapshot lists in full (computed once per model: asked for every Lambda target). */
const listedByModel = new WeakMap<AccountModel, Set<string>>();

export function listedRegions(model: AccountModel): Set<string> {
  let listed = listedByModel.get(model);
  if (!listed) {
    const gaps = new Set(functionListGaps(model).map((e) => e.region));
    listed = new Set(model.regions.filter((r) => !gaps.has(r)));
    listedByModel.set(model, listed);
  }
  return listed;
}

interface TargetPolicy {
  policy?: PolicyDocument;
  /** Why the target's resource policy is unknown, when it is: the answer then cannot rest on its absence. */
  unread?: string;
  /** How that policy could change the answer, when not the usual (a Deny could refuse it, an Allow grant it). */
  unreadWhy?: string;
  /** The unknown policy is a KMS key policy. */
  keyPolicy?: boolean;
  /** `policy` is a KMS key policy, read: KMS's rule decides (PolicySet.keyPolicy). */
  readKeyPolicy?: boolean;
  /** The key's grants, when it has any. */
  grants?: PolicyDocument;
  /** How answers name the unread document, when not "the key policy" or "the target's resource policy". */
  unreadLabel?: string;
  /** The unread document could only grant, never refuse (a key's grants): it matters only to an answer short of allowed. */
  unreadOnlyAllows?: boolean;
  /** The key's state when KMS refuses every cryptographic operation with it, whatever the policies say, and why. */
  unusable?: { state: string; why: string };
  /** Why the target has no policy although it names an alias or version: it did not exist when the lists were read. */
  missing?: string;
  /** The target is a role of the snapshot and the action one of its trust policy's (`policy`, when read). */
  trust?: boolean;
}

const NO_TARGET_POLICY: TargetPolicy = Object.freeze({});

const KEY_POLICY_WHY = ": KMS grants a request only when the key policy allows it, itself or by delegating to IAM policies";

/**
 * A KMS key's policy must allow every request on the key, directly or by delegating to the account's IAM policies
 * (lambda-permissions.md §5.2): an identity Allow alone is never enough, and the key policy can also let a role in
 * that its identity policies do not. Where the scan read it (kms-keys.ts) KMS's rule decides with it and the
 * key's grants; where it did not (an older snapshot, a key left out, a failed read) every answer depends on it.
 */
function keyPolicy(model: AccountModel, resource: string): TargetPolicy | undefined {
  if (!resource.includes(":kms:")) return undefined;
  const arn = parseArn(resource);
  if (arn?.service !== "kms") return undefined;
  const key = model.kms.read ? model.kms.keys.get(resource) : undefined;
  if (!key) return { unread: `the key policy of ${resource}, which the snapshot does not hold`, unreadWhy: KEY_POLICY_WHY, keyPolicy: true };
  const state = key.unusableState;
  const unusable = state ? { state, why: `the key's state is ${state} (DescribeKey): KMS refuses every cryptographic operation with it, whatever its policies say` } : undefined;
  const common = { ...(unusable ? { unusable } : {}) };
  if (key.policy) {
    return { policy: key.policy, readKeyPolicy: true, grants: key.grants, ...common, ...(key.grantsUnread ? { unread: key.grantsUnread, unreadOnlyAllows: true, unreadLabel: key.grantsUnreadLabel ?? "the key's grants" } : {}) };
  }
  // The key policy unknown: a grant to the role still lets it in (unless that policy denies), as a resource policy naming it would.
  return { policy: key.grants, unread: key.policyUnread, unreadWhy: KEY_POLICY_WHY, keyPolicy: true, ...common };
}

/** Operations a key in an unusable state refuses (DisabledException, KMSInvalidStateException); DescribeKey and the like still work. */
const CRYPTOGRAPHIC = /^kms:(decrypt|encrypt|generatedatakey|reencrypt|sign|verify|generatemac|verifymac|derivesharedsecret)/i;

/**
 * Whether a policy of the resource itself (a Lambda function's, a KMS key's, an SQS queue's, an ECR repository's, an
 * SNS topic's) may take part in a
 * question about it, so actions one identity statement allows alike may still be answered apart there. Shortcuts that
 * share answers between actions (reach lists) must not share them on such a resource. A queue takes part only where
 * the model holds its policy, read or unread (queuePolicy below): most queues a role names have none there, and
 * asking each of them action by action would slow reach lists for nothing.
 */
export function mayHaveOwnPolicy(resource: string, model?: AccountModel): boolean {
  if (resource.includes(":lambda:") || resource.includes(":kms:")) return true;
  if (resource.includes(":elasticfilesystem:")) return model === undefined || model.fileSystems.policies.has(resource);
  if (resource.includes(":ecr:")) return model === undefined || model.images.policies.has(resource) || model.images.policyReads.errors.has(resource);
  if (resource.includes(":sns:")) return model === undefined || model.topics.policies.has(resource) || model.topics.reads.errors.has(resource);
  return resource.includes(":sqs:") && (model === undefined || model.queuePolicies.has(resource));
}

/**
 * An SQS queue's policy as GetQueueAttributes gave it (queue-policies.ts): an ordinary resource policy, which the
 * evaluator weighs with the identity policies (either may allow within the account, both must across accounts, a
 * Deny in either refuses). A queue whose read failed, or whose policy is malformed, has an unread policy. A queue read
 * without one, or never read (the scan reads only the queues functions use), has none: the answer stays the
 * identity policies' own, as before the scan read queue policies.
 */
function queuePolicy(model: AccountModel, resource: string): TargetPolicy | undefined {
  if (!resource.includes(":sqs:")) return undefined;
  const queue = model.queuePolicies.get(resource);
  if (!queue) return undefined;
  return queue.policy ? { policy: queue.policy } : { unread: queue.unread, unreadLabel: "the queue policy" };
}

/**
 * An EFS file system's policy as DescribeFileSystemPolicy gave it (file-systems.ts): weighed like a queue policy, with
 * the identity policies (either may allow within the account, a Deny in either refuses). A malformed one, or one whose
 * read failed, is unread. A file system without one, or never read, has none here: whether EFS asks IAM at all then
 * is the rule's question (efs-permission-missing judges only file systems with a policy).
 */
function fileSystemPolicy(model: AccountModel, resource: string): TargetPolicy | undefined {
  if (!resource.includes(":elasticfilesystem:")) return undefined;
  const fs = model.fileSystems.policies.get(resource);
  if (!fs) return undefined;
  if (fs.policy) return { policy: fs.policy };
  const failed = model.fileSystems.policyReads.errors.get(resource);
  const why = failed ? ` (DescribeFileSystemPolicy failed: ${failed.code ?? "error"})` : ", which is malformed";
  return { unread: `the file system policy of ${resource}${why}`, unreadLabel: "the file system policy" };
}

/**
 * An ECR repository's policy as GetRepositoryPolicy gave it (images.ts), read for the repositories functions' images
 * are in. ECR's RepositoryNotFoundException says the repository did not exist.
 */
function repositoryPolicy(model: AccountModel, resource: string): TargetPolicy | undefined {
  if (!resource.includes(":ecr:")) return undefined;
  const { policies, policyReads } = model.images;
  return perResourcePolicy(resource, { policies, errors: policyReads.errors, operation: "GetRepositoryPolicy", gone: REPOSITORY_GONE, label: "repository policy" });
}

/**
 * An SNS topic's policy as GetTopicAttributes gave it (topic-policies.ts), read for the topics functions send to.
 * SNS's NotFound says the topic did not exist.
 */
function topicPolicy(model: AccountModel, resource: string): TargetPolicy | undefined {
  if (!resource.includes(":sns:")) return undefined;
  const { policies, reads } = model.topics;
  return perResourcePolicy(resource, { policies, errors: reads.errors, operation: "GetTopicAttributes", gone: TOPIC_GONE, label: "topic policy" });
}

/** One service's policies read resource by resource (resource-reads.ts), with the error code that says "no such resource". */
interface PerResourceReads {
  policies: ReadonlyMap<string, ResourcePolicy>;
  errors: ReadonlyMap<string, SnapshotError>;
  operation: string;
  gone: string;
  label: string;
}

/**
 * A policy read per resource, weighed like a queue policy with the identity policies (either may allow within the
 * account, both must across accounts, a Deny in either refuses). One whose read failed, or that is malformed, is
 * unread; a resource read without one has none, as does one never read (resource-side.ts says that answer is the
 * identity side only). A resource the service said did not exist fails every request on it.
 */
function perResourcePolicy(resource: string, reads: PerResourceReads): TargetPolicy | undefined {
  const { policies, errors, operation, gone, label } = reads;
  const parsed = policies.get(resource);
  if (parsed?.policy) return { policy: parsed.policy };
  if (parsed?.unread !== undefined) return { unread: `the ${label} of ${resource}, which is malformed`, unreadLabel: `the ${label}` };
  const failed = errors.get(resource);
  if (failed?.code === gone) {
    return { missing: `${resource} did not exist when the snapshot was taken (${operation}: ${gone}): a request on it fails, and one created since may have a ${label} the snapshot does not hold` };
  }
  if (failed) return { unread: `the ${label} of ${resource} (${operation} failed: ${failed.code ?? "error"})`, unreadLabel: `the ${label}` };
  return undefined;
}

/**
 * The STS calls a role's trust policy answers as the role's resource policy (id_roles_terms-and-concepts.html): it
 * must allow them, naming the caller or its account (whose identity policies must then allow them too). Only
 * sts:AssumeRole is asked of roles as resources; web identity and SAML sessions are not execution roles.
 */
const TRUST_ACTIONS = /^sts:(assumerole|tagsession|setsourceidentity)$/i;

const TRUST_WHY = ": a role is assumed only when its trust policy allows it";

/** A role of the snapshot asked about as the target of an STS call: its trust policy, read or not. */
function trustPolicy(model: AccountModel, resource: string, action: string): TargetPolicy | undefined {
  if (!resource.includes(":iam::") || !TRUST_ACTIONS.test(action)) return undefined;
  const role = model.roles.get(resource);
  if (!role) return undefined;
  return role.trust ? { policy: role.trust, trust: true } : { unread: `the trust policy of ${resource}`, unreadWhy: TRUST_WHY, trust: true };
}

/**
 * The resource policy of a target we hold in the snapshot (Lambda functions per qualifier, KMS keys, SQS queues, ECR
 * repositories, SNS topics, roles as the target of sts:AssumeRole), or know we lack.
 */
function targetResourcePolicy(model: AccountModel, resource: string, action = ""): TargetPolicy {
  // Most questions are about other services' resources: skip the parse for them (hot path).
  if (!resource.includes(":lambda:")) {
    return keyPolicy(model, resource) ?? queuePolicy(model, resource) ?? fileSystemPolicy(model, resource) ?? repositoryPolicy(model, resource) ?? topicPolicy(model, resource) ?? trustPolicy(model, resource, action) ?? NO_TARGET_POLICY;
  }
  const arn = parseArn(resource);
  if (!arn || arn.service !== "lambda" || !arn.resource.startsWith("function:")) return NO_TARGET_POLICY;
  const unqualified = unqualifiedFunctionArn(resource);
  const fn = model.functionsByArn.get(unqualified);
  if (!fn) {
    // Another account's function is foreignAccount's case; in this account, absent means absent only where the
    // region's functions were listed.
    if (arn.account !== model.account || !arn.region || !/^[\w-]+$/.test(arn.region)) return NO_TARGET_POLICY;
    return listedRegions(model).has(arn.region) ? NO_TARGET_POLICY : { unread: `the functions of ${arn.region}, which the snapshot does not hold` };
  }
  const policy = fn.policies.find((p) => p.qualifiedArn === resource)?.policy;
  if (policy) return { policy };
  const qualifier = resource === unqualified ? undefined : resource.slice(unqualified.length + 1);
  // A sub-resource of a version (a durable execution: `fn:$LATEST/durable-execution/…`) is under that version's policy.
  const sub = qualifier?.indexOf("/") ?? -1;
  if (qualifier !== undefined && sub > 0) return targetResourcePolicy(model, `${unqualified}:${qualifier.slice(0, sub)}`);
  if (qualifier === "$LATEST") {
    if (fn.unknownOps.has("GetPolicy") || fn.unknownOps.has("GetResourcePolicy")) return { unread: `the resource policy of ${unqualified}` };
    // $LATEST has no policy of its own: calls to it are checked against the function's (lambda-permissions.md §3.5).
    const own = fn.policies.find((p) => p.qualifiedArn === unqualified)?.policy;
    return own ? { policy: coveringLatest(own, unqualified) } : NO_TARGET_POLICY;
  }
  if (fn.unknownOps.has("GetPolicy") || fn.unknownOps.has("GetResourcePolicy") || (qualifier !== undefined && fn.unreadPolicies.has(resource))) {
    return { unread: `the resource policy of ${resource}` };
  }
  return qualifier === undefined ? NO_TARGET_POLICY : qualifierPolicy(fn, resource, qualifier);
}

/**
 * The policy of an alias or version the snapshot holds none for. GetPolicy is per qualifier, and the scan reads it
 * for the qualifiers it lists: "none" only for a listed one. The policy is unknown when the list could not be read,
 * or lacks a version or alias the snapshot refers to (an alias routes to it, a mapping is on it: it exists, its
 * policy was never asked for).
 * A qualifier a list read in full lacks and nothing refers to did not exist then; Lambda answers a call to it with
 * ResourceNotFoundException. Its policy counts as none, as for a function missing from a listed region, and the
 * answer says so: unknown would hide a misspelt alias, and the principal side refuses that qualifier outright.
 */
function qualifierPolicy(fn: FunctionModel, resource: string, qualifier: string): TargetPolicy {
  const unread = (why = "") => ({ unread: `the resource policy of ${resource}${why}` });
  const missing = (why: string, made: string) => ({
    missing: `${resource} did not exist when the snapshot was taken (${why}): a call to it fails with ResourceNotFoundException, and one ${made} since may have a resource policy the snapshot does not hold`,
  });
  const unlisted = unlistedVersion(fn, qualifier) ?? unlistedAlias(fn, qualifier);
  if (!unlisted) return NO_TARGET_POLICY;
  if (!unlisted.absent) return unread();
  const referrers = qualifierReferrers(fn, qualifier);
  const [kind, call, made] = unlisted.list === "versions" ? ["version", "ListVersionsByFunction's", "published"] : ["alias", "ListAliases'", "created"];
  return referrers.length > 0
    ? unread(`, since ${kind} ${qualifier} (${referrers.join(", ")}) is not in ${call} result`)
    : missing(`${call} result has no ${kind} ${qualifier}, and nothing in the snapshot refers to it`, made);
}

const latestReadings = new WeakMap<PolicyDocument, PolicyDocument>();

/**
 * The function's policy as Lambda applies it to `$LATEST` calls, which it checks as calls to the function: a
 * Resource or NotResource entry that names the function names `fn:$LATEST` too. Statements keep their index
 * and text, so evidence points at the document as written.
 */
function coveringLatest(policy: PolicyDocument, fnArn: string): PolicyDocument {
  let reading = latestReadings.get(policy);
  if (!reading) {
    const latest = `${fnArn}:$LATEST`;
    const widen = (list: string[] | undefined) => (list?.some((e) => resourceMatches(e, fnArn)) ? [...list, latest] : list);
    reading = { ...policy, statements: policy.statements.map((st) => ({ ...st, resource: widen(st.resource), notResource: widen(st.notResource) })) };
    latestReadings.set(policy, reading);
  }
  return reading;
}

function lowerKeys(values: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) out[k.toLowerCase()] = v;
  return out;
}

/**
 * Base context values per role and function. Findings and reaches ask tens of questions per role; building
 * this object once per pair, not per question, keeps the evaluation allocation-light. Evaluation never
 * mutates context values.
 */
const baseContexts = new WeakMap<PrincipalModel, Map<string, Record<string, string | string[]>>>();

/** The last pair asked about (rules ask several questions of one function in a row); holds one role and function only. */
let last: { role: PrincipalModel; fn: FunctionModel | undefined; byLambda: boolean; values: Record<string, string | string[]> } | undefined;

function baseContext(role: PrincipalModel, fn: FunctionModel | undefined, byLambda: boolean): Record<string, string | string[]> {
  if (last !== undefined && last.role === role && last.fn === fn && last.byLambda === byLambda) return last.values;
  const values = cachedContext(role, fn, byLambda);
  last = { role, fn, byLambda, values };
  return values;
}

function cachedContext(role: PrincipalModel, fn: FunctionModel | undefined, byLambda: boolean): Record<string, string | string[]> {
  let perFn = baseContexts.get(role);
  if (!perFn) {
    perFn = new Map();
    baseContexts.set(role, perFn);
  }
  // "#" cannot occur in a function ARN.
  const key = `${fn?.arn ?? ""}${byLambda ? "#lambda" : ""}`;
  let values = perFn.get(key);
  if (!values) {
    values = executionRoleContext(role, fn, byLambda);
    perFn.set(key, values);
  }
  return values;
}

/**
 * The request context of a role session, its values built on first read. Only conditions and policy variables
 * read them, and most questions meet statements with neither: building the values of every role and function
 * pair asked about cost more than evaluating their questions.
 */
class RoleSessionContext implements RequestContext {
  readonly knownAbsent: RequestContext["knownAbsent"];
  #values: Record<string, string | string[]> | undefined;
  constructor(
    private readonly role: PrincipalModel,
    private readonly fn: FunctionModel | undefined,
    private readonly resource: string,
    private readonly action: string,
    readonly complete: boolean,
    private readonly byLambda: boolean,
    private readonly tags: Readonly<Record<string, string>> | undefined,
  ) {
    this.knownAbsent = withOwnResourceOrganizationAbsent(role, resource, tags ? withResourceTagsAbsent(knownAbsentOf(role, fn, byLambda)) : knownAbsentOf(role, fn, byLambda));
  }
  get values(): Record<string, string | string[]> {
    return (this.#values ??= withTags(withTargetKeys(baseContext(this.role, this.fn, this.byLambda), this.resource, this.fn, this.action), this.tags));
  }
}

/** The target function's aws:ResourceTag/<key> values added (resource-tags.ts), when the request carries them. */
function withTags(values: Record<string, string | string[]>, tags: Readonly<Record<string, string>> | undefined): Record<string, string | string[]> {
  return tags ? { ...values, ...tags } : values;
}

/**
 * The region a request about this resource is sent to: the ARN's own region; for `*` (List calls) the function's,
 * where its SDK clients point by default; unknown for ARNs without one (S3, IAM) or with a wildcard in it.
 */
function requestedRegion(resource: string, fn: FunctionModel | undefined): string | undefined {
  if (resource === "*") return fn?.region;
  const region = parseArn(resource)?.region;
  if (region === undefined) return fn?.region;
  return region !== "" && !region.includes("*") && !region.includes("?") ? region : undefined;
}

/**
 * The account that owns the resource (aws:ResourceAccount, which data-perimeter policies test): the ARN's account
 * segment; unknown for ARNs without one (S3 buckets, whose owner the ARN does not say) and for `*`.
 */
function resourceAccountOf(resource: string): string | undefined {
  const account = parseArn(resource)?.account;
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * The session's keys plus those of the resource asked about: its region and its account; on a KMS key, the caller's
 * account as kms:CallerAccount (which AWS managed keys' policies test). A resource of the caller's own account is in
 * the caller's organization: aws:ResourceOrgID and aws:ResourceOrgPaths are then the caller's PrincipalOrgID and
 * PrincipalOrgPaths, which the resource-perimeter SCP tests ("aws:ResourceOrgID": "${aws:PrincipalOrgID}"); another
 * account's organization is not in the snapshot, so there they stay unknown. `action`: the actions whose requests
 * carry none of these owner keys (EventBridge's, EBS's) leave them absent.
 */
function withTargetKeys(base: Record<string, string | string[]>, resource: string, fn: FunctionModel | undefined, action: string): Record<string, string | string[]> {
  const region = requestedRegion(resource, fn);
  const owner = resourceAccountOf(resource);
  // EventBridge's and EBS's requests carry none of the owner's keys (neverInRequestsOf): absent, not the ARN's account.
  const account = neverInRequestsOf(action, "aws:resourceaccount") ? undefined : owner;
  const kms = resource.includes(":kms:");
  const sns = isSnsAction(action);
  if (base["aws:requestedregion"] === region && base["aws:resourceaccount"] === account && owner === account && !kms && !sns) return base;
  const out = { ...base };
  if (kms) out["kms:calleraccount"] = base["aws:principalaccount"] as string;
  if (sns && base["aws:principalaccount"] !== undefined) out["aws:sourceowner"] = base["aws:principalaccount"];
  if (region === undefined) delete out["aws:requestedregion"];
  else out["aws:requestedregion"] = region;
  if (account === undefined) delete out["aws:resourceaccount"];
  else out["aws:resourceaccount"] = account;
  const orgId = owner !== undefined && owner === base["aws:principalaccount"] ? base["aws:principalorgid"] : undefined;
  if (orgId !== undefined) {
    if (!neverInRequestsOf(action, "aws:resourceorgid")) out["aws:resourceorgid"] = orgId;
    const paths = base["aws:principalorgpaths"];
    if (paths !== undefined && !neverInRequestsOf(action, "aws:resourceorgpaths")) out["aws:resourceorgpaths"] = paths;
  }
  return out;
}

/**
 * SNS requests, unlike other services', carry aws:SourceOwner when an IAM role or user calls: the topic policy SNS
 * writes for every new topic lets `"AWS": "*"` in on `StringEquals AWS:SourceOwner <the topic's account>`, "to allow
 * only the topic owner to publish and subscribe to the topic" (SNS developer guide, "Example cases for Amazon SNS
 * access control", aws:SourceAccount versus aws:SourceOwner). So the caller's own account is its value: the topic's
 * account's roles get in through that statement, another account's do not. aws:SourceAccount stays absent, as IAM
 * documents for every direct call (ROLE_SESSION_KNOWN_ABSENT).
 */
function isSnsAction(action: string): boolean {
  return action.length > 4 && action.charCodeAt(3) === 58 /* ":" */ && action.slice(0, 3).toLowerCase() === "sns";
}

function hasKeys(o: Record<string, unknown> | undefined): o is Record<string, unknown> {
  if (!o) return false;
  for (const _ in o) return true;
  return false;
}

/**
 * Keys a role session's request never lacks by accident: aws:username is only in requests of IAM users
 * (reference_policies_condition-keys.html), and aws:PrincipalTag/* holds exactly the role's tags, which the
 * snapshot has in full (GetAccountAuthorizationDetails), unless its assumers may pass session tags (below). A
 * session calls with its own credentials, so it sends none of the source keys a service principal sends for a
 * resource (SERVICE_SOURCE_KEYS): an identity grant scoped by aws:SourceArn to "its" function never applies (the
 * key for that is lambda:SourceFunctionArn), and a Deny "unless aws:SourceAccount is ours" refuses every request.
 */
export const ROLE_SESSION_KNOWN_ABSENT = Object.freeze({
  keys: Object.freeze(["aws:username", ...SERVICE_SOURCE_KEYS]),
  prefixes: Object.freeze(["aws:principaltag/"]),
});

/** A session whose tags may be the assumer's: only aws:username and the source keys are surely absent. */
const TAGGED_SESSION_KNOWN_ABSENT = Object.freeze({ keys: ROLE_SESSION_KNOWN_ABSENT.keys });

const mayBeTagged = new WeakMap<PrincipalModel, boolean>();

/**
 * Whether a session of the role, asked about without a function, may carry tags other than the role's own: its
 * assumers pass session tags (and role chains pass transitive ones) when the trust policy allows sts:TagSession, as
 * IAM Identity Center and most SAML and OIDC roles do, and those override the role's tags of the same key
 * (id_session-tags.html). An unreadable trust policy may allow it. A function's own session carries none: Lambda
 * passes no session tags.
 */
export function sessionTagsPossible(role: PrincipalModel): boolean {
  if (role.kind !== "role") return false;
  let answer = mayBeTagged.get(role);
  if (answer === undefined) {
    const { trust, trustUnreadable } = role as RoleModel;
    answer = !trust || trustUnreadable !== undefined || allowsAction(trust, "sts:TagSession");
    mayBeTagged.set(role, answer);
  }
  return answer;
}

/** What a role session without a function surely lacks (for session-variables.ts, which resolves Resource variables). */
export function roleSessionKnownAbsent(role: PrincipalModel): RequestContext["knownAbsent"] {
  return withOrganizationAbsent(role, sessionKnownAbsent(role));
}

function sessionKnownAbsent(role: PrincipalModel): KnownAbsent {
  if (role.kind === "user") return USER_KNOWN_ABSENT;
  if (isServiceLinked(role)) return SERVICE_LINKED_KNOWN_ABSENT;
  return sessionTagsPossible(role) ? TAGGED_SESSION_KNOWN_ABSENT : ROLE_SESSION_KNOWN_ABSENT;
}

type KnownAbsent = NonNullable<RequestContext["knownAbsent"]>;

const ORGANIZATION_KEYS = Object.freeze(["aws:principalorgid", "aws:principalorgpaths"]);
const organizationAbsent = new WeakMap<KnownAbsent, KnownAbsent>();
/** "included in the request context only if the account that owns the resource is a member of an organization". */
const RESOURCE_ORGANIZATION_KEYS = Object.freeze(["aws:resourceorgid", "aws:resourceorgpaths"]);
const resourceOrganizationAbsent = new WeakMap<KnownAbsent, KnownAbsent>();
const NOTHING_ABSENT: KnownAbsent = Object.freeze({});

/** `base` plus the organization keys when the principal's account is in no organization; one object per base. */
function withOrganizationAbsent(principal: PrincipalModel, base: KnownAbsent): KnownAbsent {
  return principal.organization === NO_ORGANIZATION ? withKeysAbsent(base, ORGANIZATION_KEYS, organizationAbsent) : base;
}

/**
 * `base` plus aws:ResourceOrgID/Paths when the resource is of the principal's own account and that account is in no
 * organization (global keys page, Availability of both). Another account's organization is not in the snapshot.
 */
function withOwnResourceOrganizationAbsent(principal: PrincipalModel, resource: string, base: RequestContext["knownAbsent"]): RequestContext["knownAbsent"] {
  if (principal.organization !== NO_ORGANIZATION || resourceAccountOf(resource) !== principal.account) return base;
  return withKeysAbsent(base ?? NOTHING_ABSENT, RESOURCE_ORGANIZATION_KEYS, resourceOrganizationAbsent);
}

/** `base` with `keys` added, one object per base (`cache`), so contexts share it. */
function withKeysAbsent(base: KnownAbsent, keys: readonly string[], cache: WeakMap<KnownAbsent, KnownAbsent>): KnownAbsent {
  let out = cache.get(base);
  if (!out) {
    out = Object.freeze({ keys: Object.freeze([...(base.keys ?? []), ...keys]), ...(base.prefixes ? { prefixes: base.prefixes } : {}) });
    cache.set(base, out);
  }
  return out;
}

/** Lambda's own requests for a function also lack lambda:SourceFunctionArn (permissions-source-function-arn.html). */
const LAMBDA_REQUEST_KNOWN_ABSENT = Object.freeze({
  keys: Object.freeze([...ROLE_SESSION_KNOWN_ABSENT.keys, "lambda:sourcefunctionarn"]),
  prefixes: ROLE_SESSION_KNOWN_ABSENT.prefixes,
});

/** An IAM user's request: its tags are all known (it has aws:username); it calls directly, with no source keys. */
export const USER_KNOWN_ABSENT = Object.freeze({ keys: SERVICE_SOURCE_KEYS, prefixes: ROLE_SESSION_KNOWN_ABSENT.prefixes });

/**
 * A service-linked role's session is the service's own, acting for the resource that caused the call: IAM's key
 * reference ties aws:SourceArn to requests "on behalf of a resource owner or service-linked role", so for these
 * sessions the source keys stay unknown rather than absent.
 */
const SERVICE_LINKED_KNOWN_ABSENT = Object.freeze({ keys: Object.freeze(["aws:username"]), prefixes: ROLE_SESSION_KNOWN_ABSENT.prefixes });

function isServiceLinked(caller: PrincipalModel): boolean {
  return caller.kind === "role" && isServiceLinkedRoleArn(caller.arn);
}

function knownAbsentOf(caller: PrincipalModel, fn: FunctionModel | undefined, byLambda: boolean): RequestContext["knownAbsent"] {
  if (!fn || caller.kind === "user" || isServiceLinked(caller)) return roleSessionKnownAbsent(caller);
  return withOrganizationAbsent(caller, byLambda ? LAMBDA_REQUEST_KNOWN_ABSENT : ROLE_SESSION_KNOWN_ABSENT);
}

/**
 * The request "can this role do A on R" makes: the role's session as caller, and what is known of its context.
 * `tags`: the target function's aws:ResourceTag/<key> values, when the snapshot read them and the action carries
 * them (resourceTagValues); every other such key is then absent.
 */
export function roleRequest(role: PrincipalModel, query: AccessQuery, fn?: FunctionModel, tags?: Readonly<Record<string, string>>): EvaluationRequest {
  const complete = query.contextComplete ?? false;
  const byLambda = query.byLambda ?? false;
  // No named closure here: the CLI and server run under tsx, whose esbuild keeps function names by calling
  // Object.defineProperty on each one as it is made, ~0.5 µs per question (~70 ms of a 10,000-function analysis).
  const context: RequestContext = hasKeys(query.context) || query.undocumented !== undefined
    ? {
        values: { ...withTags(withTargetKeys(baseContext(role, fn, byLambda), query.resource, fn, query.action), tags), ...lowerKeys(query.context ?? {}) },
        complete,
        knownAbsent: withOwnResourceOrganizationAbsent(role, query.resource, tags ? withResourceTagsAbsent(knownAbsentOf(role, fn, byLambda)) : knownAbsentOf(role, fn, byLambda)),
        undocumented: query.undocumented,
      }
    : new RoleSessionContext(role, fn, query.resource, query.action, complete, byLambda, tags);
  return {
    // The function's code runs as a session named after the function (§1); asked without one, or for Lambda's own
    // requests, the session is unknown.
    principal:
      role.kind === "user"
        ? { type: "user", id: role.arn, account: role.account }
        : { type: "role", id: role.arn, account: role.account, session: query.session ?? (byLambda ? undefined : fn?.name) },
    action: query.action,
    resource: query.resource,
    context,
  };
}

/** The policies and request of "can this role do A on R", shared by the full answer and the decision alone. */
function roleQuestion(model: AccountModel, role: PrincipalModel, query: AccessQuery, fn: FunctionModel | undefined) {
  const resourceAccount = accountOfArn(query.resource);
  const target = targetResourcePolicy(model, query.resource, query.action);
  const guardrails = guardrailsLimit(model.organization) && !query.ownPoliciesOnly ? guardrailsOver(model.organization, model.account, role.arn, role.account, query.action, query.resource, awsManagedKey(model, query.resource)) : undefined;
  // Every property written out, none spread in: on Node 20 an object literal that spreads a non-empty object before
  // its own properties costs microseconds (a new hidden class each time), which was most of what a question cost
  // more with the organization's guardrails known.
  const set: PolicySet = {
    guardrails,
    identity: role.identity,
    boundary: role.boundary,
    boundaryUnreadable: role.boundaryArn !== undefined && role.boundary === undefined,
    resource: target.policy,
    resourceAccount,
    // Read or not, the trust policy must allow: unread, the readable policies alone grant nothing and the answer is open.
    keyPolicy: target.readKeyPolicy || target.trust ? true : undefined,
    mandatoryPolicy: target.trust ? "trust policy" : undefined,
    grants: target.grants,
  };
  const unusable = target.unusable !== undefined && CRYPTOGRAPHIC.test(query.action) ? target.unusable : undefined;
  return {
    set,
    request: roleRequest(role, query, fn, resourceTagValues(model, query.resource, query.action)),
    resourceAccount,
    targetUnread: target.unread,
    targetUnreadWhy: target.unreadWhy,
    unreadOnlyAllows: target.unreadOnlyAllows ?? false,
    unreadLabel: target.unreadLabel,
    keyPolicy: target.keyPolicy,
    targetMissing: target.missing,
    unusable,
  };
}

/** An AWS managed KMS key (DescribeKey's KeyManager), which RCPs do not limit (kms resource-control-policies.html). */
function awsManagedKey(model: AccountModel, resource: string): boolean {
  if (!resource.includes(":kms:")) return false;
  const describe = model.kms.keys.get(resource)?.describe as { KeyMetadata?: { KeyManager?: unknown } } | undefined;
  return describe?.KeyMetadata?.KeyManager === "AWS";
}

/** The answer on a key KMS refuses to use: denied, citing why, whatever the policies would have said. */
function unusableKeyAnswer(request: EvaluationRequest, unusable: { state: string; why: string }): EvaluationResult {
  return { decision: "implicitly-denied", statements: [], unknownKeys: [], reasons: [`${request.action} on ${request.resource} fails: ${unusable.why}`], unusableKeyState: unusable.state };
}

export function canRole(model: AccountModel, role: PrincipalModel, query: AccessQuery, fn?: FunctionModel): EvaluationResult {
  const question = roleQuestion(model, role, query, fn);
  if (question.unusable !== undefined) return unusableKeyAnswer(question.request, question.unusable);
  const result = evaluateQuestion(model, role, question);
  return question.targetMissing === undefined ? result : { ...result, reasons: [...result.reasons, question.targetMissing] };
}

function evaluateQuestion(
  model: AccountModel,
  role: PrincipalModel,
  question: ReturnType<typeof roleQuestion>,
): EvaluationResult {
  const { set, request, resourceAccount, targetUnreadWhy, keyPolicy } = question;
  let result = evaluate(set, request);
  const foreign = foreignAccount(model, role, set, resourceAccount);
  if (foreign !== undefined && result.decision === "implicitly-denied") {
    const ownSide = evaluate({ ...set, resourceAccount: role.account }, request);
    if (ownSide.decision === "allowed" || ownSide.decision === "conditional") {
      result = { ...ownSide, decision: "conditional", foreignAccount: foreign, reasons: [...ownSide.reasons, foreignReason(foreign)] };
    }
  }
  if (result.decision === "explicitly-denied") return result; // a readable Deny is final, whatever else says
  const targetUnread = unreadTargetThatMatters(foreign, result.decision, question.targetUnread, question.unreadOnlyAllows);
  const unread = unreadDocuments(role, targetUnread);
  if (unread.length > 0) {
    // Which way the unread documents could move the answer: what the readable ones alone say, reversed.
    const lean = result.decision === "allowed" ? "may-deny" : result.decision === "implicitly-denied" ? "may-allow" : undefined;
    const why = lean === "may-deny" ? ": a Deny there would refuse it" : lean === "may-allow" ? ": an Allow there would grant it" : "";
    const reason = (u: string) => `could not read ${u}${u === targetUnread && targetUnreadWhy ? targetUnreadWhy : why}`;
    return {
      ...result,
      decision: "conditional",
      unread: lean,
      ...(keyPolicy && targetUnread !== undefined ? { unreadKeyPolicy: true } : {}),
      unreadDocuments: [
        ...role.unreadableIdentity.map(documentName),
        ...(targetUnread === undefined ? [] : [question.unreadLabel ?? (keyPolicy ? "the key policy" : "the target's resource policy")]),
      ],
      reasons: [...result.reasons, ...unread.map(reason)],
    };
  }
  // An unreadable boundary: the evaluator made an identity Allow conditional without a condition key to name.
  if (result.decision === "conditional" && set.boundaryUnreadable && result.unknownKeys.length === 0 && foreign === undefined) {
    return { ...result, unread: "may-deny", unreadBoundary: true };
  }
  return result;
}

/**
 * `canRole(…).decision` without writing evidence: for callers that act on the answer alone (reach lists) or ask
 * for the evidence only when the answer is not "allowed" (the needs rules). A differential test holds the two equal.
 */
export function roleDecision(model: AccountModel, role: PrincipalModel, query: AccessQuery, fn?: FunctionModel): Decision {
  const { set, request, resourceAccount, targetUnread, unreadOnlyAllows, unusable } = roleQuestion(model, role, query, fn);
  if (unusable !== undefined) return "implicitly-denied";
  let decision = evaluateDecision(set, request);
  const foreign = foreignAccount(model, role, set, resourceAccount);
  if (decision === "implicitly-denied" && foreign !== undefined) {
    const ownSide = evaluateDecision({ ...set, resourceAccount: role.account }, request);
    if (ownSide === "allowed" || ownSide === "conditional") decision = "conditional";
  }
  if (decision === "explicitly-denied") return decision;
  return unreadDocuments(role, unreadTargetThatMatters(foreign, decision, targetUnread, unreadOnlyAllows)).length > 0 ? "conditional" : decision;
}

/**
 * The target's unread policy, unless it cannot change the answer: across accounts the role's own policies must allow
 * the request too, so where they do not (still denied after the own-side check above) no policy of the resource's
 * account could grant it — another account's KMS key policy included. Unread grants can only add to an answer that
 * is already allowed.
 */
function unreadTargetThatMatters(foreign: string | undefined, decision: Decision, targetUnread: string | undefined, onlyAllows = false): string | undefined {
  if (onlyAllows && decision === "allowed") return undefined;
  return foreign !== undefined && decision === "implicitly-denied" ? undefined : targetUnread;
}

/**
 * The other account owning the resource when its resource policy is not in the snapshot (every resource outside
 * the snapshot's account): a cross-account request needs that policy to allow it too, so where the role's own
 * policies allow it the answer is conditional, not denied (reference_policies_evaluation-logic-cross-account.html).
 */
function foreignAccount(model: AccountModel, role: PrincipalModel, set: PolicySet, resourceAccount: string | undefined): string | undefined {
  if (set.resource !== undefined || resourceAccount === undefined) return undefined;
  return resourceAccount !== role.account && resourceAccount !== model.account ? resourceAccount : undefined;
}

function foreignReason(account: string): string {
  return `the resource is in account ${account}, whose resource policy is not in the snapshot: it must allow the request too`;
}

const NONE_UNREAD: readonly string[] = Object.freeze([]);

/** The documents an answer could depend on but the snapshot could not give: identity policies, the target's policy. */
function unreadDocuments(role: PrincipalModel, targetUnread: string | undefined): readonly string[] {
  if (targetUnread === undefined) return role.unreadableIdentity.length === 0 ? NONE_UNREAD : role.unreadableIdentity;
  return [...role.unreadableIdentity, targetUnread];
}

