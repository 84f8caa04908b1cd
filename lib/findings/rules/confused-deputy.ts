/**
 * confused-deputy: a service principal may invoke with nothing pinning whose resource triggers it — neither
 * SourceArn nor SourceAccount, nor the source's organization (fixed values; wildcards pin nothing, while
 * `${aws:ResourceAccount}` pins the function's own account, as public-invoke reads it). S3 bucket ARNs carry no account, so an S3
 * grant with SourceArn but no SourceAccount is still open to a re-created bucket in another account (medium), and so
 * is a `*` grant that such a SourceArn alone narrows (public-invoke leaves it as not public). Alexa
 * sends neither: its grants are pinned by the skill id as lambda:EventSourceToken, and their findings say so.
 */
import { conditionValues, gatedUrlAuthTypes, invokeActionsOf, isFixed, isPublicGrant, isUrlOnlyGrant, organizationsOf, ownPartitionArns, sourceArnPinsAccount, withOwnAccount } from "@/lib/analysis/invokers";
import { INVOKE_ASYNC, INVOKE_FUNCTION } from "@/lib/analysis/async-only";
import { URL_ACTION } from "@/lib/analysis/url-access";
import { accountOfArn, functionQualifier, isOtherPartitionArn, ownPartitionValues, parseArn, serviceOfArn } from "@/lib/analysis/arn";
import { outsideAccountFor } from "@/lib/analysis/outsider-invoke";
import type { Finding, Severity } from "@/lib/analysis/types";
import type { FunctionModel } from "@/lib/analysis/account-model";
import { evaluateResourcePolicy } from "@/lib/policy/evaluate";
import { serviceNameOn } from "@/lib/policy/principal";
import { grantCallContext } from "@/lib/policy/intended-context";
import type { RequestPrincipal, Statement } from "@/lib/policy/types";
import { actionMatches } from "@/lib/policy/wildcard";
import { statementEvidence, whereIs } from "../evidence";
import { fitList, titleWithList } from "../headline";
import { statementLabel } from "../finding-id";
import { functionsWithData } from "../data-needs";
import { cliFlag, functionArgs, removePermissionCommand, shellArg, statementId } from "../remediation";
import { evaluateGrant, grantCallsOf, isEffective, policyGrants, targetName, type PolicyGrant } from "../resource-grants";
import type { Rule } from "../types";
import { functionFinding } from "../function-finding";

type Pinning = "pinned" | "source-arn-only" | "open";

const OWNER_KEYS = ["aws:SourceAccount", "aws:SourceOwner"];
const TOKEN_KEYS = ["lambda:EventSourceToken"];

/**
 * Alexa sends no source ARN or account: a skill is pinned by its id as event source token, the one pin these
 * services take (lambda-permissions.md §3.2), so their findings name the token and their fix sets it.
 */
const TOKEN_SERVICES: ReadonlySet<string> = new Set(["alexa-appkit.amazon.com", "alexa-connectedhome.amazon.com"]);

/** Some of the keys has a value and every value is fixed (loops: this runs for every service grant). */
function fixedValues(st: Statement, keys: readonly string[]): boolean {
  let any = false;
  for (const key of keys) {
    for (const value of conditionValues(st, key)) {
      if (!isFixed(withOwnAccount(value))) return false;
      any = true;
    }
  }
  return any;
}

/**
 * How the statement ties the service's request to a source the owner controls, in `partition` (the function's): a
 * source of another partition is none a caller sends (ownPartitionArns), so it pins nothing and narrows to nothing.
 */
export function pinning(st: Statement, partition: string): Pinning {
  if (fixedValues(st, OWNER_KEYS)) return "pinned";
  if (fixedValues(st, TOKEN_KEYS)) return "pinned"; // Alexa skills: token-gated
  if (organizationsOf(st).length > 0) return "pinned"; // the source's owner is in the organization
  const arns = ownPartitionArns(st, "aws:SourceArn", partition).map(withOwnAccount);
  if (arns.length > 0 && arns.every(sourceArnPinsAccount)) return "pinned";
  if (arns.length > 0 && arns.every(isFixed)) return "source-arn-only";
  return "open";
}

/** The statement's own source ARN, or a placeholder to fill in (quoted, as every value: pasted bare, `<` redirects). */
function sourceArnArg(sourceArn: string | undefined): string {
  return shellArg(sourceArn ?? "<source ARN>");
}

/** Placeholders for the account a re-added statement pins when the source ARN does not name it. */
export const BUCKET_OWNER = "<account that owns the bucket>";
export const SOURCE_OWNER = "<account that owns the source>";

