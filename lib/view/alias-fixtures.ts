/**
 * An account for the details of alias nodes (lib/view/alias-details.test.ts, components/details/details-panel.test.ts):
 * `orders` runs as orders-stable-role (may delete from its queue); version 4 was published with orders-canary-role
 * (logs only), which `worker` runs as now (so its reach list is in the report) unless `canaryIdle`. Alias `next`
 * routes to version 4, alias `live` to version 3 with 10 % of calls to version 4. API Gateway may invoke `next`,
 * EventBridge `live`, SNS the function itself; deployer-role may invoke the function itself through its own policy.
 * `canaryUnread`: one of the canary role's policies is malformed; `policyUnread`: orders' GetPolicy failed;
 * `canarySetAside`: version 4's Role is one IAM could never give, so reading the snapshot sets it aside.
 * `versions`: "absent" lists version 3 only (the list lacks version 4), "unread" lists none and records the
 * ListVersionsByFunction call as failed. aliasSnapshot is the snapshot before it is read, for tests that alter it.
 */
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { allow, policy, RawDocument } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";

export const ACCOUNT = "123456789012";
export const ORDERS = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders`;
export const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-queue`;

export interface AliasOptions {
  canaryIdle?: boolean;
  canaryUnread?: boolean;
  policyUnread?: boolean;
  canarySetAside?: boolean;
  versions?: "listed" | "absent" | "unread";
}

export function aliasReport(options: AliasOptions = {}) {
  return analyzeSnapshot(parseSnapshot(JSON.stringify(aliasSnapshot(options))));
}

export function aliasSnapshot({ canaryIdle = false, canaryUnread = false, policyUnread = false, canarySetAside = false, versions = "listed" }: AliasOptions = {}) {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-06-01T10:00:00Z", regions: ["us-east-1"] });
  const stable = b.role({ name: "orders-stable-role", inline: { queue: policy(allow("sqs:DeleteMessage", QUEUE)) } });
  const logs = policy(allow("logs:PutLogEvents", "*"));
  const canary = b.role({ name: "orders-canary-role", inline: canaryUnread ? { logs, broken: new RawDocument('{"Statement":[') } : { logs } });
  b.role({ name: "deployer-role", inline: { invoke: policy(allow("lambda:InvokeFunction", ORDERS)) } });
  const fn = b.fn({ region: "us-east-1", name: "orders", runtime: "nodejs22.x", role: stable });
  if (!canaryIdle) b.fn({ region: "us-east-1", name: "worker", runtime: "nodejs22.x", role: canary });
  if (versions !== "unread") b.version(fn, "3", stable);
  if (versions === "listed") b.version(fn, "4", canary);
  else if (versions === "unread") b.error({ region: "us-east-1", operation: "ListVersionsByFunction", target: fn, code: "AccessDeniedException", message: "denied" });
  b.alias(fn, "live", "3", "stable with a canary", { "4": 0.1 });
  b.alias(fn, "next", "4");
  b.permission(fn, { sid: "api", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:us-east-1:${ACCOUNT}:abc123/*/POST/orders`, qualifier: "next" });
  b.permission(fn, { sid: "rule", principal: "events.amazonaws.com", sourceArn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/nightly`, qualifier: "live" });
  b.permission(fn, { sid: "topic", principal: "sns.amazonaws.com", sourceArn: `arn:aws:sns:us-east-1:${ACCOUNT}:orders-topic` });
  if (policyUnread) b.error({ region: "us-east-1", operation: "GetPolicy", target: fn, code: "AccessDeniedException", message: "denied" });
  const snapshot = b.build();
  if (canarySetAside) {
    const versions = (snapshot.regions?.["us-east-1"]?.ListVersionsByFunction as Record<string, { Versions: { Version: string; Role?: string }[] }>)[fn]!.Versions;
    versions.find((v) => v.Version === "4")!.Role = `arn:aws:iam::${ACCOUNT}:role/orders-canary-role\u202e`;
  }
  return snapshot;
}
