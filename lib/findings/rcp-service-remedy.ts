/**
 * The fix for the organization's RCPs refusing an AWS service that acts for the account (Lambda assuming an
 * execution role, Lambda pulling a container image): RCPs limit a service principal's requests on the account's
 * resources too, so a perimeter Deny keyed on aws:PrincipalOrgID refuses them unless it exempts services, as AWS's
 * data-perimeter examples do. Only the organization's administrators can change it.
 */
import { rcpDenials } from "@/lib/analysis/role-assumers";
import type { EvaluationResult } from "@/lib/policy/types";
import { cliFlag } from "./remediation";

/** `doing` says what the service does for the account, `actions` what an RCP allowing some actions only must allow. */
export function rcpServiceRemediation(results: EvaluationResult[], doing: string, actions: string): string {
  const denies = rcpDenials(results);
  const which = denies.length ? ` (${denies.join(", ")})` : "";
  return (
    `Exempt AWS services from the RCP${which} in AWS Organizations: add "BoolIfExists": {"aws:PrincipalIsAWSService": "false"} to the ` +
    `condition of the Deny, as AWS's data-perimeter examples do, so that a service acting for the account (${doing}) is not refused; ` +
    `or, if the RCP allows only some actions, allow ${actions} at every level from the root to the account ` +
    `(aws organizations update-policy${cliFlag("--policy-id", "<id>")} --content file://rcp.json).`
  );
}
