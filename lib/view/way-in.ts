/**
 * What the details panel says after a way in's caller: how it gets in, from where, narrowed by what. Words rather
 * than the report's identifiers ("resource policy", not "resource-policy").
 */
import type { Invoker } from "@/lib/analysis/types";
import { isAsyncOnly } from "@/lib/analysis/async-only";
import { qualifierLabel } from "./identity-details";

const VIA: Record<Exclude<Invoker["via"], "identity-policy">, string> = {
  "resource-policy": "resource policy",
  "event-source-mapping": "event source mapping",
  "function-url": "function URL",
};

type WayIn = Pick<Invoker, "via" | "sourceArn" | "state" | "authType" | "conditionSummary" | "actions" | "qualifier">;

/**
 * " · InvokeAsync only" for a caller whose grant is the deprecated async API and not Invoke: it still runs the
 * function, which a Deny written for lambda:InvokeFunction alone does not stop. Empty otherwise.
 */
export function asyncOnlyNote(actions: readonly string[] | undefined): string {
  return isAsyncOnly(actions) ? " · InvokeAsync only" : "";
}

/**
 * " · on alias live" for a way in on one of the function's aliases or versions: it lets callers invoke that one only
 * (lambda-permissions.md §3.5), and two grants alike but for their alias would otherwise read as the same line.
 * Empty for a way in on `here`, the function or alias whose details list it.
 */
export function qualifierNote(fnArn: string, qualifier: string | undefined, here: string = fnArn): string {
  return qualifier && qualifier !== here ? ` · on ${qualifierLabel(fnArn, qualifier)}` : "";
}

/**
 * "via resource policy · on alias live · SourceArn = arn:aws:execute-api:…": a grant's source ARN comes from its
 * SourceArn condition, so it is named once, in the condition, rather than again before it; and not at all where the
 * line's heading names it (`sourceNamed`: a group's way in under the queue it comes from). `fnArn`: the function the
 * way in is into; `here`: the function or alias whose details list it (see qualifierNote).
 */
export function wayInText(inv: WayIn, fnArn: string, here: string = fnArn, sourceNamed = false): string {
  const via = inv.via === "identity-policy" ? "identity policy" : VIA[inv.via];
  const from = inv.sourceArn && !sourceNamed && !inv.conditionSummary?.includes(inv.sourceArn) ? ` from ${inv.sourceArn}` : "";
  return (
    `via ${via}${from}` +
    (inv.state ? ` (${inv.state})` : "") +
    (inv.authType ? ` (auth ${inv.authType})` : "") +
    qualifierNote(fnArn, inv.qualifier, here) +
    (inv.conditionSummary ? ` · ${inv.conditionSummary}` : "") +
    asyncOnlyNote(inv.actions)
  );
}

/**
 * Where a way in is written down, for a reader checking it in AWS: "statement AllowS3" (a resource-policy grant's Sid,
 * or "#0", its index, without one), "mapping 6f1c…" (an event source mapping's UUID); empty for a function URL, its function's own, and
 * for an identity policy, whose statements its line names already.
 */
export function wayInSource(inv: Pick<Invoker, "via" | "sid" | "uuid">): string {
  if (inv.via === "resource-policy") return inv.sid ? `statement ${inv.sid}` : "";
  if (inv.via === "event-source-mapping") return inv.uuid ? `mapping ${inv.uuid}` : "";
  return "";
}
