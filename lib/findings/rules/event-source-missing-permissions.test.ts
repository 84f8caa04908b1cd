import { describe, expect, it } from "vitest";
import { checkAtOnce } from "../run";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import type { DocumentEncoding, IamPolicyDocument, IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import type { SchemaRegistryOptions } from "@/lib/snapshot/fixtures/builder";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { builder, contextOf, DENY_WITHOUT_SOURCE_FUNCTION, findingsOf, outcome, REGION, testRuleCases, type RuleCase } from "../test-support";
import { eventSourceMissingPermissions } from "./event-source-missing-permissions";

type B = ReturnType<typeof builder>;
const SQS = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];

/** A function with one mapping on `source`, its role made by `role(b)`. */
function mapped(role: (b: B) => string, source: (b: B) => string, encoding?: DocumentEncoding) {
  const b = builder(encoding ? { encoding } : {});
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: role(b) });
  b.esm({ functionArn: fn, sourceArn: source(b), uuid: "11111111-2222-3333-4444-555555555555" });
  return b;
}
/** A function with one mapping on `source`, its role's one inline policy the statements `grants` gives. */
const mappedGranting = (grants: (b: B) => IamStatement[], source: (b: B) => string) => mapped((b) => b.role({ name: "r", inline: { p: policy(...grants(b)) } }), source);
const queue = (b: B) => b.arn("sqs", REGION, "orders");
const partnerQueue = () => "arn:aws:sqs:us-east-1:999999999999:partner-orders";
/** An SQS mapping whose role has AWSLambdaSQSQueueExecutionRole and the inline policy `guard`. */
const sqsRoleWith = (guard: IamPolicyDocument) =>
  mapped((b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")], inline: { guard } }), queue);
const stream = (b: B) => b.arn("dynamodb", REGION, "table/Orders/stream/2026-01-01T00:00:00.000");
const KINESIS_READS = ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards"];
const clicks = (b: B) => b.arn("kinesis", REGION, "stream/clicks");
const consumer = (b: B) => b.arn("kinesis", REGION, "stream/clicks/consumer/fast:1765000000");
const MSK_ID = "events/6c3e0a5b-1111-2222-3333-444444444444-1";
/** Each kafka-cluster action an IAM-auth MSK mapping needs, on the resource it is authorised against. */
const MSK_IAM_RESOURCES: Record<string, string> = {
  "kafka-cluster:Connect": `cluster/${MSK_ID}`,
  "kafka-cluster:DescribeClusterDynamicConfiguration": `cluster/${MSK_ID}`,
  "kafka-cluster:DescribeGroup": `group/${MSK_ID}/orders-consumers`,
  "kafka-cluster:AlterGroup": `group/${MSK_ID}/orders-consumers`,
  "kafka-cluster:DescribeTopic": `topic/${MSK_ID}/orders`,
  "kafka-cluster:ReadData": `topic/${MSK_ID}/orders`,
};
const MSK_IAM_ACTIONS = Object.keys(MSK_IAM_RESOURCES);
/**
 * An MSK mapping (IAM auth: no secret) on topic orders as group orders-consumers, its role granted `actions` each on
 * its own resource, and `more` (with the mapping's schema registry, when it has `registry`).
 */
function mskIam(actions: string[], registry?: SchemaRegistryOptions, more: (b: B) => IamStatement[] = () => []) {
  const b = builder();
  const inline = { k: policy(...actions.map((a) => allow(a, b.arn("kafka", REGION, MSK_IAM_RESOURCES[a]!))), ...more(b)) };
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaMSKExecutionRole")], inline }) });
  b.esm({ functionArn: fn, sourceArn: b.arn("kafka", REGION, `cluster/${MSK_ID}`), topics: ["orders"], consumerGroupId: "orders-consumers", ...(registry ? { schemaRegistry: registry } : {}) });
  return b;
}
/** A managed VPC connection (in the function's account) to cluster "events" of account 444455556666. */
const VPC_CONNECTION = `arn:aws:kafka:${REGION}:123456789012:vpc-connection/444455556666/events/51a98b40-0a61-46cc-b0a6-61f9a3d797d5-7`;
/** A SASL/SCRAM mapping through VPC_CONNECTION, its role AWSLambdaMSKExecutionRole, the secret and its key, and `grants`. */
function mskCrossAccount(grants: IamStatement[]) {
  const b = builder();
  const secret = b.arn("secretsmanager", REGION, "secret:AmazonMSK_events-AbCdEf");
  const inline = { s: policy(allow("secretsmanager:GetSecretValue", secret), allow("kms:Decrypt", b.arn("kms", REGION, "key/*")), ...grants) };
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaMSKExecutionRole")], inline }) });
  b.esm({ functionArn: fn, sourceArn: VPC_CONNECTION, topics: ["orders"], sourceAccess: [{ Type: "SASL_SCRAM_512_AUTH", URI: secret }], uuid: "11111111-2222-3333-4444-555555555555" });
  return b;
}
const GLUE_REGISTRY = `arn:aws:glue:${REGION}:123456789012:registry/orders`;
const GLUE_READS = ["glue:GetRegistry", "glue:GetSchemaVersion"];
const REGISTRY_SECRET = `arn:aws:secretsmanager:${REGION}:123456789012:secret:schema-registry-creds-AbCdEf`;
const CONFLUENT: SchemaRegistryOptions = { uri: "https://psrc-abc12.us-east-2.aws.confluent.cloud", accessConfigs: [{ Type: "BASIC_AUTH", URI: REGISTRY_SECRET }] };
/** The secret an MSK mapping authenticates with, by how it authenticates. */
const MSK_SECRETS = { SASL_SCRAM_512_AUTH: "secret:AmazonMSK_events-AbCdEf", CLIENT_CERTIFICATE_TLS_AUTH: "secret:msk-client-cert-AbCdEf" };
/**
 * An MSK mapping authenticating with the secret of `auth` (and `schemaRegistry`), its role granted that secret and,
 * with `decrypt`, kms:Decrypt on the account's keys.
 */
function mskWithSecret({ auth = "SASL_SCRAM_512_AUTH", decrypt = true, schemaRegistry }: { auth?: keyof typeof MSK_SECRETS; decrypt?: boolean; schemaRegistry?: SchemaRegistryOptions } = {}) {
  const b = builder();
  const secret = b.arn("secretsmanager", REGION, MSK_SECRETS[auth]);
  const reads = [allow("secretsmanager:GetSecretValue", secret), ...(decrypt ? [allow("kms:Decrypt", b.arn("kms", REGION, "key/*"))] : [])];
  const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaMSKExecutionRole")], inline: { s: policy(...reads) } });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({ functionArn: fn, sourceArn: b.arn("kafka", REGION, `cluster/${MSK_ID}`), sourceAccess: [{ Type: auth, URI: secret }], ...(schemaRegistry ? { schemaRegistry } : {}) });
  return b;
}
/** A self-managed Kafka mapping (no auth secret, brokers outside a VPC) with `registry`, its role granted `grants`. */
function selfManagedWithRegistry(registry: SchemaRegistryOptions, ...grants: IamStatement[]) {
  const b = builder();
  const role = b.role({ name: "r", ...(grants.length ? { inline: { p: policy(...grants) } } : {}) });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({ functionArn: fn, selfManagedKafka: { bootstrapServers: ["b-1.example.com:9092"] }, topics: ["orders"], schemaRegistry: registry, uuid: "11111111-2222-3333-4444-555555555555" });
  return b;
}
/** Replaces the SchemaRegistryConfig of the snapshot's self-managed Kafka mappings (raw JSON, any shape). */
const registryBlock = (value: unknown) => (s: SnapshotInput) => {
  for (const region of Object.values(s.regions ?? {})) {
    for (const m of region.ListEventSourceMappings?.EventSourceMappings ?? []) {
      const config = (m as { SelfManagedKafkaEventSourceConfig?: Record<string, unknown> }).SelfManagedKafkaEventSourceConfig;
      if (config) config.SchemaRegistryConfig = value;
    }
  }
};
/**
 * A self-managed Kafka mapping with a BASIC_AUTH secret and `access` besides (and `schemaRegistry`); its role is
 * granted the secret with `secret`, kms:Decrypt on the account's keys with `decrypt`, and `more`.
 */
function selfManagedKafka(
  access: { Type: string; URI: string }[],
  { secret: secretGranted = false, decrypt = false, schemaRegistry, more = [] }: { secret?: boolean; decrypt?: boolean; schemaRegistry?: SchemaRegistryOptions; more?: IamStatement[] } = {},
) {
  const b = builder();
  const secret = b.arn("secretsmanager", REGION, "secret:kafka-creds-AbCdEf");
  const grants = [
    ...(secretGranted ? [allow("secretsmanager:GetSecretValue", secret)] : []),
    ...(decrypt ? [allow("kms:Decrypt", b.arn("kms", REGION, "key/*"))] : []),
    ...more,
  ];
  const role = b.role({ name: "r", ...(grants.length ? { inline: { s: policy(...grants) } } : {}) });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({
    functionArn: fn,
    selfManagedKafka: { bootstrapServers: ["b-1.example.com:9092"] },
    sourceAccess: [{ Type: "BASIC_AUTH", URI: secret }, ...access],
    ...(schemaRegistry ? { schemaRegistry } : {}),
  });
  return b;
}

/** `inDetail`: actions the title shortens or counts are each named in the detail. */
const cases: RuleCase[] = [
  {
    name: "SQS with AWSLambdaSQSQueueExecutionRole: fine",
    build: () => mapped((b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")] }), queue),
    titles: [],
  },
  {
    name: "same with plain-object documents (CLI/boto3 encoding)",
    build: () => mapped((b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")] }), queue, "object"),
    titles: [],
  },
  {
    // The queue's own policy (another account's, not in the snapshot) must allow the role too: unknown, not "lacks".
    name: "SQS queue in another account, role allows everything: may lack, never lacks",
    build: () => mappedGranting(() => [allow(SQS, "*")], partnerQueue),
    titles: ["SQS trigger may lack sqs:ReceiveMessage, DeleteMessage, GetQueueAttributes (depends on account 999999999999's policy)"],
    inDetail: ["sqs:ReceiveMessage on", "sqs:DeleteMessage on", "sqs:GetQueueAttributes on", "may not be allowed (it depends on account 999999999999's policy)"],
  },
  {
    // A condition the snapshot cannot judge does not hide that the other account's policy decides too.
    name: "SQS queue in another account, role's grant under an unknown condition: both named",
    build: () => mappedGranting(() => [allow(SQS, "*", { condition: { StringEquals: { "aws:SourceVpc": "vpc-1" } } })], partnerQueue),
    titles: ["SQS trigger may lack sqs:ReceiveMessage and 2 more (depends on aws:SourceVpc and account 999999999999's policy)"],
  },
  {
    name: "SQS queue in another account, role allows nothing: lacks",
    build: () => mappedGranting(() => [allow("s3:GetObject", "*")], partnerQueue),
    titles: ["SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes"],
  },
  {
    name: "SQS with ReceiveMessage only: lists every missing action",
    build: () => mappedGranting((b) => [allow("sqs:ReceiveMessage", queue(b))], queue),
    titles: ["SQS trigger lacks sqs:DeleteMessage, sqs:GetQueueAttributes"],
    severities: ["high"],
  },
  {
    name: "SQS with everything but DeleteMessage",
    build: () => mappedGranting(() => [allow(["sqs:ReceiveMessage", "sqs:GetQueueAttributes"], "*")], queue),
    titles: ["SQS trigger lacks sqs:DeleteMessage"],
  },
  {
    name: "permissions boundary removes the SQS actions: fires",
    build: () =>
      mapped((b) => {
        const boundary = b.managedPolicy({ name: "logs-only", document: policy(allow("logs:*", "*")) });
        return b.role({ name: "r", inline: { p: policy(allow(SQS, "*")) }, boundary });
      }, queue),
    titles: ["SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes"],
  },
  {
    name: "explicit Deny on DeleteMessage wins over the managed policy",
    build: () => sqsRoleWith(policy(deny("sqs:DeleteMessage", "*"))),
    titles: ["SQS trigger lacks sqs:DeleteMessage"],
  },
  {
    name: "allowed only under a condition on an unknown key: 'may lack', one step softer",
    build: () => mappedGranting(() => [allow(SQS, "*", { condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })], queue),
    titles: ["SQS trigger may lack sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes (depends on aws:SourceIp)"],
    severities: ["medium"],
  },
  {
    name: "only the non-default managed policy version grants SQS: fires",
    build: () =>
      mapped((b) => {
        const p = b.managedPolicy({ name: "worker", document: policy(allow("logs:*", "*")), versions: [policy(allow(SQS, "*"))] });
        return b.role({ name: "r", managed: [p] });
      }, queue),
    titles: ["SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes"],
  },
  {
    name: "the default version grants SQS, an old one did not: fine",
    build: () =>
      mapped((b) => {
        const p = b.managedPolicy({ name: "worker", document: policy(allow(SQS, "*")), versions: [policy(allow("logs:*", "*"))] });
        return b.role({ name: "r", managed: [p] });
      }, queue),
    titles: [],
  },
  {
    name: "DynamoDB read granted on the table ARN does not cover the stream",
    build: () => mappedGranting((b) => [allow("dynamodb:*", b.arn("dynamodb", REGION, "table/Orders"))], stream),
    titles: ["DynamoDB Streams trigger lacks dynamodb:DescribeStream, GetRecords, GetShardIterator, ListStreams"],
    inDetail: ["dynamodb:DescribeStream on", "dynamodb:GetRecords on", "dynamodb:GetShardIterator on", "dynamodb:ListStreams on"],
  },
  {
    name: "DynamoDB read granted on table/T/stream/*: fine",
    build: () =>
      mappedGranting((b) => [allow(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], b.arn("dynamodb", REGION, "table/Orders/stream/*"))], stream),
    titles: [],
  },
  {
    name: "Kinesis with only the core read actions: secondary ones missing, medium",
    build: () => mappedGranting((b) => [allow(["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream"], clicks(b))], clicks),
    titles: ["Kinesis trigger lacks kinesis:DescribeStreamSummary, kinesis:ListShards"],
    severities: ["medium"],
  },
  {
    name: "MSK with the managed policy: kafka-cluster actions only needed for IAM auth",
    build: () =>
      mapped(
        (b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaMSKExecutionRole")] }),
        (b) => b.arn("kafka", REGION, "cluster/events/6c3e0a5b-1111-2222-3333-444444444444-1"),
      ),
    titles: ["MSK trigger may lack kafka-cluster:Connect and 3 more (if the cluster uses IAM authentication)"],
    inDetail: [
      "kafka-cluster:Connect on",
      "kafka-cluster:DescribeClusterDynamicConfiguration on",
      "kafka-cluster:DescribeGroup on",
      "kafka-cluster:AlterGroup on",
      "(needed if the cluster uses IAM authentication)",
    ],
    severities: ["medium"],
  },
  {
    // MSK accepts SASL/SCRAM secrets only under a customer managed key (MSK guide, msk-password-limitations), and
    // Lambda needs kms:Decrypt on it to read the secret (lambda-permissions.md §1.1, MSK row): whether the role has it
    // rests on the key policy, which the snapshot lacks, so "may lack", never fine.
    name: "MSK with a SASL/SCRAM secret and no kms:Decrypt: may lack it (MSK requires a customer managed key)",
    build: () => mskWithSecret({ decrypt: false }),
    titles: ["MSK trigger may lack kms:Decrypt (depends on the key policy)"],
    severities: ["medium"],
  },
  {
    // The broker's secret, like DocumentDB's, needs kms:Decrypt "if the secret uses a CMK" (lambda-permissions.md, MQ row).
    name: "Amazon MQ with everything but kms:Decrypt: may lack it, if the secret is under a customer managed key",
    build: () => {
      const b = builder();
      const broker = b.arn("mq", REGION, "broker:orders:b-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
      const secret = b.arn("secretsmanager", REGION, "secret:mq-creds-AbCdEf");
      const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaVPCAccessExecutionRole")], inline: { p: policy(allow("mq:DescribeBroker", broker), allow("secretsmanager:GetSecretValue", secret), allow(["ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"], "*")) } });
      const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
      b.esm({ functionArn: fn, sourceArn: broker, sourceAccess: [{ Type: "BASIC_AUTH", URI: secret }] });
      return b;
    },
    titles: ["Amazon MQ trigger may lack kms:Decrypt (if the secret is encrypted with a customer managed KMS key; depends on the key policy)"],
  },
  {
    name: "MSK with an mTLS client certificate secret and no kms:Decrypt: may lack it, if the secret is under a customer managed key",
    build: () => mskWithSecret({ auth: "CLIENT_CERTIFICATE_TLS_AUTH", decrypt: false }),
    titles: ["MSK trigger may lack kms:Decrypt (if the secret is encrypted with a customer managed KMS key; depends on the key policy)"],
  },
  {
    name: "MSK with a SASL/SCRAM secret and kms:Decrypt on the account's keys: fine",
    build: () => mskWithSecret(),
    titles: [],
  },
  {
    name: "DocumentDB with every documented action: the secret's key is the only doubt when Decrypt is scoped to another key",
    build: () => {
      const b = builder();
      const cluster = b.arn("rds", REGION, "cluster:orders-docdb");
      const secret = b.arn("secretsmanager", REGION, "secret:docdb-creds-AbCdEf");
      const actions = [
        "rds:DescribeDBClusters", "rds:DescribeDBClusterParameters", "rds:DescribeDBSubnetGroups",
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DeleteNetworkInterface",
        "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "secretsmanager:GetSecretValue",
      ];
      const role = b.role({ name: "r", inline: { p: policy(allow(actions, "*"), allow("kms:Decrypt", b.arn("kms", REGION, "key/other-key"))) } });
      const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
      b.esm({ functionArn: fn, sourceArn: cluster, sourceAccess: [{ Type: "BASIC_AUTH", URI: secret }] });
      return b;
    },
    titles: ["DocumentDB trigger may lack kms:Decrypt (if the secret is encrypted with a customer managed KMS key; depends on the key policy)"],
  },
  {
    name: "DocumentDB with kms:Decrypt on every key: fine",
    build: () => {
      const b = builder();
      const actions = [
        "rds:DescribeDBClusters", "rds:DescribeDBClusterParameters", "rds:DescribeDBSubnetGroups",
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DeleteNetworkInterface",
        "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "secretsmanager:GetSecretValue", "kms:Decrypt",
      ];
      const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r", inline: { p: policy(allow(actions, "*")) } }) });
      b.esm({ functionArn: fn, sourceArn: b.arn("rds", REGION, "cluster:orders-docdb"), sourceAccess: [{ Type: "BASIC_AUTH", URI: b.arn("secretsmanager", REGION, "secret:s") }] });
      return b;
    },
    titles: [],
  },
  {
    // IAM authorises the parameter-group and subnet-group reads against those groups' ARNs, not the cluster's; the
    // snapshot does not say which groups the cluster uses, so a grant on the cluster alone is "may lack".
    name: "DocumentDB with the rds reads granted on the cluster ARN only: may lack the group reads",
    build: () => {
      const b = builder();
      const cluster = b.arn("rds", REGION, "cluster:orders-docdb");
      const rest = [
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DeleteNetworkInterface",
        "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "secretsmanager:GetSecretValue", "kms:Decrypt",
      ];
      const rds = ["rds:DescribeDBClusters", "rds:DescribeDBClusterParameters", "rds:DescribeDBSubnetGroups"];
      const role = b.role({ name: "r", inline: { p: policy(allow(rest, "*"), allow(rds, cluster)) } });
      const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
      b.esm({ functionArn: fn, sourceArn: cluster, sourceAccess: [{ Type: "BASIC_AUTH", URI: b.arn("secretsmanager", REGION, "secret:s") }] });
      return b;
    },
    titles: [
      "DocumentDB trigger may lack rds:DescribeDBClusterParameters and 1 more (on the cluster's groups, which the snapshot does not name)",
    ],
    inDetail: [
      "rds:DescribeDBClusterParameters on arn:aws:rds:us-east-1:123456789012:cluster-pg:* is not allowed",
      "rds:DescribeDBSubnetGroups on arn:aws:rds:us-east-1:123456789012:subgrp:* is not allowed",
    ],
  },
  {
    // Lambda sets lambda:SourceFunctionArn only on requests from the function's code (and its logs and traces), not
    // on its event-source poller's (permissions-source-function-arn.html): a grant keyed on it is no grant to the poller.
    name: "SQS granted only to requests from the function (ArnEquals lambda:SourceFunctionArn): the poller lacks it",
    build: () => mappedGranting((b) => [allow(SQS, "*", { condition: { ArnEquals: { "lambda:SourceFunctionArn": b.functionArn(REGION, "worker") } } })], queue),
    titles: ["SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes"],
  },
  {
    name: "a Deny on requests without lambda:SourceFunctionArn (a stolen-credentials guard) also stops the poller",
    build: () => sqsRoleWith(DENY_WITHOUT_SOURCE_FUNCTION),
    titles: ["SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes"],
  },
  {
    name: "a Deny on the function's own code (ArnLike lambda:SourceFunctionArn) does not touch the poller: fine",
    build: () => sqsRoleWith(policy(deny("sqs:*", "*", { condition: { ArnLike: { "lambda:SourceFunctionArn": "arn:aws:lambda:*:*:function:*" } } }))),
    titles: [],
  },
  {
    // The poller's session is awslambda_<n>_<timestamp>, not the function's name (§1): which one is unknown.
    name: "SQS granted only to the function's session (aws:userid): the poller may lack it",
    build: () => mappedGranting(() => [allow(SQS, "*", { condition: { StringLike: { "aws:userid": "*:worker" } } })], queue),
    titles: ["SQS trigger may lack sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes (depends on aws:userid)"],
  },
  {
    // Enhanced fan-out (§1.1): the reads are authorised on the stream, SubscribeToShard on the consumer ARN.
    name: "Kinesis enhanced fan-out: reads granted on the stream, SubscribeToShard on the consumer: fine",
    build: () => mappedGranting((b) => [allow(KINESIS_READS, clicks(b)), allow("kinesis:ListStreams", "*"), allow("kinesis:SubscribeToShard", consumer(b))], consumer),
    titles: [],
  },
  {
    // CDK's KinesisEventSource (stream.grantRead, aws-kinesis/lib/stream.ts READ_OPERATIONS) grants every read on the
    // stream ARN, kinesis:ListStreams included, where it grants nothing: mappings do not need it (services-kinesis-create).
    name: "Kinesis with CDK's grantRead on the stream ARN (ListStreams there too): fine",
    build: () =>
      mappedGranting(
        (b) => [allow(["kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard", "kinesis:DescribeStream", "kinesis:ListStreams"], clicks(b))],
        clicks,
      ),
    titles: [],
  },
  {
    name: "Kinesis enhanced fan-out without SubscribeToShard on the consumer: lacks it",
    build: () => mappedGranting((b) => [allow(KINESIS_READS, clicks(b)), allow("kinesis:ListStreams", "*")], consumer),
    titles: ["Kinesis trigger lacks kinesis:SubscribeToShard"],
    severities: ["high"],
    inDetail: [`kinesis:SubscribeToShard on arn:aws:kinesis:us-east-1:123456789012:stream/clicks/consumer/fast:1765000000`],
  },
  {
    // IAM auth: the group is ConsumerGroupId when set (not the mapping's UUID), the topics those the mapping reads.
    name: "MSK with IAM auth, every kafka-cluster action on the mapping's topic and consumer group: fine",
    build: () => mskIam(MSK_IAM_ACTIONS),
    titles: [],
  },
  {
    name: "MSK with IAM auth without ReadData on the mapping's topic: may lack it",
    build: () => mskIam(MSK_IAM_ACTIONS.filter((a) => a !== "kafka-cluster:ReadData")),
    titles: ["MSK trigger may lack kafka-cluster:ReadData (if the cluster uses IAM authentication)"],
    inDetail: ["kafka-cluster:ReadData on arn:aws:kafka:us-east-1:123456789012:topic/events/6c3e0a5b-1111-2222-3333-444444444444-1/orders"],
  },
  {
    // A cross-account MSK mapping names the managed VPC connection, not the cluster (msk-cross-account.html), and its
    // role needs kafka:DescribeVpcConnection, "only required for cross-account event source mappings"
    // (with-msk-permissions.html), which AWSLambdaMSKExecutionRole does not hold.
    name: "cross-account MSK through a VPC connection, AWSLambdaMSKExecutionRole only: lacks kafka:DescribeVpcConnection",
    build: () => mskCrossAccount([]),
    // The cluster behind the connection is the owner's, whose policy must allow the cluster reads too: "may".
    titles: ["MSK trigger lacks kafka:DescribeVpcConnection; may lack 2 more"],
    severities: ["high"],
    inDetail: [`kafka:DescribeVpcConnection on ${VPC_CONNECTION}`],
  },
  {
    name: "Amazon MQ with mq:DescribeBroker only: lacks the broker secret and the VPC actions",
    build: () => {
      const b = builder();
      const broker = b.arn("mq", REGION, "broker:orders:b-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
      const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r", inline: { p: policy(allow("mq:DescribeBroker", broker)) } }) });
      b.esm({ functionArn: fn, sourceArn: broker, sourceAccess: [{ Type: "BASIC_AUTH", URI: b.arn("secretsmanager", REGION, "secret:mq-creds-AbCdEf") }] });
      return b;
    },
    titles: ["Amazon MQ trigger lacks secretsmanager:GetSecretValue, ec2:CreateNetworkInterface and 5 more; may lack 1 more"],
    inDetail: [
      "secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:mq-creds-AbCdEf",
      "kms:Decrypt on arn:aws:kms:us-east-1:123456789012:key/*",
      "ec2:DescribeVpcs on",
      "ec2:DeleteNetworkInterface on",
    ],
  },
  {
    // Self-managed Kafka needs only what it is configured with (§1.1): its auth secret (and that secret's key), and VPC
    // access only when its brokers are in a VPC.
    name: "self-managed Kafka with a secret, brokers outside a VPC: lacks the secret, may lack its key, nothing else",
    build: () => selfManagedKafka([]),
    titles: ["Kafka trigger lacks secretsmanager:GetSecretValue; may lack 1 more"],
    inDetail: [
      `kms:Decrypt on arn:aws:kms:${REGION}:123456789012:key/* may not be allowed (it depends on the key policy) (needed if the secret is encrypted with a customer managed KMS key)`,
    ],
  },
  {
    // "secretsmanager:GetSecretValue, kms:Decrypt" for the broker's credentials (with-kafka-permissions.html; the
    // reference's self-managed Kafka row, "kms:Decrypt (auth secrets)"), as for Amazon MQ and DocumentDB: only "if"
    // a customer managed key encrypts the secret, which the snapshot does not say.
    name: "self-managed Kafka with its secret granted but no kms:Decrypt: may lack it, if the secret is under a customer managed key",
    build: () => selfManagedKafka([], { secret: true }),
    titles: ["Kafka trigger may lack kms:Decrypt (if the secret is encrypted with a customer managed KMS key; depends on the key policy)"],
    severities: ["medium"],
  },
  {
    name: "self-managed Kafka with its secret and kms:Decrypt on the account's keys: fine",
    build: () => selfManagedKafka([], { secret: true, decrypt: true }),
    titles: [],
  },
  {
    // Every secret's key is asked on the account's keys alike: the registry's secret adds no second kms:Decrypt.
    name: "self-managed Kafka with its secret and a Confluent registry's, both granted, no kms:Decrypt: may lack it once",
    build: () => selfManagedKafka([], { secret: true, schemaRegistry: CONFLUENT, more: [allow("secretsmanager:GetSecretValue", REGISTRY_SECRET)] }),
    titles: ["Kafka trigger may lack kms:Decrypt (if the secret is encrypted with a customer managed KMS key; depends on the key policy)"],
  },
  {
    name: "self-managed Kafka with its brokers in a VPC, the secret and its key granted: lacks the VPC actions",
    build: () =>
      selfManagedKafka([
        { Type: "VPC_SUBNET", URI: "subnet:subnet-0123" },
        { Type: "VPC_SECURITY_GROUP", URI: "security_group:sg-0123" },
      ], { secret: true, decrypt: true }),
    titles: ["Kafka trigger lacks ec2:CreateNetworkInterface, DescribeNetworkInterfaces, DeleteNetworkInterface and 3 more"],
  },
  {
    name: "MSK with a Glue schema registry, GetRegistry and GetSchemaVersion granted on the registry: fine",
    build: () => mskIam(MSK_IAM_ACTIONS, { uri: GLUE_REGISTRY }, () => [allow(GLUE_READS, GLUE_REGISTRY)]),
    titles: [],
  },
  {
    // Lambda checks every record against the registry before the function runs: unreadable, nothing gets through.
    name: "MSK with a Glue schema registry the role cannot read: lacks both reads, high",
    build: () => mskIam(MSK_IAM_ACTIONS, { uri: GLUE_REGISTRY }),
    titles: ["MSK trigger lacks glue:GetRegistry, glue:GetSchemaVersion"],
    severities: ["high"],
    inDetail: [`glue:GetRegistry on ${GLUE_REGISTRY} is not allowed`, `glue:GetSchemaVersion on ${GLUE_REGISTRY} is not allowed`],
  },
  {
    name: "MSK with a Glue schema registry, GetRegistry granted on another registry: lacks it",
    build: () => mskIam(MSK_IAM_ACTIONS, { uri: GLUE_REGISTRY }, (b) => [allow("glue:GetRegistry", b.arn("glue", REGION, "registry/payments")), allow("glue:GetSchemaVersion", "*")]),
    titles: ["MSK trigger lacks glue:GetRegistry"],
  },
  {
    // The SAM guide's "Complete setup with IAM roles": GetRegistry on the registry, the schema-version read on *.
    name: "self-managed Kafka with a Glue schema registry, granted as the SAM guide's example does: fine",
    build: () => selfManagedWithRegistry({ uri: GLUE_REGISTRY }, allow("glue:GetRegistry", GLUE_REGISTRY), allow("glue:GetSchemaVersion", "*")),
    titles: [],
  },
  {
    name: "self-managed Kafka with a Glue schema registry the role cannot read: lacks both reads",
    build: () => selfManagedWithRegistry({ uri: GLUE_REGISTRY }),
    titles: ["Kafka trigger lacks glue:GetRegistry, glue:GetSchemaVersion"],
    severities: ["high"],
  },
  {
    name: "Confluent schema registry with a BASIC_AUTH secret the role cannot read: lacks it; may lack its key",
    build: () => selfManagedWithRegistry(CONFLUENT),
    titles: ["Kafka trigger lacks secretsmanager:GetSecretValue; may lack 1 more"],
    severities: ["high"],
    inDetail: [
      `secretsmanager:GetSecretValue on ${REGISTRY_SECRET} is not allowed`,
      `kms:Decrypt on arn:aws:kms:${REGION}:123456789012:key/* may not be allowed (it depends on the key policy) (needed if the secret is encrypted with a customer managed KMS key)`,
    ],
  },
  {
    name: "Confluent schema registry with its secret granted, kms:Decrypt on the account's keys: fine",
    build: () => selfManagedWithRegistry(CONFLUENT, allow("secretsmanager:GetSecretValue", REGISTRY_SECRET), allow("kms:Decrypt", `arn:aws:kms:${REGION}:123456789012:key/*`)),
    titles: [],
  },
  {
    name: "Confluent schema registry with its secret granted but no kms:Decrypt: may lack it only",
    build: () => selfManagedWithRegistry(CONFLUENT, allow("secretsmanager:GetSecretValue", REGISTRY_SECRET)),
    titles: ["Kafka trigger may lack kms:Decrypt (if the secret is encrypted with a customer managed KMS key; depends on the key policy)"],
  },
  {
    // The cluster's SASL/SCRAM secret is granted; the registry's is another secret, which the role must read too.
    name: "MSK with a granted SASL/SCRAM secret and a Confluent registry's secret not granted: lacks the registry's",
    build: () => mskWithSecret({ schemaRegistry: CONFLUENT }),
    titles: ["MSK trigger lacks secretsmanager:GetSecretValue"],
    inDetail: [`secretsmanager:GetSecretValue on ${REGISTRY_SECRET} is not allowed`],
  },
  {
    name: "self-managed Kafka whose SchemaRegistryConfig is null: no registry, nothing needed",
    build: () => selfManagedWithRegistry(CONFLUENT),
    patch: registryBlock(null),
    titles: [],
  },
  {
    name: "SchemaRegistryConfig a string: no crash, not judged (a problem, see below), never a need",
    build: () => selfManagedWithRegistry(CONFLUENT),
    patch: registryBlock(GLUE_REGISTRY),
    titles: [],
  },
  {
    // The registry's URI is readable: its reads are still asked; only the secrets are unknown.
    name: "AccessConfigs not a list: no crash, the Glue registry still asked for",
    build: () => selfManagedWithRegistry({ uri: GLUE_REGISTRY }),
    patch: registryBlock({ SchemaRegistryURI: GLUE_REGISTRY, AccessConfigs: REGISTRY_SECRET, EventRecordFormat: "JSON" }),
    titles: ["Kafka trigger lacks glue:GetRegistry, glue:GetSchemaVersion"],
  },
  {
    name: "AccessConfigs entries of the wrong shape, a URI that is not a string: no crash, nothing needed from them",
    build: () => selfManagedWithRegistry(CONFLUENT),
    patch: registryBlock({ SchemaRegistryURI: 7, AccessConfigs: [null, 7, "x", { Type: "BASIC_AUTH" }, { Type: "BASIC_AUTH", URI: ["arn"] }] }),
    titles: [],
  },
  {
    // Mappings the list failed to return could add a verdict, not change the one on a mapping it returned.
    name: "mappings not all listed: the one read is judged",
    build: () => {
      const b = mapped((b) => b.role({ name: "r" }), queue);
      b.error({ region: REGION, operation: "ListEventSourceMappings", code: "AccessDeniedException", message: "denied" });
      return b;
    },
    titles: ["SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes"],
  },
  {
    name: "IAM could not be read: no verdict",
    build: () => {
      const b = mapped((b) => b.role({ name: "r" }), queue);
      b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "denied" });
      return b;
    },
    titles: [],
  },
];

describe("event-source-missing-permissions", () => {
  testRuleCases(eventSourceMissingPermissions, cases);

  it("evidence: the mapping (UUID, document), the missing action with reasons, and the winning Deny", () => {
    const deniedCase = cases.find((c) => c.name.startsWith("explicit Deny"))!;
    const f = outcome(eventSourceMissingPermissions, deniedCase).findings[0]!;
    expect(f.id).toBe("event-source-missing-permissions:arn:aws:lambda:us-east-1:123456789012:function:worker#11111111-2222-3333-4444-555555555555");
    const [mapping, missing, denyStatement] = f.evidence;
    expect(mapping).toMatchObject({ kind: "event-source-mapping", source: { mappingUuid: "11111111-2222-3333-4444-555555555555" } });
    expect(missing).toMatchObject({ kind: "missing-action", highlight: ["sqs:DeleteMessage", "arn:aws:sqs:us-east-1:123456789012:orders"] });
    expect(denyStatement).toMatchObject({ kind: "identity-statement", source: { policyName: "guard", roleName: "r", statementIndex: 0 } });
    // The managed policy already allows it: the Deny is the whole fix, no Allow to add.
    expect(f.remediation).toContain("sqs:DeleteMessage");
    expect(f.remediation).toContain("explicit Deny");
    expect(f.remediation).not.toContain("put-role-policy");
  });

  it("another account's queue the role's own policy grants: the fix is a statement for that queue's policy, not the role's", () => {
    const foreign = "arn:aws:sqs:us-east-1:999999999999:partner-orders";
    const c = cases.find((x) => x.name.startsWith("SQS queue in another account, role allows everything"))!;
    const fix = outcome(eventSourceMissingPermissions, c).findings[0]!.remediation;
    expect(fix).toContain(`the queue policy of ${foreign} (in account 999999999999) must allow them too (the snapshot cannot tell whether it does)`);
    expect(fix).toContain('"AWS": "arn:aws:iam::123456789012:role/r"');
    expect(fix).toContain(`"Resource": "${foreign}"`);
    expect(fix).not.toContain("put-role-policy");
    // Where the role grants nothing, its own policy is what to fix.
    const lacking = cases.find((x) => x.name.startsWith("SQS queue in another account, role allows nothing"))!;
    expect(outcome(eventSourceMissingPermissions, lacking).findings[0]!.remediation).toContain("aws iam put-role-policy --role-name r");
  });

  it("another account's MSK cluster: one fix in its cluster policy, a statement per cluster, group and topic", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r", inline: { k: policy(allow("kafka-cluster:*", "*"), allow("kafka:*", "*")) } }) });
    b.esm({ functionArn: fn, sourceArn: VPC_CONNECTION, topics: ["orders"], consumerGroupId: "g1", uuid: "11111111-2222-3333-4444-555555555555" });
    const fix = findingsOf(eventSourceMissingPermissions, b)[0]!.remediation;
    const cluster = `arn:aws:kafka:${REGION}:444455556666:cluster/events/*`;
    // MSK has no topic or group policies: the cluster's is the one that grants on them.
    expect(fix).toContain(`the cluster policy of ${cluster} (in account 444455556666) must allow them too`);
    expect(fix).not.toContain("the resource policy of");
    const snippet = JSON.parse(fix.slice(fix.indexOf("\n[") + 1)) as { Sid: string; Action: string[]; Resource: string }[];
    expect(snippet.map((s) => [s.Sid, s.Resource])).toEqual([
      ["AllowExecutionRole1", cluster],
      ["AllowExecutionRole2", `arn:aws:kafka:${REGION}:444455556666:group/events/*/g1`],
      ["AllowExecutionRole3", `arn:aws:kafka:${REGION}:444455556666:topic/events/*/orders`],
    ]);
    expect(snippet[2]!.Action).toEqual(["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]);
  });

  it("boundary evidence names the boundary in the reasons", () => {
    const c = cases.find((x) => x.name.startsWith("permissions boundary"))!;
    const f = outcome(eventSourceMissingPermissions, c).findings[0]!;
    expect(f.evidence.find((e) => e.kind === "missing-action")?.description).toMatch(/boundary/);
    expect(f.remediation).toMatch(/boundary/);
  });

  it("the fix says the boundary must allow it too when both the role and its boundary lack the action", () => {
    const b = builder();
    const boundary = b.managedPolicy({ name: "team-bound", document: policy(allow("logs:*", "*")) });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r", inline: { p: policy(allow("s3:GetObject", "*")) }, boundary }) });
    b.esm({ functionArn: fn, sourceArn: queue(b) });
    const f = findingsOf(eventSourceMissingPermissions, b)[0]!;
    expect(f.remediation).toContain(`The role's permissions boundary (${boundary}) must allow these actions too`);
    // The boundary's new version keeps what it allowed and adds the actions; the findingsOf round trip applies it.
    expect(f.remediation).toContain(`aws iam create-policy-version --policy-arn ${boundary} --policy-document file://boundary.json --set-as-default`);
    const versioned = JSON.parse(f.remediation.slice(f.remediation.indexOf("\n{\n", f.remediation.indexOf("boundary.json")) + 1, f.remediation.lastIndexOf("\n}") + 2)) as { Statement: { Action: unknown }[] };
    expect(versioned.Statement.map((st) => st.Action)).toEqual(["logs:*", ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]]);
    // The reasons name only the first obstacle: no identity policy statement allows it.
    expect(f.evidence.find((e) => e.kind === "missing-action")?.description).not.toMatch(/boundary/);
  });

  it("a mapping on an alias ListAliases' result lacks is not judged with the current role: which version, so which role, it runs is unknown", () => {
    for (const currentCanPoll of [true, false]) {
      const b = builder();
      const role = b.role({ name: "current-role", ...(currentCanPoll ? { inline: { sqs: policy(allow(SQS, queue(b))) } } : {}) });
      const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
      b.version(fn, "3", role);
      b.alias(fn, "stable", "3"); // the aliases were listed, without live
      b.esm({ functionArn: `${fn}:live`, sourceArn: queue(b), uuid: "11111111-2222-3333-4444-555555555555" });
      const ctx = contextOf(b);
      expect(checkAtOnce(eventSourceMissingPermissions, ctx)).toEqual([]);
      expect(ctx.model.problems).toContainEqual({
        where: "event source mapping 11111111-2222-3333-4444-555555555555",
        why: "worker:live runs alias live, whose version and role are unknown (the snapshot's list of its aliases does not hold it): not judged",
      });
    }
  });

  it("a mapping on a weighted alias whose versions run as two roles: a finding per role that lacks the actions, each with its own id", () => {
    const b = builder();
    const current = b.role({ name: "current-role" });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: current });
    b.version(fn, "3", b.role({ name: "old-role" }));
    b.version(fn, "4", current);
    b.alias(fn, "live", "3", undefined, { "4": 0.1 });
    b.esm({ functionArn: `${fn}:live`, sourceArn: queue(b), uuid: "11111111-2222-3333-4444-555555555555" });
    const found = findingsOf(eventSourceMissingPermissions, b);
    expect(found.map((f) => [f.id, f.title])).toEqual([
      [`event-source-missing-permissions:${fn}#11111111-2222-3333-4444-555555555555/old-role`, "SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes"],
      [`event-source-missing-permissions:${fn}#11111111-2222-3333-4444-555555555555/current-role`, "SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes"],
    ]);
  });

  it("cross-account MSK with kafka:DescribeVpcConnection granted: nothing lacking for certain, the connection not named", () => {
    const findings = findingsOf(eventSourceMissingPermissions, mskCrossAccount([allow("kafka:DescribeVpcConnection", VPC_CONNECTION)]));
    for (const f of findings) {
      expect(f.title).not.toMatch(/ lacks /);
      expect(f.detail).not.toContain("kafka:DescribeVpcConnection");
    }
  });

  it("a source kind the table does not know is recorded as not judged, never passed as fine", () => {
    const b = mapped((b) => b.role({ name: "r" }), (b) => b.arn("docdb-elastic", REGION, "cluster/abc"));
    const ctx = contextOf(b);
    expect(checkAtOnce(eventSourceMissingPermissions, ctx)).toEqual([]);
    expect(ctx.model.problems).toContainEqual({
      where: "event source mapping 11111111-2222-3333-4444-555555555555",
      why: `worker polls ${b.arn("docdb-elastic", REGION, "cluster/abc")}, a kind of source (docdb-elastic) whose permissions this analysis does not know: not judged`,
    });
  });

  it("a schema registry block it cannot read is named among the problems, never read as no registry", () => {
    for (const [value, why] of [
      [GLUE_REGISTRY, "SelfManagedKafkaEventSourceConfig.SchemaRegistryConfig is not an object"],
      [{ SchemaRegistryURI: GLUE_REGISTRY, AccessConfigs: REGISTRY_SECRET }, "SelfManagedKafkaEventSourceConfig.SchemaRegistryConfig: AccessConfigs is not a list"],
      [{ SchemaRegistryURI: 7, AccessConfigs: [null, { Type: "BASIC_AUTH" }] }, "SelfManagedKafkaEventSourceConfig.SchemaRegistryConfig: SchemaRegistryURI is not a string; 2 of AccessConfigs name no Secrets Manager secret"],
      // A Glue registry ARN with a trailing slash would otherwise pass as a Confluent URL needing nothing.
      [{ SchemaRegistryURI: `${GLUE_REGISTRY}/`, EventRecordFormat: "JSON" }, "SelfManagedKafkaEventSourceConfig.SchemaRegistryConfig: SchemaRegistryURI is neither a Glue registry ARN nor a URL"],
      [{ EventRecordFormat: "JSON" }, "SelfManagedKafkaEventSourceConfig.SchemaRegistryConfig: it names no SchemaRegistryURI"],
    ] as const) {
      const ctx = contextOf(selfManagedWithRegistry(CONFLUENT), registryBlock(value));
      checkAtOnce(eventSourceMissingPermissions, ctx);
      expect(ctx.model.problems).toContainEqual({
        where: "event source mapping 11111111-2222-3333-4444-555555555555",
        why: `worker's mapping: ${why}: what it needs there is not judged`,
      });
    }
    const fine = contextOf(selfManagedWithRegistry(CONFLUENT), registryBlock(null));
    checkAtOnce(eventSourceMissingPermissions, fine);
    expect(fine.model.problems.filter((p) => p.where.startsWith("event source mapping"))).toEqual([]);
  });
});
