/** Remediation text: minimal policy snippets and CLI commands, built the same way by every rule. */

export interface Grant {
  action: string;
  resource: string;
}

/** `{"Version":…,"Statement":[…]}` allowing `grants`, one statement per resource, pretty-printed. */
export function allowPolicySnippet(grants: Grant[]): string {
  const byResource = new Map<string, string[]>();
  for (const g of grants) {
    const list = byResource.get(g.resource) ?? [];
    if (!list.includes(g.action)) list.push(g.action);
    byResource.set(g.resource, list);
  }
  const statements = [...byResource].map(([resource, actions]) => ({
    Effect: "Allow",
    Action: actions.length === 1 ? actions[0] : actions,
    Resource: resource,
  }));
  return JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);
}

/**
 * A statement for a resource's own policy (a KMS key policy, another account's queue or topic policy) letting
 * `principalArn` perform the actions: `resource` as that policy names itself (`*` in a key policy).
 */
export function grantStatementSnippet(sid: string, principalArn: string, actions: readonly string[], resource: string): string {
  return JSON.stringify({ Sid: sid, Effect: "Allow", Principal: { AWS: principalArn }, Action: actions.length === 1 ? actions[0] : actions, Resource: resource }, null, 2);
}

/** `aws lambda remove-permission` for one function-policy statement. */
export function removePermissionCommand(functionArn: string, sid: string | undefined, qualifier?: string): string {
  const id = sid ?? "<statement-id>";
  return `aws lambda remove-permission --function-name ${functionArn}${qualifier ? ` --qualifier ${qualifier}` : ""} --statement-id ${id}`;
}

