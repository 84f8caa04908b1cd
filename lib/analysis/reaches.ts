/**
 * What an execution role can reach: every action its Allow statements name, expanded through the IAM action
 * catalog, checked one by one with the same evaluation as the findings (so a Deny or a boundary removes it),
 * and grouped by service and resource pattern as written in the policies.
 */
import { resourceStatementRef, statementRef } from "./statement-ref";
import { accessLevelOf, expandActionPattern, type AccessLevel, type CatalogAction } from "@/lib/catalog/actions";
import { mayBeAuthorisedOn } from "@/lib/catalog/resource-fit";
import { actionMatchKey, allowedResourcePatterns } from "@/lib/policy/evaluate-policies";
import { matchStatement, resourceHasVariables, statementCoversAction } from "@/lib/policy/statement";
import { otherCaseArnHead } from "@/lib/policy/arn";
import { actionMatches, globListMatches, globMatches, globMayStartWith, globsOverlap, resourceMatches } from "@/lib/policy/wildcard";
import { callerKeys, notPrincipalMatches, principalKeys, principalMatches, principalMatchKind } from "@/lib/policy/principal";
import type { Decision, EvaluationResult, PolicyDocument, RequestPrincipal, Statement, StatementMatch } from "@/lib/policy/types";
import type { AccountModel } from "./account-model";
import type { RoleModel } from "./role-model";
import { canRole, mayHaveOwnPolicy, roleDecision, roleRequest } from "./role-access";
import { mountContext, roleMounts, type RoleMount } from "./file-systems";
import { sortInPlace } from "./sort-in-place";
import { conditionalOn, deniedByOf, TRUST_GATED, type DenyRef } from "./reach-limits";
import type { DeniedGrant, IneffectiveGrant, Reach } from "./types";
import { addTo } from "@/lib/multimap";
import { guardrailDocuments, guardrailsLeaveAction, isServiceLinkedRoleArn } from "./organization";

/** Levels in LEVEL_ORDER, one shared (frozen) array per combination: the graph labels each combination once. */
const levelLists = new Map<number, string[]>();

function levelsInOrder(levels: readonly string[]): string[] {
  let mask = 0;
  for (let i = 0; i < LEVEL_ORDER.length; i++) if (levels.includes(LEVEL_ORDER[i] as string)) mask |= 1 << i;
  let list = levelLists.get(mask);
  if (!list) {
    list = Object.freeze(LEVEL_ORDER.filter((_, i) => (mask & (1 << i)) !== 0)) as string[];
    levelLists.set(mask, list);
  }
  return list;
}

/** The order `sort()` gives strings, without its default comparator (which converts both sides on every call). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const LEVEL_ORDER: AccessLevel[] = ["Permissions management", "Write", "Tagging", "Read", "List"];

/**
 * Unrelated actions across services and access levels, asked to tell whether an "every action" statement is in
 * force: it reaches something when any of them is allowed, and only part of everything when some are denied (a Deny
 * on iam:*, a boundary). One probe alone would let a Deny on its service hide the whole reach.
 */
const PROBES = [
  "iam:CreateUser",
  "s3:DeleteBucket",
  "ec2:TerminateInstances",
  "lambda:UpdateFunctionCode",
  "kms:Decrypt",
  "dynamodb:GetItem",
  "sqs:SendMessage",
  "sns:Publish",
  "logs:PutLogEvents",
  "secretsmanager:GetSecretValue",
];

interface Group {
  service: string;
  resource: string;
  actions: Set<string>;
  /** Few per group: arrays, kept free of repeats. */
  patterns: string[];
  levels: string[];
  conditional: boolean;
  partiallyDenied: boolean;
  /** Statements whose own NotResource takes part of the group away (a boundary narrowed them to it). */
  cutBy?: string[];
  /** Actions of the group's patterns a Deny refuses outright: not in `actions`, yet its deniers are named. */
  refused?: string[];
  via: string[];
  /** Ways (in `via`) that grant only conditionally actions another way grants for certain: Reach.conditionalWays. */
  conditionalWays?: Map<string, Set<string>>;
  /**
   * From the group's first conditional way on (few groups have one): each such way, and the actions and ways that
   * grant for certain, which settleConditional weighs per action.
   */
  maybe?: { ways: ConditionalWay[]; sureActions: Set<string>; sureVia: Set<string> };
  /** The actions no way grants for certain (settleConditional): what conditionalOn is asked about. */
  uncertain?: string[];
  /**
   * An every-action group's exceptions (NotAction), as `except …` in its actions: what none of its statements
   * grants, so what every one of them leaves out (`Action: "*"` leaves out nothing). `sure`: of its certain
   * statements only, the group's answer when it has one; a conditional statement granting more is an outdone way.
   */
  excepts?: { any: string[]; sure?: string[] };
}

/**
 * What an outdone conditional way's own condition is for the role: the keys the snapshot cannot judge, or, judged,
 * true (a way in force, as certain as the one outdoing it) or false (no way: the role never meets it).
 */
type WayCondition = readonly string[] | boolean;

/** A way that grants one action of a group only under conditions; its keys are found once it turns out outdone. */
interface ConditionalWay {
  action: string;
  via: string;
  /** The keys when known (a mount's), else the identity statement whose own condition the evaluator names. */
  keys: readonly string[] | Statement;
}

/** Where each Deny of denyStatements and allResourceDenies is written, for a partly denied reach's `deniedBy`. */
const denyRefs = new WeakMap<Statement, string>();

function denyStatements(role: RoleModel): Statement[] {
  const out: Statement[] = [];
  for (const p of role.identity) addDenies(out, p);
  if (role.boundary) {
    addDenies(out, role.boundary);
    addBoundaryExclusions(out, role.boundary);
  }
  return out;
}

/**
 * A boundary's Allow with NotResource allows its actions nowhere in what it leaves out: asked on a wider pattern (`*`
 * is none of `arn:aws:s3:::secret/*`), the evaluator lets the grant through, so the reach must say that the boundary
 * may take that part away, as a Deny on the excluded resources would (another boundary statement may still allow it).
 * Read as such a Deny, named as the boundary (deniedByOf's "<policy> (permissions boundary)").
 */
const boundaryExclusions = new WeakMap<PolicyDocument, Statement[]>();

function addBoundaryExclusions(out: Statement[], boundary: PolicyDocument): void {
  let cuts = boundaryExclusions.get(boundary);
  if (!cuts) {
    cuts = [];
    for (const s of boundary.statements) {
      if (s.effect !== "Allow" || !s.notResource) continue;
      const cut: Statement = { index: s.index, sid: s.sid, effect: "Deny", action: s.action, notAction: s.notAction, resource: s.notResource, conditions: [], raw: s.raw };
      denyRefs.set(cut, `${boundary.source.policyName} (permissions boundary)`);
      cuts.push(cut);
    }
    boundaryExclusions.set(boundary, cuts);
  }
  for (const cut of cuts) out.push(cut);
}

/**
 * The SCP and RCP documents that may limit the role's requests; none (the usual case) without known guardrails, and
 * none over a service-linked role's calls (organization.ts).
 */
function guardrailDocumentsOver(model: AccountModel, role: RoleModel): PolicyDocument[] {
  if (model.organization.state !== "known" || role.account !== model.account || isServiceLinkedRoleArn(role.arn)) return [];
  return guardrailDocuments(model.organization);
}

