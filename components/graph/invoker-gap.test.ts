/** A function whose invoker data could not be read says so on the graph: in its node and in its accessible name. */
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { ReactFlow, ReactFlowProvider } from "@xyflow/react";
import type { GraphNodeView } from "@/lib/view/graph-model";
import type { VisibleGraph } from "@/lib/view/visible-graph";
import { toFlowNodes } from "./flow-elements";
import { FunctionNode } from "./nodes/function-node";

const payroll: GraphNodeView = {
  id: "fn:payroll",
  kind: "function",
  label: "hr-payroll-export",
  region: "us-east-1",

  invokerGap: { state: "unknown", why: "could not be read: GetPolicy: AccessDeniedException" },
};
const visible = { nodes: [payroll, { ...payroll, id: "fn:other", label: "other", invokerGap: undefined }], edges: [] } as unknown as VisibleGraph;

/** The nodes as the graph draws them, server-side: what the node shows without a browser. */
function renderFunctionNodes(nodes: ReturnType<typeof toFlowNodes>): string {
  return renderToString(
    createElement(ReactFlowProvider, {
      initialNodes: nodes,
      initialWidth: 800,
      initialHeight: 600,
      children: createElement(ReactFlow, { nodes, edges: [], nodeTypes: { function: FunctionNode } }),
    }),
  );
}

describe("invokers that could not be read", () => {
  it("are in the node's accessible name, with the reason", () => {
    const [gap, known] = toFlowNodes(visible, {}, null);
    expect(gap?.ariaLabel).toBe("Function: hr-payroll-export, invokers unknown (could not be read: GetPolicy: AccessDeniedException)");
    expect(known?.ariaLabel).toBe("Function: other");
  });

  it("are marked on the node, the reason on hover", () => {
    const nodes = toFlowNodes(visible, { "fn:payroll": { x: 0, y: 0 }, "fn:other": { x: 0, y: 100 } }, null);
    const html = renderFunctionNodes(nodes);
    const marks = html.match(/data-testid="invoker-gap"[^>]*>[^<]*/g) ?? [];
    expect(marks).toHaveLength(1);
    expect(marks[0]).toContain('title="could not be read: GetPolicy: AccessDeniedException"');
    expect(marks[0]).toMatch(/>invokers unknown$/);
  });

  it("show a crafted reason's control and right-to-left characters on hover as escapes, as the node's name shows them", () => {
    const why = "could not be read: ListAliases: alias \u202eorp\r\u0000";
    const nodes = toFlowNodes({ nodes: [{ ...payroll, invokerGap: { state: "unknown", why } }], edges: [] } as unknown as VisibleGraph, { "fn:payroll": { x: 0, y: 0 } }, null);
    const html = renderFunctionNodes(nodes);
    expect(html).toContain('title="could not be read: ListAliases: alias \\u202eorp\\r\\u0000"');
  });
});

describe("a function whose role is unknown though it has no role node (its Role set aside)", () => {
  const why = "Functions.3.Role: not an IAM role ARN (set aside when the snapshot was read)";

  it("says so on the node, the reason on hover", () => {
    const nodes = toFlowNodes({ nodes: [{ ...payroll, invokerGap: undefined, roleGap: { why } }], edges: [] } as unknown as VisibleGraph, { "fn:payroll": { x: 0, y: 0 } }, null);
    expect(nodes[0]?.ariaLabel).toBe(`Function: hr-payroll-export, role unknown (${why})`);
    const marks = renderFunctionNodes(nodes).match(/data-testid="(invoker|role)-gap"[^>]*>[^<]*/g) ?? [];
    expect(marks).toHaveLength(1);
    expect(marks[0]).toContain(`title="${why}"`);
    expect(marks[0]).toMatch(/>role unknown$/);
  });

  it("beside an invoker gap, shows one badge counting both, which fits the node's line, each with its reason on hover and in its accessible name", () => {
    const nodes = toFlowNodes({ nodes: [{ ...payroll, roleGap: { why } }], edges: [] } as unknown as VisibleGraph, { "fn:payroll": { x: 0, y: 0 } }, null);
    expect(nodes[0]?.ariaLabel).toBe(`Function: hr-payroll-export, invokers unknown (could not be read: GetPolicy: AccessDeniedException), role unknown (${why})`);
    const html = renderFunctionNodes(nodes);
    expect(html).not.toMatch(/data-testid="(invoker|role)-gap"/);
    const marks = html.match(/data-testid="function-gaps"[^>]*>[^<]*/g) ?? [];
    expect(marks).toHaveLength(1);
    expect(marks[0]).toContain(`title="invokers unknown (could not be read: GetPolicy: AccessDeniedException)\nrole unknown (${why})"`);
    expect(marks[0]).toMatch(/>2 gaps$/);
  });
});
