/** Which AWS service a graph node belongs to, for the service filter and icons. */
import type { GraphNode } from "@/lib/analysis/types";

export function serviceOfRef(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const arn = /^arn:[^:]+:([^:]+):/.exec(ref);
  if (arn?.[1]) return arn[1];
  const principal = /^([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/i.exec(ref);
  if (principal?.[1]) return principal[1].toLowerCase();
  return undefined;
}

export function serviceOfNode(node: Pick<GraphNode, "kind" | "service" | "ref" | "label">): string | undefined {
  if (node.kind === "function") return "lambda";
  if (node.kind === "role") return "iam";
  if (node.service && node.service !== "*") return node.service;
  return serviceOfRef(node.ref) ?? serviceOfRef(node.label);
}
