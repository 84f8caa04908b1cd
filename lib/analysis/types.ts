/**
 * The analysis report: what `analyze --format json` prints (contract: ../shared/spec/cli.md) and what the
 * dashboard renders. Plain JSON, no AWS SDK types, so it can cross to the browser as is.
 */
import type { Decision, PolicySource } from "@/lib/policy/types";

export type Severity = "critical" | "high" | "medium" | "low" | "info";
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/** `deleted`: an IAM unique id (AROA…) standing for a principal that no longer exists; it matches no caller. */
export type PrincipalType = "service" | "account" | "organization" | "public" | "role" | "user" | "deleted" | "unknown";

/**
 * Who a policy statement names. `deleted`: an IAM unique id in place of a deleted principal (it matches no caller).
 * `federated`: a web-identity or SAML provider; `canonical-user`: an S3 canonical user id. Lambda may not honour an
 * Allow naming either, and neither can be tied to an IAM principal of an account (a provider ARN names only the
 * provider's account).
 */
export type GrantPrincipalKind = "public" | "service" | "own-account" | "other-account" | "federated" | "canonical-user" | "deleted";

export interface Invoker {
  /**
   * `identity-policy`: a role or IAM user (`principalType` says which) of the account whose own policies allow `lambda:InvokeFunction` on this function (in one
   * account an identity Allow is enough: lambda-permissions.md §5.2), or, where they do not, the deprecated
   * `lambda:InvokeAsync` (`actions` says which), where its grant names this function rather than every function
   * (those roles are the report's `accountInvokers`). Roles whose readable trust policy lets no one assume them are
   * not listed. Listed once per function: on the function when
   * the role may invoke it unqualified, else with `qualifier` `fn:$LATEST` (a grant on `fn:*` or `fn:$LATEST` runs the
   * same code), else once per alias and published version it may invoke (`fn:live`, `fn:7`: a grant on that qualified
   * ARN alone). A version is named by `qualifier` as an alias is, as resource-policy grants on either are: the ARN
   * says which (a version's qualifier is a number, an alias's never is), so the entry keeps the fields every way in has.
   */
  via: "resource-policy" | "event-source-mapping" | "function-url" | "identity-policy";
  principal: string;
  principalType: PrincipalType;
  sourceArn?: string;
  sourceAccount?: string;
  orgId?: string;
  /** Anyone, unauthenticated, gets in this way: a wildcard grant or an AuthType NONE URL whose `decision` is open. */
  public?: boolean;
  /** Resource-policy statement Sid (or `#<index>` when it has none). */
  sid?: string;
  statementIndex?: number;
  /** Qualified ARN when the grant lives on an alias/version policy or the URL is on an alias. */
  qualifier?: string;
  /**
   * The invoke actions of the way in: a grant's (`lambda:InvokeFunction`, `lambda:InvokeFunctionUrl`,
   * `lambda:InvokeAsync`, as its statement covers them; `decision` answers the first of InvokeFunction and
   * InvokeAsync that gets in), or the one an identity-policy entry answers for.
   */
  actions?: readonly string[];
  /** Identity-policy ways in: the Allow statements that grant it, "policyName#sid" (or "#index" without a Sid). */
  statements?: string[];
  /**
   * A grant only a call through the function's URL can use (`isUrlOnlyGrant`): part of the URL's way in, which the
   * graph draws from the URL's node rather than from a second node for the same callers.
   */
  urlOnly?: true;
  /**
   * An Allow with NotPrincipal: everyone but the principals its list excludes (`conditionSummary` names them), not
   * anyone. The page now calls that use "not supported" (reference_policies_elements_notprincipal.html); it is read as
   * the page used to describe it, so it is shown for what it would let in.
   */
  notPrincipal?: true;
  /** Short text of the conditions that narrow this way in, for edge labels. */
  conditionSummary?: string;
  /**
   * Whether this way in lets its caller invoke: "conditional" when a Deny or condition with unknown context may block
   * it. A grant only a URL can use, and an AuthType NONE URL, answer whether a call through the URL gets in, which
   * takes both URL actions (lib/analysis/url-access.ts, the URL rules' answer): listed, but denied, when one is missing.
   */
  decision?: Decision;
  /**
   * Why `decision` is short of what the statement grants when the cause lies outside the statement's conditions
   * (which `conditionSummary` shows): a role of the account named by the grant but not in the snapshot, whose
   * permissions boundary and Denies could refuse it; a principal or source ARN of another partition than the
   * function's (China's `s3.amazonaws.com.cn` on a commercial function), which names no caller; a Principal (or
   * NotPrincipal) spelled `ARN:…` or `arn:AWS:…`, which AWS may read as naming the caller or no one. On a way in standing
   * for many sources (past 1,000 principal × source pairs) of which only some are of another partition, whatever its
   * decision: those sources, which let no one in.
   */
  reason?: string;
  /**
   * Entries answered "conditional": the context keys whose value decides (a Deny without MFA,
   * `aws:MultiFactorAuthPresent`; a function policy's Deny on every `aws:SourceArn` but one), as the evaluator names them.
   */
  unknownKeys?: string[];
  /** Entries answered "conditional": the policy values AWS may read otherwise that decide it ('s3:max-keys "1e3"'). */
  undocumentedValues?: string[];
  /**
   * Entries answered "conditional" or "explicitly-denied": the Deny statements that may refuse (or refuse) this way in,
   * where they lie outside its own statement: the function's (alias's, version's) policy, cited as "function policy of
   * <qualified ARN>#<Sid or index>", and a caller's own policies or boundary, "policyName#Sid" (as `statements`).
   */
  deniedBy?: string[];
  /** Entries answered "conditional": the caller's documents the snapshot could not read that might refuse it. */
  unreadPolicies?: string[];
  /**
   * A grant to the function's own account (its root ARN or bare id), where the function policy lets it in: such a
   * grant lets no one in by itself but delegates to the account's identity policies (own-account-delegation.ts), so
   * it names the roles and users those let invoke through it, and those whose policies are unread.
   */
  delegatedTo?: OwnAccountDelegation;
  /** Event source mappings. */
  state?: string;
  uuid?: string;
  sourceType?: string;
  /**
   * The Kafka topics or Amazon MQ queues of the source it reads, and the patterns of its filter criteria (the events it
   * passes on), as the mapping lists them: what tells apart two mappings of one source to one function.
   */
  topics?: string[];
  filters?: string[];
  /**
   * Event source mappings and function URLs: settings that let no one else in yet change where data goes or how it
   * is read ("on-failure destination", "batch size", "parallelization factor", "consumer group", "CORS"), as text, for comparing scans
   * (way-in-settings.ts).
   */
  settings?: Record<string, string>;
  /** Function URLs. */
  authType?: string;
  url?: string;
}

