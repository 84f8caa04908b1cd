/**
 * What changed between two scans: functions added and removed, per-function invokers and reachable actions
 * gained, lost or answered otherwise, findings new, fixed and changed. Pure (two AnalysisReports in, plain JSON out),
 * so the dashboard, the API and tests share it. Everything is keyed by what stays stable across scans: ARNs,
 * principals, finding ids; what a thing in both scans is answered by is compared apart, so a changed answer is one line.
 * What the newer scan could not read is never called gone: it is listed apart, as not verifiable (scan-gaps.ts).
 */
import type { AccountInvoker, AnalysisReport, Finding, FunctionReport, Invoker, Reach, RoleAssumer, Severity } from "@/lib/analysis/types";
import { nodeId } from "@/lib/graph/build";
import { isOpen } from "@/lib/policy/decision";
import { letsIn } from "@/lib/analysis/invoker-effect";
import { accountInvokersHere, accountInvokersIn, answersAsRole, assumerText, functionsWithExceptions } from "@/lib/view/identity-details";
import { parseArn } from "@/lib/analysis/arn";
import { roleNameOf } from "@/lib/analysis/route-line";
import { ownValue } from "@/lib/own-value";
import { addTo } from "@/lib/multimap";
import { EDGE_ASSOCIATIONS_NOT_READ } from "@/lib/analysis/edge-function";
import { isUserArn } from "@/lib/analysis/users-not-read";
import { sortFindings } from "@/lib/view/severity";
import { findingSubject } from "@/lib/findings/finding-id";
import { dependsOnText } from "@/lib/findings/depends-on";
import { sameAnswer, sortedClauses, sortedMappingSettings, sortedSource } from "./order-free";
import { pairedMappingKeys } from "./mapping-pairs";
import { DEAD_LETTER_QUEUE, defaultedSettings, mappingSettingsOf, settingDefault, settingText, type SettingsOf } from "@/lib/analysis/way-in-settings";
import { ACCESS_NEEDS, changedFindingGap, findingGap, PUBLIC_NEEDS, scanGaps, splitByGap, splitChanged, type ScanGaps } from "./scan-gaps";

export interface FunctionRef {
  arn: string;
  name: string;
  region: string;
  /** Graph node id, for highlighting on the graph. */
  nodeId: string;
}

export interface InvokerChange {
  key: string;
  /** One line for people: "function URL (auth NONE) · public", "s3.amazonaws.com from arn:aws:s3:::uploads". */
  text: string;
  public: boolean;
}

/**
 * Something one scan saw that the other could not check, with `why`: the data it lacks, as the report says it. The
 * older scan's things the newer could not read are `…Unverified`; the newer's the older could not, `…UnknownBefore`.
 */
export interface Unverified {
  text: string;
  why: string;
  /**
   * The scan whose gap `why` is, where not the one its list names: a thing gained (or new) in a newer scan that could
   * not read the organization's guardrails, which may refuse it, is not known gained (or new), though the older scan
   * read all it rests on; lost (or fixed) where the older scan could not read them, not known lost (or fixed).
   */
  unreadIn?: "older" | "newer";
  /** The function it is about, where one function's (a function's data unread in both scans): the compare page's filter keeps it with the function. */
  arn?: string;
}

export interface FunctionChange extends FunctionRef {
  invokersGained: InvokerChange[];
  invokersLost: InvokerChange[];
  /**
   * Ways in of both scans, the same way with the same reach, whose answer's evidence changed: granted by other
   * statements, conditional on other keys, refused perhaps by other Denies. Line as now, with the answer before and now.
   * An account-wide role's say so once, in `accountInvokersChanged`.
   */
  invokersChanged: AnswerChange[];
  /**
   * Ways in of the older scan absent from the newer one, whose data for them (the policy, the URL…) it could not read,
   * and ways in of both whose answer changed where the newer scan could not read what it rests on.
   */
  invokersUnverified: (InvokerChange & Unverified)[];
  /** Ways in of the newer scan absent from the older one (or answered otherwise), whose data for them the older scan could not read: not known gained. */
  invokersUnknownBefore: (InvokerChange & Unverified)[];
  /** "action on resource" pairs the execution role gained or lost. */
  actionsGained: string[];
  actionsLost: string[];
  /**
   * Pairs of both scans whose answer's evidence changed (a Deny on part of the resource added or removed, other
   * statements granting it, other condition keys deciding it), one line per resource and change: "sqs:SendMessage on
   * arn:…:*", what it was and is now.
   */
  actionsChanged: AnswerChange[];
  /** Pairs absent from the newer scan, or answered otherwise, where it could not read the role's or the resource's policies. */
  actionsUnverified: Unverified[];
  /** Pairs absent from the older scan, or answered otherwise, where it could not read the role's or the resource's policies: not known gained. */
  actionsUnknownBefore: Unverified[];
  /**
   * Settings of a way in of both scans that changed while letting no one else in: a mapping's on-failure destination,
   * consumer group or how it reads (batch size and window, parallelization, retries…), a URL's auth type or CORS, the asynchronous invocation's destinations, retries,
   * event age and dead-letter queue (way-in-settings.ts). Absent when none did.
   */
  settingsChanged?: AnswerChange[];
  /** True when the function was not reachable by the public before and is now. */
  becamePublic: boolean;
  /** Public now, while the older scan could not read whether it was before: why. */
  publicBeforeUnknown?: string;
  /**
   * What both scans could not read alike that lines above rest on: each scan answered them from the same readable
   * parts, so they are changes, yet the unread part may hold more (a grant, a Deny) in either scan.
   */
  unreadInBoth?: string[];
}

export type FunctionGap = FunctionRef & { why: string };

/** Something in both scans whose answer changed: its line, and its answer in the older and the newer scan. */
export interface AnswerChange {
  text: string;
  was: string;
  now: string;
}

export interface FindingChange {
  id: string;
  rule: string;
  severity: Severity;
  title: string;
  functions: string[];
  /**
   * For a finding in both scans that reads otherwise now: its severity and title in the older scan, and the functions
   * it badged then when they were others (a role's finding now on one more function).
   */
  was?: { severity: Severity; title: string; functions?: string[] };
  /**
   * New, fixed or changed while both scans lacked the same data its rule reads (or the same guardrails that decide
   * it): judged on what both could read.
   */
  unreadInBoth?: string;
}

/** A finding of both scans whose change one scan could not check (ReportDiff.findingsChangeUnverified). */
export type FindingChangeUnverified = FindingChange & Required<Pick<FindingChange, "was">> & { why: string; unreadIn: "older" | "newer" };