/**
 * The account `--source-account` pins: the one the source ARN names, which is not this account when the topic, queue,
 * stream or rule belongs to another (pinning this one would shut the real source out). A bucket ARN names no account
 * (lambda-permissions.md §3.3) and an unknown source no owner, so a placeholder says whose id to put: guessing this
 * account would pin the wrong one. Sources are fixed values here (no `${aws:ResourceAccount}` to resolve).
 */
function sourceAccountArg(source: string | undefined, principal: string, fnArn: string): string {
  const arn = source === undefined ? undefined : parseArn(source);
  if (arn && /^\d{12}$/.test(arn.account)) return shellArg(arn.account);
  // Any spelling the function's policy reads as S3 (in aws-cn, s3.amazonaws.com.cn too).
  const bucket = arn ? arn.service === "s3" : serviceNameOn(principal, fnArn) === "s3.amazonaws.com";
  return shellArg(bucket ? BUCKET_OWNER : SOURCE_OWNER);
}

/** What a fix says of the owner placeholders it uses, so nobody reads them as optional or fills in their own account. */
function ownerNote(commands: readonly string[]): string {
  const notes = [
    commands.some((c) => c.includes(BUCKET_OWNER)) && `S3 bucket ARNs name no account: put the id of the account that owns the bucket for ${BUCKET_OWNER}.`,
    commands.some((c) => c.includes(SOURCE_OWNER)) && `Put the id of the account that owns the source for ${SOURCE_OWNER} (it may be another account than this one).`,
  ].filter((n): n is string => !!n);
  return notes.map((n) => `\n${n}`).join("");
}

/** One add-permission's action, with the URL condition it keeps (flags as the CLI spells them). */
interface ReaddedAction {
  action: string;
  urlFlags: string;
}

/** The statement names `action` itself, not through a wildcard or NotAction. */
function namesAction(st: Statement, action: string): boolean {
  return (st.action ?? []).some((a) => a.toLowerCase() === action.toLowerCase());
}

/**
 * What the re-added statements grant: each invoke action of the statement, one add-permission apiece (AddPermission
 * takes one), with its URL gate. A CloudFront origin-access-control grant of InvokeFunctionUrl re-added as
 * InvokeFunction would shut the URL to CloudFront, and a URL-gated InvokeFunction re-added without its gate would
 * open direct calls. Each URL key rides on its own action, and AddPermission takes it with that action only: the
 * auth type with InvokeFunctionUrl, "invoked via URL" with InvokeFunction (which a grant gated on either key needs
 * to stay URL-only). The deprecated InvokeAsync is re-added only where the statement names it: a wildcard that
 * happens to cover it is no reason to grant it anew, and no URL call uses it.
 */
function readdedActions(st: Statement, actions: readonly string[]): ReaddedAction[] {
  const urlOnly = isUrlOnlyGrant(st);
  const kept = actions.filter((a) => a !== INVOKE_ASYNC || (!urlOnly && namesAction(st, a)));
  return (kept.length > 0 ? kept : actions).flatMap((action): ReaddedAction[] => {
    if (action === URL_ACTION) {
      const authTypes = gatedUrlAuthTypes(st);
      if (authTypes.length > 0) return authTypes.map((t) => ({ action, urlFlags: cliFlag("--function-url-auth-type", t) }));
    }
    return [{ action, urlFlags: urlOnly && action === INVOKE_FUNCTION ? " --invoked-via-function-url" : "" }];
  });
}

