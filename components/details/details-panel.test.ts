/**
 * The details panel of an alias node, rendered as the server renders it: Role and Can reach are those of the role its
 * version runs as, Invokers the ways in on that alias; the function's own panel is as before, its alias grants
 * saying which alias. Fixture: lib/view/alias-fixtures.ts.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AnalysisReport, Finding } from "@/lib/analysis/types";
import { aliasReport, ACCOUNT, ORDERS, QUEUE } from "@/lib/view/alias-fixtures";
import { DETAILS_PAGE, findingsPage, graphIndexOf, graphView, nodeDetails } from "@/lib/view/graph-view";
import { loadGraphViewState } from "@/lib/view/url-state";
import { DetailsPanel } from "./details-panel";

const STABLE = `arn:aws:iam::${ACCOUNT}:role/orders-stable-role`;
const CANARY = `arn:aws:iam::${ACCOUNT}:role/orders-canary-role`;

function panel(report: AnalysisReport, id: string): string {
  const idx = graphIndexOf(report);
  const details = nodeDetails(idx, graphView(idx, loadGraphViewState({})).visible, id)!;
  const noop = () => {};
  return renderToStaticMarkup(
    createElement(DetailsPanel, { details, snapshotId: "s", account: ACCOUNT, focused: false, onClose: noop, onFocus: noop, onSelect: noop }),
  );
}

/** The text of the `<dd>` after the `<dt>` labelled `label`, tags dropped. */
function fact(html: string, label: string): string {
  const m = new RegExp(`<dt[^>]*>${label}</dt><dd[^>]*>(.*?)</dd>`).exec(html);
  return (m?.[1] ?? "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ").trim();
}

const count = (html: string, testId: string) => html.split(`data-testid="${testId}"`).length - 1;

describe("DetailsPanel of an alias node", () => {
  it("shows the role the alias runs as, says it is not the function's current one, and says where its reach is", () => {
    const html = panel(aliasReport({ canaryIdle: true }), `fn:${ORDERS}:next`);
    const role = fact(html, "Role");
    expect(role).toContain(CANARY);
    expect(role).not.toContain(STABLE);
    expect(role).toContain("orders itself runs as orders-stable-role now: alias next runs as the role its version was published with");
    const reach = fact(html, "Can reach");
    expect(reach).not.toContain("orders-queue");
    expect(reach).toContain("Listed on the node of role orders-canary-role");
    expect(count(html, "reach")).toBe(0);
  });

  it("lists the role's reach when a function runs as it now", () => {
    const html = panel(aliasReport(), `fn:${ORDERS}:next`);
    expect(count(html, "reach")).toBe(1);
    expect(fact(html, "Can reach")).not.toContain(QUEUE);
  });

  it("lists a weighted alias's reach per role", () => {
    const reach = fact(panel(aliasReport(), `fn:${ORDERS}:live`), "Can reach");
    expect(reach).toBe(
      `As orders-stable-role: sqs: orders-queue Write ${QUEUE} Granted by queue#0 As orders-canary-role: logs: all resources Write Granted by logs#0`,
    );
  });

  it("lists only the ways in on the alias, names the callers answered for the function alone, and says what was not read", () => {
    const html = panel(aliasReport({ policyUnread: true }), `fn:${ORDERS}:next`);
    const invokers = fact(html, "Invokers");
    expect(count(html, "way-in")).toBe(1);
    expect(invokers).toContain("apigateway.amazonaws.com via resource policy · SourceArn");
    expect(invokers).not.toContain("sns.amazonaws.com");
    expect(invokers).not.toContain("· on alias");
    expect(invokers).toMatch(/^may be incomplete: some data could not be read/);
    expect(invokers).toContain("1 role whose own policies let it invoke orders itself may invoke alias next too");
  });
});

describe("DetailsPanel where a version's role is unknown", () => {
  it("an alias routing to a version the list lacks says so under Role, with why", () => {
    const html = panel(aliasReport({ versions: "absent" }), `fn:${ORDERS}:next`);
    expect(fact(html, "Role")).toBe("unknown: version 4: the function's version list in the snapshot does not hold it");
  });

  it("a version whose Role alone was set aside does not call the function's invokers incomplete", () => {
    const invokers = fact(panel(aliasReport({ canarySetAside: true }), `fn:${ORDERS}`), "Invokers");
    expect(invokers).toContain("sns.amazonaws.com via resource policy");
    expect(invokers).not.toMatch(/may be incomplete|unknown:/);
  });
});