export interface ReportDiff {
  from: { account: string; capturedAt: string };
  to: { account: string; capturedAt: string };
  functionsAdded: FunctionRef[];
  functionsRemoved: FunctionRef[];
  /** Functions of the older scan in a region the newer one did not scan or could not (wholly) list: not known removed. */
  functionsUnseen: FunctionGap[];
  /** Functions of the newer scan in a region the older one did not scan or could not list: not known added. */
  functionsFirstSeen: FunctionGap[];
  /** Functions in both scans whose invokers or reachable actions differ, or that one of the scans could not check. */
  functionsChanged: FunctionChange[];
  findingsNew: FindingChange[];
  findingsFixed: FindingChange[];
  /**
   * Findings of the older scan absent from the newer one, which could not read what their rule needs for their
   * functions (or did not list them): not known fixed. Only those, so a count of it is a count of "maybe fixed".
   */
  findingsUnverified: (FindingChange & Omit<Unverified, "text">)[];
  /**
   * Findings of the newer scan absent from the older one, which could not read what their rule needs for their
   * functions (or did not list them): not known new.
   */
  findingsUnknownBefore: (FindingChange & Omit<Unverified, "text">)[];
  /**
   * Findings in both scans (same id) whose severity, title or functions changed: a grant that lost its SourceArn, a URL
   * now open. Not where only one scan read the guardrails that decide the rule (findingsChangeUnverified).
   */
  findingsChanged: FindingChange[];
  /**
   * Findings of both scans, with what they `was`, that read otherwise where one scan could not read the guardrails that
   * decide their rule: not known changed, and neither fixed nor new. `unreadIn` is the scan that could not read them.
   */
  findingsChangeUnverified: FindingChangeUnverified[];
  /**
   * Roles that may now invoke every function through their own policies, and roles that no longer may (the report's
   * accountInvokers, by role ARN, followed by "(every function in us-east-1)" for a role granted it on some regions'
   * functions only): one line each rather than one per function. A role that does so in both scans gains or loses,
   * on each function, what its exceptions change.
   */
  accountInvokersGained: string[];
  accountInvokersLost: string[];
  /**
   * Such roles in both scans under the same scope whose answer changed: allowed and now conditional (or back), what
   * decides it, or the statements that grant it ("conditional (depends on aws:SourceIp), by invoke#0"). Said here
   * once; a function answered as the role is everywhere, in both scans, does not repeat it.
   */
  accountInvokersChanged: AnswerChange[];
  /**
   * Such roles of the older scan absent from the newer one, whose IAM data is not whole, and those in both whose answer
   * the newer scan could not check (its IAM data not whole, none of the functions they cover listed).
   */
  accountInvokersUnverified: Unverified[];
  /** Such roles of the newer scan absent from the older one, whose IAM data was not whole, and the same the other way round. */
  accountInvokersUnknownBefore: Unverified[];
  /**
   * Who may assume the roles that may invoke functions in both scans (the reports' `invokerRoles`), gained and lost:
   * "ci-deployer-role: account 210987654321". A role that starts or stops invoking shows in the invoker lists instead.
   */
  assumersGained: string[];
  assumersLost: string[];
  /**
   * Assumers of the older scan whose role's trust policy the newer scan could not read, and those lost (or answered
   * otherwise) where either scan could not read the RCPs (for the account's own callers, the SCPs too) that limit them.
   */
  assumersUnverified: Unverified[];
  /** Assumers of the newer scan absent from the older one, or answered otherwise, where a scan could not read those guardrails: not known gained. */
  assumersUnknownBefore: Unverified[];
  /**
   * What both scans could not read alike (the same function's same data with the same error, the account's IAM data,
   * a region's function list): no evidence of a change there, and none that all is well. `text` names whose; a
   * function's entry has its `arn`.
   */
  unreadInBoth: Unverified[];
  /**
   * Node ids of the newer graph that changed (added or first seen functions, functions with changes other than
   * unverifiable ones, functions with new or changed findings).
   */
  changedNodeIds: string[];
}

/** The account's own roles and users invoking through their IAM policies: what SCPs limit of a way in. */
const OWN_POLICIES = { invoker: { via: "identity-policy" } } as const;

/** Marks an entry whose gap is `gaps`' unread guardrails, `scan`'s, not its list's scan's (Unverified.unreadIn). */
function unreadInScan(scan: "older" | "newer", gaps: ScanGaps) {
  return <T extends { why: string }>(entry: T): T & { unreadIn?: "older" | "newer" } =>
    gaps.guardrails && entry.why === gaps.guardrails.why ? { ...entry, unreadIn: scan } : entry;
}

/** An account-wide line one scan could not check, as the diff lists it. */
const unverifiedLine = ({ text, why, unreadIn }: Unverified): Unverified => ({ text, why, ...(unreadIn ? { unreadIn } : {}) });

function ref(fn: Pick<FunctionReport, "arn" | "name" | "region">): FunctionRef {
  return { arn: fn.arn, name: fn.name, region: fn.region, nodeId: nodeId.fn(fn.arn) };
}

/**
 * A way in as it compares across scans: who, through what, on which target, and how far (its conditions, whether a
 * condition the snapshot cannot judge decides it, whether it is public). A way in whose conditions change is one way
 * lost and another gained, each line saying its conditions. The order of its condition clauses and Kafka servers is
 * none of that (order-free.ts). An event source mapping is its source and what of it the mapping reads (topics,
 * filters), not its UUID: two mappings of one source are two ways in, and one created again is the same. Two alike
 * in that (apart in batch size, consumer group) are told apart by UUID in the diff (mapping-pairs.ts).
 */
export function invokerKey(inv: Invoker): string {
  const settings = sortedMappingSettings(inv);
  return [
    ...(settings ? [settings] : []),
    inv.via,
    inv.principal,
    sortedSource(inv.sourceArn),
    inv.sourceAccount ?? "",
    inv.orgId ?? "",
    inv.qualifier ?? "",
    inv.authType ?? "",
    sortedClauses(inv.conditionSummary),
    inv.decision === "conditional" ? "may" : "",
    isPublic(inv) ? "public" : "",
  ].join("|");
}

function describeInvoker(inv: Invoker): string {
  const parts: string[] = [];
  if (inv.via === "function-url") parts.push(`function URL (auth ${inv.authType ?? "unknown"})`);
  else if (inv.via === "event-source-mapping") {
    parts.push(`event source ${inv.sourceArn ?? inv.uuid ?? "unknown"}`);
    // An Amazon MQ mapping's are the broker's queues; any other's, Kafka topics.
    const noun = inv.sourceType === "mq" ? "queue" : "topic";
    if (inv.topics?.length) parts.push(`${noun}${inv.topics.length === 1 ? "" : "s"} ${inv.topics.join(", ")}`);
    for (const f of inv.filters ?? []) parts.push(`filter ${f}`);
  }
  else if (inv.via === "identity-policy") parts.push(`${inv.principal} (its identity policy)`);
  else parts.push(`${inv.principal}${inv.sourceArn ? ` from ${inv.sourceArn}` : ""}${inv.sourceAccount ? ` (account ${inv.sourceAccount})` : ""}`);
  if (inv.orgId) parts.push(`org ${inv.orgId}`);
  if (inv.qualifier) parts.push(`on ${inv.qualifier}`);
  if (inv.conditionSummary) parts.push(`when ${inv.conditionSummary}`);
  if (inv.decision === "conditional") parts.push("conditional");
  if (isPublic(inv)) parts.push("public");
  return parts.join(" · ");
}

/** A way in as a line, under its key: a mapping alike another of the function but for settings its line does not show is told apart by its UUID. */
function wayText(key: string, inv: Invoker): string {
  return key === invokerKey(inv) ? describeInvoker(inv) : `${describeInvoker(inv)} · mapping ${inv.uuid ?? "unknown"}`;
}

/**
 * The settings of the ways in of both scans that changed (way-in-settings.ts), one line per way in and setting, its
 * value before and now: where unset, AWS's documented default marked "(default)", else "none"; a value set to the
 * default is no change from it. Mappings as paired (mapping-pairs.ts); a URL by what it is on (the
 * function, an alias), with its auth type, whether or not it lets anyone in: AWS_IAM to NONE without a public grant
 * loses a way in and gains none, and the lost line alone did not say what the URL became. Asynchronous invocation by
 * what it is set on (the function, an alias, a version), an alias's settings in one scan only too: a new alias's
 * destination is a new place events go. Not where either scan could not read the async configurations: unread is not
 * "none". The function's dead-letter queue comes with the function's configuration, read wherever the function is.
 */
