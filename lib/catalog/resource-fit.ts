/**
 * Whether IAM can ever authorise an action against a resource that a policy's Resource pattern names. IAM checks
 * each action against ARNs of its resource types (the Service Authorization Reference): `s3:GetObject` granted on a
 * bucket ARN, or `logs:PutLogEvents` on a log group without `:*`, grants nothing. Reach lists leave such grants out
 * of what a role can reach.
 *
 * Conservative by design (a false "grants nothing" would hide real access): a pattern with wildcards is ruled out
 * only when its literal start cannot begin an ARN of any of the action's types (the fields before the resource
 * compared one by one, see `fits`); a policy variable and an action the catalog does not know never rule anything
 * out. An action for which the reference lists no resource type should be checked against `*` alone, but AWS's own
 * guides grant some on ARNs of their service (dynamodb:ListStreams on a stream, s3:ListAllMyBuckets on
 * `arn:aws:s3:::*`), so for those only an ARN that fits no resource type of the service at all
 * (logs:DescribeDestinations on a queue) is ruled out.
 */
import { globMatches, literalStart } from "@/lib/policy/wildcard";
import { lowerArnHead } from "@/lib/policy/arn";
import { resourceArnTemplates, serviceActions } from "./actions";

interface Fit {
  /** The action's resource ARN templates as globs (`${QueueName}` → `*`); empty: nothing is ruled out. */
  globs: string[];
  /** The same templates cut into their ARN fields (`arnFields`), a name that holds no slash or colon as NAME, for `fits`. */
  fields: string[][];
  byPattern: Map<string, boolean>;
}

/**
 * Stands, in a template's resource field, for a name that never holds `/` or `:`. AWS's naming rules allow neither
 * in these (letters, digits and a few of `-_.`): so `table/${TableName}` cannot begin `table/orders/index/`, and
 * `dynamodb:GetItem` on an index pattern, or `s3:ListBucket` on `bucket/*`, grants nothing. Every other variable (an
 * object key, a function name with its qualifier, a log group, a role with its path, a secret name) may hold them.
 */
const NAME = "\u0002";
const PLAIN_NAMES: ReadonlySet<string> = new Set([
  "dynamodb:TableName",
  "dynamodb:IndexName",
  "sqs:QueueName",
  "sns:TopicName",
  "kinesis:StreamName",
  "s3:BucketName",
  "kms:KeyId",
]);

/** Whether the template's variable `name` (`TableName`) holds a name without slashes or colons (PLAIN_NAMES). */
export function isPlainName(template: string, name: string): boolean {
  return PLAIN_NAMES.has(`${/^arn:[^:]*:([^:]*):/.exec(template)?.[1] ?? ""}:${name}`);
}

/** A template with each variable as `*`, or as NAME where `PLAIN_NAMES` says its values hold no slash or colon. */
function templateGlob(template: string, plainNames: boolean): string {
  return template.replace(/\$\{([^}]*)\}/g, (_, name: string) => (plainNames && isPlainName(template, name) ? NAME : "*"));
}

/**
 * `states` with every position past a variable of `template` added. A module function, not a closure in
 * templateAccepts: tsx's kept names cost a defineProperty per closure made (see roleRequest, role-access.ts).
 */
function skipVariables(template: string, states: Set<number>): Set<number> {
  const n = template.length;
  for (const i of states) if (i < n && (template[i] === "*" || template[i] === NAME)) states.add(i + 1); // a Set visits what is added
  return states;
}

/**
 * Whether `text` is (`whole`) or may begin (otherwise) a string the template field matches: its `*` stands for any
 * text, `?` for one character, NAME for text without `/` or `:`. Run as a set of template positions, one character
 * of `text` at a time: templates are short and each answer is remembered per pattern.
 */
function templateAccepts(template: string, text: string, whole: boolean): boolean {
  const n = template.length;
  let states = skipVariables(template, new Set([0]));
  for (const c of text) {
    const next = new Set<number>();
    for (const i of states) {
      if (i >= n) continue;
      const t = template[i];
      if (t === "*" || (t === NAME && c !== "/" && c !== ":")) next.add(i);
      else if (t === "?" || t === c) next.add(i + 1);
    }
    if (next.size === 0) return false;
    states = skipVariables(template, next);
  }
  return whole ? states.has(n) : states.size > 0;
}

/**
 * Per lower-cased catalog action, so it holds the catalog at most: the what-if API passes actions as typed, and
 * one remembered per spelling or per unknown name would grow with every question. Actions of one service share their Fit.
 */
const fitByAction = new Map<string, Fit>();
const fitByTemplates = new Map<string, Fit>();
/** Per catalog service: every template of its resource types. */
const fitByService = new Map<string, Fit>();
const NOTHING_RULED_OUT: Fit = { globs: [], fields: [], byPattern: new Map() };
/** Patterns remembered per Fit at most, so a long-running server does not keep every account's patterns. */
const MAX_PATTERNS = 50_000;

function fitOf(action: string): Fit | undefined {
  const lower = action.toLowerCase();
  let fit = fitByAction.get(lower);
  if (fit !== undefined) return fit;
  const templates = resourceArnTemplates(lower);
  if (templates === undefined) return undefined; // unknown names are not kept
  if (templates.length === 0) fit = serviceFit(lower.slice(0, lower.indexOf(":"))) ?? NOTHING_RULED_OUT; // see above
  else {
    const key = templates.join("\n");
    fit = fitByTemplates.get(key) ?? fitOfTemplates(templates);
    fitByTemplates.set(key, fit);
  }
  fitByAction.set(lower, fit);
  return fit;
}

