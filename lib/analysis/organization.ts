/**
 * The guardrails the account's AWS Organizations organization puts above its own policies (lambda-permissions.md
 * §5.1), read from the snapshot's `organizations` section (lib/snapshot/schema.ts, OrganizationsDataSchema): service
 * control policies (SCPs), which limit the account's IAM principals, and resource control policies (RCPs), which
 * limit requests on its resources. Each as levels from the root through each OU on the account's path to the account
 * itself, each level the documents attached there; lib/policy/evaluate.ts folds them in (PolicySet.guardrails).
 *
 * The rules, from the AWS Organizations User Guide:
 * - Every level must allow and a Deny at any level refuses: "to permit a permission for a specific account, there
 *   must be an explicit Allow statement at every level from the root through each OU in the direct path to the
 *   account (including the target account itself)" (orgs_manage_policies_scps_evaluation.html; RCPs the same way,
 *   orgs_manage_policies_rcps_evaluation.html).
 * - A policy type not enabled on the root is not enforced (ListRoots' PolicyTypes, Status ENABLED:
 *   orgs_manage_policies_enable-disable.html). One being enabled or disabled (PENDING_ENABLE, PENDING_DISABLE) may or
 *   may not be: AWS gives no moment its policies start or stop applying ("This is an asynchronous request that AWS
 *   performs in the background", EnablePolicyType and DisablePolicyType references; PolicyTypeSummary's Status is
 *   "ENABLED | PENDING_ENABLE | PENDING_DISABLE"), so its policies are applied as conditional (Guardrail.pending):
 *   what they would refuse is neither allowed nor denied.
 * - SCPs do not limit the management account, service-linked roles, or service principals
 *   (orgs_manage_policies_scps.html, "Tasks and entities not restricted by SCPs").
 * - Neither limits calls made by service-linked roles ("RCPs don't apply to resources in the organization management
 *   account and to calls made by service-linked roles": IAM User Guide, reference_policies_evaluation-logic.html).
 * - RCPs do not limit the management account's resources (orgs_manage_policies_rcps.html), apply only to the
 *   services that support them (RCP_SERVICES below) and only `RCPFullAWSAccess` may Allow
 *   (orgs_manage_policies_rcps_syntax.html: "The effect of Allow is only supported for the RCPFullAWSAccess policy").
 *   AWS managed KMS keys are outside them (kms/latest/developerguide/resource-control-policies.html), and so is
 *   kms:RetireGrant: "not effective in an RCP, even if the Action element specifies an asterisk" (the same page;
 *   orgs_manage_policies_rcps.html "Resources and entities not restricted by RCPs" lists no other action).
 * - Which services: the five at launch (S3, STS, SQS, KMS, Secrets Manager) have grown to the list under "List of AWS
 *   services that support RCPs" (orgs_manage_policies_rcps.html#rcp-supported-services, each with its action prefix;
 *   read as of 2026-09-26), among them those a function's permissions touch most: CloudWatch Logs (`logs`, the
 *   function's own log writes), DynamoDB (`dynamodb`, tables and streams, and `dax`), ECR (`ecr`, Lambda's pull of a
 *   container image), OpenSearch Serverless (`aoss`) and Cognito (`cognito-idp` user pools, `cognito-identity`
 *   identity pools). AWS announced ECR and OpenSearch Serverless in June 2025, Cognito and CloudWatch Logs in January
 *   2026 (aws.amazon.com/about-aws/whats-new/2026/01/aws-expands-resource-control-policies/) and DynamoDB in
 *   February 2026 (…/whats-new/2026/02/aws-expands-resource-control-policies-amazon/). A service missing here would
 *   leave an RCP's refusal unsaid; one listed that AWS did not would invent one: hence only what the page names.
 *   An action whose request names no resource (ecr:GetAuthorizationToken, logs:DescribeLogGroups: Resource "*")
 *   is outside them as RCPs limit only "the resources that are authorized as part of an operation request" (the
 *   same page): guardrailsOver finds no account in "*".
 *
 * Pure: nothing here reads AWS.
 */
import { parsePolicyDocument, type PolicyReading } from "@/lib/policy/parse";
import { statementCoversAction } from "@/lib/policy/statement";
import type { Guardrail, GuardrailLevel, PendingStatus, PolicyDocument, Statement } from "@/lib/policy/types";
import type { OrganizationSummary } from "./types";
import { NO_ORGANIZATION, type PrincipalOrganization } from "./role-model";
import { ORGANIZATIONS_NOT_IN_USE, type OrganizationsData, type Snapshot, type SnapshotError } from "@/lib/snapshot/schema";
import { accountOfArn } from "./arn";
import { INCOMPLETE_SNAPSHOT, isTruncated, MALFORMED_POLICY, MALFORMED_RESPONSE, NOT_READ } from "./snapshot-gaps";

function serviceOf(action: string): string {
  const colon = action.indexOf(":");
  return colon < 0 ? "" : action.slice(0, colon).toLowerCase();
}

