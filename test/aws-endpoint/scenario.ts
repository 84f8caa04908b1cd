/**
 * What the local AWS endpoint serves: an account's state, indexed for the API handlers. A scenario is derived
 * from a snapshot (the demo, a builder fixture, a synthetic account), so "scan of a scenario equals the snapshot
 * it came from" is a meaningful test: the collector has to rebuild every piece from the wire.
 *
 * `snapshot.errors` become injected failures of the same operation on the same target, so a scanned copy of a
 * snapshot with recorded errors carries the same errors.
 */
import type { SnapshotInput } from "@/lib/snapshot/schema";
import type { KmsScenario } from "./kms";
import type { EfsScenario } from "./efs";
import type { EcrScenario } from "./ecr";
import { unlistedPolicies, type UnlistedPolicies } from "./iam-policies";

type Json = Record<string, unknown>;

export interface ScenarioError {
  operation: string;
  region?: string;
  target?: string;
  code: string;
  message: string;
}

export interface RegionScenario {
  functions: Json[];
  mappings: Json[];
  /** Unqualified function ARN → aliases. */
  aliases: Map<string, Json[]>;
  /** Unqualified function ARN → published versions' configurations. */
  versions: Map<string, Json[]>;
  /** Function or qualified ARN → GetPolicy response. */
  policies: Map<string, Json>;
  urls: Map<string, Json>;
  invokeConfigs: Map<string, Json>;
  /** Function ARN → GetFunctionConfiguration answer, where the snapshot has one (else lambda.ts serves a default). */
  configurations: Map<string, Json>;
  /** Function or version ARN → GetFunction's Code, where the snapshot has one (else lambda.ts serves a default). */
  images: Map<string, Json>;
  /** Function ARN → ListTags answer, where the snapshot has one (else lambda.ts serves a function without tags). */
  tags: Map<string, Json>;
}

export interface Scenario {
  account: string;
  partition: string;
  callerIdentity: { Account: string; Arn: string; UserId: string };
  roles: Json[];
  users: Json[];
  groups: Json[];
  policies: Json[];
  /** Managed policies GetPolicy and GetPolicyVersion answer for but GetAccountAuthorizationDetails does not list. */
  unlistedPolicies: UnlistedPolicies;
  /** Regions DescribeRegions reports as enabled. */
  enabledRegions: string[];
  regions: Map<string, RegionScenario>;
  /** Queue ARN → GetQueueAttributes response, from every region's map (SQS answers by queue, whoever asks). */
  queueAttributes: Map<string, Json>;
  /** Topic ARN → GetTopicAttributes response, from every region's map (SNS answers by topic ARN). */
  topicAttributes: Map<string, Json>;
  /** Stream ARN → DescribeStreamSummary response, from every region's map (Kinesis answers by stream ARN). */
  streamSummaries: Map<string, Json>;
  /** KMS answers from every region's maps (KMS answers by key, whichever region's data named it). */
  kms: KmsScenario;
  /** EFS access points and file system policies from every region's maps (EFS answers by id in the ARN's region). */
  efs: EfsScenario;
  /** ECR repository policies from every region's maps (ECR answers by registry and name in the signing region). */
  ecr: EcrScenario;
  /** The snapshot's `organizations` section as it is (organizations.ts serves it), or undefined when it has none. */
  organizations?: Json;
  errors: ScenarioError[];
}

export function scenarioFromSnapshot(input: SnapshotInput): Scenario {
  const snap = structuredClone(input) as Json & SnapshotInput;
  const regions = new Map<string, RegionScenario>();
  const queueAttributes = new Map<string, Json>();
  const topicAttributes = new Map<string, Json>();
  const streamSummaries = new Map<string, Json>();
  const kms: KmsScenario = { describe: new Map(), policies: new Map(), grants: new Map() };
  const efs: EfsScenario = { accessPoints: new Map(), policies: new Map() };
  const ecr: EcrScenario = new Map();
  for (const [name, data] of Object.entries(snap.regions ?? {})) {
    const d = data as Json & Record<string, Record<string, Json> | undefined>;
    regions.set(name, {
      functions: (data.ListFunctions?.Functions ?? []) as Json[],
      mappings: (data.ListEventSourceMappings?.EventSourceMappings ?? []) as Json[],
      aliases: new Map(Object.entries(data.ListAliases ?? {}).map(([k, v]) => [k, (v.Aliases ?? []) as Json[]])),
      versions: new Map(Object.entries(data.ListVersionsByFunction ?? {}).map(([k, v]) => [k, (v.Versions ?? []) as Json[]])),
      policies: new Map(Object.entries(d.GetPolicy ?? {})),
      urls: new Map(Object.entries(d.GetFunctionUrlConfig ?? {})),
      invokeConfigs: new Map(Object.entries(d.GetFunctionEventInvokeConfig ?? {})),
      configurations: new Map(Object.entries(d.GetFunctionConfiguration ?? {})),
      images: new Map(Object.entries(d.GetFunction ?? {})),
      tags: new Map(Object.entries(d.ListTags ?? {})),
    });
    for (const [arn, resp] of Object.entries(d.GetQueueAttributes ?? {})) queueAttributes.set(arn, resp);
    for (const [arn, resp] of Object.entries(d.GetTopicAttributes ?? {})) topicAttributes.set(arn, resp);
    for (const [arn, resp] of Object.entries(d.DescribeStreamSummary ?? {})) streamSummaries.set(arn, resp);
    for (const [ref, resp] of Object.entries(d.DescribeKey ?? {})) kms.describe.set(ref, resp);
    for (const [arn, resp] of Object.entries(d.GetKeyPolicy ?? {})) kms.policies.set(arn, resp);
    for (const [arn, resp] of Object.entries(d.ListGrants ?? {})) kms.grants.set(arn, (resp.Grants ?? []) as Json[]);
    for (const [arn, resp] of Object.entries(d.DescribeAccessPoints ?? {})) efs.accessPoints.set(arn, resp);
    for (const [arn, resp] of Object.entries(d.DescribeFileSystemPolicy ?? {})) efs.policies.set(arn, resp);
    for (const [arn, resp] of Object.entries(d.GetRepositoryPolicy ?? {})) ecr.set(arn, resp);
  }
  const caller = snap.sts?.GetCallerIdentity;
  return {
    account: snap.account,
    partition: snap.partition ?? "aws",
    callerIdentity: {
      Account: caller?.Account ?? snap.account,
      Arn: caller?.Arn ?? `arn:aws:sts::${snap.account}:assumed-role/auditor/test`,
      UserId: caller?.UserId ?? "AROATESTUSERID:test",
    },
    roles: (snap.iam?.GetAccountAuthorizationDetails.RoleDetailList ?? []) as Json[],
    users: (snap.iam?.GetAccountAuthorizationDetails.UserDetailList ?? []) as Json[],
    groups: (snap.iam?.GetAccountAuthorizationDetails.GroupDetailList ?? []) as Json[],
    policies: (snap.iam?.GetAccountAuthorizationDetails.Policies ?? []) as Json[],
    unlistedPolicies: unlistedPolicies(snap),
    enabledRegions: [...regions.keys()],
    regions,
    queueAttributes,
    topicAttributes,
    streamSummaries,
    kms,
    efs,
    ecr,
    organizations: snap.organizations as Json | undefined,
    errors: (snap.errors ?? []).map((e) => ({
      operation: e.operation,
      region: e.region ?? undefined,
      target: e.target ?? undefined,
      code: e.code ?? "AccessDeniedException",
      message: e.message ?? "denied",
    })),
  };
}
