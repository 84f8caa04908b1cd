import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { RoleState } from "@/lib/graph/build";
import type { RoleFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

/** Short enough for the node's one line: the label's "(missing)" is cut off behind a long role name. */
const STATE_TEXT: Record<RoleState, string> = {
  missing: "Execution role · missing",
  unread: "Execution role · unread",
  "partly unread": "Execution role · partly unread",
};

export const RoleNode = memo(function RoleNode({ data, selected }: NodeProps<RoleFlowNode>) {
  const state = data.view.roleState;
  const subtitle = state ? (
    <span className="font-medium text-amber-900" data-testid="role-state">
      {STATE_TEXT[state]}
    </span>
  ) : (
    "Execution role"
  );
  return <NodeShell view={data.view} selected={selected} dimmed={data.dimmed} subtitle={subtitle} />;
});
