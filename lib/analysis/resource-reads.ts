/**
 * The scan's per-resource reads beyond Lambda's (SQS GetQueueAttributes, SNS GetTopicAttributes, Kinesis DescribeStreamSummary, EFS
 * DescribeAccessPoints and DescribeFileSystemPolicy, Lambda GetFunction and ECR GetRepositoryPolicy): answers
 * by resource ARN from every region's map, and failed reads by their target. What a resource's read says is one of
 * three things: its answer; unknown (the read failed, or the snapshot reads such resources but left this one
 * out); or not read at all (the snapshot holds no read of that kind: an older scan, another tool).
 */
import { parsePolicyDocument, type PolicyReading } from "@/lib/policy/parse";
import type { PolicyDocument } from "@/lib/policy/types";
import type { RegionData, Snapshot, SnapshotError } from "@/lib/snapshot/schema";
import type { ParseProblem } from "./types";

export type ReadOperation = "GetQueueAttributes" | "GetTopicAttributes" | "DescribeStreamSummary" | "DescribeAccessPoints" | "DescribeFileSystemPolicy" | "GetFunction" | "GetRepositoryPolicy";
type ResponseOf<O extends ReadOperation> = NonNullable<RegionData[O]>[string];

export interface ResourceReads<O extends ReadOperation> {
  operation: O;
  responses: Map<string, ResponseOf<O>>;
  errors: Map<string, SnapshotError>;
  /** True when the snapshot holds any read or failed read of this kind: then a resource absent from both was left out. */
  read: boolean;
}

export function resourceReads<O extends ReadOperation>(snapshot: Snapshot, operation: O): ResourceReads<O> {
  const responses = new Map<string, ResponseOf<O>>();
  let read = false;
  for (const data of Object.values(snapshot.regions)) {
    const map = data?.[operation] as Record<string, ResponseOf<O>> | undefined;
    if (!map) continue;
    read = true;
    for (const [arn, response] of Object.entries(map)) responses.set(arn, response);
  }
  const errors = new Map<string, SnapshotError>();
  for (const e of snapshot.errors) {
    if (e.operation !== operation || !e.target) continue;
    read = true;
    errors.set(e.target, e);
  }
  return { operation, responses, errors, read };
}

export type Unread =
  /** The read failed or was left out: the function's unavailable list says why. */
  | { kind: "unknown"; why: string; error?: SnapshotError }
  /** No read of this kind in the snapshot: not judged, said once for the account. */
  | { kind: "not-read" };

export function isUnread(e: { kind: string }): e is Unread {
  return e.kind === "unknown" || e.kind === "not-read";
}

/** The resource's answer, or why there is none. */
export function readOf<O extends ReadOperation>(reads: ResourceReads<O>, arn: string): { kind: "read"; response: ResponseOf<O> } | Unread {
  const response = reads.responses.get(arn);
  if (response) return { kind: "read", response };
  const error = reads.errors.get(arn);
  if (error) return { kind: "unknown", why: `${reads.operation} failed (${error.code ?? "error"})`, error };
  return reads.read ? { kind: "unknown", why: `the snapshot holds no ${reads.operation} answer for it` } : { kind: "not-read" };
}

/** A resource's own policy as read: the document, or why it is unknown (the parser's message). */
export interface ResourcePolicy {
  policy?: PolicyDocument;
  unread?: string;
}

/**
 * Each read resource's policy (the text `textOf` finds in its answer), parsed once; a malformed one is unknown and
 * reported as `<policyName> of <ARN>`. Resources read without a policy are absent: no policy of their own.
 */
export function parsedResourcePolicies<O extends ReadOperation>(
  reads: ResourceReads<O>,
  textOf: (response: ResponseOf<O>) => unknown,
  policyName: string,
  reading: PolicyReading,
  problems: ParseProblem[],
): Map<string, ResourcePolicy> {
  const out = new Map<string, ResourcePolicy>();
  for (const [arn, response] of reads.responses) {
    const text = textOf(response);
    if (text === undefined || text === null) continue;
    const parsed = parsePolicyDocument(text, { kind: "resource", policyName, resourceArn: arn }, reading);
    if (parsed.ok) out.set(arn, { policy: parsed.policy });
    else {
      out.set(arn, { unread: parsed.error });
      problems.push({ where: `${policyName} of ${arn}`, why: parsed.error });
    }
  }
  return out;
}
