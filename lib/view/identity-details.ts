/**
 * Roles that may invoke a function through their own IAM policies, as the details panel shows them. The report lists
 * roles whose grant covers every function once (`accountInvokers`, with exceptions) rather than on each function:
 * the panel gets only the selected function's view of that list. Free of the evaluator and the graph builder so
 * the details panel can import it.
 */
import { parseArn } from "@/lib/analysis/arn";
import type { AccountInvoker, FunctionReport, RoleAssumer, RoleAssumers } from "@/lib/analysis/types";
import type { Decision } from "@/lib/policy/types";
import { isOpen } from "@/lib/policy/decision";
import { isLambdaService } from "@/lib/policy/lambda-service";
import { isAsyncOnly } from "@/lib/analysis/async-only";
import { isUserArn } from "@/lib/analysis/users-not-read";
import { roleNameOf } from "@/lib/analysis/route-line";
import { addTo } from "@/lib/multimap";
import { dependsOnText } from "@/lib/findings/depends-on";

/** An account-wide role as one function sees it. */
export interface AccountInvokerHere {
  principal: string;
  statements: string[];
  /** The answer for this function: its exception's if listed, else the role's. */
  decision: Decision;
  /**
   * Its `$LATEST`, aliases and published versions answered otherwise than the function itself (a grant or Deny on
   * the alias or version; a Deny naming the unqualified ARN only, which leaves `$LATEST` open).
   */
  aliases: { arn: string; decision: Decision }[];
  /** Set when the role's grant covers every function of this function's region, not of the account (`regions`). */
  region?: string;
  /** `["lambda:InvokeAsync"]` when the entry answers for the deprecated async API (`AccountInvoker.actions`). */
  actions?: readonly string[];
  /** The context keys a conditional answer waits on, when this function takes the entry's own answer. */
  unknownKeys?: string[];
  /** The policy values AWS may read otherwise it waits on, likewise. */
  undocumentedValues?: string[];
  /**
   * Refused Invoke here, yet among the function's own invokers through InvokeAsync (a Deny naming InvokeFunction
   * only): the panel must not say the role cannot run the function.
   */
  asyncHere?: true;
  /**
   * The other way round: an entry for InvokeAsync (`actions`) refused here, yet the role is among the function's own
   * invokers through Invoke (a grant of InvokeFunction on this function, a Deny naming InvokeAsync).
   */
  invokeHere?: true;
}

/** Functions that run as a role: the first few names (sorted) and how many there are in all. */
export interface RunBy {
  names: string[];
  total: number;
}

export interface IdentityDetails {
  accountWide: AccountInvokerHere[];
  /** Roles of the account whose policies could not be read: they may invoke this function too. */
  unreadRoles?: number;
  /** IAM users whose policies or groups could not be read: the same. */
  unreadUsers?: number;
  /** The snapshot predates reading IAM users: none is listed, which does not mean there are none. */
  usersNotRead?: true;
  /** Role ARN → the functions that run as it, for the roles the panel names (its identity invokers, `accountWide`). */
  runBy: Record<string, RunBy>;
  /** Role ARN → who may assume it, for the same roles (absent for a role not in the report's `invokerRoles`). */
  assumedBy: Record<string, RoleAssumers>;
}

export const RUN_BY_NAMES = 3;

const LATEST = ":$LATEST";

interface ExceptionIndex {
  answers: Map<string, Decision>;
  /** Unqualified function ARN → the exceptions on its qualified ARNs. */
  qualified: Map<string, string[]>;
}

/**
 * Built once per entry: the compare page asks about every function, and a role can have an exception on each (every
 * policy unread), which scanning the list per function made quadratic (100 s for 10,000 functions and 3 roles).
 */
const indexes = new WeakMap<AccountInvoker, ExceptionIndex>();

