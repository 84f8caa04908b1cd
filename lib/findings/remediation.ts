/** Remediation text: minimal policy snippets and CLI commands, built the same way by every rule. */

import { parseArn } from "@/lib/analysis/arn";

export interface Grant {
  action: string;
  resource: string;
}

/** `{"Version":…,"Statement":[…]}` allowing `grants`, one statement per resource, pretty-printed. */
export function allowPolicySnippet(grants: Grant[]): string {
  return policySnippet("Allow", grants);
}

/** The same document refusing `grants`: an explicit Deny outranks every Allow of the principal's policies. */
export function denyPolicySnippet(grants: Grant[]): string {
  return policySnippet("Deny", grants);
}

function policySnippet(effect: "Allow" | "Deny", grants: Grant[]): string {
  const byResource = new Map<string, string[]>();
  for (const g of grants) {
    const list = byResource.get(g.resource) ?? [];
    if (!list.includes(g.action)) list.push(g.action);
    byResource.set(g.resource, list);
  }
  const statements = [...byResource].map(([resource, actions]) => ({
    Effect: effect,
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

/** `base` + `suffix` cut to AddPermission's 100-character StatementId, the suffix kept: it keeps the ids apart. */
export function statementId(base: string, suffix = ""): string {
  return `${base.slice(0, 100 - suffix.length)}${suffix}`;
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
  return `aws lambda remove-permission${functionArgs(functionArn, qualifier)}${cliFlag("--statement-id", sid ?? "<statement-id>")}`;
}


/**
 * How to make a KMS key usable again, by its DescribeKey state: no grant helps while KMS refuses the key itself.
 * Cancelling a deletion leaves the key Disabled (KMS CancelKeyDeletion), so enabling follows it.
 */
export function keyStateRemediation(keyArn: string, state: string): string {
  const key = `--key-id ${shellArg(keyArn)}${regionArg(keyArn)}`;
  const enable = `aws kms enable-key ${key}`;
  switch (state) {
    case "Disabled":
      return `KMS key ${keyArn} is Disabled: no policy change helps until it is enabled.\n${enable}`;
    case "PendingDeletion":
      return `KMS key ${keyArn} is scheduled for deletion: cancel the deletion, then enable it (cancelling leaves it Disabled).\naws kms cancel-key-deletion ${key}\n${enable}`;
    case "PendingImport":
      return `KMS key ${keyArn} has no key material: import it (aws kms get-parameters-for-import, then aws kms import-key-material), or point the function at another key.`;
    case "Unavailable":
      return `KMS key ${keyArn} is Unavailable: its custom key store is disconnected. Reconnect it (aws kms connect-custom-key-store), or point the function at another key.`;
    default:
      return `KMS key ${keyArn} is ${state}: KMS refuses to use it. Point the function at a usable key.`;
  }
}

/**
 * Remediations joined into one (a compound finding's halves), each AWS CLI command kept once: a second
 * remove-permission of a statement the first already removed fails (ResourceNotFoundException) when pasted.
 */
export function joinRemediations(texts: readonly string[]): string {
  const seen = new Set<string>();
  return texts
    .join("\n")
    .split("\n")
    .filter((line) => !line.startsWith("aws ") || (!seen.has(line) && seen.add(line)))
    .join("\n");
}

/**
 * The words telling the user that `rule`'s grants come before a fix's commands (AWS refuses them otherwise), made from
 * the rule id the finding carries in `fixesFirst`: one source for what the text says and what a reader of the report
 * (or the remediation round trip) takes as the order.
 */
export function grantFirst(rule: string): string {
  return `grant any action ${rule} names first`;
}

/** A fix's text with the rules whose fixes must come before it (Finding.fixesFirst), which its text names by grantFirst. */
export interface OrderedFix {
  text: string;
  fixesFirst: readonly string[];
}
