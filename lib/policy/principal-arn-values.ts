/**
 * Values no request carries in aws:PrincipalArn. For a role session the key holds the role's ARN, not the session's:
 * reference_policies_condition-keys.html, aws:PrincipalArn, "For IAM roles, the request context returns the ARN of the
 * role, not the ARN of the user that assumed the role", and of the role's value "Do not specify the assumed role
 * session ARN as a value for this key". Its other values (an IAM user, a federated user's
 * `arn:aws:sts::A:federated-user/name`, the account root) hold no `:` after the service's fields, as IAM and STS names
 * allow none, so no value of the key holds `:assumed-role/`. A condition written for a session's ARN
 * (`ArnLike aws:PrincipalArn arn:aws:sts::A:assumed-role/deployer/*`, a common mistake) is met by no request.
 */

const PRINCIPAL_ARN = "aws:principalarn";
const SESSION_PART = ":assumed-role/";

/**
 * Whether no request's `key` (lower-cased) can meet or equal `policyValue` under a String or ARN operator: only for
 * aws:PrincipalArn, where a literal run of the value (between wildcards, which every match holds whole) names a role
 * session's ARN. Compared without case, so it holds for the IgnoreCase operators too.
 */
export function noRequestCarries(key: string, policyValue: string): boolean {
  if (key !== PRINCIPAL_ARN) return false;
  return policyValue
    .toLowerCase()
    .split(/[*?]/)
    .some((run) => run.includes(SESSION_PART));
}
