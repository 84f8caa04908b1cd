/**
 * ARN condition operators (reference_policies_elements_condition_operators.html#Conditions_ARN).
 * ArnEquals and ArnLike behave the same: each of the six `:`-separated segments is compared separately,
 * case-sensitively, with `*` / `?` wildcards; the resource segment may itself contain `:`.
 */
import { hasArnSegments, splitArn } from "../arn";
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

/**
 * Why a value is not an ARN these operators can compare, or undefined. The operators page says "Each of the six
 * colon-delimited components of the ARN is checked separately" and documents no reading of a value without them
 * (`bucket`, `arn:aws:sns:*`): such a value is one that does not parse, as a bad CIDR is to IpAddress. A lone `*`
 * is the one pattern without six parts read as any ARN.
 */
function notAnArn(value: string): string | undefined {
  if (value === "*") return undefined;
  const segs = patternSegments(value);
  if (segs !== undefined && globMatches(segs[0]!, "arn")) return undefined;
  return `${JSON.stringify(value)} is not an ARN (arn: and six colon-separated parts)`;
}

export const arnOperators = defineOperators(
  { variables: true, glob: true, invalid: notAnArn, invalidPolicyValuesOnly: true },
  {
    ArnEquals: { test: arnLike },
    ArnLike: { test: arnLike },
    ArnNotEquals: { negated: true, test: arnLike },
    ArnNotLike: { negated: true, test: arnLike },
  },
);
