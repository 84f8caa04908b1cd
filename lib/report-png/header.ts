/**
 * The text block at the top of a PNG report: which account, regions and capture, which part of the graph
 * (focus, filters, how many functions) and the findings in view by severity. Pure, so the browser export and
 * the server render (which runs the same page code) print the same words, and tests can read them.
 */
import { SEVERITIES, type Severity } from "@/lib/analysis/types";
import type { GraphModel, GraphNodeView } from "@/lib/view/graph-model";
import { findingIdsOf } from "@/lib/view/finding-ids";
import { countBySeverity } from "@/lib/view/severity";
import { formatCaptureTime } from "@/lib/view/capture-time";
import { focusFunctionsText, formatCount, plural, viewFunctionsText } from "@/lib/view/count-text";
import { nodeKindText } from "@/lib/view/node-kind";
import { shortVisibleText, visibleText } from "@/lib/view/visible-text";
import { NOTHING_TO_COMPARE } from "@/lib/view/same-scan";
import type { DataGapPart } from "@/lib/view/data-gaps";
import { INVOKER_KIND_LABEL, type InvokerKind } from "@/lib/view/invoker-kinds";
import { askedReachText, reachAnswerLine, type ReachCounts } from "@/lib/view/reach-question";

export interface ReportViewFilters {
  sev: Severity[];
  svc: string[];
  region: string[];
  /** Finding rules and kinds of caller (the overview's filters, on the graph too); absent is none. */
  rule?: string[];
  who?: InvokerKind[];
  /** The "Can do" question (lib/view/reach-filter.ts); absent or empty is none. */
  reach?: string;
  on?: string;
  findings: boolean;
}

/** A node as the header names it: its kind and label, as the graph's own node names do ("Function orders"). */
export type NamedNode = Pick<GraphNodeView, "kind" | "label" | "aliasOf">;

const nodeName = (n: NamedNode): string => `${nodeKindText(n)} ${shortVisibleText(n.label)}`;
const valuesText = (values: readonly string[]): string => values.map(shortVisibleText).join(", ");

export interface ReportHeaderInput {
  account: string;
  regions: string[];
  capturedAt: string;
  /** The snapshot drawn, so a reader of the image can open the same one (a share link pins it too). */
  snapshotId?: string;
  /** When the image was made: a view of a stored snapshot can change (accepted findings, a newer analysis). */
  generatedAt?: string;
  filters: ReportViewFilters;
  /** The focused node, when the view is focused. */
  focus?: NamedNode | null;
  /** The selected node (drawn highlighted, its edges thicker). */
  selected?: NamedNode | null;
  /**
   * Compare mode: the compared scan's capture time and how many nodes in view are outlined as changed since it;
   * `sameScan` when it is the scan drawn.
   */
  compare?: { capturedAt: string; changed: number; sameScan?: boolean } | null;
  shown: number;
  matching: number;
  total: number;
  /**
   * The answers to the filters' Can do question: over the functions in focus when focused (VisibleGraph.reachInFocus),
   * else over those the filters match (reachMatching). Absent when none is asked.
   */
  reachCounts?: ReachCounts;
  /** With reachCounts, the ARN a name typed was asked as ("asked as arn:…:orders (the only queue named orders)"). */
  reachAskedAs?: string;
  /** Findings attached to the nodes in view. */
  counts: Record<Severity, number>;
  /** Findings of the account the suppressions file accepts (not drawn), when the server applies one. */
  accepted?: number;
  /** What the scan could not read, in a few words with their counts (lib/view/data-gaps.ts), when anything. */
  gaps?: readonly DataGapPart[];
}

export interface ReportHeader {
  title: string;
  /** Account facts, then what the view shows. */
  lines: string[];
  /** Severities with at least one finding in view, worst first. */
  counts: { severity: Severity; count: number }[];
  /** After the counts: what the scan could not read and what the suppressions file left out, so a shared report does
   * not pass for the whole story. */
  note?: string;
  /** The counts behind the note's "Not read", for a header too narrow for the whole note (fit-note.ts). */
  gaps?: readonly DataGapPart[];
}

/**
 * The view in one line. A focused view draws the focus node's whole neighbourhood whatever the filters say
 * (lib/view/visible-graph.ts), so its line names the focus and no filters: the header says what is drawn.
 */
