/**
 * "The execution role needs these actions on these resources": one evaluation per action and resource through
 * `ctx.can`, and one finding builder shared by every rule of that shape (event sources, logs, VPC, tracing,
 * async targets). Denied answers say "lacks", conditional ones "may lack … (depends on …)", never "fine".
 */
import { createHash } from "node:crypto";
import type { FunctionModel } from "@/lib/analysis/account-model";
import { identityNotSeen, type RoleModel } from "@/lib/analysis/role-model";
import type { PolicyDocument } from "@/lib/policy/types";
import { allowsAction, allowsOn } from "./role-probes";
import { iamPolicySize, inlinePoliciesAfter, MANAGED_POLICIES_PER_ROLE, POLICY_LIMITS } from "./policy-size";
import type { Evidence, Finding, Severity } from "@/lib/analysis/types";
import type { Decision, EvaluationResult, StatementMatch, UndocumentedValue } from "@/lib/policy/types";
import { dedupe, dependsOnWhat, missingActionEvidence, resultEvidence } from "./evidence";
import { functionFinding } from "./function-finding";
import { allowPolicySnippet, grantStatementsSnippet, keyStateRemediation, shellArg, type Grant } from "./remediation";
import { accountOfArn, serviceOfArn } from "@/lib/analysis/arn";
import { statementApplies } from "@/lib/policy/statement";
import { softer } from "./severity";
import { compactActions, fitActions, TITLE_MAX } from "./headline";
import type { RuleContext } from "./types";
import { DECISION_RANK } from "@/lib/policy/decision";

export interface Need {
  action: string;
  /** Every resource the action is authorised against; all of them must be allowed. */
  resources: string[];
  /** Alternatives that satisfy the need as well (`kafka:DescribeCluster` for `kafka:DescribeClusterV2`). */
  or?: string[];
  /** Missing it degrades the feature rather than breaking it: the finding is one step softer. */
  secondary?: boolean;
  /** Resource pattern to suggest in the fix when the evaluated ARNs are samples (log streams). */
  grantResource?: string;
  /** The need holds only under an assumption the snapshot cannot confirm, e.g. "if the cluster uses IAM auth". */
  assumption?: string;
  /**
   * Condition keys the request for `action` carries, by resource, where the configuration gives their values (the
   * subnet of a network interface); keys not given stay unknown.
   */
  context?: Record<string, Record<string, string | string[]>>;
  /** Keys (lower-cased) the request carries, by resource, with a value AWS does not document (viaServiceValue). */
  undocumented?: Record<string, Record<string, UndocumentedValue>>;
  /** The resource is an AWS managed KMS key, whose key policy AWS writes and no one can edit. */
  awsManagedKey?: true;
}

interface Outcome {
  need: Need;
  /** The action and resource whose answer decided the outcome (for evidence). */
  action: string;
  resource: string;
}

/** A need the role meets: no evidence is written for it. */
export interface MetNeed extends Outcome {
  decision: "allowed";
}

/** A need the role lacks or may lack, with the full answer behind it. */
export interface UnmetNeed extends Outcome {
  decision: Exclude<Decision, "allowed">;
  result: EvaluationResult;
  /** The need's resources the action is not allowed on: the fix grants these, not the ones already allowed. */
  shortOn?: string[];
}

export type NeedOutcome = MetNeed | UnmetNeed;


/**
 * Who makes the requests: the function (its code, and the log and trace calls Lambda makes for it, which carry
 * lambda:SourceFunctionArn), or Lambda itself outside the execution environment (pollers, network interfaces,
 * deliveries), whose requests do not (AccessQuery.byLambda).
 */
export type Requester = "function" | "lambda";

/**
 * Evaluates each need for the function's execution role. Undefined when there is nothing to report: the role is
 * not in the snapshot (other rules say so), or every need is met (most functions), so callers build no finding
 * text for them. Each need is first decided without evidence; the full answer is asked only for one not met.
 */