function changedSettings(
  prev: FunctionReport,
  fn: FunctionReport,
  paired: { then: Map<Invoker, string>; now: Map<Invoker, string> },
  gaps: [ScanGaps, ScanGaps],
): AnswerChange[] {
  // `way`: whose defaults apply where a setting is unset (settingDefault).
  type Settings = Map<string, { text: string; values: Record<string, string>; way?: SettingsOf }>;
  const mappings = (keys: Map<Invoker, string>): Settings =>
    new Map([...keys].map(([inv, k]) => [k, { text: wayText(k, inv), values: inv.settings ?? {}, way: mappingSettingsOf(inv) }]));
  const urls = (f: FunctionReport): Settings =>
    new Map(
      f.invokers
        .filter((i) => i.via === "function-url")
        .map((i) => [i.qualifier ?? "", { text: ["function URL", ...(i.qualifier ? [`on ${i.qualifier}`] : [])].join(" · "), values: { "auth type": i.authType ?? "unknown", ...i.settings } }]),
    );
  const asyncText = (arn: string) => ["asynchronous invocation", ...(arn === fn.arn ? [] : [`on ${arn}`])].join(" · ");
  const invocation = (f: FunctionReport): Settings => new Map(Object.entries(f.asyncInvocation ?? {}).map(([arn, values]) => [arn, { text: asyncText(arn), values, way: "async" as const }]));
  const asyncUnread = (arn: string) => gaps.some((g) => g.lacks(fn.arn, ["GetFunctionEventInvokeConfig"], arn !== fn.arn));
  const out: AnswerChange[] = [];
  // `either`: a thing in one scan only is compared with none; `read`: whether the scans read the setting.
  const sides: { then: Settings; now: Settings; either?: boolean; read?: (key: string, name: string) => boolean }[] = [
    { then: mappings(paired.then), now: mappings(paired.now) },
    { then: urls(prev), now: urls(fn) },
    { then: invocation(prev), now: invocation(fn), either: true, read: (k, name) => (k === fn.arn && name === DEAD_LETTER_QUEUE) || !asyncUnread(k) },
  ];
  for (const { then, now, either, read = () => true } of sides) {
    for (const k of new Set([...now.keys(), ...(either ? then.keys() : [])])) {
      const [was, is] = [then.get(k), now.get(k)];
      if (!either && !was) continue;
      const pair = [was, is];
      const named = pair.flatMap((side) => [...Object.keys(side?.values ?? {}), ...(side?.way ? defaultedSettings(side.way) : [])]);
      for (const name of new Set(named)) {
        // A thing in one scan only has its kind's defaults in the other: the other's entry says which.
        const [a, b] = pair.map((side) => settingValue(side?.values, name, (side ?? was ?? is)!.way));
        if (a!.value !== b!.value && read(k, name)) out.push({ text: `${(is ?? was)!.text} · ${name}`, was: a!.text, now: b!.text });
      }
    }
  }
  return out.sort((a, b) => a.text.localeCompare(b.text));
}

/** A setting as in force (`value`, to compare) and as read (`text`): unset, AWS's default marked so, else "none". */
function settingValue(values: Record<string, string> | undefined, name: string, way: SettingsOf | undefined): { value: string; text: string } {
  const own = values && ownValue(values, name);
  const fallback = own === undefined && way ? settingDefault(name, way) : undefined;
  const value = own ?? fallback;
  if (value === undefined) return { value: "none", text: "none" };
  return { value: settingText(name, value, way), text: settingText(name, value, way, own === undefined) };
}

function isPublic(inv: Invoker): boolean {
  return inv.public === true && inv.decision !== "explicitly-denied";
}

/**
 * A function's ways in by key (the same ways the graph draws and the overview counts), each with its answer's evidence
 * line, or none for one an account-wide role has through the account-wide entry (the report's `accountInvokers` entry
 * says its evidence once, and `accountInvokersChanged` its change). Ways of one key together: their lines, sorted.
 */
interface WaysIn {
  ways: Map<string, Invoker>;
  answers: Map<string, string | undefined>;
}

/**
 * The ways in the account-wide roles give each function of a region none of them has an exception on, compared across
 * the scans once per region: `alike`, the keys both scans give (in both maps, answered through the entry in both: no
 * line can come of them), and each scan's `ways` under the other keys. Put in every such function's maps, all of an
 * account's admin roles made each function's comparison grow with the account.
 */
interface SharedWays {
  alike: ReadonlySet<string>;
  then: ReadonlyMap<string, Invoker>;
  now: ReadonlyMap<string, Invoker>;
}

function sharedWays(then: Map<string, Invoker>, now: Map<string, Invoker>): SharedWays {
  const alike = new Set([...now.keys()].filter((k) => then.has(k)));
  const apart = (m: Map<string, Invoker>) => new Map([...m].filter(([k]) => !alike.has(k)));
  return { alike, then: apart(then), now: apart(now) };
}

/**
 * The ways in through the function's invokers and the report's account-wide roles, each of those named as a
 * per-function list would name it (identity-invokers.ts): on the function, else on its $LATEST, else on each alias
 * it may invoke. So a role keeps the same key whether it is listed on the function or account-wide. With `shared`
 * (a function no entry of either scan has an exception on), the keys both scans give alike are left out and
 * `ways` stand for the account-wide roles'.
 */
function invokerMap(
  fn: FunctionReport,
  report: AnalysisReport,
  keyOf: (inv: Invoker) => string = invokerKey,
  shared?: { alike: ReadonlySet<string>; ways: ReadonlyMap<string, Invoker> },
): WaysIn {
  // The ways in the graph draws and the overview counts: a grant its own policy refuses lets no one in.
  // Each key computed once: this runs for every function of both scans.
  const ways = new Map<string, Invoker>();
  const lines = new Map<string, Set<string>>();
  for (const inv of fn.invokers) {
    if (!letsIn(inv)) continue;
    const k = keyOf(inv);
    if (shared?.alike.has(k)) continue;
    ways.set(k, inv);
    lines.set(k, (lines.get(k) ?? new Set()).add(answerLine(inv)));
  }
  const answers = new Map<string, string | undefined>([...lines].map(([k, l]) => [k, [...l].sort().join(" / ")]));
  for (const [k, inv] of shared?.ways ?? accountWideMap(fn, report)) {
    ways.set(k, inv);
    answers.set(k, undefined);
  }
  return { ways, answers };
}

/** The account-wide roles' ways in on `fn`, by key, in the order of the report's entries (a later one's way wins). */
function accountWideMap(fn: FunctionReport, report: AnalysisReport): Map<string, Invoker> {
  const out = new Map<string, Invoker>();
  for (const entry of accountInvokersIn(report.accountInvokers ?? [], parseArn(fn.arn)?.region)) {
    for (const [k, inv] of accountWideWays(entry, fn)) out.set(k, inv);
  }
  return out;
}

/**
 * An account-wide role's ways in on the functions it has no exception on are the same on each, so they are made once
 * per entry: made per function, an account's every admin role on every one of its functions made the compare quadratic.
 */
const asRoleWays = new WeakMap<AccountInvoker, [string, Invoker][]>();

/** An account-wide role's ways in on `fn` (its own, else its `$LATEST`'s, else each alias's it may invoke), by key. */
function accountWideWays(entry: AccountInvoker, fn: FunctionReport): [string, Invoker][] {
  const asRole = answersAsRole(entry, fn.arn);
  const known = asRole ? asRoleWays.get(entry) : undefined;
  if (known) return known;
  const out: [string, Invoker][] = [];
  for (const here of accountInvokersHere([entry], fn)) {
    const way = { via: "identity-policy" as const, principal: here.principal, principalType: isUserArn(here.principal) ? ("user" as const) : ("role" as const), statements: here.statements };
    const add = (inv: Invoker) => out.push([invokerKey(inv), inv]);
    if (isOpen(here.decision)) {
      add({ ...way, decision: here.decision });
      continue;
    }
    const open = here.aliases.filter((q) => isOpen(q.decision));
    const latest = open.find((q) => q.arn === `${fn.arn}:$LATEST`);
    for (const q of latest ? [latest] : open) add({ ...way, decision: q.decision, qualifier: q.arn });
  }
  if (asRole) asRoleWays.set(entry, out);
  return out;
}

/** "action on resource", marked when a condition the snapshot cannot judge decides it: losing one is a change too. */
function actionPairs(fn: FunctionReport): Set<string> {
  const out = new Set<string>();
  for (const r of fn.reaches) for (const a of r.actions) out.add(`${a} on ${r.resource}${r.conditional ? CONDITIONAL : ""}`);
  return out;
}

const CONDITIONAL = " (conditional)";

/** An "action on resource" pair's answer: its line, its resource for grouping, and the policies it could not read. */
interface ActionAnswer {
  resource: string;
  action: string;
  line: string;
  unread?: string;
}

