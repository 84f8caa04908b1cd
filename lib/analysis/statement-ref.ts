import type { PolicyDocument, Statement } from "@/lib/policy/types";

/**
 * How reports point at a statement: "policyName#sid", or "policyName#index" when it has no Sid; an IAM user's
 * statement that comes through a group says which: "group deployers: policyName#sid".
 */
export function statementRef(policy: PolicyDocument, st: Statement): string {
  const group = policy.source.groupName;
  return `${group ? `group ${group}: ` : ""}${policy.source.policyName}#${st.sid ?? st.index}`;
}

/**
 * How reports point at a statement of a resource's own policy: "function policy of <ARN>#<Sid or index>", "key policy
 * of <key ARN>#…", a KMS grant "grants of <key ARN>#<grant id>", "queue policy of <queue ARN>#…", "file system policy
 * of <file system ARN>#…", "repository policy of <repository ARN>#…", "topic policy of <topic ARN>#…". The policy's own name ("default", "queue
 * policy") would not say whose.
 */
export function resourceStatementRef(holder: string, policyName: string, id: string | number): string {
  if (policyName === "grants") return `grants of ${holder}#${id}`;
  const whose = holder.includes(":lambda:") ? "function" : holder.includes(":sqs:") ? "queue" : holder.includes(":elasticfilesystem:") ? "file system" : holder.includes(":ecr:") ? "repository" : holder.includes(":sns:") ? "topic" : "key";
  return `${whose} policy of ${holder}#${id}`;
}
