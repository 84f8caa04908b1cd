/**
 * logs-permission-missing: the role cannot create log streams and put log events in the function's log group
 * (`LoggingConfig.LogGroup`, default `/aws/lambda/<name>`); also for a routed-to version published with another
 * role or log group (deployments.ts). Both are evaluated on a log-stream ARN
 * (`…:log-group:<group>:log-stream:<stream>`): a grant on `log-group:<group>` alone does not cover PutLogEvents.
 * A Lambda@Edge function's replicas log elsewhere (edgeReplicaGroup): either group may be the one it uses.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { captureDayUtc } from "@/lib/analysis/capture-day";
import { mayRunAtEdge } from "@/lib/analysis/edge-function";
import type { GrantModel } from "@/lib/analysis/role-assumers";
import type { RoleModel } from "@/lib/analysis/role-model";
import type { FunctionConfiguration } from "@/lib/snapshot/schema";
import { configEvidence } from "../evidence";
import { deploymentFindings } from "../deployments";
import type { Need, NeedOutcome } from "../role-needs";
import type { Rule } from "../types";

/** The log group of the function's configuration, or of a version's (`config`). */
export function logGroupOf(fn: FunctionModel, config: FunctionConfiguration = fn.config): string {
  return config.LoggingConfig?.LogGroup || `/aws/lambda/${fn.name}`;
}

/**
 * The day part of a stream name as Lambda writes it (`YYYY/MM/DD/[<version>]<hex>`): the UTC day, whatever zone
 * capturedAt is written in; the same for a whole snapshot.
 */
let lastDay: { capturedAt: string; day: string } | undefined;

function sampleStream(capturedAt: string, version: string): string {
  if (lastDay?.capturedAt !== capturedAt) lastDay = { capturedAt, day: captureDayUtc(capturedAt).replaceAll("-", "/") };
  return `${lastDay.day}/[${version}]0123456789abcdef0123456789abcdef`;
}

/** Not a closure in logNeeds: tsx's kept names cost a defineProperty per closure made (see roleRequest). */
function logGroupArn(partition: string, region: string, account: string, groupName: string): string {
  return `arn:${partition}:logs:${region}:${account}:log-group:${groupName}`;
}

export function logNeeds(
  fn: FunctionModel,
  partition: string,
  capturedAt: string,
  config: FunctionConfiguration = fn.config,
  groupName = logGroupOf(fn, config),
  extra: Pick<Need, "assumption"> & { regions?: string[]; grantRegion?: string } = {},
): Need[] {
  const { regions = [fn.region], grantRegion, ...rest } = extra;
  const version = config.Version && /^\d+$/.test(config.Version) ? config.Version : "$LATEST";
  const streams = regions.map((region) => `${logGroupArn(partition, region, fn.account, groupName)}:log-stream:${sampleStream(capturedAt, version)}`);
  // The fix names the group with `:*`, the form that covers its streams.
  const grantResource = `${logGroupArn(partition, grantRegion ?? fn.region, fn.account, groupName)}:*`;
  return [
    { action: "logs:CreateLogStream", resources: streams, grantResource, ...rest },
    { action: "logs:PutLogEvents", resources: streams, grantResource, ...rest },
  ];
}

/**
 * Where the Lambda@Edge replicas of a function log: `/aws/lambda/us-east-1.<name>`, in the Region each runs in
 * (CloudFront guide, edge-functions-logs). Only a us-east-1 function whose role lets edgelambda.amazonaws.com assume
 * it can be one; the snapshot does not hold CloudFront's associations, so whether it is one is not known.
 */
export function edgeReplicaGroup(fn: FunctionModel, config: FunctionConfiguration, role: RoleModel | undefined, model: GrantModel): string | undefined {
  // AWS reports the default group in LoggingConfig too; a custom one is where every copy logs.
  if (logGroupOf(fn, config) !== `/aws/lambda/${fn.name}` || !mayRunAtEdge(fn, role, model)) return undefined;
  return `/aws/lambda/us-east-1.${fn.name}`;
}

const DIRECT = "if invoked directly";
const AT_EDGE = "at the edge";
/**
 * Replicas create their streams "in the AWS Regions where the functions are invoked" (edge-functions-logs): their
 * group is asked in us-east-1 and in one other Region, so a grant scoped to one Region does not pass for all.
 */
const EDGE_SAMPLE_REGIONS = ["us-east-1", "eu-west-1"];

/**
 * A possible Lambda@Edge function logs to one of its two groups, whichever way it is called. Where either group takes
 * both calls the other's gaps are "may lack" (their assumption); where both are refused outright the function logs
 * nowhere: "lacks", with both groups in the fix; where one is only in doubt, "may lack" stays.
 */
function settleEdge(outcomes: NeedOutcome[]): NeedOutcome[] {
  const of = (tag: string) => outcomes.filter((o) => o.need.assumption === tag);
  const usable = (group: NeedOutcome[]) => group.every((o) => o.decision === "allowed");
  const refused = (group: NeedOutcome[]) => group.some((o) => o.decision === "explicitly-denied" || o.decision === "implicitly-denied");
  const [direct, edge] = [of(DIRECT), of(AT_EDGE)];
  if (usable(direct) || usable(edge) || !refused(direct) || !refused(edge)) return outcomes;
  return outcomes.map((o) => ({ ...o, need: { ...o.need, assumption: undefined } }));
}

export const logsPermissionMissing: Rule = {
  id: "logs-permission-missing",
  title: "Function cannot write logs",
  severity: "medium",
  needs: ["GetAccountAuthorizationDetails"],
  description:
    "The role (of the function, or of a version an alias routes to) cannot logs:CreateLogStream and logs:PutLogEvents on its log group, so the function writes no logs.",
  check(ctx) {
    return deploymentFindings(ctx, this, (c, fn) => logGroupOf(fn, c), (fn, { config, versionArn, label, role }) => {
      const group = logGroupOf(fn, config);
      const { partition, capturedAt } = ctx.model;
      const edge = edgeReplicaGroup(fn, config, role, ctx.model);
      const edgeNote = edge
        ? ` Its role lets edgelambda.amazonaws.com assume it, so it may run as Lambda@Edge, whose replicas log to ${edge} in the Region each runs in.`
        : "";
      return {
        needs: edge
          ? [
              ...logNeeds(fn, partition, capturedAt, config, group, { assumption: DIRECT }),
              ...logNeeds(fn, partition, capturedAt, config, edge, { assumption: AT_EDGE, regions: EDGE_SAMPLE_REGIONS, grantRegion: "*" }),
            ]
          : logNeeds(fn, partition, capturedAt, config),
        ...(edge ? { settle: settleEdge } : {}),
        subject: label ? `${label.charAt(0).toUpperCase()}${label.slice(1)}` : "Function",
        intro: `${label ? `The function's ${label}, as published,` : "The function"} logs to CloudWatch Logs group ${group}${group === `/aws/lambda/${fn.name}` ? "" : " (set in LoggingConfig.LogGroup)"}.${edgeNote}`,
        impact: "Lambda drops the function's logs silently; errors go unnoticed.",
        context: [configEvidence(versionArn ?? fn.arn, `Log group ${group}${label ? ` of ${label}` : ""}`, config.LoggingConfig ?? { LogGroup: group }, ["LogGroup"])],
      };
    });
  },
};
