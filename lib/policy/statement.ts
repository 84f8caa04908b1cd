/**
 * Does one statement apply to a request? Action/NotAction (reference_policies_elements_action.html,
 * …_notaction.html), Resource/NotResource with policy variables (…_resource.html, …_notresource.html,
 * reference_policies_variables.html), Principal/NotPrincipal (…_principal.html, …_notprincipal.html)
 * and the Condition block (…_condition.html).
 */
import { lowerArnHead, otherCaseArnHead, otherCaseArnHeadWhy, partitionOfArn } from "./arn";
import { conditionsTri, evaluateConditions } from "./conditions/evaluate";
import { namesOnlyByOtherCase, normaliseServicePrincipal, notPrincipalReadings, otherRegionService, principalMatchKind, doubtfulServiceSpellings, isOwnRegionSpelling, undocumentedDomainSpellings, type PrincipalMatchKind } from "./principal";
import type { EvaluationRequest, PolicyDocument, PolicySource, RequestPrincipal, Statement, StatementMatch, Tri } from "./types";
import { DEFAULT_WILDCARD_NOTE, hasVariableBeforeResourcePart, hasVariables, malformedVariableNote, multivaluedVariableNote, substituteVariables, VARIABLES_VERSION, type DefaultReading } from "./variables";
import { compileGlob, isPlainLiteral, resourceListMatches, resourceMatches } from "./wildcard";

export interface MatchOptions {
  /** Check Principal/NotPrincipal (resource and trust policies). */
  checkPrincipal: boolean;
  /**
   * The caller has a permissions boundary: a Deny with NotPrincipal then always applies to it
   * (access_policies_boundaries.html).
   */
  principalHasBoundary?: boolean;
}

const NO_PRINCIPAL_CHECK: MatchOptions = { checkPrincipal: false };

/**
 * Whether the statement's Action (or NotAction) covers `action`, case-insensitively; conditions, resources and
 * effect aside. Exported so candidate filters elsewhere (cost guards, invoker listing) read statements the same way.
 */
export function statementCoversAction(st: Statement, action: string): boolean {
  if (st.action !== undefined) return entriesMatching(st.action, action, st.actionMemo).length > 0;
  if (st.notAction !== undefined) return entriesMatching(st.notAction, action, st.actionMemo).length === 0;
  return false;
}

/**
 * The entries of an Action/NotAction list that match the action, per list and action (frozen, shared): they decide
 * coverage and are the evidence's highlighted part. Parsing shares one array per distinct list (parse.ts), and the
 * same few hundred actions are asked of it across every role, so most answers are a lookup.
 */
const matchedEntries = new WeakMap<readonly string[], Map<string, string[]>>();
const NO_ENTRIES = Object.freeze([]) as unknown as string[];

/** The memo of one Action/NotAction list; parsing stores it on each statement, so the hot path skips this lookup. */
export function actionMemoOf(list: readonly string[]): Map<string, string[]> {
  let byAction = matchedEntries.get(list);
  if (byAction === undefined) {
    byAction = new Map();
    matchedEntries.set(list, byAction);
  }
  return byAction;
}

function entriesMatching(list: readonly string[], action: string, memo?: Map<string, string[]>): string[] {
  const byAction = memo ?? actionMemoOf(list);
  let entries = byAction.get(action);
  if (entries === undefined) {
    entries = Object.freeze(list.filter((p) => compileGlob(p, true).test(action))) as string[];
    byAction.set(action, entries);
  }
  return entries;
}

/** Whether a Resource/NotResource entry holds a policy variable: recorded by parsing, read directly for hand-built statements. */
export function resourceHasVariables(st: Statement, list: readonly string[]): boolean {
  return st.resourceVariables ?? listHasVariables(list);
}

export function listHasVariables(list: readonly string[]): boolean {
  return list.some((p) => p.includes("${"));
}

/**
 * Whether a Resource/NotResource entry writes its head in other case (`ARN:…`, `arn:AWS:…`, arn.ts): recorded by
 * parsing, read directly for hand-built statements. Such an entry is read two ways (plainResourceTri), so a shortcut
 * that matches patterns as written must leave it to the evaluator, as it does an entry with a policy variable.
 */
