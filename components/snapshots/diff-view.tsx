/** What changed between two scans (lib/diff), as lists. Server component; all text rendered as text. */
import Link from "next/link";
import type { ReactNode } from "react";
import type { FindingChange, FunctionChange, FunctionRef, ReportDiff } from "@/lib/diff/diff-reports";
import { SEVERITY_CHIP, SEVERITY_LABEL } from "@/components/severity-style";
import { visibleText } from "@/lib/view/visible-text";

const MAX_ACTIONS = 15;

function Section({ title, count, testId, children }: { title: string; count: number; testId: string; children: ReactNode }) {
  return (
    <section data-testid={testId} data-count={count} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-base font-semibold text-slate-900">
        {title} <span className="font-normal text-slate-600">({count})</span>
      </h2>
      {count === 0 ? <p className="mt-2 text-sm text-slate-600">None.</p> : <div className="mt-2">{children}</div>}
    </section>
  );
}

function FunctionItems({ items, graphQuery }: { items: FunctionRef[]; graphQuery?: string }) {
  return (
    <ul className="space-y-1 text-sm">
      {items.map((f) => (
        <li key={f.arn} data-testid="diff-function" data-name={f.name}>
          {graphQuery ? (
            <Link className="font-medium text-sky-800 underline" href={`/graph?${graphQuery}&focus=${encodeURIComponent(f.nodeId)}&node=${encodeURIComponent(f.nodeId)}`}>
              {visibleText(f.name)}
            </Link>
          ) : (
            <span className="font-medium">{visibleText(f.name)}</span>
          )}{" "}
          <span className="text-slate-600">· {f.region}</span>
        </li>
      ))}
    </ul>
  );
}

function Changes({ label, items, tone }: { label: string; items: string[]; tone: "gain" | "loss" }) {
  if (!items.length) return null;
  const shown = items.slice(0, MAX_ACTIONS);
  return (
    <div className="mt-1">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</p>
      <ul className={`ml-4 list-disc text-sm ${tone === "gain" ? "text-slate-900" : "text-slate-600"}`}>
        {shown.map((t) => (
          <li key={t} className="break-all font-mono text-xs">
            {visibleText(t)}
          </li>
        ))}
        {items.length > shown.length ? <li className="text-xs">and {items.length - shown.length} more</li> : null}
      </ul>
    </div>
  );
}

function ChangedFunction({ c, graphQuery }: { c: FunctionChange; graphQuery: string }) {
  return (
    <li data-testid="diff-changed-function" data-name={c.name} className="border-b border-slate-100 pb-2 last:border-0">
      <Link className="font-medium text-sky-800 underline" href={`/graph?${graphQuery}&focus=${encodeURIComponent(c.nodeId)}&node=${encodeURIComponent(c.nodeId)}`}>
        {visibleText(c.name)}
      </Link>{" "}
      <span className="text-sm text-slate-600">· {c.region}</span>
      {c.becamePublic ? <span className="ml-2 rounded bg-red-700 px-1.5 py-px text-[10px] font-bold uppercase text-white">now public</span> : null}
      <Changes label="Invokers gained" items={c.invokersGained.map((i) => i.text)} tone="gain" />
      <Changes label="Invokers lost" items={c.invokersLost.map((i) => i.text)} tone="loss" />
      <Changes label="Actions gained" items={c.actionsGained} tone="gain" />
      <Changes label="Actions lost" items={c.actionsLost} tone="loss" />
    </li>
  );
}

function FindingItems({ items, testId }: { items: FindingChange[]; testId: string }) {
  return (
    <ul className="space-y-1 text-sm">
      {items.map((f) => (
        <li key={f.id} data-testid={testId} data-rule={f.rule} data-severity={f.severity} data-was={f.was?.severity} className="flex items-start gap-2">
          <span className={`shrink-0 rounded px-1.5 py-px text-[10px] font-bold uppercase ${SEVERITY_CHIP[f.severity]}`}>{SEVERITY_LABEL[f.severity]}</span>
          <span>
            {visibleText(f.title)}
            {f.was ? (
              <span className="block text-xs text-slate-600">
                was {SEVERITY_LABEL[f.was.severity]}
                {f.was.title !== f.title ? `: ${visibleText(f.was.title)}` : ""}
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

export interface DiffViewProps {
  diff: ReportDiff;
  newlyPublic: FunctionRef[];
  /** Query of the newer scan's graph with the changes outlined, e.g. `snapshot=<to>&compare=<from>`. */
  graphQuery: string;
}

export function DiffView({ diff, newlyPublic, graphQuery }: DiffViewProps) {
  return (
    <div className="space-y-4" data-testid="diff-view">
      <p>
        <Link
          href={`/graph?${graphQuery}`}
          data-testid="diff-graph-link"
          className="inline-block rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
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
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Functions added" count={diff.functionsAdded.length} testId="diff-added">
          <FunctionItems items={diff.functionsAdded} graphQuery={graphQuery} />
        </Section>
        <Section title="Functions removed" count={diff.functionsRemoved.length} testId="diff-removed">
          <FunctionItems items={diff.functionsRemoved} />
        </Section>
      </div>
      <Section title="Functions with changed invokers or access" count={diff.functionsChanged.length} testId="diff-changed">
        <ul className="space-y-2">
          {diff.functionsChanged.map((c) => (
            <ChangedFunction key={c.arn} c={c} graphQuery={graphQuery} />
          ))}
        </ul>
      </Section>
      {diff.accountInvokersGained.length || diff.accountInvokersLost.length ? (
        <Section
          title="Roles that may invoke every function"
          count={diff.accountInvokersGained.length + diff.accountInvokersLost.length}
          testId="diff-account-invokers"
        >
          <p className="text-sm text-slate-600">
            Through their own IAM policies, in this account: one line each rather than one per function. A role granted it on
            the functions of some regions only names them.
          </p>
          <Changes label="Gained" items={diff.accountInvokersGained} tone="gain" />
          <Changes label="Lost" items={diff.accountInvokersLost} tone="loss" />
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
          <FindingItems items={diff.findingsNew} testId="diff-finding-new" />
        </Section>
        <Section title="Fixed findings" count={diff.findingsFixed.length} testId="diff-findings-fixed">
          <FindingItems items={diff.findingsFixed} testId="diff-finding-fixed" />
        </Section>
      </div>
      {diff.findingsChanged.length ? (
        <Section title="Findings that changed" count={diff.findingsChanged.length} testId="diff-findings-changed">
          <p className="text-sm text-slate-600">In both scans, now of another severity or reading otherwise.</p>
          <FindingItems items={diff.findingsChanged} testId="diff-finding-changed" />
        </Section>
      ) : null}
    </div>
  );
}