export const confusedDeputy: Rule = {
  id: "confused-deputy",
  title: "Service may invoke on behalf of any account",
  severity: "high",
  needs: ["GetPolicy"],
  description:
    "A service principal may invoke the function with neither aws:SourceArn nor aws:SourceAccount, so any account can point that service at it; for S3, whose bucket ARNs name no account, SourceArn without SourceAccount lets a bucket of that name re-created in another account do so (medium), and so it does for a `*` grant narrowed only by such a SourceArn. Alexa, which sends no source, is pinned by lambda:EventSourceToken (the skill id).",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of functionsWithData(ctx.model.functions, this.needs)) {
      // Services one statement lets in alike share a finding: a statement naming many makes one, not one each
      // carrying the statement.
      const groups = new Map<string, [Entry, ...Entry[]]>();
      // Per statement: it reads every SourceArn value, and a statement may list hundreds of services.
      const pins = new Map<Statement, Pinning>();
      for (const grant of policyGrants(fn, ctx.model.account, ctx.model.partition)) {
        const st = grant.statement;
        const kind = grant.principal.kind;
        if (kind !== "service" && kind !== "public") continue;
        const actions = invokeActionsOf(st);
        const action = actions[0];
        if (!action) continue;
        let pin = pins.get(st);
        if (pin === undefined) pins.set(st, (pin = pinning(st, ctx.model.partition)));
        // A `*` grant no source narrows is public-invoke's, unless a Deny narrows it (below).
        const openToAll = kind === "public" && pin === "open";
        if (pin === "pinned" || (kind === "public" && !openToAll && !sourceNarrowedPublicGrant(st, pin))) continue;
        const result = evaluateGrant(grant, action);
        if (!isEffective(result)) continue;
        const denied = denyPinning(grant, action, ctx.model.partition);
        if (denied.pin === "pinned") continue;
        // A Deny narrowing an open grant to named account-less sources (buckets) leaves it as open as an Allow
        // naming them would: to a bucket re-created elsewhere, no further.
        const narrowed = pin === "open" && denied.pin === "source-arn-only";
        if (openToAll && !narrowed) continue;
        const entry: Entry = narrowed
          ? { grant, actions, pin: denied.pin, sources: denied.sources, deny: denied.statement }
          : { grant, actions, pin, sources: ownPartitionArns(st, "aws:SourceArn", ctx.model.partition) };
        const key = `${grant.qualifiedArn}\n${st.index}\n${entry.pin}\n${result.decision}\n${TOKEN_SERVICES.has(grant.principal.id)}\n${entry.deny?.index}`;
        const group = groups.get(key);
        if (group) group.push(entry);
        else groups.set(key, [entry]);
      }
      for (const group of groups.values()) findings.push(groupFinding(this.id, fn, group));
    }
    return findings;
  },
};

/**
 * The deputy this rule is about acts for a resource of another account, and sends that account as aws:SourceAccount
 * (aws:SourceOwner for older services) and the resource as aws:SourceArn (IAM global condition keys): a Deny on
 * every source account but fixed ones, or on every source ARN but fixed ones that name an account, shuts it out as
 * the Allow's own condition would (PutResourcePolicy documents may hold one); a Deny on every source ARN but fixed
 * account-less ones (buckets) narrows it as far as such an Allow would ("source-arn-only"). Asked for one outside
 * account, so only a Deny whose values are all fixed counts: a pattern (12345678901?) lets other accounts through, as
 * `pinning` reads it in an Allow. The rest of the grant's intended request stays (an S3 grant's bucket ARN); a `*`
 * grant is asked as the service its source ARN names.
 */
function denyPinning(grant: PolicyGrant, action: string, partition: string): DenyPin {
  const open: DenyPin = { pin: "open", sources: [] };
  const [intended] = grantCallsOf(grant);
  if (!intended) return open;
  const deputy = deputyOf(grant, partition);
  // The outside account's resource: left unknown, a Deny on every source ARN but some would read as "may", never as
  // the refusal it is. A source the grant was written for is kept, one of the function's partition (no deputy sends
  // another's).
  const outsider = outsideAccountFor(grant.policy, accountOfArn(grant.qualifiedArn));
  const written = intended.values["aws:sourcearn"];
  const own = written !== undefined && isOtherPartitionArn(written, partition) ? ownPartitionArns(grant.statement, "aws:SourceArn", partition)[0] : written;
  const sourceArn = own ?? outsideSourceArn(deputy, grant.qualifiedArn, outsider);
  const values = { ...intended.values, "aws:sourceaccount": outsider, "aws:sourceowner": outsider, ...(sourceArn ? { "aws:sourcearn": sourceArn } : {}) };
  const result = evaluateResourcePolicy(grant.policy, {
    principal: deputy,
    action,
    resource: grant.qualifiedArn,
    context: grantCallContext({ values }, action),
  });
  if (result.decision !== "explicitly-denied") return open;
  const statements = grant.policy.statements;
  const denies = result.statements
    .filter((m) => m.effect === "Deny")
    .map((m) => statements.find((st) => st.index === m.statementIndex))
    .filter((st): st is Statement => st !== undefined);
  if (denies.some((st) => refusesAllBut(st, OWNER_KEYS, isFixed))) return { pin: "pinned", sources: [] };
  if (denies.some((st) => refusesAllBut(st, SOURCE_ARN_KEYS, sourceArnPinsAccount))) return { pin: "pinned", sources: [] };
  const narrowing = denies.find((st) => refusesAllBut(st, SOURCE_ARN_KEYS, isFixed));
  if (!narrowing) return open;
  // Sources of another partition it lets through are none a deputy of this one sends: it refuses every source.
  const sources = ownPartitionValues(negatedValues(narrowing, SOURCE_ARN_KEYS), partition);
  return sources.length === 0 ? { pin: "pinned", sources: [] } : { pin: "source-arn-only", sources, statement: narrowing };
}

