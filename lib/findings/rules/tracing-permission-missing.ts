/** tracing-permission-missing: active X-Ray tracing without xray:PutTraceSegments / PutTelemetryRecords. */
import type { Finding } from "@/lib/analysis/types";
import { configEvidence } from "../evidence";
import { functionsWithData } from "../data-needs";
import { checkNeeds, needsFinding, type Need } from "../role-needs";
import type { Rule } from "../types";

/** X-Ray has no resource-level permissions: `*` is the only resource. */
export const TRACING_NEEDS: Need[] = [
  { action: "xray:PutTraceSegments", resources: ["*"] },
  { action: "xray:PutTelemetryRecords", resources: ["*"] },
];

export const tracingPermissionMissing: Rule = {
  id: "tracing-permission-missing",
  title: "Active tracing without X-Ray permissions",
  severity: "low",
  needs: ["GetAccountAuthorizationDetails"],
  description: "TracingConfig.Mode is Active but the role cannot xray:PutTraceSegments and xray:PutTelemetryRecords.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      if (fn.config.TracingConfig?.Mode !== "Active") continue;
      const outcomes = checkNeeds(ctx, fn, TRACING_NEEDS);
      if (!outcomes) continue;
      const finding = needsFinding({
        rule: this.id,
        severity: this.severity,
        fn,
        subject: "Active tracing",
        outcomes,
        intro: "TracingConfig.Mode is Active, so Lambda sends trace segments to X-Ray with the execution role.",
        impact: "Traces are missing, and configuration updates fail with \"does not have permissions to call PutTraceSegments on XRAY\".",
        context: [configEvidence(fn.arn, "TracingConfig Mode Active", fn.config.TracingConfig, ["Mode", "Active"])],
      });
      if (finding) findings.push(finding);
    }
    return findings;
  },
};