function exceptionIndex(inv: AccountInvoker): ExceptionIndex {
  let index = indexes.get(inv);
  if (!index) {
    index = { answers: new Map(), qualified: new Map() };
    for (const e of inv.exceptions) {
      index.answers.set(e.function, e.decision);
      // arn:partition:lambda:region:account:function:name[:qualifier]
      const parts = e.function.split(":");
      if (parts.length !== 8) continue;
      const fnArn = parts.slice(0, 7).join(":");
      addTo(index.qualified, fnArn, e.function);
    }
    indexes.set(inv, index);
  }
  return index;
}

/**
 * Whether `entry` answers for the function `fnArn`, its `$LATEST`, aliases and versions as the role does (no exception
 * on any of them): then its view from every such function is alike but for the function's own invokers and region.
 */
export function answersAsRole(entry: AccountInvoker, fnArn: string): boolean {
  const { answers, qualified } = exceptionIndex(entry);
  return !answers.has(fnArn) && !qualified.has(fnArn);
}

/**
 * The functions some entry of `list` has an exception on (on the function or one of its qualified ARNs), by
 * unqualified ARN: every entry answers as the role (answersAsRole) on each function not in it. One pass over the
 * exceptions, where asking answersAsRole of every entry for every function grows with both.
 */
export function functionsWithExceptions(list: readonly AccountInvoker[]): Set<string> {
  const out = new Set<string>();
  for (const entry of list) {
    const { answers, qualified } = exceptionIndex(entry);
    for (const arn of answers.keys()) out.add(arn);
    for (const arn of qualified.keys()) out.add(arn);
  }
  return out;
}

/** The entries of `list` that cover functions of `region`: an entry for some regions says nothing of functions elsewhere. */
export function accountInvokersIn(list: readonly AccountInvoker[], region: string | undefined): AccountInvoker[] {
  return list.filter((inv) => !inv.regions || (region !== undefined && inv.regions.includes(region)));
}

export function accountInvokersHere(
  list: readonly AccountInvoker[],
  fn: Pick<FunctionReport, "arn" | "aliases"> & Partial<Pick<FunctionReport, "invokers" | "versions">>,
): AccountInvokerHere[] {
  const region = parseArn(fn.arn)?.region;
  const own = (fn.invokers ?? []).filter((i) => i.via === "identity-policy");
  const viaAsync = new Set(own.filter((i) => isAsyncOnly(i.actions)).map((i) => i.principal));
  const viaInvoke = new Set(own.filter((i) => !isAsyncOnly(i.actions)).map((i) => i.principal));
  // Functions elsewhere list the role themselves when it may invoke them.
  const here = accountInvokersIn(list, region);
  return here.map((inv) => {
    const { answers, qualified: byFunction } = exceptionIndex(inv);
    const decision = answers.get(fn.arn) ?? inv.decision;
    // An alias or published version without an exception of its own takes the role's answer, which may differ from
    // the function's; a $LATEST without one takes the function's (AccountInvoker), so only its own exception names it.
    const qualified = new Set([...(fn.aliases ?? []).map((a) => a.arn), ...(fn.versions ?? []).map((v) => `${fn.arn}:${v}`), ...(byFunction.get(fn.arn) ?? [])]);
    const aliases = [...qualified]
      .map((arn) => ({ arn, decision: answers.get(arn) ?? inv.decision }))
      .filter((a) => a.decision !== decision)
      .sort(byQualifier);
    return {
      principal: inv.principal,
      statements: inv.statements,
      decision,
      aliases,
      ...(inv.regions ? { region } : {}),
      ...(inv.actions ? { actions: inv.actions } : {}),
      ...(decision === inv.decision && inv.unknownKeys?.length ? { unknownKeys: inv.unknownKeys } : {}),
      ...(decision === inv.decision && inv.undocumentedValues?.length ? { undocumentedValues: inv.undocumentedValues } : {}),
      ...(closed(decision) && !isAsyncOnly(inv.actions) && viaAsync.has(inv.principal) ? { asyncHere: true as const } : {}),
      ...(closed(decision) && isAsyncOnly(inv.actions) && viaInvoke.has(inv.principal) ? { invokeHere: true as const } : {}),
    };
  });
}

