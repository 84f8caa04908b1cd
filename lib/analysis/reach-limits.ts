/**
 * Why a reach may be less than it looks, named for its reader: the Deny statements that may take part of it away
 * (`deniedBy`), and the condition keys the snapshot cannot judge, the policy values AWS may read otherwise or the
 * policies it could not read that gate it (`conditionKeys`, `undocumentedValues`, `unreadPolicies`). "Partly denied" or
 * "conditional" alone sent the reader to search every policy of the role for the statement that meant it.
 *
 * Asked only of the few reaches flagged so (~650 of 51,000 on the 10,000-function account), after the reach list is
 * built: the flags come from several shortcuts of reaches.ts, and asking here keeps them as they are.
 */
import type { Statement } from "@/lib/policy/types";
import { statementCoversAction } from "@/lib/policy/statement";
import { globsOverlap } from "@/lib/policy/wildcard";
import { undocumentedValuesOf } from "./answer-depends";
import type { AccountModel } from "./account-model";
import type { RoleModel } from "./role-model";
import { canRole } from "./role-access";

/** A Deny the role may meet, and where it is written ("policy#Sid"). */
export interface DenyRef {
  statement: Statement;
  ref: string;
}

/** The shown resource of a NotResource grant ("* except …") stands for `*` less its exclusions. */
function askedResource(resource: string): string {
  return resource.startsWith("* except ") ? "*" : resource;
}

/**
 * What takes part of the reach away: the granting statements whose own NotResource excludes part of it (`cutBy`,
 * "policy#Sid (its NotResource)"), then the Deny statements that cover one of the actions on part of the resource,
 * in the order met (identity policies, boundary, then resource policies); with none of those, a permissions boundary
 * that does not allow every action everywhere, as "<policy> (permissions boundary)".
 */
export function deniedByOf(
  denies: readonly DenyRef[],
  role: RoleModel,
  service: string,
  resource: string,
  actions: Iterable<string>,
  cutBy: readonly string[] = [],
): string[] {
  const asked = askedResource(resource);
  const list = [...actions];
  const out: string[] = [...cutBy];
  for (const { statement, ref } of denies) {
    if (out.includes(ref)) continue;
    const covers = service === "*" || list.some((a) => statementCoversAction(statement, a));
    if (covers && (statement.resource ?? ["*"]).some((r) => r === asked || globsOverlap(r, asked))) out.push(ref);
  }
  const boundary = role.boundary;
  if (out.length === 0 && boundary) {
    // Named only when it does not allow some action everywhere: else it took nothing away.
    const everywhere = (a: string) =>
      boundary.statements.some((st) => st.effect === "Allow" && st.conditions.length === 0 && (st.resource ?? []).includes("*") && statementCoversAction(st, a));
    if (!list.every((a) => a.startsWith("except ") || everywhere(a))) out.push(`${boundary.source.policyName} (permissions boundary)`);
  }
  return out;
}

/** STS actions that reach a role only where its trust policy lets the caller in. */
export const TRUST_GATED = /^sts:(assumerole|tagsession|setsourceidentity)$/i;

/** A reach is asked without request context, unless it is a mount's (reaches.ts mountContexts). */
const NO_CONTEXT: readonly undefined[] = Object.freeze([undefined]);

/** At most this many actions of one reach are asked: the keys of a pattern's actions are nearly always the same. */
const ASKED_ACTIONS = 8;

/**
 * What the evaluator says would decide the reach's actions on its resource: the condition keys the snapshot lacks,
 * the policy values AWS may read otherwise ('aws:PrincipalTag/tier "1e3"', which no key's value settles), the documents it could not read ("inline policy x") that might refuse them, and the other accounts whose policy on
 * the resource must allow them too (a role's trust policy, a queue's policy: a scan reads one account, by design), as
 * ids or, for a trust-gated pattern, as written ("*").
 */
export function conditionalOn(
  model: AccountModel,
  role: RoleModel,
  resource: string,
  actions: readonly string[],
  contexts: readonly (Record<string, string> | undefined)[] = NO_CONTEXT,
): { conditionKeys?: string[]; undocumentedValues?: string[]; unreadPolicies?: string[]; otherAccounts?: string[] } {
  const asked = askedResource(resource);
  const keys = new Set<string>();
  const values = new Set<string>();
  const unread = new Set<string>();
  const accounts = new Set<string>();
  for (const action of actions.slice(0, ASKED_ACTIONS)) {
    const answers = contexts.map((context) => canRole(model, role, { action, resource: asked, ...(context ? { context } : {}) }));
    // Allowed for certain one way (an access point of a mounted file system): nothing decides this action.
    if (answers.some((a) => a.decision === "allowed")) continue;
    for (const answer of answers) {
      if (answer.decision !== "conditional") continue;
      for (const k of answer.unknownKeys) keys.add(k);
      for (const v of undocumentedValuesOf(answer)) values.add(v);
      for (const d of answer.unreadDocuments ?? []) unread.add(d);
      if (answer.foreignAccount !== undefined) accounts.add(answer.foreignAccount);
    }
  }
  // Conditional and nothing above says why: a trust-gated STS action on a pattern no role of the snapshot lets the
  // role into (reaches.ts, trustGated), so only a trust policy of another account's role could. Named by the
  // pattern's account segment ("*" for any account).
  if (keys.size === 0 && values.size === 0 && unread.size === 0 && accounts.size === 0 && actions.some((a) => TRUST_GATED.test(a))) {
    accounts.add(asked === "*" ? "*" : (asked.split(":")[4] ?? "*") || "*");
  }
  return {
    ...(keys.size > 0 ? { conditionKeys: [...keys].sort() } : {}),
    ...(values.size > 0 ? { undocumentedValues: [...values].sort() } : {}),
    ...(unread.size > 0 ? { unreadPolicies: [...unread].sort() } : {}),
    ...(accounts.size > 0 ? { otherAccounts: [...accounts].sort() } : {}),
  };
}
