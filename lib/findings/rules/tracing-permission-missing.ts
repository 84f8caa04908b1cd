/**
 * tracing-permission-missing: active X-Ray tracing without xray:PutTraceSegments / PutTelemetryRecords; also for a
 * routed-to version published with another role or tracing mode (deployments.ts).
 */
import { configEvidence } from "../evidence";
import { deploymentFindings } from "../deployments";
import type { Need } from "../role-needs";
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
  description: "TracingConfig.Mode is Active (on the function or a version an alias routes to) but its role cannot xray:PutTraceSegments and xray:PutTelemetryRecords.",
  check(ctx) {
    return deploymentFindings(ctx, this, (c) => c.TracingConfig?.Mode ?? "", (fn, { config, versionArn, label }) => {
      if (config.TracingConfig?.Mode !== "Active") return undefined;
      return {
        needs: TRACING_NEEDS,
        subject: label ? `Active tracing of ${label}` : "Active tracing",
        intro: `TracingConfig.Mode is Active${label ? ` in the function's ${label}, as published` : ""}, so Lambda sends trace segments to X-Ray with the execution role.`,
        impact: "Traces are missing, and configuration updates fail with \"does not have permissions to call PutTraceSegments on XRAY\".",
        context: [configEvidence(versionArn ?? fn.arn, `TracingConfig Mode Active${label ? ` of ${label}` : ""}`, config.TracingConfig, ["Mode", "Active"])],
      };
    });
  },
};
