/**
 * Metamorphic test support: transformations of a raw snapshot (JSON as a scan writes it) and projections of the
 * report onto its decisions, so that two reports can be compared where a relation says they must agree.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseSnapshot } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "./analyze";
import type { AnalysisReport } from "./types";
import { globMatches } from "@/lib/policy/wildcard";

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function demoSnapshot(): Json {
  return JSON.parse(readFileSync(fileURLToPath(new URL("../../data/demo-snapshot.json", import.meta.url)), "utf8"));
}

export function analyzeRaw(raw: Json): AnalysisReport {
  return analyzeSnapshot(parseSnapshot(JSON.parse(JSON.stringify(raw))));
}

export const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** A document in any of the three encodings, as an object; undefined when it does not parse. */
export function decodeDoc(doc: unknown): Json | undefined {
  if (doc && typeof doc === "object") return doc;
  if (typeof doc !== "string") return undefined;
  for (const text of [doc, safeDecode(doc)]) {
    if (text === undefined) continue;
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === "object") return parsed;
    } catch {
      /* next */
    }
  }
  return undefined;
}
function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export type Encoding = "object" | "json" | "url";
export function encodeDoc(doc: Json, enc: Encoding): unknown {
  if (enc === "object") return doc;
  const text = JSON.stringify(doc);
  return enc === "json" ? text : encodeURIComponent(text);
}

export interface DocSlot {
  kind: "role-inline" | "user-inline" | "group-inline" | "managed" | "trust";
  owner: string;
  name: string;
  get(): unknown;
  set(v: unknown): void;
}

function authDetails(raw: Json): Json {
  return raw.iam?.GetAccountAuthorizationDetails ?? {};
}

/** Every IAM document slot of the snapshot (identity policies; trust policies with `trust`). */
export function docSlots(raw: Json, opts: { trust?: boolean; allVersions?: boolean } = {}): DocSlot[] {
  const d = authDetails(raw);
  const out: DocSlot[] = [];
  for (const role of d.RoleDetailList ?? []) {
    for (const p of role.RolePolicyList ?? [])
      out.push({ kind: "role-inline", owner: role.Arn, name: p.PolicyName, get: () => p.PolicyDocument, set: (v) => (p.PolicyDocument = v) });
    if (opts.trust && role.AssumeRolePolicyDocument !== undefined)
      out.push({ kind: "trust", owner: role.Arn, name: "trust", get: () => role.AssumeRolePolicyDocument, set: (v) => (role.AssumeRolePolicyDocument = v) });
  }
  for (const user of d.UserDetailList ?? [])
    for (const p of user.UserPolicyList ?? [])
      out.push({ kind: "user-inline", owner: user.Arn, name: p.PolicyName, get: () => p.PolicyDocument, set: (v) => (p.PolicyDocument = v) });
  for (const group of d.GroupDetailList ?? [])
    for (const p of group.GroupPolicyList ?? [])
      out.push({ kind: "group-inline", owner: group.Arn, name: p.PolicyName, get: () => p.PolicyDocument, set: (v) => (p.PolicyDocument = v) });
  for (const pol of d.Policies ?? [])
    for (const v of pol.PolicyVersionList ?? [])
      if (opts.allVersions || v.IsDefaultVersion)
        out.push({ kind: "managed", owner: pol.Arn, name: pol.PolicyName, get: () => v.Document, set: (x) => (v.Document = x) });
  return out;
}

/** Applies `f` to every readable document (as an object); unreadable ones are left as they are. */
export function mapDocs(raw: Json, f: (doc: Json, slot: DocSlot) => Json, opts: { trust?: boolean; allVersions?: boolean; encoding?: Encoding } = {}): Json {
  const out = clone(raw);
  for (const slot of docSlots(out, opts)) {
    const doc = decodeDoc(slot.get());
    if (doc === undefined) continue;
    const next = f(clone(doc), slot);
    slot.set(opts.encoding ? encodeDoc(next, opts.encoding) : encodeDoc(next, encodingOf(slot.get())));
  }
  return out;
}

function encodingOf(v: unknown): Encoding {
  if (typeof v !== "string") return "object";
  return v.trimStart().startsWith("{") ? "json" : "url";
}