/** The evidence of each "action on resource" pair (actionPairs' text), as an answer line; the resource for grouping. */
function actionAnswers(fn: FunctionReport): Map<string, ActionAnswer> {
  const out = new Map<string, ActionAnswer>();
  for (const r of fn.reaches) {
    const unread = unreadOn(r);
    const line = answerLine({
      decision: r.conditional ? "conditional" : "allowed",
      ...(r.otherAccounts?.length ? { reason: `the policies of account ${[...r.otherAccounts].sort().join(", ")} must allow it too` } : {}),
      unknownKeys: r.conditionKeys,
      undocumentedValues: r.undocumentedValues,
      deniedBy: r.partiallyDenied ? r.deniedBy : undefined,
      unreadPolicies: r.unreadPolicies,
      statements: r.via,
    });
    for (const a of r.actions) {
      const k = `${a} on ${r.resource}${r.conditional ? CONDITIONAL : ""}`;
      const had = out.get(k);
      // The same pair from two entries: both lines, sorted, as ways in of one key are.
      const both = had && had.line !== line ? [had.line, line].sort().join(" / ") : line;
      out.set(k, { resource: `${r.resource}${r.conditional ? CONDITIONAL : ""}`, action: a, line: both, ...((had?.unread ?? unread) ? { unread: had?.unread ?? unread } : {}) });
    }
  }
  return out;
}

/**
 * Pairs of both maps whose line differs, one change per resource and before/after: "a, b on resource" (and those
 * `actions`), with the policies on it each scan could not read (the same for every pair of a group: their lines say them).
 */
function changedActions(then: Map<string, ActionAnswer>, now: Map<string, ActionAnswer>): (AnswerChange & { actions: string[]; unreadThen?: string; unreadNow?: string })[] {
  const groups = new Map<string, { resource: string; actions: string[]; was: ActionAnswer; now: ActionAnswer }>();
  for (const [k, is] of now) {
    const was = then.get(k);
    if (!was || sameAnswer(was.line, is.line)) continue;
    const g = `${is.resource}\n${was.line}\n${is.line}`;
    const group = groups.get(g) ?? { resource: is.resource, actions: [], was, now: is };
    group.actions.push(is.action);
    groups.set(g, group);
  }
  return [...groups.values()]
    .map((g) => ({ text: `${g.actions.sort().join(", ")} on ${g.resource}`, actions: g.actions, was: g.was.line, now: g.now.line, unreadThen: g.was.unread, unreadNow: g.now.unread }))
    .sort((a, b) => a.text.localeCompare(b.text) || a.was.localeCompare(b.was));
}

/**
 * The grants a report could only call conditional because a policy on their resource (a queue's, a key's) could not
 * be read, by their text without the mark, with why: the other scan's same grant is then unverified, not lost.
 */
function unreadResourcePolicies(fn: FunctionReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of fn.reaches) {
    const why = unreadOn(r);
    if (why) for (const a of r.actions) out.set(`${a} on ${r.resource}`, why);
  }
  return out;
}

/** Why a reach is conditional on policies the scan could not read, if it is. */
function unreadOn(r: Reach): string | undefined {
  return r.conditional && r.unreadPolicies?.length ? `${r.unreadPolicies.join(" and ")} of ${r.resource} could not be read` : undefined;
}

/** Not the conditional line of a grant `other` holds plain, made conditional only by an unread resource policy. */
function notSameGrant(unread: ReadonlyMap<string, string>, other: ReadonlySet<string>) {
  return (text: string): boolean => {
    if (!text.endsWith(CONDITIONAL)) return true;
    const plain = text.slice(0, -CONDITIONAL.length);
    return !(unread.has(plain) && other.has(plain));
  };
}

function minus<T>(a: Map<string, T> | Set<string>, b: Map<string, T> | Set<string>): string[] {
  return [...a.keys()].filter((k) => !b.has(k)).sort();
}

function findingChange(f: Finding & { unreadInBoth?: string }): FindingChange {
  return { id: f.id, rule: f.rule, severity: f.severity, title: f.title, functions: f.functions, ...(f.unreadInBoth ? { unreadInBoth: f.unreadInBoth } : {}) };
}

/** A finding of both scans as the diff lists it, with what it `was` (and `unreadInBoth`, when both scans lacked its guardrails alike). */
function findingWithWas({ id, rule, severity, title, functions, was, unreadInBoth }: FindingChange): FindingChange {
  return { id, rule, severity, title, functions, was, ...(unreadInBoth ? { unreadInBoth } : {}) };
}

function byName(a: FunctionRef, b: FunctionRef): number {
  return a.name.localeCompare(b.name) || a.region.localeCompare(b.region) || a.arn.localeCompare(b.arn);
}

/**
 * The report's account-wide roles, each under what it covers: its ARN, followed by its regions when it covers every
 * function of some regions only. A role whose scope changes is lost under one and gained under the other.
 */
function accountInvokersByScope(report: AnalysisReport): Map<string, AccountInvoker> {
  const scope = (i: AccountInvoker) => (i.regions ? `${i.principal} (every function in ${i.regions.join(", ")})` : i.principal);
  return new Map((report.accountInvokers ?? []).map((i) => [scope(i), i]));
}

/**
 * An answer as a line: how it decides (and on what, when conditional; a mapping's state), through which actions
 * when not InvokeFunction, and the statements that grant it ("conditional (depends on aws:SourceIp), by invoke#0").
 * Lists sorted: IAM gives their order no meaning. An account-wide role's exceptions are each function's own change.
 */
function answerLine(
  i: Pick<AccountInvoker, "unknownKeys" | "undocumentedValues" | "deniedBy" | "unreadPolicies" | "actions"> & Pick<Invoker, "decision" | "reason" | "statements" | "state">,
): string {
  const sorted = (l: readonly string[] | undefined) => [...(l ?? [])].sort().join(", ");
  const sortedList = (l: readonly string[] | undefined) => (l?.length ? [...l].sort() : undefined);
  // The findings' words for what a conditional answer turns on: a value AWS may read otherwise is a change as a key is.
  const dependsOn = dependsOnText({ keys: sortedList(i.unknownKeys), values: sortedList(i.undocumentedValues) });
  const why = [
    // An event source mapping's state says whether Lambda polls its source at all (Disabled: no invocations).
    i.state ? `mapping ${i.state}` : "",
    i.reason ?? "",
    dependsOn ? `depends on ${dependsOn}` : "",
    i.deniedBy?.length ? `may be refused by ${sorted(i.deniedBy)}` : "",
    i.unreadPolicies?.length ? `unread: ${sorted(i.unreadPolicies)}` : "",
  ].filter(Boolean);
  // lambda:InvokeFunction goes without saying: an account-wide entry without `actions` answers for it.
  const actions = sorted(i.actions);
  const through = actions && actions !== "lambda:InvokeFunction" ? ` through ${actions}` : "";
  const by = i.statements?.length ? `, by ${sorted(i.statements)}` : "";
  return `${i.decision ?? "allowed"}${why.length ? ` (${why.join("; ")})` : ""}${through}${by}`;
}

/** The roles under the same scope in both scans whose answer differs, by scope. */
function changedAnswers(then: Map<string, AccountInvoker>, now: Map<string, AccountInvoker>): Map<string, { was: AccountInvoker; is: AccountInvoker }> {
  const out = new Map<string, { was: AccountInvoker; is: AccountInvoker }>();
  for (const [scope, is] of now) {
    const was = then.get(scope);
    if (was && !sameAnswer(answerLine(was), answerLine(is))) out.set(scope, { was, is });
  }
  return out;
}

/**
 * The keys of a function's ways in, lost and gained, that only repeat a changed account-wide answer: the role's way
 * in took the role's answer in each scan (no exception of its own here) and is otherwise the same way.
 */
