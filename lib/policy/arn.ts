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
 * Whether the value's first part is `arn` in other case (`ARN:…`, `Arn:…`): a spelling AWS's pages never write. ARN
 * condition values read so; Resource and Principal entries read the whole head (otherCaseArnHead). Cheap for `arn:`.
 */
export function otherCaseArnPrefix(value: string): boolean {
  if (value.startsWith("arn:")) return false;
  return value.indexOf(":") === 3 && value.slice(0, 3).toLowerCase() === "arn";
}

/** The value with its first part lower-cased: the reading where `ARN:` is `arn:`. */
export function lowerArnPrefix(value: string): string {
  return otherCaseArnPrefix(value) ? `arn${value.slice(3)}` : value;
}

/**
 * Whether a Resource or Principal entry writes its head (the `arn` part, the partition or the service) in other case
 * than AWS does: `ARN:aws:…`, `arn:AWS:…`, `arn:aws:S3:…`. AWS writes all three lower-case; IAM Access Analyzer's
 * policy validation reports each other spelling as an error ("Invalid ARN prefix", "Invalid partition", "Invalid ARN
 * service case", access-analyzer-reference-policy-checks.html), and no page says whether IAM refuses such a policy,
 * compares the entry case-sensitively (it names nothing) or reads it lower-case. Allocation-free for the usual spelling.
 * (ARN condition values read only the `arn` part so: the operators page compares the rest case-sensitively.)
 */
export function otherCaseArnHead(value: string): boolean {
  return headEnd(value) > 0;
}

/** The value with its head lower-cased: the reading where `ARN:AWS:S3:…` is `arn:aws:s3:…`. */
export function lowerArnHead(value: string): string {
  const end = headEnd(value);
  return end > 0 ? value.slice(0, end).toLowerCase() + value.slice(end) : value;
}

/**
 * Why an entry's head in other case reads two ways, for notes: which parts AWS writes otherwise and what IAM Access
 * Analyzer calls each. Empty for an entry whose head is as AWS writes it.
 */
export function otherCaseArnHeadWhy(value: string): string {
  const end = headEnd(value);
  if (end === 0) return "";
  const [prefix = "", partition = "", service = ""] = value.slice(0, end).split(":");
  const why: string[] = [];
  if (prefix !== "arn") why.push('begins with other case than "arn", which AWS never writes and IAM Access Analyzer reports as an invalid ARN prefix');
  if (hasUpperCase(partition)) why.push(`writes the partition ${JSON.stringify(partition)} in other case than AWS does, which IAM Access Analyzer reports as an invalid partition`);
  if (hasUpperCase(service)) why.push(`writes the service ${JSON.stringify(service)} in other case than AWS does, which IAM Access Analyzer reports as an invalid ARN service case`);
  return why.join(", and ");
}

/**
 * Where the head of an entry whose first part is `arn` in any case ends (the third colon, or the value's end), when
 * any of it is upper-case; 0 otherwise.
 */
function headEnd(value: string): number {
  if (value.charCodeAt(3) !== 58 || (value.charCodeAt(0) | 32) !== 97 || (value.charCodeAt(1) | 32) !== 114 || (value.charCodeAt(2) | 32) !== 110) return 0;
  let upper = false;
  let colons = 0;
  let i = 0;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 58 && ++colons === 3) break;
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper ? i : 0;
}

function hasUpperCase(s: string): boolean {
  return s !== s.toLowerCase();
}

/** The partition segment of an ARN (`aws`, `aws-cn`, `aws-us-gov`), or undefined for anything else. */
export function partitionOfArn(arn: string): string | undefined {
  if (!arn.startsWith("arn:")) return undefined;
  const end = arn.indexOf(":", 4);
  return end < 0 ? undefined : arn.slice(4, end);
}
