"use client";
/**
 * "Can this function (or IAM user) do ACTION on RESOURCE?" in the details panel: asks POST /api/can (the evaluation the CLI's
 * `can` and the findings use) and shows the decision and the deciding statements, highlighted like evidence; for a
 * principal that runs as several roles (an alias with weighted routing) also each version's role and its answer.
 * A function with aliases gets a "Run as" choice: an alias runs as the role its version was published with. An IAM
 * user's node asks as that user, with its groups' policies and its boundary, as its invoker entries were found; an
 * execution role's node (or an IAM role's invoker node) asks as that role, with no function's context.
 * Action completion comes from the IAM action catalog (GET /api/actions) through a native datalist combobox.
 * Everything shown is text: statements are user-controlled policy text.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { Decision } from "@/lib/policy/types";
import type { Answer, DecidingStatement } from "@/lib/analysis/what-if";
import { routeLine } from "@/lib/analysis/route-line";
import { KEYS_NOT_GIVEN, undocumentedValuesOf, VALUES_AWS_MAY_READ_OTHERWISE } from "@/lib/analysis/answer-depends";
import type { DetailsFunction, FirstPage, ListPage } from "@/lib/view/graph-view";
import { aliasChoice, answeredAs, runAsChoices, type FunctionAlias, type PrincipalAsk, type RunAsChoice } from "@/lib/view/run-as";
import { PagedList } from "./paged-list";
import { EvidenceJson } from "./evidence-json";
import { canAnswer } from "./can-answer";
import { sessionEnded, sessionEpoch, useSessionRestored } from "@/components/auth/session-ended";
import { printable } from "@/lib/view/long-words";
import { capitalised } from "@/lib/findings/headline";

const DECISION_STYLE: Record<Decision, { label: string; className: string }> = {
  allowed: { label: "Allowed", className: "bg-emerald-100 text-emerald-900 ring-emerald-600" },
  "explicitly-denied": { label: "Explicitly denied", className: "bg-red-100 text-red-900 ring-red-600" },
  "implicitly-denied": { label: "Implicitly denied (no statement allows it)", className: "bg-amber-100 text-amber-900 ring-amber-600" },
  conditional: { label: "Conditional", className: "bg-sky-100 text-sky-900 ring-sky-600" },
};

type State = { kind: "idle" } | { kind: "asking" } | { kind: "error"; message: string; signedOut?: true } | { kind: "answer"; answer: Answer };

function StatementCard({ s, showRole }: { s: DecidingStatement; showRole: boolean }) {
  const facts: [string, string | undefined][] = [
    // Several roles decided the answer: say whose policy this is.
    ["Role", showRole ? s.role : undefined],
    // An IAM user's answer: the group that gives the user this policy.
    ["Group", s.group],
    ["Policy", s.policy],
    ["Policy kind", s.policyKind],
    // Zero-based, as `policy#2` names it in the report and the findings' evidence.
    ["Statement", `#${s.statementIndex} (counting from 0)`],
    ["Sid", s.sid],
    ["Condition", s.condition === "true" ? undefined : s.condition],
  ];
  return (
    <li className="space-y-2" data-testid="can-statement">
      <p className="text-sm text-slate-800">
        <span className={s.effect === "Deny" ? "font-semibold text-red-800" : "font-semibold text-emerald-800"}>{s.effect}</span>{" "}
        {`${s.policyKind} policy '${printable(s.policy)}', statement #${s.statementIndex}`}
        {s.sid ? ` (Sid ${printable(s.sid)})` : ""}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        {facts
          .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== "")
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-600">{k}</dt>
              <dd className="break-all font-mono text-slate-900">{printable(v)}</dd>
            </div>
          ))}
      </dl>
      {s.conditionNotes.length ? (
        <ul className="list-disc pl-5 text-xs text-slate-700">
          {s.conditionNotes.map((n, i) => (
            <li key={i}>{printable(n)}</li>
          ))}
        </ul>
      ) : null}
      <EvidenceJson document={s.statement} highlight={[...s.matchedActions, ...s.matchedResources]} />
    </li>
  );
}

export function AnswerView({ answer }: { answer: Answer }) {
  const style = DECISION_STYLE[answer.decision];
  const values = undocumentedValuesOf(answer);
  return (
    <div className="space-y-3">
      <p className={`rounded-md px-2 py-1.5 text-sm font-semibold ring-1 ${style.className}`} data-testid="can-decision" data-decision={answer.decision}>
        {style.label}
        <span className="block text-xs font-normal">
          {printable(answer.action)} on <span className="break-all font-mono">{printable(answer.resource)}</span>
        </span>
      </p>
      <p className="text-sm text-slate-800" data-testid="can-principal">
        Asked as <span className="break-all font-mono text-xs">{printable(answeredAs(answer))}</span>
      </p>
      {answer.perRole ? (
        <div className="text-sm text-slate-800">
          <p>Each call runs as the role of the version the alias routes it to:</p>
          <ul className="list-disc pl-5 font-mono text-xs" data-testid="can-per-role">
            {answer.perRole.map((r, i) => (
              <li key={i} data-decision={r.decision}>
                {printable(routeLine(r))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {answer.unknownKeys.length ? (
        <p className="text-sm text-slate-800" data-testid="can-unknown-keys">
          {capitalised(KEYS_NOT_GIVEN)}: <span className="font-mono">{printable(answer.unknownKeys.join(", "))}</span>. Add them as
          context lines, or tick “missing keys are absent”.
        </p>
      ) : null}
      {values.length ? (
        // No context line settles these: how AWS reads the policy's own value does (the CLI's text answer says the same).
        <p className="text-sm text-slate-800" data-testid="can-undocumented-values">
          {capitalised(VALUES_AWS_MAY_READ_OTHERWISE)}: <span className="font-mono">{printable(values.join(", "))}</span>.
        </p>
      ) : null}
      {answer.statements.length ? (
        <ol className="space-y-3">
          {answer.statements.map((s, i) => (
            <StatementCard key={i} s={s} showRole={!!answer.perRole} />
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600">No statement matches this request.</p>
      )}
      {answer.reasons.length ? (
        <ul className="list-disc space-y-0.5 pl-5 text-xs text-slate-700">
          {answer.reasons.map((r, i) => (
            <li key={i}>{printable(r)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Catalog actions starting with `q`, fetched after a short pause in typing; stale replies are dropped. */