function repeatsChangedAnswer(
  changed: Iterable<{ was: AccountInvoker; is: AccountInvoker }>,
  fn: FunctionReport,
  lost: { keys: string[]; ways: Map<string, Invoker> },
  gained: { keys: string[]; ways: Map<string, Invoker> },
): Set<string> {
  const out = new Set<string>();
  const apartFromAnswer = (inv: Invoker) => invokerKey({ ...inv, decision: undefined });
  const here = [...changed].filter(({ is }) => !is.regions || is.regions.includes(fn.region));
  if (!here.length) return out;
  // Each side's ways through identity policies by role, once: every role's answer can change at once (a condition
  // added to AdministratorAccess), and scanning every way for each role made it roles² per function.
  const byRole = (side: { keys: string[]; ways: Map<string, Invoker> }) => {
    const index = new Map<string, [Invoker, string][]>();
    for (const k of side.keys) {
      const inv = side.ways.get(k) as Invoker;
      if (inv.via === "identity-policy") addTo(index, inv.principal, [inv, k] as [Invoker, string]);
    }
    return index;
  };
  const lostByRole = byRole(lost);
  const gainedByRole = byRole(gained);
  for (const { was, is } of here) {
    const following = (index: Map<string, [Invoker, string][]>, entry: AccountInvoker) =>
      new Map((index.get(entry.principal) ?? []).flatMap(([inv, k]) => (inv.decision === entry.decision ? [[apartFromAnswer(inv), k] as const] : [])));
    const lostWays = following(lostByRole, was);
    const gainedWays = following(gainedByRole, is);
    for (const [way, k] of lostWays) {
      const g = gainedWays.get(way);
      if (g === undefined) continue;
      out.add(k);
      out.add(g);
    }
  }
  return out;
}

/**
 * Lines lost and gained that are one thing whose answer alone differs (allowed in one scan, conditional in the other)
 * where a scan could not read what that answer rests on: a function policy refused to the newer scan makes its URL and
 * the account's roles conditional (its Deny may refuse them); unread SCPs or RCPs, taken to permit everything, leave
 * out the condition or Deny the other scan read in them. That scan's gap, never a line lost and another gained: the
 * older scan's line is not verifiable (`why` by its key), or the newer's unknown before, and its twin `dropped`.
 * `apart` keys a line apart from its answer; `whyThen` (`whyNow`) says what the older (newer) scan lacks for one.
 * Both scans lacking the same leave the pair as it is, as splitByGap does.
 */
function answerTwins<K>(
  lost: readonly K[],
  gained: readonly K[],
  apart: (key: K, side: "then" | "now") => string,
  whyThen: (key: K) => string | undefined,
  whyNow: (key: K) => string | undefined,
): { why: Map<K, string>; dropped: Set<K> } {
  const out = { why: new Map<K, string>(), dropped: new Set<K>() };
  if (!lost.length || !gained.length) return out;
  const lostByWay = new Map(lost.map((k) => [apart(k, "then"), k]));
  for (const g of gained) {
    const l = lostByWay.get(apart(g, "now"));
    if (l === undefined) continue;
    const [now, then] = [whyNow(g), whyThen(l)];
    if (now === then) continue;
    const [shown, twin, why] = now ? [l, g, now] : [g, l, then as string];
    out.why.set(shown, why);
    out.dropped.add(twin);
  }
  return out;
}

/** One scan's side of a comparison of account-wide roles: its entries by scope, its report and what it could not read. */
interface WideSide {
  scopes: Map<string, AccountInvoker>;
  report: AnalysisReport;
  gaps: ScanGaps;
}

/**
 * The regions whose every function `entry` covers and `other` (the same role in the other scan) does not. An entry
 * without regions covers every function; asked of the other scan, that is each region it scanned (those it did not
 * are its gap anyway).
 */
function coveredOnlyBy(entry: AccountInvoker, other: AccountInvoker, otherReport: AnalysisReport): string[] {
  if (!other.regions) return [];
  const otherRegions = other.regions;
  return (entry.regions ?? otherReport.regions).filter((r) => !otherRegions.includes(r));
}

/** Why every one of `regions` may hold functions `gaps`' scan did not list; undefined when it listed one of them (or there are none). */
function unlistedWhy(regions: readonly string[], gaps: ScanGaps): string | undefined {
  const whys = regions.map((r) => gaps.unlisted(r));
  return whys.length && whys.every((w) => w !== undefined) ? [...new Set(whys)].join("; ") : undefined;
}

/**
 * A role under one scope in one scan and another in the other, where the regions that tell the scopes apart are ones
 * a scan could not list (ListFunctions denied, a disabled region): it may invoke there as before, so its line in the
 * scan that covers more is not verifiable (`why`, by its scope key), and the other scan's narrower line, which that
 * one covers, says nothing new (`implied`). A scope lost or gained in a region both scans listed is lost and gained.
 */
function regionOnlyRescopes(lostKeys: string[], gainedKeys: string[], then: WideSide, now: WideSide): { why: Map<string, string>; implied: Set<string> } {
  const why = new Map<string, string>();
  const implied = new Set<string>();
  const sameRole = (a: AccountInvoker, b: AccountInvoker) => a.principal === b.principal && String(a.actions ?? "") === String(b.actions ?? "");
  for (const lostKey of lostKeys) {
    const was = then.scopes.get(lostKey) as AccountInvoker;
    const gainedKey = gainedKeys.find((k) => sameRole(was, now.scopes.get(k) as AccountInvoker));
    if (gainedKey === undefined) continue;
    const is = now.scopes.get(gainedKey) as AccountInvoker;
    const onlyThen = coveredOnlyBy(was, is, now.report);
    const onlyNow = coveredOnlyBy(is, was, then.report);
    const lostWhy = unlistedWhy(onlyThen, now.gaps);
    const gainedWhy = unlistedWhy(onlyNow, then.gaps);
    if ((onlyThen.length && !lostWhy) || (onlyNow.length && !gainedWhy) || !(lostWhy || gainedWhy)) continue;
    if (lostWhy) why.set(lostKey, lostWhy);
    else implied.add(lostKey);
    if (gainedWhy) why.set(gainedKey, gainedWhy);
    else implied.add(gainedKey);
  }
  return { why, implied };
}

/** An assumer of a role as the diff compares it: its line, the assumer, and its key apart from its answer. */
interface AssumerLine {
  text: string;
  assumer: RoleAssumer;
  /** The role, who, with which call, by which statement and conditions: what stays when only the answer changes. */
  apart: string;
}

/**
 * Each assumer of each role the other report has too, as one line: "role-name: who [when conditions]", by a key
 * that ignores the order of its conditions. With `unread`, only the roles whose trust policy `other` could not read
 * (it lists no assumers for them: unknown, not none).
 */
function assumerLines(report: AnalysisReport, other: AnalysisReport, unread = false): Map<string, AssumerLine> {
  const out = new Map<string, AssumerLine>();
  const roles = report.invokerRoles ?? {};
  for (const [arn, { assumers }] of Object.entries(roles)) {
    const there = ownValue(other.invokerRoles ?? {}, arn);
    if (!there || !!there.trustUnreadable !== unread) continue;
    const role = roleNameOf(arn);
    for (const a of assumers) {
      const conditions = sortedClauses(a.conditionSummary);
      out.set(`${role}: ${assumerText({ ...a, conditionSummary: conditions })}`, {
        text: `${role}: ${assumerText(a)}`,
        assumer: a,
        apart: [arn, a.principal, a.action, a.sid, conditions].join("|"),
      });
    }
  }
  return out;
}

/**
 * The gaps both scans have alike: a function's `unknown` entries both list (same data, same error), the account's IAM
 * data, a region both scanned and could not list. Lambda@Edge associations are left out: no scan reads them.
 */