/** The guardrails' Deny statements, each named the way the reach's "denied by" names a statement. */
function guardrailDenies(docs: PolicyDocument[]): Statement[] {
  const out: Statement[] = [];
  for (const p of docs) {
    for (const s of p.statements) {
      if (s.effect !== "Deny") continue;
      out.push(s);
      if (!denyRefs.has(s)) denyRefs.set(s, `${p.source.kind.toUpperCase()} ${statementRef(p, s)} (attached to ${p.source.target})`);
    }
  }
  return out;
}

const resourceDeniesByModel = new WeakMap<AccountModel, Statement[]>();

/**
 * Every Deny of the function, key, queue, topic, file system and repository policies the snapshot holds (a function's per
 * qualifier), found once per model (most accounts have none), each with the ARNs its policy guards as its Resource: a
 * resource policy speaks for its own resource only, whatever its Resource says.
 */
function allResourceDenies(model: AccountModel): Statement[] {
  let out = resourceDeniesByModel.get(model);
  if (out) return out;
  out = [];
  const add = (policy: PolicyDocument | undefined, guarded: string, owners: string[]) => {
    for (const st of policy?.statements ?? []) {
      if (st.effect !== "Deny") continue;
      const names = st.resource ? st.resource.some((r) => resourceMatches(r, guarded)) : !(st.notResource ?? []).some((r) => resourceMatches(r, guarded));
      if (!names) continue;
      const guarding: Statement = { ...st, resource: owners, notResource: undefined };
      denyRefs.set(guarding, resourceStatementRef(policy!.source.resourceArn ?? guarded, policy!.source.policyName, st.sid ?? st.index));
      out!.push(guarding);
    }
  };
  for (const fn of model.functions) {
    // The function's own policy also answers calls to its `$LATEST` (lambda-permissions.md §3.5).
    for (const { qualifiedArn, policy } of fn.policies) add(policy, qualifiedArn, qualifiedArn === fn.arn ? [fn.arn, `${fn.arn}:$LATEST`] : [qualifiedArn]);
  }
  for (const key of model.kms.keys.values()) add(key.policy, key.arn, [key.arn]);
  for (const [queue, { policy }] of model.queuePolicies) add(policy, queue, [queue]);
  for (const [fs, { policy }] of model.fileSystems.policies) add(policy, fs, [fs]);
  for (const [repository, { policy }] of model.images.policies) add(policy, repository, [repository]);
  for (const [topic, { policy }] of model.topics.policies) add(policy, topic, [topic]);
  resourceDeniesByModel.set(model, out);
  return out;
}

/**
 * The resource-policy Denies that may refuse this role (its principal named or not excluded, conditions aside): a
 * Deny there refuses the role on that resource whatever its own policies allow, so a reach whose pattern covers the
 * resource (`*`, `function:*`) holds only in part. The evaluator answers a question about that one resource; a
 * pattern is not one resource, so the reach list says "partly denied" instead (ledger-api's Deny of everyone but API
 * Gateway, against an admin role's `*` on `*`).
 */
function resourcePolicyDenies(model: AccountModel, role: RoleModel): Statement[] {
  const all = allResourceDenies(model);
  if (all.length === 0) return [];
  const caller: RequestPrincipal = { type: "role", id: role.arn, account: role.account };
  const out: Statement[] = [];
  for (const st of all) {
    const names = st.notPrincipal ? notPrincipalMatches(st.notPrincipal, caller) !== "false" : st.principal !== undefined && principalMatches(st.principal, caller);
    if (names) out.push(st);
  }
  return out;
}

/** A Deny that could remove part of an allowed pattern without matching the pattern string itself. */
function overlapsDeny(denies: Statement[], action: string, resource: string, overlaps: Map<string, boolean>): boolean {
  for (const d of denies) {
    if (!statementCoversAction(d, action)) continue;
    for (const r of d.resource ?? ["*"]) {
      if (r === resource) continue;
      const key = `${r}\u0000${resource}`;
      let hit = overlaps.get(key);
      if (hit === undefined) {
        hit = globsOverlap(r, resource);
        overlaps.set(key, hit);
      }
      if (hit) return true;
    }
  }
  return false;
}

function serviceOf(action: string): string {
  const colon = action.indexOf(":");
  return colon < 0 ? "*" : action.slice(0, colon);
}

/** The actions of one expansion split by service, in order (a pattern like `*:List*` spans several). */
interface ServiceRun {
  service: string;
  actions: string[];
  levels: string[];
}

const runsOfExpansion = new WeakMap<readonly CatalogAction[], ServiceRun[]>();

function serviceRuns(expanded: readonly CatalogAction[]): ServiceRun[] {
  let runs = runsOfExpansion.get(expanded);
  if (runs) return runs;
  const byService = new Map<string, ServiceRun>();
  for (const a of expanded) {
    const service = serviceOf(a.name);
    let run = byService.get(service);
    if (!run) {
      run = { service, actions: [], levels: [] };
      byService.set(service, run);
    }
    run.actions.push(a.name);
    if (!run.levels.includes(a.accessLevel)) run.levels.push(a.accessLevel);
  }
  runs = [...byService.values()];
  runsOfExpansion.set(expanded, runs);
  return runs;
}

interface Decided {
  ok: boolean;
  conditional: boolean;
  /** Refused by a Deny (explicitly denied), not for want of an Allow: the grant is listed apart (DeniedGrant). */
  denied?: true;
}

function decidedOf(decision: Decision): Decided {
  if (decision === "explicitly-denied") return { ok: false, conditional: false, denied: true };
  return { ok: decision === "allowed" || decision === "conditional", conditional: decision === "conditional" };
}

interface ResourceGrant {
  /** The key's, queue's, topic's, file system's or repository's ARN. */
  holder: string;
  statement: Statement;
  /** Whose document: a key policy, a grant of the key (ListGrants), a queue, topic, file system or repository policy. */
  document: keyof typeof SERVICE_OF_DOCUMENT;
}

/** The service whose actions each kind of document can grant: a queue policy granting kms:Decrypt grants nothing. */
const SERVICE_OF_DOCUMENT = Object.freeze({ "key policy": "kms", grants: "kms", "queue policy": "sqs", "file system policy": "elasticfilesystem", "repository policy": "ecr", "topic policy": "sns" });

const resourceGrantsByModel = new WeakMap<AccountModel, Map<string, ResourceGrant[]>>();

/**
 * The Allow statements of the snapshot's key policies, grants (kms-grants.ts), queue, topic, file system and
 * repository policies, indexed by the ARNs their Principal names (principalKeys' "id|" keys), found once per model: most roles are
 * named by none, and a role is looked up by its own ARN instead of reading every policy.
 */
function resourceGrantIndex(model: AccountModel): Map<string, ResourceGrant[]> {
  let index = resourceGrantsByModel.get(model);
  if (index) return index;
  index = new Map();
  const add = (holder: string, doc: PolicyDocument | undefined, document: ResourceGrant["document"]) => {
    for (const statement of doc?.statements ?? []) {
      if (statement.effect !== "Allow" || !statement.principal || !statement.action) continue;
      const keys = principalKeys(statement.principal);
      if (keys !== "any") for (const k of keys) if (k.startsWith("id|")) addTo(index!, k, { holder, statement, document });
    }
  };
  for (const key of model.kms.keys.values()) {
    add(key.arn, key.policy, "key policy");
    add(key.arn, key.grants, "grants");
  }
  for (const [queue, { policy }] of model.queuePolicies) add(queue, policy, "queue policy");
  for (const [fs, { policy }] of model.fileSystems.policies) add(fs, policy, "file system policy");
  for (const [repository, { policy }] of model.images.policies) add(repository, policy, "repository policy");
  for (const [topic, { policy }] of model.topics.policies) add(topic, policy, "topic policy");
  resourceGrantsByModel.set(model, index);
  return index;
}

