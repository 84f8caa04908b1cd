/**
 * cross-account-invoke: another AWS account may invoke the function — named as principal, or as the
 * SourceAccount / SourceArn account of a service grant, or as "any account of organization o-…" (info).
 */
import { accountOfArn, functionQualifier, parseArn } from "@/lib/analysis/arn";
import { conditionValues, invokeActionsOf, ownPartitionArns, isAnonymousGrant, isFixed, isUrlOnlyGrant, organizationsOf, outsiderGetsIn, urlAuthTypeOf, urlGrantAnswer } from "@/lib/analysis/invokers";
import { URL_ACTION, urlAccess } from "@/lib/analysis/url-access";
import type { Finding } from "@/lib/analysis/types";
import type { AccountModel, FunctionModel } from "@/lib/analysis/account-model";
import type { Decision, EvaluationResult, Statement } from "@/lib/policy/types";
import { isOpen, mostOpenAnswer } from "@/lib/policy/decision";
import { INVOKE_ASYNC } from "@/lib/analysis/async-only";
import { actionMatches, globMatches } from "@/lib/policy/wildcard";
import { dedupe, resultEvidence, statementEvidence, unknownConditionNotes, whereIs } from "../evidence";
import { capitalised, fitList } from "../headline";
import { statementLabel } from "../finding-id";
import { functionsWithData } from "../data-needs";
import { cliFlag, removePermissionCommand } from "../remediation";
import { differsFromAccount, evaluateGrant, grantContext, isUnresolvedPrincipal, policyGrants, targetName, type PolicyGrant } from "../resource-grants";
import { isAccountId } from "@/lib/policy/arn";
import { NO_ORGANIZATION } from "@/lib/analysis/role-model";
import type { Rule } from "../types";
import { functionFinding } from "../function-finding";

interface Outsider {
  /** Account id, or `organization o-…`, or the principal as written when its account cannot be determined. */
  who: string;
  how: string;
  /** For a principal whose account cannot be determined: how sentences name it ("canonical user …"). */
  unresolved?: string;
  /** An account pattern (StringLike 21098765432?): `who` is "accounts matching …", one way in for many accounts. */
  pattern?: true;
}

const ANY_ACCOUNT = "any AWS account";

function fixed(st: Statement, key: string): string[] {
  return conditionValues(st, key).filter(isFixed);
}

