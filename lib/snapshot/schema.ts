/**
 * Snapshot format `lambda-permissions-graph/snapshot@1` (contract: ../shared/spec/snapshot.md).
 *
 * The schema checks only the envelope and the shapes analysis relies on. Everything is `loose`: AWS adds fields
 * over time and emulators omit some, so unknown fields are kept and optional ones may be missing. Policy
 * documents stay `unknown` here because they arrive in three encodings; lib/policy/parse.ts decodes them and
 * reports a malformed one without failing the whole snapshot.
 */
import { z } from "zod";

export const SNAPSHOT_FORMAT = "lambda-permissions-graph/snapshot@1";
export const SNAPSHOT_FORMAT_PREFIX = "lambda-permissions-graph/snapshot@";

const str = z.string();
const optStr = str.optional().nullable();

export const TagSchema = z.looseObject({ Key: str, Value: str.optional().nullable() });

/**
 * Names and ARNs as IAM gives them (IAM API reference: Role, RoleDetail, UserDetail, GroupDetail, Policy, PolicyDetail,
 * AttachedPolicy). A
 * hand-made snapshot can hold a role or policy name IAM refuses (a line break, a terminal escape, `role X` with a
 * space): it went unquoted into the prose of a dozen fixes ("the identity policy of role X") and could fake a command
 * line there. The entry holding one is set aside when the snapshot is read (salvage.ts), as a function named as Lambda
 * names none is, so what it concerned reads as unknown.
 */
const IAM_NAME = "[\\w+=,.@-]";
/** A path: `/`, or `/…/` of printable ASCII; the ARN's text between the resource type and the name. */
const IAM_PATH = "/|/[\\u0021-\\u007E]{1,510}/";
/** An IAM ARN of `type` (role, user, group) in an account: path then a name of up to `max` characters. */
function iamArn(type: string, max: number): string {
  return `arn:aws[a-zA-Z-]*:iam::[0-9]{12}:${type}(${IAM_PATH})${IAM_NAME}{1,${max}}`;
}
/** Empty is allowed, as for function names: an emulator leaves names empty, and they are derived from the ARN. */
export const IAM_ROLE_NAME_PATTERN = `^(${IAM_NAME}{1,64})?$`;
export const IAM_POLICY_NAME_PATTERN = `^(${IAM_NAME}{1,128})?$`;
export const IAM_PATH_PATTERN = `^(${IAM_PATH})?$`;
const IAM_ROLE_ARN = iamArn("role", 64);
export const IAM_ROLE_ARN_PATTERN = `^${IAM_ROLE_ARN}$`;
/** A managed policy's ARN: the account's own, or AWS's (`iam::aws:policy/…`). */
export const IAM_POLICY_ARN_PATTERN = `^arn:aws[a-zA-Z-]*:iam::([0-9]{12}|aws):policy(${IAM_PATH})${IAM_NAME}{1,128}$`;

const roleName = str.regex(new RegExp(IAM_ROLE_NAME_PATTERN), "not an IAM role name");
const policyName = str.regex(new RegExp(IAM_POLICY_NAME_PATTERN), "not an IAM policy name");
const iamPath = str.regex(new RegExp(IAM_PATH_PATTERN), "not an IAM path");
const roleArn = str.regex(new RegExp(IAM_ROLE_ARN_PATTERN), "not an IAM role ARN");
/**
 * A function's `Role`, its execution role's ARN: one IAM gives, or empty as an emulator leaves it (no role, then). A
 * crafted one (a line break, an escape sequence, 5,000 characters) was shown wherever the role is; salvage.ts sets
 * that field aside alone, so the function is still analysed and what its role grants reads unknown.
 */
const executionRoleArn = str.regex(new RegExp(`^(${IAM_ROLE_ARN})?$`), "not an IAM role ARN");
const policyArn = str.regex(new RegExp(IAM_POLICY_ARN_PATTERN), "not an IAM managed policy ARN");
/** Users' and groups' names as IAM gives them: the same characters, 64 for a user and 128 for a group (UserDetail, GroupDetail). */
const userName = str.regex(new RegExp(`^(${IAM_NAME}{1,64})?$`), "not an IAM user name");
const groupName = str.regex(new RegExp(`^(${IAM_NAME}{1,128})?$`), "not an IAM group name");
const userArn = str.regex(new RegExp(`^${iamArn("user", 64)}$`), "not an IAM user ARN");
const groupArn = str.regex(new RegExp(`^${iamArn("group", 128)}$`), "not an IAM group ARN");