export function resourceHasOtherCase(st: Statement, list: readonly string[]): boolean {
  return st.resourceOtherCase ?? list.some(otherCaseArnHead);
}

/**
 * A Resource entry without variables: matched as written, and where its head is in other case (`ARN:`, `arn:AWS:`),
 * "unknown" unless read lower-case it fares alike. No page says which reading IAM takes (arn.ts, otherCaseArnHead), so
 * the evaluator decides only where both agree, as conditions/arn.ts does for an `ARN:` condition value.
 */
function plainResourceTri(pattern: string, resource: string, out: ResourceOutcome | undefined): Tri {
  const asWritten = resourceMatches(pattern, resource);
  if (!otherCaseArnHead(pattern) || resourceMatches(lowerArnHead(pattern), resource) === asWritten) return asWritten ? "true" : "false";
  if (out) {
    out.notes.push(`Resource ${pattern}: ${otherCaseArnHeadWhy(pattern)}; AWS does not say whether it matches this resource as ${lowerArnHead(pattern)} or nothing`);
    (out.undocumented ??= []).push(`Resource ${JSON.stringify(pattern)}`);
  }
  return "unknown";
}

/**
 * The element whose entries in other case (`ARN:…`, `arn:AWS:…`, arn.ts) decide whether it covers the caller: a
 * Principal that names the caller only by them, a NotPrincipal whose two readings (as written, lower-cased) disagree
 * on excluding it.
 */
export interface OtherCaseReading {
  element: "Principal" | "NotPrincipal";
  entries: string[];
}

/**
 * Whether the statement covers `principal` on `resource` turns on how AWS reads its Principal or NotPrincipal entries
 * in other case, which no page says: undefined when it does not. A Deny with NotPrincipal applies to a caller with a
 * permissions boundary whatever the list says (principalApplies).
 */
export function otherCaseReading(st: Statement, principal: RequestPrincipal, resource: string, opts: MatchOptions): OtherCaseReading | undefined {
  if (st.principal) return namesOnlyByOtherCase(st.principal, principal, resource) ? { element: "Principal", entries: st.principal.aws.filter(otherCaseArnHead) } : undefined;
  if (!st.notPrincipal || (st.effect === "Deny" && opts.principalHasBoundary)) return undefined;
  const [written, lowered] = notPrincipalReadings(st.notPrincipal, principal, resource);
  return written === lowered ? undefined : { element: "NotPrincipal", entries: st.notPrincipal.aws.filter(otherCaseArnHead) };
}

/** Why such an element may or may not cover the caller, for the statement's notes and a way in's reason. */
export function otherCaseReadingNote({ element, entries }: OtherCaseReading): string {
  const why = [...new Set(entries.map(otherCaseArnHeadWhy))].join("; ");
  return element === "Principal"
    ? `Principal names the caller only as ${entries.join(", ")}, which ${why}; AWS does not say whether it names that principal or none`
    : `Whether NotPrincipal excludes the caller turns on ${entries.join(", ")}, which ${why}; AWS does not say whether it names that principal or none`;
}

function matchedActionEntries(st: Statement, action: string): string[] {
  const list = st.action ?? st.notAction;
  return list === undefined ? NO_ENTRIES : entriesMatching(list, action, st.actionMemo);
}

interface ResourceOutcome {
  result: Tri;
  matched: string[];
  unknownKeys: string[];
  notes: string[];
  /** `Resource "…"` for each entry AWS may read otherwise, as StatementMatch.undocumentedValues names condition values. */
  undocumented?: string[];
}

/**
 * Whether an entry matches the resource; "absent": a variable in it has no value, so it names no resource at all.
 * `variables`: the statement's entries are still as written (not substituted already: session-variables.ts), in a
 * policy version that has variables; substituting twice would read a `${$}{…}` as a variable.
 */
