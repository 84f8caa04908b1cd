/** What changed between two scans (lib/diff), as lists. Server component; all text rendered as text. */
import Link from "next/link";
import type { FunctionChange, FunctionGap, FunctionRef, ReportDiff } from "@/lib/diff/diff-reports";
import { visibleText } from "@/lib/view/visible-text";
import { AnswerChanges, Changes, FindingItems, FunctionItems, FunctionLink, Section, UnreadInBothNote, UnverifiedLines } from "./diff-parts";
import { FirstSeen, NotVerifiable, PublicBeforeUnknown, UnknownBefore, UnreadInBoth } from "./diff-unverified";

function ChangedFunction({ c, graphQuery }: { c: FunctionChange; graphQuery: string }) {
  return (
    <li data-testid="diff-changed-function" data-name={c.name} className="border-b border-slate-100 pb-2 last:border-0">
      <FunctionLink className="font-medium text-sky-800 underline" name={c.name} id={c.nodeId} graphQuery={graphQuery} />{" "}
      <span className="text-sm text-slate-600">· {c.region}</span>
      {c.becamePublic ? <span className="ml-2 rounded bg-red-700 px-1.5 py-px text-[10px] font-bold uppercase text-white">now public</span> : null}
      {c.publicBeforeUnknown ? (
        <span className="ml-2 rounded bg-red-700 px-1.5 py-px text-[10px] font-bold uppercase text-white">public now, before unknown</span>
      ) : null}
      <Changes label="Invokers gained" items={c.invokersGained.map((i) => i.text)} tone="gain" />
      <Changes label="Invokers lost" items={c.invokersLost.map((i) => i.text)} tone="loss" />
      <AnswerChanges label="Invokers whose answer changed" items={c.invokersChanged} />
      <UnverifiedLines label="Invokers not verifiable" items={c.invokersUnverified} />
      <UnverifiedLines label="Invokers now, not known gained" items={c.invokersUnknownBefore} scan="older" />
      <Changes label="Actions gained" items={c.actionsGained} tone="gain" />
      <Changes label="Actions lost" items={c.actionsLost} tone="loss" />
      <AnswerChanges label="Actions whose answer changed" items={c.actionsChanged} />
      <UnverifiedLines label="Actions not verifiable" items={c.actionsUnverified} />
      <UnverifiedLines label="Actions now, not known gained" items={c.actionsUnknownBefore} scan="older" />
      <AnswerChanges label="Settings changed" items={c.settingsChanged ?? []} />
      {c.unreadInBoth ? <UnreadInBothNote gaps={c.unreadInBoth} /> : null}
    </li>
  );
}

export interface DiffViewProps {
  diff: ReportDiff;
  newlyPublic: FunctionRef[];
  /** Public now, where the older scan could not read whether they were before (lib/diff publicBeforeUnknown). */
  publicBeforeUnknown?: FunctionGap[];
  /** Query of the newer scan's graph with the changes outlined, e.g. `snapshot=<to>&compare=<from>`. */
  graphQuery: string;
}

export function DiffView({ diff, newlyPublic, publicBeforeUnknown = [], graphQuery }: DiffViewProps) {
  return (
    // Long words (an action such as lambda:CheckpointDurableExecution, a 64-character function name) break where
    // they must: one that could not widened the sections past a 320 px window (WCAG 1.4.10).
    <div className="space-y-4 [overflow-wrap:anywhere]" data-testid="diff-view">
      <p>
        <Link
          href={`/graph?${graphQuery}`}
          data-testid="diff-graph-link"
          className="inline-block rounded-md bg-sky-700 px-3 py-1.5 forced-colors:border text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
        >
          Show the changes on the graph
        </Link>
      </p>
      {newlyPublic.length ? (
        <section role="note" data-testid="diff-newly-public" className="rounded-xl border border-red-300 bg-red-50 p-4 text-red-950">
          <h2 className="text-base font-semibold">Newly public functions ({newlyPublic.length})</h2>
          <p className="text-sm">Anyone can invoke these now and could not before.</p>
          <div className="mt-2">
            <FunctionItems items={newlyPublic} graphQuery={graphQuery} />
          </div>
        </section>
      ) : null}
      <PublicBeforeUnknown items={publicBeforeUnknown} graphQuery={graphQuery} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Functions added" count={diff.functionsAdded.length} testId="diff-added">
          <FunctionItems items={diff.functionsAdded} graphQuery={graphQuery} />
        </Section>
        <Section title="Functions removed" count={diff.functionsRemoved.length} testId="diff-removed">
          <FunctionItems items={diff.functionsRemoved} />
        </Section>
      </div>
      <FirstSeen items={diff.functionsFirstSeen} graphQuery={graphQuery} />
      <Section title="Functions with changed invokers, access or settings" count={diff.functionsChanged.length} testId="diff-changed">
        <ul className="space-y-2">
          {diff.functionsChanged.map((c) => (
            <ChangedFunction key={c.arn} c={c} graphQuery={graphQuery} />
          ))}
        </ul>
      </Section>
      {diff.accountInvokersGained.length || diff.accountInvokersLost.length || diff.accountInvokersChanged.length ? (
        <Section
          title="Roles that may invoke every function"
          count={diff.accountInvokersGained.length + diff.accountInvokersLost.length + diff.accountInvokersChanged.length}
          testId="diff-account-invokers"
        >
          <p className="text-sm text-slate-600">
            Through their own IAM policies, in this account: one line each rather than one per function. A role granted it on
            the functions of some regions only names them. One in both scans whose answer changed (now conditional, granted by
            other statements) shows it before and now.
          </p>
          <Changes label="Gained" items={diff.accountInvokersGained} tone="gain" />
          <Changes label="Lost" items={diff.accountInvokersLost} tone="loss" />
          <AnswerChanges label="Answer changed" items={diff.accountInvokersChanged} />
        </Section>
      ) : null}
      {diff.assumersGained.length || diff.assumersLost.length ? (
        <Section title="Who may assume the invoking roles" count={diff.assumersGained.length + diff.assumersLost.length} testId="diff-assumers">
          <p className="text-sm text-slate-600">
            Roles that may invoke functions in both scans, whose trust policies now let others act as them, or no longer do.
          </p>
          <Changes label="Gained" items={diff.assumersGained} tone="gain" />
          <Changes label="Lost" items={diff.assumersLost} tone="loss" />
        </Section>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="New findings" count={diff.findingsNew.length} testId="diff-findings-new">
          <FindingItems items={diff.findingsNew} testId="diff-finding-new" graphQuery={graphQuery} />
        </Section>
        <Section title="Fixed findings" count={diff.findingsFixed.length} testId="diff-findings-fixed">
          <FindingItems items={diff.findingsFixed} testId="diff-finding-fixed" />
        </Section>
      </div>
      <NotVerifiable diff={diff} />
      <UnknownBefore diff={diff} />
      <UnreadInBoth items={diff.unreadInBoth} />
      {diff.findingsChanged.length ? (
        <Section title="Findings that changed" count={diff.findingsChanged.length} testId="diff-findings-changed">
          <p className="text-sm text-slate-600">In both scans, now of another severity, reading otherwise or on other functions.</p>
          <FindingItems items={diff.findingsChanged} testId="diff-finding-changed" graphQuery={graphQuery} />
        </Section>
      ) : null}
    </div>
  );
}
