import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { ResourceFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

export const ResourceNode = memo(function ResourceNode({ data, selected }: NodeProps<ResourceFlowNode>) {
  // The name says the service and the resource (lib/graph/resource-label.ts), so it takes both lines.
  return <NodeShell view={data.view} selected={selected} dimmed={data.dimmed} twoLineLabel />;
});
