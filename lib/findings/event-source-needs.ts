/**
 * What the execution role needs for each event-source mapping type (lambda-permissions.md §1.1), with the
 * resource each action is evaluated against: the queue, the *stream* ARN for DynamoDB (never the table), the
 * Kinesis stream (and the consumer for enhanced fan-out), the MSK cluster/topic/group, the auth secrets, a Kafka
 * mapping's schema registry (schema-registry-needs.ts).
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import { eventSourceType } from "@/lib/analysis/invokers";
import { ownValue } from "@/lib/own-value";
import type { EventSourceMapping } from "@/lib/snapshot/schema";
import { pollerEniNeeds } from "./network-interface-needs";
import type { Need } from "./role-needs";
import { glueRegistryNeeds, schemaRegistryOf, type SchemaRegistry } from "./schema-registry-needs";

export interface EventSourceNeeds {
  type: string;
  /** Badge subject, e.g. "SQS trigger". */
  label: string;
  needs: Need[];
  /** Part of the mapping's configuration that could not be read (a malformed schema registry block): not judged. */
  unreadable?: string;
}

const LABELS: Record<string, string> = {
  sqs: "SQS trigger",
  kinesis: "Kinesis trigger",
  dynamodb: "DynamoDB Streams trigger",
  msk: "MSK trigger",
  "self-managed-kafka": "Kafka trigger",
  mq: "Amazon MQ trigger",
  documentdb: "DocumentDB trigger",
};

/**
 * A source's own reads, asked of the execution role on the source (lambda-permissions.md §1.1), each marked for what
 * its gap does:
 * - `checkedAtEnable`: Lambda checks it when a mapping is created, enabled or moved to another function or version,
 *   and refuses the update without it (§1.4: "…permissions to call ReceiveMessage on SQS", also DeleteMessage;
 *   "Cannot access stream … GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream").
 *   Any other gap lets the update through, and the mapping fails (or, `secondary`, runs degraded) later.
 * - `secondary`: Lambda falls back when it is missing (serverless#8540 saw it for Kinesis ListShards: AccessDenied in
 *   CloudTrail while the mapping still worked; DescribeStreamSummary is taken alike), so the mapping is degraded,
 *   not broken.
 * - `onConsumer`: asked on an enhanced fan-out consumer, only of a mapping whose source is one.
 */
interface SourceRead {
  action: string;
  checkedAtEnable?: true;
  secondary?: true;
  onConsumer?: true;
}

const SOURCE_READS: Record<string, readonly SourceRead[]> = {
  sqs: [
    { action: "sqs:ReceiveMessage", checkedAtEnable: true },
    { action: "sqs:DeleteMessage", checkedAtEnable: true },
    // Required (§1.1), but not among the actions §1.4 quotes SQS's refusal for.
    { action: "sqs:GetQueueAttributes" },
  ],
  // §1.4 quotes the stream check for DynamoDB and calls Kinesis's "presumably identical — unverified". Lambda does
  // refuse a Kinesis mapping so: CloudFormation's CREATE_FAILED for a kinesis stream ARN quotes "Cannot access stream
  // … Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions"
  // (https://github.com/alertlogic/cwe-collector/issues/2, 2017), later "… DescribeStream, ListShards, and
  // ListStreams …" (https://github.com/aws-samples/cross-account-amazon-dynamodb-replication/issues/11, 2022; the
  // DynamoDB message grew ListShards alike, awsdocs/aws-lambda-developer-guide#237). Which of the named reads it
  // tests no AWS page says: GetRecords, GetShardIterator and DescribeStream are taken (ENABLE_CHECK_PRESUMED says so).
  // DescribeStream for certain: CDK grants it to Kinesis triggers for that alone ("The Lambda::EventSourceMapping
  // resource validates against the `DescribeStream` permission", aws-lambda-event-sources/lib/kinesis.ts, aws/aws-cdk
  // PR #7354). Not kinesis:ListStreams: those CDK triggers were created without it; the Lambda guide
  // (services-kinesis-create) says mappings do not need it, only the console's stream picker does; CDK's grantRead
  // now and the Serverless Framework grant it on the stream ARN, where it (no resource type) grants nothing, and their
  // triggers work. Not ListShards: a mapping was created and ran without it (serverless#8540, below). The Lambda guide
  // (services-kinesis-create) does list ListShards and DescribeStreamSummary among what Lambda needs, so their gap is
  // still reported, but as degraded: the project's AWS facts (lambda-permissions.md, Kinesis row) keep the observed
  // fallback, and calling a working mapping broken is the false alarm users distrust most.
  kinesis: [
    { action: "kinesis:GetRecords", checkedAtEnable: true },
    { action: "kinesis:GetShardIterator", checkedAtEnable: true },
    { action: "kinesis:DescribeStream", checkedAtEnable: true },
    { action: "kinesis:DescribeStreamSummary", secondary: true },
    { action: "kinesis:ListShards", secondary: true },
    // Not in §1.4's check: an enhanced fan-out mapping without it is enabled, and fails when it reads the shards.
    // Not kinesis:DescribeStreamConsumer, which CDK's StreamConsumer.grantRead adds: AWSLambdaKinesisExecutionRole
    // lacks it, and the Kinesis guide (resource-based-policy-examples) says that policy has what Lambda requires.
    { action: "kinesis:SubscribeToShard", onConsumer: true },
  ],
  // ListStreams too: the Service Authorization Reference lists no resource type for it, but AWS's DynamoDB guide
  // grants it on the stream for Lambda (iam-policy-example-lamda-process-dynamodb-streams), and a `*` grant covers the
  // stream ARN as well.
  dynamodb: [
    { action: "dynamodb:DescribeStream", checkedAtEnable: true },
    { action: "dynamodb:GetRecords", checkedAtEnable: true },
    { action: "dynamodb:GetShardIterator", checkedAtEnable: true },
    { action: "dynamodb:ListStreams", checkedAtEnable: true },
  ],
};

