import { describe, expect, it } from "vitest";
import { compareInView, composeReportHeader, countFindingsInView, describeView, type ReportHeaderInput } from "./header";
import { HEADER_HEIGHT, HEADER_LINE, LEGEND_HEIGHT, MAX_GRAPH_HEIGHT, MIN_GRAPH_HEIGHT, REPORT_WIDTH, reportLayout } from "./layout";

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
const base: ReportHeaderInput = {
  account: "123456789012",
  regions: ["eu-west-1", "us-east-1"],
  capturedAt: "2026-11-20T09:30:00Z",
  filters: { sev: [], svc: [], region: [], findings: false },
  shown: 25,
  matching: 81,
  total: 81,
  counts: { ...zero, critical: 2, high: 5, info: 1 },
};

const FN = { kind: "function", label: "orders-processor" } as const;

describe("composeReportHeader", () => {
  it("names the account, capture time, regions and the unfiltered view", () => {
    const h = composeReportHeader(base);
    expect(h.title).toBe("Lambda Permissions Graph · account 123456789012");
    expect(h.lines).toEqual([
      "Captured 2026-11-20 09:30 UTC · regions eu-west-1, us-east-1",
      "Showing the 25 riskiest of 81 matching functions (81 total) · no filters",
    ]);
    expect(h.counts).toEqual([
      { severity: "critical", count: 2 },
      { severity: "high", count: 5 },
      { severity: "info", count: 1 },
    ]);
  });

  it("says the view was cut down to the riskiest functions, and says so of no view that was not", () => {
    // "25 of 81" alone left the reader to guess which 25, and whether the rest were clean.
    expect(describeView(base)).toMatch(/^Showing the 25 riskiest of 81 matching functions \(81 total\)/);
    expect(describeView({ ...base, shown: 3, matching: 3 })).toBe("Showing all 3 matching functions (81 total) · no filters");
    expect(describeView({ ...base, shown: 1, matching: 1 })).toBe("Showing all 1 matching function (81 total) · no filters");
    expect(describeView({ ...base, shown: 0, matching: 0, filters: { ...base.filters, sev: ["low"] } })).toBe(
      "Showing no matching functions (81 total) · severity low",
    );
  });

  it("says how many findings the suppressions file left out, and says nothing without one", () => {
    expect(composeReportHeader({ ...base, accepted: 2 }).note).toBe("2 findings of the account accepted in the suppressions file, not shown");
    expect(composeReportHeader({ ...base, accepted: 1 }).note).toBe("1 finding of the account accepted in the suppressions file, not shown");
    expect(composeReportHeader(base).note).toBeUndefined();
    expect(composeReportHeader({ ...base, accepted: 0 }).note).toBeUndefined();
  });

  it("lists every active filter and the focus", () => {
    expect(
      describeView({ ...base, filters: { sev: ["critical", "high"], svc: ["sqs"], region: ["us-east-1"], findings: true } }),
    ).toBe("Showing the 25 riskiest of 81 matching functions (81 total) · severity critical, high · service sqs · region us-east-1 · only functions with findings");
    expect(describeView({ ...base, filters: { ...base.filters, rule: ["function-url-public"], who: ["public", "other-account"] } })).toBe(
      "Showing the 25 riskiest of 81 matching functions (81 total) · finding function-url-public · invoked by anyone (public), another account",
    );
    expect(describeView({ ...base, filters: { ...base.filters, reach: "s3:PutObject", on: "orders-bucket" } })).toBe(
      "Showing the 25 riskiest of 81 matching functions (81 total) · can do s3:PutObject on orders-bucket",
    );
    // A question the page could not read filters nothing, so the image names none.
    expect(describeView({ ...base, shown: 3, matching: 3, filters: { ...base.filters, reach: "PutObject" } })).toBe("Showing all 3 matching functions (81 total) · no filters");
    expect(describeView({ ...base, focus: FN, shown: 1, matching: 1 })).toBe("Focus: Function orders-processor (1 function)");
    expect(composeReportHeader({ ...base, regions: ["us-east-1"] }).lines[0]).toContain("· region us-east-1");
  });

  it("names the focused or selected node's kind, as the graph's node names do", () => {
    const named = (selected: NonNullable<ReportHeaderInput["selected"]>) => describeView({ ...base, selected }).split(" · selected: ")[1];
    expect(named({ kind: "principal", label: "sns.amazonaws.com" })).toBe("Invoker sns.amazonaws.com");
    expect(named({ kind: "resource", label: "orders-queue" })).toBe("Resource orders-queue");
    expect(named({ kind: "event-source", label: "orders-queue" })).toBe("Event source orders-queue");
    expect(named({ kind: "function", label: "orders:live", aliasOf: "fn:orders" })).toBe("Function alias orders:live");
    expect(describeView({ ...base, focus: { kind: "role", label: "orders-role" }, shown: 2, matching: 2 })).toBe("Focus: Execution role orders-role (2 functions)");
  });

  it("names no filters on a focused view: the focus draws its whole neighbourhood, filters or not", () => {
    const filters = { sev: ["high" as const], svc: ["sqs"], region: ["us-east-1"], findings: true };
    expect(describeView({ ...base, filters, focus: FN, shown: 1, matching: 1 })).toBe("Focus: Function orders-processor (1 function)");
  });

  it("says which node is selected and which nodes are outlined as changed, which the image marks and its legend does not", () => {
    expect(describeView({ ...base, selected: { kind: "role", label: "orders-processor-role" } })).toBe(
      "Showing the 25 riskiest of 81 matching functions (81 total) · no filters · selected: Execution role orders-processor-role",
    );
    expect(describeView({ ...base, focus: FN, shown: 1, matching: 1, selected: FN, compare: { capturedAt: "2026-11-01T08:00:00Z", changed: 3 } })).toBe(
      "Focus: Function orders-processor (1 function) · selected: Function orders-processor · 3 nodes outlined: changed since the scan of 2026-11-01 08:00 UTC",
    );
    expect(describeView({ ...base, compare: { capturedAt: "2026-11-01T08:00:00Z", changed: 0 } })).toBe(
      "Showing the 25 riskiest of 81 matching functions (81 total) · no filters · compared with the scan of 2026-11-01 08:00 UTC: nothing in view changed",
    );
  });

  it("says a scan compared with itself has nothing to compare, as the compare page and the graph's banner do, not that nothing changed", () => {
    expect(describeView({ ...base, compare: { capturedAt: "2026-11-01T08:00:00Z", changed: 0, sameScan: true } })).toBe(
      "Showing the 25 riskiest of 81 matching functions (81 total) · no filters · compared with this same scan: there is nothing to compare",
    );
  });

  it("takes the compare part from the graph's compare mode: the outlined nodes in view, and whether it is the scan drawn", () => {
    const nodes = [{ id: "fn:a" }, { id: "fn:b" }];
    const at = "2026-11-01T08:00:00Z";
    expect(compareInView(nodes, { changedIds: new Set(["fn:a", "fn:gone"]), comparedAt: at, compareId: "old", snapshotId: "new" })).toEqual({ capturedAt: at, changed: 1, sameScan: false });
    expect(compareInView(nodes, { changedIds: new Set(), comparedAt: at, compareId: "same", snapshotId: "same" })).toEqual({ capturedAt: at, changed: 0, sameScan: true });
    expect(compareInView(nodes, { snapshotId: "new" })).toBeNull();
  });

  it("has no severity counts when nothing in view has findings", () => {
    expect(composeReportHeader({ ...base, counts: zero }).counts).toEqual([]);
  });
});

