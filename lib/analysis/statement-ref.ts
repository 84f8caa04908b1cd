import type { PolicyDocument, Statement } from "@/lib/policy/types";

/** How reports point at a statement: "policyName#sid", or "policyName#index" when it has no Sid. */
export function statementRef(policy: PolicyDocument, st: Statement): string {
  return `${policy.source.policyName}#${st.sid ?? st.index}`;
}
