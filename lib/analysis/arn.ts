/** ARN helpers. ARNs are split on the first five colons; the resource part may contain more. */
import { splitArn } from "@/lib/policy/arn";

export { accountOfArn } from "@/lib/policy/arn";

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  if (!arn.startsWith("arn:")) return undefined;
  const parts = splitArn(arn);
  if (!parts) return undefined;
  return {
    partition: parts[1] ?? "",
    service: parts[2] ?? "",
    region: parts[3] ?? "",
    account: parts[4] ?? "",
    resource: parts[5] ?? "",
  };
}

/**
 * Whether an ARN (a source, as written in a condition) names another partition than `partition`, the function's:
 * "IAM roles and resource-based policies delegate access across accounts only within a single partition" (IAM user
 * guide), so no caller of `partition` sends it. A wildcard partition (`arn:*:s3:::b`) may be the function's own.
 */
export function isOtherPartitionArn(arn: string, partition: string): boolean {
  const other = parseArn(arn)?.partition;
  return other !== undefined && other !== partition && /^[a-z-]+$/.test(other);
}

/** The ARNs of `values` that may be of `partition` (isOtherPartitionArn): the same list when all may be. */
export function ownPartitionValues(values: readonly string[], partition: string): readonly string[] {
  return values.some((v) => isOtherPartitionArn(v, partition)) ? values.filter((v) => !isOtherPartitionArn(v, partition)) : values;
}

export function serviceOfArn(arn: string): string | undefined {
  return parseArn(arn)?.service || undefined;
}

/** `arn:aws:lambda:r:a:function:name[:qualifier]` → the unqualified function ARN. */
export function unqualifiedFunctionArn(arn: string): string {
  const cut = qualifierColon(arn);
  return cut < 0 ? arn : arn.slice(0, cut);
}

/** Index of the colon before a function ARN's qualifier (the 8th field), or -1. Hot: no split. */
function qualifierColon(arn: string): number {
  let at = -1;
  for (let i = 0; i < 7; i++) {
    at = arn.indexOf(":", at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/**
 * A function ARN as the function's own: `…:function:f:$LATEST` is the function itself (the unqualified ARN invokes
 * $LATEST, and its policy is the one used for it — lambda-permissions.md §3.5), not an alias or a version.
 */
export function withoutLatest(arn: string): string {
  return arn.endsWith(":$LATEST") && functionQualifier(arn) === "$LATEST" ? arn.slice(0, -":$LATEST".length) : arn;
}

/** The qualifier (alias or version) of a function ARN, if any. */
export function functionQualifier(arn: string): string | undefined {
  const cut = qualifierColon(arn);
  return cut < 0 ? undefined : arn.slice(cut + 1);
}

/** How sentences name a function or one of its qualifiers: `orders`, `orders:live`, `orders:3`. */
export function qualifiedFunctionName(name: string, qualifiedArn: string): string {
  const qualifier = functionQualifier(qualifiedArn);
  return qualifier === undefined ? name : `${name}:${qualifier}`;
}

/** Last path segment of a role/policy ARN: `arn:aws:iam::a:role/service-role/x` → `x`. */
export function nameFromArn(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  const slash = resource.lastIndexOf("/");
  return slash >= 0 ? resource.slice(slash + 1) : resource.replace(/^[a-z-]+:/, "");
}
