/**
 * What AWS's reason codes for a failed function (`StateReasonCode`, `LastUpdateStatusReasonCode`; the Lambda API
 * reference, lambda-permissions.md §2.2) mean, and which of this tool's rules look for the same cause in the
 * snapshot, so function-state-failed can point at their finding instead of repeating it.
 */
import { ownValue } from "@/lib/own-value";

export interface StateReason {
  /** What went wrong, mid-sentence ("the execution role lacks …"). */
  cause: string;
  /**
   * Rules whose finding on the function, when one fires, names the gap (and its fix); `rule#discriminator` for one of
   * a rule's findings only (execution-role-trust#lambda: Lambda cannot assume the role, not "others can too").
   */
  rules: readonly string[];
}

const KMS_RULES = ["env-kms-permission-missing"] as const;
const EFS_RULES = ["efs-permission-missing"] as const;
const EFS_MOUNT =
  "Lambda could not mount the function's EFS access point: the execution role needs elasticfilesystem:ClientMount (and ClientWrite to write) unless the file system policy grants them, and the mount targets' security group must admit NFS (TCP 2049) from the function's";

const REASONS: Record<string, StateReason> = {
  InsufficientRolePermissions: {
    cause:
      "the execution role lacks an action Lambda needs to set the function up (the network-interface actions for a VPC, sqs:SendMessage or sns:Publish for a dead-letter queue, X-Ray for active tracing, …), or Lambda cannot assume it",
    rules: ["vpc-permission-missing", "async-target-permission-missing", "tracing-permission-missing", "durable-permission-missing", "execution-role-missing", "execution-role-trust#lambda"],
  },
  KMSKeyAccessDenied: { cause: "the execution role may not use the KMS key that encrypts the function's environment (kms:Decrypt)", rules: KMS_RULES },
  KMSKeyNotFound: { cause: "the KMS key that encrypts the function's environment does not exist (deleted, or in another account or region)", rules: KMS_RULES },
  DisabledKMSKey: { cause: "the KMS key that encrypts the function's environment is disabled", rules: KMS_RULES },
  InvalidStateKMSKey: { cause: "the KMS key that encrypts the function's environment is in a state that cannot be used (pending deletion or import)", rules: KMS_RULES },
  ImageAccessDenied: {
    cause:
      "Lambda may not pull the function's container image: the ECR repository policy must allow lambda.amazonaws.com ecr:BatchGetImage and ecr:GetDownloadUrlForLayer (a repository in another account must also allow this account)",
    rules: ["image-permission-missing"],
  },
  // Only a repository that is gone is in the snapshot (GetRepositoryPolicy); a deleted image in one that exists is not.
  ImageDeleted: { cause: "the container image the function was deployed from was deleted from ECR", rules: ["image-permission-missing"] },
  EFSMountFailure: { cause: EFS_MOUNT, rules: EFS_RULES },
  EFSMountConnectivityError: { cause: EFS_MOUNT, rules: EFS_RULES },
  EFSMountTimeout: { cause: EFS_MOUNT, rules: EFS_RULES },
  EFSIOError: { cause: "the function's EFS file system returned an I/O error (its throughput or burst credits may be exhausted)", rules: EFS_RULES },
  "FunctionError.PermissionDenied": { cause: "the function's initialisation was refused a permission (AWS's message says which)", rules: [] },
  InvalidSubnet: { cause: "a subnet in the function's VpcConfig does not exist or cannot be used", rules: [] },
  InvalidSecurityGroup: { cause: "a security group in the function's VpcConfig does not exist or cannot be used", rules: [] },
  SubnetOutOfIPAddresses: { cause: "the function's subnets have no free IP addresses for its network interfaces", rules: [] },
  EniLimitExceeded: { cause: "the account's quota of network interfaces in the function's VPC is reached", rules: [] },
  EC2RequestLimitExceeded: { cause: "EC2 throttled Lambda's calls to set up the function's network interfaces", rules: [] },
  DisallowedByVpcEncryptionControl: { cause: "the VPC's encryption controls do not allow the function's network interfaces", rules: [] },
};

/** The code's meaning, or undefined for a code this table does not know (AWS's own message then says it). */
export function stateReason(code: string | undefined): StateReason | undefined {
  return code === undefined ? undefined : ownValue(REASONS, code);
}

/** Whether `finding` is one of those `reason` says may be its cause. */
export function namesCause(reason: StateReason, finding: { rule: string; id: string }): boolean {
  return reason.rules.some((entry) => {
    const [rule, discriminator] = entry.split("#");
    return finding.rule === rule && (discriminator === undefined || finding.id.endsWith(`#${discriminator}`));
  });
}

/**
 * The IAM action AWS names in a message worded "… does not have permissions to call CreateNetworkInterface on EC2"
 * (lambda-permissions.md §1.4), e.g. `ec2:CreateNetworkInterface`; undefined for any other wording.
 */
export function actionNamed(message: string | undefined): string | undefined {
  const m = /permissions? to call ([A-Za-z]+) on ([A-Za-z0-9-]+)/.exec(message ?? "");
  return m ? `${m[2]!.toLowerCase()}:${m[1]}` : undefined;
}
