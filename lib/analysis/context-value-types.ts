/**
 * Whether a what-if context value can be of its key's type. Only keys whose type is known are checked (the global
 * `aws:` keys, and the service keys the IAM action catalog types, `s3:max-keys` a number); any other stays free text.
 * Runs on the server and in the CLI only (the details panel imports what-if.ts's types alone), so the catalog's
 * files cost the browser nothing.
 */
import { globalConditionKeyType } from "@/lib/catalog/condition-key-types";
import { serviceConditionKeyType } from "@/lib/catalog/actions";
import { parseDate } from "@/lib/policy/conditions/date";
import { parseIp } from "@/lib/policy/conditions/ip-address";
import { parseNumber } from "@/lib/policy/conditions/numeric";
import { splitArn } from "@/lib/policy/arn";

interface ValueType {
  /** Said of a value: `"ten" is not an IP address`. */
  noun: string;
  example: string;
  /** The evaluator's own reading of a request value of this type, so what passes here is what it can compare. */
  reads: (value: string) => boolean;
}

const TYPES: Record<string, ValueType> = {
  ipaddress: { noun: "an IP address", example: "203.0.113.10", reads: (v) => parseIp(v) !== undefined },
  date: { noun: "a date (ISO 8601, or epoch seconds)", example: "2026-01-31T12:00:00Z", reads: (v) => parseDate(v) !== undefined },
  numeric: { noun: "a number", example: "3600", reads: (v) => parseNumber(v) !== undefined },
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
  const bad = (typeof value === "string" ? [value] : value).find((v) => !type.reads(v));
  if (bad === undefined) return undefined;
  return `"${bad}" is not ${type.noun}, e.g. ${key}=${type.example}`;
}