/** Who an own-account grant lets in: `Invoker.delegatedTo`. */
export interface OwnAccountDelegation {
  /**
   * The account's roles and users whose identity policies let them invoke through the grant (its target and actions),
   * allowed before conditional, at most DELEGATE_NAMES; none: no identity policy of the snapshot lets anyone in.
   */
  callers: DelegateCaller[];
  /** Callers beyond those listed. */
  moreCallers?: number;
  /** Roles and users whose identity policies the snapshot could not read: whether they may invoke is unknown. At most DELEGATE_NAMES. */
  unknown?: string[];
  /** Unread roles and users beyond those listed. */
  moreUnknown?: number;
}

/** A role or user of the account that may invoke through an own-account grant, as its identity-policy way in says. */
export interface DelegateCaller {
  principal: string;
  principalType: "role" | "user";
  decision: Decision;
  /** The Allow statements that grant it, "policyName#sid" (as `Invoker.statements`). */
  statements: string[];
  /** Its grant covers every function (of the function's region): one of the report's `accountInvokers`. */
  accountWide?: true;
}

export interface Reach {
  /** Service prefix (`s3`, `sqs`, …) or `*` when the role may do anything. */
  service: string;
  /** Resource ARN pattern as written in the policy (`*` included). */
  resource: string;
  actions: string[];
  /** The Action entries as written in the policies (`s3:*`, `sqs:ReceiveMessage`), for compact display. */
  patterns: string[];
  accessLevels: string[];
  /** True when conditions with unknown context gate part of this access. */
  conditional: boolean;
  /** True when a Deny may remove part of this access (overlapping Deny pattern). */
  partiallyDenied?: boolean;
  /**
   * With `partiallyDenied`: the Deny statements ("policy#Sid") that cover some of these actions on part of the
   * resource, or "<policy> (permissions boundary)" when a boundary allows less without a Deny.
   */
  deniedBy?: string[];
  /** With `conditional`: the condition keys whose values the snapshot lacks and that decide it (sorted). */
  conditionKeys?: string[];
  /** With `conditional`: the policy values AWS may read otherwise that decide it ('aws:PrincipalTag/tier "1e3"', sorted). */
  undocumentedValues?: string[];
  /** With `conditional`: the role's documents the snapshot could not read that might refuse it ("inline policy x"). */
  unreadPolicies?: string[];
  /**
   * With `conditional`: the other accounts whose policy on the resource (a role's trust policy, a queue's or bucket's
   * policy) must allow it too. A scan reads one account, so those policies are outside the snapshot by design. An id,
   * or the account segment of a trust-gated pattern (`*` for sts:AssumeRole on `*`: any other account's role).
   */
  otherAccounts?: string[];
  /** Where the allowing statements came from: "policyName#index". */
  via: string[];
  /**
   * Statements of `via` that grant some of these actions only under conditions the snapshot cannot judge, where
   * another statement grants the same actions for certain (two identity statements, one under aws:SourceIp; a queue
   * policy beside the role's own statement; an EFS file system mounted through several access points),
   * with the condition keys that decide them: the reach is not conditional for them, yet that way's condition is shown.
   */
  conditionalWays?: { via: string; conditionKeys: string[] }[];
}

