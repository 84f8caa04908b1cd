import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { FunctionFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

export const FunctionNode = memo(function FunctionNode({ data, selected }: NodeProps<FunctionFlowNode>) {
  const { view } = data;
  const facts = [view.region, view.runtime].filter(Boolean).join(" · ");
  return <NodeShell view={view} selected={selected} dimmed={data.dimmed} subtitle={facts || "Lambda function"} />;
});
