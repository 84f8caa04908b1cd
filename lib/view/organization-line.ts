/**
 * The overview's one line on the organization's guardrails (AnalysisReport.organization): whether SCPs and RCPs
 * were applied to the answers, and where they come from, so a reader knows what "allowed" was judged against. Absent
 * where the report says nothing (no organizations section; unread guardrails are listed with the data gaps).
 */
import type { OrganizationSummary } from "@/lib/analysis/types";
import { guardrailNames, parentsUnread, unreadWording } from "@/lib/analysis/organization";

function policies(n: number, kind: string): string {
  return `${n} ${kind}${n === 1 ? "" : "s"}`;
}

export function organizationLine(summary: OrganizationSummary | undefined): string | undefined {
  if (!summary) return undefined;
  if (summary.state === "none") return `No SCP or RCP limits this account: ${summary.why ?? "none applies"}.`;
  const applied = [summary.scps !== undefined ? policies(summary.scps, "SCP") : "", summary.rcps !== undefined ? policies(summary.rcps, "RCP") : ""].filter(Boolean);
  const ous = Math.max(0, (summary.path?.length ?? 0) - 2);
  // The path ends at the account: a cut there leaves its own level alone.
  const account = summary.path?.at(-1);
  const where = summary.cutAbove
    ? `${summary.root ? " at the root and" : ""}${summary.cutAbove === account ? " at the account's own level" : ` from ${summary.cutAbove} to the account`} (${parentsUnread(summary.cutAbove, account ?? "")})`
    : summary.path && summary.path.length >= 2
      ? ` from the root through ${ous === 0 ? "no OU" : ous === 1 ? "1 OU" : `${ous} OUs`} to the account`
      : "";
  const said = unreadWording({ ...(summary.unreadInPart ? { partial: true as const } : {}) });
  const unread = summary.unread ? ` Its ${guardrailNames(summary.unread)} ${said.couldNot}: answers assume ${said.they} permit it.` : "";
  const pending = (summary.pending ?? [])
    .map(({ kind, status }) => ` Its ${guardrailNames([kind])} are ${status} on the root: AWS does not say whether they are enforced yet, so what they would refuse is conditional.`)
    .join("");
  return `Organization ${summary.id ?? "(id not read)"}: ${applied.join(" and ")} applied to every answer${where}.${unread}${pending}`;
}
