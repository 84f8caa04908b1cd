import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { ResourceFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

export const ResourceNode = memo(function ResourceNode({ data, selected }: NodeProps<ResourceFlowNode>) {
  const { view } = data;
  const service = view.service && view.service !== "*" ? view.service : "any service";
  return <NodeShell view={view} selected={selected} dimmed={data.dimmed} subtitle={`Resource · ${service}`} />;
});
