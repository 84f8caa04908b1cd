/**
 * Republishing: a published version keeps the configuration it was published with (its role, its dead-letter queue),
 * so a fix to one is a new version from the function's current configuration and its callers moved to it.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { Statement } from "@/lib/policy/types";
import { aliasRoutes } from "@/lib/analysis/runs-as";
import { cliFlag, functionArgs, grantFirst, regionArg, removePermissionCommand, type OrderedFix } from "./remediation";
import { eventSourceMissingPermissions } from "./rules/event-source-missing-permissions";

/**
 * The number publish-version answers in place of `version`, which no snapshot can know beforehand. One per replaced
 * version: a fix that republishes two versions gets two numbers, and each goes where its own version's callers are.
 */
export function newVersion(version: string): string {
  return `<new version for ${version}>`;
}

/** Lines of a fix and the rules whose fixes come before them (OrderedFix). */
interface OrderedLines {
  lines: string[];
  fixesFirst: string[];
}

/**
 * The commands that move what routes calls to `version` (aliases, weighted or not, and event source mappings) to the
 * version published in its place: publishing alone leaves every caller on the old one; then what is set on the
 * version itself (ownCallers).
 */
function repointCommands(fn: FunctionModel, version: string): OrderedLines {
  const placeholder = newVersion(version);
  const region = regionArg(fn.arn);
  const aliases = fn.aliases.flatMap((a) => {
    if (!a.Name) return [];
    const alias = `aws lambda update-alias${cliFlag("--function-name", fn.arn)}${cliFlag("--name", a.Name)}`;
    if (a.FunctionVersion === version) return [`${alias}${cliFlag("--function-version", placeholder)}${region}`];
    const weights = aliasRoutes(a).slice(1);
    if (!weights.some((w) => w.version === version)) return [];
    const moved = Object.fromEntries(weights.map((w) => [w.version === version ? placeholder : w.version, w.weight]));
    return [`${alias}${cliFlag("--routing-config", JSON.stringify({ AdditionalVersionWeights: moved }))}${region}`];
  });
  const mappings = fn.mappings
    .filter((m) => m.FunctionArn === `${fn.arn}:${version}`)
    .map((m) => `aws lambda update-event-source-mapping${cliFlag("--uuid", m.UUID)}${cliFlag("--function-name", `${fn.arn}:${placeholder}`)}${region}`);
  // Lambda checks the new version's role against the source when a mapping is updated (lambda-permissions.md §1.4).
  const check = `Lambda refuses to move a mapping to a role that cannot read its source: ${grantFirst(eventSourceMissingPermissions.id)}.`;
  return {
    lines: [...aliases, ...(mappings.length > 0 ? [check, ...mappings] : []), ...ownCallers(fn, version)],
    fixesFirst: mappings.length > 0 ? [eventSourceMissingPermissions.id] : [],
  };
}

/**
 * What is set on the version itself and so stays with it: its own resource policy lets callers invoke it by its ARN
 * (an S3, SNS or EventBridge target set to `function:name:3`), and its async settings apply to those calls. No
 * command here can move a caller another service holds, so the text says to; the settings move, and the version's
 * own grants go once its callers have. A function URL cannot be on a version (only on an alias, which it follows).
 * Provisioned concurrency set on the version stays there too (set on an alias, it follows the alias); the snapshot
 * holds no provisioned concurrency read, so the text says it for every version.
 */
function ownCallers(fn: FunctionModel, version: string): string[] {
  const arn = `${fn.arn}:${version}`;
  const statements = fn.policies.filter((p) => p.qualifiedArn === arn).flatMap((p) => p.policy.statements);
  const sids = statements.map((s) => s.sid);
  const settings = fn.invokeConfigs.find((c) => c.qualifiedArn === arn)?.config;
  const lines: string[] = [];
  if (settings) {
    const { DestinationConfig: destinations, MaximumRetryAttempts: retries, MaximumEventAgeInSeconds: age } = settings;
    lines.push(
      `Version ${version}'s async settings apply to calls of version ${version} alone: set them on the new version (its role sends to their destinations: grant any action async-target-permission-missing names), then remove them from ${version}:`,
      `aws lambda put-function-event-invoke-config${functionArgs(fn.arn, newVersion(version))}` +
        (typeof retries === "number" ? cliFlag("--maximum-retry-attempts", String(retries)) : "") +
        (typeof age === "number" ? cliFlag("--maximum-event-age-in-seconds", String(age)) : "") +
        (destinations ? cliFlag("--destination-config", JSON.stringify(destinations)) : ""),
      `aws lambda delete-function-event-invoke-config${functionArgs(fn.arn, version)}`,
    );
  }
  if (sids.length > 0) {
    // Publishing copies no resource policy (lambda-permissions.md §3.5): the new version has none of the old one's grants.
    const readded = statements.map((st) => ({ st, command: addPermissionCommand(fn.arn, newVersion(version), st) }));
    const byHand = readded.filter((r) => r.command === undefined).map((r) => r.st.sid ?? `statement ${r.st.index + 1}`);
    lines.push(
      `Version ${version}'s own resource policy lets callers invoke ${arn} by its ARN, and a published version starts with no resource policy: grant them on the new version as on ${version}` +
        (byHand.length > 0 ? ` (${byHand.join(", ")}: copy ${byHand.length > 1 ? "them" : "it"} into the resource policy of the new version as version ${version}'s holds ${byHand.length > 1 ? "them" : "it"}; add-permission cannot write ${byHand.length > 1 ? "them" : "it"})` : "") +
        (byHand.length < readded.length ? ":" : "."),
      ...readded.flatMap((r) => (r.command === undefined ? [] : [r.command])),
      `They keep calling version ${version} until you point them at the new version. Then remove ${version}'s statements:`,
      ...sids.map((sid) => removePermissionCommand(fn.arn, sid, version)),
    );
  }
  lines.push(
    `Provisioned concurrency configured on version ${version} itself stays on it (one configured on an alias follows the alias to the new version): if version ${version} has some, configure it on the new version and remove it from ${version}.`,
  );
  return lines;
}