const SOURCE_ARN_KEYS = ["aws:SourceArn"];

/** A resource of the deputy's service in the outside account (an S3 bucket's ARN names no account). */
function outsideSourceArn(deputy: RequestPrincipal, functionArn: string, outsider: string): string | undefined {
  if (deputy.type !== "service") return undefined;
  const service = deputy.id.split(".")[0];
  const arn = parseArn(functionArn);
  if (!service || !arn) return undefined;
  return service === "s3" ? `arn:${arn.partition}:s3:::lpg-outside-probe` : `arn:${arn.partition}:${service}:${arn.region}:${outsider}:lpg-outside-probe`;
}

interface DenyPin {
  pin: Pinning;
  /** The sources a "source-arn-only" Deny lets through. */
  sources: readonly string[];
  statement?: Statement;
}

/**
 * The Deny tests `keys` with negated operators (StringNotEquals, ArnNotLike …) and values that each pass `fixed`
 * only: it refuses every source but those listed. A positive test (deny one account) or a pattern refuses the
 * outside source asked for, not every other.
 */
function refusesAllBut(st: Statement, keys: readonly string[], fixed: (value: string) => boolean): boolean {
  const lower = keys.map((k) => k.toLowerCase());
  const clauses = st.conditions.filter((c) => lower.includes(c.key.toLowerCase()));
  return clauses.length > 0 && clauses.every((c) => /^(StringNot|ArnNot)/i.test(c.operator) && c.values.every((v) => fixed(withOwnAccount(v))));
}

function negatedValues(st: Statement, keys: readonly string[]): string[] {
  const lower = keys.map((k) => k.toLowerCase());
  return st.conditions.filter((c) => lower.includes(c.key.toLowerCase())).flatMap((c) => c.values);
}

/**
 * A service grant's own service; for a `*` grant, the service of the source ARNs that narrow it: its own, else those a
 * Deny lets through (any service may act for `*`, and only these reach the function), of the function's partition
 * alone (a commercial topic listed beside a China bucket is no deputy of a China function).
 */
function deputyOf(grant: PolicyGrant, partition: string): RequestPrincipal {
  if (grant.principal.kind === "service") return grant.principal.request;
  const own = ownPartitionArns(grant.statement, "aws:SourceArn", partition);
  const arns = own.length > 0 ? own : ownPartitionValues(grant.policy.statements.filter((st) => st.effect === "Deny").flatMap((st) => negatedValues(st, SOURCE_ARN_KEYS)), partition);
  const service = arns.map(serviceOfArn).find((s) => s !== undefined);
  return service ? { type: "service", id: `${service}.amazonaws.com` } : grant.principal.request;
}

/**
 * A `*` grant is this rule's when public-invoke leaves it because a fixed SourceArn narrows it (README, "Who a `*`
 * grant lets in") and that ARN names no account (an S3 bucket): `*` includes the service, so a bucket of that name
 * re-created in another account can invoke the function, exactly as through the same grant to s3.amazonaws.com.
 */
function sourceNarrowedPublicGrant(st: Statement, pin: Pinning): boolean {
  return pin === "source-arn-only" && !isPublicGrant(st);
}

/** How a finding names a grant's principal: `*` as the statement writes it, lest it read as a glob. */
function principalName(grant: PolicyGrant): string {
  return grant.principal.kind === "public" ? 'Principal "*"' : grant.principal.id;
}

interface Entry {
  grant: PolicyGrant;
  /** The statement's invoke actions. */
  actions: readonly string[];
  pin: Exclude<Pinning, "pinned">;
  /** The SourceArn values the Deny in `deny` narrows the grant to (the Allow's own of the function's partition otherwise). */
  sources: readonly string[];
  /** A Deny that narrows an unconditioned grant to account-less sources. */
  deny?: Statement;
}

/** Re-added statements spelled out in a fix; the rest are counted. */
const MAX_READDED = 2;

