/**
 * The evidence of a node that is not a function (lib/view/node-ways.ts): an invoker's or event source's ways into
 * each function, a role's reach, the roles reaching a resource. Drawn with the function panel's own lists, so a way in
 * or a reach reads the same from either end.
 */
import type { Reach } from "@/lib/analysis/types";
import type { FirstPage } from "@/lib/view/graph-view";
import type { CallerWay, RoleReach } from "@/lib/view/node-ways";
import { wayInSource } from "@/lib/view/way-in";
import { formatCount } from "@/lib/view/count-text";
import { printable } from "@/lib/view/long-words";
import { InvokerList } from "./invoker-list";
import { ReachList } from "./reach-list";

/** "and 12 more" under a first page; the function's details list them all. */
function More({ page }: { page: FirstPage<unknown> }) {
  const more = page.total - page.items.length;
  return more > 0 ? <p className="mt-1 text-xs text-slate-600">and {formatCount(more)} more</p> : null;
}

export function CallerWays({ ways }: { ways: FirstPage<CallerWay> }) {
  return (
    <>
      <ul className="space-y-2" data-testid="caller-ways">
        {ways.items.map((w, i) => {
          const source = wayInSource(w.invoker);
          return (
            <li key={i} className="text-xs" data-testid="caller-way">
              <span className="font-medium">Into {printable(w.fn)}</span>
              {source ? <span className="text-slate-600"> · {printable(source)}</span> : null}
              <InvokerList fnArn={w.fnArn} invokers={[w.invoker]} identity={undefined} />
            </li>
          );
        })}
      </ul>
      <More page={ways} />
    </>
  );
}

export function RoleReachList({ reaches, account }: { reaches: FirstPage<Reach>; account: string | undefined }) {
  return (
    <>
      <ReachList reaches={reaches.items} account={account} />
      <More page={reaches} />
    </>
  );
}

export function ReachedByList({ reachedBy, account }: { reachedBy: FirstPage<RoleReach>; account: string | undefined }) {
  return (
    <>
      <ul className="space-y-2" data-testid="reached-by">
        {reachedBy.items.map((r, i) => (
          <li key={i} className="text-xs">
            <span className="font-medium">{printable(r.role)}</span>
            <ReachList reaches={[r.reach]} account={account} />
          </li>
        ))}
      </ul>
      <More page={reachedBy} />
    </>
  );
}