/** Where which reads the enable-time check tests is presumed, what is known of it (see SOURCE_READS). */
const ENABLE_CHECK_PRESUMED: Record<string, string> = {
  kinesis: "AWS's refusal names kinesis:ListShards and kinesis:ListStreams too; that it tests only these three is presumed, unverified",
};

/** The reads of a source as needs on its ARN (a Kinesis consumer's stream reads on the stream). */
function sourceReadNeeds(type: string, arn: string): Need[] {
  const consumer = arn.indexOf("/consumer/");
  const stream = consumer >= 0 ? arn.slice(0, consumer) : arn;
  return (ownValue(SOURCE_READS, type) ?? []).flatMap(({ action, secondary, onConsumer }): Need[] => {
    if (onConsumer) return consumer >= 0 ? [{ action, resources: [arn] }] : [];
    return [{ action, resources: [stream], ...(secondary ? { secondary: true } : {}) }];
  });
}

/** What Lambda checks of the role when it enables a mapping of this type (§1.4), and what it lets through to fail later. */
export interface EnableCheck {
  /** The source's reads it refuses the update without, in the order the needs list them. */
  refusedWithout: string[];
  /** The source's reads whose gap only degrades the running mapping. */
  degradedWithout: string[];
  /** Set where which reads the check tests is presumed: what is known of it. */
  presumed?: string;
}

/**
 * The check Lambda makes of the source's own reads when it enables or moves a mapping of this type (§1.4); undefined
 * where it makes none: a Kafka (MSK or self-managed), Amazon MQ or DocumentDB mapping is updated all the same and fails
 * later, only its credentials secret checked at once.
 */
export function enableCheck(type: string): EnableCheck | undefined {
  const reads = ownValue(SOURCE_READS, type) ?? [];
  const refusedWithout = reads.filter((r) => r.checkedAtEnable).map((r) => r.action);
  if (refusedWithout.length === 0) return undefined;
  const presumed = ownValue(ENABLE_CHECK_PRESUMED, type);
  return { refusedWithout, degradedWithout: reads.filter((r) => r.secondary).map((r) => r.action), ...(presumed ? { presumed } : {}) };
}

/**
 * Whether Lambda refuses to enable or move a mapping of this type whose role cannot perform `action` (§1.4): the
 * source's reads marked checkedAtEnable, a credentials secret for any. §1.4 documents no check of the key a queue or
 * stream is encrypted with: without its kms:Decrypt the mapping is enabled and fails when it reads an encrypted record.
 */
export function enableRefusesWithout(type: string, action: string): boolean {
  if (action === "secretsmanager:GetSecretValue") return true;
  return enableCheck(type)?.refusedWithout.includes(action) === true;
}

