/**
 * KMS needs of a Kinesis stream a trigger reads (lambda-permissions.md §1.1 Kinesis row: kms:Decrypt on the key of
 * a stream under a customer managed key), from the stream's encryption as the scan read it. An enhanced fan-out
 * consumer reads its stream's records, so its stream's key counts. No encryption or the AWS managed
 * alias/aws/kinesis needs nothing from IAM; an unknown one is judged by no rule and named by data-unavailable.
 */
import type { AccountModel } from "@/lib/analysis/account-model";
import { streamEncryption } from "@/lib/analysis/stream-encryption";
import { parseStreamArn } from "@/lib/analysis/streams-used";
import { viaServiceValue } from "@/lib/policy/principal";
import { resourceKeyNeeds, type ResourceKeyNeeds } from "./resource-key-needs";

/** `source`: the mapping's EventSourceArn, a stream or consumer ARN. */
export function streamKeyNeeds(model: AccountModel, source: string): ResourceKeyNeeds | undefined {
  const stream = parseStreamArn(source)?.stream;
  const encryption = stream ? streamEncryption(model.streams, stream) : undefined;
  if (encryption?.kind !== "kms") return undefined;
  const { key, keyId, response } = encryption;
  // Lambda reads the records through Kinesis, which makes the KMS request (kms:ViaService, as for SQS; unverified).
  return resourceKeyNeeds(
    model.kms,
    { operation: "DescribeStreamSummary", arn: encryption.streamArn, key, keyId, document: { ...response }, keyField: "KeyId", viaService: viaServiceValue("kinesis", key.region, key.partition) },
    ["kms:Decrypt"],
  );
}
