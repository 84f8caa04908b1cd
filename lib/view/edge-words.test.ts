/**
 * Every answer a way in or a reach can have, and the words its edge says (on the graph, in the PNG, in its accessible
 * name): one clear thing each, never the same thing twice ("may be denied · conditional").
 */
import { describe, expect, it } from "vitest";
import type { Decision } from "@/lib/policy/types";
import type { FunctionReport, GraphEdge, Invoker } from "@/lib/analysis/types";
import { buildGraph } from "@/lib/graph/build";
import { edgeLabel } from "./graph-model";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:api";
const ROLE = "arn:aws:iam::123456789012:role/api";

/** The label of the edge one way in draws, or null where it draws none. */
function wayInWords(decision: Decision | undefined, conditionSummary: string | undefined): string | null | undefined {
  const inv: Invoker = { via: "resource-policy", principal: "sns.amazonaws.com", principalType: "service", actions: ["lambda:InvokeFunction"] };
  if (decision) inv.decision = decision;
  if (conditionSummary) inv.conditionSummary = conditionSummary;
  const fn: FunctionReport = { arn: FN, name: "api", region: "us-east-1", role: ROLE, invokers: [inv], reaches: [], unknown: [] };
  const edges = buildGraph({ functions: [fn], reachesByRole: new Map(), missingRoles: new Set() }).edges.filter((e) => e.kind === "invokes");
  return edges.length ? edgeLabel(edges[0]!) : null;
}

const SOURCE = "SourceArn = arn:aws:sns:us-east-1:123456789012:orders";

describe("edge words", () => {
  it.each([
    ["allowed", undefined, "no condition"],
    ["allowed", SOURCE, SOURCE],
    // No condition of its own, and something else may refuse it: said once.
    ["conditional", undefined, "may be denied"],
    ["conditional", SOURCE, `${SOURCE} · conditional`],
    // A way in that lets no one in draws no edge.
    ["implicitly-denied", undefined, null],
    ["implicitly-denied", SOURCE, null],
    ["explicitly-denied", undefined, null],
    ["explicitly-denied", SOURCE, null],
    // A report without answers (older than them) shows what the statement says.
    [undefined, undefined, "no condition"],
    [undefined, SOURCE, SOURCE],
  ] as const)("a way in answered %s with condition %s reads %s", (decision, summary, words) => {
    expect(wayInWords(decision, summary)).toBe(words);
  });

  it.each([
    [false, false, "Write"],
    [true, false, "Write · conditional"],
    [false, true, "Write · partly denied"],
    [true, true, "Write · conditional · partly denied"],
  ])("a reach conditional %s, partly denied %s, reads %s", (conditional, partiallyDenied, words) => {
    const edge: GraphEdge = { id: "reach", source: "role", target: "res", kind: "can-access", accessLevels: ["Write"] };
    if (conditional) edge.conditional = true;
    if (partiallyDenied) edge.partiallyDenied = true;
    expect(edgeLabel(edge)).toBe(words);
  });

  it("a conditional edge without words of its own says it is conditional", () => {
    expect(edgeLabel({ id: "i", source: "p", target: "f", kind: "invokes", conditional: true })).toBe("conditional");
  });
});
