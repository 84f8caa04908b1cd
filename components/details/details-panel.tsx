/** The selected node's facts, findings (with evidence and fixes) and neighbours. Text only, never HTML. */
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from "react";
import type { IneffectiveGrant, Invoker, Reach } from "@/lib/analysis/types";
import type { DetailsFunction, FirstPage, ListPage, NodeDetails } from "@/lib/view/graph-view";
import type { RoleState } from "@/lib/graph/build";
import { KIND_TILE, KindIcon } from "@/components/graph/node-icons";
import { KIND_LABEL } from "@/lib/view/node-kind";
import { DETAILS_TITLE_ID, focusWhenDrawn, panelOverGraph, type FocusNode } from "@/components/graph/focus-node";
import { FindingList } from "./finding-list";
import { formatCount } from "@/lib/view/count-text";
import { AcceptedFindings } from "./accepted-findings";
import { CanBox } from "./can-box";
import { emptyReachText, invokerGaps, listSummary, reachGaps, unnamedRoleText } from "@/lib/view/function-gaps";
import { accountOfArn } from "@/lib/analysis/arn";
import type { IdentityDetails } from "@/lib/view/identity-details";
import { AssumerList } from "./assumer-list";
import { InvokerList } from "./invoker-list";
import { ListNote } from "./list-note";
import { PagedList } from "./paged-list";
import { IneffectiveGrantList, ReachList } from "./reach-list";
import { AliasIneffectiveGrants, AliasReach, AliasRoles, rolesGrantingNothing } from "./alias-facts";
import { unansweredText, type AliasDetails } from "@/lib/view/alias-details";
import { principalAsker } from "@/lib/view/run-as";
import { printable } from "@/lib/view/long-words";
import { TagList } from "./tag-list";
import { CloseDetailsButton } from "./close-details-button";
import { PANEL_PLACE } from "./panel-place";
import { LongText } from "./long-text";
import { CallerWays, ReachedByList, readReaches, RoleReachList, type NodeListPlace } from "./node-ways";
import type { GraphNodeView } from "@/lib/view/graph-model";