/** "SQS trigger", "Kafka trigger", … for a type from `eventSourceType`. */
export function eventSourceLabel(type: string): string {
  return ownValue(LABELS, type) ?? `${type} trigger`;
}

const SECRET_TYPES = new Set([
  "BASIC_AUTH",
  "SASL_SCRAM_512_AUTH",
  "SASL_SCRAM_256_AUTH",
  "CLIENT_CERTIFICATE_TLS_AUTH",
  "SERVER_ROOT_CA_CERTIFICATE",
]);

function accessConfigs(m: EventSourceMapping) {
  return (m.SourceAccessConfigurations ?? []).filter((c) => c.Type && c.URI);
}

/** The secrets of the mapping's access configurations of these types. */
function secretArns(m: EventSourceMapping, types: ReadonlySet<string> = SECRET_TYPES): string[] {
  return [...new Set(accessConfigs(m).filter((c) => types.has(c.Type ?? "")).map((c) => c.URI as string))];
}

function secretNeeds(secrets: string[]): Need[] {
  return secrets.length ? [{ action: "secretsmanager:GetSecretValue", resources: [...new Set(secrets)] }] : [];
}

/**
 * What a Kafka mapping's schema registry adds: the Glue registry's reads, or the secrets of a Confluent registry's
 * AccessConfigs, read (like the mapping's own) with secretsmanager:GetSecretValue and, "if" under a customer managed
 * key, kms:Decrypt (the SAM guide's schema registry example grants both), unless the mapping's own secrets ask it
 * already: every secret's key is asked on the account's keys alike.
 */
function registryNeeds(registry: SchemaRegistry | undefined, scope: Scope, keyAsked: boolean): Need[] {
  if (!registry) return [];
  return [
    ...(registry.glueRegistry ? glueRegistryNeeds(registry.glueRegistry) : []),
    ...(keyAsked ? [] : secretKeyNeeds(registry.secrets, scope, "maybe")),
  ];
}

const SCRAM_TYPES = new Set(["SASL_SCRAM_512_AUTH", "SASL_SCRAM_256_AUTH"]);
const NOT_SCRAM_TYPES = new Set([...SECRET_TYPES].filter((t) => !SCRAM_TYPES.has(t)));

/**
 * kms:Decrypt for the key of the credentials secret. The snapshot does not say which key encrypts the secret, so
 * this is asked on any key of the account, and the key policy (not in the snapshot) decides as well: short of a
 * Deny, at most "may lack". DocumentDB lists it (with-documentdb.html), Amazon MQ and MSK's mTLS "if the secret uses a
 * CMK" (lambda-permissions.md), self-managed Kafka among the "optional" permissions its broker secret takes (the
 * reference's "kms:Decrypt (auth secrets)", with-kafka-permissions.html); a secret under the AWS managed key needs no
 * grant: only "if" a customer managed key. MSK takes SASL/SCRAM secrets only under a customer managed key (MSK guide,
 * msk-password-limitations), so for those it is needed outright.
 */
function secretKeyNeeds(secrets: string[], scope: Scope, customerKey: "always" | "maybe"): Need[] {
  if (secrets.length === 0) return [];
  return [
    {
      action: "kms:Decrypt",
      resources: [`arn:${scope.partition}:kms:${scope.region}:${scope.account}:key/*`],
      grantResource: `arn:${scope.partition}:kms:${scope.region}:${scope.account}:key/<key of the secret>`,
      ...(customerKey === "maybe" ? { assumption: "if the secret is encrypted with a customer managed KMS key" } : {}),
    },
  ];
}


function topicsOf(m: EventSourceMapping): string[] {
  const topics = (m as { Topics?: unknown }).Topics;
  return Array.isArray(topics) ? topics.filter((t): t is string => typeof t === "string") : [];
}

/** MSK authorises with IAM only when the mapping gives no SASL/SCRAM or mTLS secret; even then the snapshot cannot confirm the cluster's setting. */
const MSK_IAM_AUTH = "if the cluster uses IAM authentication";

function usesMskIamAuth(m: EventSourceMapping): boolean {
  return eventSourceType(m) === "msk" && secretArns(m).length === 0;
}

