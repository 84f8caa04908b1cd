/** ARN helpers shared by principal matching, ArnLike conditions and the same-/cross-account rule. */

/**
 * Splits an ARN into its six colon-separated segments (`arn`, partition, service, region, account,
 * resource); the resource segment keeps any further `:`. Returns undefined when there are fewer than six.
 */
export function splitArn(arn: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(":", start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts;
}

/** Whether `splitArn` would find six segments (five colons), without allocating them. */
export function hasArnSegments(arn: string): boolean {
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(":", start);
    if (colon < 0) return false;
    start = colon + 1;
  }
  return true;
}

const ACCOUNT_ID = /^\d{12}$/;

export function isAccountId(s: string): boolean {
  return ACCOUNT_ID.test(s);
}

/** The 12-digit account segment of an ARN, or undefined (S3 bucket ARNs have none). Allocation-free. */
export function accountOfArn(arn: string): string | undefined {
  if (!arn.startsWith("arn:")) return undefined;
  let start = 0;
  for (let i = 0; i < 4; i++) {
    start = arn.indexOf(":", start) + 1;
    if (start === 0) return undefined;
  }
  const end = arn.indexOf(":", start);
  if (end - start !== 12) return undefined;
  for (let i = start; i < end; i++) {
    const c = arn.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return arn.slice(start, end);
}

/**
 * `arn:<partition>:iam::<account>:root` → account id, else undefined. Given a partition, only a root of that
 * partition: partitions are separate clouds, and the same account id names unrelated accounts in each.
 */
export function accountOfRootArn(arn: string, partition?: string): string | undefined {
  const parts = splitArn(arn);
  if (!parts || parts[0] !== "arn" || parts[2] !== "iam" || parts[5] !== "root") return undefined;
  if (partition !== undefined && parts[1] !== partition) return undefined;
  const account = parts[4];
  return account !== undefined && ACCOUNT_ID.test(account) ? account : undefined;
}

/**
 * Whether the value's first part is `arn` in other case (`ARN:…`, `Arn:…`): a spelling AWS's pages never write, in a
 * condition value, a Resource entry or a Principal entry alike. Cheap for the usual `arn:`.
 */
export function otherCaseArnPrefix(value: string): boolean {
  if (value.startsWith("arn:")) return false;
  return value.indexOf(":") === 3 && value.slice(0, 3).toLowerCase() === "arn";
}

/** The value with its first part lower-cased: the reading where `ARN:` is `arn:`. */
export function lowerArnPrefix(value: string): string {
  return otherCaseArnPrefix(value) ? `arn${value.slice(3)}` : value;
}

/** The partition segment of an ARN (`aws`, `aws-cn`, `aws-us-gov`), or undefined for anything else. */
export function partitionOfArn(arn: string): string | undefined {
  if (!arn.startsWith("arn:")) return undefined;
  const end = arn.indexOf(":", 4);
  return end < 0 ? undefined : arn.slice(4, end);
}