/**
 * Actions that Allow statements name on a resource pattern IAM never authorises them against: a resource of
 * another type (`s3:GetObject` on a bucket ARN), or an ARN for an action that has no resource-level permissions
 * (`*` only). They grant nothing, so they are not in `reaches`; listed so that the policy's author sees why.
 */
export interface IneffectiveGrant {
  service: string;
  resource: string;
  actions: string[];
  /** Where the statements came from: "policyName#index". */
  via: string[];
}

/**
 * Actions an Allow statement grants on a resource pattern that a Deny refuses there outright (an SCP or RCP, the
 * permissions boundary's or the role's own Deny, a key's, queue's, function's or repository's policy): not in
 * `reaches`, listed so that "who can do X" can say who is granted X and refused it, and by which Deny.
 */
export interface DeniedGrant {
  service: string;
  resource: string;
  actions: string[];
  /** The Allow statements that grant them: "policyName#index". */
  via: string[];
  /** The Deny statements that cover them there ("policy#Sid"), as a partly denied reach's `deniedBy` names them. */
  deniedBy: string[];
}

/** An alias (its name) or published version (its number) whose role is unknown: FunctionReport.rolesUnknown. */
export interface RoleUnknown {
  qualifier: string;
  why: string;
  setAside?: true;
}

export interface FunctionReport {
  arn: string;
  name: string;
  region: string;
  role: string;
  runtime?: string;
  description?: string;
  /** The state AWS reports (GetFunctionConfiguration), in a few words; absent when the snapshot does not hold it. */
  state?: string;
  /** The function's tags (ListTags), keys sorted; absent when the snapshot does not hold them (not read, or failed). */
  tags?: Record<string, string>;
  invokers: Invoker[];
  reaches: Reach[];
  /** Only when the role's policies name some: grants that reach nothing (see IneffectiveGrant). */
  ineffectiveGrants?: IneffectiveGrant[];
  /** Grants of its role a Deny refuses outright (DeniedGrant); absent when none. */
  deniedGrants?: DeniedGrant[];
  /** Data that could not be read for this function, e.g. "GetPolicy: AccessDeniedException". */
  unknown: string[];
  /** `routes`: a weighted alias's versions with their share of its calls (0–1), its own version first. */
  aliases?: { name: string; arn: string; version?: string; routes?: { version: string; share: number }[] }[];
  /**
   * Numbers of the published versions the function's version list holds, ascending; absent when it holds none. A
   * role granted invoke on every function may invoke a version it is refused the function on (a Deny naming `fn`
   * and `fn:$LATEST`): the details panel names each version by this list.
   */
  versions?: string[];
  /**
   * Aliases and published versions that run as a role no one knows (every one runs as some role), by qualifier, with
   * why: a version whose Role was set aside (`setAside`; `why` is its record's message, and the version stays listed
   * with its policy read), one its list lacks or whose list could not be read, an alias the snapshot lacks. Every
   * version whose Role was set aside, and the others that an alias or way in routes to. Absent when there are none.
   */
  rolesUnknown?: RoleUnknown[];
  /**
   * Asynchronous invocation settings, by the ARN of the function (its own and `$LATEST`'s) or of the alias or version
   * whose configuration sets them: "on-success destination", "on-failure destination", "retry attempts", "maximum
   * event age (seconds)", and the function's "dead-letter queue". Only what is set; absent when nothing is. Read only
   * to compare scans (way-in-settings.ts).
   */
  asyncInvocation?: Record<string, Record<string, string>>;
}