/** The other accounts (or organizations) a grant lets in. */
function outsidersOf(grant: PolicyGrant, own: string): Outsider[] {
  const st = grant.statement;
  const p = grant.principal;
  if (p.kind === "own-account" || p.kind === "deleted") return [];
  if (p.kind === "other-account") return [{ who: p.account ?? p.id, how: `named as principal ${p.id}` }];
  if (isUnresolvedPrincipal(p)) {
    // A provider ARN names the account its sessions belong to; a provider host or a canonical user id names none,
    // so the caller is not provably in this account (findings.md: another account *may* invoke).
    if (p.account === own) return [];
    if (p.account) return [{ who: p.account, how: `as sessions of identity provider ${p.id}` }];
    return [{ who: p.id, how: `named as principal ${p.id}`, unresolved: p.label }];
  }
  if (p.kind === "public" && isUrlOnlyGrant(st) && urlAuthTypeOf(grant.fn, grant.qualifiedArn) === "AWS_IAM") {
    // Not anonymous (the URL requires signed requests), but open to a principal of any account whose own policies
    // allow the call (urls-auth.html): neither public-invoke nor function-url-public reports it. Reported once, on
    // the InvokeFunctionUrl grant; the InvokeFunction half gated on the URL is the same way in.
    if (!invokeActionsOf(st).includes("lambda:InvokeFunctionUrl")) return [];
    return [{ who: ANY_ACCOUNT, how: `signed requests through its AWS_IAM function URL (principal ${p.id})` }];
  }
  // public-invoke / function-url-public report it, when their probe gets in: a `*` grant whose condition only an
  // account pattern narrows (StringLike aws:PrincipalAccount 1234567890??) is no public one, and is this rule's.
  if (p.kind === "public" && isAnonymousGrant(grant.fn, grant.qualifiedArn, st) && (isUrlOnlyGrant(st) || outsiderGetsIn(grant.policy, st, grant.qualifiedArn, partitionOf(grant.qualifiedArn)))) return [];
  const out: Outsider[] = [];
  for (const { org, key } of organizationsOf(st)) out.push({ who: `organization ${org}`, how: `any account of the organization (${key})` });
  for (const a of [...fixed(st, "aws:SourceAccount"), ...fixed(st, "aws:SourceOwner")]) {
    if (a !== own) out.push({ who: a, how: `as source account of ${p.id}` });
  }
  for (const arn of ownPartitionArns(st, "aws:SourceArn", partitionOf(grant.qualifiedArn))) {
    const a = accountOfArn(arn);
    if (a && a !== own) out.push({ who: a, how: `through source ${arn} of ${p.id}` });
  }
  for (const a of fixed(st, "aws:PrincipalAccount")) {
    if (a !== own) out.push({ who: a, how: "as principal account (aws:PrincipalAccount)" });
  }
  for (const arn of ownPartitionArns(st, "aws:PrincipalArn", partitionOf(grant.qualifiedArn))) {
    const a = accountOfArn(arn);
    if (a && a !== own) out.push({ who: a, how: `as principal ${arn} (aws:PrincipalArn)` });
  }
  out.push(...accountPatterns(st, own));
  // One entry per outsider: a SourceAccount and a SourceArn naming the same account are one way in.
  const merged = new Map<string, Outsider>();
  for (const o of out) {
    const prev = merged.get(o.who);
    merged.set(o.who, prev ? { who: o.who, how: `${prev.how}; ${o.how}` } : o);
  }
  return [...merged.values()];
}

function partitionOf(arn: string): string {
  return parseArn(arn)?.partition ?? "aws";
}

const ACCOUNT_KEYS = ["aws:principalaccount", "aws:sourceaccount", "aws:sourceowner"];

/**
 * Account patterns under StringLike (`1234567890??`, `2109*`): the fixed values above are read alone, and such a grant
 * is no public one (public-invoke asks an account the pattern misses), so a pattern that lets in accounts besides
 * this one would be reported by no rule. Under StringEquals the same text is a literal no account has.
 */
function accountPatterns(st: Statement, own: string): Outsider[] {
  const out: Outsider[] = [];
  for (const c of st.conditions) {
    if (!ACCOUNT_KEYS.includes(c.key.toLowerCase()) || !/^(ForAnyValue:)?StringLike(IfExists)?$/i.test(c.operator)) continue;
    for (const v of c.values) {
      if (isFixed(v) || v.includes("${") || !matchesAnotherAccount(v, own)) continue;
      out.push({ who: `accounts matching ${v}`, how: `${c.key} StringLike ${v}`, pattern: true });
    }
  }
  return out;
}

/**
 * Some 12-digit account other than `own` matches the pattern: tried with its `?` and its first `*` filled with one
 * digit, then another (the other stars empty), which finds one wherever the pattern's wildcards leave room for it.
 */
function matchesAnotherAccount(pattern: string, own: string): boolean {
  const star = pattern.indexOf("*");
  const literal = pattern.replace(/[*]/g, "").length;
  return ["0", "1"].some((digit) => {
    const widened = star < 0 ? pattern : pattern.slice(0, star) + digit.repeat(Math.max(0, 12 - literal)) + pattern.slice(star + 1);
    const filled = widened.replace(/[*?]/g, (m) => (m === "?" ? digit : ""));
    return /^\d{12}$/.test(filled) && filled !== own && globMatches(pattern, filled);
  });
}