/** The Organizations reads the scanner makes (lib/aws/organizations.ts); their errors[] entries are this model's. */
export const ORGANIZATIONS_OPERATIONS = ["DescribeOrganization", "ListRoots", "ListParents", "ListPoliciesForTarget", "DescribePolicy"] as const;


/** The services whose resources RCPs limit (see above): their action prefixes, as the User Guide's list gives them. */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  "aoss", "appconfig", "appstream", "autoscaling", "autoscaling-plans", "budgets", "clouddirectory", "cloudfront", "cloudsearch",
  "cloudtrail-data", "codeartifact", "codebuild", "codecommit", "codepipeline", "cognito-identity", "cognito-idp", "comprehend",
  "comprehendmedical", "compute-optimizer", "cost-optimization-hub", "dax", "dsql", "dynamodb", "ecr", "ecr-public", "events",
  "firehose", "fis", "fms", "gamelift", "health", "inspector-scan", "kendra", "kinesisvideo", "kms", "logs", "memorydb",
  "networkmonitor", "notifications", "opensearch", "pca-connector-ad", "personalize", "polly", "pricing", "resource-groups",
  "rolesanywhere", "s3", "secretsmanager", "servicediscovery", "signin", "sqs", "sts", "support", "swf", "textract",
  "timestream-influxdb", "transcribe", "transfer", "translate", "wafv2", "workspaces", "xray",
]);

/** Actions no RCP governs (above), lower-cased. */
const NOT_UNDER_RCPS: ReadonlySet<string> = new Set(["kms:retiregrant"]);

/** A service-linked role (iam/latest/UserGuide/using-service-linked-roles.html): its path is always aws-service-role/. */
export function isServiceLinkedRoleArn(arn: string): boolean {
  return arn.includes(":role/aws-service-role/");
}

/** The one RCP that may Allow (orgs_manage_policies_rcps_syntax.html); its id is fixed, like FullAWSAccess's. */
const RCP_FULL_ACCESS = "RCPFullAWSAccess";

const POLICY_TYPES = { scp: "SERVICE_CONTROL_POLICY", rcp: "RESOURCE_CONTROL_POLICY" } as const;

const PENDING_STATUSES: readonly PendingStatus[] = ["PENDING_ENABLE", "PENDING_DISABLE"];
const isPending = (status: unknown): status is PendingStatus => (PENDING_STATUSES as readonly unknown[]).includes(status);

/** How deep an account may sit: the root and five levels of OUs (orgs_reference_limits.html), and the account. */
const MAX_DEPTH = 7;

export type OrganizationGuardrails =
  /**
   * No guardrail applies: no `organizations` section (older snapshots, `read: false`), no organization, or the
   * management account.
   */
  | {
      state: "none";
      why: string;
      read?: false;
      /** AWS said the account is in no organization (not the management account, not an unread section). */
      noOrganization?: true;
    }
  | {
      state: "known";
      organizationId?: string;
      managementAccount?: string;
      /** Root, each OU, the account; from `cutAbove` down where the parents above it could not be read. */
      path: string[];
      /**
       * The level whose parent could not be read (its ListParents refused, failed or cut short): `path` and the levels
       * start there, and what is attached above is unknown, as a list read in part (an `unread` entry says so).
       */
      cutAbove?: string;
      /**
       * The root, above a path cut short (`cutAbove`), whose policies were read: its level comes first in `scp` and
       * `rcp`, applied to every account of the organization whatever the unread OUs between it and `cutAbove`.
       */
      root?: string;
      /** Undefined when the type is neither enabled nor pending on the root. */
      scp?: Guardrail;
      rcp?: Guardrail;
      /**
       * What of them can change an answer (`limiting`): without the levels that allow everything and deny nothing
       * (FullAWSAccess alone, as AWS attaches it everywhere); undefined when no level is left.
       */
      limits: { scp?: Guardrail; rcp?: Guardrail };
      /**
       * Each gap in what was read, when something of the enabled types was: a type whose policies could not be read
       * is left out (its answers are the account's own, as in "unknown" below); one `partial` is applied as far as
       * read. Never empty.
       */
      unread?: readonly UnreadGuardrail[];
    }
  /**
   * In an organization, but what limits the account could not be read: a failed read (`error` is its errors[] entry,
   * `recorded`), or an answer missing or malformed (`error` then says so in the analyser's own codes).
   */
  | { state: "unknown"; why: string; error: SnapshotError; recorded: boolean };

export interface UnreadGuardrail {
  /** The types the gap leaves in doubt: one type's list or policy, or both above a path cut short. */
  kinds: readonly ("scp" | "rcp")[];
  why: string;
  error: SnapshotError;
  recorded: boolean;
  /**
   * Applied as far as read: a level's list of policies was cut short (GuardrailLevel.partial), or the path above a
   * level (OrganizationGuardrails.cutAbove), so the Denies read refuse and only what the unread policies say is assumed.
   */
  partial?: true;
}