export const RolePolicySchema = z.looseObject({
  PolicyName: policyName.optional().nullable(),
  PolicyDocument: z.unknown().optional(),
});

export const AttachedPolicySchema = z.looseObject({ PolicyName: policyName.optional().nullable(), PolicyArn: policyArn });

const BoundarySchema = z.looseObject({ PermissionsBoundaryType: optStr, PermissionsBoundaryArn: policyArn });

export const RoleDetailSchema = z.looseObject({
  Path: iamPath.optional().nullable(),
  RoleName: roleName.optional().nullable(),
  RoleId: optStr,
  Arn: roleArn,
  CreateDate: optStr,
  AssumeRolePolicyDocument: z.unknown().optional(),
  RolePolicyList: z.array(RolePolicySchema).optional().nullable(),
  AttachedManagedPolicies: z.array(AttachedPolicySchema).optional().nullable(),
  PermissionsBoundary: BoundarySchema.optional().nullable(),
  Tags: z.array(TagSchema).optional().nullable(),
  /** The instance profiles holding the role; only whether it is a non-empty list is read, so any shape passes. */
  InstanceProfileList: z.unknown().optional(),
});

/** GetAccountAuthorizationDetails' UserDetail: inline policies, attached managed ones, groups, boundary, tags. */
export const UserDetailSchema = z.looseObject({
  Path: iamPath.optional().nullable(),
  UserName: userName.optional().nullable(),
  UserId: optStr,
  Arn: userArn,
  CreateDate: optStr,
  UserPolicyList: z.array(RolePolicySchema).optional().nullable(),
  AttachedManagedPolicies: z.array(AttachedPolicySchema).optional().nullable(),
  GroupList: z.array(groupName).optional().nullable(),
  PermissionsBoundary: BoundarySchema.optional().nullable(),
  Tags: z.array(TagSchema).optional().nullable(),
});

/** GetAccountAuthorizationDetails' GroupDetail: the policies its members get. */
export const GroupDetailSchema = z.looseObject({
  Path: iamPath.optional().nullable(),
  GroupName: groupName.optional().nullable(),
  GroupId: optStr,
  Arn: groupArn,
  CreateDate: optStr,
  GroupPolicyList: z.array(RolePolicySchema).optional().nullable(),
  AttachedManagedPolicies: z.array(AttachedPolicySchema).optional().nullable(),
});

export const PolicyVersionSchema = z.looseObject({
  Document: z.unknown().optional(),
  VersionId: optStr,
  IsDefaultVersion: z.boolean().optional().nullable(),
  CreateDate: optStr,
});

export const ManagedPolicySchema = z.looseObject({
  PolicyName: policyName.optional().nullable(),
  PolicyId: optStr,
  Arn: policyArn,
  Path: iamPath.optional().nullable(),
  DefaultVersionId: optStr,
  Description: optStr,
  PolicyVersionList: z.array(PolicyVersionSchema).optional().nullable(),
});

/**
 * IAM GetPolicy's answer, for a managed policy GetAccountAuthorizationDetails left out (an AWS managed policy used
 * only as a permissions boundary): which version is in force. Without DefaultVersionId it says nothing the analysis
 * can use, so such an answer is malformed.
 */
export const IamGetPolicySchema = z.looseObject({
  Policy: z.looseObject({ Arn: policyArn.optional().nullable(), PolicyName: policyName.optional().nullable(), DefaultVersionId: str }),
});

/** IAM GetPolicyVersion's answer for such a policy: the document (in any of the three encodings) of one version. */
export const IamGetPolicyVersionSchema = z.looseObject({ PolicyVersion: PolicyVersionSchema });

/**
 * IAM's per-role reads, which the scanner makes for the functions' execution roles when GetAccountAuthorizationDetails
 * is refused (lib/aws/role-reads.ts): GetRole's Role (a RoleDetail without its policy lists), the role's inline policy
 * names and each one's document, and its attached managed policies (every page merged).
 */
export const IamGetRoleSchema = z.looseObject({ Role: RoleDetailSchema });
export const IamListRolePoliciesSchema = z.looseObject({ PolicyNames: z.array(policyName) });
export const IamGetRolePolicySchema = z.looseObject({ PolicyName: policyName, PolicyDocument: z.unknown() });
export const IamListAttachedRolePoliciesSchema = z.looseObject({ AttachedPolicies: z.array(AttachedPolicySchema) });

