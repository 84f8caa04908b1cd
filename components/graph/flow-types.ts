/** React Flow node/edge types of the graph view: one node type per kind, all carrying the node's view model. */
import type { Edge, Node } from "@xyflow/react";
import type { GraphNodeKind } from "@/lib/analysis/types";
import type { GraphEdgeView, GraphNodeView } from "@/lib/view/graph-model";
import type { LabelEnd } from "./edge-label-room";

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

export interface GraphEdgeData extends Record<string, unknown> {
  view: GraphEdgeView;
  /** Where its drawn label sits (edge-label-room.ts labelCentre); none when no label is drawn. */
  labelAt?: { end: LabelEnd; halfWidth: number };
}

export type FlowEdge = Edge<GraphEdgeData, "labelled">;