describe("countFindingsInView", () => {
  it("counts each finding once across the nodes it badges and ignores unknown ids", () => {
    const model = {
      findings: {
        a: { severity: "high" },
        b: { severity: "critical" },
      } as never,
      findingIdsOf: new Map([
        ["x", ["a", "b"]],
        ["y", ["a"]],
        ["z", ["gone"]],
      ]),
    };
    const counts = countFindingsInView(model, [{ id: "x" }, { id: "y" }, { id: "z" }, { id: "none" }]);
    expect(counts).toEqual({ ...zero, high: 1, critical: 1 });
  });
});

describe("the Can do question's line", () => {
  const asked = { ...base.filters, reach: "s3:GetObject", on: "arn:aws:s3:::reports" };
  it("states the question and its answer over the functions in focus, the denied among them", () => {
    const h = composeReportHeader({ ...base, filters: asked, focus: FN, shown: 12, matching: 12, reachCounts: { allowed: 3, conditional: 1, unknown: 0, denied: 2 } });
    expect(h.lines).toHaveLength(3);
    expect(h.lines[2]).toBe("Can do s3:GetObject on arn:aws:s3:::reports: 3 allowed, 1 conditional, 0 unknown, 2 denied, 6 cannot (of the 12 functions in focus)");
  });

  it("unfocused, states the answer over the functions the filters match", () => {
    const h = composeReportHeader({ ...base, filters: asked, reachCounts: { allowed: 30, conditional: 8, unknown: 2, denied: 3 } });
    expect(h.lines[2]).toBe("Can do s3:GetObject on arn:aws:s3:::reports: 30 allowed, 8 conditional, 2 unknown, 3 denied");
  });

  it("has no line without a question that can be read, and writes a linked question as visible text", () => {
    const counts = { allowed: 1, conditional: 0, unknown: 0 };
    expect(composeReportHeader({ ...base, reachCounts: counts }).lines).toHaveLength(2);
    expect(composeReportHeader({ ...base, filters: { ...base.filters, reach: "PutObject" }, reachCounts: counts }).lines).toHaveLength(2);
    const hostile = composeReportHeader({ ...base, filters: { ...asked, on: "<b>x</b>\u202e" }, reachCounts: counts });
    expect(hostile.lines[2]).toBe("Can do s3:GetObject on <b>x</b>\\u202e: 1 allowed, 0 conditional, 0 unknown");
  });

  it("says which ARN a name typed was asked as, as the overview's answer does, as visible text", () => {
    const queue = "arn:aws:sqs:us-east-1:123456789012:orders";
    const byName = { ...base.filters, reach: "sqs:SendMessage", on: "orders" };
    const counts = { allowed: 1, conditional: 0, unknown: 0 };
    const h = composeReportHeader({ ...base, filters: byName, reachCounts: counts, reachAskedAs: `asked as ${queue} (the only queue named orders)` });
    expect(h.lines[2]).toBe(`Can do sqs:SendMessage on orders: 1 allowed, 0 conditional, 0 unknown; asked as ${queue} (the only queue named orders)`);
    const focused = composeReportHeader({ ...base, filters: byName, focus: FN, shown: 2, matching: 2, reachCounts: counts, reachAskedAs: "asked as x (the only queue named <i>\u202e)" });
    expect(focused.lines[2]).toBe("Can do sqs:SendMessage on orders: 1 allowed, 0 conditional, 0 unknown, 1 cannot (of the 2 functions in focus); asked as x (the only queue named <i>\\u202e)");
  });
});