export function checkNeeds(
  ctx: RuleContext,
  fn: FunctionModel,
  needs: Need[],
  role: RoleModel | undefined = fn.role,
  requester: Requester = "function",
): NeedOutcome[] | undefined {
  if (!role) return undefined;
  const byLambda = requester === "lambda";
  // With an identity policy unread, every answer but a Deny comes back "conditional": the best alternative and the
  // worst resource are then picked on what the readable policies say (the lean), as the verdict is.
  const byLean = role.unreadableIdentity.length > 0;
  const out: NeedOutcome[] = [];
  let unmet = false;
  for (const need of needs) {
    // The best alternative action, each judged by its worst resource (every resource must be allowed). Loops
    // with plain variables: this runs for every function and need of the account.
    let action: string | undefined;
    let resource = "";
    let decision: Decision = "explicitly-denied";
    let shortOn: string[] | undefined;
    const alternatives = need.or?.length ?? 0;
    for (let a = -1; a < alternatives; a++) {
      const candidate = a < 0 ? need.action : (need.or as string[])[a] as string;
      let worstResource: string | undefined;
      let worst: Decision = "allowed";
      let short: string[] | undefined;
      for (const r of need.resources) {
        const query = { action: candidate, resource: r, byLambda, context: contextOf(need, candidate, r), undocumented: undocumentedOf(need, candidate, r) };
        const d = byLean ? readableDecision(ctx.can(fn, query, role)) : ctx.decide(fn, query, role);
        if (!d) throw new Error(`no execution role for ${fn.arn}`);
        if (d !== "allowed") (short ??= []).push(r);
        if (worstResource === undefined || DECISION_RANK[d] > DECISION_RANK[worst]) {
          worstResource = r;
          worst = d;
        }
      }
      if (worstResource !== undefined && (action === undefined || DECISION_RANK[worst] < DECISION_RANK[decision])) {
        action = candidate;
        resource = worstResource;
        decision = worst;
        shortOn = short;
      }
    }
    if (action === undefined) continue;
    if (decision === "allowed") {
      out.push({ need, action, resource, decision });
      continue;
    }
    const result = ctx.can(fn, { action, resource, byLambda, context: contextOf(need, action, resource), undocumented: undocumentedOf(need, action, resource) }, role);
    if (!result) throw new Error(`no execution role for ${fn.arn}`);
    // The readable policies grant it and only an unread document could refuse it: the evidence says the need is
    // met, and data-unavailable names the gap (reporting "may lack" for every need would drown the real ones).
    if (result.decision === "allowed" || (result.decision === "conditional" && result.unread === "may-deny")) {
      out.push({ need, action, resource, decision: "allowed" });
      continue;
    }
    // Only a document the scan never saw (its read failed) could grant it: the rule says nothing on data it could not
    // see, and data-unavailable names the read and this rule among those judged without it.
    if (result.unread === "may-allow" && identityNotSeen(role)) continue;
    // The answer's own decision, not the lean it was picked on: where only an unread document could grant the need
    // it is "may lack", as the evidence says, never "lacks".
    out.push({ need, action, resource, decision: result.decision, result, ...(shortOn ? { shortOn } : {}) });
    unmet = true;
  }
  return unmet ? out : undefined;
}

/** The keys a request for the need's own action carries on `resource` (alternatives are other requests). */
function contextOf(need: Need, action: string, resource: string): Record<string, string | string[]> | undefined {
  return action === need.action ? need.context?.[resource] : undefined;
}

/** The keys such a request carries with a value AWS does not document, as contextOf's. */
function undocumentedOf(need: Need, action: string, resource: string): Record<string, UndocumentedValue> | undefined {
  return action === need.action ? need.undocumented?.[resource] : undefined;
}

/** What the readable documents alone say, for answers lowered to "conditional" only by unread ones. */
function readableDecision(result: EvaluationResult | undefined): Decision | undefined {
  if (!result) return undefined;
  return result.unread === "may-deny" ? "allowed" : result.unread === "may-allow" ? "implicitly-denied" : result.decision;
}

function actionName(need: Need): string {
  return need.or?.length ? `${need.action} (or ${need.or.join(" or ")})` : need.action;
}

function isDenied(d: Decision): boolean {
  return d === "implicitly-denied" || d === "explicitly-denied";
}

export interface NeedsVerdict {
  /** Needs the role definitely lacks. */
  missing: UnmetNeed[];
  /** Needs it may lack: conditional answers, or denied needs that rest on an assumption. */
  uncertain: UnmetNeed[];
}