function groupFinding(rule: string, fn: FunctionModel, group: [Entry, ...Entry[]]): Finding {
  const [{ grant, actions, pin, sources: narrowedTo, deny }] = group;
  const st = grant.statement;
  const principals = group.map((e) => e.grant.principal.id);
  const services = group.map((e) => principalName(e.grant));
  const service = grant.principal.id;
  const many = services.length > 1;
  const severity: Severity = pin === "source-arn-only" ? "medium" : "high";
  const token = TOKEN_SERVICES.has(service); // the group's services are all token services or none
  const missing = token ? "lambda:EventSourceToken (the skill id)" : pin === "source-arn-only" ? "aws:SourceAccount" : "aws:SourceArn or aws:SourceAccount";
  const who = many ? `${services.length} services (${fitList(services, 600)})` : services[0];
  // AddPermission takes one principal, one source ARN and one action a statement, each with an id of its own: a
  // statement for two buckets (or services, or actions) is re-added as one per combination, or the fix drops a source
  // or an action, or is refused as a duplicate id.
  const sources = token ? [] : narrowedTo.filter(isFixed);
  const grants = readdedActions(st, actions);
  const pairs = principals.flatMap((principal) =>
    (sources.length ? sources : [undefined]).flatMap((source) => grants.map((g) => ({ principal, source, ...g }))),
  );
  const shown = pairs.slice(0, MAX_READDED);
  const addPermissions = shown.map(
    ({ principal, source, action, urlFlags }, i) =>
      `aws lambda add-permission${functionArgs(fn.arn, functionQualifier(grant.qualifiedArn))}${cliFlag("--statement-id", statementId(st.sid ?? "invoke", pairs.length > 1 ? `-${i + 1}` : ""))}${cliFlag("--action", action)} --principal ${shellArg(principal)}${urlFlags} ` +
      (token ? `--event-source-token ${shellArg("<skill id>")}` : `--source-arn ${sourceArnArg(source)} --source-account ${sourceAccountArg(source, principal, fn.arn)}`),
  );
  return functionFinding({
    rule,
    severity,
    fn,
    about: grant.qualifiedArn,
    discriminator: `${statementLabel(st)}/${service}`,
    title: titleWithList("", services, ` may invoke ${targetName(fn, grant.qualifiedArn)} without ${missing}`),
    detail: token
      ? `Statement ${statementLabel(st)} lets ${who} invoke the function without a lambda:EventSourceToken naming its skill, so any Alexa skill, in any account, can invoke it (confused deputy). Pin the skill id as event source token.`
      : pin === "source-arn-only"
        ? `Statement ${statementLabel(st)} lets ${who} invoke the function for source ${narrowedTo.join(", ")}${deny ? ` (statement ${statementLabel(deny)} denies every other source)` : ""}, an ARN without an account: if that resource is deleted, another account can create one with the same name and trigger the function. Add aws:SourceAccount.`
        : `Statement ${statementLabel(st)} lets ${who} invoke the function with no condition on the source resource or account, so any AWS account can configure ${many ? "these services" : services[0]} to invoke it (confused deputy).`,
    evidence: [
      statementEvidence(grant.policy, st, `Service grant in ${whereIs(grant.policy.source, st)}`, [
        ...principals,
        ...(st.action ?? []).filter((a) => actions.some((x) => actionMatches(a, x))), // as written in the statement
        ...st.conditions.map((c) => c.key),
      ]),
      ...(deny ? [statementEvidence(grant.policy, deny, `Deny of other sources in ${whereIs(grant.policy.source, deny)}`, [...deny.conditions.map((c) => c.key), ...narrowedTo])] : []),
    ],
    remediation:
      `Re-add the permission with the ${token ? "skill id" : "source"} pinned${pairs.length > 1 ? `, one statement per ${combination(services, sources, grants)}` : ""}:\n` +
      `${removePermissionCommand(fn.arn, st.sid, functionQualifier(grant.qualifiedArn))}\n` +
      addPermissions.join("\n") +
      (pairs.length > shown.length
        ? `\nand likewise for the other ${pairs.length - shown.length} ${pairs.length - shown.length > 1 ? "combinations" : "combination"} of ${combination(services, sources, grants)} named in the detail and the statement`
        : "") +
      ownerNote(addPermissions),
  });
}

/** What the re-added statements are one per: "service and source", "action", … (AddPermission takes one of each). */
function combination(services: readonly string[], sources: readonly string[], grants: readonly ReaddedAction[]): string {
  const parts = [services.length > 1 && "service", sources.length > 1 && "source", grants.length > 1 && "action"].filter((p): p is string => !!p);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0] ?? "statement";
}