/**
 * How a reach cites such a statement: "key policy of <key ARN>#<Sid or index>", a grant "grants of <key ARN>#<grant
 * id>" (evidence.ts names the two documents so), "queue policy of <queue ARN>#<Sid or index>", "file system policy of
 * <file system ARN>#<Sid or index>", "repository policy of <repository ARN>#<Sid or index>", "topic policy of
 * <topic ARN>#<Sid or index>".
 */
function resourceGrantRef({ holder, statement, document }: ResourceGrant): string {
  return `${document} of ${holder}#${statement.sid ?? statement.index}`;
}

/**
 * What the snapshot's KMS keys, SQS queues, SNS topics, EFS file systems and ECR repositories let the role do by naming it in their
 * policy (a key user, queue consumer or file system client listed by ARN) or in a grant (its grantee principal), which
 * needs no statement of the role's own: asked of the evaluator per action, the role's Denies and boundary included; a
 * grant's encryption-context constraints make it conditional. Only the holder's own service's actions. A file system
 * the role's functions mount is addMountReach's, asked as those mounts ask.
 */
function addResourcePolicyReach(model: AccountModel, role: RoleModel, groups: ReachGroups): void {
  const index = resourceGrantIndex(model);
  if (index.size === 0) return;
  const mounts = roleMounts(model, role.arn);
  const caller: RequestPrincipal = { type: "role", id: role.arn, account: role.account };
  const seen = new Set<ResourceGrant>();
  for (const k of callerKeys(caller)) {
    for (const grant of index.get(k) ?? []) {
      if (seen.has(grant)) continue;
      seen.add(grant);
      // The role by its ARN: a `*` (AWS's "through this service, for every principal of the account" statements) would
      // put the key on every role's list, and the account root only delegates to the identity policies read above.
      const kind = principalMatchKind(grant.statement.principal!, caller);
      if (kind !== "exact" && kind !== "session") continue;
      if (grant.document === "file system policy" && mounts.some((m) => m.fileSystemArn === grant.holder)) continue;
      const via = resourceGrantRef(grant);
      const service = SERVICE_OF_DOCUMENT[grant.document];
      for (const pattern of grant.statement.action!) {
        for (const action of expandActionPattern(pattern)) {
          if (!action.name.startsWith(`${service}:`)) continue;
          const d = decidedOf(roleDecision(model, role, { action: action.name, resource: grant.holder }));
          if (d.ok) groups.add(service, grant.holder, action.name, pattern, action.accessLevel, via, d.conditional);
        }
      }
    }
  }
}

/** What a mount asks when the file system's policy is unknown (efs-permission-missing's needs). */
const MOUNT_ACTIONS = Object.freeze(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);

/**
 * What the file systems the role's functions mount let it do, asked as Lambda mounts them (mountContext: through the
 * access point, over a mount target, with TLS), so a file system policy that lets the role in through that access
 * point only is a grant, as efs-permission-missing judges it. Each Allow statement of the policy that may name the
 * role (by ARN, its account or `*`: it mounts that file system, so a statement for every client is its grant too) is
 * cited where the evaluator's answer rests on it. A policy the snapshot could not read leaves the mount's actions
 * conditional on it (conditionalOn names it), rather than absent as if refused; EFS's default policy (none of its own)
 * lets every client in without asking IAM, so it grants nothing to list.
 */
function addMountReach(model: AccountModel, role: RoleModel, groups: ReachGroups): void {
  const mounts = roleMounts(model, role.arn);
  if (mounts.length === 0) return;
  const caller: RequestPrincipal = { type: "role", id: role.arn, account: role.account };
  for (const mount of mounts) {
    const fs = mount.fileSystemArn;
    if (mount.unread !== undefined) {
      for (const action of MOUNT_ACTIONS) {
        const d = mountDecision(model, role, mount, action);
        if (d.ok) groups.add("elasticfilesystem", fs, action, action, accessLevelOf(action) ?? "Write", `file system policy of ${fs} (unread)`, true);
      }
      continue;
    }
    const ways: MountWay[] = [];
    for (const st of mount.policy?.statements ?? []) {
      if (st.effect !== "Allow" || !st.action) continue;
      const names = st.notPrincipal ? notPrincipalMatches(st.notPrincipal, caller) !== "false" : st.principal !== undefined && principalMatches(st.principal, caller);
      if (!names) continue;
      const via = `file system policy of ${fs}#${st.sid ?? st.index}`;
      for (const pattern of st.action) {
        for (const action of expandActionPattern(pattern)) {
          if (!action.name.startsWith("elasticfilesystem:")) continue;
          const d = mountDecision(model, role, mount, action.name, { policy: mount.policy!, statement: st });
          if (d.ok) ways.push({ via, pattern, action: action.name, level: action.accessLevel, conditional: d.conditional, keys: d.keys, deniedWay: d.deniedWay === true });
        }
      }
    }
    addMountWays(groups, fs, ways);
  }
}

/** One statement of a mounted file system's policy letting the role do one action, through its best access point. */
interface MountWay {
  via: string;
  pattern: string;
  action: string;
  level: string;
  conditional: boolean;
  keys: readonly string[];
  deniedWay: boolean;
}

/** The ways a mounted file system's policy lets the role in; which of them are certain per action is ReachGroups'. */
function addMountWays(groups: ReachGroups, fs: string, ways: readonly MountWay[]): void {
  for (const w of ways) groups.add("elasticfilesystem", fs, w.action, w.pattern, w.level, w.via, w.conditional, w.keys);
  if (ways.some((w) => w.deniedWay)) groups.groupOf("elasticfilesystem", fs).partiallyDenied = true;
}

/**
 * The role's answer for one action on a mounted file system, through the best of its access points; with `way` (a
 * statement and its document), only where that statement takes part in the answer, and conditional where its own
 * condition is (another statement's certain Allow is that statement's way, cited there).
 */
function mountDecision(model: AccountModel, role: RoleModel, mount: RoleMount, action: string, way?: StatementOf): MountDecided {
  let best: MountDecided = REFUSED;
  let deniedWay = false;
  // Every access point is asked, not only up to the first certain answer: a Deny of another still refuses that way.
  for (const accessPoint of mount.accessPoints) {
    const answer = canRole(model, role, { action, resource: mount.fileSystemArn, context: mountContext(accessPoint) });
    const d = decidedOf(answer.decision);
    if (d.denied) deniedWay = true;
    if (!d.ok) continue;
    const own = way ? wayIn(role, way, answer, action, mount.fileSystemArn, accessPoint) : undefined;
    if (way && !own) continue;
    const conditional = d.conditional || own?.condition === "unknown";
    if (best.ok && (!best.conditional || conditional)) continue;
    best = { ok: true, conditional, keys: !conditional ? NO_KEYS : own?.condition === "unknown" ? own.unknownKeys : answer.unknownKeys };
  }
  // Refused every way and denied one of them: the grant is denied outright (noteDenied), with that Deny named.
  if (!best.ok) return deniedWay ? DENIED : REFUSED;
  return deniedWay ? { ...best, deniedWay } : best;
}

/** A statement of the role's identity policies or of the file system policy, with its document. */
interface StatementOf {
  policy: PolicyDocument;
  statement: Statement;
}

/**
 * How one Allow statement takes part in an answer through an access point, or undefined where it does not. An
 * allowed answer names only the statements that grant for certain, so a conditional one beside them is matched alone,
 * as the mount asks it (conditionalWayKeys matches an identity statement so): a conditional way, kept, not lost.
 */