export function verdictOf(outcomes: NeedOutcome[]): NeedsVerdict {
  const unmet = outcomes.filter((o): o is UnmetNeed => o.decision !== "allowed");
  const missing = unmet.filter((o) => isDenied(o.decision) && !o.need.assumption);
  return { missing, uncertain: unmet.filter((o) => !missing.includes(o)) };
}

/** "(depends on aws:SourceIp; if the cluster uses IAM authentication)" for uncertain needs. */
function dependsOn(uncertain: UnmetNeed[]): string {
  const parts = new Set<string>();
  for (const o of uncertain) {
    if (o.need.assumption) parts.add(o.need.assumption);
    if (o.decision === "conditional") parts.add(`depends on ${dependsOnWhat(o.result)}`);
  }
  return parts.size ? ` (${[...parts].join("; ")})` : "";
}

/**
 * "SQS trigger lacks sqs:ReceiveMessage; may lack kms:Decrypt (depends on aws:SourceVpc)": every action when the
 * names fit (written once per service if need be); else the actions lacking outright, as many as fit, and a count
 * of the uncertain ones. The detail has a sentence for each.
 */
function needsTitle(subject: string, missing: UnmetNeed[], uncertain: UnmetNeed[]): string {
  // Alternatives of one need (a function's two log groups) name the same action twice.
  const names = (list: UnmetNeed[]) => [...new Set(list.map((o) => actionName(o.need)))];
  const maybe = uncertain.length ? dependsOn(uncertain) : "";
  const compose = (lacks: string[], mayLack: string[]) =>
    lacks.length
      ? `${subject} lacks ${lacks.join(", ")}${mayLack.length ? `; may lack ${mayLack.join(", ")}${maybe}` : ""}`
      : `${subject} may lack ${mayLack.join(", ")}${maybe}`;
  for (const shorten of [(l: string[]) => l, compactActions]) {
    const title = compose(shorten(names(missing)), shorten(names(uncertain)));
    if (title.length <= TITLE_MAX) return title;
  }
  if (missing.length === 0) return `${subject} may lack ${fitActions(names(uncertain), TITLE_MAX - subject.length - 10 - maybe.length)}${maybe}`;
  const rest = uncertain.length ? `; may lack ${uncertain.length} more` : "";
  return `${subject} lacks ${fitActions(names(missing), TITLE_MAX - subject.length - 7 - rest.length)}${rest}`;
}

export interface NeedsFindingInput {
  rule: string;
  severity: Severity;
  fn: FunctionModel;
  /** The version's ARN when the finding is about a published version's own configuration (deployments.ts). */
  about?: string;
  /** Distinguishes several findings of one rule on one function (mapping UUID, destination ARN). */
  discriminator?: string;
  /** Badge subject: "SQS trigger", "Function", "Dead-letter queue". */
  subject: string;
  outcomes: NeedOutcome[];
  /** Opening sentence of the detail: what is configured and why it needs these actions. */
  intro: string;
  /** What breaks when the actions are missing. */
  impact: string;
  /** Evidence of the configuration that creates the need (mapping, config block). */
  context: Evidence[];
  /** The role that was asked, when not the function's current one (an alias or version published with another). */
  role?: RoleModel;
}

export function needsFinding(input: NeedsFindingInput): Finding | undefined {
  const { missing, uncertain } = verdictOf(input.outcomes);
  if (missing.length === 0 && uncertain.length === 0) return undefined;
  const title = needsTitle(input.subject, missing, uncertain);
  const core = missing.some((o) => !o.need.secondary);
  const severity = core ? input.severity : softer(input.severity);
  const role = input.role ?? input.fn.role;
  const roleName = role?.name;

  const unmet = [...missing, ...uncertain];
  const sentences = unmet.map((o) => {
    const verb =
      o.decision === "explicitly-denied"
        ? "is explicitly denied"
        : o.decision === "conditional"
          ? `may not be allowed (it depends on ${dependsOnWhat(o.result)})`
          : "is not allowed";
    const assumption = o.need.assumption ? ` (needed ${o.need.assumption})` : "";
    return `${o.action} on ${o.resource} ${verb}${assumption}.`;
  });
  const detail = [
    input.intro,
    `The execution role${roleName ? ` ${roleName}` : ""} was evaluated for each required action:`,
    ...sentences,
    // Where nothing is lacking for certain, the impact is a possibility too.
    missing.length ? input.impact : `If the role lacks them: ${input.impact}`,
  ].join(" ");

  const evidence = dedupe([
    ...input.context,
    ...unmet.map((o) => missingActionEvidence(o.action, o.resource, o.result, roleName, undefined, o.need.assumption)),
    // Deciding Denies, conditional statements, or (implicit deny) the Allows a boundary does not let through.
    ...unmet.flatMap((o) => resultEvidence(o.result)),
  ]);

  return functionFinding({
    rule: input.rule,
    severity,
    fn: input.fn,
    about: input.about,
    discriminator: input.discriminator,
    title,
    detail,
    evidence,
    remediation: needsRemediation(unmet, roleName, inlinePolicyName(input), role),
    // needsTitle's "may lack" part is there exactly when some need is uncertain.
    conditional: uncertain.length > 0,
  });
}

