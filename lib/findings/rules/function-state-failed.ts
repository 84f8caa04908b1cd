/**
 * function-state-failed: AWS itself reports that it could not set the function up — `State` Failed, `State` Inactive
 * for a reason other than Idle (Lambda failed to recreate what an idle function had released), or, on a function
 * otherwise Active, `LastUpdateStatus` Failed (the update was abandoned; the previous code and configuration still
 * run). AWS's code and message are quoted as evidence. Built from the other rules' findings: for a reason this tool
 * also checks (a role without the VPC actions), the remediation points at that finding; where none fired, it says
 * the cause lies outside what the snapshot shows.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { STATE_FIELDS, type ReportedState } from "@/lib/analysis/function-state";
import type { Evidence, Severity } from "@/lib/analysis/types";
import { functionsWithData } from "../data-needs";
import { functionFinding } from "../function-finding";
import { clip, TITLE_MAX } from "../headline";
import { actionNamed, namesCause, stateReason } from "../state-reasons";
import type { Rule, RuleFinding } from "../types";

interface Failure {
  severity: Severity;
  /** "Failed", "Inactive", "last update Failed". */
  what: string;
  code?: string;
  message?: string;
  /** How the function gets back to Active once the cause is fixed. */
  recovery: string;
}

const REDEPLOY = "then deploy the function again (update its code or configuration): Lambda sets it up anew";

/** What AWS's state says, or undefined when it reports nothing wrong (Active, Pending, Inactive because Idle, …). */
function failureOf(s: ReportedState): Failure | undefined {
  if (s.State === "Failed") {
    return {
      severity: "high",
      what: "Failed",
      code: s.StateReasonCode,
      message: s.StateReason,
      // The Lambda guide: a function whose creation failed must be deleted and created again.
      recovery: `${REDEPLOY}; if it failed while being created, AWS's guide says to delete and create it again`,
    };
  }
  if (s.State === "Inactive" && s.StateReasonCode && s.StateReasonCode !== "Idle") {
    return { severity: "high", what: "Inactive", code: s.StateReasonCode, message: s.StateReason, recovery: REDEPLOY };
  }
  if (s.LastUpdateStatus === "Failed") {
    return {
      severity: "medium",
      what: "last update Failed",
      code: s.LastUpdateStatusReasonCode,
      message: s.LastUpdateStatusReason,
      recovery: "then make the update again (the function still runs its previous code and configuration)",
    };
  }
  return undefined;
}

/** The findings other rules made on the function, by rule id. */
function findingsByFunction(findings: readonly RuleFinding[], self: string): Map<string, RuleFinding[]> {
  const out = new Map<string, RuleFinding[]>();
  for (const f of findings) {
    if (f.rule === self || f.rule === "data-unavailable") continue;
    for (const arn of f.functions) out.set(arn, [...(out.get(arn) ?? []), f]);
  }
  return out;
}

function evidenceOf(fn: FunctionModel, s: ReportedState, failure: Failure): Evidence {
  const document = Object.fromEntries(STATE_FIELDS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
  return {
    kind: "configuration",
    description: `GetFunctionConfiguration: AWS reports the function ${failure.what}${failure.code ? ` (${failure.code})` : ""}${failure.message ? `: "${failure.message}"` : ""}`,
    source: { functionArn: fn.arn, operation: "GetFunctionConfiguration" },
    document,
    highlight: failure.what.startsWith("last update") ? ["LastUpdateStatus", "LastUpdateStatusReasonCode", "LastUpdateStatusReason"] : ["State", "StateReasonCode", "StateReason"],
  };
}

function remediationOf(failure: Failure, related: readonly RuleFinding[], action: string | undefined): string {
  const reason = stateReason(failure.code);
  if (related.length > 0) {
    const named = related.map((f) => `${f.rule} ("${f.title}")`).join("; ");
    return `Fix what ${related.length > 1 ? "these findings" : "this finding"} of the same function ${related.length > 1 ? "name" : "names"} — ${named} — with ${related.length > 1 ? "their" : "its"} remediation, ${failure.recovery}.`;
  }
  const cause = reason ? `AWS's code means ${reason.cause}. ` : "AWS's message says what failed. ";
  const unseen = reason?.rules.length
    ? `No check of this tool finds that cause for this function: it may lie outside the snapshot (a service control policy, a key or repository policy it could not read) or have been fixed after AWS set the state${action ? `; allow ${action} to the execution role if it still lacks it` : ""}. `
    : "";
  return `${cause}${unseen}Fix the cause, ${failure.recovery}.`;
}

export const functionStateFailed: Rule = {
  id: "function-state-failed",
  title: "AWS reports the function failed",
  severity: "high",
  needs: ["GetFunctionConfiguration"],
  description:
    "AWS reports the function Failed, or Inactive for a reason other than Idle (high), or its last update Failed (medium), with a reason code such as InsufficientRolePermissions or KMSKeyAccessDenied (quoted).",
  check() {
    return [];
  },
  derive(findings, ctx) {
    const others = findingsByFunction(findings, this.id);
    const out: RuleFinding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      const s = fn.reportedState;
      const failure = s && failureOf(s);
      if (!s || !failure) continue;
      const reason = stateReason(failure.code);
      const related = (others.get(fn.arn) ?? []).filter((f) => reason !== undefined && namesCause(reason, f));
      const action = actionNamed(failure.message);
      const quoted = `${failure.code ?? "no reason code"}${failure.message ? ` ("${failure.message}")` : ""}`;
      out.push(functionFinding({
        rule: this.id,
        severity: failure.severity,
        fn,
        discriminator: failure.what.startsWith("last update") ? "update" : "state",
        // AWS's message is quoted whole in the detail and the evidence; the title carries its code.
        title: clip(`AWS reports ${failure.what.startsWith("last update") ? "the function's last update Failed" : `the function ${failure.what}`}: ${failure.code ?? failure.message ?? "no reason given"}`, TITLE_MAX),
        detail:
          `AWS reports ${fn.name} ${failure.what}: ${quoted}. ` +
          (failure.severity === "high"
            ? "Lambda could not set the function up, so it cannot be invoked until the cause is fixed. "
            : "Lambda abandoned the update: the function still runs its previous code and configuration, and the change did not happen. ") +
          (reason ? `The code means ${reason.cause}.` : "") +
          (action ? ` AWS names the action ${action}.` : "") +
          (related.length ? ` This tool finds the cause too: ${related.map((f) => f.title).join("; ")}.` : ""),
        evidence: [evidenceOf(fn, s, failure)],
        remediation: remediationOf(failure, related, action),
      }));
    }
    return out;
  },
};