function unreadInBoth(before: AnalysisReport, after: AnalysisReport, gapsThen: ScanGaps, gapsNow: ScanGaps): Unverified[] {
  const out: Unverified[] = [];
  if (gapsNow.iam && gapsNow.iam === gapsThen.iam) out.push({ text: "the account's IAM data", why: gapsNow.iam });
  const guardrails = gapsNow.guardrails;
  if (guardrails && guardrails.why === gapsThen.guardrails?.why) out.push({ text: `the organization's ${guardrails.name}`, why: guardrails.why });
  for (const region of [...after.regions].filter((r) => before.regions.includes(r)).sort()) {
    const why = gapsNow.unlisted(region);
    if (why && why === gapsThen.unlisted(region)) out.push({ text: `functions in ${region}`, why });
  }
  const old = new Map(before.functions.map((f) => [f.arn, f]));
  for (const fn of after.functions.map((f) => ({ ...ref(f), unknown: f.unknown })).sort(byName)) {
    const was = new Set(old.get(fn.arn)?.unknown ?? []);
    const both = fn.unknown.filter((u) => u !== EDGE_ASSOCIATIONS_NOT_READ && was.has(u));
    if (both.length) out.push({ text: `${fn.name} · ${fn.region}`, why: both.join("; "), arn: fn.arn });
  }
  return out;
}

/** Functions of one scan the other lacks: those in a region the other listed, and those it may have missed. */
function absentFrom(fns: FunctionReport[], other: Map<string, FunctionReport>, otherGaps: ScanGaps) {
  const absent = fns.filter((f) => !other.has(f.arn)).map(ref).sort(byName);
  return splitByGap(absent, (f) => otherGaps.unlisted(f.region));
}