export const crossAccountInvoke: Rule = {
  id: "cross-account-invoke",
  title: "Another account can invoke the function",
  severity: "medium",
  needs: ["GetPolicy"],
  description:
    "An AWS account other than the snapshot's may invoke the function, by account principal or through a SourceAccount/SourceArn in another account; info when limited to the account's own organization.",
  check(ctx) {
    const own = ctx.model.account;
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      const groups = new Map<string, [Entry, ...Entry[]]>();
      const throughUrl = new Set<string>();
      for (const grant of urlGrantsFirst(policyGrants(fn, own, ctx.model.partition))) {
        const st = grant.statement;
        const actions = invokeActionsOf(st);
        if (actions.length === 0) continue;
        const outsiders = outsidersOf(grant, own);
        if (outsiders.length === 0) continue;
        const answer = invokeAnswer(ctx.model, grant, actions);
        if (!isOpen(answer.decision)) continue;
        // The URL call is open, but through this statement? One whose condition the URL's requests fail (a grant left
        // from AuthType NONE) is not the way in, and removing it would close nothing.
        if (answer.viaUrl && !opensUrl(grant)) continue;
        for (const o of outsiders) {
          const { decision, results } = outsiderAnswer(ctx.model, grant, actions, o, answer);
          if (!isOpen(decision)) continue;
          const maybe = decision === "conditional" ? "may" : "can";
          // A URL call takes both URL grants: one way in through the URL, reported on the first statement that opens it.
          if (answer.viaUrl) {
            const way = `${grant.qualifiedArn}\n${o.who}`;
            if (throughUrl.has(way)) continue;
            throughUrl.add(way);
          }
          const entry: Entry = { grant, action: answer.action, o, maybe, ...(maybe === "may" && results ? { results } : {}) };
          const key = `${grant.qualifiedArn}\n${st.index}\n${maybe}\n${groupKind(o) ?? o.who}`;
          const group = groups.get(key);
          if (group) group.push(entry);
          else groups.set(key, [entry]);
        }
      }
      for (const group of groups.values()) findings.push(groupFinding(this.id, fn, own, group, ctx.model.ownOrganization));
    }
    return findings;
  },
};

/**
 * How far the grant lets in a request from the outsider's account, where it carries other values than the intended
 * caller's (`decision`, the grant's answer): the evaluator ANDs the statement's clauses, so an account one clause names
 * and another refuses is no caller (`ArnLike aws:SourceArn` account A's topic beside `StringEquals aws:SourceAccount`
 * B lets neither in), where listing every clause's accounts together would name both.
 */
function outsiderAnswer(model: AccountModel, grant: PolicyGrant, actions: readonly string[], o: Outsider, answer: Answer): Answer {
  if (o.pattern || !isAccountId(o.who) || !differsFromAccount(grant, o.who)) return answer;
  return invokeAnswer(model, grant, actions, o.who);
}

interface Answer {
  action: string;
  decision: Decision;
  viaUrl: boolean;
  /** The evaluator's answers (a URL call's for both its actions), whose notes say why a "may" is one. */
  results?: readonly EvaluationResult[];
}

/**
 * How far the grant lets its caller invoke (`from`: a request of that account, callFromAccount). A grant only a function URL can use is answered as a URL call, which
 * takes InvokeFunctionUrl and InvokeFunction alike (lambda-permissions.md §3.4, the invoker list's answer); any other
 * grant by its own actions, where InvokeAsync (the deprecated async API) still invokes where a Deny shuts, or
 * conditions, the statement's others.
 */
function invokeAnswer(model: AccountModel, grant: PolicyGrant, actions: readonly string[], from?: string): Answer {
  const first = actions[0] as string;
  if (first !== INVOKE_ASYNC && isUrlOnlyGrant(grant.statement)) {
    const url = urlGrantAnswer(model, grant.fn, grant.qualifiedArn, grant.principal.request, grantContext(grant, from));
    if (url !== undefined) return { action: actions.includes(URL_ACTION) ? URL_ACTION : first, decision: url.decision, viaUrl: true, results: url.results };
  }
  const asked = first === INVOKE_ASYNC || !actions.includes(INVOKE_ASYNC) ? [first] : [first, INVOKE_ASYNC];
  const { action, result } = mostOpenAnswer(asked, (a) => ({ action: a, result: evaluateGrant(grant, a, grant.qualifiedArn, from) }), (r) => r.result.decision)!;
  return { action, decision: result.decision, viaUrl: false, results: [result] };
}

