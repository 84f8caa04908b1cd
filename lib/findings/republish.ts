/**
 * Republishing: a published version keeps the configuration it was published with (its role, its dead-letter queue),
 * so a fix to one is a new version from the function's current configuration and its callers moved to it.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { aliasRoutes } from "@/lib/analysis/runs-as";
import { cliFlag, functionArgs, regionArg, shellArg } from "./remediation";

/** The number publish-version answers, which no snapshot can know beforehand. */
export const NEW_VERSION = "<new version>";

/**
 * The commands that move what routes calls to `version` (aliases, weighted or not, and event source mappings) to the
 * version published in its place: publishing alone leaves every caller on the old one. Async
 * settings, URLs and policies on the version itself have no command that moves them; the fix's text names its callers.
 */
function repointCommands(fn: FunctionModel, version: string): string[] {
  const region = regionArg(fn.arn);
  const aliases = fn.aliases.flatMap((a) => {
    if (!a.Name) return [];
    const alias = `aws lambda update-alias${cliFlag("--function-name", fn.arn)}${cliFlag("--name", a.Name)}`;
    if (a.FunctionVersion === version) return [`${alias} --function-version ${NEW_VERSION}${region}`];
    const weights = aliasRoutes(a).slice(1);
    if (!weights.some((w) => w.version === version)) return [];
    const moved = Object.fromEntries(weights.map((w) => [w.version === version ? NEW_VERSION : w.version, w.weight]));
    return [`${alias}${cliFlag("--routing-config", JSON.stringify({ AdditionalVersionWeights: moved }))}${region}`];
  });
  const mappings = fn.mappings
    .filter((m) => m.FunctionArn === `${fn.arn}:${version}`)
    .map((m) => `aws lambda update-event-source-mapping${cliFlag("--uuid", m.UUID)} --function-name ${shellArg(fn.arn)}:${NEW_VERSION}${region}`);
  // Lambda checks the new version's role against the source when a mapping is updated (lambda-permissions.md §1.4).
  const check = "Lambda refuses to move a mapping to a role that cannot read its source: grant any action event-source-missing-permissions names first.";
  return [...aliases, ...(mappings.length > 0 ? [check, ...mappings] : [])];
}

/** publish-version, then the commands that move what routes calls to `version` to the version it answers. */
export function republishCommands(fn: FunctionModel, version: string): string {
  const repoint = repointCommands(fn, version);
  return `aws lambda publish-version${functionArgs(fn.arn)}` + (repoint.length > 0 ? `\nthen, with the version number it answers for ${NEW_VERSION}:\n${repoint.join("\n")}` : "");
}
