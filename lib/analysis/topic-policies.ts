/**
 * SNS topic policies, from the scan's GetTopicAttributes (lib/aws/topics.ts), for the topics functions send to:
 * parsed once per model, so every question on a topic (role-access.ts) looks its policy up here. Weighed as a queue
 * policy is (queue-policies.ts): within the topic's account either it or the identity policies may allow
 * sns:Publish, a Deny there refuses; across accounts both must allow.
 *
 * A topic the snapshot holds no read of (an older scan, a topic no function names) has no known policy: its answers
 * are the identity side only (resource-side.ts), never "no topic policy". SNS answers NotFound (NotFoundException)
 * for a topic that does not exist: no request on it succeeds.
 */
import type { PolicyReading } from "@/lib/policy/parse";
import type { Snapshot } from "@/lib/snapshot/schema";
import { parsedResourcePolicies, resourceReads, type ResourcePolicy, type ResourceReads } from "./resource-reads";
import type { ParseProblem } from "./types";
import type { FunctionModel, Unavailable } from "./account-model";
import { MALFORMED_POLICY, toUnavailable } from "./snapshot-gaps";

/** How the SDK names SNS's NotFound (the Query error code), as a scan records it. */
export const TOPIC_GONE = "NotFoundException";

export interface TopicModel {
  reads: ResourceReads<"GetTopicAttributes">;
  /** Topic ARN → its parsed policy, or why unknown; topics read without a policy are absent. */
  policies: ReadonlyMap<string, ResourcePolicy>;
}

export function topicModel(snapshot: Snapshot, reading: PolicyReading, problems: ParseProblem[]): TopicModel {
  const reads = resourceReads(snapshot, "GetTopicAttributes");
  // An empty Policy attribute is no policy, as SQS's is.
  const policies = parsedResourcePolicies(reads, (response) => response.Attributes?.Policy || undefined, "topic policy", reading, problems);
  return { reads, policies };
}

/**
 * Topics the function sends to whose policy is unread (GetTopicAttributes failed other than NotFound, or the policy
 * did not parse): its answers there are conditional on that policy (role-access.ts), so its data is unknown, as for
 * a queue's (account-model.ts addQueuePolicyGaps), and data-unavailable names the read and the topic.
 */
export function addTopicPolicyGaps(fn: FunctionModel, topics: Iterable<string>, model: TopicModel): void {
  for (const arn of topics) {
    const gap = topicPolicyGap(model, arn);
    if (!gap || fn.unavailable.some((u) => u.operation === gap.operation && u.target === arn)) continue;
    fn.unavailable.push(gap);
    fn.unknownOps.add(gap.operation);
  }
}

function topicPolicyGap({ reads, policies }: TopicModel, arn: string): Unavailable | undefined {
  const malformed = policies.get(arn)?.unread;
  if (malformed !== undefined) return { operation: reads.operation, target: arn, code: MALFORMED_POLICY, message: malformed };
  const failed = reads.errors.get(arn);
  return failed && failed.code !== TOPIC_GONE ? toUnavailable(failed) : undefined;
}