export function describeView(input: Pick<ReportHeaderInput, "filters" | "focus" | "selected" | "compare" | "shown" | "matching" | "total">): string {
  const { filters: f } = input;
  const parts: string[] = [];
  if (input.focus) parts.push(`Focus: ${nodeName(input.focus)} (${focusFunctionsText(input.shown, input.matching)})`);
  else {
    parts.push(`Showing ${viewFunctionsText(input.shown, input.matching)} (${formatCount(input.total)} total)`);
    if (f.sev.length) parts.push(`severity ${f.sev.join(", ")}`);
    // Filter values come from the link, which anyone can write.
    if (f.svc.length) parts.push(`service ${valuesText(f.svc)}`);
    if (f.region.length) parts.push(`region ${valuesText(f.region)}`);
    if (f.rule?.length) parts.push(`finding ${valuesText(f.rule)}`);
    if (f.who?.length) parts.push(`invoked by ${f.who.map((k) => INVOKER_KIND_LABEL[k]).join(", ")}`);
    const asked = askedReachText(f.reach, f.on);
    if (asked) parts.push(`can do ${shortVisibleText(asked)}`);
    if (f.findings) parts.push("only functions with findings");
    if (parts.length === 1) parts.push("no filters");
  }
  // The image highlights these, and its legend has no entry for them: without a word, a reader guesses.
  if (input.selected) parts.push(`selected: ${nodeName(input.selected)}`);
  if (input.compare) {
    const when = formatCaptureTime(input.compare.capturedAt);
    parts.push(
      input.compare.sameScan
        ? `compared with this same scan: ${NOTHING_TO_COMPARE}`
        : input.compare.changed
          ? `${plural(input.compare.changed, "node")} outlined: changed since the scan of ${when}`
          : `compared with the scan of ${when}: nothing in view changed`,
    );
  }
  return parts.join(" · ");
}

/**
 * The Can do question and its answer, a line of their own: a focused view's line names no filters, and a reader of
 * the image is owed the answer the page shows beside its chip.
 */
function reachLine(input: Pick<ReportHeaderInput, "filters" | "focus" | "shown" | "reachCounts" | "reachAskedAs">): string[] {
  const asked = askedReachText(input.filters.reach, input.filters.on);
  if (!asked || !input.reachCounts) return [];
  // Whole, not shortened as the question is: it names the ARN asked, and comes last, so the edge cuts only it.
  const askedAs = input.reachAskedAs && visibleText(input.reachAskedAs);
  return [reachAnswerLine(shortVisibleText(asked), input.reachCounts, input.focus ? input.shown : undefined, askedAs)];
}

/**
 * The header's compare part from the graph's compare mode: how many nodes in view are outlined, and whether the scan
 * compared with is the one drawn (its empty outline is then no comparison, not "nothing changed").
 */
export function compareInView(
  nodes: readonly Pick<GraphNodeView, "id">[],
  mode: { changedIds?: ReadonlySet<string>; comparedAt?: string; compareId?: string; snapshotId: string },
): ReportHeaderInput["compare"] {
  const { changedIds, comparedAt } = mode;
  if (!changedIds || !comparedAt) return null;
  return { capturedAt: comparedAt, changed: nodes.filter((n) => changedIds.has(n.id)).length, sameScan: mode.compareId === mode.snapshotId };
}

export function composeReportHeader(input: ReportHeaderInput): ReportHeader {
  // The snapshot's own keys: a crafted file can name a region anything.
  const regions = input.regions.length ? valuesText(input.regions) : "none";
  const counts = SEVERITIES.filter((s) => input.counts[s] > 0).map((severity) => ({ severity, count: input.counts[severity] }));
  return {
    title: `Lambda Permissions Graph · account ${input.account}`,
    lines: [
      // The regions last: the line is cut at the image's edge, and an account may list many.
      [
        `Captured ${formatCaptureTime(input.capturedAt)}`,
        ...(input.snapshotId ? [`snapshot ${input.snapshotId}`] : []),
        ...(input.generatedAt ? [`rendered ${formatCaptureTime(input.generatedAt)}`] : []),
        `${input.regions.length === 1 ? "region" : "regions"} ${regions}`,
      ].join(" · "),
      describeView(input),
      ...reachLine(input),
    ],
    counts,
    ...noteOf(input),
  };
}

/**
 * What the image does not show: data the scan could not read (badges show it per function only), and accepted
 * findings. The unknown comes first: the note shares its line with the counts and is cut at the image's edge, and a
 * cut warning let a report of a scan with gaps pass for a clean one.
 */
function noteOf(input: Pick<ReportHeaderInput, "accepted" | "gaps">): Pick<ReportHeader, "note" | "gaps"> {
  const gaps = input.gaps?.length ? input.gaps : undefined;
  const parts = [
    ...(gaps ? [unreadWarning(gaps)] : []),
    ...(input.accepted ? [`${plural(input.accepted, "finding")} of the account accepted in the suppressions file, not shown`] : []),
  ];
  return parts.length ? { note: parts.join(" · "), ...(gaps ? { gaps } : {}) } : {};
}

/**
 * The note's warning: the gaps it names, then how many more it leaves out when the header has no room for them all
 * ("Not read: 200 parts of the account were not read · and 37 more (unknown, not fine)"), or only the total.
 */
export function unreadWarning(named: readonly DataGapPart[], more = 0): string {
  const said = named.map((p) => p.text);
  if (more) said.push(named.length ? `and ${formatCount(more)} more` : plural(more, "gap"));
  return `Not read: ${said.join(" · ")} (unknown, not fine)`;
}

/** Findings attached to the nodes in view, each counted once (a role finding badges every function it touches). */
export function countFindingsInView(model: Pick<GraphModel, "findings" | "findingIdsOf">, nodes: readonly Pick<GraphNodeView, "id">[]): Record<Severity, number> {
  const ids = new Set(nodes.flatMap((n) => findingIdsOf(model, n.id)));
  return countBySeverity([...ids].map((id) => model.findings[id]).filter((f) => f !== undefined));
}
