/**
 * What changed between two scans: functions added and removed, per-function invokers and reachable actions
 * gained or lost, findings new, fixed and changed. Pure (two AnalysisReports in, plain JSON out), so the dashboard, the
 * API and tests share it. Everything is keyed by what stays stable across scans: ARNs, principals, finding ids.
 */
import type { AccountInvoker, AnalysisReport, Finding, FunctionReport, Invoker, Severity } from "@/lib/analysis/types";
import { nodeId } from "@/lib/graph/build";
import { isOpen } from "@/lib/policy/decision";
import { letsIn } from "@/lib/analysis/invoker-effect";
import { accountInvokersHere, assumerText } from "@/lib/view/identity-details";
import { roleNameOf } from "@/lib/analysis/route-line";
import { ownValue } from "@/lib/own-value";
import { isUserArn } from "@/lib/analysis/users-not-read";
import { sortFindings } from "@/lib/view/severity";

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

export interface FunctionChange extends FunctionRef {
  invokersGained: InvokerChange[];
  invokersLost: InvokerChange[];
  /** "action on resource" pairs the execution role gained or lost. */
  actionsGained: string[];
  actionsLost: string[];
  /** True when the function was not reachable by the public before and is now. */
  becamePublic: boolean;
}

export interface FindingChange {
  id: string;
  rule: string;
  severity: Severity;
  title: string;
  functions: string[];
  /** For a finding in both scans that reads otherwise now: its severity and title in the older scan. */
  was?: { severity: Severity; title: string };
}

export interface ReportDiff {
  from: { account: string; capturedAt: string };
  to: { account: string; capturedAt: string };
  functionsAdded: FunctionRef[];
  functionsRemoved: FunctionRef[];
  /** Functions in both scans whose invokers or reachable actions differ. */
  functionsChanged: FunctionChange[];
  findingsNew: FindingChange[];
  findingsFixed: FindingChange[];
  /** Findings in both scans (same id) whose severity or title changed: a grant that lost its SourceArn, a URL now open. */
  findingsChanged: FindingChange[];
  /**
   * Roles that may now invoke every function through their own policies, and roles that no longer may (the report's
   * accountInvokers, by role ARN, followed by "(every function in us-east-1)" for a role granted it on some regions'
   * functions only): one line each rather than one per function. A role that does so in both scans gains or loses,
   * on each function, what its exceptions change.
   */
  accountInvokersGained: string[];
  accountInvokersLost: string[];
  /**
   * Who may assume the roles that may invoke functions in both scans (the reports' `invokerRoles`), gained and lost:
   * "ci-deployer-role: account 210987654321". A role that starts or stops invoking shows in the invoker lists instead.
   */
  assumersGained: string[];
  assumersLost: string[];
  /** Node ids of the newer graph that changed (added or changed functions, functions with new findings). */
  changedNodeIds: string[];
}

function ref(fn: FunctionReport): FunctionRef {
  return { arn: fn.arn, name: fn.name, region: fn.region, nodeId: nodeId.fn(fn.arn) };
}

/**
 * A way in as it compares across scans: who, through what, on which target, and how far (its conditions, whether a
 * condition the snapshot cannot judge decides it, whether it is public). A way in whose conditions change is one way
 * lost and another gained, each line saying its conditions.
 */
export function invokerKey(inv: Invoker): string {
  return [
    inv.via,
    inv.principal,
    inv.sourceArn ?? "",
    inv.sourceAccount ?? "",
    inv.orgId ?? "",
    inv.qualifier ?? "",
    inv.authType ?? "",
    inv.conditionSummary ?? "",
    inv.decision === "conditional" ? "may" : "",
    isPublic(inv) ? "public" : "",
  ].join("|");
}