function fitOfTemplates(templates: Iterable<string>): Fit {
  const list = [...templates];
  return { globs: list.map((t) => templateGlob(t, false)), fields: list.map((t) => arnFields(templateGlob(t, true))), byPattern: new Map() };
}

/** `arn`, partition, service, region, account, then the resource (which may hold colons): cut at the first 5 colons. */
function arnFields(arn: string): string[] {
  const fields: string[] = [];
  let from = 0;
  for (let at = arn.indexOf(":"); at >= 0 && fields.length < 5; at = arn.indexOf(":", from)) {
    fields.push(arn.slice(from, at));
    from = at + 1;
  }
  fields.push(arn.slice(from));
  return fields;
}

function onlyStars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) if (pattern[i] !== "*") return false;
  return pattern.length > 0;
}

/**
 * Whether the pattern's literal start (all of it, for a pattern without wildcards) can begin (be) an ARN of one of
 * the templates. Compared field by field up to the resource: a template's `*` (a catalog variable such as
 * `${Partition}`, or a literal `*` region) stands for one field there, never crossing a colon, because partition,
 * service, region and account never hold one. Matched as one glob, `arn:*:sqs:…` would take `aws:sns:…` for its
 * partition and keep every pattern of another service that ends in a wildcard. Most of the resource's variables
 * (object keys, `${LogGroupName}:log-stream:…`, function qualifiers) may hold colons and slashes, so there `*` crosses
 * anything; a NAME (PLAIN_NAMES) crosses neither.
 */
function fits(templates: string[][], pattern: string): boolean {
  const prefix = literalStart(pattern);
  const whole = prefix.length === pattern.length;
  const given = arnFields(prefix);
  const last = given.length - 1;
  return templates.some((t) => {
    // Every template of the reference has the five fields; one without them is read as one glob, as before.
    if (t.length < 6) return templateAccepts(t.join(":"), prefix, whole);
    for (let i = 0; i < last; i++) if (!globMatches(t[i] as string, given[i] as string)) return false;
    if (whole && last !== t.length - 1) return false;
    return templateAccepts(t[last] as string, given[last] as string, whole);
  });
}

/** False only when IAM never authorises `action` (a concrete catalog action) against anything `pattern` matches. */
export function mayBeAuthorisedOn(action: string, pattern: string): boolean {
  if (onlyStars(pattern) || pattern.includes("${")) return true;
  const fit = fitOf(action);
  return !fit || fitsRemembered(fit, pattern);
}

function fitsRemembered(fit: Fit, pattern: string): boolean {
  if (fit.globs.length === 0) return true;
  let ok = fit.byPattern.get(pattern);
  if (ok === undefined) {
    // A pattern spelled `ARN:…` or `arn:AWS:…` may be read lower-case (lib/policy/arn.ts): whether it fits is that reading's.
    ok = fits(fit.fields, lowerArnHead(pattern));
    if (fit.byPattern.size >= MAX_PATTERNS) fit.byPattern.clear();
    fit.byPattern.set(pattern, ok);
  }
  return ok;
}


/**
 * False only when `pattern` names no resource of the service: no action of it authorises anything the pattern
 * matches (`logs:*` granted on a queue ARN). Actions without a listed resource type are left out here, so a service
 * whose actions list none is never ruled out.
 */
export function mayNameResourceOf(service: string, pattern: string): boolean {
  if (onlyStars(pattern) || pattern.includes("${")) return true;
  const fit = serviceFit(service.toLowerCase());
  return !fit || fitsRemembered(fit, pattern);
}

/**
 * True when `pattern` is as wide as `*` for the service: every segment after the service is empty or only stars
 * (`arn:aws:s3:::*`, `arn:aws:sqs:*:*:*`; a trailing `*` crosses colons, so `arn:aws:sqs:*`, `arn:aws:*` too), and
 * the shape fits some resource type of the service (`arn:aws:sqs:::*`, with no region, names no queue).
 */
export function coversEveryResourceOf(service: string, pattern: string): boolean {
  if (onlyStars(pattern)) return true;
  const [arn, partition = "", svc, ...rest] = pattern.split(":");
  if (arn !== "arn") return false;
  if (svc === undefined) return onlyStars(partition);
  if (rest.length === 0) return onlyStars(svc); // `arn:aws:*`
  const last = rest[rest.length - 1];
  if (!globMatches(svc, service.toLowerCase(), true) || last === undefined || !onlyStars(last)) return false;
  if (!rest.every((seg) => seg === "" || onlyStars(seg))) return false;
  const fit = serviceFit(service.toLowerCase());
  if (!fit || fit.globs.length === 0) return true;
  // Each template with its variables filled by a character no pattern literal holds: only stars can match them.
  const own = onlyStars(partition) ? "aws" : partition;
  return fit.globs.some((g) => globMatches(pattern, g.split(":").map((seg, i) => (i === 1 ? own : seg.replaceAll("*", "\u0001"))).join(":")));
}

/** Every resource type's template of a catalog service (lower-cased prefix); undefined for an unknown service, not kept. */
function serviceFit(service: string): Fit | undefined {
  let fit = fitByService.get(service);
  if (!fit) {
    const actions = serviceActions(service);
    if (actions.length === 0) return undefined;
    fit = fitOfTemplates(new Set(actions.flatMap((a) => resourceArnTemplates(a.name) ?? [])));
    fitByService.set(service, fit);
  }
  return fit;
}
