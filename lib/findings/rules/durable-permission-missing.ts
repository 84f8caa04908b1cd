/**
 * durable-permission-missing: a durable function (DurableConfig) whose role cannot checkpoint its executions or read
 * their state, which its code does through the durable SDK at every step. Lambda authorises both against the durable
 * execution's ARN, a sub-resource of the version that runs it (`function:name:$LATEST/durable-execution/<name>/<id>`),
 * so a grant on the unqualified function ARN does not cover it (durable-security.html); also for a routed-to version
 * (deployments.ts).
 */
import { configEvidence } from "../evidence";
import { deploymentFindings } from "../deployments";
import type { FunctionConfiguration } from "@/lib/snapshot/schema";
import type { Rule } from "../types";

const ACTIONS = ["lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"];

/** Where the version's durable executions are: `<version ARN>/durable-execution/<name>/<id>`. */
function executionsOf(versionArn: string): string {
  return `${versionArn}/durable-execution/`;
}

/** An execution named as no grant would name one on purpose: a grant that covers it covers them all. */
const PROBE_EXECUTION = "lpg-probe-execution/00000000-0000-0000-0000-000000000000";

/** DurableConfig is an object on durable functions; anything else (other tools' odd shapes) is not read as durable. */
function isDurable(config: FunctionConfiguration): boolean {
  return typeof config.DurableConfig === "object" && config.DurableConfig !== null && !Array.isArray(config.DurableConfig);
}

export const durablePermissionMissing: Rule = {
  id: "durable-permission-missing",
  title: "Durable function cannot checkpoint",
  severity: "high",
  needs: ["GetAccountAuthorizationDetails"],
  description:
    "DurableConfig is set (on the function or a version an alias routes to) but its role cannot lambda:CheckpointDurableExecution and lambda:GetDurableExecutionState on the function's durable executions (function:name:version/durable-execution/…).",
  check(ctx) {
    return deploymentFindings(ctx, this, (c) => (isDurable(c) ? "durable" : ""), (fn, { config, versionArn, label }) => {
      if (!isDurable(config)) return undefined;
      // Executions of the function's own configuration run on $LATEST; a routed-to version's, on that version.
      const executions = executionsOf(versionArn ?? `${fn.arn}:$LATEST`);
      const execution = `${executions}${PROBE_EXECUTION}`;
      return {
        needs: ACTIONS.map((action) => ({ action, resources: [execution], grantResource: `${fn.arn}:*` })),
        subject: label ? `Durable ${label}` : "Durable function",
        intro:
          `DurableConfig is set${label ? ` in the function's ${label}, as published` : ""}, so its code checkpoints each step and reads its ` +
          `execution's state with the execution role, on the execution's ARN (${executions}<name>/<id>).`,
        impact:
          "Durable executions fail at their first checkpoint. A grant on the unqualified function ARN does not cover them: it needs the " +
          "qualifier pattern (function:name:*).",
        context: [configEvidence(versionArn ?? fn.arn, `DurableConfig${label ? ` of ${label}` : ""}`, { DurableConfig: config.DurableConfig }, ["DurableConfig"])],
      };
    });
  },
};