function wayIn(role: RoleModel, way: StatementOf, answer: EvaluationResult, action: string, resource: string, accessPoint: string): StatementMatch | undefined {
  const { policy, statement } = way;
  const listed = answer.statements.find((m) => m.source === policy.source && m.statementIndex === statement.index && m.effect === "Allow");
  if (listed) return listed.condition !== "false" ? listed : undefined;
  if (answer.decision !== "allowed" || statement.effect !== "Allow") return undefined;
  const alone = matchStatement(statement, policy, roleRequest(role, { action, resource, context: mountContext(accessPoint) }));
  return alone.matched && alone.condition === "unknown" ? alone : undefined;
}

/** A mount's answer: with the keys that gate it when conditional, and whether a Deny refuses it through another access point. */
interface MountDecided extends Decided {
  keys: readonly string[];
  deniedWay?: boolean;
}

const NO_KEYS: readonly string[] = Object.freeze([]);
const REFUSED: MountDecided = Object.freeze({ ok: false, conditional: false, keys: NO_KEYS });
const DENIED: MountDecided = Object.freeze({ ok: false, conditional: false, denied: true, keys: NO_KEYS });

const iamAssumable = new WeakMap<AccountModel, RoleModel[]>();

/**
 * The roles whose trust policy may let an IAM principal in (an Allow naming AWS principals, `*` or NotPrincipal, or a
 * trust policy unread), once per model: most roles trust a service alone, and asking each of them would make a reach
 * of sts:AssumeRole on `*` cost a question per role of the account.
 */
function rolesIamMayAssume(model: AccountModel): RoleModel[] {
  let roles = iamAssumable.get(model);
  if (!roles) {
    roles = [...model.roles.values()].filter(
      (r) => !r.trust || r.trust.statements.some((st) => st.effect === "Allow" && (st.notPrincipal !== undefined || st.principal?.wildcard === true || (st.principal?.aws.length ?? 0) > 0)),
    );
    iamAssumable.set(model, roles);
  }
  return roles;
}

/** STS calls the target role's trust policy must allow as well (lambda-permissions.md §5.2, "IAM role trust"). */
const MAY: Decided = Object.freeze({ ok: true, conditional: true });

/**
 * A trust-gated STS action on a pattern that is no one role of the snapshot (`*`, `role/*`): the evaluator reads the
 * pattern as no role and answers from the caller's own policies, but the call reaches a role only where that role's
 * trust lets the caller in. Kept as answered when a role of the snapshot the pattern covers lets it in; else
 * conditional, since only a role the snapshot does not hold (another account's) could: the role-privilege-escalation
 * finding's "may" for sts:AssumeRole on `*`.
 */
function trustGated(model: AccountModel, role: RoleModel, action: string, resource: string, d: Decided): Decided {
  if (!d.ok || d.conditional || !TRUST_GATED.test(action) || model.roles.has(resource)) return d;
  for (const other of rolesIamMayAssume(model)) {
    if (resourceMatches(resource, other.arn) && roleDecision(model, role, { action, resource: other.arn }) === "allowed") return d;
  }
  return MAY;
}

/**
 * The permissions boundary's Resource patterns for this action that lie inside `resource` (the pattern text matches
 * it: `arn:aws:s3:::team-a/*` inside `*` or `arn:aws:s3:::team-*`): where the role's own pattern is wider than its
 * boundary, what it can reach is the boundary's part, not nothing.
 */
function boundaryNarrowing(role: RoleModel, action: string, resource: string): string[] {
  if (!role.boundary) return [];
  return allowedResourcePatterns([role.boundary], action).filter((p) => p !== resource && globMatches(resource, p));
}

/**
 * What a NotResource statement's exclusion takes from a narrower pattern the boundary grants: "all" when it names
 * all of it (the statement grants nothing there, whatever another statement does), "part" when it may name some of
 * it (asked as a pattern, `arn:aws:s3:::*` is allowed by `NotResource: arn:aws:s3:::uploads/*`, though the uploads
 * bucket's objects are not), "none" otherwise and for a Resource statement (whose own pattern holds the narrower).
 */
function excludedOf(st: Statement, resource: string): "all" | "part" | "none" {
  if (!st.notResource) return "none";
  if (globListMatches(st.notResource, resource)) return "all";
  return st.notResource.some((x) => globsOverlap(x, resource)) ? "part" : "none";
}

