/**
 * Kinesis stream encryption for the streams the region's event source mappings read (lambda-permissions.md §1.1:
 * a stream under a customer managed key needs kms:Decrypt on it). Read with DescribeStreamSummary only (no shard
 * list, read-only), stored as Kinesis returns it under regions[R].DescribeStreamSummary["<stream ARN>"] (snapshot.md
 * allows extra operations named by their API). An enhanced fan-out consumer's stream is read, never the consumer.
 */
import { DescribeStreamSummaryCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import type { EventSourceMappingConfiguration } from "@aws-sdk/client-lambda";
import { StreamSummarySchema, type SnapshotError } from "@/lib/snapshot/schema";
import { parseStreamArn, streamsUsed } from "@/lib/analysis/streams-used";
import { collectPerResource } from "./per-resource";

/** Every Kinesis stream ARN the region's mappings read (a consumer's stream for enhanced fan-out), sorted. */
export function regionStreams(data: { ListEventSourceMappings?: { EventSourceMappings: EventSourceMappingConfiguration[] } }): string[] {
  return streamsUsed(data.ListEventSourceMappings?.EventSourceMappings ?? []);
}

/**
 * DescribeStreamSummary for each stream, in the stream's own region, by StreamARN: another account's stream answers
 * only if its resource policy lets the scanning identity describe it; otherwise its encryption is unknown.
 */
export function collectStreamSummaries(
  kinesis: (region: string) => KinesisClient,
  streams: readonly string[],
  region: string,
  record: (e: SnapshotError) => void,
): Promise<Record<string, Record<string, unknown>>> {
  return collectPerResource("DescribeStreamSummary", streams, region, record, StreamSummarySchema, (arn) => {
    const home = parseStreamArn(arn)?.region;
    return home ? kinesis(home).send(new DescribeStreamSummaryCommand({ StreamARN: arn })) : undefined;
  });
}