function resourcePatternTri(pattern: string, variables: boolean, policy: PolicyDocument, request: EvaluationRequest, out: ResourceOutcome | undefined): Tri | "absent" {
  if (!variables || !hasVariables(pattern, policy.version)) return plainResourceTri(pattern, request.resource, out);
  const sub = substituteVariables(pattern, request.context, policy.version, request.action);
  // A variable naming a multivalued key, or a `${…}` not written as a variable, leaves the entry's reading undocumented
  // (variables.ts): doubtful whatever the request holds.
  const multivalued = sub.state === "multivalued" || sub.state === "malformed";
  const substituted = sub.state === "value" ? (resourceMatches(sub.text, request.resource) ? "true" : "false") : multivalued ? "unknown" : sub.state;
  const beforeResourcePart =
    hasVariableBeforeResourcePart(pattern, policy.version) &&
    (substituted === "absent" ? "false" : substituted) !== (resourceMatches(pattern, request.resource) ? "true" : "false");
  // A default's `*` or `?` read as a wildcard instead of the character (variables.ts): doubtful only where that
  // reading names other resources.
  const defaultWildcard =
    sub.state === "value" &&
    sub.wildcardDefault === true &&
    substituted !== (resourceMatches(substitutedText(pattern, policy, request, "wildcard"), request.resource) ? "true" : "false");
  const doubtful = beforeResourcePart || defaultWildcard || multivalued;
  if (out) {
    if (sub.state === "unknown") {
      for (const k of sub.keys) if (!out.unknownKeys.includes(k)) out.unknownKeys.push(k);
      out.notes.push(`Resource ${pattern}: depends on unknown policy variable(s) ${sub.keys.join(", ")}`);
    } else if (sub.state === "absent") out.notes.push(`Resource ${pattern}: policy variable(s) ${sub.keys.join(", ")} absent, so it matches nothing`);
    else if (sub.state === "multivalued") out.notes.push(`Resource ${pattern}: ${multivaluedVariableNote(sub.keys)}`);
    else if (sub.state === "malformed") out.notes.push(`Resource ${pattern}: ${malformedVariableNote(sub.forms)}`);
    if (doubtful) (out.undocumented ??= []).push(`Resource ${JSON.stringify(pattern)}`);
    if (beforeResourcePart) out.notes.push(`Resource ${pattern}: a policy variable before the ARN's fifth colon, where AWS documents none; substituted or kept as written, it reads differently here`);
    if (defaultWildcard) out.notes.push(`Resource ${pattern}: ${DEFAULT_WILDCARD_NOTE}; read as the characters it ${substituted === "true" ? "matches" : "does not match"} this resource, as wildcards it ${substituted === "true" ? "does not" : "does"}`);
  }
  return doubtful ? "unknown" : substituted;
}

/** The entry's text with its defaults read `defaults`-wise (a value: its variables resolved already, to the same values). */
function substitutedText(pattern: string, policy: PolicyDocument, request: EvaluationRequest, defaults: DefaultReading): string {
  const sub = substituteVariables(pattern, request.context, policy.version, request.action, defaults);
  return sub.state === "value" ? sub.text : pattern;
}

/** Resource/NotResource as a three-valued answer. A statement with neither (trust policies) covers any resource. */
function resourceApplies(st: Statement, policy: PolicyDocument, request: EvaluationRequest, out?: ResourceOutcome): Tri {
  const list = st.resource ?? st.notResource;
  if (list === undefined) return "true";
  const variables = policy.version === VARIABLES_VERSION && resourceHasVariables(st, list);
  if (!out && !variables && !resourceHasOtherCase(st, list)) {
    const hit = resourceListMatches(list, request.resource);
    return hit === (st.resource !== undefined) ? "true" : "false";
  }
  let any: Tri = "false";
  for (const p of list) {
    const t = resourcePatternTri(p, variables, policy, request, out);
    if (t === "true") {
      any = "true";
      if (!out) break;
      out.matched.push(p);
    } else if (t === "unknown" && any === "false") any = "unknown";
  }
  if (st.resource !== undefined) return any;
  // "If a variable that has no value in the authorization context is used as part of the Resource or NotResource
  // element of a policy, the resource that includes a policy variable with no value will not match any resource"
  // (reference_policies_variables.html, "Policy variables with no value"): such an entry excludes nothing.
  return any === "true" ? "false" : any === "unknown" ? "unknown" : "true";
}

/** The key that tells a role's sessions apart (`<RoleId>:<session name>`): what an uncertain session match depends on. */
const SESSION_KEY = "aws:userid";

