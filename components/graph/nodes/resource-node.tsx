import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { ResourceFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

export const ResourceNode = memo(function ResourceNode({ data, selected }: NodeProps<ResourceFlowNode>) {
  return <NodeShell view={data.view} selected={selected} dimmed={data.dimmed} />;
});
