import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { RoleFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

export const RoleNode = memo(function RoleNode({ data, selected }: NodeProps<RoleFlowNode>) {
  return <NodeShell view={data.view} selected={selected} dimmed={data.dimmed} subtitle="Execution role" />;
});
