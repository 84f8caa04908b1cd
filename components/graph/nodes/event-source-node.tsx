import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { EventSourceFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

export const EventSourceNode = memo(function EventSourceNode({ data, selected }: NodeProps<EventSourceFlowNode>) {
  const { view } = data;
  return <NodeShell view={view} selected={selected} dimmed={data.dimmed} subtitle={`Event source · ${view.service ?? "stream"}`} />;
});
