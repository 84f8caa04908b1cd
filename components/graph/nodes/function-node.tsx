import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import { invokerGapText } from "@/lib/view/function-gaps";
import { visibleText } from "@/lib/view/visible-text";
import type { FunctionFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

export const FunctionNode = memo(function FunctionNode({ data, selected }: NodeProps<FunctionFlowNode>) {
  const { view } = data;
  const facts = [view.region, view.runtime].filter(Boolean).join(" · ") || "Lambda function";
  const gap = view.invokerGap;
  // Where invoker data could not be read, an empty invoker column would say "no one": the node says otherwise.
  const subtitle = gap ? (
    <>
      <span data-testid="invoker-gap" data-state={gap.state} title={visibleText(gap.why)} className="mr-1.5 rounded bg-amber-100 px-1 py-px text-[10px] font-semibold text-amber-900">
        {invokerGapText(gap)}
      </span>
      {facts}
    </>
  ) : (
    facts
  );
  return <NodeShell view={view} selected={selected} dimmed={data.dimmed} subtitle={subtitle} />;
});