export function statementsOf(doc: Json): Json[] {
  const s = doc?.Statement;
  return Array.isArray(s) ? s : s && typeof s === "object" ? [s] : [];
}

export const asList = (x: unknown): unknown[] => (Array.isArray(x) ? x : x === undefined ? [] : [x]);

/* ---------------- projections ---------------- */

const sortStrings = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();

export interface Projection {
  invokers: Record<string, string>;
  reaches: Record<string, string>;
  reachPairs: Set<string>;
  findings: Record<string, string>;
  accountInvokers: Record<string, string>;
  unknown: Record<string, string>;
}

/**
 * Decisions only: who may invoke what and how (not which statement says so), what each function reaches (not through
 * which policy), which findings fire at which severity on which functions.
 */
export function project(r: AnalysisReport, opts: { findingsById?: boolean } = {}): Projection {
  const invokers: Record<string, string> = {};
  const reaches: Record<string, string> = {};
  const reachPairs = new Set<string>();
  const unknown: Record<string, string> = {};
  for (const f of r.functions) {
    const inv = f.invokers.map((i) =>
      JSON.stringify([i.via, i.principal, i.principalType, i.qualifier ?? "", i.sourceArn ?? "", i.sourceAccount ?? "", i.orgId ?? "", i.public ?? null, i.decision ?? "", sortStrings(i.actions as string[]), i.state ?? "", i.uuid ?? "", i.authType ?? ""]),
    );
    invokers[f.arn] = JSON.stringify([...new Set(inv)].sort());
    reaches[f.arn] = JSON.stringify(
      f.reaches.map((x) => JSON.stringify([x.service, x.resource, sortStrings(x.actions.map((a) => a.toLowerCase())), x.conditional, !!x.partiallyDenied])).sort(),
    );
    for (const x of f.reaches) for (const a of x.actions) reachPairs.add(`${f.arn} ${x.resource} ${a.toLowerCase()}${x.conditional ? " ?" : ""}`);
    unknown[f.arn] = JSON.stringify(sortStrings(f.unknown));
  }
  const findings: Record<string, string> = {};
  if (opts.findingsById === false) {
    // Ids name statements (a Sid): counted per rule, target and severity instead.
    const counts = new Map<string, number>();
    for (const x of r.findings) {
      const k = JSON.stringify([x.rule, x.function ?? "", x.role ?? "", sortStrings(x.functions), x.severity]);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const [k, c] of counts) findings[k] = String(c);
  } else for (const x of r.findings) findings[x.id] = JSON.stringify([x.rule, x.severity, x.function ?? "", x.role ?? "", sortStrings(x.functions)]);
  const accountInvokers: Record<string, string> = {};
  for (const a of r.accountInvokers as Json[]) accountInvokers[a.principal] = JSON.stringify([a.principalType, a.decision, sortStrings(a.regions), sortStrings(a.actions)]);
  return { invokers, reaches, reachPairs, findings, accountInvokers, unknown };
}

/** The differences between two projections, as lines (empty when they agree). */
export function diffProjections(a: Projection, b: Projection, parts: (keyof Projection)[] = ["invokers", "reaches", "findings", "accountInvokers", "unknown"]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part === "reachPairs") continue;
    const x = a[part] as Record<string, string>;
    const y = b[part] as Record<string, string>;
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (x[k] !== y[k]) out.push(`${part} ${k}:\n  before ${x[k]}\n  after  ${y[k]}`);
    }
  }
  return out;
}

/* ---------------- orderings ---------------- */

export const DECISION_RANK: Record<string, number> = { allowed: 3, conditional: 2, "implicitly-denied": 1, "explicitly-denied": 1, denied: 1, "": 3 };

/** Invokers as key → decision rank, the key naming the way in but not its decision. */
export function invokerRanks(r: AnalysisReport): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of r.functions)
    for (const i of f.invokers) {
      const key = JSON.stringify([f.arn, i.via, i.principal, i.qualifier ?? "", i.sourceArn ?? "", i.uuid ?? ""]);
      const rank = DECISION_RANK[i.decision ?? ""] ?? 0;
      out.set(key, Math.max(out.get(key) ?? 0, rank));
    }
  for (const a of r.accountInvokers as Json[]) out.set(JSON.stringify(["account", a.principal, sortStrings(a.regions)]), DECISION_RANK[a.decision ?? ""] ?? 0);
  return out;
}