/**
 * put-role-policy replaces an inline policy of the same name, so each finding's fix gets its own name (function,
 * version, rule, mapping or destination): applying the fix of one finding must not undo another's. IAM allows [\w+=,.@-]{1,128}.
 */
function inlinePolicyName(input: NeedsFindingInput): string {
  const version = input.about && input.about !== input.fn.arn ? `-${input.about.slice(input.fn.arn.length + 1)}` : "";
  const name = `lpg-${input.fn.name}${version}-${input.rule}${input.discriminator ? `-${input.discriminator}` : ""}`.replace(/[^\w+=,.@-]/g, "-");
  // Cut to fit, the tail (a qualifier, a destination) would be lost and two fixes share one name: a digest of the
  // whole name keeps them apart.
  return name.length <= 128 ? name : `${name.slice(0, 115)}-${createHash("sha256").update(name).digest("hex").slice(0, 12)}`;
}

/**
 * The boundary must allow the action as well, whatever the identity policies say: asked of the boundary itself,
 * not read from the reasons (which name only the first obstacle, e.g. "no identity policy statement allows").
 */
function boundaryBlocks(role: RoleModel | undefined, unmet: UnmetNeed[]): string | undefined {
  if (!role?.boundaryArn) return undefined;
  if (!role.boundary) return role.boundaryArn; // unreadable: it may not allow them
  return unmet.some((o) => !allowsAction(role.boundary as PolicyDocument, o.action, o.resource)) ? role.boundaryArn : undefined;
}

/** Where the refusal of a need the role's own policies grant lies: the key's policy, or another account's resource policy. */
interface TargetRefusal {
  /** What the policy is attached to: the resource itself, or the MSK cluster of a topic or group. */
  holder: string;
  /** How the fix names the policy that must change. */
  policy: string;
  /** The account that owns the resource, when it is not the role's. */
  account?: string;
  keyPolicy: boolean;
  /** An AWS managed key: its policy cannot be edited, so the fix is another key. */
  awsManaged?: true;
}

/** An Allow of the role's own (inline or managed) policies applies to the request, and no Deny decided it. */
function ownPoliciesGrant(o: UnmetNeed): boolean {
  if (o.decision === "explicitly-denied") return false;
  return o.result.statements.some((m) => m.effect === "Allow" && (m.source.kind === "inline" || m.source.kind === "managed") && statementApplies(m) === "true");
}

/**
 * A KMS key's policy must allow every request on the key, and a resource of another account must be granted by its own
 * policy too (lambda-permissions.md §5.2): where the role's own policies grant the action, adding it to them again
 * changes nothing.
 */
