/**
 * SQS queue encryption and queue policy for the queues the region's functions use: event-source-mapping sources,
 * dead-letter queues and SQS destinations (lambda-permissions.md: a queue under a customer managed key needs
 * kms:Decrypt, and kms:GenerateDataKey to send to it; a queue policy can grant or deny the role the queue itself).
 * Read with GetQueueAttributes only, stored as SQS returns it under regions[R].GetQueueAttributes["<queue ARN>"]
 * (snapshot.md allows extra operations named by their API).
 */
import { GetQueueAttributesCommand, type QueueAttributeName, type SQSClient } from "@aws-sdk/client-sqs";
import type { EventSourceMappingConfiguration, FunctionConfiguration } from "@aws-sdk/client-lambda";
import { QueueAttributesSchema, type SnapshotError } from "@/lib/snapshot/schema";
import { collectPerResource } from "./per-resource";
import { parseQueueArn, queuesUsed, type QueueUsers } from "@/lib/analysis/queues-used";
import { endpointDomain } from "@/lib/policy/partition-domains";

/**
 * Only what analysis reads: which key encrypts the queue, or whether SQS manages the encryption itself; and the
 * queue's policy, which may grant or deny the execution role what the trigger or dead-letter queue needs
 * (lambda-permissions.md). Same call and permission; SQS leaves Policy out of the answer when the queue has none.
 */
export const QUEUE_ATTRIBUTES: QueueAttributeName[] = ["KmsMasterKeyId", "SqsManagedSseEnabled", "Policy"];

type Json = Record<string, unknown>;

/** The region's Lambda data the queue list is drawn from (as collectRegion holds it). */
export interface QueueSources {
  ListFunctions?: { Functions: FunctionConfiguration[] };
  ListEventSourceMappings?: { EventSourceMappings: EventSourceMappingConfiguration[] };
  ListVersionsByFunction: Record<string, { Versions: FunctionConfiguration[] }>;
  GetFunctionEventInvokeConfig: Record<string, Json>;
}

/** Every SQS queue ARN the region's functions, versions, mappings and async settings name, sorted. */
export function regionQueues(data: QueueSources): string[] {
  return queuesUsed(regionUsers(data));
}

/** The region's configurations, mappings and async settings, as queuesUsed and topicsUsed read them. */
export function regionUsers(data: QueueSources): QueueUsers {
  return {
    configs: [...(data.ListFunctions?.Functions ?? []), ...Object.values(data.ListVersionsByFunction).flatMap((v) => v.Versions)],
    mappings: data.ListEventSourceMappings?.EventSourceMappings ?? [],
    invokeConfigs: Object.values(data.GetFunctionEventInvokeConfig) as QueueUsers["invokeConfigs"],
  };
}

/**
 * The queue URL SQS documents for a queue ARN (https://sqs.R.amazonaws.com/A/name), which saves a GetQueueUrl
 * call and its permission. Only the body carries it: the client is told not to route to its host (clients.ts).
 * Outside the commercial domain the host is the partition's endpoint (endpointDomain, the SDK's own table), as the
 * SDK's SQS client would be sent to; that SQS writes its URLs there with the same path is unverified.
 */
export function queueUrl(arn: string): string | undefined {
  const q = parseQueueArn(arn);
  if (!q) return undefined;
  return `https://sqs.${q.region}.${endpointDomain(q.partition) ?? "amazonaws.com"}/${q.account}/${q.name}`;
}

/**
 * GetQueueAttributes for each queue, in the queue's own region; a failure is an error naming the queue
 * (per-resource.ts), so analysis calls that queue's encryption and policy unknown instead of taking it as
 * unencrypted and without a policy.
 */
export function collectQueueAttributes(
  sqs: (region: string) => SQSClient,
  queues: readonly string[],
  region: string,
  record: (e: SnapshotError) => void,
): Promise<Record<string, Json>> {
  return collectPerResource("GetQueueAttributes", queues, region, record, QueueAttributesSchema, (arn) => {
    const url = queueUrl(arn);
    const home = parseQueueArn(arn)?.region;
    return url && home ? sqs(home).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: QUEUE_ATTRIBUTES })) : undefined;
  });
}
