/**
 * The vocabulary of policy evaluation. Policies are normalised once (lib/policy/parse.ts) into these shapes;
 * every "can X do Y on Z" in the product goes through lib/policy/evaluate.ts with them.
 */

export type Effect = "Allow" | "Deny";

/** Where a policy came from, so every answer can point at it. */
export interface PolicySource {
  /** "scp" / "rcp": a service or resource control policy of the account's organization (lib/analysis/organization.ts). */
  kind: "inline" | "managed" | "boundary" | "resource" | "trust" | "scp" | "rcp";
  /** Inline policy name, managed policy name, or "resource policy" / "trust policy". */
  policyName: string;
  /** SCPs and RCPs: the Organizations policy id (p-…). */
  policyId?: string;
  /** SCPs and RCPs: the root, OU or account the policy is attached to (r-…, ou-…, the account id). */
  target?: string;
  policyArn?: string;
  versionId?: string;
  roleArn?: string;
  roleName?: string;
  /** A policy an IAM user holds through a group: that group. */
  groupName?: string;
  /** For resource policies: the (possibly qualified) function ARN the policy is attached to. */
  resourceArn?: string;
}

/** Principal element, normalised. `wildcard` is true for `"*"` and for `{"AWS": "*"}`. */
export interface PrincipalSet {
  wildcard: boolean;
  aws: readonly string[];
  service: readonly string[];
  federated: readonly string[];
  canonicalUser: readonly string[];
}

/** One operator/key pair of a Condition block, e.g. `StringEquals` / `aws:SourceAccount` / ["1234…"]. */
export interface ConditionClause {
  /** Operator as written, e.g. "ForAnyValue:StringLikeIfExists". */
  operator: string;
  /** Condition key as written (case preserved for display; compare lower-cased). */
  key: string;
  values: string[];
  /**
   * The clause's result for every request made at or after the snapshot's capture, where its dates already decide it
   * (conditions/request-time.ts); a request context that gives the key a value is evaluated instead.
   */
  settled?: SettledClause;
}

export interface SettledClause {
  result: "true" | "false";
  /** Why, for evidence. */
  note: string;
}

export interface Statement {
  /** Position in the policy's Statement array (0-based), the way evidence refers to it. */
  index: number;
  sid?: string;
  effect: Effect;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalSet;
  notPrincipal?: PrincipalSet;
  conditions: ConditionClause[];
  /** Which entries of the (shared) Action/NotAction list match each action asked so far; set by parsing. */
  actionMemo?: Map<string, string[]>;
  /** Some Resource/NotResource entry holds a policy variable (`${…}`); set by parsing, read on the hot path. */
  resourceVariables?: boolean;
  /** Some Resource/NotResource entry writes its head in other case (`ARN:aws:…`, `arn:AWS:…`); set by parsing, read on the hot path. */
  resourceOtherCase?: boolean;
  /** The statement exactly as in the document, for display. */
  raw: unknown;
}

export interface PolicyDocument {
  /** "2012-10-17" or "2008-10-17"; policy variables only expand in 2012-10-17. */
  version: string;
  id?: string;
  statements: Statement[];
  source: PolicySource;
  raw: unknown;
}

export type ParseResult =
  | { ok: true; policy: PolicyDocument; warnings: string[] }
  | { ok: false; error: string };

/**
 * Request context. Keys are compared case-insensitively (store them lower-cased).
 * A key not in `values` is *unknown* unless `complete` is true, in which case it is *absent*
 * (the reading of AWS's policy simulator).
 */
export interface RequestContext {
  values: Record<string, string | string[]>;
  complete: boolean;
  /**
   * Keys known to be absent even when the context is not complete (lower-cased): exact keys, and prefixes whose
   * every key is known, e.g. "aws:principaltag/" when the caller's tags were all read.
   */
  knownAbsent?: { keys?: readonly string[]; prefixes?: readonly string[] };
  /**
   * Keys (lower-cased) the request carries with one of several values, AWS documenting none of them as the one: a
   * clause on such a key is decided only where every value decides it alike (conditions/evaluate.ts). Not in `values`.
   */
  undocumented?: Readonly<Record<string, UndocumentedValue>>;
}

