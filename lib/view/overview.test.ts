/** The overview's cards, its table's severity filter and the graph's severity filter agree (demo snapshot). */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { SEVERITIES } from "@/lib/analysis/types";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { buildOverview, filterAndSortRows, invokerCountNote, overviewOf, TABLE_PAGE, tablePage } from "./overview";
import { graphFacets, graphIndexOf, graphView } from "./graph-view";
import { DEFAULT_FUNCTION_LIMIT } from "./url-state";
import { reachAsked, reachAskedWithDenied } from "./reach-filter";
import { exactAsker } from "./reach-exact";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { letsIn } from "@/lib/analysis/invoker-effect";
import { findingIdsOf } from "./finding-ids";
import { INVOKER_KINDS, type InvokerKind } from "./invoker-kinds";
import { reportFunctionFacts } from "./function-filter";
import { functionMatches } from "./visible-graph";
import { parseSnapshot } from "@/lib/snapshot/read";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import type { Severity } from "@/lib/analysis/types";

const report = analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json")));
const overview = buildOverview(report);
const idx = graphIndexOf(report);
const view = { node: null, focus: null, svc: [], region: [], rule: [], who: [], reach: "", on: "", findings: false, limit: DEFAULT_FUNCTION_LIMIT };

describe("severity counts", () => {
  it.each(SEVERITIES.map((s) => [s]))("%s: the card's number is the rows its link shows and the functions the graph filter matches", (sev) => {
    const rows = filterAndSortRows(overview.rows, { q: "", sort: "name", dir: "asc", sev: [sev] });
    const graph = graphView(idx, { ...view, sev: [sev] }).visible;
    expect(rows.length).toBe(overview.counts[sev]);
    expect(graph.matching).toBe(overview.counts[sev]);
    expect(rows.map((r) => r.nodeId).sort()).toEqual(
      idx.functions.filter((fn) => findingIdsOf(idx.model, fn.id).some((id) => idx.model.findings[id]?.severity === sev)).map((fn) => fn.id).sort(),
    );
  });

  it("a function with findings of several severities is under each of them", () => {
    const both = overview.rows.find((r) => r.severities.length > 1);
    expect(both).toBeTruthy();
    for (const s of both!.severities) {
      expect(filterAndSortRows(overview.rows, { q: "", sort: "name", dir: "asc", sev: [s] }).map((r) => r.arn)).toContain(both!.arn);
    }
  });
});

