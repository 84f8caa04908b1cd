/**
 * logs-permission-missing: the role cannot create log streams and put log events in the function's log group
 * (`LoggingConfig.LogGroup`, default `/aws/lambda/<name>`). Both are evaluated on a log-stream ARN
 * (`…:log-group:<group>:log-stream:<stream>`): a grant on `log-group:<group>` alone does not cover PutLogEvents.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { Finding } from "@/lib/analysis/types";
import { configEvidence } from "../evidence";
import { functionsWithData } from "../data-needs";
import { checkNeeds, needsFinding, type Need } from "../role-needs";
import type { Rule } from "../types";

export function logGroupOf(fn: FunctionModel): string {
  return fn.config.LoggingConfig?.LogGroup || `/aws/lambda/${fn.name}`;
}

/** A stream name as Lambda writes it: `YYYY/MM/DD/[$LATEST]<hex>`; the same for every function of a snapshot. */
let lastStream: { capturedAt: string; stream: string } | undefined;

function sampleStream(capturedAt: string): string {
  if (lastStream?.capturedAt !== capturedAt) {
    lastStream = { capturedAt, stream: `${capturedAt.slice(0, 10).replaceAll("-", "/")}/[$LATEST]0123456789abcdef0123456789abcdef` };
  }
  return lastStream.stream;
}

export function logNeeds(fn: FunctionModel, partition: string, capturedAt: string): Need[] {
  const group = `arn:${partition}:logs:${fn.region}:${fn.account}:log-group:${logGroupOf(fn)}`;
  const stream = `${group}:log-stream:${sampleStream(capturedAt)}`;
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
    "The role cannot logs:CreateLogStream and logs:PutLogEvents on the function's log group, so the function writes no logs.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      const needs = logNeeds(fn, ctx.model.partition, ctx.model.capturedAt);
      const outcomes = checkNeeds(ctx, fn, needs);
      if (!outcomes) continue;
      const group = logGroupOf(fn);
      const finding = needsFinding({
        rule: this.id,
        severity: this.severity,
        fn,
        subject: "Function",
        outcomes,
        intro: `The function logs to CloudWatch Logs group ${group}${group === `/aws/lambda/${fn.name}` ? "" : " (set in LoggingConfig.LogGroup)"}.`,
        impact: "Lambda drops the function's logs silently; errors go unnoticed.",
        context: [configEvidence(fn.arn, `Log group ${group}`, fn.config.LoggingConfig ?? { LogGroup: group }, ["LogGroup"])],
      });
      if (finding) findings.push(finding);
    }
    return findings;
  },
};
