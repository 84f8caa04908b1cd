/**
 * A function's invokers in the details panel: its own ways in (grants, mappings, URLs, roles whose policies name it),
 * then the roles that may invoke every function as this one sees them. Text only, never HTML.
 */
import { useId, useState } from "react";
import { parseArn } from "@/lib/analysis/arn";
import type { Invoker, OwnAccountDelegation } from "@/lib/analysis/types";
import { delegateLine, delegationSummary, unknownLine } from "@/lib/view/own-account-delegation";
import { invokerOutcome } from "@/lib/view/invoker-outcome";
import { asyncOnlyNote, qualifierNote, wayInSource, wayInText } from "@/lib/view/way-in";
import {
  accountInvokersSummary,
  accountOutcomeHere,
  assumedByText,
  hasOpenAssumer,
  identityCallerName,
  qualifierOutcomes,
  runByText,
  identityScopeNote,
  type AccountInvokerHere,
  type IdentityDetails,
} from "@/lib/view/identity-details";
import { printable } from "@/lib/view/long-words";
import { ConditionKeysText, Refs, UnreadPoliciesText } from "./limit-lines";

export interface InvokerListProps {
  fnArn: string;
  /** The ways in to list: a page of the function's, or an alias's own (lib/view/alias-details.ts). */
  invokers: readonly Invoker[];
  /** The function or alias ARN whose details these are: ways in on it say no qualifier. */
  here?: string;
  /** Whose roles `invokers`' invoking roles are, and the account-wide invoking roles. */
  identity: IdentityDetails | undefined;
  /** The ways' source is named above them already (a group's way in, under its queue): not again in each line. */
  sourceNamed?: boolean;
  /** Each way's statement or mapping is named above it already (an invoker node's ways): not again under it. */
  statementNamed?: boolean;
}

export function InvokerList({ fnArn, invokers, here = fnArn, identity, sourceNamed, statementNamed }: InvokerListProps) {
  return (
    <>
      {invokers.length === 0 ? null : (
        <ul className="space-y-1" data-testid="invoker-list">
          {invokers.map((inv, i) =>
            inv.via === "identity-policy" ? (
              <IdentityInvoker key={i} inv={inv} fnArn={fnArn} here={here} identity={identity} />
            ) : (
              <WayIn key={i} inv={inv} fnArn={fnArn} here={here} sourceNamed={sourceNamed} statementNamed={statementNamed} />
            ),
          )}
        </ul>
      )}
      <AccountInvokers fnArn={fnArn} identity={identity} />
      <ScopeNote identity={identity} />
    </>
  );
}

/** What the lists may leave out (IAM users of an older snapshot, unreadable roles and users); nothing when complete. */
function ScopeNote({ identity }: { identity: IdentityDetails | undefined }) {
  const note = identityScopeNote(identity);
  return note ? (
    <p className="mt-1 text-xs text-slate-600" data-testid="identity-scope-note">
      {note}
    </p>
  ) : null;
}

/**
 * Who a way in lets in, as the graph's node names it: a bare "*" read as a wildcard to fill in, where the node beside
 * it says "Anyone (*)". A "*" that lets no one in, or that conditions narrow, stays "*" with what narrows it after.
 * An account is said to be the function's own or another: a bare "210987654321" left the reader to compare ids to
 * tell a cross-account grant from one to the account itself.
 */
function callerName(inv: Invoker, fnArn: string): string {
  if (inv.principalType === "public" && inv.public === true) return inv.notPrincipal ? "Anyone but the NotPrincipal list" : "Anyone (*)";
  if (inv.principalType === "account") {
    const id = /^\d{12}$/.test(inv.principal) ? inv.principal : parseArn(inv.principal)?.account;
    const whose = id === parseArn(fnArn)?.account ? "this account" : "another account";
    return `${id === inv.principal ? `Account ${id}` : inv.principal} (${whose})`;
  }
  return inv.principal;
}

/**
 * A resource-policy grant, event source mapping or function URL; one on an alias or version says which. Under it, the
 * statement (or mapping) it comes from, as a reach says "Granted by": without it, a function with several grants to
 * one principal (public-status-page's two to "*") left the reader to guess which statement each line is.
 */