function useActionCompletion(q: string): string[] {
  const [options, setOptions] = useState<string[]>([]);
  useEffect(() => {
    const needle = q.trim();
    if (needle.length < 2) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/actions?q=${encodeURIComponent(needle)}&limit=20`, { signal: ctrl.signal })
        .then((r) => (r.ok ? (r.json() as Promise<{ actions: string[] }>) : { actions: [] }))
        .then((d) => setOptions(d.actions))
        .catch(() => undefined); // completion is a convenience: typing still works without it
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);
  return options;
}

/** Whom the box asks as: a function (and its aliases), or an IAM role or user with the resource to ask about first. */
export type CanBoxSubject =
  | { fn: DetailsFunction; nodeId: string; aliases?: FirstPage<FunctionAlias>; openedAlias?: FunctionAlias; askAbout: string; asPrincipal?: string; principal?: undefined }
  | { principal: PrincipalAsk; fn?: undefined; nodeId?: undefined; aliases?: undefined; openedAlias?: undefined; askAbout?: undefined; asPrincipal?: undefined };

const NO_ALIASES: FirstPage<FunctionAlias> = { items: [], total: 0 };
const readAliases = (answer: ListPage): FunctionAlias[] => ("aliases" in answer ? answer.aliases : []);

/** What the box says it asks as, for a role or user (a function's box has its "Run as" choice instead). */
const PRINCIPAL_TEXT: Record<PrincipalAsk["kind"], { heading: string; scope: string }> = {
  user: { heading: "Can this IAM user…?", scope: "with its own and its groups' policies, its permissions boundary, and aws:username and its tags as context" },
  role: { heading: "Can this role…?", scope: "with its inline and attached policies and its permissions boundary, as no particular function (no function's context keys)" },
};

/**
 * `askAbout`: a function's resource to ask about first (NodeDetails' `askAbout`, from the lists the panel pages).
 * `snapshotId`: the snapshot the page shows, so answers come from it even if a newer scan lands meanwhile.
 * `asPrincipal`: the alias or version ARN to ask as first (the selected graph node is that alias or version).
 * `aliases`: a page of the function's aliases (the pager asks for the others): the first, or the one holding
 * `openedAlias`, the node's own.
 */
export function CanBox({ fn, nodeId, aliases = NO_ALIASES, openedAlias, askAbout, principal: asker, snapshotId: snapshot, asPrincipal }: CanBoxSubject & { snapshotId: string }) {
  const choices = fn ? runAsChoices(fn, aliases.items, asPrincipal) : [];
  // The alias chosen (or opened from) stays a choice on the other pages of aliases: the select shows what it asks as.
  const [kept, setKept] = useState<RunAsChoice | undefined>(() => (openedAlias?.arn === asPrincipal && openedAlias ? aliasChoice(openedAlias) : undefined));
  const [principal, setPrincipal] = useState(() => (asker ? asker.arn : choices.some((c) => c.principal === asPrincipal) || kept ? (asPrincipal as string) : fn.arn));
  const id = useId();
  const [action, setAction] = useState("");
  const [resource, setResource] = useState(() => (asker ? asker.resource : askAbout));
  const [contextText, setContextText] = useState("");
  const [complete, setComplete] = useState(false);
  const [state, setState] = useState<State>({ kind: "idle" });
  // Signed in again in another tab: "Not asked: your session has ended" is no longer so; the question waits for Ask.
  const restored = useSessionRestored();
  useEffect(() => setState((s) => (s.kind === "error" && s.signedOut ? { kind: "idle" } : s)), [restored]);
  const options = useActionCompletion(action);
  // Prefilled with a function (an invoker's node): the question it was drawn for is invoking it.
  const invokes = asker !== undefined && /^arn:[^:]+:lambda:/.test(asker.resource);
  const pending = useRef<AbortController | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (state.kind === "asking") return;
    if (!action.trim() || !resource.trim()) {
      setState({ kind: "error", message: `Give ${!action.trim() ? "an action" : "a resource"} to ask about.` });
      return;
    }
    let context: Record<string, string | string[]>;
    try {
      // Loaded on first ask: its validator (zod) would otherwise ride in the graph page's first scripts.
      const { parseContextLines } = await import("@/lib/analysis/context-arg");
      context = parseContextLines(contextText);
    } catch (err: unknown) {
      setState({ kind: "error", message: (err as Error).message });
      return;
    }
    pending.current?.abort();
    const ctrl = new AbortController();
    pending.current = ctrl;
    setState({ kind: "asking" });
    const sentUnder = sessionEpoch();
    try {
      const r = await fetch("/api/can", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ snapshot, principal, action: action.trim(), resource: resource.trim(), context, contextComplete: complete }),
        signal: ctrl.signal,
      });
      const answer = canAnswer(r.status, await r.json().catch(() => null));
      // Sent before the session was restored: not asked, as the restore leaves a refused question, waiting for Ask.
      if (answer.kind === "error" && answer.signedOut && !sessionEnded(sentUnder)) setState({ kind: "idle" });
      else setState(answer);
    } catch (err: unknown) {
      if ((err as Error).name !== "AbortError") setState({ kind: "error", message: "could not reach the server" });
    }
  }

  const input =
    "w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600";
  return (
    <section aria-labelledby={`${id}-h`} data-testid="can-box" className="rounded-lg border border-slate-200 bg-white p-3">
      <h3 id={`${id}-h`} className="mb-2 text-sm font-semibold text-slate-900">
        {asker ? PRINCIPAL_TEXT[asker.kind].heading : "Can this function…?"}
      </h3>
      {asker ? (
        <p id={`${id}-as-help`} className="mb-2 text-[11px] text-slate-600" data-testid="can-as-help">
          Asks as the {asker.kind === "user" ? "user" : "role"} <span className="break-all font-mono">{printable(asker.arn)}</span>, {PRINCIPAL_TEXT[asker.kind].scope}.
        </p>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-2" noValidate aria-describedby={asker ? `${id}-as-help` : undefined}>
        {fn && nodeId !== undefined && choices.length ? (
          <div>
            <label htmlFor={`${id}-principal`} className="block text-xs font-medium text-slate-700">
              Run as
            </label>
            <PagedList
              snapshotId={snapshot}
              nodeId={nodeId}
              list="aliases"
              first={aliases.items}
              firstPage={aliases.page}
              total={aliases.total}
              read={readAliases}
              label="Pages of the function's aliases"
              noun="alias"
              nouns="aliases"
              pagerClassName="mb-1"
              pagerInset="px-0"
            >
              {(shown, busy) => {
                const offered = runAsChoices(fn, shown, asPrincipal);
                const all = kept && !offered.some((c) => c.principal === kept.principal) ? [...offered, kept] : offered;
                return (
                  <select
                    id={`${id}-principal`}
                    value={principal}
                    onChange={(e) => {
                      setPrincipal(e.target.value);
                      setKept(all.find((c) => c.principal === e.target.value));
                    }}
                    aria-describedby={`${id}-principal-help`}
                    aria-busy={busy}
                    data-testid="can-run-as"
                    className={input}
                  >
                    {all.map((c) => (
                      <option key={c.principal} value={c.principal}>
                        {printable(c.label)}
                      </option>
                    ))}
                  </select>
                );
              }}
            </PagedList>
            <p id={`${id}-principal-help`} className="text-[11px] text-slate-600">
              An alias runs as the role its version was published with.
            </p>
          </div>
        ) : null}
        <div>
          <label htmlFor={`${id}-action`} className="block text-xs font-medium text-slate-700">
            Action
          </label>
          <input
            id={`${id}-action`}
            list={`${id}-actions`}
            value={action}
            onChange={(e) => setAction(e.target.value)}
            placeholder={invokes ? "e.g. lambda:InvokeFunction" : "e.g. sqs:ReceiveMessage"}
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby={`${id}-action-help`}
            className={input}
          />
          <datalist id={`${id}-actions`} data-testid="can-action-options">
            {options.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
          <p id={`${id}-action-help`} className="text-[11px] text-slate-600">
            service:Action; suggestions come from the IAM action catalog.
          </p>
        </div>
        <div>
          <label htmlFor={`${id}-resource`} className="block text-xs font-medium text-slate-700">
            Resource ARN
          </label>
          <input id={`${id}-resource`} value={resource} onChange={(e) => setResource(e.target.value)} spellCheck={false} required className={input} />
        </div>
        <div>
          <label htmlFor={`${id}-context`} className="block text-xs font-medium text-slate-700">
            Context (optional)
          </label>
          <textarea
            id={`${id}-context`}
            value={contextText}
            onChange={(e) => setContextText(e.target.value)}
            rows={2}
            spellCheck={false}
            placeholder={'aws:SourceIp=10.0.0.1\naws:TagKeys=["env","team"]'}
            aria-describedby={`${id}-context-help`}
            className={input}
          />
          <p id={`${id}-context-help`} className="text-[11px] text-slate-600">
            One KEY=VALUE per line; a JSON array for a multivalued key.
          </p>
        </div>
        <div className="flex items-center justify-between gap-2">
          <label className="flex items-center gap-1.5 text-xs text-slate-700">
            <input type="checkbox" checked={complete} onChange={(e) => setComplete(e.target.checked)} />
            Treat context keys not given as absent, as the IAM policy simulator does
          </label>
          <button
            type="submit"
            // Never disabled: a disabled button cannot be focused or tell why; an empty field is explained on submit.
            aria-disabled={state.kind === "asking" || undefined}
            className="rounded-md bg-sky-700 px-3 py-1.5 forced-colors:border text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 aria-disabled:cursor-progress aria-disabled:bg-slate-400"
          >
            {state.kind === "asking" ? "Asking…" : "Ask"}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="mt-3" data-testid="can-result">
        {state.kind === "answer" ? <AnswerView answer={state.answer} /> : null}
      </div>
      {/* Beside the answer's region, not in it: an alert inside a polite region is said twice by some screen readers
          and only politely by others. */}
      {state.kind === "error" && !state.signedOut ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-2 py-1.5 text-sm text-red-900 ring-1 ring-red-300" data-testid="can-error">
          {state.message}
        </p>
      ) : null}
      {/* No alert: the page's notice says the session ended, once. */}
      {state.kind === "error" && state.signedOut ? (
        <p className="mt-3 rounded-md bg-red-50 px-2 py-1.5 text-sm text-red-900 ring-1 ring-red-300" data-testid="can-error">
          Not asked: your session has ended.
        </p>
      ) : null}
    </section>
  );
}