export { DETAILS_TITLE_ID };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === undefined || children === null || children === "") return null;
  return (
    <div className="contents">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

const NO_PAGE: FirstPage<never> = { items: [], total: 0 };

const readInvokers =
  (fallback: IdentityDetails | undefined) =>
  (answer: ListPage): InvokersShown =>
    "invokers" in answer ? { invokers: answer.invokers, identity: answer.identity } : { invokers: [], identity: fallback };
const readGrants = (answer: ListPage): IneffectiveGrant[] => ("grants" in answer ? answer.grants : []);

type InvokersShown = { invokers: readonly Invoker[]; identity: IdentityDetails | undefined };

function FunctionFacts({
  fn,
  nodeId,
  snapshotId,
  invokerPage = NO_PAGE,
  reachPage = NO_PAGE,
  grantPage,
  identity,
  alias,
  roleState,
}: {
  fn: DetailsFunction;
  nodeId: string;
  snapshotId: string;
  invokerPage?: FirstPage<Invoker>;
  reachPage?: FirstPage<Reach>;
  grantPage: FirstPage<IneffectiveGrant> | undefined;
  identity: IdentityDetails | undefined;
  alias: AliasDetails | undefined;
  roleState: RoleState | undefined;
}) {
  // An alias's own ways in: a grant on another alias or on the function does not let its callers invoke this one.
  const invokerNote = listSummary(alias ? alias.invokers.length : invokerPage.total, invokerGaps(fn), "none found");
  const reachNote = listSummary(reachPage.total, reachGaps(fn.unknown), emptyReachText(roleState));
  const paged = { snapshotId, nodeId, pagerClassName: "mb-1", pagerInset: "px-0" } as const;
  const unanswered = alias ? unansweredText(alias, fn.name) : undefined;
  const grantingNothing = alias ? rolesGrantingNothing(alias) : [];
  return (
    <>
      <Fact label="Description">
        {fn.description ? <LongText text={fn.description} what="description" testId="function-description" lines /> : undefined}
      </Fact>
      <Fact label="Region">{fn.region}</Fact>
      <Fact label="Runtime">{fn.runtime}</Fact>
      <Fact label="State (AWS)">{fn.state ? <span data-testid="function-state">{printable(fn.state)}</span> : undefined}</Fact>
      <Fact label="Tags">{fn.tags ? <TagList tags={fn.tags} /> : undefined}</Fact>
      <Fact label="Role">
        {alias ? (
          <AliasRoles alias={alias} fn={fn} />
        ) : fn.role ? (
          <LongText text={fn.role} what="role ARN" testId="function-role" className="break-all font-mono text-xs" copy />
        ) : (
          <span data-testid="function-role-unknown">{printable(unnamedRoleText(fn.unknown))}</span>
        )}
      </Fact>
      <Fact label="Invokers">
        <ListNote text={invokerNote} />
        {alias ? (
          <InvokerList fnArn={fn.arn} invokers={alias.invokers} here={alias.arn} identity={identity} />
        ) : (
          <PagedList
            {...paged}
            list="invokers"
            first={{ invokers: invokerPage.items, identity }}
            total={invokerPage.total}
            read={readInvokers(identity)}
            label="Pages of the function's invokers"
            noun="invoker"
          >
            {(shown, busy) => (
              <div aria-busy={busy}>
                <InvokerList fnArn={fn.arn} invokers={shown.invokers} identity={shown.identity} />
              </div>
            )}
          </PagedList>
        )}
        {unanswered ? (
          <p className="mt-1 text-xs text-slate-600" data-testid="alias-unanswered">
            {printable(unanswered)}
          </p>
        ) : null}
      </Fact>
      <Fact label="Can reach">
        {alias ? (
          <AliasReach alias={alias} fn={fn} />
        ) : (
          <>
            <ListNote text={reachNote} />
            <PagedList {...paged} list="reaches" first={reachPage.items} total={reachPage.total} read={readReaches} label="Pages of what the function can reach" noun="resource">
              {(reaches, busy) => (
                <div aria-busy={busy}>
                  <ReachList reaches={reaches} account={accountOfArn(fn.arn)} />
                </div>
              )}
            </PagedList>
          </>
        )}
      </Fact>
      <Fact label="Grants nothing">
        {alias ? (
          grantingNothing.length ? <AliasIneffectiveGrants roles={grantingNothing} /> : undefined
        ) : grantPage ? (
          <PagedList {...paged} list="grants" first={grantPage.items} total={grantPage.total} read={readGrants} label="Pages of the grants that reach nothing" noun="grant">
            {(grants, busy) => (
              <div aria-busy={busy}>
                <IneffectiveGrantList grants={grants} />
              </div>
            )}
          </PagedList>
        ) : undefined}
      </Fact>
      <Fact label="Unreadable">{fn.unknown.length ? printable(fn.unknown.join("; ")) : undefined}</Fact>
    </>
  );
}

export interface DetailsPanelProps {
  details: NodeDetails;
  /** The snapshot shown: the what-if box asks about this one. */
  snapshotId: string;
  /** The snapshot's account: only its own IAM roles and users get a what-if box. */
  account: string;
  /**
   * The drawn view, as GET /api/graph's query keys but `node`: a group node's lists page through the members drawn in
   * it (components/details/paged-list.tsx).
   */
  view?: string;
  focused: boolean;
  /** Only the node is known yet; its findings and neighbours are on their way from the server. */
  loading?: boolean;
  /** The node is not on the canvas (filters, or the view's function limit): nothing there to find or Escape back to. */
  offGraph?: boolean;
  onClose: () => void;
  /** Where keyboard focus goes on Close when the panel's node is not drawn (opened from search or a neighbour list). */
  focusAfterClose?: () => HTMLElement | null | undefined;
  /** How focus goes back to the panel's node when the panel goes: by default, as soon as the node is drawn. */
  focusNode?: FocusNode;
  onFocus: () => void;
  onSelect: (id: string) => void;
  /**
   * Told whether the panel now lies over the graph (at mount, on every resize, and false as it goes): what it covers
   * must leave Tab's order while it does. Keep it stable (a state setter): a new function re-registers the listener.
   */
  onCoverChange?: (covers: boolean) => void;
}

export function DetailsPanel({ details, snapshotId, account, view, focused, loading = false, offGraph = false, onClose, focusAfterClose, focusNode = focusWhenDrawn, onFocus, onSelect, onCoverChange }: DetailsPanelProps) {
  const { node, fn, alias, findings, findingTwins, findingTotal, accepted, neighbours, neighbourTotal, identity, assumers } = details;
  // Once the neighbours are in: the box starts from a function the user or role invokes, or a resource the role reaches.
  const asker = fn || loading ? undefined : principalAsker(node, neighbours, account);
  const place = { snapshotId, nodeId: node.id, ...(node.groupOf && view ? { view } : {}) };
  const titleRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  // The panel is rebuilt for each node, and "Focus neighbourhood" hides itself: focus that was in the panel would
  // drop to the page. Keyboard users land on the new title instead; focus elsewhere (a graph node) is left alone,
  // unless the panel lies over it (narrow windows, see the class below): focus would sit where no one sees it.
  useEffect(() => {
    const active = document.activeElement;
    const panel = panelRef.current;
    if (!active || active === document.body || (panelOverGraph(panel) && !panel.contains(active))) titleRef.current?.focus();
  }, [focused]);
  // However the panel goes (Close, Escape, the browser's Back: the selection is in the URL), focus that was in it
  // goes back to the node it was about, where the keyboard user came from, rather than dropping to <body>. Checked
  // before React removes the panel (a layout effect's cleanup), acted on a frame later, and only if focus did drop and
  // no panel took this one's place: the next node's panel (a neighbour picked) puts focus on its own title.
  const latest = useRef({ id: node.id, focusAfterClose, focusNode });
  latest.current = { id: node.id, focusAfterClose, focusNode };
  useLayoutEffect(() => {
    const panel = panelRef.current;
    return () => {
      if (!panel?.contains(document.activeElement)) return;
      const { id, focusAfterClose, focusNode } = latest.current;
      requestAnimationFrame(() => {
        const dropped = !document.activeElement || document.activeElement === document.body;
        if (dropped && !document.getElementById(DETAILS_TITLE_ID)) focusNode(id, focusAfterClose);
      });
    };
  }, []);
  // A resize is also a change of zoom, which moves the panel over the graph or beside it (the class below).
  useLayoutEffect(() => {
    if (!onCoverChange) return;
    const panel = panelRef.current;
    const update = () => {
      const covers = panelOverGraph(panel);
      onCoverChange(covers);
      // Narrowed with focus on the graph: the inert canvas drops it (or holds it where no key reaches), so the title
      // takes it, as when the panel opens over the graph. Checked a frame later, once the canvas is inert.
      if (!covers) return;
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if (!active || active === document.body || active.closest("[inert]")) titleRef.current?.focus();
      });
    };
    update();
    window.addEventListener("resize", update);
    return () => {
      window.removeEventListener("resize", update);
      onCoverChange(false);
    };
  }, [onCoverChange]);
  // Escape from anywhere in the panel is its Close button; a control that used the key itself has marked it handled,
  // and a text field holding what the user typed (the what-if form) keeps it: closing would throw the text away.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || event.defaultPrevented || holdsTypedText(event.target)) return;
    event.preventDefault();
    onClose();
  };

  return (
    <aside
      ref={panelRef}
      data-testid="details-panel"
      onKeyDown={onKeyDown}
      aria-label={`Details: ${printable(node.label)}`}
      className={`flex flex-col ${PANEL_PLACE}`}
    >
      <header className="flex items-start gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <span className={`mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-md ring-1 ${KIND_TILE[node.kind]}`}>
          <KindIcon kind={node.kind} isPublic={node.public} />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{KIND_LABEL[node.kind]}</p>
          {/* Three lines at most: a label thousands of characters long (a crafted name, a long ARN pattern) pushed Close
              and the findings off the screen. The label is in the markup, for screen readers, and the tooltip: whole up
              to the longest ARN AWS gives, a crafted one past it cut (a megabyte read out or hovered helps no one). */}
          <h2
            ref={titleRef}
            id={DETAILS_TITLE_ID}
            tabIndex={-1}
            title={printable(node.label)}
            className="line-clamp-3 text-base font-semibold text-slate-900 [overflow-wrap:anywhere] focus-visible:outline-2 focus-visible:outline-sky-600"
            data-testid="details-title"
          >
            {printable(node.label)}
          </h2>
        </div>
        <CloseDetailsButton onClose={onClose} />
      </header>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-4">
        <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-2 text-sm">
          {fn ? (
            <FunctionFacts
              fn={fn}
              nodeId={node.id}
              snapshotId={snapshotId}
              invokerPage={details.invokers}
              reachPage={details.reaches}
              grantPage={details.ineffectiveGrants}
              identity={identity}
              alias={alias}
              roleState={details.roleState}
            />
          ) : null}
          {!fn ? <Fact label="Reference">{node.ref ? <LongText text={node.ref} what="reference" testId="node-reference" className="break-all font-mono text-xs" copy /> : undefined}</Fact> : null}
          {!fn ? <Fact label="Service">{node.allServices ? "all services" : node.service}</Fact> : null}
          {!fn ? <Fact label="Region">{node.region}</Fact> : null}
          {assumers ? (
            <Fact label="Assumed by">
              <AssumerList assumers={assumers} />
            </Fact>
          ) : null}
          {node.public ? <Fact label="Exposure">Public</Fact> : null}
        </dl>
        {offGraph ? (
          <p className="rounded-md bg-amber-50 px-2 py-1.5 text-sm text-amber-950 ring-1 ring-amber-300" data-testid="details-off-graph">
            Not drawn in this view: its filters, or how many functions it draws, leave it out.{!focused && !node.groupOf ? " Focus neighbourhood draws it with what it connects to." : ""}
          </p>
        ) : null}
        {!focused && !node.groupOf ? (
          <button
            type="button"
            onClick={onFocus}
            className="rounded-md bg-sky-700 px-3 py-1.5 forced-colors:border text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
          >
            Focus neighbourhood
          </button>
        ) : null}
        <section aria-labelledby="details-findings">
          <h3 id="details-findings" className="mb-2 text-sm font-semibold text-slate-900">
            Findings {loading ? null : <span className="font-normal text-slate-600">({formatCount(findingTotal)})</span>}
          </h3>
          {loading ? (
            // Not a live region: the explorer's details status already says "Loading the details of …".
            <p className="text-sm text-slate-600">
              Loading details…
            </p>
          ) : findingTotal === 0 ? (
            <p className="text-sm text-slate-600">No findings on this node.</p>
          ) : (
            <FindingList snapshotId={snapshotId} nodeId={node.id} first={{ findings, twins: findingTwins }} total={findingTotal} />
          )}
        </section>
        {accepted?.length ? <AcceptedFindings accepted={accepted} /> : null}
        {/* After the findings: an event source or invoker named at length repeats that name in each way, which would push
            the findings off the screen (e2e/long-names.spec.ts). */}
        {details.ways || (!fn && details.reaches) || details.reachedBy ? (
          <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-2 text-sm" data-testid="node-evidence">
            {details.ways ? (
              <Fact label="Ways in">
                <CallerWays ways={details.ways} place={place} />
              </Fact>
            ) : null}
            {!fn && details.reaches ? (
              <Fact label="Can reach">
                {/* Empty for a role the snapshot lacks or could not read, which its label says: "nothing" would claim it. */}
                {details.reaches.total ? <RoleReachList reaches={details.reaches} account={account} place={place} /> : node.roleState ? undefined : "nothing"}
              </Fact>
            ) : null}
            {details.reachedBy ? (
              <Fact label="Reached by">
                <ReachedByList reachedBy={details.reachedBy} account={account} place={place} />
              </Fact>
            ) : null}
          </dl>
        ) : null}
        {fn ? (
          <CanBox
            fn={fn}
            nodeId={node.id}
            aliases={details.aliases}
            openedAlias={details.openedAlias}
            askAbout={details.askAbout ?? "*"}
            snapshotId={snapshotId}
            asPrincipal={node.aliasOf ? node.ref : details.openedAlias?.arn}
          />
        ) : null}
        {asker ? <CanBox principal={asker} snapshotId={snapshotId} /> : null}
        {neighbourTotal ? (
          <section aria-labelledby="details-neighbours">
            <h3 id="details-neighbours" className="mb-2 text-sm font-semibold text-slate-900">
              {node.groupOf ? `Grouped ${KIND_LABEL[node.kind].toLowerCase()}s (${formatCount(node.groupSize ?? node.groupOf.length)})` : "Connected"}
            </h3>
            <NeighbourList node={node} neighbours={neighbours} total={neighbourTotal} place={place} onSelect={onSelect} />
          </section>
        ) : null}
      </div>
    </aside>
  );
}