function WayIn({ inv, fnArn, here, sourceNamed, statementNamed }: { inv: Invoker; fnArn: string; here: string; sourceNamed?: boolean; statementNamed?: boolean }) {
  const source = statementNamed ? "" : wayInSource(inv);
  return (
    <li className="text-xs" data-testid="way-in">
      <span className="font-medium">{printable(callerName(inv, fnArn))}</span> <span className="text-slate-600">{printable(wayInText(inv, fnArn, here, sourceNamed))}</span>
      {invokerOutcome(inv) ? <span className="font-medium text-slate-700"> · {printable(invokerOutcome(inv)!)}</span> : null}
      {inv.delegatedTo ? <DelegatedTo delegation={inv.delegatedTo} /> : null}
      {source ? (
        <>
          {/* A space before the block: read as text, the lines would run into each other. */}{" "}
          <span className="block text-[11px] leading-snug text-slate-600" data-testid="way-in-source">
            {inv.via === "resource-policy" ? "Granted by " : "Through "}
            <span className="font-mono">{printable(source)}</span>
          </span>
        </>
      ) : null}
      <InvokerEvidence inv={inv} />
    </li>
  );
}

/**
 * Who a grant to the account itself lets in: the roles and users its identity policies let invoke, each with its
 * statement, and those whose policies are unread. "Account … (this account)" alone read as anyone in the account.
 */
function DelegatedTo({ delegation }: { delegation: OwnAccountDelegation }) {
  const unknown = unknownLine(delegation);
  return (
    <>
      {" "}
      <span className="font-medium text-slate-700" data-testid="delegated-to">
        · {printable(delegationSummary(delegation))}
      </span>
      {/* Lines, not a nested list: each way in stays one list item, read whole. */}
      {delegation.callers.map((c) => (
        <span key={c.principal}>
          {" "}
          <span className="ml-2 block border-l-2 border-slate-200 pl-2 text-[11px] leading-snug text-slate-600" data-testid="delegate-caller" data-decision={c.decision}>
            {printable(delegateLine(c))}
          </span>
        </span>
      ))}
      {unknown ? (
        <>
          {" "}
          <span className="block text-[11px] leading-snug text-slate-600" data-testid="delegate-unknown">
            {printable(unknown)}
          </span>
        </>
      ) : null}
    </>
  );
}

/**
 * "order-sfn-role · identity policy (invoke-steps#0)": a role whose own policy lets it invoke, and whose role it is; an
 * IAM user reads "IAM user ci-deploy · identity policy (group deployers: invoke#0)".
 */
function IdentityInvoker({ inv, fnArn, here, identity }: { inv: Invoker; fnArn: string; here: string; identity: IdentityDetails | undefined }) {
  const of = runByText(identity?.runBy[inv.principal]);
  const assumers = identity?.assumedBy[inv.principal];
  const assumed = assumedByText(assumers, of ? inv.principal : undefined);
  const outcome = invokerOutcome(inv);
  return (
    <li className="text-xs" data-testid="identity-invoker">
      <span className="font-medium">{printable(identityCallerName(inv.principal))}</span>{" "}
      <span className="text-slate-600">
        · identity policy ({printable((inv.statements ?? []).join(", "))})
        {asyncOnlyNote(inv.actions)}
        {printable(qualifierNote(fnArn, inv.qualifier, here))}
        {of ? ` · ${printable(of)}` : ""}
      </span>
      {outcome ? <span className="font-medium text-slate-700"> · {printable(outcome)}</span> : null}
      <InvokerEvidence inv={inv} />
      <AssumedBy text={assumed} open={hasOpenAssumer(assumers)} />
    </li>
  );
}

/**
 * The roles that may invoke every function, as this function sees them, behind one line: listed on each function
 * they would repeat everywhere. A role refused here stays in the list with its reason, not dropped.
 */