function targetRefusal(o: UnmetNeed, role: RoleModel | undefined): TargetRefusal | undefined {
  if (!role) return undefined;
  // A key policy that neither names the role nor delegates to IAM refuses whatever the role's policies grant.
  const keyRefusal = (): TargetRefusal => ({ holder: o.resource, policy: `the key policy of ${o.resource}`, keyPolicy: true, ...(o.need.awsManagedKey ? { awsManaged: true as const } : {}) });
  if (o.result.mandatoryPolicyRefuses && serviceOfArn(o.resource) === "kms") return keyRefusal();
  if (!ownPoliciesGrant(o)) return undefined;
  // The resource's policy already lets the request in (a key policy delegating to the account): another Allow there
  // changes nothing; what may refuse it is a conditioned statement (conditionedRefusals).
  if (o.result.statements.some((m) => m.effect === "Allow" && m.source.kind === "resource" && statementApplies(m) === "true")) return undefined;
  if (serviceOfArn(o.resource) === "kms") return keyRefusal();
  const account = accountOfArn(o.resource);
  if (account === undefined || account === role.account) return undefined;
  const cluster = mskClusterOf(o.resource);
  if (cluster) return { holder: cluster, policy: `the cluster policy of ${cluster} (in account ${account})`, account, keyPolicy: false };
  const kind = serviceOfArn(o.resource) === "sqs" ? "queue policy" : "resource policy";
  return { holder: o.resource, policy: `the ${kind} of ${o.resource} (in account ${account})`, account, keyPolicy: false };
}

/**
 * An MSK cluster has the one resource policy (its cluster policy), which also grants on its topics and groups: a
 * topic's or group's refusal is fixed there, not in a policy of its own.
 */
function mskClusterOf(arn: string): string | undefined {
  const m = /^(arn:[^:]*:kafka:[^:]*:[^:]*:)(?:cluster|topic|group|transactional-id)\/([^/]+)\/([^/]+)(?:\/|$)/.exec(arn);
  return m ? `${m[1]}cluster/${m[2]}/${m[3]}` : undefined;
}

function targetRemediation(refusal: TargetRefusal, outcomes: UnmetNeed[], role: RoleModel): string[] {
  const actionsOn = new Map<string, string[]>();
  for (const o of outcomes) {
    const actions = actionsOn.get(o.resource) ?? [];
    if (!actions.includes(o.need.action)) actions.push(o.need.action);
    actionsOn.set(o.resource, actions);
  }
  const maybe = outcomes.every((o) => o.decision === "conditional");
  const several = actionsOn.size > 1 || [...actionsOn.values()][0]!.length > 1;
  const allowed = [...actionsOn].map(([resource, actions]) => `${actions.join(", ")} on ${resource}`).join("; ");
  const grants = [...actionsOn].map(([resource, actions]) => ({ actions, resource: refusal.keyPolicy ? "*" : resource }));
  const granted = outcomes.every(ownPoliciesGrant);
  if (refusal.awsManaged) {
    return [
      `${refusal.policy.replace(/^t/, "T")} does not let role ${role.name} ${[...actionsOn.values()].flat().join(", ")} with it, and cannot be changed: ` +
        `AWS writes the policies of its managed keys (they let the account in through the owning service only). Encrypt with a customer managed key ` +
        `whose key policy lets the role in instead${granted ? "" : ", and allow the actions on that key in the role's policies"}.`,
    ];
  }
  return [
    (granted
      ? `Role ${role.name}'s own policies already allow ${allowed}; ${refusal.policy} must allow ${several ? "them" : "it"} too`
      : `${refusal.policy.replace(/^t/, "T")} neither names role ${role.name} nor delegates to the account's IAM policies: it must allow ${allowed} too`) +
      (maybe ? " (the snapshot cannot tell whether it does)" : "") +
      `. Add ${grants.length > 1 ? "statements" : "a statement"} like this to ${refusal.keyPolicy ? "the key policy (aws kms get-key-policy, edit, aws kms put-key-policy: put-key-policy replaces the whole policy)" : `that policy${refusal.account ? `, from account ${refusal.account}` : ""}`}:`,
    grantStatementsSnippet("AllowExecutionRole", role.arn, grants),
  ];
}

