/**
 * What one of the two scans could not read, apart from what changed: the older scan's functions, findings and roles
 * that the newer one could not check are not known removed, fixed or lost, and the newer scan's functions, findings
 * and roles that the older one could not check are not known added, new, gained or newly public. Server components;
 * all text rendered as text.
 */
import type { ReactNode } from "react";
import type { FunctionGap, ReportDiff, Unverified } from "@/lib/diff/diff-reports";
import { printable } from "@/lib/view/long-words";
import { ByWhy, FindingItems, FunctionItems, Section, UnverifiedLines } from "./diff-parts";

function Part({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (!count) return null;
  return (
    <div className="mt-3">
      <h3 className="text-sm font-semibold text-slate-900">
        {title} <span className="font-normal text-slate-600">({count})</span>
      </h3>
      {children}
    </div>
  );
}

/** The older scan's functions, findings and account-wide lines the newer scan could not check: neither gone nor still there. */
export function NotVerifiable({ diff }: { diff: ReportDiff }) {
  const { functionsUnseen, findingsUnverified: absent, accountInvokersUnverified, assumersUnverified } = diff;
  const changed = diff.findingsChangeUnverified.filter((f) => f.unreadIn === "newer");
  const count = functionsUnseen.length + absent.length + changed.length + accountInvokersUnverified.length + assumersUnverified.length;
  if (!count) return null;
  return (
    <Section title="Not verifiable in the newer scan" count={count} testId="diff-unverified">
      <p className="text-sm text-slate-600">
        The older scan had these; the newer one could not read the data they rest on (or the older one could not read the
        organization&apos;s guardrails, which may have refused them then), so whether they are gone is unknown. They are not
        counted as removed, fixed or lost; each reason says which scan could not read it. Findings both scans have that
        read otherwise, where the newer scan could not read the guardrails that decide them, are not counted as changed.
      </p>
      <Part title="Functions not listed" count={functionsUnseen.length}>
        <ByWhy items={functionsUnseen} scan="newer">
          {(group) => <FunctionItems items={group} />}
        </ByWhy>
      </Part>
      <Part title="Findings" count={absent.length}>
        <ByWhy items={absent} scan="newer">
          {(group) => <FindingItems items={group} testId="diff-finding-unverified" />}
        </ByWhy>
      </Part>
      <Part title="Findings that changed" count={changed.length}>
        <ByWhy items={changed} scan="newer">
          {(group) => <FindingItems items={group} testId="diff-finding-changed-unverified" />}
        </ByWhy>
      </Part>
      <Part title="Roles that may invoke every function" count={accountInvokersUnverified.length}>
        <UnverifiedLines label="Listed before" items={accountInvokersUnverified} />
      </Part>
      <Part title="Who may assume the invoking roles" count={assumersUnverified.length}>
        <UnverifiedLines label="Listed before" items={assumersUnverified} />
      </Part>
    </Section>
  );
}

/** The newer scan's findings and account-wide lines the older scan could not check: they may have stood before. */
export function UnknownBefore({ diff }: { diff: ReportDiff }) {
  const { findingsUnknownBefore: fresh, accountInvokersUnknownBefore, assumersUnknownBefore } = diff;
  const changed = diff.findingsChangeUnverified.filter((f) => f.unreadIn === "older");
  const count = fresh.length + changed.length + accountInvokersUnknownBefore.length + assumersUnknownBefore.length;
  if (!count) return null;
  return (
    <Section title="Not verifiable in the older scan" count={count} testId="diff-unknown-before">
      <p className="text-sm text-slate-600">
        The newer scan has these; the older one could not read the data they rest on (or the newer one could not read the
        organization&apos;s guardrails, which may refuse them), so whether they are new is unknown. They are not counted as
        new or gained; each reason says which scan could not read it. Findings both scans have that read otherwise, where
        the older scan could not read the guardrails that decide them, are not counted as changed.
      </p>
      <Part title="Findings" count={fresh.length}>
        <ByWhy items={fresh} scan="older">
          {(group) => <FindingItems items={group} testId="diff-finding-unknown-before" />}
        </ByWhy>
      </Part>
      <Part title="Findings that changed" count={changed.length}>
        <ByWhy items={changed} scan="older">
          {(group) => <FindingItems items={group} testId="diff-finding-changed-unknown-before" />}
        </ByWhy>
      </Part>
      <Part title="Roles that may invoke every function" count={accountInvokersUnknownBefore.length}>
        <UnverifiedLines label="Listed now" items={accountInvokersUnknownBefore} scan="older" />
      </Part>
      <Part title="Who may assume the invoking roles" count={assumersUnknownBefore.length}>
        <UnverifiedLines label="Listed now" items={assumersUnknownBefore} scan="older" />
      </Part>
    </Section>
  );
}

/** What both scans could not read alike: no change is known there, and neither is its absence. */
export function UnreadInBoth({ items }: { items: Unverified[] }) {
  if (!items.length) return null;
  return (
    <Section title="Unread in both scans" count={items.length} testId="diff-unread-in-both">
      <p className="text-sm text-slate-600">
        Neither scan could read these, with the same error: they are neither changed nor unchanged, only unknown in both.
        Changes listed above that rest on them compare what both scans could read.
      </p>
      <ul className="mt-1 space-y-1 text-sm">
        {items.map((u) => (
          <li key={`${u.text}\n${u.why}`} data-testid="diff-unread-in-both-item">
            {printable(u.text)}: <span className="break-all font-mono text-xs text-amber-900">{printable(u.why)}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Functions of the newer scan in a region the older one did not list: they may have existed before. */
export function FirstSeen({ items, graphQuery }: { items: FunctionGap[]; graphQuery: string }) {
  if (!items.length) return null;
  return (
    <Section title="Functions the older scan did not list" count={items.length} testId="diff-first-seen">
      <p className="text-sm text-slate-600">They may have existed before: not counted as added.</p>
      <ByWhy items={items} scan="older">
        {(group) => <FunctionItems items={group} graphQuery={graphQuery} />}
      </ByWhy>
    </Section>
  );
}

/** Functions anyone may invoke now, where the older scan could not read whether anyone could before. */
export function PublicBeforeUnknown({ items, graphQuery }: { items: FunctionGap[]; graphQuery: string }) {
  if (!items.length) return null;
  return (
    <section role="note" data-testid="diff-public-unknown-before" className="rounded-xl border border-red-300 bg-red-50 p-4 text-red-950">
      <h2 className="text-base font-semibold">Public now, unknown before ({items.length})</h2>
      <p className="text-sm">Anyone can invoke these now. Whether anyone could before is unknown: the older scan could not read it.</p>
      <ByWhy items={items} scan="older">
        {(group) => <FunctionItems items={group} graphQuery={graphQuery} />}
      </ByWhy>
    </section>
  );
}

