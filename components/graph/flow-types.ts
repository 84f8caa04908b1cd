/** React Flow node/edge types of the graph view: one node type per kind, all carrying the node's view model. */
import type { Edge, Node } from "@xyflow/react";
import type { GraphNodeKind } from "@/lib/analysis/types";
import type { GraphEdgeView, GraphNodeView } from "@/lib/view/graph-model";

export interface GraphNodeData extends Record<string, unknown> {
  view: GraphNodeView;
  /** Outside the focused neighbourhood's path: drawn faded. */
  dimmed?: boolean;
}

export type FlowNode<K extends GraphNodeKind = GraphNodeKind> = Node<GraphNodeData, K>;
export type FunctionFlowNode = FlowNode<"function">;
export type RoleFlowNode = FlowNode<"role">;
export type PrincipalFlowNode = FlowNode<"principal">;
export type ResourceFlowNode = FlowNode<"resource">;
export type EventSourceFlowNode = FlowNode<"event-source">;

export type FlowEdge = Edge<{ view: GraphEdgeView }>;