/** The element names a session of the caller's role, and the caller's session is not known. */
function isUncertainSession(kind: PrincipalMatchKind): boolean {
  return kind === "unknown-session" || kind === "unknown-not-principal";
}

/**
 * Web-identity and SAML sessions (`Federated`) are documented as principals of role trust policies, which they
 * assume with AssumeRoleWithWebIdentity / AssumeRoleWithSAML; `CanonicalUser` is S3's. Any other request arrives as
 * an IAM identity (the session's role), so whether another policy honours an Allow naming one is not known. A Deny
 * naming one is read as written: were it not honoured, neither would an Allow naming that principal be.
 */
function isUnplacedGrant(kind: PrincipalMatchKind, st: Statement, policy: PolicyDocument): boolean {
  if (st.effect !== "Allow") return false;
  return kind === "canonical-user" || (kind === "federated" && policy.source.kind !== "trust");
}

/**
 * The statement names the service caller only by a doubtful spelling: another region's, or another domain's where AWS
 * documents none (principal.ts, doubtfulServiceSpellings).
 */
function isOtherRegionService(kind: PrincipalMatchKind, st: Statement, request: EvaluationRequest): boolean {
  return kind === "service" && st.principal !== undefined && otherRegionService(st.principal, request.principal, request.resource);
}

/** The statement names the caller in a way that may or may not cover it, conditions aside. */
export function isUncertainPrincipal(kind: PrincipalMatchKind, st: Statement, policy: PolicyDocument, request: EvaluationRequest, opts: MatchOptions): boolean {
  return (
    isUncertainSession(kind) ||
    isUnplacedGrant(kind, st, policy) ||
    isOtherRegionService(kind, st, request) ||
    otherCaseReading(st, request.principal, request.resource, opts) !== undefined
  );
}

/** How the Principal/NotPrincipal element covers the caller; undefined when it does not. */
export function principalApplies(st: Statement, request: EvaluationRequest, opts: MatchOptions): PrincipalMatchKind | undefined {
  if (st.principal) return principalMatchKind(st.principal, request.principal, request.resource);
  if (st.notPrincipal) {
    if (st.effect === "Deny" && opts.principalHasBoundary) return "not-principal";
    const [written, lowered] = notPrincipalReadings(st.notPrincipal, request.principal, request.resource);
    // Readings that disagree (an entry spelled `ARN:…` lists the caller) find the statement, and otherCaseReading
    // makes it conditional: its session's note only where a reading turns on the caller's session too.
    const covered = written === lowered ? written : written === "unknown" || lowered === "unknown" ? "unknown" : "true";
    return covered === "true" ? "not-principal" : covered === "unknown" ? "unknown-not-principal" : undefined;
  }
  return undefined;
}