/** Changes from `before` (older scan) to `after` (newer scan). */
export function diffReports(before: AnalysisReport, after: AnalysisReport): ReportDiff {
  const old = new Map(before.functions.map((f) => [f.arn, f]));
  const cur = new Map(after.functions.map((f) => [f.arn, f]));
  const gapsNow = scanGaps(after);
  const gapsThen = scanGaps(before);
  // A list of things the older (newer) scan could not check may hold some that the newer (older) scan's unread
  // guardrails leave unknown: marked so, they say whose gap it is.
  const inOlder = unreadInScan("older", gapsThen);
  const inNewer = unreadInScan("newer", gapsNow);

  const removed = absentFrom(before.functions, cur, gapsNow);
  const added = absentFrom(after.functions, old, gapsThen);

  const wideNow = accountInvokersByScope(after);
  const wideThen = accountInvokersByScope(before);
  const gainedKeys = minus(wideNow, wideThen);
  const lostKeys = minus(wideThen, wideNow);
  const rescoped = regionOnlyRescopes(lostKeys, gainedKeys, { scopes: wideThen, report: before, gaps: gapsThen }, { scopes: wideNow, report: after, gaps: gapsNow });
  const wideGained = splitByGap(
    gainedKeys.filter((k) => !rescoped.implied.has(k)).map((text) => ({ text })),
    (g) => gapsThen.iam ?? rescoped.why.get(g.text) ?? gapsNow.unguarded(OWN_POLICIES),
    () => gapsNow.iam ?? gapsThen.unguarded(OWN_POLICIES),
  );
  const accountInvokersGained = wideGained.gone.map((g) => g.text);
  const wideLost = splitByGap(
    lostKeys.filter((k) => !rescoped.implied.has(k)).map((text) => ({ text })),
    (l) => gapsNow.iam ?? rescoped.why.get(l.text) ?? gapsThen.unguarded(OWN_POLICIES),
    () => gapsThen.iam ?? gapsNow.unguarded(OWN_POLICIES),
  );
  const accountInvokersLost = wideLost.gone.map((l) => l.text);
  const answersChanged = changedAnswers(wideThen, wideNow);
  // An answer a scan could not check (its IAM data not whole, or none of the functions it covers listed: a role's
  // grant then reads as conditional on the unread policies; or the SCPs that limit it unread, whose Deny or condition
  // the other scan may have read) is that scan's gap, not a change.
  const unchecked = (e: AccountInvoker, report: AnalysisReport, gaps: ScanGaps) =>
    gaps.iam ?? unlistedWhy(e.regions ?? report.regions, gaps) ?? gaps.unguarded(OWN_POLICIES);
  const wideChanged = splitChanged(
    [...answersChanged].map(([text, { was, is }]) => ({ text, was, is })),
    (c) => unchecked(c.is, after, gapsNow),
    (c) => unchecked(c.was, before, gapsThen),
  );
  // As `minus` sorts the keys these lists held alone before.
  const byText = (a: { text: string }, b: { text: string }) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
  const scopes = (keys: string[], m: Map<string, AccountInvoker>) => keys.map((k) => m.get(k) as AccountInvoker);
  // A role the older scan may have missed, or whose scope changed, is not said gained on each function either.
  const gainedScopes = scopes(gainedKeys, wideNow);
  // A role the newer scan may have missed, or whose scope changed, is not said lost on each function either.
  const lostScopes = scopes(lostKeys, wideThen);
  // What a role gained or lost on every function (of a region) is said once, by those lists, not again on each of them.
  const summarised = (entries: AccountInvoker[], m: Map<string, Invoker>, fn: FunctionReport) => (k: string) => {
    const inv = m.get(k) as Invoker;
    return inv.via !== "identity-policy" || !entries.some((e) => e.principal === inv.principal && (!e.regions || e.regions.includes(fn.region)));
  };

  // Functions no entry of either scan has an exception on take their region's account-wide ways in alike (SharedWays).
  const exceptedThen = functionsWithExceptions(before.accountInvokers ?? []);
  const exceptedNow = functionsWithExceptions(after.accountInvokers ?? []);
  const sharedByRegion = new Map<string | undefined, SharedWays>();
  const sharedFor = (prev: FunctionReport, fn: FunctionReport): SharedWays | undefined => {
    if (exceptedThen.has(prev.arn) || exceptedNow.has(fn.arn)) return undefined;
    const region = parseArn(fn.arn)?.region;
    const known = sharedByRegion.get(region);
    if (known) return known;
    const made = sharedWays(accountWideMap(prev, before), accountWideMap(fn, after));
    sharedByRegion.set(region, made);
    return made;
  };

  const functionsChanged: FunctionChange[] = [];
  for (const fn of after.functions) {
    const prev = old.get(fn.arn);
    if (!prev) continue;
    const mappings = (f: FunctionReport) => f.invokers.filter((i) => letsIn(i) && i.via === "event-source-mapping");
    const paired = pairedMappingKeys(mappings(prev), mappings(fn), invokerKey);
    const keyIn = (keys: Map<Invoker, string>) => (inv: Invoker) => keys.get(inv) ?? invokerKey(inv);
    const wide = sharedFor(prev, fn);
    const { ways: invNow, answers: answersNow } = invokerMap(fn, after, keyIn(paired.now), wide && { alike: wide.alike, ways: wide.now });
    const { ways: invThen, answers: answersThen } = invokerMap(prev, before, keyIn(paired.then), wide && { alike: wide.alike, ways: wide.then });
    const toChange = (m: Map<string, Invoker>) => (k: string): InvokerChange => {
      const inv = m.get(k)!;
      return { key: k, text: wayText(k, inv), public: isPublic(inv) };
    };
    const waysGained = minus(invNow, invThen).filter(summarised(gainedScopes, invNow, fn));
    const waysLost = minus(invThen, invNow).filter(summarised(lostScopes, invThen, prev));
    const repeats = repeatsChangedAnswer(answersChanged.values(), fn, { keys: waysLost, ways: invThen }, { keys: waysGained, ways: invNow });
    // What a scan lacks for a way's answer: the documents it rests on, or the guardrails that limit it.
    const answerGap = (gaps: ScanGaps, inv: Invoker) => gaps.lacksAnswer(fn.arn, inv) ?? gaps.unguarded({ invoker: inv });
    const apartFromAnswer = (k: string, side: "then" | "now") => invokerKey({ ...((side === "then" ? invThen : invNow).get(k) as Invoker), decision: undefined });
    const twins = answerTwins(waysLost, waysGained, apartFromAnswer, (k) => answerGap(gapsThen, invThen.get(k) as Invoker), (k) => answerGap(gapsNow, invNow.get(k) as Invoker));
    // `twin`: the gap that keeps a lost (gained) way's answer-only twin from being checked against the newer (older) scan;
    // asked as the other scan's gap, none: twins are one scan's gap alone, never both scans'.
    // `own`: the scan listing the way, whose unread guardrails may hide the Deny that refuses it.
    const wayGap = (gaps: ScanGaps, m: Map<string, Invoker>, own: ScanGaps, twin = false) => (c: InvokerChange) => {
      const inv = m.get(c.key) as Invoker;
      if (!twin && twins.why.has(c.key)) return undefined;
      return gaps.lacksWayIn(fn.arn, inv) ?? (twin ? twins.why.get(c.key) : undefined) ?? own.unguarded({ invoker: inv });
    };
    const kept = (k: string) => !repeats.has(k) && !twins.dropped.has(k);
    const gained = splitByGap(waysGained.filter(kept).map(toChange(invNow)), wayGap(gapsThen, invNow, gapsNow, true), wayGap(gapsNow, invNow, gapsThen));
    const lost = splitByGap(waysLost.filter(kept).map(toChange(invThen)), wayGap(gapsNow, invThen, gapsThen, true), wayGap(gapsThen, invThen, gapsNow));
    // An answer that changed where either scan could not read what it rests on is that scan's gap, as an account-wide role's.
    const unreadFor = (f: FunctionReport, gaps: ScanGaps, keys: Map<Invoker, string>) => (k: string) =>
      f.invokers.filter((i) => letsIn(i) && keyIn(keys)(i) === k).map((i) => answerGap(gaps, i)).find((why) => why !== undefined);
    const answered = [...answersNow].flatMap(([k, now]) => {
      const was = answersThen.get(k);
      return now !== undefined && was !== undefined && !sameAnswer(was, now) ? [{ ...toChange(invNow)(k), was, now }] : [];
    });
    const invokerAnswers = splitChanged(answered, (c) => unreadFor(fn, gapsNow, paired.now)(c.key), (c) => unreadFor(prev, gapsThen, paired.then)(c.key));
    const invokersChanged = invokerAnswers.changed.map(({ text, was, now }) => ({ text, was, now })).sort((a, b) => a.text.localeCompare(b.text));
    const asUnverified = ({ key, text, public: open, why }: InvokerChange & Unverified) => ({ key, text, public: open, why });
    // The guardrails a scan could not read that limit one of the actions: a Deny or condition of theirs may be the change.
    const unguardedActions = (gaps: ScanGaps, actions: readonly string[]) => actions.map((action) => gaps.unguarded({ action })).find((why) => why !== undefined);
    const actionAnswersChanged = splitChanged(
      changedActions(actionAnswers(prev), actionAnswers(fn)),
      (c) => gapsNow.lacks(fn.arn, ACCESS_NEEDS) ?? c.unreadNow ?? unguardedActions(gapsNow, c.actions),
      (c) => gapsThen.lacks(fn.arn, ACCESS_NEEDS) ?? c.unreadThen ?? unguardedActions(gapsThen, c.actions),
    );
    const actionsChanged = actionAnswersChanged.changed.map(({ text, was, now }) => ({ text, was, now }));
    const actsNow = actionPairs(fn);
    const actsThen = actionPairs(prev);
    const unreadNow = unreadResourcePolicies(fn);
    const unreadThen = unreadResourcePolicies(prev);
    const pairsGained = minus(actsNow, actsThen).filter(notSameGrant(unreadNow, actsThen));
    const pairsLost = minus(actsThen, actsNow).filter(notSameGrant(unreadThen, actsNow));
    // A pair allowed in one scan and conditional in the other, where one scan could not read the guardrails over it.
    const plain = (text: string) => (text.endsWith(CONDITIONAL) ? text.slice(0, -CONDITIONAL.length) : text);
    const pairTwins = answerTwins(pairsLost, pairsGained, plain, (t) => gapsThen.unguarded({ action: t }), (t) => gapsNow.unguarded({ action: t }));
    // `twin`, `own`: as for ways in (wayGap), the pair's answer-only twin and the scan listing the pair, whose unread
    // guardrails may hide the Deny that takes it away.
    const actionGap = (gaps: ScanGaps, unread: Map<string, string>, own: ScanGaps, twin = false) => (a: { text: string }) =>
      !twin && pairTwins.why.has(a.text)
        ? undefined
        : gaps.lacks(fn.arn, ACCESS_NEEDS) ?? unread.get(a.text) ?? (twin ? pairTwins.why.get(a.text) : undefined) ?? own.unguarded({ action: a.text });
    const unpaired = (text: string) => !pairTwins.dropped.has(text);
    const actsGained = splitByGap(
      pairsGained.filter(unpaired).map((text) => ({ text })),
      actionGap(gapsThen, unreadThen, gapsNow, true),
      actionGap(gapsNow, unreadNow, gapsThen),
    );
    const actsLost = splitByGap(
      pairsLost.filter(unpaired).map((text) => ({ text })),
      actionGap(gapsNow, unreadNow, gapsThen, true),
      actionGap(gapsThen, unreadThen, gapsNow),
    );
    const turnedPublic = fn.invokers.some(isPublic) && !prev.invokers.some(isPublic);
    // Not public in a scan that could not read its grants or URL is unknown, not "not public"; an alias's or version's
    // unread policy only when the way in anyone has now is on one.
    const onQualifier = fn.invokers.some((i) => isPublic(i) && !!i.qualifier && i.qualifier !== fn.arn);
    const publicBeforeUnknown = turnedPublic ? gapsThen.lacks(prev.arn, PUBLIC_NEEDS, onQualifier) : undefined;
    const becamePublic = turnedPublic && !publicBeforeUnknown;
    const change: FunctionChange = {
      ...ref(fn),
      invokersGained: gained.gone,
      invokersLost: lost.gone,
      invokersChanged,
      invokersUnverified: [...lost.unverified.map(inOlder), ...invokerAnswers.unverified.map(asUnverified)],
      invokersUnknownBefore: [...gained.unverified.map(inNewer), ...invokerAnswers.unknownBefore.map(asUnverified)],
      actionsGained: actsGained.gone.map((a) => a.text),
      actionsLost: actsLost.gone.map((a) => a.text),
      actionsChanged,
      actionsUnverified: [...actsLost.unverified.map(inOlder), ...actionAnswersChanged.unverified.map(({ text, why }) => ({ text, why }))],
      actionsUnknownBefore: [...actsGained.unverified.map(inNewer), ...actionAnswersChanged.unknownBefore.map(({ text, why }) => ({ text, why }))],
      becamePublic,
      ...(publicBeforeUnknown ? { publicBeforeUnknown } : {}),
    };
    const shared = [gained.gone, lost.gone, invokerAnswers.changed, actionAnswersChanged.changed, actsGained.gone, actsLost.gone].flatMap((l) =>
      l.flatMap((c) => (c.unreadInBoth ? [c.unreadInBoth] : [])),
    );
    if (shared.length) change.unreadInBoth = [...new Set(shared)].sort();
    const settingsChanged = changedSettings(prev, fn, paired, [gapsThen, gapsNow]);
    if (settingsChanged.length) change.settingsChanged = settingsChanged;
    const { invokersGained, invokersLost, invokersUnverified, invokersUnknownBefore, actionsGained, actionsLost, actionsUnverified, actionsUnknownBefore } = change;
    const lines = [invokersGained, invokersLost, invokersChanged, invokersUnverified, invokersUnknownBefore, actionsGained, actionsLost, actionsChanged, actionsUnverified, actionsUnknownBefore, settingsChanged];
    if (lines.some((l) => l.length) || turnedPublic) functionsChanged.push(change);
  }
  functionsChanged.sort(byName);

  // By subject: a role's other principals or a function's gaps that changed are one finding changed. Accepted findings
  // (a suppressions file) are still there: one accepted in one scan only, by an id entry naming that scan's set, is
  // neither fixed nor new.
  const then = new Map([...before.findings, ...(before.suppressed ?? [])].map((f) => [findingSubject(f.id), f]));
  const now = new Set([...after.findings, ...(after.suppressed ?? [])].map((f) => findingSubject(f.id)));
  // A finding of a function the other scan could not (wholly) read is neither known new nor known fixed.
  const fresh = splitByGap(
    sortFindings(after.findings.filter((f) => !then.has(findingSubject(f.id)))),
    (f) => findingGap(f, cur, old, gapsThen, gapsNow),
    (f) => findingGap(f, cur, cur, gapsNow, gapsThen),
  );
  const findingsNew = fresh.gone.map(findingChange);
  const fixed = splitByGap(
    sortFindings(before.findings.filter((f) => !now.has(findingSubject(f.id)))),
    (f) => findingGap(f, old, cur, gapsNow, gapsThen),
    (f) => findingGap(f, old, old, gapsThen, gapsNow),
  );
  // The functions a finding badges are a set: their order is no change.
  const sameFunctions = (a: Finding, b: Finding) => String([...a.functions].sort()) === String([...b.functions].sort());
  const findingsInBoth = sortFindings(
    after.findings.filter((f) => {
      const prev = then.get(findingSubject(f.id));
      return prev !== undefined && (prev.severity !== f.severity || prev.title !== f.title || !sameFunctions(prev, f));
    }),
  ).map((f) => {
    const prev = then.get(findingSubject(f.id)) as Finding;
    return { ...findingChange(f), was: { severity: prev.severity, title: prev.title, ...(sameFunctions(prev, f) ? {} : { functions: prev.functions }) } };
  });
  // Read otherwise where one scan could not read the guardrails that decide the rule: that scan's gap, as for answers.
  const refound = splitChanged(findingsInBoth, (f) => changedFindingGap(f, gapsNow), (f) => changedFindingGap(f, gapsThen));
  const findingsChanged = refound.changed.map(findingWithWas);
  // In findingsInBoth's order (severity first), whichever scan's gap it is.
  const position = new Map(findingsInBoth.map((f, i) => [f.id, i]));
  const findingsChangeUnverified = [
    ...refound.unverified.map((f) => ({ f, unreadIn: "newer" as const })),
    ...refound.unknownBefore.map((f) => ({ f, unreadIn: "older" as const })),
  ]
    .sort((a, b) => (position.get(a.f.id) ?? 0) - (position.get(b.f.id) ?? 0))
    .map(({ f, unreadIn }): FindingChangeUnverified => ({ ...findingWithWas(f), was: f.was, why: f.why, unreadIn }));

  const assumersNow = assumerLines(after, before);
  const assumersThen = assumerLines(before, after);
  const unreadTrust = [...assumerLines(before, after, true).values()].map((l) => l.text).sort().map((text) => ({ text, why: "the role's trust policy could not be read" }));
  // RCPs limit every sts:AssumeRole on the account's roles, SCPs the account's own callers': where one scan could not
  // read them, who may assume a role as it lists them, or in another answer, is that scan's gap, as a way in is.
  const assumerGap = (gaps: ScanGaps, lines: Map<string, AssumerLine>) => (k: string) => gaps.unguarded({ assumer: (lines.get(k) as AssumerLine).assumer });
  const [assumerKeysGained, assumerKeysLost] = [minus(assumersNow, assumersThen), minus(assumersThen, assumersNow)];
  const assumerTwins = answerTwins(
    assumerKeysLost,
    assumerKeysGained,
    (k, side) => (((side === "then" ? assumersThen : assumersNow).get(k) as AssumerLine).apart),
    assumerGap(gapsThen, assumersThen),
    assumerGap(gapsNow, assumersNow),
  );
  // `own` lists the assumer; a twin's gap is one scan's alone (wayGap).
  const assumerSplit = (keys: string[], own: Map<string, AssumerLine>, ownGaps: ScanGaps, otherGaps: ScanGaps) =>
    splitByGap(
      keys.filter((k) => !assumerTwins.dropped.has(k)).map((k) => ({ text: (own.get(k) as AssumerLine).text, key: k })),
      (l) => assumerTwins.why.get(l.key) ?? assumerGap(ownGaps, own)(l.key),
      (l) => (assumerTwins.why.has(l.key) ? undefined : assumerGap(otherGaps, own)(l.key)),
    );
  const assumersGainedSplit = assumerSplit(assumerKeysGained, assumersNow, gapsNow, gapsThen);
  const assumersLostSplit = assumerSplit(assumerKeysLost, assumersThen, gapsThen, gapsNow);
  const assumerLine = ({ text, why }: { text: string; why: string }): Unverified => ({ text, why });

  // Outlined: what changed, not what the newer scan could not check (its badges say that).
  const outlined = functionsChanged.filter((c) => c.invokersGained.length || c.invokersLost.length || c.invokersChanged.length || c.actionsGained.length || c.actionsLost.length || c.actionsChanged.length || c.settingsChanged || c.becamePublic || c.publicBeforeUnknown);
  const changed = new Set<string>([...added.gone, ...added.unverified, ...outlined].map((f) => f.nodeId));
  for (const f of [...findingsNew, ...findingsChanged]) for (const arn of f.functions) if (cur.has(arn)) changed.add(nodeId.fn(arn));

  return {
    from: { account: before.account, capturedAt: before.capturedAt },
    to: { account: after.account, capturedAt: after.capturedAt },
    functionsAdded: added.gone,
    functionsRemoved: removed.gone,
    functionsUnseen: removed.unverified,
    functionsFirstSeen: added.unverified,
    functionsChanged,
    findingsNew,
    findingsFixed: fixed.gone.map(findingChange),
    findingsUnverified: fixed.unverified.map((f) => inOlder({ ...findingChange(f), why: f.why })),
    findingsUnknownBefore: fresh.unverified.map((f) => inNewer({ ...findingChange(f), why: f.why })),
    findingsChanged,
    findingsChangeUnverified,
    accountInvokersGained,
    accountInvokersLost,
    accountInvokersChanged: wideChanged.changed.map((c) => ({ text: c.text, was: answerLine(c.was), now: answerLine(c.is) })).sort(byText),
    accountInvokersUnverified: [...wideLost.unverified.map(inOlder), ...wideChanged.unverified].map(unverifiedLine).sort(byText),
    accountInvokersUnknownBefore: [...wideGained.unverified.map(inNewer), ...wideChanged.unknownBefore].map(unverifiedLine).sort(byText),
    assumersGained: assumersGainedSplit.gone.map((l) => l.text),
    assumersLost: assumersLostSplit.gone.map((l) => l.text),
    assumersUnverified: [...unreadTrust, ...assumersLostSplit.unverified.map(assumerLine).map(inOlder)],
    assumersUnknownBefore: assumersGainedSplit.unverified.map(assumerLine).map(inNewer),
    unreadInBoth: unreadInBoth(before, after, gapsThen, gapsNow),
    changedNodeIds: [...changed].sort(),
  };
}

/** Public exposure gained: added functions that are public and changed functions that became public. */
export function newlyPublic(diff: ReportDiff, after: AnalysisReport): FunctionRef[] {
  const byArn = new Map(after.functions.map((f) => [f.arn, f]));
  const added = diff.functionsAdded.filter((f) => byArn.get(f.arn)?.invokers.some(isPublic));
  return [...added, ...diff.functionsChanged.filter((c) => c.becamePublic)].sort(byName);
}

/**
 * Functions anyone may invoke now whose exposure before is unknown: first listed by the newer scan, or in both while
 * the older one could not read their grants or URL. Never "could not before".
 */
export function publicBeforeUnknown(diff: ReportDiff, after: AnalysisReport): FunctionGap[] {
  const byArn = new Map(after.functions.map((f) => [f.arn, f]));
  const seen = diff.functionsFirstSeen.filter((f) => byArn.get(f.arn)?.invokers.some(isPublic));
  const changed = diff.functionsChanged.flatMap((c) => (c.publicBeforeUnknown ? [{ ...ref(c), why: c.publicBeforeUnknown }] : []));
  return [...seen, ...changed].sort(byName);
}
