/**
 * What a graph node is, in words: the legend's entries, the nodes' accessible names ("Function: orders") and the PNG
 * report's header name nodes alike. Plain data, so server code (the report header) reads it without the icons.
 */
import type { GraphNodeKind } from "@/lib/analysis/types";
import type { GraphNodeView } from "./graph-model";

export const KIND_LABEL: Record<GraphNodeKind, string> = {
  principal: "Invoker",
  "event-source": "Event source",
  function: "Function",
  role: "Execution role",
  resource: "Resource",
};

/** An alias is drawn as a function node; its name says which, as the other kinds' names do. */
export function nodeKindText(view: Pick<GraphNodeView, "kind" | "aliasOf">): string {
  return view.aliasOf ? "Function alias" : KIND_LABEL[view.kind];
}

/**
 * A node whose name takes both of its lines, with no line of facts under it: a resource's name says the service and
 * the resource (lib/graph/resource-label.ts), a group's its service or kind and count ("account · 1,000 invokers"),
 * which the one line a facts line leaves cut ("account · 1,000 invo…", on screen and in the PNG report).
 */
export const nameTakesTwoLines = (view: Pick<GraphNodeView, "kind" | "groupOf">): boolean => view.kind === "resource" || !!view.groupOf;
