/**
 * Lists the compare page's sections share (diff-view.tsx, diff-unverified.tsx). Server components; all text rendered
 * as text. Lines, titles and reasons are cut past any ARN's or policy's length (printable), function names are
 * Lambda's (64 characters) and shown whole, and a value before and now is whole (LongText whole): the user came to
 * read it.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import type { AnswerChange, FindingChange, FunctionRef, Unverified } from "@/lib/diff/diff-reports";
import { SEVERITY_CHIP, SEVERITY_LABEL } from "@/components/severity-style";
import { visibleText } from "@/lib/view/visible-text";
import { printable } from "@/lib/view/long-words";
import { LongText } from "@/components/details/long-text";
import { parseArn } from "@/lib/analysis/arn";
import { nodeId } from "@/lib/graph/build";
import { focusedNodeHref, unlinkedNameText } from "@/lib/view/graph-link";

const MAX_ACTIONS = 15;
/** Functions named under a finding; a role shared by dozens is still one line. */
const MAX_FINDING_FUNCTIONS = 3;

/**
 * A function's name linked to the newer scan's graph around it (`graphQuery`: that scan's query, without a trailing
 * "&"), as the overview links it; plain, saying why, when the link would pass the length servers take.
 */
export function FunctionLink({ name, id, graphQuery, className }: { name: string; id: string; graphQuery: string; className: string }) {
  const href = focusedNodeHref(`${graphQuery}&`, id);
  if (href) {
    return (
      <Link className={className} href={href}>
        {visibleText(name)}
      </Link>
    );
  }
  return (
    <>
      {visibleText(name)}{" "}
      <span className="text-xs text-slate-600" data-testid="name-unlinked">
        {unlinkedNameText(name)}
      </span>
    </>
  );
}

export function Section({ title, count, testId, children }: { title: string; count: number; testId: string; children: ReactNode }) {
  return (
    <section data-testid={testId} data-count={count} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-base font-semibold text-slate-900">
        {title} <span className="font-normal text-slate-600">({count})</span>
      </h2>
      {count === 0 ? <p className="mt-2 text-sm text-slate-600">None.</p> : <div className="mt-2">{children}</div>}
    </section>
  );
}

export function FunctionItems({ items, graphQuery }: { items: FunctionRef[]; graphQuery?: string }) {
  return (
    <ul className="space-y-1 text-sm">
      {items.map((f) => (
        <li key={f.arn} data-testid="diff-function" data-name={f.name}>
          {graphQuery ? (
            <FunctionLink className="font-medium text-sky-800 underline" name={f.name} id={f.nodeId} graphQuery={graphQuery} />
          ) : (
            <span className="font-medium">{visibleText(f.name)}</span>
          )}{" "}
          <span className="text-slate-600">· {f.region}</span>
        </li>
      ))}
    </ul>
  );
}

/** Monospace lines, the first MAX_ACTIONS of them, then how many more. */
function Lines({ items, className }: { items: string[]; className: string }) {
  const shown = items.slice(0, MAX_ACTIONS);
  return (
    <ul className={`ml-4 list-disc text-sm ${className}`}>
      {shown.map((t) => (
        <li key={t} className="break-all font-mono text-xs">
          {printable(t)}
        </li>
      ))}
      {items.length > shown.length ? <li className="text-xs">and {items.length - shown.length} more</li> : null}
    </ul>
  );
}

export function Changes({ label, items, tone }: { label: string; items: string[]; tone: "gain" | "loss" }) {
  if (!items.length) return null;
  return (
    <div className="mt-1">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</p>
      <Lines items={items} className={tone === "gain" ? "text-slate-900" : "text-slate-600"} />
    </div>
  );
}

/**
 * Things in both scans whose answer changed: each line, then its answer before and now, as text. A value may be
 * hundreds of thousands of characters (a URL's CORS allowing 10,000 origins, a crafted destination): clamped as the
 * details panel clamps one, it no longer fills screens of the page twice over.
 */