function once(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/**
 * The groups of one role's reach list, by resource then service: both strings come from the policies and the
 * catalog, so no key is built per lookup. A class rather than closures: one is made per role.
 */
class ReachGroups {
  readonly all: Group[] = [];
  private readonly byResource = new Map<string, Map<string, Group>>();
  private readonly overlaps = new Map<string, boolean>();
  /** Consecutive actions of one pattern mostly land in the same group: found once, not hashed per action. */
  private last: Group | undefined;

  /** Per "service\0resource": actions of a granted pattern a Deny refuses (noteRefused), for the group if it has any. */
  private readonly refused = new Map<string, string[]>();

  /** Per "service\0resource": what a Deny refuses outright there, and the statements that grant it (noteDenied). */
  private readonly deniedOutright = new Map<string, { service: string; resource: string; actions: string[]; via: string[] }>();

  constructor(private readonly denies: Statement[]) {}

  /** An action a statement grants on a resource that the evaluator refuses by a Deny (explicitly denied). */
  noteDenied(service: string, resource: string, action: string, via: string): void {
    const key = `${service}\u0000${resource}`;
    let d = this.deniedOutright.get(key);
    if (!d) this.deniedOutright.set(key, (d = { service, resource, actions: [], via: [] }));
    once(d.actions, action);
    once(d.via, via);
  }

  /** The grants a Deny refuses outright, each with the Deny statements that cover its actions there. */
  deniedGrants(deniersOf: (service: string, resource: string, actions: string[]) => string[]): DeniedGrant[] {
    const out: DeniedGrant[] = [];
    for (const d of this.deniedOutright.values()) {
      const actions = sortInPlace(d.actions, byCodeUnits);
      out.push({ service: d.service, resource: d.resource, actions, via: d.via, deniedBy: deniersOf(d.service, d.resource, actions) });
    }
    return out.length > 1 ? sortInPlace(out, byServiceThenResource) : out;
  }

  /**
   * An action of a granted pattern refused where a Deny covers it: the pattern's group (once it has an action) is
   * partly denied, and the Deny named, rather than the action silently missing from it.
   */
  noteRefused(service: string, resource: string, action: string): void {
    const asked = resource.startsWith("* except ") ? "*" : resource;
    const denied = this.denies.some((d) => statementCoversAction(d, action) && (d.resource ?? ["*"]).some((r) => r === asked || globsOverlap(r, asked)));
    if (!denied) return;
    addTo(this.refused, `${service}\u0000${resource}`, action);
  }

  /** Marks the groups whose patterns lost actions to a Deny (noteRefused). */
  settleRefused(): void {
    if (this.refused.size === 0) return;
    for (const g of this.all) {
      const refused = this.refused.get(`${g.service}\u0000${g.resource}`);
      if (refused === undefined || g.actions.size === 0) continue;
      g.partiallyDenied = true;
      g.refused = refused;
    }
  }

  groupOf(service: string, resource: string): Group {
    const last = this.last;
    if (last !== undefined && last.service === service && last.resource === resource) return last;
    let byService = this.byResource.get(resource);
    if (!byService) {
      byService = new Map();
      this.byResource.set(resource, byService);
    }
    let g = byService.get(service);
    if (!g) {
      g = { service, resource, actions: new Set(), patterns: [], levels: [], conditional: false, partiallyDenied: false, cutBy: undefined, via: [] };
      byService.set(service, g);
      this.all.push(g);
    }
    this.last = g;
    return g;
  }

  /**
   * One way (`via`) granting `action`; a conditional one gates it with `keys` (or its statement's own condition, asked
   * of the evaluator only if another way turns out to grant the action for certain).
   */
  add(service: string, resource: string, action: string, pattern: string, level: string, via: string, conditional: boolean, keys: readonly string[] | Statement = NO_KEYS): void {
    const g = this.groupOf(service, resource);
    this.grantWay(g, action, via, conditional, keys);
    once(g.patterns, pattern);
    once(g.levels, level);
    once(g.via, via);
    this.noteDenies(g, action);
  }

  /** Adds `action` to the group by way of `via`, noting a conditional way for settleConditional. */
  grantWay(g: Group, action: string, via: string, conditional: boolean, keys: readonly string[] | Statement = NO_KEYS): void {
    if (conditional) {
      // Every way met before the first conditional one granted for certain.
      g.maybe ??= { ways: [], sureActions: new Set(g.actions), sureVia: new Set(g.via) };
      g.maybe.ways.push({ action, via, keys });
      g.conditional = true;
    } else if (g.maybe) {
      g.maybe.sureActions.add(action);
      g.maybe.sureVia.add(via);
    }
    g.actions.add(action);
  }

  /**
   * Per action, a way that grants it for certain wins: the group is conditional only for the actions no way grants
   * for certain (`uncertain`), and a conditional way of another action is kept, cited after the certain ways, with
   * the keys that decide it (conditionalWays) rather than making the whole reach look conditional.
   */
  settleConditional(keysOf: (way: ConditionalWay, resource: string) => WayCondition): void {
    for (const g of this.all) {
      const maybe = g.maybe;
      if (!maybe) continue;
      const uncertain = new Set<string>();
      // Ways whose own condition is false for the role: no way at all, unless another action needs them.
      const none = new Set<string>();
      const needed = new Set<string>();
      for (const w of maybe.ways) {
        if (!maybe.sureActions.has(w.action)) {
          uncertain.add(w.action);
          needed.add(w.via);
          continue;
        }
        const judged = keysOf(w, g.resource);
        if (judged === true) maybe.sureVia.add(w.via);
        if (typeof judged === "boolean") {
          if (!judged) none.add(w.via);
          continue;
        }
        let keys = g.conditionalWays?.get(w.via);
        if (!keys) (g.conditionalWays ??= new Map()).set(w.via, (keys = new Set()));
        for (const k of judged) keys.add(k);
      }
      g.conditional = uncertain.size > 0;
      g.uncertain = [...uncertain];
      const gone = (v: string) => none.has(v) && !needed.has(v) && !maybe.sureVia.has(v) && !g.conditionalWays?.has(v);
      if (none.size) g.via = g.via.filter((v) => !gone(v));
      if (g.conditionalWays) {
        const onlyMaybe = (v: string) => !maybe.sureVia.has(v) && g.conditionalWays!.has(v);
        g.via = [...g.via.filter((v) => !onlyMaybe(v)), ...g.via.filter(onlyMaybe)];
      }
      g.maybe = undefined;
    }
  }

  /** Flags the group partly denied because the granting statement's own NotResource excludes part of it. */
  cutByNotResource(g: Group, via: string): void {
    g.partiallyDenied = true;
    once((g.cutBy ??= []), `${via} (its NotResource)`);
  }

  /** Flags the group partly denied when a Deny may remove `action` from part of its resource. */
  noteDenies(g: Group, action: string): void {
    const denies = this.denies;
    if (!g.partiallyDenied && denies.length > 0 && overlapsDeny(denies, action, g.resource, this.overlaps)) g.partiallyDenied = true;
  }
}

/** One expansion's actions split by whether a statement's unconditional Allow decides them alone (roleReach). */
interface ActionSplit {
  decided: readonly CatalogAction[];
  /** Actions a Deny of the role's may cover, or an SCP or RCP may refuse: asked of the evaluator one by one. */
  asked: readonly CatalogAction[];
}

const ALL_DECIDED = new WeakMap<readonly CatalogAction[], ActionSplit>();
const splitsByModel = new WeakMap<AccountModel, WeakMap<readonly CatalogAction[], ActionSplit>>();

/**
 * How one role's expansions split (ActionSplit). The Deny check ignores the Deny's resources and conditions: it may
 * send an action to the evaluator needlessly, never decide one a Deny could refuse. A role without a Deny of its own
 * splits alike with every other, so those splits are kept per model (the guardrails are the model's).
 */
function untouchedActions(model: AccountModel, ownDenies: readonly Statement[], guarded: boolean): (expanded: readonly CatalogAction[]) => ActionSplit {
  if (ownDenies.length === 0 && !guarded) {
    return (expanded) => {
      let split = ALL_DECIDED.get(expanded);
      if (!split) ALL_DECIDED.set(expanded, (split = { decided: expanded, asked: [] }));
      return split;
    };
  }
  let cache = ownDenies.length > 0 ? new WeakMap<readonly CatalogAction[], ActionSplit>() : splitsByModel.get(model);
  if (!cache) splitsByModel.set(model, (cache = new WeakMap()));
  const leaves = (a: CatalogAction) => !ownDenies.some((d) => statementCoversAction(d, a.name)) && (!guarded || guardrailsLeaveAction(model.organization, a.name));
  return (expanded) => {
    let split = cache.get(expanded);
    if (!split) {
      const decided: CatalogAction[] = [];
      const asked: CatalogAction[] = [];
      for (const a of expanded) (leaves(a) ? decided : asked).push(a);
      // The whole expansion, when nothing is asked: its service runs are kept per expansion (serviceRuns).
      cache.set(expanded, (split = asked.length === 0 ? { decided: expanded, asked } : { decided, asked }));
    }
    return split;
  };
}

/**
 * The key under which reach lists share one answer per resource: actions that match the same statements get the
 * same decision (see actionMatchKey); a Lambda function, KMS key or SQS queue may bring its own policy
 * (mayHaveOwnPolicy), so those are asked action by action.
 */
function decisionKey(model: AccountModel, rolePolicies: readonly PolicyDocument[], action: string, resource: string): string {
  return mayHaveOwnPolicy(resource, model) ? `${action}\u0000${resource}` : `${actionMatchKey(rolePolicies, action)}\u0000${resource}`;
}

/**
 * Whether a Resource pattern can match an ARN at all: `"my-function"` (a name where an ARN belongs) matches no
 * request, so it reaches nothing and must not be drawn as a resource the role can access. One spelled `ARN:…` may:
 * the evaluator reads it as `arn:…` too.
 */
function mayNameArn(pattern: string): boolean {
  return pattern.includes("${") || globMayStartWith(pattern, "arn:") || otherCaseArnHead(pattern);
}

export interface RoleReach {
  reaches: Reach[];
  /** What the statements name on resources IAM never authorises those actions against; sorted as `reaches`. */
  ineffective: IneffectiveGrant[];
  /** What they grant that a Deny refuses outright; sorted as `reaches`. */
  denied: DeniedGrant[];
}

export function reachesOf(model: AccountModel, role: RoleModel): Reach[] {
  return roleReach(model, role).reaches;
}

/**
 * A group's actions that IAM may authorise on its resource, and those it never does; undefined when all may (the
 * usual case, so no arrays are made for it). Every-action groups and NotResource groups name no one resource type.
 */
function splitByResourceFit(g: Group): { kept: string[]; ineffective: string[] } | undefined {
  if (g.service === "*" || g.resource.startsWith("* except ")) return undefined;
  let ineffective: string[] | undefined;
  for (const a of g.actions) if (!mayBeAuthorisedOn(a, g.resource)) (ineffective ??= []).push(a);
  if (!ineffective) return undefined;
  const kept: string[] = [];
  for (const a of g.actions) if (!ineffective.includes(a)) kept.push(a);
  return { kept, ineffective };
}

function levelsOfActions(actions: readonly string[]): string[] {
  const levels: string[] = [];
  for (const a of actions) once(levels, accessLevelOf(a) ?? "Write");
  return levelsInOrder(levels);
}

export function roleReach(model: AccountModel, role: RoleModel): RoleReach {
  const guardrailDocs = guardrailDocumentsOver(model, role);
  const ownDenies = denyStatements(role);
  const denies = guardrailDocs.length > 0 ? [...ownDenies, ...guardrailDenies(guardrailDocs)] : ownDenies;
  const resourceDenies = resourcePolicyDenies(model, role);
  const everyDeny = resourceDenies.length > 0 ? [...denies, ...resourceDenies] : denies;
  const groups = new ReachGroups(everyDeny);
  const decided = new Map<string, Decided>();
  // Without a boundary, an unconditional Allow statement is the answer for each of its own actions that no Deny of
  // the role's may cover and every SCP and RCP lets through (untouchedActions) on each of its own Resource patterns (a
  // pattern matches itself); only the resource can still change it (another account; a Lambda function's or KMS
  // key's own policy, so those are asked action by action). So one question per resource decides all those actions;
  // the evaluator answers it, as for any other action. The other actions go to the evaluator one by one.
  const selfDeciding = !role.boundary && role.boundaryArn === undefined;
  const untouched = untouchedActions(model, ownDenies, guardrailDocs.length > 0);
  const bySelf = new Map<string, Decided>();
  const ownPolicies = role.boundary ? [...role.identity, role.boundary] : role.identity;
  const rolePolicies = guardrailDocs.length > 0 ? [...ownPolicies, ...guardrailDocs] : ownPolicies;
  const walk: RoleWalk = { model, role, groups, decided, gated: new Map(), rolePolicies, everyDeny, conditionalEvery: [] };


  for (const policy of role.identity) {
    for (const st of policy.statements) {
      if (st.effect !== "Allow") continue;
      const via = statementRef(policy, st);
      const resources = st.resource ? st.resource.filter(mayNameArn) : ["*"];
      const conditionalStatement = st.conditions.length > 0;
      if (!st.action || st.action.includes("*")) {
        for (const resource of resources) {
          const shown = st.notResource ? `* except ${st.notResource.join(", ")}` : resource;
          if (!everyAction(walk, st, via, resource, shown) && role.boundary) boundaryPart(walk, role.boundary, st, via, resource);
        }
        continue;
      }
      const decides = selfDeciding && st.resource !== undefined && !conditionalStatement && !resourceHasVariables(st, st.resource);
      // Asked action by action: every resource when the statement does not decide alone, else its functions and keys.
      const asked = decides ? resources.filter((r) => mayHaveOwnPolicy(r, model)) : resources;
      for (const pattern of st.action) {
        const expanded = expandActionPattern(pattern);
        // A trust-gated action is not answered by its statement alone (trustGated): its pattern is asked action by action.
        const split = decides && !expanded.some((a) => TRUST_GATED.test(a.name)) ? untouched(expanded) : undefined;
        const block = split !== undefined && split.decided.length > 0;
        if (block) {
          // The statement decides each of those actions on each resource without a policy of its own: one answer
          // per resource, and they join their groups as a block (no Deny of the role's to overlap).
          const nonePolicied: string[] = [];
          for (const resource of resources) {
            if (mayHaveOwnPolicy(resource, model)) continue;
            nonePolicied.push(resource);
            let d = bySelf.get(resource);
            if (!d) {
              d = decidedOf(roleDecision(model, role, { action: (split.decided[0] as CatalogAction).name, resource }));
              bySelf.set(resource, d);
            }
            if (!d.ok) continue;
            for (const run of serviceRuns(split.decided)) {
              const g = groups.groupOf(run.service, resource);
              for (const a of run.actions) {
                groups.grantWay(g, a, via, d.conditional);
                // No Deny of the role's own covers these (untouchedActions), but a function's or key's policy may.
                if (resourceDenies.length > 0) groups.noteDenies(g, a);
              }
              for (const l of run.levels) once(g.levels, l);
              once(g.patterns, pattern);
              once(g.via, via);
            }
          }
          if (split.asked.length > 0 && nonePolicied.length > 0) askEach(walk, st, via, pattern, split.asked, nonePolicied);
        }
        const here = decides && !block ? resources : asked;
        if (here.length > 0) askEach(walk, st, via, pattern, expanded, here);
      }
    }
  }
  if (walk.conditionalEvery.length > 0) conditionalExcepts(walk);
  addResourcePolicyReach(model, role, groups);
  addMountReach(model, role, groups);

  const reaches: Reach[] = [];
  const ineffective: IneffectiveGrant[] = [];
  // The report keeps each group's patterns and via as copies: an array grown by push from empty keeps room for 16
  // more items, ~130 bytes for each of ~50,000 short lists on the 10,000-function account, copied by every young
  // collection that finds them alive.
  groups.settleRefused();
  groups.settleConditional((way, resource) => conditionalWayKeys(role, way, resource));
  for (const g of groups.all) {
    const split = splitByResourceFit(g);
    if (split) ineffective.push({ service: g.service, resource: g.resource, actions: sortInPlace(split.ineffective, byCodeUnits), via: g.via });
    if (split?.kept.length === 0) continue;
    const actions = split ? sortInPlace(split.kept, byCodeUnits) : sortInPlace(withExcepts(g, [...g.actions]), byCodeUnits);
    reaches.push({
      service: g.service,
      resource: g.resource,
      actions,
      patterns: sortInPlace(withExcepts(g, g.patterns.slice()), byCodeUnits),
      accessLevels: split ? levelsOfActions(split.kept) : levelsInOrder(g.levels),
      conditional: g.conditional,
      ...(g.conditional || g.partiallyDenied ? reachLimits(model, role, everyDeny, g, actions) : {}),
      via: g.via.slice(),
      ...(g.conditionalWays ? { conditionalWays: conditionalWaysOf(g.conditionalWays) } : {}),
    });
  }
  const unused = ineffective.length ? grantingNothing(role, ineffective) : ineffective;
  // The Deny statements' names only for a role with a refused grant (few): not a list made for each of 10,000 roles.
  let refs: DenyRef[] | undefined;
  const denied = groups.deniedGrants((service, resource, actions) => deniedByOf((refs ??= everyDeny.map(withRef)), role, service, resource, actions));
  return { reaches: sortInPlace(reaches, byServiceThenResource), ineffective: unused.length > 1 ? sortInPlace(unused, byServiceThenResource) : unused, denied };
}

/**
 * What roleReach's steps below share for one role. They are module functions given this, not closures in roleReach:
 * tsx's kept names cost a defineProperty per named closure made (see roleRequest, role-access.ts).
 */
interface RoleWalk {
  model: AccountModel;
  role: RoleModel;
  groups: ReachGroups;
  decided: Map<string, Decided>;
  // Trust-gated answers per action and resource: the decision cache may share one answer among all of sts:*.
  gated: Map<string, Decided>;
  rolePolicies: readonly PolicyDocument[];
  everyDeny: readonly Statement[];
  /** The conditional every-action statements in force, for what they alone may grant (conditionalExcepts). */
  conditionalEvery: { g: Group; st: Statement; via: string; resource: string }[];
}

function trustGatedAnswer(walk: RoleWalk, action: string, resource: string, d: Decided): Decided {
  const key = `${action.toLowerCase()}\u0000${resource}`;
  let g = walk.gated.get(key);
  if (!g) walk.gated.set(key, (g = trustGated(walk.model, walk.role, action, resource, d)));
  return g;
}

// One Action pattern's actions on these resources, asked action by action. Refused on a resource, an action may
// still be allowed on the narrower patterns the permissions boundary grants it on, so those are asked instead;
// for a NotResource statement too, whose `*` the boundary narrows just the same (the evaluator says whether the
// exclusion takes a pattern out). Every statement comes here, so a boundary narrows all of them alike.
function askEach(walk: RoleWalk, st: Statement, via: string, pattern: string, actions: readonly CatalogAction[], asked: readonly string[]): void {
  const { model, role, groups, decided, rolePolicies } = walk;
  const conditionalStatement = st.conditions.length > 0;
  for (const action of actions) {
    const service = serviceOf(action.name);
    for (const resource of asked) {
      if (mountedGrant(walk, st, via, pattern, action, resource)) continue;
      const key = decisionKey(model, rolePolicies, action.name, resource);
      let d = decided.get(key);
      if (!d) {
        d = decidedOf(roleDecision(model, role, { action: action.name, resource }));
        decided.set(key, d);
      }
      if (TRUST_GATED.test(action.name)) d = trustGatedAnswer(walk, action.name, resource, d);
      const shownResource = st.notResource ? `* except ${st.notResource.join(", ")}` : resource;
      if (d.ok) {
        groups.add(service, shownResource, action.name, pattern, action.accessLevel, via, d.conditional || conditionalStatement, st);
        continue;
      }
      groups.noteRefused(service, shownResource, action.name);
      if (d.denied) groups.noteDenied(service, shownResource, action.name, via);
      for (const narrower of boundaryNarrowing(role, action.name, resource)) {
        const excluded = excludedOf(st, narrower);
        if (excluded === "all") continue;
        if (mountedGrant(walk, st, via, pattern, action, narrower)) continue;
        const n = trustGated(model, role, action.name, narrower, decidedOf(roleDecision(model, role, { action: action.name, resource: narrower })));
        if (!n.ok) continue;
        groups.add(service, narrower, action.name, pattern, action.accessLevel, via, n.conditional || conditionalStatement, st);
        if (excluded === "part") groups.cutByNotResource(groups.groupOf(service, narrower), via);
      }
    }
  }
}

/**
 * A file system the role's functions mount is asked as they mount it, as addMountReach asks its policy's grants,
 * whether the statement names it or the boundary narrows the statement to it: asked without the access point, a
 * condition the mount settles (TLS, the access point) would read as unknown. False when `resource` is no such mount.
 */
function mountedGrant(walk: RoleWalk, st: Statement, via: string, pattern: string, action: CatalogAction, resource: string): boolean {
  const mount = action.name.startsWith("elasticfilesystem:") ? mountOf(walk.model, walk.role, resource) : undefined;
  if (mount) mountGrant(walk, st, via, pattern, action, mount);
  return mount !== undefined;
}

/**
 * An identity statement's grant on a file system the role's functions mount, asked as they mount it (addMountReach
 * asks the file system policy's grants so): a condition the mount settles (the access point, TLS) is no unknown, and
 * a statement whose condition no mount meets grants nothing through them. Allowed through one access point and denied
 * through another, the function mounting that one is refused: partly denied.
 */
function mountGrant(walk: RoleWalk, st: Statement, via: string, pattern: string, action: CatalogAction, mount: RoleMount): void {
  const { model, role, groups } = walk;
  const policy = role.identity.find((p) => p.statements.includes(st));
  const d = mountDecision(model, role, mount, action.name, policy ? { policy, statement: st } : undefined);
  const fs = mount.fileSystemArn;
  if (d.ok) {
    groups.add("elasticfilesystem", fs, action.name, pattern, action.accessLevel, via, d.conditional || (!policy && st.conditions.length > 0), d.conditional ? d.keys : st);
    if (d.deniedWay) groups.groupOf("elasticfilesystem", fs).partiallyDenied = true;
  } else if (d.denied) {
    groups.noteRefused("elasticfilesystem", fs, action.name);
    groups.noteDenied("elasticfilesystem", fs, action.name, via);
  }
}

// Every action (Action "*" or NotAction) on one resource, shown as `shown`: one group, in force when any probe the
// statement covers is allowed; partly denied when a probe is denied or a Deny may remove part of it. False when no
// probe is allowed.
function everyAction(walk: RoleWalk, st: Statement, via: string, resource: string, shown: string): boolean {
  const { model, role, groups, everyDeny } = walk;
  const probes = PROBES.filter((a) => !(st.notAction ?? []).some((p) => actionMatches(p, a)));
  let allowed = 0;
  let conditional = 0;
  for (const action of probes) {
    const d = roleDecision(model, role, { action, resource });
    if (d === "allowed") allowed++;
    else if (d === "conditional") conditional++;
  }
  if (allowed + conditional === 0) return false;
  const conditionalWay = allowed === 0 || st.conditions.length > 0;
  const g = groups.groupOf("*", shown);
  const leftOut = st.action ? [] : (st.notAction ?? []);
  const excepts = (g.excepts ??= { any: leftOut });
  excepts.any = commonExcepts(excepts.any, leftOut);
  if (!conditionalWay) excepts.sure = excepts.sure ? commonExcepts(excepts.sure, leftOut) : leftOut;
  else walk.conditionalEvery.push({ g, st, via, resource });
  groups.add("*", shown, "*", "*", "Permissions management", via, conditionalWay, st);
  for (const level of LEVEL_ORDER) once(g.levels, level); // every action: every access level
  if (allowed + conditional < probes.length || everyDeny.some((d) => (d.resource ?? ["*"]).some((r) => globsOverlap(r, resource)))) g.partiallyDenied = true;
  return true;
}

/**
 * What the certain every-action statements leave out (`NotAction iam:*`) that a conditional one grants (`Action *`
 * under MFA): their group's `except` does not hold it, and it is no certain grant either, so those actions are asked
 * of the evaluator as that statement's, action by action, and join their services' groups (conditional, naming it).
 */
function conditionalExcepts(walk: RoleWalk): void {
  for (const { g, st, via, resource } of walk.conditionalEvery) {
    for (const pattern of g.excepts?.sure ?? []) {
      const actions = expandActionPattern(pattern).filter((a) => statementCoversAction(st, a.name));
      if (actions.length > 0) askEach(walk, st, via, pattern, actions, [resource]);
    }
  }
}

// An every-action statement refused on a resource by a permissions boundary that allows less (IAM grants the
// intersection of the two, reference_policies_evaluation-logic.html) still reaches the boundary's part of it:
// the actions a boundary statement names, asked as if the statement named them (so narrowed to the boundary's
// resources like any other grant), and, for a boundary statement of every action, its resources inside this one.
function boundaryPart(walk: RoleWalk, boundary: PolicyDocument, st: Statement, via: string, resource: string): void {
  const { groups } = walk;
  for (const b of boundary.statements) {
    if (b.effect !== "Allow") continue;
    if (b.action && !b.action.includes("*")) {
      for (const pattern of b.action) askEach(walk, st, via, pattern, expandActionPattern(pattern).filter((a) => statementCoversAction(st, a.name)), [resource]);
    } else {
      for (const n of b.resource ?? []) {
        if (n === resource || !globMatches(resource, n)) continue;
        const excluded = excludedOf(st, n);
        if (excluded !== "all" && everyAction(walk, st, via, n, n) && excluded === "part") groups.cutByNotResource(groups.groupOf("*", n), via);
      }
    }
  }
}

function reachLimits(model: AccountModel, role: RoleModel, everyDeny: readonly Statement[], g: Group, actions: readonly string[]) {
  return {
    ...(g.conditional ? conditionalOn(model, role, g.resource, stillConditional(g, actions), mountContexts(model, role, g)) : {}),
    ...(g.partiallyDenied ? { partiallyDenied: true, ...deniersOf(deniedByOf(everyDeny.map(withRef), role, g.service, g.resource, g.refused ? [...actions, ...g.refused] : actions, g.cutBy)) } : {}),
  };
}

/** The group's actions no way grants for certain, as conditionalOn asks them (an every-action group by its probes). */
function stillConditional(g: Group, actions: readonly string[]): readonly string[] {
  const uncertain = g.uncertain ? actions.filter((a) => g.uncertain!.includes(a)) : actions;
  return g.service === "*" ? probesOf(uncertain) : uncertain;
}

/**
 * The keys that decide an outdone conditional way: a mount's as its answer named them; an identity statement's, those
 * the evaluator names for its own condition (asked of the action, or an every-action statement's first probe).
 */
function conditionalWayKeys(role: RoleModel, way: ConditionalWay, resource: string): WayCondition {
  const st = way.keys;
  if (!("effect" in st)) return st;
  const policy = role.identity.find((p) => p.statements.includes(st));
  const action = way.action === "*" || way.action.startsWith("except ") ? PROBES.find((a) => statementCoversAction(st, a)) : way.action;
  if (!policy || !action) return NO_KEYS;
  // The statement alone, as the role's request meets it: the evaluator's answer names only the certain Allow.
  const own = matchStatement(st, policy, roleRequest(role, { action, resource: resource.startsWith("* except ") ? "*" : resource }));
  if (own.condition === "unknown") return own.unknownKeys;
  return own.matched ? own.condition === "true" : NO_KEYS;
}

function conditionalWaysOf(ways: ReadonlyMap<string, ReadonlySet<string>>): { via: string; conditionKeys: string[] }[] {
  return [...ways].map(([via, keys]) => ({ via, conditionKeys: [...keys].sort() }));
}

/** How the role's functions ask for a file system they mount: one request context per access point (mountContext). */
function mountContexts(model: AccountModel, role: RoleModel, g: Group): Record<string, string>[] | undefined {
  const mount = g.service === "elasticfilesystem" ? mountOf(model, role, g.resource) : undefined;
  return mount?.accessPoints.map(mountContext);
}

function mountOf(model: AccountModel, role: RoleModel, resource: string): RoleMount | undefined {
  if (!resource.includes(":elasticfilesystem:")) return undefined;
  return roleMounts(model, role.arn).find((m) => m.fileSystemArn === resource);
}

function byServiceThenResource(a: { service: string; resource: string }, b: { service: string; resource: string }): number {
  return a.service.localeCompare(b.service) || a.resource.localeCompare(b.resource);
}

function addDenies(out: Statement[], p: PolicyDocument): void {
  for (const s of p.statements) {
    if (s.effect !== "Deny") continue;
    out.push(s);
    if (!denyRefs.has(s)) denyRefs.set(s, statementRef(p, s));
  }
}

function withRef(statement: Statement): DenyRef {
  return { statement, ref: denyRefs.get(statement) ?? `Deny #${statement.sid ?? statement.index}` };
}

/**
 * What two every-action statements both leave out, as NotAction patterns: of each pair, the narrower where one
 * covers the other (`iam:Create*` of `iam:*`); one statement's `iam:*` beside another's `s3:*` leaves out nothing.
 * Two that only overlap (`iam:Create*`, `iam:*Role`) both leave out the catalog's actions matching each, named one by
 * one (`iam:CreateRole`): a reach lists the catalog's actions, and no one glob is that intersection. An entry another
 * covers is dropped, so the list reads as short as it can.
 */
function commonExcepts(a: readonly string[], b: readonly string[]): string[] {
  const out = new Set<string>();
  for (const x of a) for (const y of b) {
    if (actionMatches(y, x)) out.add(x);
    else if (actionMatches(x, y)) out.add(y);
    else if (globsOverlap(x, y, true)) for (const action of expandActionPattern(x)) if (actionMatches(y, action.name)) out.add(action.name);
  }
  const list = [...out];
  return list.filter((x) => !list.some((y) => y !== x && actionMatches(y, x) && !(actionMatches(x, y) && y > x)));
}

/** An every-action group's actions and patterns with its exceptions (Group.excepts) as `except …` entries. */
function withExcepts(g: Group, list: string[]): string[] {
  const e = g.excepts;
  const left = e ? (e.sure ?? e.any) : [];
  for (const x of left) list.push(`except ${x}`);
  return list;
}

/** The probes an every-action reach stands for: `["*", "except a", …]` leaves out what its NotAction names. */
function probesOf(actions: readonly string[]): string[] {
  const except = actions.filter((a) => a.startsWith("except ")).map((a) => a.slice("except ".length));
  return PROBES.filter((p) => !except.some((e) => actionMatches(e, p)));
}

function deniersOf(deniedBy: string[]): { deniedBy?: string[] } {
  return deniedBy.length > 0 ? { deniedBy } : {};
}

/**
 * Of the action/resource pairs IAM never authorises, those whose statement grants the action on none of its
 * resources, with those statements as `via`. One statement often lists a cluster's, topic's and group's actions on
 * all three ARNs (AWS's own examples do): each action then works on its own resource, and the other pairs are not
 * worth a word. Asked per statement, since two statements can share a group; only for roles with such pairs (rare).
 */
function grantingNothing(role: RoleModel, ineffective: IneffectiveGrant[]): IneffectiveGrant[] {
  // The Allow statements listing each resource, in document order, found once: a role of hundreds of policies (or
  // statements) listing a resource each would otherwise be read whole for every resource and action.
  const listing = new Map<string, [PolicyDocument, Statement][]>();
  for (const policy of role.identity) {
    for (const st of policy.statements) {
      if (st.effect !== "Allow" || !st.resource) continue;
      for (const r of new Set(st.resource)) addTo(listing, r, [policy, st]);
    }
  }
  // Per statement, remembered: a statement listing thousands of resources is asked once per action, not per group.
  const grantsSomewhere = new Map<Statement, Map<string, boolean>>();
  const grants = (st: Statement, action: string) => {
    let byAction = grantsSomewhere.get(st);
    if (!byAction) grantsSomewhere.set(st, (byAction = new Map()));
    let ok = byAction.get(action);
    if (ok === undefined) byAction.set(action, (ok = (st.resource ?? []).some((r) => mayBeAuthorisedOn(action, r))));
    return ok;
  };
  const out: IneffectiveGrant[] = [];
  for (const g of ineffective) {
    const actions: string[] = [];
    const via: string[] = [];
    const statements = listing.get(g.resource) ?? [];
    for (const action of g.actions) {
      let nowhere = false;
      for (const [policy, st] of statements) {
        if (!statementCoversAction(st, action)) continue;
        if (grants(st, action)) continue;
        nowhere = true;
        once(via, statementRef(policy, st));
      }
      if (nowhere) actions.push(action);
    }
    if (actions.length) out.push({ ...g, actions, via });
  }
  return out;
}