/**
 * A function's name as Lambda's FunctionConfiguration gives it: the name (letters, digits, `-`, `_`; `.` in the
 * region-prefixed names of Lambda@Edge replicas), or the full or partial ARN forms of the API's pattern, up to 170
 * characters; or empty, as emulators leave it (the name is then read from the ARN). Never with a qualifier: a
 * configuration names its function, and a colon-suffixed name (`orders:prod`) would be read as an alias of another
 * function (`orders`) and drawn as one.
 */
export const FUNCTION_NAME_PATTERN = "^((arn:aws[a-zA-Z-]*:lambda:)?([a-z]{2,}(-[a-z]+)+-[0-9]+:)?([0-9]{12}:)?(function:)?[a-zA-Z0-9_.-]{1,170})?$";

/**
 * A function ARN as Lambda gives it, with a version's or alias's qualifier where it is one ($LATEST, a number, a
 * name). Text after the name that no qualifier can be (`fn:alert(3)`, a second colon) would be read as a made-up one.
 */
export const FUNCTION_ARN_PATTERN = "^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[a-zA-Z0-9_.-]{1,170}(:(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?$";

export const FunctionConfigurationSchema = z.looseObject({
  FunctionName: str.regex(new RegExp(FUNCTION_NAME_PATTERN), "not a Lambda function name").optional().nullable(),
  FunctionArn: str.regex(new RegExp(FUNCTION_ARN_PATTERN), "not a Lambda function ARN"),
  Runtime: optStr,
  Role: executionRoleArn.optional().nullable(),
  Handler: optStr,
  Description: optStr,
  Version: optStr,
  PackageType: optStr,
  Environment: z
    .looseObject({ Variables: z.record(str, str).optional().nullable() })
    .optional()
    .nullable(),
  VpcConfig: z
    .looseObject({
      SubnetIds: z.array(str).optional().nullable(),
      SecurityGroupIds: z.array(str).optional().nullable(),
      VpcId: optStr,
    })
    .optional()
    .nullable(),
  DeadLetterConfig: z.looseObject({ TargetArn: optStr }).optional().nullable(),
  TracingConfig: z.looseObject({ Mode: optStr }).optional().nullable(),
  LoggingConfig: z.looseObject({ LogGroup: optStr, LogFormat: optStr }).optional().nullable(),
  KMSKeyArn: optStr,
  Layers: z.array(z.looseObject({ Arn: optStr })).optional().nullable(),
  Architectures: z.array(str).optional().nullable(),
  /** Present on durable functions; only whether it is an object is read, so any shape passes. */
  DurableConfig: z.unknown().optional(),
});

export const EventSourceMappingSchema = z.looseObject({
  UUID: str,
  EventSourceArn: optStr,
  FunctionArn: str,
  State: optStr,
  StateTransitionReason: optStr,
  LastProcessingResult: optStr,
  SelfManagedEventSource: z
    .looseObject({ Endpoints: z.record(str, z.array(str)).optional().nullable() })
    .optional()
    .nullable(),
  SourceAccessConfigurations: z
    .array(z.looseObject({ Type: optStr, URI: optStr }))
    .optional()
    .nullable(),
  DestinationConfig: z
    .looseObject({
      OnFailure: z.looseObject({ Destination: optStr }).optional().nullable(),
      OnSuccess: z.looseObject({ Destination: optStr }).optional().nullable(),
    })
    .optional()
    .nullable(),
  AmazonManagedKafkaEventSourceConfig: z.looseObject({ ConsumerGroupId: optStr }).optional().nullable(),
  SelfManagedKafkaEventSourceConfig: z.looseObject({ ConsumerGroupId: optStr }).optional().nullable(),
  /** Read only to compare scans (lib/analysis/way-in-settings.ts): an odd value is no reason to refuse the snapshot. */
  BatchSize: z.unknown().optional(),
  MaximumBatchingWindowInSeconds: z.unknown().optional(),
  ParallelizationFactor: z.unknown().optional(),
  StartingPosition: z.unknown().optional(),
  StartingPositionTimestamp: z.unknown().optional(),
  TumblingWindowInSeconds: z.unknown().optional(),
  ScalingConfig: z.unknown().optional(),
  BisectBatchOnFunctionError: z.unknown().optional(),
  MaximumRetryAttempts: z.unknown().optional(),
  MaximumRecordAgeInSeconds: z.unknown().optional(),
  FunctionResponseTypes: z.unknown().optional(),
  /** Kafka topics, and Amazon MQ queues: what of the source the mapping reads. */
  Topics: z.array(str).optional().nullable(),
  Queues: z.array(str).optional().nullable(),
  FilterCriteria: z
    .looseObject({ Filters: z.array(z.looseObject({ Pattern: optStr })).optional().nullable() })
    .optional()
    .nullable(),
});

