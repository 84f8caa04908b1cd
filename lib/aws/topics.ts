/**
 * SNS topic policies and encryption for the topics the region's functions send to: dead-letter topics, async
 * destinations and mapping on-failure destinations (lambda-permissions.md: the execution role needs sns:Publish on
 * the topic, which the topic policy can also grant, or deny; under a KMS key, the key's actions too,
 * lib/analysis/topic-encryption.ts). Read with GetTopicAttributes only, stored under
 * regions[R].GetTopicAttributes["<topic ARN>"] in SNS's own shape (snapshot.md allows extra operations named by
 * their API), an error per topic as for queues (per-resource.ts).
 */
import { GetTopicAttributesCommand, type SNSClient } from "@aws-sdk/client-sns";
import { TOPIC_ATTRIBUTES, TopicAttributesSchema, type SnapshotError } from "@/lib/snapshot/schema";
import { parseArn } from "@/lib/analysis/arn";
import { topicsUsed } from "@/lib/analysis/queues-used";
import { collectPerResource } from "./per-resource";
import { regionUsers, type QueueSources } from "./queues";

type Json = Record<string, unknown>;

/** Every SNS topic ARN the region's functions, versions, mappings and async settings send to, sorted. */
export function regionTopics(data: QueueSources): string[] {
  return topicsUsed(regionUsers(data));
}

/**
 * Only what analysis reads (TOPIC_ATTRIBUTES), and that list. SNS answers every attribute (subscription counts,
 * delivery policies, the display name) and has no way to ask for fewer; the rest is dropped before it is stored.
 */
function kept(attributes: Record<string, string> | undefined): Json {
  const out: Record<string, string> = {};
  for (const name of TOPIC_ATTRIBUTES) if (attributes?.[name] !== undefined) out[name] = attributes[name];
  return { Attributes: out, KeptAttributes: [...TOPIC_ATTRIBUTES] };
}

/**
 * GetTopicAttributes for each topic, in the topic's own region; a failure (AuthorizationErrorException,
 * NotFoundException, as the SDK names SNS's codes) is an error naming the topic, so analysis calls that topic's policy
 * unread, or the topic gone, instead of taking it as none.
 */
export function collectTopicAttributes(
  sns: (region: string) => SNSClient,
  topics: readonly string[],
  region: string,
  record: (e: SnapshotError) => void,
): Promise<Record<string, Json>> {
  return collectPerResource("GetTopicAttributes", topics, region, record, TopicAttributesSchema, (arn) => {
    const home = parseArn(arn)?.region;
    return home ? sns(home).send(new GetTopicAttributesCommand({ TopicArn: arn })).then((answer) => kept(answer.Attributes)) : undefined;
  });
}
