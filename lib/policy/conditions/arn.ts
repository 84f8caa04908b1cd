/**
 * ARN condition operators (reference_policies_elements_condition_operators.html#Conditions_ARN).
 * ArnEquals and ArnLike behave the same: each of the six `:`-separated segments is compared separately,
 * case-sensitively, with `*` / `?` wildcards; the resource segment may itself contain `:`.
 * A value whose first part is `arn` in other case (`ARN:aws:…`, `Arn:aws:…`) is one AWS's pages never write: read
 * case-sensitively ("Case-sensitive matching of the ARN") it matches no ARN AWS sets, all of which begin `arn:`, and
 * the pages do not say whether that literal part is compared so, nor whether such a value is read at all. It is read
 * both ways (`ambiguous`) and as refused (`undocumented`), and decides only where all agree.
 */
import { hasArnSegments, lowerArnPrefix, otherCaseArnPrefix as otherCasePrefix, splitArn } from "../arn";
import { globMatches, LITERAL_QMARK, LITERAL_STAR } from "../wildcard";
import { defineOperators } from "./operator";

const patternCache = new Map<string, string[] | undefined>();

function patternSegments(p: string): string[] | undefined {
  if (patternCache.has(p)) return patternCache.get(p);
  if (patternCache.size > 20_000) patternCache.clear();
  const segs = splitArn(p);
  patternCache.set(p, segs);
  return segs;
}

/**
 * Segment-wise ARN glob match. A policy value of just `*` matches any ARN; any other policy value with
 * fewer than six segments (e.g. `arn:aws:sns:*`) matches nothing, since segments are compared one by one.
 */
export function arnLike(requestValue: string, policyValue: string): boolean {
  // A value compared with itself (a grant asked for the caller it names): each segment matches itself unless a
  // literal-wildcard placeholder stands for a character the request does not have.
  if (requestValue === policyValue && !requestValue.includes(LITERAL_STAR) && !requestValue.includes(LITERAL_QMARK)) {
    return hasArnSegments(requestValue);
  }
  const pat = patternSegments(policyValue);
  if (pat === undefined) return policyValue === "*" && splitArn(requestValue) !== undefined;
  const req = splitArn(requestValue);
  if (req === undefined) return false;
  for (let i = 0; i < 6; i++) {
    if (!globMatches(pat[i]!, req[i]!)) return false;
  }
  return true;
}

/** arnLike, with a value whose `arn` part is in other case read both as written and as `arn`: "unknown" where they differ. */
function arnTest(requestValue: string, policyValue: string): boolean | "unknown" {
  const asWritten = arnLike(requestValue, policyValue);
  if (!otherCasePrefix(requestValue) && !otherCasePrefix(policyValue)) return asWritten;
  return arnLike(lowerArnPrefix(requestValue), lowerArnPrefix(policyValue)) === asWritten ? asWritten : "unknown";
}

/** Why a value's `arn` part in other case gives it two readings, or undefined. */
function otherCaseReading(value: string): string | undefined {
  if (!otherCasePrefix(value)) return undefined;
  return `${JSON.stringify(value)} begins with ${JSON.stringify(value.slice(0, 3))}, which AWS does not say is compared case-sensitively or as "arn"`;
}

/** Why a value's `arn` part in other case is a form AWS does not document, or undefined. */
function otherCaseForm(value: string): string | undefined {
  if (!otherCasePrefix(value)) return undefined;
  return `${JSON.stringify(value)} begins with ${JSON.stringify(value.slice(0, 3))}, which AWS writes only as "arn" and may refuse`;
}

/**
 * Why a value is not an ARN these operators can compare, or undefined. The operators page says "Each of the six
 * colon-delimited components of the ARN is checked separately" and documents no reading of a value without them
 * (`bucket`, `arn:aws:sns:*`): such a value is one that does not parse, as a bad CIDR is to IpAddress. A lone `*`
 * is the one pattern without six parts read as any ARN.
 */
function notAnArn(value: string): string | undefined {
  if (value === "*") return undefined;
  const segs = patternSegments(value);
  if (segs !== undefined && (globMatches(segs[0]!, "arn") || otherCasePrefix(value))) return undefined;
  return `${JSON.stringify(value)} is not an ARN (arn: and six colon-separated parts)`;
}

export const arnOperators = defineOperators(
  { variables: true, glob: true, invalid: notAnArn, invalidPolicyValuesOnly: true, ambiguous: otherCaseReading, undocumented: otherCaseForm },
  {
    ArnEquals: { test: arnTest },
    ArnLike: { test: arnTest },
    ArnNotEquals: { negated: true, test: arnTest },
    ArnNotLike: { negated: true, test: arnTest },
  },
);
