/**
 * The evidence of a node that is not a function (lib/view/node-ways.ts): an invoker's or event source's ways into
 * each function, a role's reach, the roles reaching a resource; a group node's, member by member. Drawn with the
 * function panel's own lists, so a way in or a reach reads the same from either end, and paged as they are: a queue
 * that thousands of roles reach lists them all, a page at a time, rather than its first 50 and "and 1,950 more".
 */
import type { Reach } from "@/lib/analysis/types";
import type { FirstPage, ListPage } from "@/lib/view/graph-view";
import type { CallerWay, RoleReach } from "@/lib/view/node-ways";
import { wayInSource } from "@/lib/view/way-in";
import { printable } from "@/lib/view/long-words";
import { InvokerList } from "./invoker-list";
import { ReachList } from "./reach-list";
import { PagedList } from "./paged-list";

/** Which node's list the pager asks the server for; `view` for a group node (PagedList). */
export interface NodeListPlace {
  snapshotId: string;
  nodeId: string;
  view?: string;
}

const readWays = (answer: ListPage): CallerWay[] => ("ways" in answer ? answer.ways : []);
/** A function's and a role's reach read alike (details-panel.tsx's FunctionFacts). */
export const readReaches = (answer: ListPage): Reach[] => ("reaches" in answer ? answer.reaches : []);
const readReachedBy = (answer: ListPage): RoleReach[] => ("reachedBy" in answer ? answer.reachedBy : []);

const PAGER = { pagerClassName: "mb-1", pagerInset: "px-0" } as const;

export function CallerWays({ ways, place }: { ways: FirstPage<CallerWay>; place: NodeListPlace }) {
  return (
    <PagedList {...place} {...PAGER} list="ways" first={ways.items} total={ways.total} read={readWays} label="Pages of the ways in" noun="way in" nouns="ways in">
      {(shown, busy) => (
        <ul className="space-y-2" data-testid="caller-ways" aria-busy={busy}>
          {shown.map((w, i) => {
            const source = wayInSource(w.invoker);
            return (
              <li key={i} className="text-xs" data-testid="caller-way">
                {w.from ? <span className="block font-medium [overflow-wrap:anywhere]">{printable(w.from)}</span> : null}
                <span className="font-medium">Into {printable(w.fn)}</span>
                {source ? <span className="text-slate-600"> · {printable(source)}</span> : null}
                {/* A group's event source is the queue or stream its mapping reads: named once, above. */}
                <InvokerList fnArn={w.fnArn} invokers={[w.invoker]} identity={undefined} sourceNamed={!!w.from && w.invoker.via === "event-source-mapping"} statementNamed />
              </li>
            );
          })}
        </ul>
      )}
    </PagedList>
  );
}

export function RoleReachList({ reaches, account, place }: { reaches: FirstPage<Reach>; account: string | undefined; place: NodeListPlace }) {
  return (
    <PagedList {...place} {...PAGER} list="reaches" first={reaches.items} total={reaches.total} read={readReaches} label="Pages of what the role can reach" noun="resource">
      {(shown, busy) => (
        <div aria-busy={busy}>
          <ReachList reaches={shown} account={account} />
        </div>
      )}
    </PagedList>
  );
}

export function ReachedByList({ reachedBy, account, place }: { reachedBy: FirstPage<RoleReach>; account: string | undefined; place: NodeListPlace }) {
  return (
    <PagedList {...place} {...PAGER} list="reachedBy" first={reachedBy.items} total={reachedBy.total} read={readReachedBy} label="Pages of the roles reaching it" noun="reaching role">
      {(shown, busy) => (
        <ul className="space-y-2" data-testid="reached-by" aria-busy={busy}>
          {shown.map((r, i) => (
            <li key={i} className="text-xs">
              <span className="font-medium">{printable(r.role)}</span>
              <ReachList reaches={[r.reach]} account={account} />
            </li>
          ))}
        </ul>
      )}
    </PagedList>
  );
}
