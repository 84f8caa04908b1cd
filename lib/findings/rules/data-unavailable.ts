/**
 * data-unavailable: a call needed for a function failed (AccessDenied, throttled after retries, region
 * disabled), so some rules gave no verdict for it. The finding names the missing data and those rules, from each
 * rule's `needs`. Built from the rule list (registry.ts passes the others in), so it never drifts from them.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { Evidence, Finding } from "@/lib/analysis/types";
import { apiErrorEvidence, configEvidence } from "../evidence";
import { findingId } from "../finding-id";
import { missingData } from "../data-needs";
import { scanRemediation } from "../scan-remediation";
import type { Rule } from "../types";

/** What a gap means beyond the rules it stops, for data no rule needs outright. */
const NOTES: Record<string, string> = {
  ListAliases: "Alias policies and alias URLs were not read, so invoker rules saw the unqualified function only.",
};

function describe(fn: FunctionModel): string[] {
  const byOp = new Map<string, Set<string>>();
  for (const u of fn.unavailable) {
    const codes = byOp.get(u.operation) ?? new Set<string>();
    if (u.code) codes.add(u.code);
    byOp.set(u.operation, codes);
  }
  for (const op of fn.unknownOps) if (!byOp.has(op)) byOp.set(op, new Set());
  return [...byOp].map(([op, codes]) => (codes.size ? `${op} (${[...codes].join(", ")})` : op)).sort();
}

export function dataUnavailableRule(rules: readonly Rule[]): Rule {
  return {
    id: "data-unavailable",
    title: "Data unavailable",
    severity: "info",
    needs: [],
    description: "A call needed for this function failed: the badge says which data is missing and which rules could not run.",
    check(ctx) {
      const findings: Finding[] = [];
      for (const fn of ctx.model.functions) {
        if (fn.unknownOps.size === 0 && fn.unavailable.length === 0) continue;
        const missing = describe(fn);
        const skipped = rules.filter((r) => missingData(fn, r.needs).length > 0).map((r) => r.id);
        const evidence: Evidence[] = fn.unavailable.map(apiErrorEvidence);
        if (fn.roleState === "unknown" && !fn.unavailable.some((u) => u.operation === "GetAccountAuthorizationDetails")) {
          evidence.push(configEvidence(fn.arn, "IAM roles and policies are not in the snapshot", { Role: fn.roleArn }, ["Role"]));
        }
        findings.push({
          id: findingId(this.id, fn.arn),
          rule: this.id,
          severity: "info",
          function: fn.arn,
          functions: [fn.arn],
          title: `Missing data: ${missing.join(", ")}${skipped.length ? ` (${skipped.length} rule${skipped.length > 1 ? "s" : ""} skipped)` : ""}`,
          detail:
            `The scan could not read ${missing.join(", ")} for ${fn.name}. ` +
            (skipped.length
              ? `These rules gave no verdict for it: ${skipped.join(", ")}. Their silence does not mean the function is fine.`
              : "No rule depends on this data outright, but the function's graph may be incomplete.") +
            [...fn.unknownOps].map((op) => (NOTES[op] ? ` ${NOTES[op]}` : "")).join(""),
          evidence,
          remediation: scanRemediation(fn.unavailable, fn.unknownOps),
        });
      }
      // A region whose functions could not be listed has nothing to badge: report it for the account.
      for (const e of ctx.model.errors) {
        if (e.operation !== "ListFunctions") continue;
        const region = e.region ?? "unknown region";
        findings.push({
          id: findingId(this.id, `region/${region}`, "ListFunctions"),
          rule: this.id,
          severity: "info",
          functions: [],
          title: `Functions in ${region} could not be listed (${e.code ?? "error"})`,
          detail: `ListFunctions failed in ${region}: no function of that region was analysed, and no rule ran there.`,
          evidence: [apiErrorEvidence({ operation: e.operation, region: e.region ?? undefined, code: e.code ?? undefined, message: e.message ?? undefined })],
          // An opt-in region that is not enabled answers like a missing permission, hence the second sentence.
          remediation: `${scanRemediation([{ operation: "ListFunctions", code: e.code ?? undefined, message: e.message ?? undefined }])} If the region is not enabled for the account, enable it or leave it out of the scan.`,
        });
      }
      return findings;
    },
  };
}
