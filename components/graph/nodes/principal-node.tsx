import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { PrincipalFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

/**
 * "Account 210987654321" read "Account 2109876543…" on the node, the id cut where it matters; its subtitle says
 * "account principal" already, so the node shows the id alone (an organization its id too, an IAM user its name:
 * "IAM user break-glass…" over "IAM user" said the kind twice and cut the name).
 */
function shownName(label: string, type: string | undefined): string {
  const prefix = type === "account" ? "Account " : type === "organization" ? "Organization " : type === "user" ? "IAM user " : undefined;
  return prefix && label.startsWith(prefix) ? label.slice(prefix.length) : label;
}

export const PrincipalNode = memo(function PrincipalNode({ data, selected }: NodeProps<PrincipalFlowNode>) {
  const { view } = data;
  const kind = view.public ? "Public: anyone" : view.principalType === "user" ? "IAM user" : view.principalType ? `${view.principalType} principal` : "Principal";
  return <NodeShell view={view} selected={selected} dimmed={data.dimmed} subtitle={kind} name={shownName(view.label, view.principalType)} />;
});