export interface EvidenceSource {
  roleArn?: string;
  roleName?: string;
  policyName?: string;
  policyArn?: string;
  policyKind?: PolicySource["kind"];
  /** SCPs and RCPs: the Organizations policy id and the root, OU or account it is attached to. */
  policyId?: string;
  target?: string;
  statementIndex?: number;
  sid?: string;
  mappingUuid?: string;
  /** The function (or alias, version) the evidence is about or comes from. */
  functionArn?: string;
  /** Another resource the evidence comes from: a KMS key's policy, a queue's or stream's attributes. */
  resourceArn?: string;
  operation?: string;
}

export interface Evidence {
  kind:
    | "identity-statement"
    | "boundary-statement"
    | "resource-statement"
    | "trust-statement"
    /** A statement of the organization's SCPs or RCPs (source: policyId, target, policyKind "scp" / "rcp"). */
    | "organization-statement"
    | "event-source-mapping"
    | "function-url"
    | "configuration"
    | "missing-action"
    | "api-error";
  /** One sentence: what this piece of evidence shows. */
  description: string;
  source?: EvidenceSource;
  /** The statement, mapping or configuration object as found in the snapshot. */
  document?: unknown;
  /** Keys or values within `document` that the finding is about, for highlighting. */
  highlight?: string[];
}

export interface Finding {
  /** Stable id: rule + target, so links to a finding survive a rescan. */
  id: string;
  rule: string;
  severity: Severity;
  /** Function ARN badged, for function-level rules. */
  function?: string;
  /** Role ARN, for role-level rules (which badge every function in `functions`). */
  role?: string;
  /** Every function this finding badges. */
  functions: string[];
  title: string;
  detail: string;
  evidence: Evidence[];
  remediation: string;
  /**
   * Rules whose fixes on the same function must be carried out before this remediation's commands, which AWS refuses
   * otherwise (Lambda checks a mapping's role against its source when the mapping is enabled or moved). The remediation
   * says so in words made from these ids (lib/findings/remediation.ts grantFirst). Absent when nothing comes first.
   */
  fixesFirst?: string[];
  /**
   * Set where what the finding states rests, at least in part, on a conditional answer of the evaluator (a condition
   * key whose value is unknown, a policy or boundary the snapshot could not read, a Deny that may apply): the title
   * says "may" there. Absent for certain findings. Readers (SARIF precision, labels) take it from here, never from
   * the wording.
   */
  conditional?: true;
}