function needsRemediation(unmet: UnmetNeed[], roleName: string | undefined, policyName: string, role?: RoleModel): string {
  const own: UnmetNeed[] = [];
  const byTarget = new Map<string, { refusal: TargetRefusal; outcomes: UnmetNeed[] }>();
  const refusedOnly: UnmetNeed[] = [];
  // A key KMS will not use refuses whatever the policies say: a grant would change nothing, its state is the fix.
  const unusableKeys = new Map<string, string>();
  // An SCP or RCP refuses what the account's own policies allow: nothing in the account can change that.
  const byGuardrail: UnmetNeed[] = [];
  for (const o of unmet) {
    if (o.result.unusableKeyState !== undefined) {
      unusableKeys.set(o.resource, o.result.unusableKeyState);
      continue;
    }
    if (o.result.guardrailRefuses) {
      byGuardrail.push(o);
      // Once the organization lifts it, the role still needs its own grant where it has none.
      if (!ownGrantOf(o, role)) own.push(o);
      continue;
    }
    const refusal = targetRefusal(o, role);
    if (!refusal) (refusedDespiteOwnAllow(o, role) ? refusedOnly : own).push(o);
    else {
      // Not granted by the role either: both sides need the grant.
      if (!ownPoliciesGrant(o) && !refusedDespiteOwnAllow(o, role) && !refusal.awsManaged) own.push(o);
      const entry = byTarget.get(refusal.holder);
      if (entry) entry.outcomes.push(o);
      else byTarget.set(refusal.holder, { refusal, outcomes: [o] });
    }
  }
  const lines: string[] = [...unusableKeys].map(([key, state]) => keyStateRemediation(key, state));
  if (byGuardrail.length > 0) lines.push(guardrailRemediation(byGuardrail, roleName, role));
  if (own.length > 0) lines.push(...ownGrantRemediation(own, roleName, policyName, role));
  for (const { refusal, outcomes } of byTarget.values()) lines.push(...targetRemediation(refusal, outcomes, role as RoleModel));
  const unread = [...new Set(unmet.flatMap((o) => (o.decision === "conditional" ? (o.result.unreadDocuments ?? []) : [])))];
  if (unread.length) lines.push(`First check ${unread.join(", ")}: the snapshot could not read ${unread.length > 1 ? "them" : "it"}, and ${unread.length > 1 ? "they" : "it"} may grant these already.`);
  // Where the role's own policies already allow the request, adding it to them again changes nothing: the Deny or the
  // boundary is the whole fix.
  const also = own.length > 0 || lines.length > 0;
  if (refusedOnly.length > 0) {
    const may = refusedOnly.every((o) => o.decision === "conditional") ? "may refuse" : "refuses";
    lines.push(`The role's own policies already allow ${compactActions([...new Set(refusedOnly.map((o) => o.action))]).join(", ")}: what ${may} ${refusedOnly.length > 1 ? "them" : "it"} is below.`);
  }
  if (unmet.some((o) => o.decision === "explicitly-denied" && !o.result.guardrailRefuses)) {
    lines.push(`An explicit Deny (see evidence) wins over any Allow: narrow or remove it${also ? " as well" : ""}.`);
  }
  const conditioned = conditionedRefusals(unmet);
  if (conditioned.deny) {
    lines.push(`A Deny (see evidence) applies or not depending on ${conditioned.deny}: if it matches them, narrow it${also ? " as well" : ""}; no Allow overrides it.`);
  }
  if (conditioned.guardrail) {
    lines.push(
      `An SCP or RCP of the account's organization (see evidence) applies or not depending on ${conditioned.guardrail}: if it refuses these ` +
        `requests, only the organization's administrators can change it${also ? " (the rest above still applies)" : ""}.`,
    );
  }
  const boundary = boundaryBlocks(role, unmet);
  if (boundary) lines.push(...boundaryRemediation(role as RoleModel, boundary, unmet, also));
  else if (conditioned.boundary && role?.boundaryArn) {
    lines.push(`The role's permissions boundary (${role.boundaryArn}) allows these only under a condition on ${conditioned.boundary}: if these requests do not meet it, the boundary must allow them${also ? " as well" : ""}.`);
  }
  return lines.join("\n");
}

/**
 * A need an SCP or RCP of the organization refuses (its Deny, or a level from the root to the account that does not
 * allow it): policies are attached in the management account (or by a delegated administrator), so the fix is theirs.
 */