/** A context value AWS does not document: one of `values`; `why` says what is not documented, for the clause's note. */
export interface UndocumentedValue {
  values: readonly string[];
  why: string;
}

export interface RequestPrincipal {
  /** "role" for an execution role session, "service" for a service principal, "account" for a bare
   * account, "anonymous" for an unauthenticated caller, "user" for an IAM user, "federated" for a web-identity
   * (OIDC) or SAML session of an identity provider, "canonical-user" for an S3 canonical user id. */
  type: "role" | "service" | "account" | "anonymous" | "user" | "federated" | "canonical-user";
  /** Role ARN (not the session ARN), user ARN, `arn:aws:iam::A:root`, service name, the provider as a
   * `Federated` entry names it (`cognito-identity.amazonaws.com`, `arn:aws:iam::A:saml-provider/x`), the
   * canonical user id, or "*". */
  id: string;
  /** Account the principal belongs to; undefined for services and anonymous callers. */
  account?: string;
  /**
   * Role callers: the session name when known (a function's code runs as a session named after the function);
   * undefined when not known, so a policy naming a session of the role may or may not cover the caller.
   */
  session?: string;
}

export interface EvaluationRequest {
  principal: RequestPrincipal;
  action: string;
  resource: string;
  context: RequestContext;
}

export type Decision = "allowed" | "explicitly-denied" | "implicitly-denied" | "conditional";

/** Three-valued truth: conditions on keys whose value is unknown give "unknown". */
export type Tri = "true" | "false" | "unknown";

/** Why one statement did or did not apply to a request. */
export interface StatementMatch {
  source: PolicySource;
  statementIndex: number;
  sid?: string;
  effect: Effect;
  /** Whether action, resource and principal all matched (conditions aside). */
  matched: boolean;
  /** Result of the Condition block; "true" when there is none. */
  condition: Tri;
  /** Condition keys whose value was unknown and would decide this statement. */
  unknownKeys: string[];
  /**
   * Condition values whose reading by AWS is not documented and would decide this statement, as `key "value"`
   * (conditions/evaluate.ts); only when there are some.
   */
  undocumentedValues?: string[];
  /** The Action/NotAction and Resource/NotResource entries that matched, for highlighting. */
  matchedActions: string[];
  matchedResources: string[];
  /** Condition clauses that failed or were unknown, rendered as text. */
  conditionNotes: string[];
  raw: unknown;
  /**
   * When principals were checked: how the Principal/NotPrincipal element covered the caller ("exact" role or
   * user ARN, "account" root delegation, "service", "wildcard", "not-principal"). Decides §5.2 combinations.
   */
  principalMatch?: "exact" | "account" | "service" | "wildcard" | "not-principal" | "session" | "federated" | "canonical-user" | "unknown-session" | "unknown-not-principal";
}