/** The statement is among the Allow statements that let its caller through the URL (for either action). */
function opensUrl(grant: PolicyGrant): boolean {
  const url = grant.fn.urls.find((u) => u.qualifiedArn === grant.qualifiedArn);
  if (!url) return true;
  const access = urlAccess(grant.fn, url, grant.principal.request);
  return [...access.url.statements, ...access.invoke.statements].some((m) => m.effect === "Allow" && m.statementIndex === grant.statement.index);
}

/** The statements granting InvokeFunctionUrl ahead of the rest, so a URL way in is reported on its URL grant. */
function urlGrantsFirst(grants: readonly PolicyGrant[]): PolicyGrant[] {
  return [...grants.filter(grantsUrl), ...grants.filter((g) => !grantsUrl(g))];
}

/** Not a closure in urlGrantsFirst: tsx's kept names cost a defineProperty per closure made (see roleRequest). */
function grantsUrl(g: PolicyGrant): boolean {
  return invokeActionsOf(g.statement).includes(URL_ACTION);
}

interface Entry {
  grant: PolicyGrant;
  /** The invoke action asked. */
  action: string;
  o: Outsider;
  maybe: "may" | "can";
  /** For a "may": the evaluator's answers, whose notes say what it turns on (an `ARN:` principal, a condition). */
  results?: readonly EvaluationResult[];
}

/**
 * Accounts (or organizations) one statement lets in alike share a finding: a statement naming hundreds of accounts
 * makes one, not hundreds each carrying the statement. Callers of unknown account and "any account" stay apart.
 */
function groupKind(o: Outsider): string | undefined {
  if (o.unresolved || o.pattern || o.who === ANY_ACCOUNT) return undefined;
  return o.who.startsWith("organization") ? "organization" : "account";
}

/**
 * The organizations the statement names that the account is not in, where the snapshot says which it is in (undefined
 * where it does not). A grant to the account's own organization is the "limited to the organization" case (info,
 * findings.md); one naming another organization lets in accounts the snapshot knows nothing of.
 */
function foreignOrganizations(st: Statement, ownOrg: AccountModel["ownOrganization"]): string[] | undefined {
  if (ownOrg === undefined) return undefined;
  const named = [...new Set(organizationsOf(st).map((o) => o.org))];
  return ownOrg === NO_ORGANIZATION ? named : named.filter((org) => org !== ownOrg.id);
}

/** Why the organization named is not the account's: its own organization, or none. */
function notOwnOrganization(foreign: string[], own: string, ownOrg: NonNullable<AccountModel["ownOrganization"]>): string {
  const named = foreign.length > 1 ? `Organizations ${foreign.join(", ")} are` : `Organization ${foreign[0]} is`;
  const its = ownOrg === NO_ORGANIZATION ? `account ${own} is in no organization` : `account ${own} is in ${ownOrg.id}`;
  return ` ${named} not this account's (${its}): the grant lets in every account of ${foreign.length > 1 ? "those organizations" : "that organization"}, which the snapshot cannot list. Confirm that ${foreign.length > 1 ? "they are" : "it is"} expected to call the function.`;
}

/**
 * What a "may" turns on in the grant itself, in the evaluator's words (its Principal spelled `ARN:…`, a condition the
 * snapshot cannot judge): the evidence names it, as matchEvidence does for the statements an answer weighs.
 */
function onlyIf(group: readonly Entry[], st: Statement): string {
  const notes = [...new Set(group.flatMap((e) => (e.results ?? []).flatMap((r) => unknownConditionNotes(r, st))))];
  return notes.length > 0 ? ` applies only if: ${notes.join("; ")}` : "";
}