describe("DetailsPanel of the function node", () => {
  it("shows its current role and reach, and which alias each grant is on", () => {
    const html = panel(aliasReport(), `fn:${ORDERS}`);
    expect(fact(html, "Role")).toBe(STABLE);
    expect(fact(html, "Can reach")).toContain("orders-queue");
    const invokers = fact(html, "Invokers");
    expect(count(html, "way-in")).toBe(3);
    expect(invokers).toContain("apigateway.amazonaws.com via resource policy · on alias next ·");
    expect(invokers).toContain("events.amazonaws.com via resource policy · on alias live ·");
    expect(invokers).toMatch(/sns\.amazonaws\.com via resource policy · SourceArn/);
    expect(html).not.toContain("alias-unanswered");
  });
});

describe("DetailsPanel: the function's tags", () => {
  const withTags = (tags: Record<string, string> | undefined) => {
    const report = aliasReport();
    return { ...report, functions: report.functions.map((f) => (f.arn === ORDERS ? { ...f, tags } : f)) };
  };

  it("lists them as text, keys sorted", () => {
    const html = panel(withTags({ team: "orders", owner: "<b>ops</b>@example.com", Env: "prod" }), `fn:${ORDERS}`);
    expect(fact(html, "Tags")).toBe("Env = prod owner = &lt;b&gt;ops&lt;/b&gt;@example.com team = orders");
    expect(html).not.toContain("<b>ops</b>");
    expect(count(html, "function-tag")).toBe(3);
  });

  it("cuts a crafted 1 MB tag value of short words in the middle, as a long word is cut (a real value is 256 at most)", () => {
    const value = `START ${"word ".repeat(209_715)}END`;
    const html = panel(withTags({ team: value }), `fn:${ORDERS}`);
    expect(html.length).toBeLessThan(200_000);
    expect(fact(html, "Tags")).toMatch(/^team = START word .*…\(\d+ characters\)….* word END$/s);
  });

  it("says none for a function read without tags, and nothing when they were not read", () => {
    expect(fact(panel(withTags({}), `fn:${ORDERS}`), "Tags")).toBe("none");
    expect(panel(withTags(undefined), `fn:${ORDERS}`)).not.toContain("<dt class=\"text-slate-600\">Tags</dt>");
  });
});

describe("DetailsPanel findings of one title", () => {
  it("tells their copy buttons and cards apart by position, as a screen reader lists buttons by name alone", () => {
    const idx = graphIndexOf(aliasReport());
    const details = nodeDetails(idx, graphView(idx, loadGraphViewState({})).visible, `fn:${ORDERS}`)!;
    const finding: Finding = { id: "a", rule: "r", severity: "high", function: ORDERS, functions: [ORDERS], title: "Queue lacks sqs:ReceiveMessage", detail: "d", evidence: [], remediation: "aws sqs x" };
    const noop = () => {};
    const html = renderToStaticMarkup(
      createElement(DetailsPanel, {
        details: { ...details, findings: [finding, { ...finding, id: "b" }, { ...finding, id: "c", title: "Another" }], findingTwins: ["1 of 2", "2 of 2", null], findingTotal: 3 },
        snapshotId: "s",
        account: ACCOUNT,
        focused: false,
        onClose: noop,
        onFocus: noop,
        onSelect: noop,
      }),
    );
    const names = [...html.matchAll(/aria-label="(Copy fix [^"]*)"/g)].map((m) => m[1]);
    expect(names).toEqual(["Copy fix for Queue lacks sqs:ReceiveMessage (1 of 2)", "Copy fix for Queue lacks sqs:ReceiveMessage (2 of 2)", "Copy fix for Another"]);
    expect(html).toContain('aria-label="High finding: Queue lacks sqs:ReceiveMessage (2 of 2)"');
    // The heading stays the title as written.
    expect(html.match(/<h4[^>]*>Queue lacks sqs:ReceiveMessage<\/h4>/g)).toHaveLength(2);
  });
});