export interface EvaluationResult {
  decision: Decision;
  /** The statements that decided the answer (the matching Deny, or the Allows, or the unknown ones). */
  statements: StatementMatch[];
  /** For "conditional": keys whose values would decide it. */
  unknownKeys: string[];
  /** Human-readable reasons in order, e.g. "boundary does not allow s3:PutObject". */
  reasons: string[];
  /**
   * For "conditional" answers that rest only on documents the snapshot could not give (an unreadable identity
   * policy or boundary, a target's resource policy): what the readable documents alone say. "may-deny": they
   * allow it; "may-allow": they do not. Rules word "may lack" and "may have too much" from it.
   */
  unread?: "may-deny" | "may-allow";
  /** The unread document is a permissions boundary: it exists to take access away, so "may-deny" is a real doubt. */
  unreadBoundary?: boolean;
  /** The unread document is a KMS key policy, which must allow every request on its key (none is in a snapshot). */
  unreadKeyPolicy?: boolean;
  /** Short names of the unread documents ("managed policy x", "the target's resource policy"), for "depends on …". */
  unreadDocuments?: string[];
  /**
   * The other account whose resource policy must allow the request too: a scan reads one account, so that policy is
   * not in the snapshot by design (nothing failed to read). Set where the role's own policies allow it.
   */
  foreignAccount?: string;
  /**
   * The state (Disabled, PendingDeletion, …) of a KMS key that refuses the request whatever any policy says: the fix
   * is the key's state, not a grant.
   */
  unusableKeyState?: string;
  /**
   * The key (or trust) policy, which must let every request in, neither names the caller nor delegates to the
   * account's IAM policies: no identity Allow alone can change the answer.
   */
  mandatoryPolicyRefuses?: true;
  /**
   * The account's own policies would allow (or may allow) the request, but an SCP or RCP of its organization refuses
   * it: no account-level change can lift it, only the organization's administrators.
   */
  guardrailRefuses?: true;
  /** Set with guardrailRefuses: the kinds of guardrail whose Deny, or level without an Allow, refuses it. */
  refusingGuardrails?: readonly ("scp" | "rcp")[];
}

/** The SCPs or RCPs attached at one level of the account's path in its organization: the root, an OU, the account. */
export interface GuardrailLevel {
  /** r-…, ou-… or the account id. */
  target: string;
  policies: PolicyDocument[];
  /**
   * The level's list of policies was read only in part (a later page failed). A Deny read refuses whatever the
   * unread ones say; a missing Allow is no refusal, as an unread policy may allow (the level allows when any of its
   * policies does), so the level is taken to allow, like a type not read at all (OrganizationGuardrails.unread).
   */
  partial?: true;
}

/**
 * An organization's guardrail over a request (lambda-permissions.md §5.1): SCPs limit the account's IAM principals,
 * RCPs the requests on its resources. Neither grants: every level from the root to the account must allow the
 * request, and a Deny at any level refuses it (orgs_manage_policies_scps_evaluation.html,
 * orgs_manage_policies_rcps_evaluation.html).
 */
export interface Guardrail {
  kind: "scp" | "rcp";
  /** Root first, then each OU on the path, then the account. */
  levels: readonly GuardrailLevel[];
  /**
   * The type is being enabled or disabled on the root (ListRoots' PolicyTypes): whether AWS enforces it yet is not
   * said, so what it would refuse (a Deny, a level allowing nothing of the request) makes the answer conditional.
   */
  pending?: PendingStatus;
}

/** A policy type's status on the root while AWS enables or disables it (Organizations PolicyTypeSummary). */
export type PendingStatus = "PENDING_ENABLE" | "PENDING_DISABLE";

/** The policies that apply to a principal's request, as §5 of lambda-permissions.md gathers them. */
export interface PolicySet {
  /** The organization's SCPs / RCPs that limit this request; undefined (the usual case) when none do. */
  guardrails?: readonly Guardrail[];
  identity: PolicyDocument[];
  /** The permissions boundary; undefined when the principal has none. */
  boundary?: PolicyDocument;
  /** True when a boundary is attached but its document could not be read: answers become conditional. */
  boundaryUnreadable?: boolean;
  /** Resource policy of the target resource, when known. */
  resource?: PolicyDocument;
  /**
   * `resource` is a KMS key policy: KMS's own rule applies (lambda-permissions.md §5.2, "KMS keys"). The key policy
   * must allow, itself or by delegating to the account root and then the identity policies; an identity Allow
   * alone is never enough.
   */
  keyPolicy?: boolean;
  /**
   * What reasons call a `keyPolicy` document when it is not a KMS key policy: a role's trust policy, which must allow
   * an sts:AssumeRole the same way (itself, or through the account root and the identity policies).
   */
  mandatoryPolicy?: "trust policy";
  /** The key's grants, one Allow statement each (lib/analysis/kms-grants.ts): a path besides the key policy. */
  grants?: PolicyDocument;
  /** The account that owns the resource (for same-account vs cross-account rules). */
  resourceAccount?: string;
}
