/**
 * The one name of "what a role can reach" that the graph, its PNG export and the details panel show: the service
 * whose actions are allowed, then the resource pattern. A bare `*` or an ARN ending in `:*` reads "all resources",
 * with the region and account that still narrow it, so `arn:aws:logs:us-east-1:…:*` is not shown as "*" and
 * `rekognition` on `*` does not read like the action wildcard `rekognition:*`.
 */
import { parseArn } from "@/lib/analysis/arn";
import { otherCaseArnHead } from "@/lib/policy/arn";
import type { Reach } from "@/lib/analysis/types";

const ALL = "all resources";

/** Where an ARN whose resource part is `*` still stops: its region, and its account when not the scanned one. */
function scope(region: string, account: string, ownAccount: string | undefined): string {
  const where = region === "*" ? " in every region" : region ? ` in ${region}` : "";
  const whose = account === "*" ? " of any account" : account && ownAccount && account !== ownAccount ? ` of account ${account}` : "";
  return where + whose;
}

function patternLabel(pattern: string, ownAccount: string | undefined): string {
  if (pattern === "*") return ALL;
  // NotResource statements: the reach model writes them "* except <patterns>".
  if (pattern.startsWith("* except ")) return `${ALL} except ${pattern.slice("* except ".length)}`;
  // A pattern spelled `ARN:…` or `arn:AWS:…` is shown whole: cut to its resource part it would read as the node of
  // the ARN AWS writes beside it, which the evaluator answers for certain where this one is a "may".
  if (otherCaseArnHead(pattern)) return pattern;
  const arn = parseArn(pattern);
  if (!arn) return pattern;
  if (arn.resource === "*") return ALL + scope(arn.region, arn.account, ownAccount);
  return arn.resource || pattern;
}

/**
 * `service`: the reach's service prefix, `*` for a reach of every action (Action `*` or NotAction); `pattern`: its
 * Resource pattern as written; `ownAccount`: the scanned account, so only other accounts are named.
 */
export function resourceLabel(service: string, pattern: string, ownAccount?: string): string {
  const what = patternLabel(pattern, ownAccount);
  return service === "*" ? `all services · ${what}` : `${service}: ${what}`;
}

/**
 * A reach of every action (service `*`): the actions it leaves out, as the reach lists them. A reach several
 * statements make lists only what all of its certain ones leave out (reaches.ts `commonExcepts`; `Action: "*"`
 * leaves out nothing); what a conditional way beside them grants of that is a reach of its own (reaches.ts
 * `conditionalExcepts`: `iam` on `*`, conditional), so the exceptions stay named here too.
 */
export function notActionsOf(r: Pick<Reach, "service" | "actions">): string[] | undefined {
  if (r.service !== "*") return undefined;
  const out = r.actions.filter((a) => a.startsWith("except ")).map((a) => a.slice("except ".length));
  return out.length ? out : undefined;
}