function AccountInvokers({ fnArn, identity }: { fnArn: string; identity: IdentityDetails | undefined }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const here = identity?.accountWide ?? [];
  const summary = accountInvokersSummary(here);
  if (!summary) return null;
  return (
    <div className="mt-1">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        data-testid="account-invokers-toggle"
        className="text-left text-xs font-medium text-sky-800 underline focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        <span aria-hidden="true">{open ? "▾ " : "▸ "}</span>
        {printable(summary)}
      </button>
      <ul id={id} hidden={!open} className="mt-1 space-y-1 border-l-2 border-slate-200 pl-2" data-testid="account-invokers">
        {here.map((a) => (
          <AccountInvokerItem key={a.principal} entry={a} fnArn={fnArn} identity={identity} />
        ))}
      </ul>
    </div>
  );
}

function AccountInvokerItem({ entry, fnArn, identity }: { entry: AccountInvokerHere; fnArn: string; identity: IdentityDetails | undefined }) {
  const of = runByText(identity?.runBy[entry.principal]);
  return (
    <li className="text-xs" data-testid="account-invoker" data-decision={entry.decision}>
      <span className="font-medium">{printable(identityCallerName(entry.principal))}</span>{" "}
      <span className="text-slate-600">
        · identity policy ({printable(entry.statements.join(", "))})
        {asyncOnlyNote(entry.actions)}
        {entry.region ? ` · every function in ${printable(entry.region)}` : ""}
        {of ? ` · ${printable(of)}` : ""}
      </span>
      {/* Spaces between the lines: read as text (screen readers, copy), the lines would run into each other. */}{" "}
      <span className="block font-medium text-slate-700">{printable(accountOutcomeHere(entry))}</span>
      {qualifierOutcomes(fnArn, entry.aliases).map((line) => (
        <span key={line}>
          {" "}
          <span className="block text-slate-700">{printable(line)}</span>
        </span>
      ))}
      <AssumedBy text={assumedByText(identity?.assumedBy[entry.principal], of ? entry.principal : undefined)} open={hasOpenAssumer(identity?.assumedBy[entry.principal])} />
    </li>
  );
}

/**
 * What makes a way in conditional or refused beyond its own statement (invoker-limits.ts), as ReachEvidence says it
 * for a reach: the Deny statements, the keys the snapshot has no value for and the values AWS may read otherwise, the
 * documents it could not read. The
 * outcome alone sent the reader through the function's policy and the caller's for the cause.
 */
function InvokerEvidence({ inv }: { inv: Invoker }) {
  const denied = inv.deniedBy ?? [];
  const keys = inv.decision === "conditional" ? (inv.unknownKeys ?? []) : [];
  const values = inv.decision === "conditional" ? (inv.undocumentedValues ?? []) : [];
  const keyed = keys.length > 0 || values.length > 0;
  const unread = inv.unreadPolicies ?? [];
  if (denied.length === 0 && !keyed && unread.length === 0) return null;
  return (
    <>
      {/* A space before the block: read as text, the lines would run into each other. */}{" "}
      <span className="block text-[11px] leading-snug text-slate-600" data-testid="invoker-evidence">
        {denied.length > 0 ? (
          <span className="block" data-testid="invoker-denied-by">
            {inv.decision === "explicitly-denied" ? "Denied by " : "May be denied by "}
            <Refs refs={denied} />.
          </span>
        ) : null}
        {keyed ? (
          <>
            {denied.length > 0 ? " " : null}
            <span className="block" data-testid="invoker-condition-keys">
              <ConditionKeysText keys={keys} values={values} />
            </span>
          </>
        ) : null}
        {unread.length > 0 ? (
          <>
            {denied.length > 0 || keyed ? " " : null}
            <span className="block" data-testid="invoker-unread">
              <UnreadPoliciesText documents={unread} />
            </span>
          </>
        ) : null}
      </span>
    </>
  );
}

/** Who can act as the invoking role (its trust policy), on a line of its own under the role's. */
function AssumedBy({ text, open }: { text: string | undefined; open: boolean }) {
  return text ? (
    <>
      {" "}
      <span className={open ? "block font-medium text-red-800" : "block text-slate-600"} data-testid="assumed-by" data-open={open || undefined}>
        {printable(text)}
      </span>
    </>
  ) : null;
}