function guardrailRemediation(refused: UnmetNeed[], roleName: string | undefined, role: RoleModel | undefined): string {
  const actions = compactActions([...new Set(refused.map((o) => o.action))]).join(", ");
  const refusing = new Set(refused.flatMap((o) => o.result.refusingGuardrails ?? []));
  const kinds = (["scp", "rcp"] as const).filter((k) => refusing.has(k)).map((k) => GUARDRAIL_NAMES[k]).join(" or ");
  const who = roleName ? `role ${roleName}` : "the execution role";
  const owned = refused.every((o) => ownGrantOf(o, role));
  return (
    `${owned ? `The account's own policies allow ${actions}, but ${refused.length > 1 ? "they are" : "it is"}` : `${actions} ${refused.length > 1 ? "are" : "is"}`} refused by its organization's ${kinds} (see evidence): ` +
    `no change in this account can lift that. Ask the organization's administrators to exempt ${who} from that policy (for example with an ` +
    `aws:PrincipalArn condition on its Deny), or to allow ${refused.length > 1 ? "them" : "it"} at every level from the root to the account.`
  );
}

const GUARDRAIL_NAMES = { scp: "service control policy (SCP)", rcp: "resource control policy (RCP)" } as const;

/**
 * The role's own policies gain the grants: as an inline policy, or as a managed policy attached to the role where the
 * inline one would take the role's inline policies past IAM's quota (put-role-policy then fails with LimitExceeded;
 * roles that generators fill with one large inline policy come close).
 */
function ownGrantRemediation(own: UnmetNeed[], roleName: string | undefined, policyName: string, role?: RoleModel): string[] {
  const snippet = allowPolicySnippet(grantsFor(own));
  const lines = [`Allow the missing actions in an identity policy of ${roleName ? `role ${roleName}` : "the execution role"}, for example:`, snippet];
  if (!roleName) return lines;
  const inline = role ? inlinePoliciesAfter(role, policyName, JSON.parse(snippet)) : 0;
  if (!role || inline <= POLICY_LIMITS.roleInlinePolicies) {
    lines.push(`aws iam put-role-policy --role-name ${shellArg(roleName)} --policy-name ${shellArg(policyName)} --policy-document file://policy.json`);
    return lines;
  }
  const attached = role.raw.AttachedManagedPolicies?.length ?? 0;
  lines.push(
    `As an inline policy it would bring the role's inline policies to ${inline.toLocaleString("en-US")} characters, past IAM's ` +
      `${POLICY_LIMITS.roleInlinePolicies.toLocaleString("en-US")} for one role, so save it as policy.json, create it as a managed policy and attach that` +
      (attached >= MANAGED_POLICIES_PER_ROLE
        ? ` (the role has ${attached} managed policies attached, IAM's default quota: detach one first, or raise the quota in Service Quotas):`
        : ":"),
    `aws iam create-policy --policy-name ${shellArg(policyName)} --policy-document file://policy.json`,
    `aws iam attach-role-policy --role-name ${shellArg(roleName)} --policy-arn ${shellArg(role.arn.replace(/:role\/.*$/, `:policy/${policyName}`))}`,
  );
  return lines;
}

/** The grants that meet these needs: on the resources they lack, or the pattern a need suggests (log streams). */
function grantsFor(outcomes: UnmetNeed[]): Grant[] {
  return outcomes.flatMap((o) =>
    (o.need.grantResource ? [o.need.grantResource] : (o.shortOn ?? o.need.resources)).map((resource) => ({ action: o.need.action, resource })),
  );
}

/**
 * The boundary with what it refuses added, as its new default version: a customer managed policy can be versioned
 * whole (create-policy-version). An AWS managed boundary cannot be edited, and an unread one cannot be rewritten.
 */
