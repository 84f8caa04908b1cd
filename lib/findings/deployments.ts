/**
 * What runs a function's code, for the rules that judge a part of its configuration (VPC, logging, tracing, the
 * dead-letter target) with its execution role: the function's own configuration ($LATEST, the current role), and
 * each published version something routes calls to whose role or part of configuration differs from it, since a
 * version keeps both as it was published (lambda-permissions.md §1). A version the same in both is judged with
 * the function's own, so it never repeats that finding.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { RoleModel } from "@/lib/analysis/role-model";
import { routedVersions, runsAsOtherRole, versionRoleArn } from "@/lib/analysis/runs-as";
import type { Evidence, Finding } from "@/lib/analysis/types";
import type { FunctionConfiguration } from "@/lib/snapshot/schema";
import { functionsWithData } from "./data-needs";
import { fitList } from "./headline";
import { checkNeeds, needsFinding, type Need, type NeedOutcome, type Requester } from "./role-needs";
import type { Rule, RuleContext, RuleTurns } from "./types";
import { ANOTHER_TURN } from "@/lib/steps";
import { FUNCTIONS_PER_TURN } from "./rule-turns";

export interface Deployment {
  config: FunctionConfiguration;
  role: RoleModel | undefined;
  /** The version's ARN, which its findings are about; undefined for the function's own configuration. */
  versionArn?: string;
  /** "version 3 (alias prod)": what titles and details call it; undefined for the function's own configuration. */
  label?: string;
}

/** The part of a configuration a rule reads, as a string that is equal when the rule's verdict would be. */
export type ConfigPart = (config: FunctionConfiguration, fn: FunctionModel) => string;

/** Room for what routes to a version in its label ("alias prod, alias beta and 2 more"). */
const REFERRERS_ROOM = 40;

/**
 * The function's own configuration first, then its routed-to versions (in list order) whose role or `part` (a key
 * of the configuration the rule reads, e.g. the VpcConfig as JSON) differs. A version whose role is not in the
 * snapshot is left to execution-role-missing (or to data-unavailable when IAM was not read), one whose Role was set
 * aside to data-unavailable.
 */
export function deployments(ctx: RuleContext, fn: FunctionModel, part: ConfigPart): Deployment[] {
  const out: Deployment[] = [{ config: fn.config, role: fn.role }];
  if (fn.versions.length === 0) return out;
  const own = part(fn.config, fn);
  const differs = (v: FunctionConfiguration) => runsAsOtherRole(fn, v) || part(v, fn) !== own;
  for (const { version, config, referrers } of routedVersions(fn, differs)) {
    const arn = versionRoleArn(fn, config);
    // Judged as the current role, a version whose Role was set aside would get a verdict on a role it may not run as.
    const role = arn === undefined ? undefined : arn === fn.roleArn ? fn.role : ctx.model.roles.get(arn);
    if (!role) continue;
    out.push({ config, role, versionArn: `${fn.arn}:${version}`, label: `version ${version} (${fitList(referrers, REFERRERS_ROOM)})` });
  }
  return out;
}

/** What a rule needs of one deployment, and how its finding reads; undefined when the deployment needs nothing. */
export interface DeploymentNeeds {
  needs: Need[];
  requester?: Requester;
  subject: string;
  intro: string;
  impact: string;
  context: Evidence[];
  /** Rewrites the outcomes before the finding is built, for needs that are alternatives of one another. */
  settle?: (outcomes: NeedOutcome[]) => NeedOutcome[];
}

/**
 * One needs finding per deployment of each function whose role lacks (or may lack) what `describe` says it needs;
 * `part` is the configuration the rule reads (see deployments). In turns (RuleTurns): logs alone take ~100 ms at
 * 10,000 functions.
 */
export function* deploymentFindings(
  ctx: RuleContext,
  rule: Rule,
  part: ConfigPart,
  describe: (fn: FunctionModel, d: Deployment) => DeploymentNeeds | undefined,
): RuleTurns {
  const findings: Finding[] = [];
  for (const [i, fn] of functionsWithData(ctx.model.functions, rule.needs).entries()) {
    if (i > 0 && i % FUNCTIONS_PER_TURN === 0) yield ANOTHER_TURN;
    for (const d of deployments(ctx, fn, part)) {
      const spec = describe(fn, d);
      if (!spec) continue;
      const checked = checkNeeds(ctx, fn, spec.needs, d.role, spec.requester);
      if (!checked) continue;
      const outcomes = spec.settle ? spec.settle(checked) : checked;
      const { subject, intro, impact, context } = spec;
      const finding = needsFinding({ rule: rule.id, severity: rule.severity, fn, about: d.versionArn, role: d.role, outcomes, subject, intro, impact, context });
      if (finding) findings.push(finding);
    }
  }
  return findings;
}
