import { isOpen } from "@/lib/policy/decision";
import type { Invoker } from "./types";

/**
 * Whether a way in lets its caller invoke (or may): the graph draws, and the overview counts, only these. A denied
 * one stays in the function's invoker list with its decision, so the details can say why it lets no one in.
 */
export function letsIn(inv: Invoker): boolean {
  return inv.decision === undefined || isOpen(inv.decision);
}