/** "SCPs", "RCPs" or "SCPs and RCPs": the types named, each once, SCPs first. */
export function guardrailNames(kinds: readonly ("scp" | "rcp")[]): string {
  return (["scp", "rcp"] as const).filter((k) => kinds.includes(k)).map((k) => `${k.toUpperCase()}s`).join(" and ");
}

/** How a gap in the guardrails is said: nothing of the type applied, or the type applied as far as it was read. */
export function unreadWording(gap: Pick<UnreadGuardrail, "partial">): { couldNot: string; they: string } {
  return gap.partial ? { couldNot: "could not all be read", they: "the unread ones" } : { couldNot: "could not be read", they: "they" };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

class Unknown extends Error {
  constructor(
    readonly why: string,
    readonly error: SnapshotError,
    readonly recorded = false,
  ) {
    super(why);
  }
}

/** A gap the analyser finds itself (no errors[] entry): an answer left out, or one that cannot be read. */
function gap(why: string, operation: string, target: string | undefined, code: string): Unknown {
  return new Unknown(why, { operation, ...(target ? { target } : {}), code, message: why });
}

function errorText(e: SnapshotError): string {
  return `${e.operation}${e.target ? ` ${e.target}` : ""} failed${e.code ? ` (${e.code}${e.message ? `: ${e.message}` : ""})` : e.message ? ` (${e.message})` : ""}`;
}

/**
 * A failed Organizations read: the account's gap, not a function's (whatever target it names, or none). The
 * account-level data-unavailable finding and the report's `unknown` say it once, with what it leaves unknown.
 */
export function isOrganizationsError(e: Pick<SnapshotError, "operation">): boolean {
  return (ORGANIZATIONS_OPERATIONS as readonly string[]).includes(e.operation);
}

function orgErrors(snapshot: Snapshot): SnapshotError[] {
  return snapshot.errors.filter(isOrganizationsError);
}

function recorded(errors: SnapshotError[], operation: string, target: string | undefined): SnapshotError | undefined {
  return errors.find((x) => x.operation === operation && (target === undefined || x.target === target)) ?? errors.find((x) => x.operation === operation && !x.target);
}

/**
 * A read the section lacks: the errors[] entry that says why, or "not in the snapshot". `answer`, where the snapshot
 * holds one for the read but without the part asked for (`field`), is malformed, not unread: "no answer" would be
 * false of it, and a fresh scan would not fix what the tool that wrote it got wrong.
 */
function missing(errors: SnapshotError[], operation: string, target: string | undefined, what: string, answer?: unknown, field?: string): Unknown {
  const e = recorded(errors, operation, target);
  if (e) return new Unknown(`${what}: ${errorText(e)}`, e, true);
  const of = `${operation} answer${target ? ` for ${target}` : ""}`;
  if (answer !== undefined && answer !== null) return gap(`${what}: the snapshot's ${of} holds no readable ${field}`, operation, target, MALFORMED_RESPONSE);
  return gap(`${what}: the snapshot has no ${of}`, operation, target, NOT_READ);
}

/**
 * A list answer held only in part (its NextToken, or any other paging field, says more pages follow): the scan keeps
 * the pages read before a failed one with the last one's NextToken (lib/aws/organizations.ts), and what is on the
 * pages not read is unknown. An SCP missing from a level would read
 * as no Allow there, denying everything; a Deny missing as nothing denied.
 */
function cutShort(answer: Record<string, unknown> | undefined, errors: SnapshotError[], operation: string, target: string | undefined, what: string): Unknown | undefined {
  if (!answer || !isTruncated(answer)) return undefined;
  const e = recorded(errors, operation, target);
  const why = `${what}: only the first pages of ${operation}${target ? ` for ${target}` : ""} were read`;
  return e ? new Unknown(`${why}, ${errorText(e)}`, e, true) : gap(why, operation, target, INCOMPLETE_SNAPSHOT);
}

export function organizationGuardrails(snapshot: Snapshot, reading: PolicyReading = snapshot): OrganizationGuardrails {
  const org = snapshot.organizations;
  if (org === undefined) return { state: "none", why: "the snapshot has no organizations section", read: false };
  const errors = orgErrors(snapshot);
  const notInUse = errors.find((e) => e.operation === "DescribeOrganization" && e.code === ORGANIZATIONS_NOT_IN_USE);
  if (notInUse) return { state: "none", why: `the account is in no organization (${ORGANIZATIONS_NOT_IN_USE})`, noOrganization: true };
  try {
    return known(snapshot, org, errors, reading);
  } catch (e) {
    if (e instanceof Unknown) return { state: "unknown", why: e.why, error: e.error, recorded: e.recorded };
    throw e;
  }
}

function known(snapshot: Snapshot, org: OrganizationsData, errors: SnapshotError[], reading: PolicyReading): OrganizationGuardrails {
  const described = org.DescribeOrganization?.Organization;
  if (!isObject(described)) throw missing(errors, "DescribeOrganization", undefined, "which organization the account is in is unknown", org.DescribeOrganization, "Organization");
  const managementAccount = str(described.MasterAccountId);
  // The management account's principals and resources are outside both policy types.
  if (managementAccount === snapshot.account) return { state: "none", why: "the account is its organization's management account, which SCPs and RCPs do not limit" };
  const root = rootOf(org, errors);
  const enabled = (["scp", "rcp"] as const).filter((k) => !root.enabled || root.enabled.has(POLICY_TYPES[k]) || root.pending?.has(POLICY_TYPES[k]));
  // Neither type enabled: nothing limits the account, whatever the path to the root (which need not have been read).
  if (enabled.length === 0 && !root.cut) return { state: "known", path: [], limits: {} };
  const { path, cut: pathCut } = accountPath(snapshot.account, org, errors);
  // A ListRoots cut short still holds the account's root when the path leads to it: its PolicyTypes are then read.
  if (root.cut && (pathCut || path[0] !== root.id)) throw root.cut;
  // ListRoots unread: the lists read say which types are enabled; ListRoots is named only for a type none of them tells.
  const told = root.unread ? enabled.map((k) => [k, enabledByLists(k, path, org)] as const) : enabled.map((k) => [k, true] as const);
  const kinds = told.filter(([, on]) => on === true).map(([k]) => k);
  const untold = told.filter(([, on]) => on === undefined).map(([k]) => k);
  if (kinds.length === 0 && untold.length > 0 && root.unread) throw root.unread;
  if (kinds.length === 0) return { state: "known", path: [], limits: {} };
  // What was read is applied, each gap said: the levels below a path cut short, each type on its own (one refused
  // or throttled read of an RCP need not leave the SCPs, read in full, unapplied), each list as far as read.
  const gaps: UnreadGuardrail[] = pathCut ? [unreadOf(kinds, pathCut, true)] : [];
  if (root.unread && untold.length > 0) gaps.push(unreadOf(untold, missing(errors, "ListRoots", undefined, `whether ${guardrailNames(untold)} are enabled is unknown`)));
  // Above a path cut short, ListRoots is what names the root every path starts at (rootAbove below): unread too, the
  // root's policies are unknown for want of it as much as of the ListParents that stopped, so both reads are named.
  if (pathCut && root.unread) gaps.push(unreadOf(kinds, missing(errors, "ListRoots", undefined, `the organization's root above ${path[0]} is unknown`), true));
  // Above a path cut short, the root ListRoots names is still on the account's path: every account's path starts
  // there ("from the root through each OU in the direct path to the account", orgs_manage_policies_scps_evaluation.html
  // and orgs_manage_policies_rcps_evaluation.html), so its policies apply whatever the unread OUs between say.
  const rootAbove = pathCut && root.id && root.id !== path[0] ? root.id : undefined;
  const read: { scp?: Guardrail; rcp?: Guardrail } = {};
  for (const kind of kinds) {
    try {
      const cut: Unknown[] = [];
      const levels = path.map((target) => levelOf(kind, target, org, errors, reading, cut));
      if (rootAbove) {
        try {
          levels.unshift(levelOf(kind, rootAbove, org, errors, reading, cut));
        } catch (e) {
          if (!(e instanceof Unknown)) throw e;
          cut.push(e);
        }
      }
      const pending = root.pending?.get(POLICY_TYPES[kind]);
      read[kind] = { kind, levels, ...(pending ? { pending } : {}) };
      for (const c of cut) gaps.push(unreadOf([kind], c, true));
    } catch (e) {
      if (!(e instanceof Unknown)) throw e;
      gaps.push(unreadOf([kind], e));
    }
  }
  const { scp, rcp } = read;
  // Said of the guardrails as a whole only where each type applied read its root's level.
  const rootApplied = rootAbove !== undefined && [scp, rcp].every((g) => !g || g.levels[0]?.target === rootAbove);
  // Nothing of the enabled types read: unknown as a whole, every gap named.
  if (!scp && !rcp) throw new Unknown(gaps.map((g) => g.why).join("; "), gaps[0]!.error, gaps[0]!.recorded);
  return {
    state: "known",
    ...(str(described.Id) ? { organizationId: str(described.Id) } : {}),
    ...(managementAccount ? { managementAccount } : {}),
    path,
    ...(pathCut ? { cutAbove: path[0] } : {}),
    ...(rootApplied ? { root: rootAbove } : {}),
    ...(scp ? { scp } : {}),
    ...(rcp ? { rcp } : {}),
    limits: { ...optional("scp", limiting(scp)), ...optional("rcp", limiting(rcp)) },
    ...(gaps.length > 0 ? { unread: gaps } : {}),
  };
}

function unreadOf(kinds: readonly ("scp" | "rcp")[], e: Unknown, partial = false): UnreadGuardrail {
  return { kinds, why: e.why, error: e.error, recorded: e.recorded, ...(partial ? { partial: true as const } : {}) };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * The guardrail without its levels that allow every request and refuse none: no Deny, and an unconditioned Allow of
 * `*` on `*` (to every principal, in an RCP). Such a level changes no answer and is cited by none (a guardrail's
 * Allow is evidence only under a condition, evaluate.ts), so the evaluator is spared it: with FullAWSAccess alone at
 * each level, as AWS attaches it, the account's requests cost what they cost without an organization.
 */
function limiting(g: Guardrail | undefined): Guardrail | undefined {
  if (!g) return undefined;
  const levels = g.levels.filter((l) => !allowsEverything(l));
  return levels.length === 0 ? undefined : { kind: g.kind, levels, ...(g.pending ? { pending: g.pending } : {}) };
}

function allowsEverything(level: GuardrailLevel): boolean {
  const statements = level.policies.flatMap((p) => p.statements);
  if (statements.some((st) => st.effect === "Deny")) return false;
  // A level read in part allows whatever none of its Denies refuses (GuardrailLevel.partial).
  return level.partial === true || statements.some((st) => allowsOutright(st) && st.action?.includes("*") === true && st.notAction === undefined);
}

/** An Allow of its actions on every resource to every principal, whatever the request's context. */
function allowsOutright(st: Statement): boolean {
  return (
    st.effect === "Allow" &&
    st.conditions.length === 0 &&
    st.resource?.includes("*") === true &&
    st.notResource === undefined &&
    st.notPrincipal === undefined &&
    (st.principal === undefined || st.principal.wildcard)
  );
}

const untouchedByGuardrail = new WeakMap<Guardrail, Map<string, boolean>>();

/**
 * Whether one type of guardrail (the SCPs, or the RCPs) can change neither an answer about `action` nor its evidence,
 * whatever the resource or context: at every level each statement that may cover the action allows it outright (the
 * evaluator cites no such Allow, and nothing else there can refuse it or be cited), and at least one does. A Deny of
 * two actions at one OU leaves every other action as it would be without it.
 */
function guardrailLeavesAction(guardrail: Guardrail, action: string): boolean {
  let byAction = untouchedByGuardrail.get(guardrail);
  if (!byAction) untouchedByGuardrail.set(guardrail, (byAction = new Map()));
  let untouched = byAction.get(action);
  if (untouched === undefined) {
    untouched = guardrail.levels.every((level) => {
      let allowed = level.partial === true;
      for (const policy of level.policies) {
        for (const st of policy.statements) {
          if (!statementCoversAction(st, action)) continue;
          // A level read in part: only its Denies count (GuardrailLevel.partial).
          if (level.partial ? st.effect === "Deny" : !allowsOutright(st)) return false;
          allowed = true;
        }
      }
      return allowed;
    });
    byAction.set(action, untouched);
  }
  return untouched;
}

/**
 * Whether no SCP or RCP can change an answer about `action` (guardrailLeavesAction); RCPs only for the services they
 * limit (guardrailsOver). Shortcuts that decide without the evaluator (reach lists, the code-rewrite rule) then hold.
 */
export function guardrailsLeaveAction(org: OrganizationGuardrails, action: string): boolean {
  if (org.state !== "known") return true;
  const { scp, rcp } = org.limits;
  return (scp === undefined || guardrailLeavesAction(scp, action)) && (rcp === undefined || !RCP_SERVICES.has(serviceOf(action)) || guardrailLeavesAction(rcp, action));
}

/** Whether any SCP or RCP can change an answer: otherwise the shortcuts that decide without the evaluator hold. */
export function guardrailsLimit(org: OrganizationGuardrails): boolean {
  return org.state === "known" && (org.limits.scp !== undefined || org.limits.rcp !== undefined);
}

/**
 * The root ListRoots names and the policy types enabled on it, and those being enabled or disabled (`pending`, by
 * status: see above); a type absent or with any other status is not enforced. `cut`: the list was cut short, so the
 * root read is the account's only if its path leads there. `unread`: ListRoots was not answered; the lists read then
 * say which types are enabled (enabledByLists).
 */
function rootOf(
  org: OrganizationsData,
  errors: SnapshotError[],
): { enabled?: Set<string>; pending?: Map<string, PendingStatus>; id?: string; cut?: Unknown; unread?: Unknown } {
  const roots = org.ListRoots?.Roots;
  if (!Array.isArray(roots) || !isObject(roots[0])) return { unread: missing(errors, "ListRoots", undefined, "which policy types are enabled is unknown", org.ListRoots, "Roots") };
  const cut = cutShort(org.ListRoots, errors, "ListRoots", undefined, "which policy types are enabled is unknown");
  const types = roots[0].PolicyTypes;
  if (types !== undefined && !Array.isArray(types)) throw gap("ListRoots answered PolicyTypes that is not a list", "ListRoots", undefined, MALFORMED_RESPONSE);
  const enabled = new Set<string>();
  const pending = new Map<string, PendingStatus>();
  for (const t of (types ?? []) as unknown[]) {
    if (!isObject(t) || typeof t.Type !== "string") continue;
    if (t.Status === "ENABLED") enabled.add(t.Type);
    else if (isPending(t.Status)) pending.set(t.Type, t.Status);
  }
  const id = str(roots[0].Id);
  return { enabled, ...(pending.size > 0 ? { pending } : {}), ...(id ? { id } : {}), ...(cut ? { cut } : {}) };
}

/**
 * Whether a policy type is enabled, told by the lists read where ListRoots was not: a list naming a policy of it says
 * yes, since disabling a type detaches its policies from every entity ("all policies of the specified type are
 * automatically detached from all entities in the organization root", Organizations User Guide,
 * disable-policy-type.html); a list read in full and empty says no, since an enabled type leaves none bare ("Every
 * root, OU, and account must have at least one SCP attached", DetachPolicy reference; RCPFullAWSAccess "is
 * automatically attached to the organization root, every OU, and every account … You cannot detach this policy",
 * orgs_manage_policies_rcps_evaluation.html). Undefined when no list of the type was read.
 */
function enabledByLists(kind: "scp" | "rcp", targets: readonly string[], org: OrganizationsData): boolean | undefined {
  let empty = false;
  for (const target of targets) {
    const answer = org.ListPoliciesForTarget?.[POLICY_TYPES[kind]]?.[target];
    const listed = answer?.Policies;
    if (!Array.isArray(listed)) continue;
    if (listed.length > 0) return true;
    if (!isTruncated(answer as Record<string, unknown>)) empty = true;
  }
  return empty ? false : undefined;
}

/** The gap above a path read only from `cutAbove` down, as every account-level message says it. */
export function parentsUnread(cutAbove: string, account: string): string {
  return cutAbove === account ? "the account's parents could not be read" : `the parents above ${cutAbove} could not be read`;
}

/**
 * Root first, each OU down the path, the account last, from ListParents by child id. A ListParents cut short, or not
 * answered at all (refused, or failed on its first page), ends the path read at its child (`cut` says why): the
 * levels from there down are known, since the scan lists their policies by id all the same, those above are not.
 */
function accountPath(account: string, org: OrganizationsData, errors: SnapshotError[]): { path: string[]; cut?: Unknown } {
  const up = [account];
  let child = account;
  for (;;) {
    const answer = org.ListParents?.[child];
    const parents = answer?.Parents;
    const above = parentsUnread(child, account);
    if (!Array.isArray(parents)) return { path: up.reverse(), cut: missing(errors, "ListParents", child, above, answer, "Parents") };
    const cut = cutShort(answer, errors, "ListParents", child, above);
    if (cut) return { path: up.reverse(), cut };
    const parent = parents[0];
    if (!isObject(parent) || !str(parent.Id)) throw gap(`ListParents for ${child} named no parent`, "ListParents", child, MALFORMED_RESPONSE);
    const id = parent.Id as string;
    if (up.includes(id) || up.length >= MAX_DEPTH) throw gap(`ListParents for ${child} does not lead to a root (a loop, or deeper than ${MAX_DEPTH - 1} levels)`, "ListParents", child, MALFORMED_RESPONSE);
    up.push(id);
    if (parent.Type === "ROOT") return { path: up.reverse() };
    child = id;
  }
}

/**
 * The policies attached at one level. A list cut short (`cut` collects why) still gives the level: a Deny on the
 * pages read refuses whatever the others say, and the level allows when any of its policies does, so an unread page
 * can only add an Allow (orgs_manage_policies_scps_evaluation.html, "How SCPs work with Allow" and "with Deny"; RCPs
 * alike). The level is marked partial and taken to allow (GuardrailLevel.partial).
 */
function levelOf(kind: "scp" | "rcp", target: string, org: OrganizationsData, errors: SnapshotError[], reading: PolicyReading, cut: Unknown[]): GuardrailLevel {
  const filter = POLICY_TYPES[kind];
  const answer = org.ListPoliciesForTarget?.[filter]?.[target];
  const listed = answer?.Policies;
  if (!Array.isArray(listed)) throw missing(errors, "ListPoliciesForTarget", target, `the ${kind.toUpperCase()}s attached to ${target} are unknown`, answer, "Policies");
  const partial = cutShort(answer, errors, "ListPoliciesForTarget", target, `not every ${kind.toUpperCase()} attached to ${target} is known`);
  if (partial) cut.push(partial);
  const policies: PolicyDocument[] = [];
  for (const summary of listed) {
    const id = isObject(summary) ? str(summary.Id) : undefined;
    if (!id) throw gap(`ListPoliciesForTarget for ${target} listed a policy without an Id`, "ListPoliciesForTarget", target, MALFORMED_RESPONSE);
    policies.push(policyOf(kind, id, summary as Json, target, org, errors, reading));
  }
  return partial ? { target, policies, partial: true } : { target, policies };
}

function policyOf(kind: "scp" | "rcp", id: string, summary: Json, target: string, org: OrganizationsData, errors: SnapshotError[], reading: PolicyReading): PolicyDocument {
  const policy = org.DescribePolicy?.[id]?.Policy;
  if (!isObject(policy)) throw missing(errors, "DescribePolicy", id, `${kind.toUpperCase()} ${id} attached to ${target} is unknown`, org.DescribePolicy?.[id], "Policy");
  const described = isObject(policy.PolicySummary) ? policy.PolicySummary : summary;
  const name = str(described.Name) ?? str(summary.Name) ?? id;
  const arn = str(described.Arn) ?? str(summary.Arn);
  const source = { kind, policyName: name, policyId: id, target, ...(arn ? { policyArn: arn } : {}) };
  const parsed = parsePolicyDocument(policy.Content, source, reading);
  if (!parsed.ok) throw gap(`${kind.toUpperCase()} '${name}' (${id}) attached to ${target} is malformed: ${parsed.error}`, "DescribePolicy", id, MALFORMED_POLICY);
  if (kind === "rcp" && name !== RCP_FULL_ACCESS && id !== `p-${RCP_FULL_ACCESS}` && parsed.policy.statements.some((s) => s.effect === "Allow")) {
    // AWS refuses such a policy; one in a snapshot was not written by AWS, so its meaning is not AWS's either.
    throw gap(`RCP '${name}' (${id}) attached to ${target} has an Allow statement, which only ${RCP_FULL_ACCESS} may have`, "DescribePolicy", id, MALFORMED_POLICY);
  }
  return parsed.policy;
}

/** The guardrail lists handed to the evaluator, shared: asked for every request, they must cost no allocation. */
const listsByGuardrails = new WeakMap<object, Map<string, readonly Guardrail[] | undefined>>();

/**
 * The guardrails over one request (`action` on `resource`) of an IAM principal (`callerArn`, in `callerAccount`):
 * none for a service-linked role's call; else the SCPs when the caller is one of the account's principals, the RCPs
 * when the resource is the account's own and the action one RCPs govern. Undefined when none applies.
 * `awsManagedKey`: the resource is an AWS managed KMS key, outside RCPs.
 */
export function guardrailsOver(
  org: OrganizationGuardrails,
  account: string,
  callerArn: string,
  callerAccount: string | undefined,
  action: string,
  resource: string,
  awsManagedKey = false,
): readonly Guardrail[] | undefined {
  if (org.state !== "known" || (!org.limits.scp && !org.limits.rcp)) return undefined;
  const { scp: scpLimits, rcp: rcpLimits } = org.limits;
  if (isServiceLinkedRoleArn(callerArn)) return undefined;
  // A type that leaves the action as it is (guardrailLeavesAction) is not handed over: the evaluator would cite
  // nothing of it and answer the same, at the cost of evaluating every level.
  const scp = scpLimits !== undefined && callerAccount === account && !guardrailLeavesAction(scpLimits, action);
  // By the action's service: sts:AssumeRole's resource is an IAM role, and RCPs limit it as an STS request.
  const rcp =
    rcpLimits !== undefined &&
    RCP_SERVICES.has(serviceOf(action)) &&
    !awsManagedKey &&
    !NOT_UNDER_RCPS.has(action.toLowerCase()) &&
    (accountOfArn(resource) ?? s3Account(resource, account)) === account &&
    !guardrailLeavesAction(rcpLimits, action);
  if (!scp && !rcp) return undefined;
  let lists = listsByGuardrails.get(org);
  if (!lists) listsByGuardrails.set(org, (lists = new Map()));
  const key = `${scp}${rcp}`;
  let list = lists.get(key);
  if (!list) {
    list = Object.freeze([...(scp && scpLimits ? [scpLimits] : []), ...(rcp && rcpLimits ? [rcpLimits] : [])]);
    lists.set(key, list);
  }
  return list;
}

/**
 * An S3 ARN names no account: like the rest of the analysis (README, "Known limits"), a bucket is taken to be the
 * scanned account's.
 */
function s3Account(resource: string, account: string): string | undefined {
  return resource.startsWith("arn:") && resource.split(":")[2] === "s3" ? account : undefined;
}

/** Every SCP and RCP document that may limit the account, for callers keying answers by the statements involved. */
export function guardrailDocuments(org: OrganizationGuardrails): PolicyDocument[] {
  if (org.state !== "known") return [];
  return [org.limits.scp, org.limits.rcp].flatMap((g) => (g ? g.levels.flatMap((l) => l.policies) : []));
}

/** The guardrails not (all) read, as the report, the answers and the data-unavailable finding say it. */
export interface GuardrailsUnread {
  /** The types with a gap, SCPs first; `name` says them ("SCPs and RCPs", or the one type). */
  kinds: readonly ("scp" | "rcp")[];
  name: string;
  /** Every gap's why, in the order read. */
  why: string;
  /** The parents not read above the path (parentsUnread), for the messages too short to give every why. */
  above?: string;
  /** Something of the types named was read and is applied: a Deny among it refuses. */
  partial?: true;
  /** The types read in full and applied. */
  readInFull: readonly ("scp" | "rcp")[];
  /** Each gap with the read that failed. */
  gaps: readonly Omit<UnreadGuardrail, "kinds">[];
}

/** The types the gaps leave in doubt, each once, SCPs first. */
function unreadKinds(gaps: readonly UnreadGuardrail[]): ("scp" | "rcp")[] {
  return (["scp", "rcp"] as const).filter((k) => gaps.some((g) => g.kinds.includes(k)));
}

/** The guardrails that could not (all) be read, every type with a gap named; undefined when nothing is missing. */
export function unreadGuardrails(org: OrganizationGuardrails): GuardrailsUnread | undefined {
  if (org.state === "unknown") return { kinds: ["scp", "rcp"], name: "SCPs and RCPs", why: org.why, readInFull: [], gaps: [org] };
  if (org.state !== "known" || !org.unread) return undefined;
  const kinds = unreadKinds(org.unread);
  return {
    kinds,
    name: guardrailNames(kinds),
    why: org.unread.map((g) => g.why).join("; "),
    ...(org.cutAbove ? { above: parentsUnread(org.cutAbove, org.path.at(-1) ?? "") } : {}),
    ...(org.unread.some((g) => g.partial) ? { partial: true as const } : {}),
    readInFull: (["scp", "rcp"] as const).filter((k) => org[k] !== undefined && !kinds.includes(k)),
    gaps: org.unread,
  };
}

const NOT_READ_LEAD = "The organization's ";

/** The report's account-level `unknown` entry (lib/view/data-gaps.ts lists it on the overview and in the report). */
export function organizationNotReadEntry(org: OrganizationGuardrails): string | undefined {
  const unread = unreadGuardrails(org);
  return unread && `${NOT_READ_LEAD}${unread.name}: ${unread.why}; every "allowed" assumes ${unreadWording(unread).they} permit it`;
}

/** Whether an entry of the report's `unknown` is organizationNotReadEntry's (the diff reads it: lib/diff/scan-gaps.ts). */
export function isOrganizationNotReadEntry(entry: string): boolean {
  return entry.startsWith(NOT_READ_LEAD);
}

/**
 * What the report says of the guardrails (AnalysisReport.organization): applied, or why none limits the account.
 * Undefined where the snapshot holds no section (nothing to say) or they are unknown (the report's `unknown` says so).
 */
export function organizationSummary(org: OrganizationGuardrails): OrganizationSummary | undefined {
  if (org.state === "unknown" || (org.state === "none" && org.read === false)) return undefined;
  if (org.state === "none") return { state: "none", why: org.why };
  const count = (g: Guardrail | undefined) => (g ? new Set(g.levels.flatMap((l) => l.policies.map((p) => p.source.policyId ?? p.source.policyName))).size : undefined);
  const scps = count(org.scp);
  const rcps = count(org.rcp);
  const pending = [org.scp, org.rcp].flatMap((g) => (g?.pending ? [{ kind: g.kind, status: g.pending }] : []));
  if (scps === undefined && rcps === undefined) return { state: "none", why: "no SCP or RCP policy type is enabled on the organization's root", ...(org.organizationId ? { id: org.organizationId } : {}) };
  return {
    state: "applied",
    ...(org.organizationId ? { id: org.organizationId } : {}),
    path: org.path,
    ...(org.cutAbove ? { cutAbove: org.cutAbove } : {}),
    ...(org.root ? { root: org.root } : {}),
    ...(scps !== undefined ? { scps } : {}),
    ...(rcps !== undefined ? { rcps } : {}),
    ...(org.unread ? { unread: unreadKinds(org.unread), ...(org.unread.some((g) => g.partial) ? { unreadInPart: true as const } : {}) } : {}),
    ...(pending.length > 0 ? { pending } : {}),
  };
}

/**
 * What the account's own roles and users carry as aws:PrincipalOrgID and aws:PrincipalOrgPaths: the organization
 * DescribeOrganization names (the management account's principals included: it is in its organization), and the
 * path from the root to the account's parent where ListParents was read (IAM global condition keys:
 * "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/"). Data-perimeter policies test exactly these, so without
 * them every such condition on the account's own requests stays unknown. In no organization, neither key is in the
 * request ("included in the request context only if the principal is a member of an organization"): NO_ORGANIZATION.
 */
export function principalOrganization(snapshot: Snapshot, org: OrganizationGuardrails): PrincipalOrganization | typeof NO_ORGANIZATION | undefined {
  if (org.state === "none" && org.read === false) return undefined;
  if (org.state === "none" && org.noOrganization) return NO_ORGANIZATION;
  const described = snapshot.organizations?.DescribeOrganization?.Organization;
  const id = isObject(described) ? str(described.Id) : undefined;
  if (!id) return undefined;
  const levels = pathRead(snapshot, org);
  return levels ? { id, path: `${id}/${levels.slice(0, -1).join("/")}/` } : { id };
}

/**
 * The path from the root to the account where ListParents answered it, also when the policies along it could not be
 * read (the guardrails are then unknown, the path is not) or were not needed (no policy type enabled).
 */
function pathRead(snapshot: Snapshot, org: OrganizationGuardrails): string[] | undefined {
  if (org.state === "known" && org.path.length >= 2 && !org.cutAbove) return org.path;
  if (!snapshot.organizations) return undefined;
  try {
    const read = accountPath(snapshot.account, snapshot.organizations, []);
    return read.cut ? undefined : read.path;
  } catch (e) {
    if (e instanceof Unknown) return undefined;
    throw e;
  }
}