export const MISSING_RULES = new Set([
  "event-source-missing-permissions",
  "logs-permission-missing",
  "vpc-permission-missing",
  "async-target-permission-missing",
  "tracing-permission-missing",
  "env-kms-permission-missing",
  "durable-permission-missing",
  "efs-permission-missing",
  // A Deny of the repository policy refuses Lambda's pull as a Deny refuses any need.
  "image-permission-missing",
  // A URL whose callers lack one of its two actions: a Deny may bring it about as it may any "lacks".
  "function-url-permission-mismatch",
]);

/** Fisher–Yates with a supplied random source (fast-check's or a seeded one). */
export function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/* ---------------- monotonicity ---------------- */

const SEVERITY_RANK: Record<string, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** Every way in as [function, via, principal, qualifier, source, uuid] → the best decision rank among its entries. */
function wayRanks(r: AnalysisReport): { ways: Map<string, number>; account: Map<string, number> } {
  const ways = new Map<string, number>();
  const account = new Map<string, number>();
  for (const f of r.functions)
    for (const i of f.invokers) {
      // The source ARN and account come from a grant's conditions: not part of which way in it is.
      const key = JSON.stringify([f.arn, i.via, i.principal, i.qualifier ?? "", i.statementIndex ?? "", i.uuid ?? ""]);
      ways.set(key, Math.max(ways.get(key) ?? 0, DECISION_RANK[i.decision ?? ""] ?? 0));
    }
  for (const a of r.accountInvokers as Json[]) account.set(a.principal, Math.max(account.get(a.principal) ?? 0, DECISION_RANK[a.decision ?? ""] ?? 0));
  return { ways, account };
}

/**
 * Violations of "`after` grants no more than `before`": every way in of `after` was there at least as open (an
 * identity caller may move from the function to its qualifiers, or from the account-wide list to a function's), every
 * reach of `after` was a reach, every "missing permission" finding of `before` is still there, and no other finding is
 * new or worse.
 */
