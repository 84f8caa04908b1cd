/**
 * KMS needs that come from the key a resource the role reads or writes is encrypted with (a queue, a stream), and
 * the evidence naming that key: the scan's answer for the resource, its key field highlighted. Findings show the
 * evidence only when one of those needs is unmet.
 */
import type { KmsKeyRef } from "@/lib/analysis/kms-key";
import type { KmsReads } from "@/lib/analysis/kms-keys";
import type { Evidence } from "@/lib/analysis/types";
import type { UndocumentedValue } from "@/lib/policy/types";
import { kmsKeyNeeds, unusableKeyEvidence } from "./kms-key-needs";
import type { Need, NeedOutcome } from "./role-needs";

export interface ResourceKeyNeeds {
  needs: Need[];
  /** The scan's answer that names the key, and DescribeKey's where the key is unusable. */
  evidence: Evidence[];
  /** The resource uses the AWS managed key of another account than the function (set where that decides alone). */
  foreignAwsManagedKey?: string;
}

export interface KeyedResource {
  /** The scan's operation that read the resource (GetQueueAttributes, DescribeStreamSummary). */
  operation: string;
  arn: string;
  key: KmsKeyRef;
  /** The key as the resource names it. */
  keyId: string;
  /** The answer as evidence shows it, and the field in it that names the key. */
  document: Record<string, unknown>;
  keyField: string;
  /** The service that makes the KMS requests for the role (kms:ViaService), e.g. sqs.<region>.amazonaws.com. */
  viaService: string | UndocumentedValue;
}

export function resourceKeyNeeds(reads: KmsReads, resource: KeyedResource, actions: readonly string[]): ResourceKeyNeeds {
  const { operation, arn, keyId } = resource;
  const needs = kmsKeyNeeds(reads, resource.key, actions, resource.viaService);
  const keyArns = new Set(needs.flatMap((n) => n.resources));
  const named: Evidence = {
    kind: "configuration",
    description: `${operation} of ${arn}: encrypted with KMS key ${keyId}`,
    source: { operation },
    document: resource.document,
    highlight: [resource.keyField, keyId],
  };
  return { needs, evidence: [named, ...[...keyArns].flatMap((keyArn) => unusableKeyEvidence(reads, keyArn))] };
}

/** The resource's evidence, for findings where one of its key's needs is unmet (otherwise it says nothing). */
export function keyEvidenceIfUnmet(outcomes: readonly NeedOutcome[], key: ResourceKeyNeeds | undefined): Evidence[] {
  if (!key) return [];
  return outcomes.some((o) => o.decision !== "allowed" && key.needs.includes(o.need)) ? key.evidence : [];
}