export function AnswerChanges({ label, items }: { label: string; items: AnswerChange[] }) {
  if (!items.length) return null;
  return (
    <div className="mt-1">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</p>
      <ul className="ml-4 list-disc text-sm text-slate-900">
        {items.map((c) => (
          <li key={c.text} data-testid="diff-answer-changed">
            <span className="break-all font-mono text-xs">{printable(c.text)}</span>
            <span className="block text-xs text-slate-600">
              was: <LongText text={c.was} what="value before" testId="diff-was" whole />
            </span>
            <span className="block text-xs">
              now: <LongText text={c.now} what="value now" testId="diff-now" whole />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The functions a finding badges, as the rest of the page names functions ("orders · us-east-1"): its title alone
 * often reads "Anyone can invoke this function", which says nothing in a list of changes. Linked to the newer scan's
 * graph when given its query (new and changed findings), plain for findings of the older scan alone.
 */
function FindingFunctions({ arns, graphQuery, lead = "on " }: { arns: string[]; graphQuery?: string; lead?: string }) {
  if (!arns.length) return null;
  const shown = arns.slice(0, MAX_FINDING_FUNCTIONS);
  return (
    <span className="block text-xs text-slate-600" data-testid="diff-finding-functions">
      {shown.map((arn, i) => {
        const parsed = parseArn(arn);
        const name = parsed ? parsed.resource.replace(/^function:/, "") : arn;
        const region = parsed?.region;
        return (
          <span key={arn}>
            {i > 0 ? ", " : lead}
            {graphQuery ? (
              <FunctionLink className="text-sky-800 underline" name={name} id={nodeId.fn(arn)} graphQuery={graphQuery} />
            ) : (
              visibleText(name)
            )}
            {region ? ` · ${region}` : ""}
          </span>
        );
      })}
      {arns.length > shown.length ? ` and ${arns.length - shown.length} more` : ""}
    </span>
  );
}

export function FindingItems({ items, testId, graphQuery }: { items: FindingChange[]; testId: string; graphQuery?: string }) {
  return (
    <ul className="space-y-1 text-sm">
      {items.map((f) => (
        <li key={f.id} data-testid={testId} data-rule={f.rule} data-severity={f.severity} data-was={f.was?.severity} className="flex items-start gap-2">
          <span className={`shrink-0 rounded px-1.5 py-px text-[10px] font-bold uppercase ${SEVERITY_CHIP[f.severity]}`}>{SEVERITY_LABEL[f.severity]}</span>
          <span>
            {printable(f.title)}
            <FindingFunctions arns={f.functions} graphQuery={graphQuery} />
            {f.unreadInBoth ? <UnreadInBothNote gaps={[f.unreadInBoth]} /> : null}
            {f.was ? (
              <span className="block text-xs text-slate-600">
                was {SEVERITY_LABEL[f.was.severity]}
                {f.was.title !== f.title ? `: ${printable(f.was.title)}` : ""}
              </span>
            ) : null}
            {f.was?.functions ? (
              f.was.functions.length ? (
                <FindingFunctions arns={f.was.functions} lead="was on " />
              ) : (
                <span className="block text-xs text-slate-600">was on no function</span>
              )
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Items that a scan could not check, under each reason once (one unread policy, one unlisted region often stands
 * behind many): "Not verifiable in the newer scan: GetPolicy: AccessDeniedException". `scan` by default, an item's
 * own `unreadIn` where the gap is the other scan's (its unread guardrails: Unverified.unreadIn).
 */
export function ByWhy<T extends { why: string; unreadIn?: "newer" | "older" }>({ items, scan, children }: { items: T[]; scan: "newer" | "older"; children: (items: T[]) => ReactNode }) {
  const groups = new Map<string, { scan: "newer" | "older"; why: string; items: T[] }>();
  for (const item of items) {
    const whose = item.unreadIn ?? scan;
    const key = `${whose}\n${item.why}`;
    const group = groups.get(key) ?? { scan: whose, why: item.why, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return (
    <>
      {[...groups].map(([key, group]) => (
        <div key={key} className="mt-1" data-testid="diff-why" data-scan={group.scan}>
          <p className="text-xs text-amber-900">
            {`Not verifiable in the ${group.scan} scan: `}
            <span className="break-all font-mono">{printable(group.why)}</span>
          </p>
          {children(group.items)}
        </div>
      ))}
    </>
  );
}

/**
 * What both scans could not read alike beside a change judged on what both could: the change stands on the readable
 * parts, and the unread part may hold more in either scan.
 */
export function UnreadInBothNote({ gaps }: { gaps: readonly string[] }) {
  return (
    <span data-testid="diff-unread-in-both-note" className="block text-xs text-amber-900">
      {"Unread in both scans, judged on what both could read: "}
      <span className="break-all font-mono">{gaps.map((g) => printable(g)).join("; ")}</span>
    </span>
  );
}

/** Lines one scan could not check (by default the newer), under their reasons, as `Changes` lists them. */
export function UnverifiedLines({ label, items, scan = "newer" }: { label: string; items: Unverified[]; scan?: "newer" | "older" }) {
  if (!items.length) return null;
  return (
    <div className="mt-1">
      <p className="text-xs font-medium uppercase tracking-wide text-amber-900">{label}</p>
      <ByWhy items={items} scan={scan}>
        {(group) => <Lines items={group.map((i) => i.text)} className="text-slate-600" />}
      </ByWhy>
    </div>
  );
}