export const AliasSchema = z.looseObject({
  /**
   * As Lambda gives it: one holding a bidi override, a control or 100,000 characters was offered in Run as and drawn.
   * Its function's alias list is set aside (salvage.ts), so those aliases read as unknown.
   */
  AliasArn: str.regex(new RegExp(FUNCTION_ARN_PATTERN), "not a Lambda function ARN"),
  Name: optStr,
  FunctionVersion: optStr,
  Description: optStr,
});

export const GetPolicySchema = z.looseObject({ Policy: z.unknown(), RevisionId: optStr });

export const FunctionUrlConfigSchema = z.looseObject({
  FunctionUrl: optStr,
  FunctionArn: optStr,
  AuthType: optStr,
  Cors: z.unknown().optional(),
  CreationTime: optStr,
});

export const DestinationConfigSchema = z.looseObject({
  OnSuccess: z.looseObject({ Destination: optStr }).optional().nullable(),
  OnFailure: z.looseObject({ Destination: optStr }).optional().nullable(),
});

export const EventInvokeConfigSchema = z.looseObject({
  FunctionArn: optStr,
  DestinationConfig: DestinationConfigSchema.optional().nullable(),
  /** Read only to compare scans (lib/analysis/way-in-settings.ts): an odd value is no reason to refuse the snapshot. */
  MaximumRetryAttempts: z.unknown().optional(),
  MaximumEventAgeInSeconds: z.unknown().optional(),
});

/**
 * SQS GetQueueAttributes as the scan stores it per queue ARN (an operation beyond snapshot.md's list, which that
 * contract allows). Attribute values stay `unknown`: SQS sends strings, but one odd value must make only that
 * queue's encryption unknown (lib/analysis/queue-encryption.ts), not the whole snapshot unreadable.
 */
export const QueueAttributesSchema = z.looseObject({ Attributes: z.record(str, z.unknown()).optional().nullable() });

/**
 * The attributes the scan keeps of SNS's GetTopicAttributes answer. Stored beside them as `KeptAttributes`: SNS
 * leaves KmsMasterKeyId out for an unencrypted topic, and scans before it was kept left it out for every topic, so
 * only a stored list that names it lets analysis read its absence as "unencrypted" (lib/analysis/topic-encryption.ts).
 */
export const TOPIC_ATTRIBUTES = ["KmsMasterKeyId", "Policy"] as const;

/**
 * SNS GetTopicAttributes as the scan stores it per topic ARN (lib/aws/topics.ts): SNS's answer, kept to
 * TOPIC_ATTRIBUTES, in the same `Attributes` map shape as SQS's, and the list kept (unknown: an odd value makes only
 * that topic's encryption unknown).
 */
export const TopicAttributesSchema = QueueAttributesSchema.extend({ KeptAttributes: z.unknown().optional() });

/**
 * Kinesis DescribeStreamSummary as the scan stores it per stream ARN (another operation beyond snapshot.md's list).
 * EncryptionType and KeyId stay `unknown` for the same reason as the queue attributes: an odd value makes that
 * stream's encryption unknown (lib/analysis/stream-encryption.ts), not the snapshot unreadable.
 */
export const StreamSummarySchema = z.looseObject({
  StreamDescriptionSummary: z.looseObject({ EncryptionType: z.unknown().optional(), KeyId: z.unknown().optional() }).optional().nullable(),
});

/**
 * KMS reads of the keys the region's functions and queues name (lib/aws/kms-keys.ts), beyond snapshot.md's list as
 * that contract allows: DescribeKey by the reference as the scan sent it, GetKeyPolicy and ListGrants by key ARN.
 * Lenient like the queue reads: a missing field is no error, and odd values reach lib/analysis/kms-keys.ts, which
 * calls only that key's answer unknown. The key policy is a JSON string, parsed (and reported when malformed) there.
 */