/** AddPermission's StatementId: 1 to 100 of these characters. */
const STATEMENT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The add-permission that writes `st` again on `qualifier`, or undefined when AddPermission cannot write it: anything
 * but an Allow of one action to one principal whose conditions are those its parameters map to (lambda-permissions.md
 * §3.1 table; PutResourcePolicy writes any other).
 */
function addPermissionCommand(functionArn: string, qualifier: string, st: Statement): string | undefined {
  const raw = st.raw as { Effect?: unknown; Principal?: unknown; Action?: unknown; Condition?: unknown; NotPrincipal?: unknown; NotAction?: unknown; NotResource?: unknown };
  if (raw.Effect !== "Allow" || raw.NotPrincipal !== undefined || raw.NotAction !== undefined || raw.NotResource !== undefined) return undefined;
  const action = typeof raw.Action === "string" ? raw.Action : undefined;
  const principal = principalArg(raw.Principal);
  if (action === undefined || principal === undefined || st.sid === undefined || !STATEMENT_ID.test(st.sid)) return undefined;
  let flags = "";
  for (const [operator, clause] of Object.entries((raw.Condition ?? {}) as Record<string, unknown>)) {
    if (clause === null || typeof clause !== "object") return undefined;
    for (const [key, value] of Object.entries(clause as Record<string, unknown>)) {
      const flag = ADD_PERMISSION_CONDITIONS[`${operator}:${key}`.toLowerCase()];
      if (flag === undefined || typeof value !== "string") return undefined;
      if (flag !== "--invoked-via-function-url") flags += cliFlag(flag, value);
      else if (value === "true") flags += ` ${flag}`;
      else return undefined;
    }
  }
  return `aws lambda add-permission${functionArgs(functionArn, qualifier)}${cliFlag("--statement-id", st.sid)}${cliFlag("--action", action)}${cliFlag("--principal", principal)}${flags}`;
}

/** The AddPermission parameter each stored condition comes from, by `operator:key` in lower case. */
const ADD_PERMISSION_CONDITIONS: Readonly<Record<string, string>> = {
  "arnlike:aws:sourcearn": "--source-arn",
  "stringequals:aws:sourceaccount": "--source-account",
  "stringequals:aws:principalorgid": "--principal-org-id",
  "stringequals:lambda:functionurlauthtype": "--function-url-auth-type",
  "stringequals:lambda:eventsourcetoken": "--event-source-token",
  "bool:lambda:invokedviafunctionurl": "--invoked-via-function-url",
};

/** `--principal` for a stored Principal: `*`, a service, or an AWS ARN (an account's root as AddPermission stores it). */
function principalArg(principal: unknown): string | undefined {
  if (principal === "*") return "*";
  if (principal === null || typeof principal !== "object") return undefined;
  const entries = Object.entries(principal as Record<string, unknown>);
  if (entries.length !== 1 || typeof entries[0]![1] !== "string") return undefined;
  const [kind, value] = entries[0] as [string, string];
  return kind === "Service" || kind === "AWS" ? value : undefined;
}

/**
 * publish-version, then the commands that move what routes calls to `version` to the version it answers; moving a
 * mapping comes after the grants its source needs (fixesFirst).
 */
export function republishCommands(fn: FunctionModel, version: string): OrderedFix {
  const { lines, fixesFirst } = repointCommands(fn, version);
  return { text: `aws lambda publish-version${functionArgs(fn.arn)}\nthen, with the version number it answers for ${newVersion(version)}:\n${lines.join("\n")}`, fixesFirst };
}
