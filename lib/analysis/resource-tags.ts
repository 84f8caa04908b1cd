/**
 * aws:ResourceTag/<key> in a request on a Lambda function of the snapshot: the function's tags (ListTags), so an ABAC
 * grant (`StringEquals aws:ResourceTag/team = ${aws:PrincipalTag/team}`) is decided, not conditional. Where the
 * tags were read, every other aws:ResourceTag/… key is known absent: a condition on a tag the function lacks is
 * decided too. Unread tags (an older snapshot, a failed read) leave the keys unknown, as before.
 *
 * Which requests: those whose action the Service Authorization Reference lists with aws:ResourceTag/${TagKey} (through
 * the `function`, `function alias` or `function version` resource type: Invoke, UpdateFunctionCode, GetFunction, …;
 * lib/catalog), on the function's ARN, unqualified or qualified. Qualified too because Lambda's tags are the
 * function's, shared by all its versions and aliases (Lambda guide, attribute-based-access-control: "When you tag a
 * function, those tags apply to all versions and aliases"), and the reference lists the key for the alias and version
 * resource types. Not a durable execution's sub-resource (`fn:1/durable-execution/…`): whose tags AWS weighs there is
 * not documented, so its keys stay unknown. Another action's requests keep the keys unknown (never wrongly absent).
 */
import { actionConditionKeys } from "@/lib/catalog/actions";
import type { RequestContext } from "@/lib/policy/types";
import type { AccountModel } from "./account-model";
import { unqualifiedFunctionArn } from "./arn";

const RESOURCE_TAG = "aws:resourcetag/${tagkey}";
const PREFIX = "aws:resourcetag/";

const weighsTags = new Map<string, boolean>();

/** Whether requests for the action carry aws:ResourceTag (the catalog lists it for the action or its resource type). */
function actionWeighsTags(action: string): boolean {
  const lower = action.toLowerCase();
  let answer = weighsTags.get(lower);
  if (answer === undefined) {
    answer = lower.startsWith("lambda:") && (actionConditionKeys(lower)?.includes(RESOURCE_TAG) ?? false);
    weighsTags.set(lower, answer);
  }
  return answer;
}

/** Per tag map, the context values it gives (keys lower-cased: condition key names compare case-insensitively). */
const valuesByTags = new WeakMap<Record<string, string>, Readonly<Record<string, string>>>();

/**
 * The aws:ResourceTag/<key> values of a request for `action` on `resource`, when the resource is a function of the
 * snapshot whose tags were read and the action weighs them; undefined otherwise (the keys stay unknown).
 */
export function resourceTagValues(model: AccountModel, resource: string, action: string): Readonly<Record<string, string>> | undefined {
  // Most questions are about other services' resources: skip the lookups for them (hot path).
  if (!resource.includes(":function:") || resource.includes("/")) return undefined;
  const fn = model.functionsByArn.get(unqualifiedFunctionArn(resource));
  if (fn?.tags === undefined || !actionWeighsTags(action)) return undefined;
  return tagContextValues(fn.tags, valuesByTags, [PREFIX]);
}

/**
 * A resource's tags as a request on it carries them, under each of `prefixes` ("aws:resourcetag/", and for IAM
 * roles "iam:resourcetag/" too), keys lower-cased: condition key names compare case-insensitively. One frozen object
 * per tag map, kept in `cache` (one cache per prefix list).
 */
export function tagContextValues(
  tags: Record<string, string>,
  cache: WeakMap<Record<string, string>, Readonly<Record<string, string>>>,
  prefixes: readonly string[],
): Readonly<Record<string, string>> {
  let values = cache.get(tags);
  if (!values) {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(tags)) for (const prefix of prefixes) out[`${prefix}${key.toLowerCase()}`] = value;
    values = Object.freeze(out);
    cache.set(tags, values);
  }
  return values;
}

type KnownAbsent = NonNullable<RequestContext["knownAbsent"]>;

const withTags = new WeakMap<KnownAbsent, KnownAbsent>();
const NOTHING_ABSENT: KnownAbsent = Object.freeze({});

/** `knownAbsent` plus every aws:ResourceTag/… key: the request's tags are all known. One object per base (shared). */
export function withResourceTagsAbsent(knownAbsent: RequestContext["knownAbsent"]): KnownAbsent {
  const base = knownAbsent ?? NOTHING_ABSENT;
  let out = withTags.get(base);
  if (!out) {
    out = Object.freeze({ ...(base.keys ? { keys: base.keys } : {}), prefixes: Object.freeze([...(base.prefixes ?? []), PREFIX]) });
    withTags.set(base, out);
  }
  return out;
}