export function runBy(names: readonly string[]): RunBy {
  return { names: [...names].sort((a, b) => a.localeCompare(b)).slice(0, RUN_BY_NAMES), total: names.length };
}

/** "role of fn-a, fn-b, fn-c +2 more": where an invoking role is a function's, one function can call the other. */
export function runByText(r: RunBy | undefined): string | undefined {
  if (!r || r.total === 0) return undefined;
  const more = r.total - r.names.length;
  return `role of ${r.names.join(", ")}${more > 0 ? ` +${more} more` : ""}`;
}

/** Assumers an invoking role's line names before counting the rest. */
export const ASSUMERS_NAMED = 4;

const ACCOUNT_ROOT = /^(?:arn:[^:]*:iam::)?(\d{12})(?::root)?$/;

/** How the panel names one assumer: a service or ARN as written, "account 2109…", "OIDC provider token.actions…". */
export function assumerName(a: Pick<RoleAssumer, "principal" | "kind">): string {
  switch (a.kind) {
    case "public":
      // Not "anyone": its condition, said after it, may narrow it to an organization or an account.
      return "* (any principal)";
    case "own-account":
    case "other-account": {
      const account = ACCOUNT_ROOT.exec(a.principal)?.[1];
      return account ? `account ${account}` : a.principal;
    }
    case "federated": {
      const saml = /:saml-provider\/(.+)$/.exec(a.principal);
      return saml ? `SAML provider ${saml[1]}` : `OIDC provider ${providerHost(a.principal)}`;
    }
    case "canonical-user":
      return `canonical user ${a.principal}`;
    case "deleted":
      return `deleted principal ${a.principal}`;
    case "service":
      return a.principal;
  }
}

