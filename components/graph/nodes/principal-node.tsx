import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { PrincipalFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

export const PrincipalNode = memo(function PrincipalNode({ data, selected }: NodeProps<PrincipalFlowNode>) {
  const { view } = data;
  const kind = view.public ? "Public: anyone" : view.principalType === "user" ? "IAM user" : view.principalType ? `${view.principalType} principal` : "Principal";
  return <NodeShell view={view} selected={selected} dimmed={data.dimmed} subtitle={kind} />;
});
