/**
 * What lives in the URL (so reload, back/forward and shared links restore the view). Parsers are shared by
 * server pages and client components; `nuqs/server` keeps this file free of client-only code.
 */
import {
  createLoader,
  createParser,
  createSerializer,
  parseAsArrayOf,
  parseAsBoolean,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
  type SingleParserBuilder,
} from "nuqs/server";
import { SEVERITIES } from "@/lib/analysis/types";
import { MAX_LINK_VALUE } from "./graph-link";
import { INVOKER_KINDS } from "./invoker-kinds";

export const DEFAULT_FUNCTION_LIMIT = 25;

/** `parser`, reading nothing from a value longer than MAX_LINK_VALUE (as from a value it cannot read). */
function bounded<T>(parser: SingleParserBuilder<T>) {
  return createParser<T>({
    parse: (value) => (value.length > MAX_LINK_VALUE ? null : parser.parse(value)),
    serialize: parser.serialize,
    eq: parser.eq,
  });
}

/**
 * The function filters the overview and the graph share (matched by lib/view/function-filter.ts), parsed alike on both
 * pages and carried between them (lib/view/carried-filters.ts).
 */
export const functionFilterParsers = {
  sev: parseAsArrayOf(parseAsStringLiteral(SEVERITIES)),
  /** Finding rules (`function-url-public`): functions with a finding of any of them. */
  rule: parseAsArrayOf(parseAsString),
  /** Invoker kinds (lib/view/invoker-kinds.ts): functions that any of them may invoke. */
  who: parseAsArrayOf(parseAsStringLiteral(INVOKER_KINDS)),
  /**
   * "Can do": an action or action pattern (`s3:PutObject`, `s3:*`), and `on`, the resource asked about (an ARN or
   * a name; any when empty): functions whose role may do it (lib/view/reach-filter.ts).
   */
  reach: parseAsString,
  on: parseAsString,
};

/** The keys that decide what the server sends: the drawn graph and the selected node's details. */
export const graphViewUrlState = {
  /** Selected node (details panel). */
  node: bounded(parseAsString),
  /** Focused node: only its neighbourhood is drawn. */
  focus: bounded(parseAsString),
  sev: bounded(functionFilterParsers.sev).withDefault([]),
  svc: bounded(parseAsArrayOf(parseAsString)).withDefault([]),
  region: bounded(parseAsArrayOf(parseAsString)).withDefault([]),
  rule: bounded(functionFilterParsers.rule).withDefault([]),
  who: bounded(functionFilterParsers.who).withDefault([]),
  reach: bounded(functionFilterParsers.reach).withDefault(""),
  on: bounded(functionFilterParsers.on).withDefault(""),
  findings: bounded(parseAsBoolean).withDefault(false),
  limit: bounded(parseAsInteger).withDefault(DEFAULT_FUNCTION_LIMIT),
};

export type GraphViewState = inferParserType<typeof graphViewUrlState>;
/** Server side: the view state from a page's or an API route's search params. */
export const loadGraphViewState = createLoader(graphViewUrlState);
/** Client side: the view state as the query string of GET /api/graph. */
export const serializeGraphViewState = createSerializer(graphViewUrlState);

export const graphUrlState = {
  ...graphViewUrlState,
  /** Node search: present while the search box is open. */
  q: parseAsString,
  /** Viewport `x,y,zoom` (lib/view/share-link.ts), written when the user pans or zooms, restored on open. */
  vp: parseAsString,
};

/** Keys whose change draws a different graph (everything the server selects by, except the selected node). */
const REDRAWING_KEYS = new Set<string>(Object.keys(graphViewUrlState).filter((k) => k !== "node"));

/**
 * What identifies the drawn graph of a view state: the state without the selected node. Picking a node of the graph on
 * screen asks the server for its details, not for a new drawing, so the canvas is not "Loading view…" meanwhile.
 */
export function drawingKey(state: GraphViewState): string {
  return serializeGraphViewState({ ...state, node: null });
}

/**
 * The URL change for a graph state patch. A patch that draws a different graph also drops `vp`: the canvas fits
 * the new drawing, and a viewport kept from the old one would put a reload or a shared link back on the old
 * framing, often over empty canvas.
 */
export function graphStatePatch<T extends object | null>(patch: T): T {
  if (!patch || !Object.keys(patch).some((k) => REDRAWING_KEYS.has(k))) return patch;
  return { ...patch, vp: null } as T;
}

export const SORT_KEYS = ["name", "region", "runtime", "invokers", "severity"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const overviewUrlState = {
  q: parseAsString.withDefault(""),
  sort: parseAsStringLiteral(SORT_KEYS).withDefault("severity"),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("asc"),
  sev: functionFilterParsers.sev.withDefault([]),
  rule: functionFilterParsers.rule.withDefault([]),
  who: functionFilterParsers.who.withDefault([]),
  reach: functionFilterParsers.reach.withDefault(""),
  on: functionFilterParsers.on.withDefault(""),
  /** The table's page, from 1 (lib/view/overview.ts `tablePage` keeps it within the pages there are). */
  page: parseAsInteger.withDefault(1),
};
/** Server side: the overview table's state from the page's search params (the server filters, sorts and pages it). */
export const loadOverviewState = createLoader(overviewUrlState);

/** The compare page: the functions whose changes it lists, by name or ARN (lib/diff/filter-diff.ts), as the overview's search. */
export const compareUrlState = { q: overviewUrlState.q };
export const loadCompareState = createLoader(compareUrlState);

/** The snapshots page: which page of the history it draws, from 1, as the overview's table. */
export const snapshotsUrlState = { page: overviewUrlState.page };
export const loadSnapshotsState = createLoader(snapshotsUrlState);