export type GraphNodeKind = "function" | "role" | "principal" | "resource" | "event-source";
export type GraphEdgeKind = "invokes" | "polls" | "executes-as" | "can-access";

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** ARN, principal string or resource pattern the node stands for. */
  ref?: string;
  region?: string;
  service?: string;
  principalType?: PrincipalType;
  public?: boolean;
  /** Alias (or version) nodes: the ARN of the function they qualify. */
  aliasOf?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  label?: string;
  conditional?: boolean;
  accessLevels?: string[];
  /**
   * can-access edges to a reach of every action (service `*`) granted through NotAction: the action patterns left
   * out. The node is shared by every role with such a reach, so what each role cannot do is said on its edge.
   */
  notActions?: string[];
  /**
   * can-access edges whose reach a Deny may remove part of (the reach's `partiallyDenied`): the node stands for the
   * pattern as written, which may be shared with roles that no Deny touches, so the edge says it.
   */
  partiallyDenied?: true;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface ParseProblem {
  /** Where: "role orders-role inline policy 'x'", "function arn… resource policy", … */
  where: string;
  why: string;
}

/**
 * A role of the account whose identity policies let it invoke every function (`lambda:InvokeFunction`, `lambda:*` or
 * `*` on every function ARN): listed once here rather than on each function. The answer is `decision` for every
 * function, alias and published version except those in `exceptions` (a Deny or grant in their resource policy, a
 * Resource pattern that leaves them out, an unread policy). A function's `fn:$LATEST` (its current code, which Lambda
 * checks apart from the unqualified ARN) takes the function's answer unless it has an exception of its own: a Deny on
 * `fn` alone leaves it open. A published version whose own resource policy the snapshot lacks is answered as if that
 * policy said nothing (its function's `unknown` names it): accounts that publish a version per deploy hold hundreds
 * per function, the scan reads a few of their policies (`scan --version-policies`), and an exception on each, for
 * every such role, would bury the others.
 */
export interface AccountInvoker {
  principal: string;
  /** A role of the account, or an IAM user (with its groups' policies). */
  principalType: "role" | "user";
  decision: Decision;
  /** The Allow statements that grant it, "policyName#sid" (or "#index" without a Sid). */
  statements: string[];
  exceptions: { function: string; decision: Decision }[];
  /** When `decision` is "conditional": the context keys whose value decides, as `can` names them. */
  unknownKeys?: string[];
  /** When `decision` is "conditional": the policy values AWS may read otherwise that decide it, as `can` names them. */
  undocumentedValues?: string[];
  /** When `decision` is "conditional": the caller's Deny statements that may refuse it ("policyName#Sid"). */
  deniedBy?: string[];
  /** When `decision` is "conditional": the caller's documents the snapshot could not read that might refuse it. */
  unreadPolicies?: string[];
  /**
   * `["lambda:InvokeAsync"]` when the entry answers for the deprecated async API: the role's grant of it covers every
   * function and its InvokeFunction grant (if any) does not. Absent: `lambda:InvokeFunction`.
   */
  actions?: readonly string[];
  /**
   * Present when the grant covers every function of these regions only (a Resource such as
   * `arn:aws:lambda:us-east-1:…:function:*`, a condition on aws:RequestedRegion, in an account with functions in
   * other regions too): functions elsewhere that the role may invoke list it themselves.
   */
  regions?: string[];
}

/** The guardrails above the account, as the report states them. */
export interface OrganizationSummary {
  /** "applied": SCPs or RCPs limit the answers; "none": they cannot (no organization, the management account, …). */
  state: "applied" | "none";
  /** Why none limits the account (state "none"). */
  why?: string;
  id?: string;
  /** Root, each OU, the account (state "applied"); from `cutAbove` down where the parents above could not be read. */
  path?: string[];
  /**
   * The level whose parents could not be read (its ListParents refused, failed or cut short): what is attached above
   * is unknown. The account itself when none of its parents was read: its own level alone is applied.
   */
  cutAbove?: string;
  /** The root above `cutAbove`, its policies read and applied to every answer (the OUs between are unknown). */
  root?: string;
  /** Distinct policies applied of each type; absent when the type is not enabled on the root or was not read. */
  scps?: number;
  rcps?: number;
  /** The enabled types whose policies could not all be read (the report's `unknown` says why). */
  unread?: ("scp" | "rcp")[];
  /** With `unread`: some of those types' policies were read and are applied; only the unread ones are assumed to permit. */
  unreadInPart?: true;
  /**
   * The types applied while the root's ListRoots says they are being enabled or disabled, with that status: what they
   * would refuse is conditional, AWS not saying whether they are enforced yet.
   */
  pending?: { kind: "scp" | "rcp"; status: "PENDING_ENABLE" | "PENDING_DISABLE" }[];
}

