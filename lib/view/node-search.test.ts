import { describe, expect, it } from "vitest";
import type { GraphNodeView } from "./graph-model";
import { searchNodes } from "./node-search";

const node = (id: string, kind: GraphNodeView["kind"], label: string, extra: Partial<GraphNodeView> = {}): GraphNodeView => ({ id, kind, label, ...extra });

describe("searchNodes: the `/` dialog's ranking", () => {
  const nodes = [
    node("fn:my-orders", "function", "my-orders"),
    node("fn:orders-api", "function", "orders-api"),
    node("role:orders", "role", "orders"),
    node("res:q", "resource", "sqs: billing", { ref: "arn:aws:sqs:us-east-1:123456789012:orders-billing" }),
    node("fn:orders", "function", "orders"),
  ];

  it("ranks the exact name, then names that start with the text, then names holding it, then ARNs holding it", () => {
    // "orders" typed: the function named so must not sink below "my-orders" (holding it) or "orders-api" (its start).
    expect(searchNodes(nodes, "Orders").map((n) => n.id)).toEqual(["fn:orders", "role:orders", "fn:orders-api", "fn:my-orders", "res:q"]);
  });

  it("with no text lists the riskiest functions only, not roles or resources", () => {
    const badged = node("fn:risky", "function", "zz-risky", { badge: { severity: "critical", count: 1, title: "t" } });
    expect(searchNodes([...nodes, badged], "  ").map((n) => n.id)).toEqual(["fn:risky", "fn:my-orders", "fn:orders", "fn:orders-api"]);
  });
});