export const DescribeKeySchema = z.looseObject({
  KeyMetadata: z
    .looseObject({ KeyId: optStr, Arn: optStr, AWSAccountId: optStr, KeyManager: optStr, KeyState: optStr, Enabled: z.unknown().optional() })
    .optional()
    .nullable(),
});
export const KeyPolicySchema = z.looseObject({ Policy: z.unknown().optional(), PolicyName: optStr });
export const ListGrantsSchema = z.looseObject({ Grants: z.array(z.unknown()).optional().nullable() });

/**
 * EFS reads of the access points the region's functions mount (lib/aws/file-systems.ts), beyond snapshot.md's list:
 * DescribeAccessPoints by access point ARN, DescribeFileSystemPolicy by file system ARN. An answer without Policy is
 * a file system without a policy of its own (EFS answered PolicyNotFound). Lenient like the other resource reads: an
 * odd value makes only that mount unknown (lib/analysis/file-systems.ts); the policy is parsed there.
 */
export const AccessPointsSchema = z.looseObject({ AccessPoints: z.array(z.unknown()).optional().nullable() });
export const FileSystemPolicySchema = z.looseObject({ FileSystemId: optStr, Policy: z.unknown().optional() });

/**
 * Lambda GetFunction for container-image functions (lib/aws/images.ts), by function or routed-to version ARN, beyond
 * snapshot.md's list: only where the image comes from. The scanner keeps Code's RepositoryType, ImageUri and
 * ResolvedImageUri alone (Code.Location is a presigned URL, a credential for the code; Configuration repeats
 * GetFunctionConfiguration), and analysis reads and shows those three only, whatever another tool stored.
 */
export const FunctionImageSchema = z.looseObject({
  Code: z.looseObject({ RepositoryType: z.unknown().optional(), ImageUri: z.unknown().optional(), ResolvedImageUri: z.unknown().optional() }).optional().nullable(),
});

/**
 * ECR GetRepositoryPolicy by repository ARN (lib/aws/images.ts). An answer without policyText is a repository without
 * a policy (ECR answered RepositoryPolicyNotFoundException). Lenient: the policy is parsed in lib/analysis/images.ts.
 */
export const RepositoryPolicySchema = z.looseObject({ registryId: optStr, repositoryName: optStr, policyText: z.unknown().optional() });

/**
 * Lambda ListTags as the scan stores it per function ARN (beyond snapshot.md's list): the function's tags, which
 * ListFunctions does not return and IAM weighs as aws:ResourceTag/<key>. `Tags` stays `unknown`: one odd answer makes
 * that function's tags unknown (lib/analysis/function-tags.ts), not the snapshot unreadable.
 */
export const ListTagsAnswerSchema = z.looseObject({ Tags: z.unknown().optional() });

/**
 * Lambda GetFunctionConfiguration as the scan stores it per function ARN (beyond snapshot.md's list, as that contract
 * allows), for what ListFunctions leaves out: `State`, `StateReason(Code)` and `LastUpdateStatus(Reason/ReasonCode)`,
 * which AWS sets when it cannot start or update the function. Those stay `unknown`: one odd value makes that function's
 * state unknown (lib/analysis/function-state.ts), not the snapshot unreadable. The rest of the answer repeats the
 * function's configuration (its environment redacted like every other) and is kept, not read.
 */
export const FunctionStateAnswerSchema = z.looseObject({
  FunctionArn: z.unknown().optional(),
  State: z.unknown().optional(),
  StateReason: z.unknown().optional(),
  StateReasonCode: z.unknown().optional(),
  LastUpdateStatus: z.unknown().optional(),
  LastUpdateStatusReason: z.unknown().optional(),
  LastUpdateStatusReasonCode: z.unknown().optional(),
});