/** arn:aws:kafka:R:A:cluster/<name>/<uuid> → arn:aws:kafka:R:A:<kind>/<name>/<uuid>/<name of the topic or group>. */
function mskResource(clusterArn: string, kind: "topic" | "group", name: string): string {
  const [prefix = "", clusterPath = ""] = clusterArn.split(":cluster/");
  return `${prefix}:${kind}/${clusterPath}/${name}`;
}

/**
 * A Kafka topic as the mapping's on-failure destination (`kafka://<topic>`, on the source's cluster): Lambda writes
 * to it as a producer, which IAM authorises on an MSK cluster with IAM authentication (kafka-cluster:WriteData on
 * the topic, kafka-on-failure.html). Undefined when IAM has no say: SASL/SCRAM or mTLS on MSK, a self-managed cluster.
 */
export function kafkaDestinationNeeds(m: EventSourceMapping, topic: string): Need[] | undefined {
  if (!usesMskIamAuth(m) || !m.EventSourceArn) return undefined;
  const source = mskSource(m.EventSourceArn);
  return [{ action: "kafka-cluster:WriteData", resources: [mskResource(source.cluster, "topic", topic)], assumption: withAssumption(MSK_IAM_AUTH, source.assumption) }];
}

interface MskSource {
  /** The cluster ARN, or for a cross-account mapping a pattern for the owner's cluster of that name. */
  cluster: string;
  /** A cross-account mapping's managed VPC connection. */
  vpcConnection?: string;
  /** Set where the cluster is only a pattern: its needs are "may" at most. */
  assumption?: string;
}

/**
 * A cross-account mapping names the managed VPC connection (vpc-connection/<cluster owner>/<cluster name>/<uuid>, in
 * the function's account) instead of the cluster (msk-cross-account.html). The role needs kafka:DescribeVpcConnection
 * on it, "only required for cross-account event source mappings" (with-msk-permissions.html); the cluster behind it is
 * the owner's, and the ARN does not give its id, so its needs are asked on any cluster of that name there.
 */
function mskSource(arn: string): MskSource {
  const m = /^(arn:[^:]+:kafka:[^:]+):\d{12}:vpc-connection\/(\d{12})\/([^/]+)\/[^/]+$/.exec(arn);
  if (!m) return { cluster: arn };
  const [, prefix, owner, name] = m as unknown as [string, string, string, string];
  return { cluster: `${prefix}:${owner}:cluster/${name}/*`, vpcConnection: arn, assumption: `on cluster ${name} of account ${owner}, which the snapshot does not name by id` };
}

function withAssumption(...parts: (string | undefined)[]): string | undefined {
  const said = parts.filter((p): p is string => p !== undefined);
  return said.length ? said.join("; ") : undefined;
}

function mskNeeds(m: EventSourceMapping, arn: string, scope: Scope, registry: SchemaRegistry | undefined): Need[] {
  const source = mskSource(arn);
  const cluster = source.cluster;
  const group = mskResource(cluster, "group", m.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ?? m.UUID);
  const topics = topicsOf(m).map((t) => mskResource(cluster, "topic", t));
  const iamAuth = withAssumption(MSK_IAM_AUTH, source.assumption);
  const kafkaCluster = (action: string, resources: string[]): Need => ({ action, resources, ...(iamAuth ? { assumption: iamAuth } : {}) });
  const onCluster = source.assumption ? { assumption: source.assumption } : {};
  return [
    ...(source.vpcConnection ? [{ action: "kafka:DescribeVpcConnection", resources: [source.vpcConnection] }] : []),
    { action: "kafka:DescribeClusterV2", or: ["kafka:DescribeCluster"], resources: [cluster], ...onCluster },
    // The reference lists no resource type, yet the API names the cluster; asked on it, a `*` grant passes too.
    { action: "kafka:GetBootstrapBrokers", resources: [cluster], ...onCluster },
    ...pollerEniNeeds(scope),
    ...secretNeeds([...secretArns(m), ...(registry?.secrets ?? [])]),
    ...secretKeyNeeds(secretArns(m, SCRAM_TYPES), scope, "always"),
    // mTLS and CA secrets may be under any key: "if" a customer managed one (lambda-permissions.md, MSK row).
    ...secretKeyNeeds(secretArns(m, NOT_SCRAM_TYPES), scope, "maybe"),
    ...registryNeeds(registry, scope, secretArns(m).length > 0),
    ...(usesMskIamAuth(m)
      ? [
          kafkaCluster("kafka-cluster:Connect", [cluster]),
          kafkaCluster("kafka-cluster:DescribeClusterDynamicConfiguration", [cluster]),
          kafkaCluster("kafka-cluster:DescribeGroup", [group]),
          kafkaCluster("kafka-cluster:AlterGroup", [group]),
          ...(topics.length ? [kafkaCluster("kafka-cluster:DescribeTopic", topics), kafkaCluster("kafka-cluster:ReadData", topics)] : []),
        ]
      : []),
  ];
}