describe("DetailsPanel findings of one title on more than one page", () => {
  it("numbers them across the node's findings, not within the page drawn", () => {
    const report = aliasReport();
    const title = "Queue lacks sqs:ReceiveMessage";
    const many: Finding[] = Array.from({ length: 60 }, (_, i) => ({ id: `dup-${i}`, rule: "r", severity: "critical", function: ORDERS, functions: [ORDERS], title, detail: "d", evidence: [], remediation: "aws sqs x" }));
    const idx = graphIndexOf({ ...report, findings: [...report.findings, ...many] });
    const id = `fn:${ORDERS}`;
    const details = nodeDetails(idx, graphView(idx, loadGraphViewState({})).visible, id)!;
    const noop = () => {};
    const html = renderToStaticMarkup(createElement(DetailsPanel, { details, snapshotId: "s", account: ACCOUNT, focused: false, onClose: noop, onFocus: noop, onSelect: noop }));
    const labels = [...html.matchAll(/aria-label="Critical finding: Queue lacks sqs:ReceiveMessage \(([^)]*)\)"/g)].map((m) => m[1]);
    // Before: "1 of 50" to "50 of 50" on page 1 and "1 of 10" to "10 of 10" on page 2, as if they were two lists.
    expect(labels).toEqual(Array.from({ length: DETAILS_PAGE }, (_, i) => `${i + 1} of 60`));
    // The next page goes on from there (the panel draws the labels it carries).
    const second = findingsPage(idx, { id }, 2);
    expect(second.findings.filter((f) => f.title === title).map((f) => second.twins[second.findings.indexOf(f)])).toEqual(
      Array.from({ length: 10 }, (_, i) => `${DETAILS_PAGE + i + 1} of 60`),
    );
  });
});

describe("DetailsPanel of a node with more findings than its details carry", () => {
  it("counts them all, draws the page it has and offers the others page by page", () => {
    const idx = graphIndexOf(aliasReport());
    const details = nodeDetails(idx, graphView(idx, loadGraphViewState({})).visible, `fn:${ORDERS}`)!;
    const findings: Finding[] = Array.from({ length: 50 }, (_, i) => ({ id: `f${i}`, rule: "r", severity: "high", function: ORDERS, functions: [ORDERS], title: `Finding ${i}`, detail: "d", evidence: [], remediation: "" }));
    const noop = () => {};
    const html = renderToStaticMarkup(
      createElement(DetailsPanel, { details: { ...details, findings, findingTwins: findings.map(() => null), findingTotal: 1_503 }, snapshotId: "s", account: ACCOUNT, focused: false, onClose: noop, onFocus: noop, onSelect: noop }),
    );
    expect(html).toMatch(/Findings <span[^>]*>\(1,503\)<\/span>/);
    expect(html).toContain('aria-label="Pages of the node&#x27;s findings"');
    expect(html).toMatch(/Showing 1–50 of 1,503 findings \(page 1 of 31\)/);
    expect(html.match(/<h4[^>]*>Finding \d+<\/h4>/g)).toHaveLength(50);
  });

  it("draws no pager when they all fit", () => {
    const idx = graphIndexOf(aliasReport());
    const details = nodeDetails(idx, graphView(idx, loadGraphViewState({})).visible, `fn:${ORDERS}`)!;
    const noop = () => {};
    const html = renderToStaticMarkup(createElement(DetailsPanel, { details, snapshotId: "s", account: ACCOUNT, focused: false, onClose: noop, onFocus: noop, onSelect: noop }));
    expect(html).not.toContain("Pages of the node");
  });
});