/** An OIDC provider's host (`token.actions.githubusercontent.com`), from its ARN or as written. */
function providerHost(principal: string): string {
  return principal.replace(/^arn:[^:]*:iam::\d*:oidc-provider\//, "");
}

/** One assumer as a line of its own: who, then which call and which trust statement let it in. */
export function assumerLine(a: RoleAssumer): string {
  const limits = a.limitedBy?.length ? `; may be refused by ${a.limitedBy.join(", ")}` : "";
  return `${assumerText(a)} · ${a.action} (trust policy statement ${a.sid}${limits})`;
}

/** "OIDC provider token.actions… when …:sub = repo:acme/*", "(conditional)" where an unknown condition decides. */
export function assumerText(a: RoleAssumer): string {
  // A provider's claims by their short names (sub, aud): the provider is named just before.
  const host = a.kind === "federated" ? providerHost(a.principal) : undefined;
  const summary = host && a.conditionSummary ? a.conditionSummary.replaceAll(`${host}:`, "") : a.conditionSummary;
  const when = summary ? ` when ${summary}` : "";
  const open = a.openTo ? ` — open to ${a.openTo}` : "";
  const limited = a.limitedBy?.length ? " within the organization's RCPs" : "";
  return `${assumerName(a)}${when}${a.decision === "conditional" ? " (conditional)" : ""}${limited}${open}`;
}

/** Whether everyone of some kind may assume the role (any AWS principal, any repository's workflows). */
export function hasOpenAssumer(a: RoleAssumers | undefined): boolean {
  return !!a?.assumers.some((x) => x.openTo);
}

/**
 * "assumed by codebuild.amazonaws.com": who can act as a role that may invoke, from its trust policy, so the line
 * leads on to the people and systems behind the role. For a function's own role (`ofFunctions`, the role's ARN)
 * Lambda (isLambdaService, as the execution-role-trust rule reads it) is implied by "role of …" and left out: only
 * other assumers are named. An unreadable trust policy is said, never read as no one.
 */
export function assumedByText(a: RoleAssumers | undefined, ofFunctions?: string): string | undefined {
  if (!a) return undefined;
  if (a.trustUnreadable) return "who may assume it is unknown (trust policy unreadable)";
  const named = ofFunctions ? a.assumers.filter((x) => !(x.kind === "service" && isLambdaService(x.principal, ofFunctions))) : a.assumers;
  if (named.length === 0) return ofFunctions ? undefined : "no one may assume it (trust policy)";
  const more = named.length - ASSUMERS_NAMED;
  return `${ofFunctions ? "also assumed by" : "assumed by"} ${named.slice(0, ASSUMERS_NAMED).map(assumerText).join(", ")}${more > 0 ? ` +${more} more` : ""}`;
}

/**
 * What an account-wide role's answer means for `target` ("this one", "alias live"): said for every answer, denials
 * included. `verb` names the call where the entry speaks for one action only ("call Invoke on").
 */
export function outcomeHere(decision: Decision, target = "this one", verb = "invoke"): string {
  switch (decision) {
    case "allowed":
      return `can ${verb} ${target}`;
    case "conditional":
      return `may ${verb} ${target} (conditional)`;
    case "explicitly-denied":
      return `cannot ${verb} ${target}: explicitly denied`;
    case "implicitly-denied":
      return `cannot ${verb} ${target}: implicitly denied`;
  }
}

/** How the panel names a caller by its own policies: a role by its name, an IAM user as "IAM user ci-deploy". */
export function identityCallerName(arn: string): string {
  return isUserArn(arn) ? `IAM user ${roleNameOf(arn)}` : roleNameOf(arn);
}

/** "2 roles", "1 IAM user", "2 roles and 1 IAM user": who the callers (ARNs) are; an unnamed entry counts as a role. */
export function callersCount(arns: readonly (string | undefined)[]): string {
  const users = arns.filter((a) => a !== undefined && isUserArn(a)).length;
  const roles = arns.length - users;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  if (users === 0) return count(roles, "role");
  return roles === 0 ? count(users, "IAM user") : `${count(roles, "role")} and ${count(users, "IAM user")}`;
}

/**
 * The line under the function's invokers: "Also 2 roles granted invoke on every function; 1 cannot invoke this one".
 * A role that may invoke `$LATEST`, the function's current code, can invoke this one.
 */
export function accountInvokersSummary(
  here: readonly (Pick<AccountInvokerHere, "decision"> & Partial<Pick<AccountInvokerHere, "principal" | "aliases" | "region" | "asyncHere" | "invokeHere">>)[],
): string | undefined {
  if (here.length === 0) return undefined;
  const n = here.length;
  // One listed above for Invoke can invoke this one, whatever its InvokeAsync entry says.
  const denied = here.filter((h) => closed(h.decision) && !h.invokeHere && !h.aliases?.some((a) => a.arn.endsWith(LATEST) && !closed(a.decision))).length;
  const region = here.find((h) => h.region)?.region;
  const regional = here.filter((h) => h.region).length;
  const scope = regional === 0 ? "every function" : regional === n ? `every function in ${region}` : `every function (${regional} of them: every one in ${region})`;
  const line = `Also ${callersCount(here.map((h) => h.principal))} granted invoke on ${scope}`;
  if (denied === 0) return line;
  const cannot = denied === n ? (n === 1 ? "it cannot" : "none of them can") : `${denied} cannot`;
  const viaAsync = here.filter((h) => h.asyncHere).length;
  if (viaAsync === 0) return `${line}; ${cannot} invoke this one`;
  const yet = viaAsync === denied ? (denied === 1 ? "it can" : denied === 2 ? "both can" : `all ${denied} can`) : `${viaAsync} of them can`;
  return `${line}; ${cannot} call Invoke on this one, yet ${yet} through InvokeAsync (listed above)`;
}

/** An account-wide role's answer here, as its line in the panel says it: the other action's way in named when it is open. */
export function accountOutcomeHere(entry: Pick<AccountInvokerHere, "decision" | "asyncHere" | "invokeHere" | "unknownKeys" | "undocumentedValues">): string {
  if (entry.asyncHere) return `${outcomeHere(entry.decision, "this one", "call Invoke on")}; InvokeAsync: listed above`;
  if (entry.invokeHere) return `${outcomeHere(entry.decision, "this one", "call InvokeAsync on")}; Invoke: listed above`;
  // What a conditional answer waits on (a Deny without MFA): the cited statements are the Allow alone.
  const waitsOn = entry.decision === "conditional" ? dependsOnText({ keys: entry.unknownKeys, values: entry.undocumentedValues }) : undefined;
  if (waitsOn) return `may invoke this one (conditional: depends on ${waitsOn})`;
  return outcomeHere(entry.decision);
}

const closed = (d: Decision) => !isOpen(d);

/** `$LATEST`, then published versions in number order (7 before 10), then aliases by name. */
function byQualifier(a: { arn: string }, b: { arn: string }): number {
  const qa = a.arn.slice(a.arn.lastIndexOf(":") + 1);
  const qb = b.arn.slice(b.arn.lastIndexOf(":") + 1);
  const na = /^\d+$/.test(qa);
  const nb = /^\d+$/.test(qb);
  if (na && nb) return Number(qa) - Number(qb);
  return a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;
}

/** Published versions named in one line past this many with the same answer. */
const VERSIONS_SHOWN = 5;

/**
 * The lines under an account-wide role for its `aliases` entries: one per alias and `$LATEST`; the published
 * versions with the same answer in one line ("can invoke versions 3, 4, 5, 6, 7 and 295 more"), as a role refused
 * the function alone takes its answer on every version, and accounts that publish per deploy hold hundreds.
 */
export function qualifierOutcomes(fnArn: string, entries: readonly { arn: string; decision: Decision }[]): string[] {
  const lines: string[] = [];
  const versions = new Map<Decision, { line: number; numbers: string[] }>();
  for (const e of entries) {
    const label = qualifierLabel(fnArn, e.arn);
    if (!label.startsWith("version ")) {
      lines.push(outcomeHere(e.decision, label));
      continue;
    }
    const group = versions.get(e.decision);
    if (group) group.numbers.push(label.slice("version ".length));
    else {
      versions.set(e.decision, { line: lines.length, numbers: [label.slice("version ".length)] });
      lines.push("");
    }
  }
  for (const [decision, { line, numbers }] of versions) {
    const more = numbers.length - VERSIONS_SHOWN;
    const target = numbers.length === 1 ? `version ${numbers[0]}` : `versions ${numbers.slice(0, VERSIONS_SHOWN).join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
    lines[line] = outcomeHere(decision, target);
  }
  return lines;
}

/** "alias live", "version 3" or "$LATEST": a qualified ARN of the function, as the panel names it. */
export function qualifierLabel(fnArn: string, qualifiedArn: string): string {
  if (!qualifiedArn.startsWith(`${fnArn}:`)) return qualifiedArn;
  const q = qualifiedArn.slice(fnArn.length + 1);
  if (q === "$LATEST") return q;
  return /^\d+$/.test(q) ? `version ${q}` : `alias ${q}`;
}

/** Said wherever identity invokers are listed of a snapshot without users, so that "none found" is not read as "none". */
export const USERS_NOT_READ_NOTE = "IAM users and groups were not read (the snapshot was taken before they were): any that may invoke through their own policies are not listed.";

function counted(n: number | undefined, noun: string): string | undefined {
  return n ? `${n} ${noun}${n === 1 ? "" : "s"}` : undefined;
}

/**
 * What the function's identity invokers may leave out: IAM users when the snapshot predates them, and the roles and
 * users whose policies could not be read (they may invoke too). Undefined when nothing is left out.
 */
export function identityScopeNote(d: Pick<IdentityDetails, "unreadRoles" | "unreadUsers" | "usersNotRead"> | undefined): string | undefined {
  const parts: string[] = [];
  if (d?.usersNotRead) parts.push(USERS_NOT_READ_NOTE);
  const unread = [counted(d?.unreadRoles, "role"), counted(d?.unreadUsers, "IAM user")].filter((x): x is string => x !== undefined);
  if (unread.length > 0) parts.push(`Not listed: ${unread.join(" and ")} whose policies could not be read, which may invoke too.`);
  return parts.length > 0 ? parts.join(" ") : undefined;
}
