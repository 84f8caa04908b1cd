/**
 * The compare page's function filter: the diff's lines about functions whose name or ARN holds the search (or whose
 * qualified ARN it is), as the overview's table finds them (lib/view/function-match.ts). With two thousand functions
 * changed the diff is a long list; a function's own lines are what its reader looks for.
 *
 * Account-wide lines are kept whatever the search: roles that may invoke every function, who may assume them, what
 * both scans could not read of the account (its IAM data, its guardrails, a region's list), findings that badge no
 * function (a region not listed, the organization's SCPs unread). They bear on every function, the one searched for
 * too. A function's data unread in both scans is that function's line.
 */
import type { FindingChange, FunctionRef, ReportDiff } from "./diff-reports";
import { nameOrArnMatches, searchKey } from "@/lib/view/function-match";

export interface FilteredDiff {
  diff: ReportDiff;
  /** Functions the diff names (in its function lists or as a finding's), and of them those the search matches. */
  total: number;
  matched: number;
}

/** The diff's lines about functions matching `search`; the whole diff when it is blank. */
export function filterDiff(diff: ReportDiff, search: string): FilteredDiff {
  const refs: FunctionRef[] = [...diff.functionsAdded, ...diff.functionsRemoved, ...diff.functionsUnseen, ...diff.functionsFirstSeen, ...diff.functionsChanged];
  const findingLists = [diff.findingsNew, diff.findingsFixed, diff.findingsUnverified, diff.findingsUnknownBefore, diff.findingsChanged, diff.findingsChangeUnverified];
  const badged = (f: FindingChange) => [...f.functions, ...(f.was?.functions ?? [])];
  // A finding's functions are ARNs; their names, where a function list has them (a name is also its ARN's end).
  const names = new Map(refs.map((r) => [r.arn, r.name]));
  for (const arn of [...findingLists.flat().flatMap(badged), ...diff.unreadInBoth.flatMap((u) => (u.arn ? [u.arn] : []))]) if (!names.has(arn)) names.set(arn, "");
  const q = searchKey(search);
  if (!q) return { diff, total: names.size, matched: names.size };

  const matching = new Set([...names].filter(([arn, name]) => nameOrArnMatches(q, { arn, name })).map(([arn]) => arn));
  const refsOf = <T extends FunctionRef>(list: T[]) => list.filter((r) => matching.has(r.arn));
  const findingsOf = <T extends FindingChange>(list: T[]) => list.filter((f) => f.functions.length === 0 || badged(f).some((arn) => matching.has(arn)));
  return {
    diff: {
      ...diff,
      functionsAdded: refsOf(diff.functionsAdded),
      functionsRemoved: refsOf(diff.functionsRemoved),
      functionsUnseen: refsOf(diff.functionsUnseen),
      functionsFirstSeen: refsOf(diff.functionsFirstSeen),
      functionsChanged: refsOf(diff.functionsChanged),
      findingsNew: findingsOf(diff.findingsNew),
      findingsFixed: findingsOf(diff.findingsFixed),
      findingsUnverified: findingsOf(diff.findingsUnverified),
      findingsUnknownBefore: findingsOf(diff.findingsUnknownBefore),
      findingsChanged: findingsOf(diff.findingsChanged),
      findingsChangeUnverified: findingsOf(diff.findingsChangeUnverified),
      unreadInBoth: diff.unreadInBoth.filter((u) => !u.arn || matching.has(u.arn)),
    },
    total: names.size,
    matched: matching.size,
  };
}