function build(
  st: Statement,
  policy: PolicyDocument,
  request: EvaluationRequest,
  matched: boolean,
  resource: ResourceOutcome,
  principalMatch: PrincipalMatchKind | undefined,
  opts: MatchOptions,
): StatementMatch {
  const cond = evaluateConditions(st.conditions, request.context, policy.version, request.action, st.effect);
  let condition = cond.result;
  let unknownKeys = cond.unknownKeys;
  let notes = cond.notes;
  if (resource.result === "unknown") {
    condition = condition === "false" ? "false" : "unknown";
    unknownKeys = [...resource.unknownKeys, ...unknownKeys.filter((k) => !resource.unknownKeys.includes(k))];
  }
  if (resource.notes.length > 0) notes = [...resource.notes, ...notes];
  if (principalMatch !== undefined && isUncertainSession(principalMatch) && condition !== "false") {
    condition = "unknown";
    if (!unknownKeys.includes(SESSION_KEY)) unknownKeys = [...unknownKeys, SESSION_KEY];
    notes = [...notes, `${st.principal ? "Principal" : "NotPrincipal"} names a session of the caller's role; which session makes the request is not known`];
  } else if (principalMatch !== undefined && isUnplacedGrant(principalMatch, st, policy) && condition !== "false") {
    condition = "unknown";
    const element = principalMatch === "federated" ? "Federated (web-identity or SAML)" : "CanonicalUser";
    notes = [...notes, `Principal names a ${element} principal, which a ${policy.source.kind} policy may not honour: requests arrive as IAM identities`];
  } else if (principalMatch !== undefined && isOtherRegionService(principalMatch, st, request) && condition !== "false") {
    condition = "unknown";
    const name = normaliseServicePrincipal(request.principal.id);
    const spellings = doubtfulServiceSpellings(st.principal!, request.principal, request.resource);
    const which =
      undocumentedDomainSpellings(spellings, request.principal, request.resource).length > 0
        ? `a spelling of another domain than the caller's, where AWS documents no service principal spelling (${partitionOfArn(request.resource)})`
        : spellings.some((s) => isOwnRegionSpelling(s, request.resource))
          ? "its opt-in region's own spelling, which AWS documents for calls from other regions only"
          : "another region's spelling";
    notes = [...notes, `Principal names ${name} only by ${which} (${spellings.join(", ")}); whether that name covers the service calling for ${request.resource} is not documented`];
  }
  let otherCasePrincipal: string[] | undefined;
  const otherCase = principalMatch !== undefined && condition !== "false" ? otherCaseReading(st, request.principal, request.resource, opts) : undefined;
  if (otherCase) {
    condition = "unknown";
    notes = [...notes, otherCaseReadingNote(otherCase)];
    otherCasePrincipal = otherCase.entries.map((e) => `${otherCase.element} ${JSON.stringify(e)}`);
  }
  const m: StatementMatch = {
    source: policy.source,
    statementIndex: st.index,
    effect: st.effect,
    matched,
    condition,
    unknownKeys: condition === "unknown" ? unknownKeys : [],
    matchedActions: matchedActionEntries(st, request.action),
    matchedResources: resource.matched,
    conditionNotes: notes,
    raw: st.raw,
  };
  if (st.sid !== undefined) m.sid = st.sid;
  if (condition === "unknown") {
    let undocumented = resource.result === "unknown" && resource.undocumented ? [...resource.undocumented, ...cond.undocumentedValues] : cond.undocumentedValues;
    if (otherCasePrincipal) undocumented = [...otherCasePrincipal, ...undocumented];
    if (undocumented.length > 0) m.undocumentedValues = undocumented;
  }
  if (principalMatch !== undefined) m.principalMatch = principalMatch;
  return m;
}

/** Full evidence for one statement, whether or not it applies. */
export function matchStatement(
  statement: Statement,
  policy: PolicyDocument,
  request: EvaluationRequest,
  opts: MatchOptions = NO_PRINCIPAL_CHECK,
): StatementMatch {
  const action = statementCoversAction(statement, request.action);
  const resource: ResourceOutcome = { result: "false", matched: [], unknownKeys: [], notes: [] };
  resource.result = resourceApplies(statement, policy, request, resource);
  const principal = opts.checkPrincipal ? principalApplies(statement, request, opts) : undefined;
  const matched = action && resource.result !== "false" && (!opts.checkPrincipal || principal !== undefined);
  return build(statement, policy, request, matched, resource, principal, opts);
}

/**
 * The hot path: undefined as soon as action, resource or principal rule the statement out, without
 * allocating; otherwise the full StatementMatch.
 */
export function matchApplicableStatement(
  statement: Statement,
  policy: PolicyDocument,
  request: EvaluationRequest,
  opts: MatchOptions,
): StatementMatch | undefined {
  if (!statementCoversAction(statement, request.action)) return undefined;
  const plain = plainResourceOutcome(statement, policy, request.resource);
  if (plain === null || (plain === undefined && resourceApplies(statement, policy, request) === "false")) return undefined;
  let principal: PrincipalMatchKind | undefined;
  if (opts.checkPrincipal) {
    principal = principalApplies(statement, request, opts);
    if (principal === undefined) return undefined;
  }
  let resource = plain;
  if (resource === undefined) {
    resource = { result: "false", matched: [], unknownKeys: [], notes: [] };
    resource.result = resourceApplies(statement, policy, request, resource);
  }
  return build(statement, policy, request, true, resource, principal, opts);
}