describe("reportLayout", () => {
  it("makes the header band a line taller for each line past two, the graph and legend below it", () => {
    const three = reportLayout({ width: 3000, height: 1500 }, 3);
    expect(three.graph.y).toBe(HEADER_HEIGHT + HEADER_LINE);
    expect(three.height).toBe(HEADER_HEIGHT + HEADER_LINE + 800 + LEGEND_HEIGHT);
    expect(reportLayout({ width: 3000, height: 1500 }, 2)).toEqual(reportLayout({ width: 3000, height: 1500 }));
  });

  it("keeps the width and follows the graph's aspect ratio within bounds", () => {
    const wide = reportLayout({ width: 3000, height: 1500 });
    expect(wide.width).toBe(REPORT_WIDTH);
    expect(wide.graph.height).toBe(800);
    expect(wide.height).toBe(HEADER_HEIGHT + 800 + LEGEND_HEIGHT);
    expect(wide.legendY).toBe(HEADER_HEIGHT + 800);
    expect(reportLayout({ width: 3000, height: 100 }).graph.height).toBe(MIN_GRAPH_HEIGHT);
    expect(reportLayout({ width: 100, height: 9000 }).graph.height).toBe(MAX_GRAPH_HEIGHT);
    expect(reportLayout({ width: 0, height: 0 }).graph.height).toBe(MIN_GRAPH_HEIGHT);
  });
});

