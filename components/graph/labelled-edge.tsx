/**
 * The graph's edge: React Flow's bezier, with its label beside the end that no other labelled edge shares
 * (edge-label-room.ts labelCentre) instead of at the middle, where the labels of converging edges were stacked.
 */
import { memo } from "react";
import { BaseEdge, getBezierPath, type EdgeProps } from "@xyflow/react";
import type { FlowEdge } from "./flow-types";
import { labelCentre } from "./edge-label-room";

export const LabelledEdge = memo(function LabelledEdge(props: EdgeProps<FlowEdge>) {
  const [path, midX, midY] = getBezierPath(props);
  const at = props.data?.labelAt;
  const { x, y } = at ? labelCentre(at.end, at.halfWidth, props.sourceX, props.sourceY, props.targetX, props.targetY) : { x: midX, y: midY };
  return (
    <BaseEdge
      id={props.id}
      path={path}
      markerEnd={props.markerEnd}
      markerStart={props.markerStart}
      style={props.style}
      interactionWidth={props.interactionWidth}
      label={props.label}
      labelX={x}
      labelY={y}
      labelStyle={props.labelStyle}
      labelShowBg={props.labelShowBg}
      labelBgStyle={props.labelBgStyle}
      labelBgPadding={props.labelBgPadding}
      labelBgBorderRadius={props.labelBgBorderRadius}
    />
  );
});
