/**
 * Whether a what-if context value can be of its key's type, in a form AWS documents for it. Only keys whose type is
 * known are checked (the global `aws:` keys, and the service keys the IAM action catalog types, `s3:max-keys` a
 * number); any other stays free text.
 * Runs on the server and in the CLI only (the details panel imports what-if.ts's types alone), so the catalog's
 * files cost the browser nothing.
 */
import { globalConditionKeyType } from "@/lib/catalog/condition-key-types";
import { serviceConditionKeyType } from "@/lib/catalog/actions";
import { parseDate, undocumentedDate, yearOrEpoch, yearReading } from "@/lib/policy/conditions/date";
import { parseIp } from "@/lib/policy/conditions/ip-address";
import { parseNumber, undocumentedNumber } from "@/lib/policy/conditions/numeric";
import { splitArn } from "@/lib/policy/arn";
import { noRequestCarries } from "@/lib/policy/principal-arn-values";

interface ValueType {
  /** Said of a value: `"ten" is not an IP address`. */
  noun: string;
  example: string;
  /** The evaluator's own reading of a request value of this type, so what passes here is what it can compare. */
  reads: (value: string) => boolean;
  /**
   * Why a value the evaluator reads is in no form AWS documents (or in two documented forms at once), or undefined.
   * A request's value comes from AWS, which gives its own keys in documented forms (aws:CurrentTime as
   * 2026-01-31T12:00:00Z): a typed "2030-01-01 00:00:00Z" or "1e3" is no value AWS would supply, and read silently
   * it would answer a question about a request that cannot happen.
   */
  undocumented?: (value: string) => string | undefined;
  /** The documented forms, named when a value is in none of them. */
  forms?: string;
}

const TYPES: Record<string, ValueType> = {
  ipaddress: { noun: "an IP address", example: "203.0.113.10", reads: (v) => parseIp(v) !== undefined },
  date: {
    noun: "a date (ISO 8601, or epoch seconds)",
    example: "2026-01-31T12:00:00Z",
    reads: (v) => parseDate(v) !== undefined,
    // A bare year is documented twice over (W3C "YYYY" and epoch seconds), and the evaluator reads it as seconds.
    undocumented: (v) => undocumentedDate(v) ?? (yearReading(v) === undefined ? undefined : yearOrEpoch(v)),
    forms: 'W3C "YYYY-MM", "YYYY-MM-DD", or "YYYY-MM-DDThh:mm" (":ss", ":ss.s" optional) ending "Z" or "±hh:mm"; or whole epoch seconds',
  },
  numeric: {
    noun: "a number",
    example: "3600",
    reads: (v) => parseNumber(v) !== undefined,
    undocumented: undocumentedNumber,
    forms: "an integer or decimal, no exponent, no plus sign, no leading zero",
  },
  bool: { noun: "true or false", example: "true", reads: (v) => /^(true|false)$/i.test(v.trim()) },
  arn: { noun: "an ARN", example: "arn:aws:iam::123456789012:role/example", reads: (v) => v.startsWith("arn:") && splitArn(v) !== undefined },
};

/**
 * A service key the catalog types as an ARN is left free text: the catalog types keys such as
 * `s3:x-amz-server-side-encryption-aws-kms-key-id` or `sagemaker:VolumeKmsKey` that way although their requests may
 * carry a key id or alias, and a question about such a value is a fair one (an ARN operator simply does not match it).
 * The global ARN keys (aws:SourceArn, aws:PrincipalArn) hold ARNs only.
 */
function valueType(key: string): ValueType | undefined {
  const global = globalConditionKeyType(key)?.toLowerCase();
  if (global !== undefined) return TYPES[global];
  const service = serviceConditionKeyType(key)?.toLowerCase();
  return service === undefined || service === "arn" ? undefined : TYPES[service];
}

/**
 * Why `value` cannot be `key`'s, naming its type and an example with the key as given; undefined when it can, or is
 * not checked. Said after the key (`aws:SourceIp: "ten" is not an IP address, e.g. …`), which callers put first.
 */
export function contextValueProblem(key: string, value: string | readonly string[]): string | undefined {
  const type = valueType(key);
  if (!type) return undefined;
  for (const v of typeof value === "string" ? [value] : value) {
    if (!type.reads(v)) return `"${v}" is not ${type.noun}, e.g. ${key}=${type.example}`;
    if (noRequestCarries(key.toLowerCase(), v)) return `"${v}" is a role session's ARN, which no request carries here (a session's is its role's ARN), e.g. ${key}=${type.example}`;
    // Spaces around a typed value ("KEY = 3600" in the box) are the typing's, read away here as for every type.
    const why = type.undocumented?.(v.trim());
    if (why !== undefined) return `${why}; AWS gives ${key} only in a documented form (${type.forms}), e.g. ${key}=${type.example}`;
  }
  return undefined;
}
