/**
 * Which service condition keys a request can carry. The Service Authorization Reference lists, for every action,
 * the keys its requests hold; a service key it does not list is absent from them, so `StringEquals` on it is false
 * and `Null: true` is true, as in AWS, rather than unknown. IAM Access Analyzer's policy checks read the same lists.
 *
 * Only where the catalog is sure: global `aws:` keys, identity-provider keys (`token.actions…:sub`, which the
 * reference lists incompletely), keys no action lists (new, misspelt, or set by where the caller runs), keys its
 * service lists almost everywhere, and actions the catalog does not know stay unknown.
 */
import { actionConditionKeys, allServicePrefixes, listedConditionKeys, serviceActions } from "./actions";

/**
 * Keys set by where the caller's credentials were issued, in requests to every service (reference_policies_
 * condition-keys.html, "lambda:SourceFunctionArn", "ec2:SourceInstanceARN"; Systems Manager's default host
 * management credentials; glue's RoleAssumedBy), whatever actions list them. Others of the kind
 * (`codebuild:buildArn`, `datazone:userId`) are listed by no action, so they stay unknown anyway.
 */
const ORIGIN_KEYS = new Set([
  "lambda:sourcefunctionarn",
  "ec2:sourceinstancearn",
  "ec2:sourceinstanceprivateipv4",
  "ssm:sourceinstancearn",
  "glue:roleassumedby",
  "glue:credentialissuingservice",
]);

/**
 * Actions authorised within another call's request (AssumeRole's), whose keys they share: session tags and source
 * identity are set by the AssumeRole call itself, with its sts:ExternalId and sts:RoleSessionName.
 */
const COMPANION_ACTIONS = new Set(["sts:tagsession", "sts:setsourceidentity", "sts:setcontext"]);

/**
 * The family a listed key names, as the text its members start with: before a placeholder (`s3:ExistingObjectTag/<key>`,
 * `kms:EncryptionContext:${EncryptionContextKey}`), else up to the first `/`. The reference writes one family
 * several ways (`ssm:resourceTag/${TagKey}` and `ssm:resourceTag/tag-key`), and a key of a family an action lists
 * may be in its requests: only keys outside every family it lists are decided absent.
 */
function familyOf(key: string): string | undefined {
  const at = [key.indexOf("${"), key.indexOf("<")].filter((i) => i >= 0);
  if (at.length > 0) return key.slice(0, Math.min(...at));
  const slash = key.indexOf("/");
  return slash < 0 ? undefined : key.slice(0, slash + 1);
}

function inFamily(family: string, key: string): boolean {
  return key.length > family.length && key.startsWith(family);
}

function covers(listed: string, key: string): boolean {
  if (listed === key) return true;
  const family = familyOf(listed);
  return family !== undefined && inFamily(family, key);
}

let families: string[] | undefined;
let servicePrefixes: Set<string> | undefined;

/** Some action of the catalog lists the key, or a family holding it. */
function isListed(key: string): boolean {
  const listed = listedConditionKeys();
  if (listed.has(key)) return true;
  families ??= [...new Set([...listed].flatMap((k) => familyOf(k) ?? []))];
  return families.some((f) => inFamily(f, key));
}

/**
 * Keys the reference lists on at least half of their own service's actions (`s3:TlsVersion` on 177 of 180,
 * `kms:CallerAccount` on 51 of 56): the service sends them with its requests, and the few lists without them read
 * as omissions. They are never decided absent for that service's actions, only for other services'.
 */
const serviceWide = new Map<string, string[]>();

function serviceWideKeys(prefix: string): string[] {
  let wide = serviceWide.get(prefix);
  if (!wide) {
    const actions = serviceActions(prefix);
    const counts = new Map<string, number>();
    for (const { name } of actions) {
      for (const k of new Set(actionConditionKeys(name) ?? [])) if (k.startsWith(`${prefix}:`)) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    wide = [...counts].filter(([, n]) => 2 * n >= actions.length).map(([k]) => k);
    serviceWide.set(prefix, wide);
  }
  return wide;
}

const answers = new Map<string, boolean>();

/**
 * The global keys of the resource's owner, which the global keys page (reference_policies_condition-keys.html,
 * "Availability") says these actions do not carry: "Amazon Elastic Block Store – All actions", six EC2 actions that
 * copy or connect across accounts, "Amazon EventBridge – All actions" (the `events` prefix; Pipes, Scheduler and
 * Schemas are other prefixes, which the page does not name), and for aws:ResourceAccount and aws:ResourceOrgPaths
 * two WorkSpaces actions, which the page leaves out of aws:ResourceOrgID's list. Each key's own list, as written.
 */
const OWNER_KEYS_UNSUPPORTED: ReadonlyMap<string, { prefixes: readonly string[]; actions: ReadonlySet<string> }> = (() => {
  const ec2 = ["ec2:copyfpgaimage", "ec2:copyimage", "ec2:copysnapshot", "ec2:createtransitgatewaypeeringattachment", "ec2:createvolume", "ec2:createvpcpeeringconnection"];
  const workspaces = ["workspaces:copyworkspaceimage", "workspaces:describeworkspaceimages"];
  const prefixes = ["ebs:", "events:"];
  return new Map([
    ["aws:resourceaccount", { prefixes, actions: new Set([...ec2, ...workspaces]) }],
    ["aws:resourceorgpaths", { prefixes, actions: new Set([...ec2, ...workspaces]) }],
    ["aws:resourceorgid", { prefixes, actions: new Set(ec2) }],
  ]);
})();

function ownerKeyUnsupported(action: string, key: string): boolean | undefined {
  const unsupported = OWNER_KEYS_UNSUPPORTED.get(key);
  if (unsupported === undefined) return undefined;
  const a = action.toLowerCase();
  return unsupported.actions.has(a) || unsupported.prefixes.some((p) => a.startsWith(p));
}

/**
 * True when requests for this concrete action never carry this condition key (compared case-insensitively): a
 * service key that some action lists but this one does not, nor its resource types; or a resource-owner global key
 * the action does not support (OWNER_KEYS_UNSUPPORTED).
 */
export function neverInRequestsOf(action: string, key: string): boolean {
  const k = key.toLowerCase();
  // Most unknown keys are global ones: answered before building the memo key.
  if (k.startsWith("aws:")) return ownerKeyUnsupported(action, k) ?? false;
  const memo = `${action.toLowerCase()}\n${k}`;
  let answer = answers.get(memo);
  if (answer === undefined) {
    answer = decide(action, k);
    if (answers.size > 50_000) answers.clear();
    answers.set(memo, answer);
  }
  return answer;
}

function decide(action: string, key: string): boolean {
  const colon = key.indexOf(":");
  if (colon <= 0 || ORIGIN_KEYS.has(key) || COMPANION_ACTIONS.has(action.toLowerCase())) return false;
  const service = key.slice(0, colon);
  servicePrefixes ??= new Set(allServicePrefixes());
  if (!servicePrefixes.has(service) || !isListed(key)) return false;
  const keys = actionConditionKeys(action);
  if (keys === undefined || keys.some((listed) => covers(listed, key))) return false;
  const sameService = action.toLowerCase().startsWith(`${service}:`);
  return !(sameService && serviceWideKeys(service).some((listed) => covers(listed, key)));
}
