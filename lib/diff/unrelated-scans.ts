/**
 * Scans that cannot be compared: of two accounts, or of one account id in two partitions. They share no ARN, so a
 * diff would list every function of one as removed and every function of the other as added, which reads as a
 * wholesale change of one account. Said instead, by the API, the compare page and the graph's banner alike.
 */
import type { AnalysisReport } from "@/lib/analysis/types";

type Scope = Pick<AnalysisReport, "account" | "partition">;

/** Why `before` and `after` are not compared, as a sentence; null when they are scans of one account. */
export function unrelatedScans(before: Scope, after: Scope): string | null {
  const why = "nothing in one can be in the other, so they are not compared";
  if (before.account !== after.account) return `these scans are of different accounts (${before.account} and ${after.account}): ${why}`;
  if (before.partition !== after.partition) {
    return `these scans are of account ${before.account} in different partitions (${before.partition} and ${after.partition}): ${why}`;
  }
  return null;
}