function describeInvoker(inv: Invoker): string {
  const parts: string[] = [];
  if (inv.via === "function-url") parts.push(`function URL (auth ${inv.authType ?? "unknown"})`);
  else if (inv.via === "event-source-mapping") parts.push(`event source ${inv.sourceArn ?? inv.uuid ?? "unknown"}`);
  else if (inv.via === "identity-policy") parts.push(`${inv.principal} (its identity policy)`);
  else parts.push(`${inv.principal}${inv.sourceArn ? ` from ${inv.sourceArn}` : ""}${inv.sourceAccount ? ` (account ${inv.sourceAccount})` : ""}`);
  if (inv.orgId) parts.push(`org ${inv.orgId}`);
  if (inv.qualifier) parts.push(`on ${inv.qualifier}`);
  if (inv.conditionSummary) parts.push(`when ${inv.conditionSummary}`);
  if (inv.decision === "conditional") parts.push("conditional");
  if (isPublic(inv)) parts.push("public");
  return parts.join(" · ");
}

function isPublic(inv: Invoker): boolean {
  return inv.public === true && inv.decision !== "explicitly-denied";
}

/**
 * The ways in through the function's invokers and the report's account-wide roles, each of those named as a
 * per-function list would name it (identity-invokers.ts): on the function, else on its $LATEST, else on each alias
 * it may invoke. So a role keeps the same key whether it is listed on the function or account-wide.
 */
function invokerMap(fn: FunctionReport, report: AnalysisReport): Map<string, Invoker> {
  // The ways in the graph draws and the overview counts: a grant its own policy refuses lets no one in.
  const all = fn.invokers.filter(letsIn);
  for (const here of accountInvokersHere(report.accountInvokers ?? [], fn)) {
    const way = { via: "identity-policy" as const, principal: here.principal, principalType: isUserArn(here.principal) ? ("user" as const) : ("role" as const), statements: here.statements };
    if (isOpen(here.decision)) {
      all.push({ ...way, decision: here.decision });
      continue;
    }
    const open = here.aliases.filter((q) => isOpen(q.decision));
    const latest = open.find((q) => q.arn === `${fn.arn}:$LATEST`);
    for (const q of latest ? [latest] : open) all.push({ ...way, decision: q.decision, qualifier: q.arn });
  }
  return new Map(all.map((i) => [invokerKey(i), i]));
}

/** "action on resource", marked when a condition the snapshot cannot judge decides it: losing one is a change too. */
function actionPairs(fn: FunctionReport): Set<string> {
  const out = new Set<string>();
  for (const r of fn.reaches) for (const a of r.actions) out.add(`${a} on ${r.resource}${r.conditional ? " (conditional)" : ""}`);
  return out;
}

function minus<T>(a: Map<string, T> | Set<string>, b: Map<string, T> | Set<string>): string[] {
  return [...a.keys()].filter((k) => !b.has(k)).sort();
}

