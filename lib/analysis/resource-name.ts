/**
 * A question that names its resource (`orders`, not `arn:aws:sqs:…:orders`) of a service whose resources' own policies
 * the evaluator weighs (resource-side.ts): a name matches no policy's ARN, so weighing that policy needs the ARN. Where
 * the snapshot holds exactly one resource of that name, the question is the ARN's; otherwise the answer says the
 * resource's policy was not weighed, rather than let the reach lists' or the identity side's answer pass for AWS's.
 * Shared by `can` (what-if.ts `ask`) and the overview's Can do (reach-filter.ts, through reach-exact.ts).
 */
import type { AccountModel } from "./account-model";
import { parseArn } from "./arn";
import { weighedServiceOfName } from "./resource-side";
import { readFailure } from "./kms-keys";
import { actionConditionKeys } from "@/lib/catalog/actions";
import { mayBeAuthorisedOn } from "@/lib/catalog/resource-fit";

/**
 * `arn`: the one resource of that name, and `askedAs`, the short phrase an answer by name carries ("asked as
 * arn:aws:sqs:…:orders (the only queue named orders)"); otherwise `note`, the answer's words for a name that is none
 * or several. `context`: what a request through a KMS alias carries beside the key's ARN (kms:RequestAlias), so
 * identity policies that test it are judged, not left unknown.
 */
export type NamedResource = { arn: string; note: string; askedAs: string; context?: Record<string, string> } | { note: string };

/** The line an answer by name carries when the name was not turned into one ARN. */
export const nameNotWeighed = (service: string) => `asked by name: ${service} resource policies are weighed only when asked by ARN`;

/** What a resource of each service is called in words, and the ARNs of those the snapshot knows, with their names. */
const KINDS: Record<string, { kind: string; arns: (model: AccountModel) => Iterable<string>; nameOf: (resource: string) => string | undefined }> = {
  sqs: { kind: "queue", arns: (m) => [...m.queues.responses.keys(), ...m.queues.errors.keys(), ...m.queuePolicies.keys()], nameOf: (r) => r },
  lambda: { kind: "function", arns: (m) => m.functions.map((f) => f.arn), nameOf: (r) => /^function:([^:]+)$/.exec(r)?.[1] },
  kms: { kind: "key", arns: (m) => [...m.kms.keys.keys()], nameOf: (r) => /^key\/(.+)$/.exec(r)?.[1] },
  elasticfilesystem: {
    kind: "file system",
    arns: (m) => [...m.fileSystems.policyReads.responses.keys(), ...m.fileSystems.policyReads.errors.keys(), ...m.fileSystems.policies.keys()],
    nameOf: (r) => /^file-system\/(.+)$/.exec(r)?.[1],
  },
  sns: { kind: "topic", arns: (m) => [...m.topics.reads.responses.keys(), ...m.topics.reads.errors.keys()], nameOf: (r) => r },
  ecr: { kind: "repository", arns: (m) => [...m.images.policyReads.responses.keys(), ...m.images.policyReads.errors.keys()], nameOf: (r) => /^repository\/(.+)$/.exec(r)?.[1] },
};

/**
 * Where a KMS alias (`alias/orders`) of the account is resolved, from the snapshot's DescribeKey answers in any of
 * its regions: each alias ARN with the key it points to. Another account's alias of that name (one a queue names by
 * its ARN) is not the one a bare name asks about: KMS reads a bare alias in the caller's own account.
 */
function aliasesNamed(model: AccountModel, alias: string): { region: string; key: string }[] {
  const out: { region: string; key: string }[] = [];
  for (const [ref, resolved] of model.kms.resolved) {
    const parsed = parseArn(ref);
    if ("arn" in resolved && parsed?.resource === alias && parsed.account === model.account) out.push({ region: parsed.region, key: resolved.arn });
  }
  return out;
}

/**
 * An alias given by name, asked as its key where the account has that alias in one region only; in several, only
 * its ARN says which one, and the answer names the regions rather than a bare "not weighed".
 */