describe("the Can reach filter", () => {
  it("shows only the functions answered, each with its answer, on every page and sort", async () => {
    const reach = (await reachAsked(report, { reach: "s3:PutObject", on: "arn:aws:s3:::acme-reports-prod" }))!;
    const page = tablePage(overview.rows, { q: "", sort: "name", dir: "asc", sev: [], reach });
    expect(page.matched).toBe(reach.size);
    expect(page.rows.map((r) => r.arn).sort()).toEqual([...reach.keys()].sort());
    const writer = page.rows.find((r) => r.name === "daily-sales-report");
    expect(writer?.reach).toMatchObject({ state: "allowed", reach: { resource: "arn:aws:s3:::acme-reports-prod/sales/*", actions: ["s3:PutObject"] } });
    // A function whose role's policy could not be read is listed as unknown, not left out.
    expect(page.rows.find((r) => r.name === "recommendations-batch")?.reach?.state).toBe("unknown");
    expect(page.rows.find((r) => r.name === "checkout-api")).toBeUndefined();
  });

  it("asks the evaluator for a function whose AdministratorAccess an SCP's Deny of deletions covers in part: s3:PutObject is allowed", async () => {
    const snapshot = await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json"));
    const exact = exactAsker(buildAccountModel(snapshot));
    const admin = report.functions.find((f) => f.name === "ops-admin-toolkit")!;
    const plain = (await reachAsked(report, { reach: "s3:PutObject", on: "" }))!;
    expect(plain.get(admin.arn)).toMatchObject({ state: "conditional", reach: { partiallyDenied: true } });
    const asked = (await reachAsked(report, { reach: "s3:PutObject", on: "" }, async () => exact))!;
    expect(asked.get(admin.arn)).toMatchObject({ state: "allowed", reach: { via: ["AdministratorAccess#0"] }, exact: { action: "s3:PutObject", resource: "*" } });
    // Only the rows a Deny covers in part were asked again: the others are the reach lists' answers.
    for (const [arn, answer] of plain) if (!answer.reach?.partiallyDenied) expect(asked.get(arn)).toEqual(answer);
  });

  it("the graph draws the functions the table lists for the question, and another question draws others", async () => {
    const question = { reach: "s3:PutObject", on: "arn:aws:s3:::acme-reports-prod" };
    const reach = (await reachAsked(report, question))!;
    const rows = filterAndSortRows(overview.rows, { q: "", sort: "name", dir: "asc", sev: [], reach });
    const graph = graphView(idx, { ...view, sev: [], ...question, limit: 1_000 }, reach).visible;
    const drawn = graph.nodes.filter((n) => n.kind === "function" && !n.aliasOf).map((n) => n.id).sort();
    expect(graph.matching).toBe(rows.length);
    expect(drawn).toEqual(rows.map((r) => r.nodeId).sort());
    expect(drawn.length).toBeLessThan(idx.functions.length);
    // Drawn graphs are remembered per filters: a second question is not answered with the first one's drawing.
    const other = { reach: "sqs:SendMessage", on: "" };
    const otherReach = (await reachAsked(report, other))!;
    const otherGraph = graphView(idx, { ...view, sev: [], ...other, limit: 1_000 }, otherReach).visible;
    expect(otherGraph.matching).toBe(otherReach.size);
    expect(otherReach.size).not.toBe(reach.size);
  });

  it("counts the matching rows by answer, over every page, not only the one drawn", async () => {
    const reach = (await reachAsked(report, { reach: "s3:PutObject", on: "arn:aws:s3:::acme-reports-prod" }))!;
    const page = tablePage(overview.rows, { q: "", sort: "name", dir: "asc", sev: [], reach }, 2);
    expect(page.rows).toHaveLength(2);
    // Without the evaluator, the three a Deny covers in part stay conditional (the page asks it: the e2e spec).
    expect(page.reachCounts).toEqual({ allowed: 2, conditional: 3, unknown: 1 });
    expect(page.matched).toBe(6);
    // Another filter narrows the counts with the rows; no question, no counts.
    const searched = tablePage(overview.rows, { q: "recommendations", sort: "name", dir: "asc", sev: [], reach });
    expect(searched.reachCounts).toEqual({ allowed: 0, conditional: 0, unknown: 1 });
    expect(tablePage(overview.rows, { q: "", sort: "name", dir: "asc", sev: [] }).reachCounts).toBeUndefined();
  });

  it("a focused graph draws the node's neighbourhood whole and answers the question over it", async () => {
    const question = { reach: "s3:PutObject", on: "arn:aws:s3:::acme-reports-prod" };
    const reach = (await reachAsked(report, question))!;
    const writer = idx.functions.find((n) => n.label === "daily-sales-report")!;
    const other = idx.functions.find((n) => n.label === "checkout-api")!;
    const focused = graphView(idx, { ...view, sev: [], ...question, focus: writer.id }, reach).visible;
    expect(focused.shown).toBe(1);
    expect(focused.reachInFocus).toEqual({ allowed: 1, conditional: 0, unknown: 0 });
    // A function that cannot do it stays drawn in its own focus, answered by none.
    const cannot = graphView(idx, { ...view, sev: [], ...question, focus: other.id }, reach).visible;
    expect(cannot.nodes.some((n) => n.id === other.id)).toBe(true);
    expect(cannot.reachInFocus).toEqual({ allowed: 0, conditional: 0, unknown: 0 });
    // Unfocused, or focused with no question asked: no answer in focus.
    expect(graphView(idx, { ...view, sev: [], ...question, limit: 1_000 }, reach).visible.reachInFocus).toBeUndefined();
    expect(graphView(idx, { ...view, sev: [], focus: writer.id }).visible.reachInFocus).toBeUndefined();
  });

  it("a focused graph counts the functions a Deny refuses it to as denied, as the table's counts do", async () => {
    // media-transcoder is granted s3:DeleteBucket, which an SCP's Deny refuses; asked as the page asks, with the evaluator.
    const question = { reach: "s3:DeleteBucket", on: "" };
    const exact = exactAsker(buildAccountModel(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json"))));
    const { answers, denied } = (await reachAskedWithDenied(report, question, async () => exact))!;
    const table = tablePage(overview.rows, { q: "", sort: "name", dir: "asc", sev: [], reach: answers, denied });
    const refused = idx.functions.find((n) => n.label === "media-transcoder")!;
    const focused = graphView(idx, { ...view, sev: [], ...question, focus: refused.id }, answers, denied).visible;
    expect(focused.reachInFocus).toEqual({ allowed: 0, conditional: 0, unknown: 0, denied: 1 });
    // Searched down to it, the table says the same.
    const searched = tablePage(overview.rows, { q: "media-transcoder", sort: "name", dir: "asc", sev: [], reach: answers, denied });
    expect(searched.reachCounts).toEqual(focused.reachInFocus);
    expect(table.reachCounts).toEqual({ allowed: 0, conditional: 0, unknown: 1, denied: 3 });
    // Unfocused, the view's answer (the PNG header's) is the table's, the denied included.
    const unfocused = graphView(idx, { ...view, sev: [], ...question }, answers, denied).visible;
    expect(unfocused.reachMatching).toEqual(table.reachCounts);
    expect(unfocused.reachInFocus).toBeUndefined();
    expect(focused.reachMatching).toBeUndefined();
  });

  it("asks nothing for an action that is no service:Action, as the page's note says", async () => {
    expect(await reachAsked(report, { reach: "PutObject", on: "" })).toBeUndefined();
    expect(await reachAsked(report, { reach: " ", on: "x" })).toBeUndefined();
  });
});

// The demo, and a synthetic account whose functions have every rule and kind of caller many times over.
const synthetic = analyzeSnapshot(parseSnapshot(JSON.stringify(generateSyntheticSnapshot({ functions: 400, roles: 150, seed: 3 }))));

describe.each<{ name: string; shown: typeof report; callers: readonly InvokerKind[] }>([
  { name: "demo", shown: report, callers: INVOKER_KINDS },
  // Its resource policies name no other account.
  { name: "synthetic", shown: synthetic, callers: INVOKER_KINDS.filter((k) => k !== "other-account") },
])("$name: the graph filters the table's functions", ({ shown, callers }) => {
  const table = buildOverview(shown);
  const graphIdx = graphIndexOf(shown);
  const rowIds = (filter: { sev?: Severity[]; rule?: string[]; who?: InvokerKind[] }) =>
    filterAndSortRows(table.rows, { q: "", sort: "name", dir: "asc", sev: [], ...filter }).map((r) => r.nodeId).sort();
  // The functions the graph's filter matches, drawn or not (it draws MAX_FUNCTIONS_DRAWN at most), and how many it says.
  const graphIds = (filter: { sev?: Severity[]; rule?: string[]; who?: InvokerKind[] }) => {
    const graph = graphView(graphIdx, { ...view, sev: [], ...filter }).visible;
    const filters = { severities: filter.sev ?? [], rules: filter.rule, who: filter.who, services: [], regions: [], onlyFindings: false, focus: null, limit: DEFAULT_FUNCTION_LIMIT };
    return { matching: graph.matching, ids: graphIdx.functions.filter((fn) => functionMatches(graphIdx, fn, filters)).map((n) => n.id).sort() };
  };

  it.each(table.rules.map((r) => [r.rule]))("%s: the graph matches the functions the table's finding filter shows", (rule) => {
    const rows = rowIds({ rule: [rule] });
    expect(rows.length).toBeLessThan(table.functionCount);
    expect(graphIds({ rule: [rule] })).toEqual({ matching: rows.length, ids: rows });
  });

  it.each(INVOKER_KINDS.map((k) => [k]))("invoked by %s: the graph matches the functions the table shows", (who) => {
    const rows = rowIds({ who: [who] });
    if (callers.includes(who)) expect(rows.length).toBeGreaterThan(0);
    expect(graphIds({ who: [who] })).toEqual({ matching: rows.length, ids: rows });
  });

  it.each(SEVERITIES.map((s) => [s]))("%s: the graph matches the functions the table shows", (sev) => {
    const rows = rowIds({ sev: [sev] });
    expect(graphIds({ sev: [sev] })).toEqual({ matching: rows.length, ids: rows });
  });

  it("the graph's option counts are the table's", () => {
    expect(graphFacets(graphIdx, "s").rules).toEqual(table.rules);
  });

  it("reads the facts worked out once for the report: the graph's are the table's rows' own", () => {
    const facts = reportFunctionFacts(shown);
    expect(reportFunctionFacts(shown)).toBe(facts);
    expect(table.rows.length).toBe(shown.functions.length);
    shown.functions.forEach((fn, i) => {
      const row = table.rows[i]!;
      const graphFacts = graphIdx.factsOf.get(row.nodeId ?? "");
      expect(graphFacts, fn.name).toBe(facts.get(fn));
      for (const key of ["severities", "rules", "invokedBy"] as const) expect(row[key], `${fn.name} ${key}`).toBe(facts.get(fn)?.[key]);
    });
  });
});

describe("invoker counts", () => {
  it("count the ways in that let a caller in, as the graph draws them: a URL grant missing its pair is not one", () => {
    const row = overview.rows.find((r) => r.name === "marketing-landing-form")!;
    const fn = report.functions.find((f) => f.name === "marketing-landing-form")!;
    expect(fn.invokers.length).toBeGreaterThan(0);
    expect(fn.invokers.every((i) => i.decision === "implicitly-denied")).toBe(true);
    expect(row.invokers).toBe(0);
    // Aliases with their own ways in are nodes of their own, drawn for the function they qualify.
    const functionOf = new Map(report.graph.nodes.map((n) => [n.id, n.aliasOf ? report.graph.nodes.find((f) => f.ref === n.aliasOf)?.id : n.id]));
    const drawn = new Set(report.graph.edges.filter((e) => e.kind === "invokes" || e.kind === "polls").map((e) => functionOf.get(e.target)));
    for (const r of overview.rows) expect(drawn.has(r.nodeId), r.name).toBe(r.invokers > 0);
  });

  it("count a role whose own policy names the function, not the roles granted invoke on every function", () => {
    // fraud-scorer: a Step Functions role invokes it through its identity policy, beside its other ways in.
    const fraud = report.functions.find((f) => f.name === "fraud-scorer")!;
    const byIdentity = fraud.invokers.filter((i) => i.via === "identity-policy");
    expect(byIdentity).toHaveLength(1);
    expect(overview.rows.find((r) => r.name === "fraud-scorer")?.invokers).toBe(fraud.invokers.filter(letsIn).length);
    // Two roles and the break-glass admin user may invoke every function, a third role every function in eu-west-1:
    // the same callers on each row would say nothing; the table says so once.
    expect(report.accountInvokers).toHaveLength(4);
    expect(overview.accountInvokers).toBe(4);
    expect(overview.regionalAccountInvokers).toBe(1);
    expect(overview.accountInvokerUsers).toBe(1);
    const alone = report.functions.find((f) => f.invokers.length === 0 && f.unknown.length === 0 && report.accountInvokers!.every((a) => !a.exceptions.some((e) => e.function === f.arn)));
    expect(alone, "a function only the account-wide roles may invoke").toBeTruthy();
    expect(overview.rows.find((r) => r.arn === alone!.arn)?.invokers).toBe(0);
    expect(invokerCountNote(overview.accountInvokers, overview.regionalAccountInvokers, { users: overview.accountInvokerUsers, usersNotRead: overview.usersNotRead })).toBe(
      "Invoker counts leave out the 4 roles and IAM users granted invoke on every function of the account or of a region (a function's details list them, with the answer for that function).",
    );
    expect(invokerCountNote(1)).toMatch(/^Invoker counts leave out the role granted invoke on every function /);
    expect(invokerCountNote(1, 0, { usersNotRead: true })).toMatch(/, and IAM users and groups, which were not read\.$/);
    expect(invokerCountNote(0, 0, { usersNotRead: true })).toBe("Invoker counts leave out IAM users and groups, which were not read.");
    expect(invokerCountNote(0)).toBeUndefined();
    expect(invokerCountNote(1, 0, { users: 1 })).toMatch(/^Invoker counts leave out the IAM user granted invoke on every function \(/);
    expect(invokerCountNote(3, 0, { users: 1 })).toMatch(/^Invoker counts leave out the 3 roles and IAM users granted invoke on every function \(/);
    expect(invokerCountNote(1, 1)).toMatch(/^Invoker counts leave out the role granted invoke on every function of a region /);
    expect(invokerCountNote(3, 1)).toMatch(/^Invoker counts leave out the 3 roles granted invoke on every function of the account or of a region \(/);
  });

  const sorted = (dir: "asc" | "desc") => filterAndSortRows(overview.rows, { q: "", sort: "invokers", dir, sev: [] }).map((r) => r.name);

  it("a function whose resource policy could not be read has unknown invokers, not 0", () => {
    const row = overview.rows.find((r) => r.name === "hr-payroll-export");
    expect(row?.invokerGap).toEqual({ state: "unknown", why: "could not be read: GetPolicy: AccessDeniedException" });
    expect(overview.rows.find((r) => r.name === "orders-processor")?.invokerGap).toBeUndefined();
    // The graph's function node carries the same.
    expect(idx.byId.get(row!.nodeId!)?.invokerGap?.state).toBe("unknown");
  });

  it("unknown sorts as more than any count: last going up, first going down, not among the zeros", () => {
    expect(sorted("asc").at(-1)).toBe("hr-payroll-export");
    expect(sorted("desc")[0]).toBe("hr-payroll-export");
  });

  it("a count that may be incomplete sorts just above the same count", () => {
    const base = overview.rows.find((r) => r.invokers === 1 && !r.invokerGap)!;
    const rows = [
      { ...base, name: "b-two", invokers: 2 },
      { ...base, name: "a-one-maybe-more", invokers: 1, invokerGap: { state: "incomplete" as const, why: "x" } },
      { ...base, name: "c-one", invokers: 1 },
      { ...base, name: "d-unknown", invokers: 0, invokerGap: { state: "unknown" as const, why: "x" } },
      { ...base, name: "e-unknown", invokers: 0, invokerGap: { state: "unknown" as const, why: "x" } },
    ];
    expect(filterAndSortRows(rows, { q: "", sort: "invokers", dir: "asc", sev: [] }).map((r) => r.name)).toEqual([
      "c-one",
      "a-one-maybe-more",
      "b-two",
      "d-unknown",
      "e-unknown",
    ]);
  });
});

describe("the table's search", () => {
  const search = (q: string) => filterAndSortRows(overview.rows, { q, sort: "name", dir: "asc", sev: [] }).map((r) => r.name);
  const arn = "arn:aws:lambda:us-east-1:123456789012:function:orders-processor";

  it("finds a function by the ARN pasted from an alert or a log, as the graph's search does", () => {
    expect(search(arn)).toEqual(["orders-processor"]);
    expect(search(`  ${arn} `)).toEqual(["orders-processor"]);
  });

  it("finds it by the ARN of one of its aliases or versions, which names no other function", () => {
    expect(search(`${arn}:live`)).toEqual(["orders-processor"]);
    expect(search(`${arn}:7`)).toEqual(["orders-processor"]);
  });

  it("finds a function by any of its findings' rules and titles, not only by its worst finding's title", () => {
    // deploy-hook's worst finding is its policy's admin actions; another account may invoke it too.
    expect(overview.rows.find((r) => r.name === "deploy-hook")?.worst?.title).not.toMatch(/account 210987654321 may invoke/i);
    expect(search("cross-account-invoke")).toContain("deploy-hook");
    expect(search("CROSS-ACCOUNT-INVOKE")).toEqual(search("cross-account-invoke"));
    const title = report.findings.find((f) => f.rule === "cross-account-invoke" && f.functions.some((a) => a.endsWith(":deploy-hook")))!.title;
    expect(search(title)).toContain("deploy-hook");
  });

  it("finds every function of an execution role by the role's name or ARN", () => {
    const role = report.functions.find((f) => f.name === "orders-processor")!.role!;
    const ofRole = report.functions.filter((f) => f.role === role).map((f) => f.name).sort();
    expect(search(role)).toEqual(ofRole);
    expect(search(role.split("/").at(-1)!.toUpperCase())).toEqual(expect.arrayContaining(ofRole));
  });
});

describe("the table's finding and invoker filters", () => {
  const filter = (opts: { rule?: string[]; who?: InvokerKind[]; sev?: Severity[] }) =>
    filterAndSortRows(overview.rows, { q: "", sort: "name", dir: "asc", sev: opts.sev ?? [], rule: opts.rule, who: opts.who }).map((r) => r.name);
  const badged = (rule: string) =>
    report.functions.filter((fn) => report.findings.some((f) => f.rule === rule && (f.functions ?? [f.function]).includes(fn.arn))).map((fn) => fn.name).sort();

  it("a rule shows the functions its findings badge, as many as its option says", () => {
    expect(overview.rules.length).toBe(new Set(report.findings.map((f) => f.rule)).size);
    for (const { rule, functions } of overview.rules) {
      expect(filter({ rule: [rule] }), rule).toEqual(badged(rule));
      expect(functions, rule).toBe(badged(rule).length);
    }
    expect(filter({ rule: ["public-invoke", "function-url-public"] })).toEqual([...new Set([...badged("public-invoke"), ...badged("function-url-public")])].sort());
    expect(filter({ rule: ["no-such-rule"] })).toEqual([]);
  });

  it("combines with the severity filter: a role's high findings", () => {
    const high = filter({ rule: ["role-admin-access"], sev: ["high"] });
    expect(high).toEqual(badged("role-admin-access").filter((name) => overview.rows.find((r) => r.name === name)!.severities.includes("high")));
  });

  it("invoked by anyone: the functions the public may call, not a URL that lets no one in", () => {
    expect(filter({ who: ["public"] })).toEqual(["debug-echo", "public-status-page"]);
    // Its URL is open but its policy lacks lambda:InvokeFunction (DEMO.md): no one gets in.
    expect(filter({ who: ["public"] })).not.toContain("marketing-landing-form");
  });

  it("invoked by another account: the functions cross-account-invoke badges", () => {
    expect(filter({ who: ["other-account"] })).toEqual(badged("cross-account-invoke"));
  });

  it("invoked by a service or this account's roles and users: every row has such a way in, and its count says so", () => {
    const service = filter({ who: ["service"] });
    expect(service).toContain("orders-processor");
    expect(service).not.toContain("debug-echo");
    const iam = filter({ who: ["iam"] });
    expect(iam).toContain("deploy-hook");
    for (const name of [...service, ...iam]) expect(overview.rows.find((r) => r.name === name)!.invokers, name).toBeGreaterThan(0);
    expect(filter({ who: ["public", "iam"] })).toEqual([...new Set([...filter({ who: ["public"] }), ...iam])].sort());
  });
});

describe("the table's page: what the browser receives", () => {
  // 450 functions from the demo's rows, renamed: more than a page, so some match only beyond it.
  const many = Array.from({ length: 450 }, (_, i) => {
    const base = overview.rows[i % overview.rows.length]!;
    const name = `fn-${String(i).padStart(3, "0")}-${base.name}`;
    return { ...base, name, arn: `${base.arn}-${i}` };
  });
  const defaults = { q: "", sort: "severity" as const, dir: "asc" as const, sev: [] };

  it("holds the first page of the matching rows in the table's order, and counts all of them", () => {
    const page = tablePage(many, defaults);
    expect(page.rows).toHaveLength(TABLE_PAGE);
    expect(page).toMatchObject({ matched: 450, total: 450 });
    expect(page.rows.map((r) => r.arn)).toEqual(filterAndSortRows(many, defaults).slice(0, TABLE_PAGE).map((r) => r.arn));
  });

  it("finds, filters and sorts over every row, not only the drawn ones", () => {
    const last = filterAndSortRows(many, defaults).at(-1)!;
    expect(tablePage(many, defaults).rows.map((r) => r.arn)).not.toContain(last.arn);
    const found = tablePage(many, { ...defaults, q: last.name.toUpperCase() });
    expect(found.rows.map((r) => r.arn)).toEqual([last.arn]);
    expect(found).toMatchObject({ matched: 1, total: 450 });
    expect(tablePage(many, { ...defaults, sort: "name", dir: "desc" }).rows[0]!.name).toMatch(/^fn-449-/);
    const high = tablePage(many, { ...defaults, sev: ["high"] });
    expect(high.matched).toBe(many.filter((r) => r.severities.includes("high")).length);
    expect(high.rows.length).toBe(Math.min(TABLE_PAGE, high.matched));
  });

  it("reaches every matching row page by page, each row once, and says which page it drew", () => {
    const order = filterAndSortRows(many, defaults).map((r) => r.arn);
    const pages = [1, 2, 3].map((page) => tablePage(many, { ...defaults, page }));
    expect(pages.map((p) => [p.page, p.pages, p.offset, p.rows.length])).toEqual([
      [1, 3, 0, TABLE_PAGE],
      [2, 3, TABLE_PAGE, TABLE_PAGE],
      [3, 3, 2 * TABLE_PAGE, 450 - 2 * TABLE_PAGE],
    ]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.arn))).toEqual(order);
    // Filters apply before the page is cut: page 2 of "high" (20 rows a page) is the high rows after the first 20 of them.
    const high = filterAndSortRows(many, { ...defaults, sev: ["high"] });
    expect(high.length).toBeGreaterThan(20);
    expect(tablePage(many, { ...defaults, sev: ["high"], page: 2 }, 20).rows.map((r) => r.arn)).toEqual(high.slice(20, 40).map((r) => r.arn));
  });

  it("draws the nearest page for a page number out of range, and page 1 of 1 when nothing matches", () => {
    const last = tablePage(many, { ...defaults, page: 3 });
    expect(tablePage(many, { ...defaults, page: 9 })).toEqual(last);
    for (const page of [0, -4, Number.NaN]) expect(tablePage(many, { ...defaults, page })).toEqual(tablePage(many, defaults));
    expect(tablePage(many, { ...defaults, q: "no-such-function", page: 2 })).toMatchObject({ rows: [], matched: 0, page: 1, pages: 1, offset: 0 });
  });

  it("leaves out what only the server's filter reads", () => {
    for (const row of tablePage(many, defaults).rows) {
      for (const key of ["severities", "tags", "rules", "searchText", "invokedBy"]) expect(row).not.toHaveProperty(key);
    }
  });

  it("finds functions by a tag's key, value or both", () => {
    const fn = report.functions[0]!;
    const tagged = buildOverview({ ...report, functions: [{ ...fn, tags: { team: "Payments", "cost-center": "cc-42" } }, ...report.functions.slice(1)] }).rows;
    for (const q of ["payments", "cost-center", "team=payments", "cc-42"]) {
      expect(tablePage(tagged, { ...defaults, q }).rows.map((r) => r.arn), q).toContain(fn.arn);
    }
    expect(tablePage(tagged, { ...defaults, q: "team=cc-42" }).rows.map((r) => r.arn)).not.toContain(fn.arn);
  });

  it("builds the overview once per report", () => {
    expect(overviewOf(report)).toBe(overviewOf(report));
    expect(overviewOf(report).rows).toEqual(overview.rows);
  });
});