export function moreOpenIn(before: AnalysisReport, after: AnalysisReport): string[] {
  const out: string[] = [];
  const b = wayRanks(before);
  const a = wayRanks(after);
  for (const [key, rank] of a.ways) {
    const [fn, via, principal] = JSON.parse(key) as string[];
    let old = b.ways.get(key) ?? 0;
    if (via === "identity-policy") {
      old = Math.max(old, b.ways.get(JSON.stringify([fn, via, principal, "", "", ""])) ?? 0, b.account.get(principal as string) ?? 0);
    }
    if (rank > old) out.push(`way in more open: ${key} ${old} -> ${rank}`);
  }
  for (const [principal, rank] of a.account) {
    const old = b.account.get(principal) ?? 0;
    if (rank > old) out.push(`account-wide invoker more open: ${principal} ${old} -> ${rank}`);
  }
  const publicBefore = publicWays(before);
  for (const key of publicWays(after)) if (!publicBefore.has(key)) out.push(`way in now public: ${key}`);
  const pb = project(before).reachPairs;
  const pa = project(after).reachPairs;
  const bare = (p: string) => p.replace(/ \?$/, "");
  const pbBare = new Set([...pb].map(bare));
  // A narrower pattern (a boundary's part of a wider grant) is no new reach when the wider one was there.
  const byFnAction = new Map<string, string[]>();
  for (const p of pbBare) {
    const [fn, resource, action] = p.split(" ") as [string, string, string];
    const key = `${fn} ${action}`;
    byFnAction.set(key, [...(byFnAction.get(key) ?? []), resource]);
  }
  const inside = (p: string) => {
    const [fn, resource, action] = bare(p).split(" ") as [string, string, string];
    return (byFnAction.get(`${fn} ${action}`) ?? []).some((wider) => globMatches(wider, resource)) || (byFnAction.get(`${fn} *`) ?? []).some((w) => globMatches(w, resource));
  };
  for (const p of pa) {
    if (!pbBare.has(bare(p))) {
      if (!inside(p)) out.push(`new reach: ${p}`);
    }
    // Whether a reach is conditional is said per group (service, resource), not per action: not compared.
  }
  const fa = new Map(after.findings.map((f) => [f.id, f]));
  const fb = new Map(before.findings.map((f) => [f.id, f]));
  for (const [id, f] of fb) {
    // A URL mismatch needs one of the two URL actions granted: a Deny of the other closes the URL (no finding), and
    // a URL grant with no URL ("orphan") is a dormant grant, not a lack. Neither may only grow under a Deny.
    if (!MISSING_RULES.has(f.rule) || f.rule === "function-url-permission-mismatch") continue;
    const now = fa.get(id);
    if (!now) out.push(`missing-permission finding gone: ${id}`);
    else if ((SEVERITY_RANK[now.severity] ?? 0) < (SEVERITY_RANK[f.severity] ?? 0)) out.push(`missing-permission finding milder: ${id} ${f.severity} -> ${now.severity}`);
    else {
      // By action: the evidence names the first of the resources an action is asked on that refuses it.
      const still = new Set(missingActions(now).map((m) => m.pair.split(" ")[0]));
      for (const m of missingActions(f)) if (!still.has(m.pair.split(" ")[0])) out.push(`no longer missing: ${id} ${m.pair}`);
    }
  }
  for (const [id, f] of fa) {
    if (MISSING_RULES.has(f.rule)) continue;
    const old = fb.get(id);
    // An admin role's escalation paths and service wildcards are not reported beside its admin finding: a Deny that
    // takes admin away may bring them to light.
    if (!old && f.role && fb.has(`role-admin-access:${f.role}`)) continue;
    // A finding naming several resources takes its id from the first: one with fewer is the same finding.
    const sameTarget = before.findings.find((x) => x.rule === f.rule && (x.role ?? x.function) === (f.role ?? f.function) && (SEVERITY_RANK[x.severity] ?? 0) >= (SEVERITY_RANK[f.severity] ?? 0));
    // (Grants to several principals alike are one finding too, named by the first: a Deny on that one renames it.)
    if (!old && sameTarget) continue;
    // A milder finding in place of a worse one on the same grant (public → organization): no more open.
    const worseGone = before.findings.some((x) => !fa.has(x.id) && !MISSING_RULES.has(x.rule) && (x.role ?? x.function) === (f.role ?? f.function) && x.id.split("#")[1]?.split("/")[0] === id.split("#")[1]?.split("/")[0] && (SEVERITY_RANK[x.severity] ?? 0) >= (SEVERITY_RANK[f.severity] ?? 0));
    if (!old && worseGone) continue;
    if (!old) out.push(`new finding: ${id} (${f.severity})`);
    else if ((SEVERITY_RANK[f.severity] ?? 0) > (SEVERITY_RANK[old.severity] ?? 0)) out.push(`finding worse: ${id} ${old.severity} -> ${f.severity}`);
  }
  return out;
}

/** Violations of "`after` keeps every way in and reach of `before`, possibly conditional now". */
export function lostIn(before: AnalysisReport, after: AnalysisReport): string[] {
  const out: string[] = [];
  const b = wayRanks(before);
  const a = wayRanks(after);
  for (const [key, rank] of b.ways) {
    if (rank < DECISION_RANK.allowed!) continue;
    const [fn, via, principal] = JSON.parse(key) as string[];
    let now = a.ways.get(key) ?? 0;
    if (via === "identity-policy") now = Math.max(now, a.account.get(principal as string) ?? 0);
    if (now < DECISION_RANK.conditional!) out.push(`way in lost: ${key} ${rank} -> ${now} (${fn})`);
  }
  for (const [principal, rank] of b.account) {
    if (rank < DECISION_RANK.allowed!) continue;
    const now = a.account.get(principal) ?? 0;
    // An account-wide caller may now be listed per function instead.
    const perFunction = [...a.ways.entries()].some(([k, r]) => (JSON.parse(k) as string[])[2] === principal && r >= DECISION_RANK.conditional!);
    if (now < DECISION_RANK.conditional! && !perFunction) out.push(`account-wide invoker lost: ${principal} ${rank} -> ${now}`);
  }
  const bare = (p: string) => p.replace(/ \?$/, "");
  const pa = new Set([...project(after).reachPairs].map(bare));
  for (const p of project(before).reachPairs) if (!pa.has(bare(p))) out.push(`reach lost: ${p}`);
  return out;
}