function groupFinding(rule: string, fn: FunctionModel, own: string, group: [Entry, ...Entry[]], ownOrg?: AccountModel["ownOrganization"]): Finding {
  const [{ grant, o, maybe }] = group;
  const st = grant.statement;
  const foreign = foreignOrganizations(st, ownOrg);
  const inOrg = organizationsOf(st).length > 0 && !foreign?.length;
  const target = targetName(fn, grant.qualifiedArn);
  const organizations = o.who.startsWith("organization");
  const names = group.map((e) => (organizations ? e.o.who.slice("organization ".length) : e.o.who));
  const many = group.length > 1;
  return functionFinding({
    rule,
    severity: inOrg ? "info" : "medium",
    fn,
    about: grant.qualifiedArn,
    discriminator: `${statementLabel(st)}/${o.who}`,
    conditional: maybe === "may",
    title: o.unresolved
      ? `${capitalised(o.unresolved)}, of an account that cannot be determined, ${maybe} invoke ${target}`
      : organizations
        ? `Accounts in ${many ? `organizations ${fitList(names, 60)}` : o.who} ${maybe} invoke ${target}`
        : o.who === ANY_ACCOUNT
          ? `Any AWS account ${maybe} invoke ${target} through its IAM-authenticated URL`
          : o.pattern
            ? `${capitalised(o.who)} ${maybe} invoke ${target}`
          : `${many ? `Accounts ${fitList(names, 60)}` : `Account ${o.who}`} ${maybe} invoke ${target}`,
    detail: o.unresolved
      ? `Statement ${statementLabel(st)} of the policy on ${grant.qualifiedArn} lets ${o.unresolved} invoke it. ` +
        `Who that principal is cannot be resolved to an account from the snapshot, so the caller may be outside account ${own}; ` +
        "Lambda may also not honour a grant to such a principal at all. Confirm who the principal is, or remove the statement."
      : `Statement ${statementLabel(st)} of the policy on ${grant.qualifiedArn} lets ` +
        (many ? `${group.length} ${organizations ? "organizations" : "accounts"} invoke it (${fitList(group.map((e) => `${e.o.who}: ${e.o.how}`), 600)}), ` : `${o.who} invoke it (${o.how}), `) +
        `outside account ${own}.` +
        (inOrg
          ? " The grant is limited to principals of the organization."
          : organizations && foreign?.length && ownOrg !== undefined
            ? notOwnOrganization(foreign, own, ownOrg)
            : ` Confirm that ${many || o.pattern ? "these accounts are" : "this account is"} expected to call the function.`),
    evidence: dedupe([
      statementEvidence(
        grant.policy,
        st,
        `Cross-account grant in ${whereIs(grant.policy.source, st)}${onlyIf(group, st)}`,
        group.flatMap((e) => [
          e.grant.principal.id,
          ...(st.action ?? []).filter((a) => actionMatches(a, e.action)), // the entry as written (lambda:*, not the action asked)
          ...st.conditions.map((c) => c.key),
        ]),
      ),
      // The other statements a "may" turns on (a Deny that may apply), each with its own notes.
      ...group.flatMap((e) => (e.results ?? []).flatMap(resultEvidence)),
    ]),
    remediation: inOrg
      ? organizationsOf(st).every((o) => /^aws:principalorg/i.test(o.key))
        ? // Principals call Invoke themselves: their requests carry no aws:SourceAccount (set only when a service acts
          // for a resource), so --source-account would lock every one of them out.
          "No change needed if every account of the organization may call it; otherwise name the accounts that need it " +
          `(${cliFlag("--principal", "<account id>").trimStart()}, or a condition on aws:PrincipalAccount).`
        : "No change needed if every account of the organization may call it; otherwise pin --source-account or name the account."
      : `If the access is not intended, remove the statement:\n${removePermissionCommand(fn.arn, st.sid, functionQualifier(grant.qualifiedArn))}`,
  });
}