function boundaryRemediation(role: RoleModel, boundaryArn: string, unmet: UnmetNeed[], also: boolean): string[] {
  if (/^arn:[^:]*:iam::aws:policy\//.test(boundaryArn)) {
    return [`The role's permissions boundary (${boundaryArn}) is AWS managed and does not allow these actions: attach a boundary of your own that does (aws iam put-role-permissions-boundary).`];
  }
  const boundary = role.boundary;
  const raw = boundary?.raw as { Statement?: unknown } | undefined;
  const blocked = boundary ? unmet.filter((o) => !allowsAction(boundary, o.action, o.resource)) : [];
  if (!raw || typeof raw !== "object" || raw.Statement === undefined || blocked.length === 0) {
    return [`The role's permissions boundary (${boundaryArn}) must allow these actions${also ? " too: add them to it as well" : ": add them to it"}.`];
  }
  const added = (JSON.parse(allowPolicySnippet(grantsFor(blocked))) as { Statement: unknown[] }).Statement;
  const document = { ...raw, Statement: [...[raw.Statement].flat(), ...added] };
  const size = iamPolicySize(document);
  if (size > POLICY_LIMITS.managedPolicy) {
    return [
      `The role's permissions boundary (${boundaryArn}) must allow these actions${also ? " too" : ""}: add them to it. With them added as statements ` +
        `of their own it would be ${size.toLocaleString("en-US")} characters, past IAM's ${POLICY_LIMITS.managedPolicy.toLocaleString("en-US")} for a ` +
        `managed policy (create-policy-version would fail with LimitExceeded): fold them into its statements, or shorten those, first.`,
    ];
  }
  return [
    `The role's permissions boundary (${boundaryArn}) must allow these actions${also ? " too" : ""}. Save it with them added, below, as boundary.json and make that ` +
      `its default version (a managed policy keeps five versions at most: if it has five, delete an old one first with aws iam delete-policy-version). ` +
      `Below is the version this snapshot holds: if the boundary changed since, another finding's fix included, add the last statements to the current one instead:`,
    JSON.stringify(document, null, 2),
    `aws iam create-policy-version --policy-arn ${shellArg(boundaryArn)} --policy-document file://boundary.json --set-as-default`,
  ];
}

/** A Deny that may apply, or a boundary Allow that may not, because a condition key's value is unknown. */
function conditionedStatement(m: StatementMatch): "deny" | "boundary" | "guardrail" | undefined {
  if (statementApplies(m) !== "unknown") return undefined;
  // An SCP's or RCP's statement (Deny, or an Allow of its level) is the organization's to change, not the account's.
  if (m.source.kind === "scp" || m.source.kind === "rcp") return "guardrail";
  return m.effect === "Deny" ? "deny" : m.source.kind === "boundary" ? "boundary" : undefined;
}

/**
 * The condition keys ("aws:SourceIp") of the conditioned Denies and boundary Allows among conditional answers: what an
 * Allow cannot settle, so the fix names them instead.
 */
function conditionedRefusals(unmet: UnmetNeed[]): { deny?: string; boundary?: string; guardrail?: string } {
  const keys = { deny: new Set<string>(), boundary: new Set<string>(), guardrail: new Set<string>() };
  for (const o of unmet) {
    if (o.decision !== "conditional") continue;
    for (const m of o.result.statements) {
      const kind = conditionedStatement(m);
      if (kind) for (const k of m.unknownKeys) keys[kind].add(k);
    }
  }
  const said = (set: Set<string>) => (set.size ? `${[...set].join(", ")}, whose value in these requests the snapshot cannot tell` : undefined);
  return { deny: said(keys.deny), boundary: said(keys.boundary), guardrail: said(keys.guardrail) };
}

/**
 * An Allow of the role's own policies, with no condition and no policy variable, covers the request, and what refuses
 * it is an explicit Deny or the readable permissions boundary, or what may refuse it is only a Deny or boundary Allow
 * under an unknown condition: the remediation then has nothing to add to the role's policies.
 */
function refusedDespiteOwnAllow(o: UnmetNeed, role: RoleModel | undefined): boolean {
  if (!role || role.unreadableIdentity.length > 0) return false;
  if (o.decision === "conditional") {
    // Only a conditioned statement leaves it open: no unread document, no other account's policy.
    if (o.result.unread || o.result.unreadKeyPolicy || o.result.foreignAccount) return false;
    if (!o.result.statements.some((m) => conditionedStatement(m))) return false;
  } else {
    const byBoundary = role.boundary !== undefined && !allowsAction(role.boundary, o.action, o.resource);
    if (o.decision !== "explicitly-denied" && !byBoundary) return false;
  }
  return ownGrantOf(o, role);
}

/** An unconditioned Allow of the need in the role's own policies (a Deny elsewhere aside). */
function ownGrantOf(o: UnmetNeed, role: RoleModel | undefined): boolean {
  for (const doc of role?.identity ?? []) {
    for (const st of doc.statements) {
      if (st.effect === "Allow" && st.conditions.length === 0 && !st.resourceVariables && allowsOn(st, o.action, o.resource)) return true;
    }
  }
  return false;
}