export const RegionDataSchema = z.looseObject({
  ListFunctions: z.looseObject({ Functions: z.array(FunctionConfigurationSchema).default([]) }).optional(),
  ListEventSourceMappings: z
    .looseObject({ EventSourceMappings: z.array(EventSourceMappingSchema).default([]) })
    .optional(),
  ListAliases: z.record(str, z.looseObject({ Aliases: z.array(AliasSchema).default([]) })).optional(),
  GetPolicy: z.record(str, GetPolicySchema).optional(),
  GetFunctionUrlConfig: z.record(str, FunctionUrlConfigSchema).optional(),
  GetFunctionEventInvokeConfig: z.record(str, EventInvokeConfigSchema).optional(),
  GetQueueAttributes: z.record(str, QueueAttributesSchema).optional(),
  GetTopicAttributes: z.record(str, TopicAttributesSchema).optional(),
  DescribeStreamSummary: z.record(str, StreamSummarySchema).optional(),
  DescribeKey: z.record(str, DescribeKeySchema).optional(),
  GetKeyPolicy: z.record(str, KeyPolicySchema).optional(),
  ListGrants: z.record(str, ListGrantsSchema).optional(),
  ListTags: z.record(str, ListTagsAnswerSchema).optional(),
  DescribeAccessPoints: z.record(str, AccessPointsSchema).optional(),
  DescribeFileSystemPolicy: z.record(str, FileSystemPolicySchema).optional(),
  GetFunctionConfiguration: z.record(str, FunctionStateAnswerSchema).optional(),
  GetFunction: z.record(str, FunctionImageSchema).optional(),
  GetRepositoryPolicy: z.record(str, RepositoryPolicySchema).optional(),
});

/**
 * AWS Organizations reads (lib/aws/organizations.ts), beyond snapshot.md's list: the guardrails above the account's own
 * policies. SCPs limit the account's IAM principals, RCPs the requests on its resources; neither grants. Stored as
 * AWS answered, once per account (Organizations is global):
 * - `DescribeOrganization`: which organization, and its management account (which neither SCPs nor RCPs limit). An
 *   account in no organization has no answer here and an `errors[]` entry coded AWSOrganizationsNotInUseException.
 * - `ListRoots`: which policy types are enabled on the root (a disabled type limits nothing).
 * - `ListParents` by child id (the account id, then each OU id): the account's path up to the root.
 * - `ListPoliciesForTarget` by filter (SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY), then by target id (root,
 *   each OU on the path, the account): the policies attached at that level.
 * - `DescribePolicy` by policy id: each listed policy's `Content`, a JSON string parsed (and reported when malformed)
 *   in lib/analysis/organization.ts.
 * Lenient like the other reads: an odd value makes the guardrails unknown, never the snapshot unreadable.
 */
export const OrganizationsDataSchema = z.looseObject({
  DescribeOrganization: z.looseObject({ Organization: z.looseObject({ Id: optStr, Arn: optStr, MasterAccountId: optStr, FeatureSet: optStr }).optional().nullable() }).optional(),
  ListRoots: z.looseObject({ Roots: z.array(z.unknown()).optional().nullable() }).optional(),
  ListParents: z.record(str, z.looseObject({ Parents: z.array(z.unknown()).optional().nullable() })).optional(),
  ListPoliciesForTarget: z.record(str, z.record(str, z.looseObject({ Policies: z.array(z.unknown()).optional().nullable() }))).optional(),
  DescribePolicy: z.record(str, z.looseObject({ Policy: z.looseObject({ PolicySummary: z.unknown().optional(), Content: z.unknown().optional() }).optional().nullable() })).optional(),
});

export const SnapshotErrorSchema = z.looseObject({
  region: optStr,
  operation: str,
  target: optStr,
  code: optStr,
  message: optStr,
});

/**
 * An ISO-8601 date-time (snapshot.md: capturedAt), seconds and zone optional: rules compare dates with it (runtime
 * deprecations, URL ages), so "yesterday" or month 13 would make them answer wrongly rather than fail. A regex, not a
 * refinement, so the compiled shape check (shape-check.ts, from zod's JSON Schema) applies it too.
 */
export const ISO_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

/**
 * The `errors[].code` of a read the scanner chose not to make (a published version's policy past --version-policies),
 * or a resource the analyser finds no read of: not AWS's code, but an error all the same, so a reader following
 * snapshot.md says "unknown" for it, never "none".
 */
export const NOT_READ = "NotRead";

/**
 * The `errors[].code` of an answer the snapshot holds but whose fields cannot be read (a wrong type where the API
 * reference says string, object or list): not AWS's code, and, like a failed call, it makes the answer unknown.
 */
export const MALFORMED_RESPONSE = "MalformedResponse";

