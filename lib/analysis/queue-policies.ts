/**
 * SQS queue policies, from the scan's GetQueueAttributes (AttributeNames Policy): parsed once per model, so every
 * question on a queue (role-access.ts) looks its policy up here. Within the queue's account the queue policy can
 * grant the role what its identity policies do not, and a Deny there refuses it; across accounts both must allow
 * (reference_policies_evaluation-logic.html, lambda-permissions.md "Cross-account queue").
 *
 * SQS leaves Policy out of the answer when the queue has none, so an answer without it reads as "no queue policy".
 * Snapshots taken before the scan asked for Policy lack it too, and read the same way: their analysis is what it
 * was (identity policies alone decide), not turned unknown. A queue whose read failed has an unread policy.
 */
import { parsePolicyDocument, type PolicyReading } from "@/lib/policy/parse";
import type { PolicyDocument } from "@/lib/policy/types";
import type { QueueReads } from "./queue-encryption";
import type { ParseProblem } from "./types";

export interface QueuePolicy {
  policy?: PolicyDocument;
  /** Why the queue policy is unknown: the read failed, or the document is malformed. */
  unread?: string;
  /** The parser's message, when the document is malformed. */
  malformed?: string;
}

/** Queue ARN → its policy or why it is unknown; queues read without a policy, or never read, are absent. */
export type QueuePolicies = ReadonlyMap<string, QueuePolicy>;

export function queuePolicies(reads: QueueReads, reading: PolicyReading, problems: ParseProblem[]): QueuePolicies {
  const out = new Map<string, QueuePolicy>();
  for (const [arn, response] of reads.responses) {
    const text = response.Attributes?.Policy;
    // SQS removes a queue's policy when it is set to "": none, as when the attribute is absent.
    if (text === undefined || text === null || text === "") continue;
    const parsed = parsePolicyDocument(text, { kind: "resource", policyName: "queue policy", resourceArn: arn }, reading);
    if (parsed.ok) out.set(arn, { policy: parsed.policy });
    else {
      out.set(arn, { unread: `the queue policy of ${arn}, which is malformed`, malformed: parsed.error });
      problems.push({ where: `queue policy of ${arn}`, why: parsed.error });
    }
  }
  for (const [arn, e] of reads.errors) {
    if (!out.has(arn)) out.set(arn, { unread: `the queue policy of ${arn} (${e.operation} failed: ${e.code ?? "error"})` });
  }
  return out;
}