/**
 * DocumentDB's poller also reads the cluster's parameter group and subnet group, which IAM authorises against those
 * groups' own ARNs (cluster-pg, subgrp), not the cluster's. The snapshot does not say which groups the cluster uses,
 * so the need is asked on any group of the account and a grant naming one group can only make it "may lack".
 */
function clusterGroupNeeds(scope: Scope): Need[] {
  const rds = (resource: string) => `arn:${scope.partition}:rds:${scope.region}:${scope.account}:${resource}`;
  const assumption = "on the cluster's groups, which the snapshot does not name";
  return [
    {
      action: "rds:DescribeDBClusterParameters",
      resources: [rds("cluster-pg:*")],
      grantResource: rds("cluster-pg:<parameter group of the cluster>"),
      assumption,
    },
    {
      action: "rds:DescribeDBSubnetGroups",
      resources: [rds("subgrp:*")],
      grantResource: rds("subgrp:<subnet group of the cluster>"),
      assumption,
    },
  ];
}

type Scope = { partition: string; region: string; account: string; subnetIds: string[]; securityGroupIds: string[] };

function vpcOfAccessConfigs(m: EventSourceMapping) {
  const uris = (type: string, prefix: string) =>
    accessConfigs(m)
      .filter((c) => c.Type === type)
      .map((c) => (c.URI as string).replace(prefix, ""));
  return { subnetIds: uris("VPC_SUBNET", "subnet:"), securityGroupIds: uris("VPC_SECURITY_GROUP", "security_group:") };
}

/** Needs of one mapping; undefined for source types this table does not know. */
export function eventSourceNeeds(m: EventSourceMapping, fn: FunctionModel, partition: string): EventSourceNeeds | undefined {
  const type = eventSourceType(m);
  const label = ownValue(LABELS, type);
  if (!label) return undefined;
  const arn = m.EventSourceArn ?? "";
  const vpc = vpcOfAccessConfigs(m);
  const scope: Scope = { partition, region: fn.region, account: fn.account, ...vpc };
  const on = (actions: string[], resource: string): Need[] => actions.map((action) => ({ action, resources: [resource] }));
  const registry = type === "msk" || type === "self-managed-kafka" ? schemaRegistryOf(m) : undefined;
  let needs: Need[];
  switch (type) {
    case "sqs":
    case "kinesis":
    case "dynamodb":
      // DynamoDB's on the stream ARN (table/T/stream/<label>), never the table ARN (§6.7).
      needs = sourceReadNeeds(type, arn);
      break;
    case "msk":
      needs = mskNeeds(m, arn, scope, registry);
      break;
    case "mq":
      needs = [...on(["mq:DescribeBroker"], arn), ...secretNeeds(secretArns(m)), ...secretKeyNeeds(secretArns(m), scope, "maybe"), ...pollerEniNeeds(scope)];
      break;
    case "documentdb":
      needs = [
        ...on(["rds:DescribeDBClusters"], arn),
        ...clusterGroupNeeds(scope),
        ...secretNeeds(secretArns(m)),
        ...secretKeyNeeds(secretArns(m), scope, "maybe"),
        ...pollerEniNeeds(scope),
      ];
      break;
    default: // self-managed Kafka: only logs, plus secrets (and their key), a schema registry and VPC access when configured
      needs = [
        ...secretNeeds([...secretArns(m), ...(registry?.secrets ?? [])]),
        ...secretKeyNeeds(secretArns(m), scope, "maybe"),
        ...registryNeeds(registry, scope, secretArns(m).length > 0),
        ...(vpc.subnetIds.length ? pollerEniNeeds(scope) : []),
      ];
  }
  return { type, label, needs, ...(registry?.unreadable ? { unreadable: registry.unreadable } : {}) };
}