function aliasByName(model: AccountModel, alias: string, action: string): NamedResource {
  const found = aliasesNamed(model, alias);
  const [only] = found;
  if (found.length === 1 && only) {
    const where = `${alias} in ${model.account} ${only.region}`;
    return {
      arn: only.key,
      note: `asked by name: ${where} points to ${only.key} (DescribeKey), the only alias of that name in the snapshot, and was answered as that key`,
      askedAs: `asked as ${only.key} (the key ${where} points to)`,
      ...requestAlias(alias, action),
    };
  }
  if (found.length > 1) {
    const regions = found.map((f) => f.region).sort();
    return { note: `asked by name: ${alias} is an alias in ${regions.length} regions (${regions.join(", ")}), and a key policy is weighed only when asked by ARN` };
  }
  return { note: nameNotWeighed("kms") };
}

/** The alias a request through it names, as kms:RequestAlias, where the catalog says `action`'s requests carry that key. */
function requestAlias(alias: string, action: string): { context?: Record<string, string> } {
  return actionConditionKeys(action)?.includes("kms:requestalias") ? { context: { "kms:RequestAlias": alias } } : {};
}

/**
 * A KMS alias ARN asked with an action KMS authorises on the key the alias points to (all but the alias's own
 * CreateAlias, UpdateAlias and DeleteAlias, which the catalog lets name an alias): "When an alias is the value of a
 * resource element, the policy applies to the alias resource, not to any KMS key that might be associated with it"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html), so the key's ARN is what the key
 * policy and identity policies are weighed on, as for an alias given by name. The key is the one DescribeKey resolved
 * the alias to; an alias the snapshot did not resolve stays asked as given, and the note says why.
 */
function aliasArnResource(model: AccountModel, resource: string, action: string): NamedResource | undefined {
  const arn = resource.includes(":kms:") ? parseArn(resource) : undefined;
  if (arn?.service !== "kms" || !arn.resource.startsWith("alias/") || /[*?]/.test(resource + action)) return undefined;
  if (!action.toLowerCase().startsWith("kms:") || mayBeAuthorisedOn(action, resource)) return undefined;
  const alias = arn.resource;
  const resolved = model.kms.resolved.get(resource);
  if (resolved && "arn" in resolved) {
    return {
      arn: resolved.arn,
      note: `asked by alias: ${alias} points to ${resolved.arn} (DescribeKey), and KMS authorises ${action} through an alias against its key, so it was answered as that ARN`,
      askedAs: `asked as ${resolved.arn} (the key ${alias} points to)`,
      ...requestAlias(alias, action),
    };
  }
  const why = resolved
    ? readFailure(resolved.error)
    : model.kms.read
      ? "the scan resolves only the aliases the account's functions, queues, topics and streams name"
      : "the snapshot holds no KMS reads";
  return { note: `asked as given: the snapshot does not tell which key ${alias} points to (${why}), and KMS authorises ${action} against that key, not the alias` };
}

/**
 * The resource `resource` names for `action`, when it is a name (not an ARN, nor `*`) of a service whose policies the
 * evaluator weighs, or a KMS alias ARN (aliasArnResource); undefined otherwise. Names are matched in every region of
 * the account: one in two regions is ambiguous, and only its ARN says which.
 */
export function namedResource(model: AccountModel, resource: string, action: string): NamedResource | undefined {
  if (resource.startsWith("arn:")) return aliasArnResource(model, resource, action);
  const service = weighedServiceOfName(resource, action);
  const how = service && KINDS[service];
  if (!service || !how) return undefined;
  if (service === "kms" && resource.startsWith("alias/")) return aliasByName(model, resource, action);
  const found = new Set<string>();
  for (const arn of how.arns(model)) {
    const parsed = parseArn(arn);
    if (parsed && parsed.account === model.account && how.nameOf(parsed.resource) === resource) found.add(arn);
  }
  const [only] = found;
  if (found.size === 1 && only) {
    return {
      arn: only,
      note: `asked by name: ${resource} is ${only}, the only ${how.kind} of that name in the snapshot, and was answered as that ARN`,
      askedAs: `asked as ${only} (the only ${how.kind} named ${resource})`,
    };
  }
  return { note: nameNotWeighed(service) };
}