describe("a report of a scan that could not read everything", () => {
  it("says so after the counts, before what the suppressions file left out: a shared image must not pass for the whole story", async () => {
    const { analyzeSnapshot } = await import("@/lib/analysis/analyze");
    const { parseSnapshot } = await import("@/lib/snapshot/read");
    const { newBuilder, REGION } = await import("@/lib/analysis/test-support");
    const { graphFacets, graphIndexOf } = await import("@/lib/view/graph-view");
    const b = newBuilder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.error({ region: "us-west-2", operation: "ListFunctions", code: "AccessDeniedException", message: "denied" });
    const facts = graphFacets(graphIndexOf(analyzeSnapshot(parseSnapshot(b.build()))), "s");
    expect(facts.dataGaps).toEqual([{ count: 1, text: "1 API call failed during the scan" }]);
    expect(composeReportHeader({ ...base, gaps: facts.dataGaps }).note).toBe("Not read: 1 API call failed during the scan (unknown, not fine)");
    expect(composeReportHeader({ ...base, accepted: 1, gaps: facts.dataGaps }).note).toBe(
      "Not read: 1 API call failed during the scan (unknown, not fine) · 1 finding of the account accepted in the suppressions file, not shown",
    );
    expect(composeReportHeader(base).note).toBeUndefined();
  });
});

describe("hostile names in the header", () => {
  it("shows hidden and bidirectional characters as escapes, so a crafted name or link value cannot pass for another or reverse the line", () => {
    const focus = { kind: "function", label: "\u202eipa-tuokcehc" } as const;
    const selected = { kind: "role", label: "check\u200bout-role" } as const;
    const h = composeReportHeader({ ...base, focus, selected, shown: 1, matching: 1 });
    expect(h.lines[1]).toBe("Focus: Function \\u202eipa-tuokcehc (1 function) · selected: Execution role check\\u200bout-role");
    // Filter values come from the link, which anyone can craft.
    const filters = { sev: [], svc: ["sqs\u202e"], region: ["us-east-1\u0000"], findings: false };
    expect(composeReportHeader({ ...base, filters }).lines[1]).toBe("Showing the 25 riskiest of 81 matching functions (81 total) · service sqs\\u202e · region us-east-1\\u0000");
  });

  it("shows the regions, which are the snapshot's own keys and may be crafted, escaped and shortened as the names are", () => {
    const h = composeReportHeader({ ...base, regions: ["\u202e1-tsae-su", `eu-${"w".repeat(1_000_000)}-1`, "<img src=x onerror=alert(1)>"] });
    expect(h.lines[0]!.length).toBeLessThan(200);
    expect(h.lines[0]).toBe(`Captured 2026-11-20 09:30 UTC · regions \\u202e1-tsae-su, eu-${"w".repeat(37)}…${"w".repeat(18)}-1, <img src=x onerror=alert(1)>`);
  });

  it("shortens a very long name in the middle, so what follows it on the line (selection, compare) stays in the image", () => {
    const long = `${"a".repeat(5_000)}-middle-${"z".repeat(4_990)}-end`;
    const line = describeView({ ...base, focus: { kind: "function", label: long }, selected: { kind: "function", label: long }, shown: 1, matching: 1, compare: { capturedAt: "2026-11-01T08:00:00Z", changed: 2 } });
    expect(line.length).toBeLessThan(260);
    expect(line).toMatch(/^Focus: Function a+…z+-end \(1 function\) · selected: Function a+…z+-end · 2 nodes outlined: changed since the scan of 2026-11-01 08:00 UTC$/);
  });
});

describe("a focus with more functions than the graph draws", () => {
  it("says the image has the riskiest few of them, as the page does, not that the node has only those", () => {
    const role = { kind: "role", label: "hub-role" } as const;
    expect(describeView({ ...base, focus: role, shown: 150, matching: 10_000 })).toBe("Focus: Execution role hub-role (the 150 riskiest of 10,000 functions)");
    expect(describeView({ ...base, focus: role, shown: 3, matching: 3 })).toBe("Focus: Execution role hub-role (3 functions)");
  });
});

describe("which snapshot, and when the image was made", () => {
  it("names the snapshot id and the time the image was rendered before the regions, which a long list may cut", () => {
    const h = composeReportHeader({ ...base, snapshotId: "20261120T093000Z-0123456789ab", generatedAt: "2026-12-05T21:58:12.345Z" });
    expect(h.lines[0]).toBe("Captured 2026-11-20 09:30 UTC · snapshot 20261120T093000Z-0123456789ab · rendered 2026-12-05 21:58 UTC · regions eu-west-1, us-east-1");
  });
});
