/** Node names as drawn on the canvas and in the PNG report (its image is this markup): the text and its line clamp. */
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import type { GraphNodeView } from "@/lib/view/graph-model";
import { NodeShell } from "./node-shell";
import { PrincipalNode } from "./principal-node";
import { EventSourceNode } from "./event-source-node";
import { ResourceNode } from "./resource-node";
import { FunctionNode } from "./function-node";
import { printable } from "@/lib/view/long-words";

const group = (kind: GraphNodeView["kind"], label: string, extra: Partial<GraphNodeView> = {}): GraphNodeView => ({
  id: `group:${kind}`,
  kind,
  label,

  groupOf: ["a", "b"],
  ...extra,
});

const render = (type: unknown, view: GraphNodeView) =>
  renderToString(createElement(ReactFlowProvider, null, createElement(type as typeof NodeShell, { id: view.id, data: { view }, selected: false } as never)));

/** The class list of the element holding the start of the node's name. */
const nameClass = (html: string) => /class="([^"]*)" elementtiming="graph-node"/.exec(html)?.[1] ?? "";

/** The node's name box: its tooltip, its pieces (one per line, or head and tail on one) and its whole text. */
function nodeName(html: string) {
  const box = /data-testid="node-name" class="[^"]*" title="([^"]*)">((?:<(span|div)[^>]*>[^<]*<\/\3>)+)<\/div>/s.exec(html);
  const pieces = [...(box?.[2] ?? "").matchAll(/<(span|div) class="([^"]*)"[^>]*>([^<]*)<\/\1>/g)].map((m) => ({ tag: m[1], className: m[2], text: m[3] }));
  return { title: box?.[1], pieces, text: pieces.map((p) => p.text).join("") };
}

describe("a group node's name", () => {
  it.each([
    ["invoker", PrincipalNode, group("principal", "account · 1,000 invokers", { principalType: "account" })],
    ["event source", EventSourceNode, group("event-source", "sqs · 500 event sources", { service: "sqs" })],
    ["resource", ResourceNode, group("resource", "dynamodb · 42 resources", { service: "dynamodb" })],
  ])("of %s takes both lines, as a resource group's does, with no facts line to cut it", (_, type, view) => {
    const html = render(type, view);
    const name = nodeName(html);
    // Its kind on the first line, the count on the second: nothing of it cut.
    expect(name.pieces.map((p) => p.tag)).toEqual(["div", "div"]);
    expect(name.text).toBe(view.label);
    expect(name.pieces[0]!.text).toBe(view.label.split(" ")[0]);
    expect(html).not.toMatch(/principal<\/div>|Event source · sqs/);
  });

  it("of a single invoker stays on one line above its facts", () => {
    const html = render(PrincipalNode, { id: "p", kind: "principal", label: "Account 210987654321", principalType: "account" });
    expect(nameClass(html)).toContain("truncate");
    expect(html).toContain("account principal");
  });
});

describe("a long one-line name", () => {
  it("keeps its end drawn after the part CSS cuts, and is whole as text and on hover", () => {
    const name = "orders-payment-reconciliation-processor";
    const html = render(FunctionNode, { id: "fn", kind: "function", label: name, region: "us-east-1" });
    // The head alone is cut by CSS ("truncate"); the tail never shrinks, so "…-processor" stays in view.
    expect(html).toContain(`<span class="truncate" elementtiming="graph-node">orders-payment-reconciliation</span><span class="shrink-0 whitespace-pre">-processor</span>`);
    // The tooltip once, on the box around both pieces: on the head as well, it was said twice.
    expect(html.split(`title="${name}"`)).toHaveLength(2);
    expect(nodeName(html)).toMatchObject({ title: name, text: name });
  });

  it("that fits is not split", () => {
    expect(render(FunctionNode, { id: "fn", kind: "function", label: "checkout-api" })).toContain('elementtiming="graph-node">checkout-api</span></div>');
  });
});

describe("a long two-line name", () => {
  it("keeps its end on the second line, whole, the start cut by CSS on the first, and is whole as text and on hover", () => {
    // The browser's wrap broke after "logs:" and clamped the rest at its end: "…/aws/lambda/nightly-invent…".
    const label = "logs: log-group:/aws/lambda/nightly-inventory-reconcile:*";
    const html = render(ResourceNode, { id: "r", kind: "resource", label, service: "logs" });
    const name = nodeName(html);
    expect(name.pieces).toEqual([
      { tag: "div", className: "truncate", text: "logs: log-group:/aws/lambda/nightly-inventory" },
      { tag: "div", className: "truncate", text: "-reconcile:*" },
    ]);
    expect(name).toMatchObject({ title: label, text: label });
    expect(html.split(`title="${label}"`)).toHaveLength(2);
  });

  it("that fits one line is drawn whole, clamped to two lines only as a guard", () => {
    const name = nodeName(render(ResourceNode, { id: "r", kind: "resource", label: "s3: uploads/*", service: "s3" }));
    expect(name.pieces).toEqual([{ tag: "div", className: "line-clamp-2 [overflow-wrap:anywhere]", text: "s3: uploads/*" }]);
  });
});

describe("an IAM user node", () => {
  it("says the kind once, in its facts line, so the name line holds the user's name", () => {
    const html = render(PrincipalNode, { id: "p", kind: "principal", label: "IAM user break-glass-admin", principalType: "user" });
    expect(html).toMatch(/elementtiming="graph-node">break-glass-admin<\/span>/);
    expect(html.match(/>IAM user/g)).toHaveLength(1);
    // The tooltip keeps the whole label.
    expect(html).toContain('title="IAM user break-glass-admin"');
  });
});

describe("a node's text from a crafted snapshot", () => {
  it("a 1 MB resource name of short words and finding title are cut in the middle, drawn and on hover", () => {
    const spaced = `START ${"word ".repeat(209_715)}END`;
    const html = render(ResourceNode, { id: "r", kind: "resource", label: spaced, service: "s3", badge: { severity: "high", title: spaced, count: 1 } } as GraphNodeView);
    expect(html.length).toBeLessThan(400_000);
    const cut = /^START word .*…\(\d+ characters\)….* word END$/s;
    // Tests find a node by data-name: it is the name as the tooltip gives it, cut the same way.
    expect(/data-name="([^"]*)"/.exec(html)?.[1]).toMatch(cut);
    const name = nodeName(html);
    expect(name.title).toMatch(cut);
    expect(name.text).toMatch(cut);
    expect(/data-testid="node-badge-title">(.*?)<\/span>/s.exec(html)?.[1]).toMatch(cut);
  });
});