function findingChange(f: Finding): FindingChange {
  return { id: f.id, rule: f.rule, severity: f.severity, title: f.title, functions: f.functions };
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

/** Each assumer of each role the other report has too, as one line: "role-name: who [when conditions]". */
function assumerLines(report: AnalysisReport, other: AnalysisReport): Set<string> {
  const out = new Set<string>();
  const roles = report.invokerRoles ?? {};
  for (const [arn, { assumers }] of Object.entries(roles)) {
    if (!ownValue(other.invokerRoles ?? {}, arn)) continue;
    for (const a of assumers) out.add(`${roleNameOf(arn)}: ${assumerText(a)}`);
  }
  return out;
}

/** Changes from `before` (older scan) to `after` (newer scan). */
export function diffReports(before: AnalysisReport, after: AnalysisReport): ReportDiff {
  const old = new Map(before.functions.map((f) => [f.arn, f]));
  const cur = new Map(after.functions.map((f) => [f.arn, f]));

  const functionsAdded = after.functions.filter((f) => !old.has(f.arn)).map(ref).sort(byName);
  const functionsRemoved = before.functions.filter((f) => !cur.has(f.arn)).map(ref).sort(byName);

  const wideNow = accountInvokersByScope(after);
  const wideThen = accountInvokersByScope(before);
  const accountInvokersGained = minus(wideNow, wideThen);
  const accountInvokersLost = minus(wideThen, wideNow);
  const scopes = (keys: string[], m: Map<string, AccountInvoker>) => keys.map((k) => m.get(k) as AccountInvoker);
  const gainedScopes = scopes(accountInvokersGained, wideNow);
  const lostScopes = scopes(accountInvokersLost, wideThen);
  // What a role gained or lost on every function (of a region) is said once, by those lists, not again on each of them.
  const summarised = (entries: AccountInvoker[], m: Map<string, Invoker>, fn: FunctionReport) => (k: string) => {
    const inv = m.get(k) as Invoker;
    return inv.via !== "identity-policy" || !entries.some((e) => e.principal === inv.principal && (!e.regions || e.regions.includes(fn.region)));
  };

  const functionsChanged: FunctionChange[] = [];
  for (const fn of after.functions) {
    const prev = old.get(fn.arn);
    if (!prev) continue;
    const invNow = invokerMap(fn, after);
    const invThen = invokerMap(prev, before);
    const toChange = (m: Map<string, Invoker>) => (k: string): InvokerChange => {
      const inv = m.get(k)!;
      return { key: k, text: describeInvoker(inv), public: isPublic(inv) };
    };
    const invokersGained = minus(invNow, invThen).filter(summarised(gainedScopes, invNow, fn)).map(toChange(invNow));
    const invokersLost = minus(invThen, invNow).filter(summarised(lostScopes, invThen, prev)).map(toChange(invThen));
    const actsNow = actionPairs(fn);
    const actsThen = actionPairs(prev);
    const actionsGained = minus(actsNow, actsThen);
    const actionsLost = minus(actsThen, actsNow);
    const becamePublic = fn.invokers.some(isPublic) && !prev.invokers.some(isPublic);
    if (!invokersGained.length && !invokersLost.length && !actionsGained.length && !actionsLost.length && !becamePublic) continue;
    functionsChanged.push({ ...ref(fn), invokersGained, invokersLost, actionsGained, actionsLost, becamePublic });
  }
  functionsChanged.sort(byName);

  const oldFindings = new Set(before.findings.map((f) => f.id));
  const newFindings = new Set(after.findings.map((f) => f.id));
  const findingsNew = sortFindings(after.findings.filter((f) => !oldFindings.has(f.id))).map(findingChange);
  const findingsFixed = sortFindings(before.findings.filter((f) => !newFindings.has(f.id))).map(findingChange);
  const then = new Map(before.findings.map((f) => [f.id, f]));
  const findingsChanged = sortFindings(
    after.findings.filter((f) => {
      const prev = then.get(f.id);
      return prev !== undefined && (prev.severity !== f.severity || prev.title !== f.title);
    }),
  ).map((f) => {
    const prev = then.get(f.id) as Finding;
    return { ...findingChange(f), was: { severity: prev.severity, title: prev.title } };
  });

  const assumersNow = assumerLines(after, before);
  const assumersThen = assumerLines(before, after);

  const changed = new Set<string>([...functionsAdded, ...functionsChanged].map((f) => f.nodeId));
  for (const f of [...findingsNew, ...findingsChanged]) for (const arn of f.functions) if (cur.has(arn)) changed.add(nodeId.fn(arn));

  return {
    from: { account: before.account, capturedAt: before.capturedAt },
    to: { account: after.account, capturedAt: after.capturedAt },
    functionsAdded,
    functionsRemoved,
    functionsChanged,
    findingsNew,
    findingsFixed,
    findingsChanged,
    accountInvokersGained,
    accountInvokersLost,
    assumersGained: minus(assumersNow, assumersThen),
    assumersLost: minus(assumersThen, assumersNow),
    changedNodeIds: [...changed].sort(),
  };
}

/** Public exposure gained: added functions that are public and changed functions that became public. */
export function newlyPublic(diff: ReportDiff, after: AnalysisReport): FunctionRef[] {
  const byArn = new Map(after.functions.map((f) => [f.arn, f]));
  const added = diff.functionsAdded.filter((f) => byArn.get(f.arn)?.invokers.some(isPublic));
  return [...added, ...diff.functionsChanged.filter((c) => c.becamePublic)].sort(byName);
}
