import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import { functionGapTexts, invokerGapText, roleGapText } from "@/lib/view/function-gaps";
import { printable } from "@/lib/view/long-words";
import type { FunctionFlowNode } from "../flow-types";
import { NodeShell } from "./node-shell";

const GAP_CLASS = "mr-1.5 rounded bg-amber-100 px-1 py-px text-[10px] font-semibold text-amber-900";

export const FunctionNode = memo(function FunctionNode({ data, selected }: NodeProps<FunctionFlowNode>) {
  const { view } = data;
  const facts = [view.region, view.runtime].filter(Boolean).join(" · ") || "Lambda function";
  const gap = view.invokerGap;
  const role = view.roleGap;
  // Where invoker data could not be read, an empty invoker column would say "no one": the node says otherwise. A
  // function without a role node (its Role set aside, or none named) would read as reaching nothing: it says so too.
  // Both in words do not fit the node's one line of facts ("invokers unknown" and "role unknown" ran 9 px past its
  // right edge, "invokers may be incomplete" further): such a node shows one badge counting them, each on hover.
  const mark =
    gap && role ? (
      <span data-testid="function-gaps" title={functionGapTexts(view).map((text) => printable(text)).join("\n")} className={GAP_CLASS}>
        2 gaps
      </span>
    ) : gap ? (
      <span data-testid="invoker-gap" data-state={gap.state} title={printable(gap.why)} className={GAP_CLASS}>
        {invokerGapText(gap)}
      </span>
    ) : role ? (
      <span data-testid="role-gap" title={role.why ? printable(role.why) : undefined} className={GAP_CLASS}>
        {roleGapText(role, false)}
      </span>
    ) : null;
  const subtitle = mark ? (
    <>
      {mark}
      {facts}
    </>
  ) : (
    facts
  );
  return <NodeShell view={view} selected={selected} dimmed={data.dimmed} subtitle={subtitle} />;
});