describe("a function node's gap of crafted text", () => {
  it("a 1 MB reason of short words (an AWS message in the snapshot) is cut on hover, alone or beside the role's", () => {
    const why = `START ${"word ".repeat(209_715)}END`;
    const fn: GraphNodeView = { id: "fn", kind: "function", label: "orders", invokerGap: { state: "unknown", why } };
    const cut = /^START word .*…\(\d+ characters\)….* word END$/s;
    expect(/data-testid="invoker-gap"[^>]*title="([^"]*)"/.exec(render(FunctionNode, fn))?.[1]).toMatch(cut);
    const both = render(FunctionNode, { ...fn, roleGap: { why } });
    expect(both.length).toBeLessThan(400_000);
  });
});

describe("a crafted name", () => {
  // What the canvas holds is what the PNG report copies: a megabyte name made a megabyte text to lay out and clamp.
  it("is cut as the rest of the dashboard cuts it (printable), in the text and its tooltip, its badge's title too", () => {
    const word = `orders-${"q".repeat(1_000_000)}`;
    const html = render(ResourceNode, {
      id: "res:a",
      kind: "resource",
      label: `sqs · ${word}`,
      service: "sqs",
      badge: { severity: "high", count: 1, title: `Anyone can send to ${word}` },
    });
    // Shown nowhere but data-name, which holds the label as it is for tests to find the node by.
    expect(html.replace(/ data-name="[^"]*"/, "").length).toBeLessThan(20_000);
    const shown = printable(`sqs · ${word}`);
    expect(shown).toMatch(/^sqs · orders-q+…\(\d+ characters\)…q+$/);
    expect(nodeName(html)).toMatchObject({ title: shown, text: shown });
    expect(html).toContain(printable(`Anyone can send to ${word}`));
  });

  it("is text, never markup, with hidden characters shown as escapes", () => {
    const html = render(ResourceNode, { id: "res:b", kind: "resource", label: "<img src=x onerror=alert(1)>\u202e\u200b", service: "sqs" });
    expect(html).not.toContain("<img");
    expect(nodeName(html).text).toBe("&lt;img src=x onerror=alert(1)&gt;\\u202e\\u200b");
  });
});
