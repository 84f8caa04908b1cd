/**
 * logs-permission-missing: the role cannot create log streams and put log events in the function's log group
 * (`LoggingConfig.LogGroup`, default `/aws/lambda/<name>`); also for a routed-to version published with another
 * role or log group (deployments.ts). Both are evaluated on a log-stream ARN
 * (`…:log-group:<group>:log-stream:<stream>`): a grant on `log-group:<group>` alone does not cover PutLogEvents.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { FunctionConfiguration } from "@/lib/snapshot/schema";
import { configEvidence } from "../evidence";
import { deploymentFindings } from "../deployments";
import type { Need } from "../role-needs";
import type { Rule } from "../types";

/** The log group of the function's configuration, or of a version's (`config`). */
export function logGroupOf(fn: FunctionModel, config: FunctionConfiguration = fn.config): string {
  return config.LoggingConfig?.LogGroup || `/aws/lambda/${fn.name}`;
}

/** The day part of a stream name as Lambda writes it (`YYYY/MM/DD/[<version>]<hex>`); the same for a whole snapshot. */
let lastDay: { capturedAt: string; day: string } | undefined;

function sampleStream(capturedAt: string, version: string): string {
  if (lastDay?.capturedAt !== capturedAt) lastDay = { capturedAt, day: capturedAt.slice(0, 10).replaceAll("-", "/") };
  return `${lastDay.day}/[${version}]0123456789abcdef0123456789abcdef`;
}

export function logNeeds(fn: FunctionModel, partition: string, capturedAt: string, config: FunctionConfiguration = fn.config): Need[] {
  const group = `arn:${partition}:logs:${fn.region}:${fn.account}:log-group:${logGroupOf(fn, config)}`;
  const version = config.Version && /^\d+$/.test(config.Version) ? config.Version : "$LATEST";
  const stream = `${group}:log-stream:${sampleStream(capturedAt, version)}`;
  // The fix names the group with `:*`, the form that covers its streams.
  return [
    { action: "logs:CreateLogStream", resources: [stream], grantResource: `${group}:*` },
    { action: "logs:PutLogEvents", resources: [stream], grantResource: `${group}:*` },
  ];
}

export const logsPermissionMissing: Rule = {
  id: "logs-permission-missing",
  title: "Function cannot write logs",
  severity: "medium",
  needs: ["GetAccountAuthorizationDetails"],
  description:
    "The role (of the function, or of a version an alias routes to) cannot logs:CreateLogStream and logs:PutLogEvents on its log group, so the function writes no logs.",
  check(ctx) {
    return deploymentFindings(ctx, this, (c, fn) => logGroupOf(fn, c), (fn, { config, versionArn, label }) => {
      const group = logGroupOf(fn, config);
      return {
        needs: logNeeds(fn, ctx.model.partition, ctx.model.capturedAt, config),
        subject: label ? `${label.charAt(0).toUpperCase()}${label.slice(1)}` : "Function",
        intro: `${label ? `The function's ${label}, as published,` : "The function"} logs to CloudWatch Logs group ${group}${group === `/aws/lambda/${fn.name}` ? "" : " (set in LoggingConfig.LogGroup)"}.`,
        impact: "Lambda drops the function's logs silently; errors go unnoticed.",
        context: [configEvidence(versionArn ?? fn.arn, `Log group ${group}${label ? ` of ${label}` : ""}`, config.LoggingConfig ?? { LogGroup: group }, ["LogGroup"])],
      };
    });
  },
};
