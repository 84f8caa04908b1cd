import type { PolicyDocument, Statement } from "@/lib/policy/types";

/**
 * How reports point at a statement: "policyName#sid", or "policyName#index" when it has no Sid; an IAM user's
 * statement that comes through a group says which: "group deployers: policyName#sid".
 */
export function statementRef(policy: PolicyDocument, st: Statement): string {
  const group = policy.source.groupName;
  return `${group ? `group ${group}: ` : ""}${policy.source.policyName}#${st.sid ?? st.index}`;
}
