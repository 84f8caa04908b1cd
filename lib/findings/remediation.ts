/** Remediation text: minimal policy snippets and CLI commands, built the same way by every rule. */

import { parseArn } from "@/lib/analysis/arn";

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
  return grantStatementsSnippet(sid, principalArn, [{ actions, resource }]);
}

/**
 * grantStatementSnippet for several resources of one policy (an MSK cluster's topics and groups): one statement each,
 * as a list to paste into the policy's Statement, since one statement would grant every action on every resource.
 */
export function grantStatementsSnippet(sid: string, principalArn: string, grants: readonly { actions: readonly string[]; resource: string }[]): string {
  const statements = grants.map(({ actions, resource }, i) => ({
    Sid: grants.length > 1 ? `${sid}${i + 1}` : sid,
    Effect: "Allow",
    Principal: { AWS: principalArn },
    Action: actions.length === 1 ? actions[0] : actions,
    Resource: resource,
  }));
  return JSON.stringify(statements.length > 1 ? statements : statements[0], null, 2);
}

/**
 * One shell word for a value from the snapshot in a command meant to be pasted into a shell: as it is when it holds
 * only characters no shell treats specially (every name AWS itself allows), else in single quotes. A crafted Sid
 * `x; curl … | sh` (a whole-document policy has no Sid pattern) would otherwise run what follows it, and a qualifier
 * `$LATEST` would be expanded away.
 */
export function shellArg(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * ` --flag value`, or ` --flag=value` for a value starting with `-` (a Sid or alias may): the AWS CLI reads
 * `--statement-id -legacy` as a flag without its value, quoted or not.
 */
export function cliFlag(flag: string, value: string): string {
  return value.startsWith("-") ? ` ${flag}=${shellArg(value)}` : ` ${flag} ${shellArg(value)}`;
}

/** ` --qualifier Q` for a qualified grant or URL, else nothing. */
export function qualifierArg(qualifier: string | undefined): string {
  return qualifier ? cliFlag("--qualifier", qualifier) : "";
}

/** ` --region R` for the region of an ARN, else nothing. */
export function regionArg(arn: string): string {
  const region = parseArn(arn)?.region;
  return region ? cliFlag("--region", region) : "";
}

/**
 * ` --function-name ARN[ --qualifier Q] --region R`: the AWS CLI sends a call to its configured region whatever the
 * ARN says, and Lambda answers for a function only in the function's own region.
 */
export function functionArgs(functionArn: string, qualifier?: string): string {
  return `${cliFlag("--function-name", functionArn)}${qualifierArg(qualifier)}${regionArg(functionArn)}`;
}

/** `aws lambda remove-permission` for one function-policy statement. */
export function removePermissionCommand(functionArn: string, sid: string | undefined, qualifier?: string): string {
  return `aws lambda remove-permission${functionArgs(functionArn, qualifier)}${sid === undefined ? " --statement-id <statement-id>" : cliFlag("--statement-id", sid)}`;
}