/**
 * Whether a statement whose Action/NotAction covers the request (the caller checks that, and principals, first)
 * takes part in the decision by its resource and condition: undefined when the resource rules it out, else the truth
 * `statementApplies` would give the StatementMatch that matchApplicableStatement builds, found without building it
 * or any evidence.
 */
export function resourceAndConditionTri(statement: Statement, policy: PolicyDocument, request: EvaluationRequest): Tri | undefined {
  const resource = resourceApplies(statement, policy, request);
  if (resource === "false") return undefined;
  const condition = statement.conditions.length === 0 ? "true" : conditionsTri(statement.conditions, request.context, policy.version, request.action, statement.effect);
  return resource === "unknown" && condition !== "false" ? "unknown" : condition;
}

const NO_NOTES = Object.freeze([]) as unknown as string[];

/**
 * Resource/NotResource without policy variables, in one pass: null when the statement does not apply to the
 * resource, else its outcome with the matched entries; undefined when variables need the general path.
 */
function plainResourceOutcome(st: Statement, policy: PolicyDocument, resource: string): ResourceOutcome | null | undefined {
  const list = st.resource ?? st.notResource;
  if (list === undefined) return { result: "true", matched: [], unknownKeys: NO_NOTES, notes: NO_NOTES };
  if ((policy.version === VARIABLES_VERSION && resourceHasVariables(st, list)) || resourceHasOtherCase(st, list)) return undefined;
  // One pattern (the usual case) is matched by the list's own matcher, found by identity rather than by hashing it.
  const matched =
    list.length === 1
      ? resourceListMatches(list, resource) ? [list[0] as string] : []
      : list.length < LONG_LIST
        ? list.filter((p) => resourceMatches(p, resource))
        : longListMatches(list, resource);
  if ((matched.length > 0) !== (st.resource !== undefined)) return null;
  return { result: "true", matched, unknownKeys: NO_NOTES, notes: NO_NOTES };
}

/** From this many entries a Resource list is indexed: every question about its role would otherwise read it whole. */
const LONG_LIST = 16;

interface ListIndex {
  /** Positions of each entry without wildcards. */
  literal: Map<string, number[]>;
  /** Entries with wildcards, with their positions. */
  globs: [string, number][];
}

const listIndexes = new WeakMap<readonly string[], ListIndex>();

function indexList(list: readonly string[]): ListIndex {
  const index: ListIndex = { literal: new Map(), globs: [] };
  list.forEach((p, i) => {
    if (!isPlainLiteral(p)) index.globs.push([p, i]);
    else {
      const at = index.literal.get(p);
      if (at) at.push(i);
      else index.literal.set(p, [i]);
    }
  });
  listIndexes.set(list, index);
  return index;
}

/** `list.filter((p) => resourceMatches(p, resource))`, in list order, without comparing each literal entry. */
function longListMatches(list: readonly string[], resource: string): string[] {
  const index = listIndexes.get(list) ?? indexList(list);
  const hits = [...(index.literal.get(resource) ?? [])];
  for (const [p, i] of index.globs) if (resourceMatches(p, resource)) hits.push(i);
  if (hits.length > 1) hits.sort((a, b) => a - b);
  return hits.map((i) => list[i] as string);
}

/** Whether a statement's effect takes part in the decision: "true", "false" or "unknown". */
export function statementApplies(m: StatementMatch): Tri {
  return m.matched ? m.condition : "false";
}

/** "policy 'name' statement Sid" for reasons. */
export function describeStatement(m: StatementMatch): string {
  const which = m.sid ? `statement ${JSON.stringify(m.sid)}` : `statement #${m.statementIndex}`;
  return `${policyLabel(m.source)} ${which}`;
}

/** "SCP 'DenyDeletes' (p-1a2b3c4d) attached to ou-ab12-cdef3456": which guardrail, and where, for reasons and evidence. */
export function policyLabel(source: PolicySource): string {
  if (source.kind === "scp" || source.kind === "rcp") {
    const id = source.policyId ? ` (${source.policyId})` : "";
    return `${source.kind.toUpperCase()} '${source.policyName}'${id} attached to ${source.target ?? "an unknown target"}`;
  }
  return `${source.kind} policy '${source.policyName}'`;
}