export interface AnalysisReport {
  account: string;
  capturedAt: string;
  partition: string;
  regions: string[];
  functions: FunctionReport[];
  findings: Finding[];
  graph: Graph;
  /**
   * Roles and IAM users of the account that can invoke every function through their own policies (see Invoker's
   * `identity-policy` for those that name some functions only).
   */
  accountInvokers?: AccountInvoker[];
  /**
   * Roles and IAM users of the account with identity policies (a user's groups' included) that could not be read
   * (malformed, attached but absent, a group not in the snapshot): they may invoke functions no invoker list names.
   * Not those whose readable permissions boundary allows no invoking.
   */
  accountInvokersUnread?: string[];
  /**
   * The account's roles that may invoke functions through their own policies (`identity-policy` invokers and roles of
   * `accountInvokers`), each with who may assume it (lib/analysis/role-assumers.ts). Absent when there is none.
   */
  invokerRoles?: Record<string, RoleAssumers>;
  /**
   * Account-level data that could not be read, as each function's `unknown` says it for the function: IAM users of a
   * snapshot taken before they were read. Absent when there is none.
   */
  unknown?: string[];
  /**
   * The organization whose SCPs and RCPs the answers apply (lib/analysis/organization.ts), or why none limits the
   * account. Absent when the snapshot holds no organizations section or they could not be read (then `unknown` says so).
   */
  organization?: OrganizationSummary;
  /** Malformed documents and other parts of the snapshot that could not be analysed. */
  problems: ParseProblem[];
  /** API calls that failed during the scan, as recorded in the snapshot. */
  errors: { region?: string; operation: string; target?: string; code?: string; message?: string }[];
  /**
   * Only with a suppressions file (`analyze --suppress`, `serve --suppress`; lib/suppressions): the findings it
   * accepts, left out of `findings` and kept here whole, each with why.
   */
  suppressed?: SuppressedFinding[];
}

/** One principal a role's trust policy lets assume the role. */
export interface RoleAssumer {
  /** As the trust policy names it: `*`, a service, an account or IAM ARN, an identity provider's ARN or host. */
  principal: string;
  kind: GrantPrincipalKind;
  /** The STS call it assumes the role with (an identity provider's sessions: AssumeRoleWithWebIdentity or …SAML). */
  action: string;
  /** The trust statement's Sid, or `#<index>` when it has none. */
  sid: string;
  /** Short text of the statement's conditions (which repository, which source account…). */
  conditionSummary?: string;
  /** `allowed`, or `conditional` when a condition the snapshot cannot judge decides. */
  decision: Decision;
  /**
   * Set when the assumer is everyone of some kind: "any principal of any AWS account" (an unnarrowed `*`), "GitHub
   * Actions of any repository" (an identity provider whose tokens anyone can get, no condition keeping outsiders out).
   */
  openTo?: string;
  /**
   * The organization's RCP statements that may still refuse it ("RCP 'Perimeter' (p-1) attached to 123456789012
   * statement \"OrgOnly\""): a Deny on a key the snapshot cannot know for this principal, such as whether another
   * account is in the organization.
   */
  limitedBy?: string[];
}

export interface RoleAssumers {
  assumers: RoleAssumer[];
  /** The trust policy is missing or malformed: who may assume the role is unknown (not "no one"). */
  trustUnreadable?: true;
}

/** A finding a suppressions file accepts: the finding, the entry's reason and date, and which entry (0-based). */
export interface SuppressedFinding extends Finding {
  suppression: { reason: string; expires?: string; entry: number };
}