describe("DetailsPanel of a function with more ways in and reaches than its details carry", () => {
  /** The fixture's function with 120 ways in, each refused in part by a Deny, and 75 conditional reaches. */
  function crowded(): string {
    const report = aliasReport();
    const fns = report.functions.map((f) => {
      if (f.arn !== ORDERS) return f;
      const [way] = f.invokers.filter((i) => i.via !== "identity-policy");
      const [reach] = f.reaches;
      if (!way || !reach) throw new Error("fixture changed: orders has a grant and a reach");
      return {
        ...f,
        invokers: Array.from({ length: 120 }, (_, i) => ({ ...way, principal: `arn:aws:iam::1111222233${String(i).padStart(2, "0")}:root`, decision: "conditional" as const, deniedBy: [`deny-${i}#0`], unknownKeys: ["aws:SourceVpce"] })),
        reaches: Array.from({ length: 75 }, (_, i) => ({ ...reach, resource: `${QUEUE}-${i}`, conditional: true, conditionKeys: [`sqs:key${i}`] })),
      };
    });
    const idx = graphIndexOf({ ...report, functions: fns });
    const details = nodeDetails(idx, graphView(idx, loadGraphViewState({})).visible, `fn:${ORDERS}`)!;
    const noop = () => {};
    return renderToStaticMarkup(createElement(DetailsPanel, { details, snapshotId: "s", account: ACCOUNT, focused: false, onClose: noop, onFocus: noop, onSelect: noop }));
  }

  it("draws a page of each with its evidence, the exact counts, and a pager for the others", () => {
    const html = crowded();
    expect(html).toContain('aria-label="Pages of the function&#x27;s invokers"');
    expect(html).toMatch(/Showing 1–50 of 120 invokers \(page 1 of 3\)/);
    expect(count(html, "way-in")).toBe(DETAILS_PAGE);
    // Each drawn way in keeps what refuses or conditions it.
    expect(count(html, "invoker-denied-by")).toBe(DETAILS_PAGE);
    expect(count(html, "invoker-condition-keys")).toBe(DETAILS_PAGE);
    expect(html).toContain("deny-49#0");
    expect(html).not.toContain("deny-50#0");
    expect(html).toContain('aria-label="Pages of what the function can reach"');
    expect(html).toMatch(/Showing 1–50 of 75 resources \(page 1 of 2\)/);
    expect(count(html, "reach")).toBe(DETAILS_PAGE);
    expect(count(html, "reach-conditional")).toBe(DETAILS_PAGE);
    expect(html).toContain("sqs:key49");
    expect(html).not.toContain("sqs:key50");
  });

  it("starts each list's pager where the list starts: no inset of its own, as the findings' pager has the panel's", () => {
    const html = crowded();
    const navClass = (label: string) => new RegExp(`<nav aria-label="${label}"[^>]* class="([^"]*)"`).exec(html)?.[1]?.split(" ");
    for (const label of ["Pages of the function&#x27;s invokers", "Pages of what the function can reach"]) {
      expect(navClass(label)).toContain("px-0");
      expect(navClass(label)).not.toContain("px-4");
    }
  });

  it("draws no pager for lists that fit", () => {
    const html = panel(aliasReport(), `fn:${ORDERS}`);
    expect(html).not.toContain("Pages of the function");
    expect(count(html, "reach")).toBeGreaterThan(0);
  });
});

describe("DetailsPanel of a node with a reference of thousands of characters", () => {
  it("clamps it to four lines, whole in the markup, with a button that shows it whole and one that copies it", () => {
    const report = aliasReport();
    const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-${"y".repeat(2_000)}`;
    const idx = graphIndexOf(report);
    const fnNode = idx.byId.get(`fn:${ORDERS}`)!;
    const node = { ...fnNode, id: `src:${queue}`, kind: "event-source" as const, label: `orders-${"y".repeat(2_000)}`, ref: queue, service: "sqs" };
    const details = { node, fn: null, findings: [], findingTwins: [], findingTotal: 0, neighbours: [], neighbourTotal: 0 };
    const noop = () => {};
    const html = renderToStaticMarkup(createElement(DetailsPanel, { details, snapshotId: "s", account: ACCOUNT, focused: false, onClose: noop, onFocus: noop, onSelect: noop }));
    const ref = /<span id="([^"]+)" data-testid="node-reference" class="([^"]*)">([^<]*)<\/span>/.exec(html);
    expect(ref?.[2]).toContain("line-clamp-4");
    expect(ref?.[3]).toBe(queue);
    const toggle = /<button[^>]*data-testid="node-reference-toggle"[^>]*>([^<]*)<\/button>/.exec(html);
    expect(toggle?.[0]).toContain('aria-expanded="false"');
    expect(toggle?.[0]).toContain(`aria-controls="${ref?.[1]}"`);
    expect(toggle?.[1]).toBe("Show the whole reference");
    expect(html).toMatch(/<button[^>]*data-testid="node-reference-copy"[^>]*aria-label="Copy the whole reference"/);
    // A short one is as before: whole, no buttons.
    const short = renderToStaticMarkup(createElement(DetailsPanel, { details: { ...details, node: { ...node, ref: QUEUE } }, snapshotId: "s", account: ACCOUNT, focused: false, onClose: noop, onFocus: noop, onSelect: noop }));
    expect(short).not.toContain("line-clamp-4");
    expect(short).not.toContain("node-reference-toggle");
    expect(short).not.toContain("node-reference-copy");
  });
});

describe("DetailsPanel of a function whose role path and reached ARN run to nearly 2,000 characters", () => {
  it("clamps the Role row and the reach's ARN line as it clamps a long reference, each whole in the markup", () => {
    const report = aliasReport();
    // Up to the longest ARN AWS gives (2,048) a value is whole; one past it is cut (reach-list.test.ts, alias-facts.test.ts).
    const role = `arn:aws:iam::${ACCOUNT}:role/${"p/".repeat(950)}orders-stable-role`;
    const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-${"q".repeat(1_950)}`;
    const functions = report.functions.map((f) => (f.arn === ORDERS ? { ...f, role, reaches: f.reaches.map((r) => ({ ...r, resource: queue })) } : f));
    const html = panel({ ...report, functions }, `fn:${ORDERS}`);
    const clamped = (testId: string) => new RegExp(`<span id="[^"]+" data-testid="${testId}" class="([^"]*)">([^<]*)</span>`).exec(html);
    expect(clamped("function-role")?.[1]).toContain("line-clamp-4");
    expect(clamped("function-role")?.[2]).toBe(role);
    expect(html).toMatch(/<button[^>]*data-testid="function-role-toggle"[^>]*>Show the whole role ARN<\/button>/);
    expect(html).toMatch(/<button[^>]*data-testid="function-role-copy"/);
    expect(clamped("reach-arn")?.[1]).toContain("line-clamp-4");
    expect(clamped("reach-arn")?.[2]).toBe(queue);
    expect(html).toMatch(/<button[^>]*data-testid="reach-arn-toggle"[^>]*>Show the whole resource ARN<\/button>/);
    expect(html).toMatch(/<button[^>]*data-testid="reach-arn-copy"/);
  });
});

