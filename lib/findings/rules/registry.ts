/** Every rule, explicitly listed (no barrel): the order here is the order of evaluation. */
import type { Rule } from "../types";
import { asyncTargetPermissionMissing } from "./async-target-permission-missing";
import { confusedDeputy } from "./confused-deputy";
import { crossAccountInvoke } from "./cross-account-invoke";
import { dataUnavailableRule } from "./data-unavailable";
import { durablePermissionMissing } from "./durable-permission-missing";
import { efsPermissionMissing } from "./efs-permission-missing";
import { imagePermissionMissing } from "./image-permission-missing";
import { envKmsPermissionMissing } from "./env-kms-permission-missing";
import { envSecretName } from "./env-secret-name";
import { eventSourceMappingFailing } from "./event-source-mapping-failing";
import { eventSourceMissingPermissions } from "./event-source-missing-permissions";
import { executionRoleMissing } from "./execution-role-missing";
import { executionRoleTrust } from "./execution-role-trust";
import { functionStateFailed } from "./function-state-failed";
import { functionUrlPermissionMismatch } from "./function-url-permission-mismatch";
import { functionUrlPublic } from "./function-url-public";
import { invokerRoleOpenTrust } from "./invoker-role-open-trust";
import { logsPermissionMissing } from "./logs-permission-missing";
import { publicInvoke } from "./public-invoke";
import { publicInvokePrivilegedRole } from "./public-invoke-privileged-role";
import { resourcePolicyAdminActions } from "./resource-policy-admin-actions";
import { roleAdminAccess } from "./role-admin-access";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";
import { roleServiceWildcard } from "./role-service-wildcard";
import { roleShared } from "./role-shared";
import { runtimeDeprecated } from "./runtime-deprecated";
import { tracingPermissionMissing } from "./tracing-permission-missing";
import { vpcPermissionMissing } from "./vpc-permission-missing";

/** The rules that judge functions and roles; data-unavailable reports where they could not. */
export const CHECK_RULES: Rule[] = [
  // Who can invoke
  publicInvoke,
  functionUrlPublic,
  functionUrlPermissionMismatch,
  confusedDeputy,
  crossAccountInvoke,
  resourcePolicyAdminActions,
  invokerRoleOpenTrust,
  // Event sources and execution role needs
  eventSourceMissingPermissions,
  eventSourceMappingFailing,
  logsPermissionMissing,
  vpcPermissionMissing,
  asyncTargetPermissionMissing,
  tracingPermissionMissing,
  durablePermissionMissing,
  efsPermissionMissing,
  imagePermissionMissing,
  envKmsPermissionMissing,
  executionRoleMissing,
  executionRoleTrust,
  // What the function can reach
  roleAdminAccess,
  rolePrivilegeEscalation,
  roleServiceWildcard,
  roleShared,
  // Function configuration
  runtimeDeprecated,
  envSecretName,
  // Paths: built from the findings above (derive), after every check
  publicInvokePrivilegedRole,
  // AWS's own verdict on the function, pointing at the findings above that name its cause (derive)
  functionStateFailed,
];

export const RULES: Rule[] = [...CHECK_RULES, dataUnavailableRule(CHECK_RULES)];