const readNeighbours = (answer: ListPage): GraphNodeView[] => ("neighbours" in answer ? answer.neighbours : []);

/** A node's neighbours, or a group's members, a page at a time: a group of 5,000 log groups named its first 50. */
function NeighbourList({ node, neighbours, total, place, onSelect }: { node: GraphNodeView; neighbours: GraphNodeView[]; total: number; place: NodeListPlace; onSelect: (id: string) => void }) {
  const kind = KIND_LABEL[node.kind].toLowerCase();
  const names = node.groupOf ? { label: `Pages of the grouped ${kind}s`, noun: kind } : { label: "Pages of the connected nodes", noun: "connected node" };
  return (
    <PagedList {...place} list="neighbours" first={neighbours} total={total} read={readNeighbours} {...names} pagerClassName="mb-1" pagerInset="px-0">
      {(shown, busy) => (
        <ul className="space-y-1" data-testid="neighbour-list" aria-busy={busy}>
          {shown.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                onClick={() => onSelect(n.id)}
                // Wrapped, not cut with an ellipsis: a 64-character role name is read here and nowhere else in the panel.
                className="w-full rounded px-2 py-1 text-left text-sm text-sky-800 [overflow-wrap:anywhere] hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-600"
              >
                <span className="text-slate-600">{KIND_LABEL[n.kind]}:</span> {printable(n.label)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </PagedList>
  );
}

function holdsTypedText(target: EventTarget): boolean {
  const typed = target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(target.type));
  return typed && (target as HTMLInputElement | HTMLTextAreaElement).value !== "";
}