/** Resource-policy slots: every function (and qualified) policy, by ARN. */
export function resourcePolicySlots(raw: Json): { region: string; arn: string; get(): Json | undefined; set(doc: Json): void }[] {
  const out: { region: string; arn: string; get(): Json | undefined; set(doc: Json): void }[] = [];
  for (const [region, r] of Object.entries<Json>(raw.regions ?? {})) {
    r.GetPolicy ??= {};
    for (const f of r.ListFunctions?.Functions ?? []) {
      const arn = f.FunctionArn as string;
      out.push({
        region,
        arn,
        get: () => (r.GetPolicy[arn] ? decodeDoc(r.GetPolicy[arn].Policy) : undefined),
        set: (doc) => (r.GetPolicy[arn] = { ...(r.GetPolicy[arn] ?? { RevisionId: "00000000-0000-0000-0000-000000000000" }), Policy: JSON.stringify(doc) }),
      });
    }
  }
  return out;
}

/**
 * Every identity caller's answer per function, whether the report lists it on the function or once for the account
 * (with its exceptions and regions): "function principal qualifier actions" → decision.
 */
export function effectiveIdentityInvokers(r: AnalysisReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of r.functions) {
    for (const i of f.invokers) {
      if (i.via !== "identity-policy") continue;
      out.set(`${f.arn} ${i.principal} ${i.qualifier ?? ""} ${sortStrings(i.actions as string[]).join(",")}`, i.decision ?? "");
    }
    for (const a of (r.accountInvokers ?? []) as Json[]) {
      if (a.regions && !a.regions.includes(f.region)) continue;
      const actions = sortStrings(a.actions ?? ["lambda:InvokeFunction"]).join(",");
      const set = (qualifier: string, decision: string) => {
        const key = `${f.arn} ${a.principal} ${qualifier} ${actions}`;
        if (out.has(key) && out.get(key) !== decision) out.set(key, `${out.get(key)}|${decision}`);
        else out.set(key, decision);
      };
      const exceptions = a.exceptions as { function: string; decision: string }[];
      set("", exceptions.find((e) => e.function === f.arn)?.decision ?? a.decision);
      // A qualified exception answers for that qualifier (fn:$LATEST, an alias, a version) where it differs.
      for (const e of exceptions) if (e.function.startsWith(`${f.arn}:`)) set(e.function, e.decision);
    }
  }
  return out;
}

/** Differences between two answer maps; a refusal and no entry are the same answer. */
export function diffMaps(a: Map<string, string>, b: Map<string, string>, keep: (k: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const norm = (v: string | undefined) => (v === undefined || v.endsWith("denied") ? "denied" : v);
  for (const k of new Set([...a.keys(), ...b.keys()])) if (keep(k) && norm(a.get(k)) !== norm(b.get(k))) out.push(`${k}: ${a.get(k)} -> ${b.get(k)}`);
  return out;
}

/** A "lacks" finding's missing actions: "action resource", `may` when the answer is in doubt. */
export function missingActions(f: { evidence: { kind: string; description: string; highlight?: string[] }[] }): { pair: string; may: boolean }[] {
  return f.evidence
    .filter((e) => e.kind === "missing-action" && e.highlight && e.highlight.length >= 2)
    .map((e) => ({ pair: `${e.highlight![0]} ${e.highlight![1]}`, may: /\bmay not\b/.test(e.description) }));
}

/**
 * A Condition block with `extra`'s clauses added (ANDed) to `cond`'s, operator by operator; undefined when a clause
 * would replace one (same operator and key).
 */
export function mergeCond(cond: Json | undefined, extra: Json): Json | undefined {
  const out: Json = clone(cond ?? {});
  for (const [op, kv] of Object.entries<Json>(extra)) {
    if (Object.keys(kv).some((k) => out[op] && Object.keys(out[op]).some((x) => x.toLowerCase() === k.toLowerCase()))) return undefined;
    out[op] = { ...(out[op] ?? {}), ...kv };
  }
  return out;
}

function publicWays(r: AnalysisReport): Set<string> {
  const out = new Set<string>();
  for (const f of r.functions) for (const i of f.invokers) if (i.public) out.add(JSON.stringify([f.arn, i.via, i.principal, i.qualifier ?? "", i.statementIndex ?? ""]));
  return out;
}