describe("DetailsPanel of a node labelled with a crafted 1 MB qualifier", () => {
  it("cuts the label in its heading, tooltip and accessible name, and in the neighbour lists", () => {
    const report = aliasReport();
    const idx = graphIndexOf(report);
    const details = nodeDetails(idx, graphView(idx, loadGraphViewState({})).visible, `fn:${ORDERS}:next`)!;
    const label = `orders:${"q".repeat(1_000_000)}`;
    const crafted = { ...details, node: { ...details.node, label }, neighbours: details.neighbours.map((n) => ({ ...n, label })) };
    expect(crafted.neighbours.length).toBeGreaterThan(0);
    const noop = () => {};
    const html = renderToStaticMarkup(createElement(DetailsPanel, { details: crafted, snapshotId: "s", account: ACCOUNT, focused: false, onClose: noop, onFocus: noop, onSelect: noop }));
    expect(html.length).toBeLessThan(200_000);
    expect(html).toMatch(/aria-label="Details: orders:q+…\(\d+ characters\)…q+"/);
    expect(html).toMatch(/data-testid="details-title">orders:q+…\(\d+ characters\)…q+<\/h2>/);
  });
});

describe("DetailsPanel of a node with more neighbours or members than a page", () => {
  const noop = () => {};
  const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
  const queues = Array.from({ length: DETAILS_PAGE }, (_, i) => ({ id: `src:q${i}`, kind: "event-source" as const, label: `queue-${i}`, service: "sqs" }));
  const render = (node: (typeof queues)[number] & { groupOf?: string[]; groupSize?: number }, total: number) =>
    renderToStaticMarkup(
      createElement(DetailsPanel, {
        details: { node, fn: null, findings: [], findingTwins: [], findingTotal: 0, neighbours: queues, neighbourTotal: total },
        snapshotId: "s",
        account: ACCOUNT,
        view: "svc=sqs",
        focused: false,
        onClose: noop,
        onFocus: noop,
        onSelect: noop,
      }),
    );

  it("pages a group's members with the shared pager, each member a button, rather than 50 and \"and N more\"", () => {
    const group = { id: "group:event-source:sqs", kind: "event-source" as const, label: "sqs · 120 event sources", service: "sqs", groupOf: queues.map((q) => q.id), groupSize: 120 };
    const html = render(group, 120);
    expect(html).toMatch(/<nav aria-label="Pages of the grouped event sources"/);
    expect(text(html)).toContain("Showing 1–50 of 120 event sources (page 1 of 3)");
    expect(html).toMatch(/<button type="button"[^>]*>Next page<\/button>/);
    expect(html).not.toContain("more</p>");
    expect(html).toMatch(/<ul[^>]*data-testid="neighbour-list" aria-busy="false">/);
    expect(count(html, "neighbour-list")).toBe(1);
    expect(text(html)).toContain("Event source: queue-49");
  });

  it("pages a node's Connected list the same way", () => {
    const html = render({ ...queues[0]!, id: "src:hub", label: "hub-queue" }, 51);
    expect(text(html)).toContain("Connected");
    expect(html).toMatch(/<nav aria-label="Pages of the connected nodes"/);
    expect(text(html)).toContain("Showing 1–50 of 51 connected nodes (page 1 of 2)");
    expect(html).not.toContain("and 1 more");
  });
});