/**
 * The `errors[].code` DescribeOrganization answers for an account in no organization (AWS's own code): AWS's answer
 * "no organization", so no SCP or RCP limits the account; not a read that failed.
 */
export const ORGANIZATIONS_NOT_IN_USE = "AWSOrganizationsNotInUseException";

/** The partitions a snapshot may be of (snapshot.md): the scanner refuses any other before its first read. */
export const SNAPSHOT_PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;

export const SnapshotSchema = z.looseObject({
  format: str,
  capturedAt: str.regex(ISO_DATE_TIME, "must be an ISO-8601 date-time, e.g. 2026-11-28T10:00:00Z"),
  account: str.regex(/^\d{12}$/, "must be a 12-digit AWS account id"),
  partition: z.enum(SNAPSHOT_PARTITIONS).default("aws"),
  sts: z
    .looseObject({
      GetCallerIdentity: z.looseObject({ Account: optStr, Arn: optStr, UserId: optStr }).optional(),
    })
    .optional(),
  iam: z
    .looseObject({
      GetAccountAuthorizationDetails: z.looseObject({
        // No default: a response without the list says nothing about which roles exist (the model treats IAM as unknown).
        RoleDetailList: z.array(RoleDetailSchema).optional(),
        // Likewise: absent (a scan before users were read, or a Filter without User/Group) means users are unknown.
        UserDetailList: z.array(UserDetailSchema).optional(),
        GroupDetailList: z.array(GroupDetailSchema).optional(),
        Policies: z.array(ManagedPolicySchema).default([]),
      }),
      // Policy ARN → answer, for the managed policies roles, users and groups name that GAAD's Policies lack (read
      // one by one by the scanner, lib/aws/managed-policies.ts). Absent: none was missing, or the scan predates them.
      GetPolicy: z.record(str, IamGetPolicySchema).optional(),
      GetPolicyVersion: z.record(str, IamGetPolicyVersionSchema).optional(),
      // Role ARN → answer (GetRolePolicy: role ARN → policy name → answer), for the execution roles read one by one
      // when GetAccountAuthorizationDetails was refused (its error recorded, its answer then empty). Absent: not needed.
      GetRole: z.record(str, IamGetRoleSchema).optional(),
      ListRolePolicies: z.record(str, IamListRolePoliciesSchema).optional(),
      GetRolePolicy: z.record(str, z.record(str, IamGetRolePolicySchema)).optional(),
      ListAttachedRolePolicies: z.record(str, IamListAttachedRolePoliciesSchema).optional(),
    })
    .optional(),
  organizations: OrganizationsDataSchema.optional(),
  regions: z.record(str, RegionDataSchema).default({}),
  errors: z.array(SnapshotErrorSchema).default([]),
});

export type Snapshot = z.infer<typeof SnapshotSchema>;
/** What a writer produces: defaults may be left out. */
export type SnapshotInput = z.input<typeof SnapshotSchema>;
export type RegionData = z.infer<typeof RegionDataSchema>;
export type RoleDetail = z.infer<typeof RoleDetailSchema>;
export type UserDetail = z.infer<typeof UserDetailSchema>;
export type GroupDetail = z.infer<typeof GroupDetailSchema>;
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>;
export type FunctionConfiguration = z.infer<typeof FunctionConfigurationSchema>;
export type EventSourceMapping = z.infer<typeof EventSourceMappingSchema>;
export type Alias = z.infer<typeof AliasSchema>;
export type FunctionUrlConfig = z.infer<typeof FunctionUrlConfigSchema>;
export type EventInvokeConfig = z.infer<typeof EventInvokeConfigSchema>;
export type QueueAttributes = z.infer<typeof QueueAttributesSchema>;
export type TopicAttributes = z.infer<typeof TopicAttributesSchema>;
export type StreamSummary = z.infer<typeof StreamSummarySchema>;
export type DescribeKeyResponse = z.infer<typeof DescribeKeySchema>;
export type KeyPolicyResponse = z.infer<typeof KeyPolicySchema>;
export type ListGrantsResponse = z.infer<typeof ListGrantsSchema>;
export type ListTagsAnswer = z.infer<typeof ListTagsAnswerSchema>;
export type FunctionStateAnswer = z.infer<typeof FunctionStateAnswerSchema>;
export type SnapshotError = z.infer<typeof SnapshotErrorSchema>;
export type OrganizationsData = z.infer<typeof OrganizationsDataSchema>;
