/**
 * Execution roles, function policies and mappings exactly as infrastructure-as-code generators emit them (AWS CDK,
 * SAM policy templates and events, the Serverless Framework, terraform-aws-modules/lambda; source repo and path in
 * each case), CloudFormation intrinsics substituted with realistic ARNs, and the whole finding list each gets.
 * Most real accounts are made this way: a false "lacks" here is one on most accounts.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { AnalysisReport } from "@/lib/analysis/types";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import type { IamPolicyDocument, IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import { remediationRoundTrip, urlCreatedAt } from "./test-support";

const ACCOUNT = "123456789012";
const OTHER = "210987654321";
const R = "us-east-1";
type B = SnapshotBuilder;

function builder(): B {
  return new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z", regions: [R] });
}
const doc = (...Statement: IamStatement[]): IamPolicyDocument => ({ Version: "2012-10-17", Statement });
const st = (Action: string | string[], Resource: string | string[], extra: Partial<IamStatement> = {}): IamStatement => ({ Effect: "Allow", Action, Resource, ...extra });

function run(b: B): AnalysisReport {
  return analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
}
function summary(r: AnalysisReport) {
  return r.findings.map((f) => `${f.rule} [${f.severity}] ${f.title}`);
}
function rules(r: AnalysisReport, ...ids: string[]) {
  return r.findings.filter((f) => ids.includes(f.rule)).map((f) => `${f.rule} [${f.severity}] ${f.title}`);
}

// ---------------------------------------------------------------- ARNs
const QUEUE = `arn:aws:sqs:${R}:${ACCOUNT}:orders`;
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY = `arn:aws:kms:${R}:${ACCOUNT}:key/${KEY_ID}`;
const TABLE = `arn:aws:dynamodb:${R}:${ACCOUNT}:table/Orders`;
const STREAM_LABEL = "2026-01-01T00:00:00.000";
const DDB_STREAM = `${TABLE}/stream/${STREAM_LABEL}`;
const KSTREAM = `arn:aws:kinesis:${R}:${ACCOUNT}:stream/clicks`;
const KCONSUMER = `${KSTREAM}/consumer/svc-dev-hello-clicks-consumer:1765000000`;
const API_ID = "a1b2c3d4e5";

/** CDK's default key policy (new kms.Key): the account root may do kms:* (identity policies then decide). */
const CDK_KEY_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }],
};

const SQS_POLLER = ["sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage", "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"];
const ENI6 = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"];
const slsLogs = (prefix: string) => [
  st(["logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"], [`arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/lambda/${prefix}*:*`]),
  st(["logs:PutLogEvents"], [`arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/lambda/${prefix}*:*:*`]),
];
const basic = (b: B, ...more: Parameters<B["attachAwsManaged"]>[0][]) => [b.attachAwsManaged("AWSLambdaBasicExecutionRole"), ...more.map((m) => b.attachAwsManaged(m))];
/** A function with Basic execution only, for function-policy shapes. */
function pushFn() {
  const b = builder();
  const fn = b.fn({ region: R, name: "api-fn", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b) }) });
  return { b, fn };
}
const invokersOf = (r: AnalysisReport) => r.functions[0]!.invokers.map((i) => ({ via: i.via, principal: i.principal, sourceArn: i.sourceArn, sourceAccount: i.sourceAccount, public: i.public, decision: i.decision }));

interface Case { name: string; build: () => B; findings: string[]; patch?: (s: any) => void }
const ESM = "event-source-missing-permissions";

const eventSources: Case[] = [
  { name: "SAM SQS event (AWSLambdaSQSQueueExecutionRole): fine", findings: [], build: () => { const b = builder(); const fn = b.fn({ region: R, name: "q", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b, "AWSLambdaSQSQueueExecutionRole") }) }); b.esm({ functionArn: fn, sourceArn: QUEUE }); return b; } },
  { name: "SAM SQSPollerPolicy (policy_templates.json): fine", findings: [], build: () => { const b = builder(); const fn = b.fn({ region: R, name: "q", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b), inline: { SQSPollerPolicy: doc(st(SQS_POLLER, QUEUE)) } }) }); b.esm({ functionArn: fn, sourceArn: QUEUE }); return b; } },
  {
    name: "SAM SQSPollerPolicy on a CMK queue whose key policy delegates to the account, no kms grant: lacks kms:Decrypt (high)",
    findings: [`${ESM} [high] SQS trigger lacks kms:Decrypt`],
    build: () => { const b = builder(); const fn = b.fn({ region: R, name: "q", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b), inline: { SQSPollerPolicy: doc(st(SQS_POLLER, QUEUE)) } }) }); b.esm({ functionArn: fn, sourceArn: QUEUE }); b.queueEncryption(QUEUE, { kmsKeyId: KEY }); b.kmsKey({ arn: KEY, policy: CDK_KEY_POLICY, grants: [] }); return b; },
  },
  {
    name: "SAM SQSPollerPolicy + KMSDecryptPolicy, queue KmsMasterKeyId an alias the scan resolved: fine",
    findings: [],
    build: () => { const b = builder(); const fn = b.fn({ region: R, name: "q", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b), inline: { SQSPollerPolicy: doc(st(SQS_POLLER, QUEUE)), KMSDecryptPolicy: doc(st("kms:Decrypt", KEY)) } }) }); b.esm({ functionArn: fn, sourceArn: QUEUE }); b.queueEncryption(QUEUE, { kmsKeyId: "alias/orders-key" }); b.kmsKey({ arn: KEY, refs: ["alias/orders-key"], policy: CDK_KEY_POLICY, grants: [] }); return b; },
  },
  {
    name: "SQSPollerPolicy + KMSDecryptPolicy, key policy neither delegates to the account nor names the role: lacks kms:Decrypt",
    findings: [`${ESM} [high] SQS trigger lacks kms:Decrypt`],
    build: () => { const b = builder(); const fn = b.fn({ region: R, name: "q", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b), inline: { SQSPollerPolicy: doc(st(SQS_POLLER, QUEUE)), KMSDecryptPolicy: doc(st("kms:Decrypt", KEY)) } }) }); b.esm({ functionArn: fn, sourceArn: QUEUE }); b.queueEncryption(QUEUE, { kmsKeyId: KEY }); b.kmsKey({ arn: KEY, policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: "kms:*", Resource: "*" }] }, grants: [] }); return b; },
  },
  {
    name: "SQSPollerPolicy; key policy grants the role kms:Decrypt with kms:ViaService sqs (no IAM grant): fine",
    findings: [],
    build: () => { const b = builder(); const roleArn = b.roleArn("r"); const fn = b.fn({ region: R, name: "q", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b), inline: { SQSPollerPolicy: doc(st(SQS_POLLER, QUEUE)) } }) }); b.esm({ functionArn: fn, sourceArn: QUEUE }); b.queueEncryption(QUEUE, { kmsKeyId: KEY }); b.kmsKey({ arn: KEY, policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: roleArn }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": `sqs.${R}.amazonaws.com` } } }] }, grants: [] }); return b; },
  },
  {
    name: "CDK SqsEventSource (queue.grantConsumeMessages + key.grantDecrypt) on a CMK queue: fine",
    findings: [],
    build: () => { const b = builder(); const fn = b.fn({ region: R, name: "q", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b), inline: { DefaultPolicy: doc(st(["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], QUEUE), st("kms:Decrypt", KEY)) } }) }); b.esm({ functionArn: fn, sourceArn: QUEUE }); b.queueEncryption(QUEUE, { kmsKeyId: KEY }); b.kmsKey({ arn: KEY, policy: CDK_KEY_POLICY, grants: [] }); return b; },
  },
  {
    name: "Serverless sqs event (compile/events/sqs.js statement) on a provisioned alias: fine",
    findings: [],
    build: () => { const b = builder(); const role = b.role({ name: "sls", inline: { "svc-dev-lambda": doc(...slsLogs("svc-dev"), st(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], [QUEUE])) } }); const fn = b.fn({ region: R, name: "svc-dev-hello", runtime: "nodejs22.x", role }); b.version(fn, "3"); b.esm({ functionArn: b.alias(fn, "provisioned", "3"), sourceArn: QUEUE }); return b; },
  },
  { name: "SAM DynamoDB event (AWSLambdaDynamoDBExecutionRole): fine", findings: [], build: () => { const b = builder(); const fn = b.fn({ region: R, name: "d", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b, "AWSLambdaDynamoDBExecutionRole") }) }); b.esm({ functionArn: fn, sourceArn: DDB_STREAM, startingPosition: "LATEST" }); return b; } },
  {
    name: "SAM DynamoDBStreamReadPolicy (ListStreams on table/T/stream/*): fine",
    findings: [],
    build: () => { const b = builder(); const fn = b.fn({ region: R, name: "d", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b), inline: { DynamoDBStreamReadPolicy: doc(st(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], DDB_STREAM), st(["dynamodb:ListStreams"], `${TABLE}/stream/*`)) } }) }); b.esm({ functionArn: fn, sourceArn: DDB_STREAM, startingPosition: "LATEST" }); return b; },
  },
  {
    name: "CDK DynamoEventSource (StreamGrants.read: ListStreams on *, three reads on the stream): fine",
    findings: [],
    build: () => { const b = builder(); const fn = b.fn({ region: R, name: "d", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b), inline: { P: doc(st("dynamodb:ListStreams", "*"), st(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], DDB_STREAM)) } }) }); b.esm({ functionArn: fn, sourceArn: DDB_STREAM, startingPosition: "LATEST" }); return b; },
  },
  {
    name: "Serverless stream event (dynamodb: four actions on the stream ARN): fine",
    findings: [],
    build: () => { const b = builder(); const fn = b.fn({ region: R, name: "svc-dev-d", runtime: "nodejs22.x", role: b.role({ name: "sls", inline: { p: doc(...slsLogs("svc-dev"), st(["dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams"], [DDB_STREAM])) } }) }); b.esm({ functionArn: fn, sourceArn: DDB_STREAM, startingPosition: "TRIM_HORIZON" }); return b; },
  },
  {
    name: "SAM DynamoDBCrudPolicy (table and index ARNs) as the only grant for a stream mapping: lacks all four (high)",
    findings: [`${ESM} [high] DynamoDB Streams trigger lacks dynamodb:DescribeStream, GetRecords, GetShardIterator, ListStreams`],
    build: () => { const b = builder(); const fn = b.fn({ region: R, name: "d", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b), inline: { DynamoDBCrudPolicy: doc(st(["dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"], [TABLE, `${TABLE}/index/*`])) } }) }); b.esm({ functionArn: fn, sourceArn: DDB_STREAM, startingPosition: "LATEST" }); return b; },
  },
  { name: "SAM Kinesis event (AWSLambdaKinesisExecutionRole), stream under alias/aws/kinesis: fine", findings: [], build: () => { const b = builder(); const fn = b.fn({ region: R, name: "k", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b, "AWSLambdaKinesisExecutionRole") }) }); b.esm({ functionArn: fn, sourceArn: KSTREAM, startingPosition: "LATEST" }); b.streamEncryption(KSTREAM, { kmsKeyId: "alias/aws/kinesis" }); return b; } },
  {
    name: "SAM Kinesis event on a CMK stream, no kms grant: lacks kms:Decrypt (high)",
    findings: [`${ESM} [high] Kinesis trigger lacks kms:Decrypt`],
    build: () => { const b = builder(); const fn = b.fn({ region: R, name: "k", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b, "AWSLambdaKinesisExecutionRole") }) }); b.esm({ functionArn: fn, sourceArn: KSTREAM, startingPosition: "LATEST" }); b.streamEncryption(KSTREAM, { kmsKeyId: KEY }); b.kmsKey({ arn: KEY, policy: CDK_KEY_POLICY, grants: [] }); return b; },
  },
  {
    name: "SAM MQ event (SamAutoGeneratedAMQPolicy: secret + mq:DescribeBroker only): lacks the ENI actions the Lambda DG lists for MQ",
    findings: [`${ESM} [high] Amazon MQ trigger lacks ec2:CreateNetworkInterface, DescribeNetworkInterfaces and 4 more; may lack 1 more`],
    build: () => { const b = builder(); const secret = `arn:aws:secretsmanager:${R}:${ACCOUNT}:secret:mq-creds-AbCdEf`; const broker = `arn:aws:mq:${R}:${ACCOUNT}:broker:orders:b-0123abcd-1111-2222-3333-444455556666`; const fn = b.fn({ region: R, name: "mq", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b), inline: { SamAutoGeneratedAMQPolicy: { Statement: [st("secretsmanager:GetSecretValue", secret), st("mq:DescribeBroker", broker)] } } }) }); b.esm({ functionArn: fn, sourceArn: broker, topics: ["orders"], sourceAccess: [{ Type: "BASIC_AUTH", URI: secret }] }); return b; },
  },
  {
    name: "SAM DocumentDB event (SamAutoGeneratedDocumentDBPolicy, cluster-pg:* and subgrp:*): only 'may lack kms:Decrypt' for the secret's key",
    findings: [`${ESM} [medium] DocumentDB trigger may lack kms:Decrypt (if the secret is encrypted with a customer managed KMS key; depends on the key policy)`],
    build: () => { const b = builder(); const secret = `arn:aws:secretsmanager:${R}:${ACCOUNT}:secret:docdb-creds-AbCdEf`; const cluster = `arn:aws:rds:${R}:${ACCOUNT}:cluster:orders-docdb`; const fn = b.fn({ region: R, name: "docdb", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b), inline: { SamAutoGeneratedDocumentDBPolicy: { Statement: [st("secretsmanager:GetSecretValue", secret), st("rds:DescribeDBClusterParameters", `arn:aws:rds:${R}:${ACCOUNT}:cluster-pg:*`), st("rds:DescribeDBSubnetGroups", `arn:aws:rds:${R}:${ACCOUNT}:subgrp:*`), st("rds:DescribeDBClusters", cluster), st(ENI6, "*")] } } }) }); b.esm({ functionArn: fn, sourceArn: cluster, sourceAccess: [{ Type: "BASIC_AUTH", URI: secret }] }); return b; },
  },
  {
    // SAM grants kms:Decrypt only with SecretsManagerKmsKeyId (as for MQ and DocumentDB): without it, a secret under
    // a customer managed key cannot be read.
    name: "SAM SelfManagedKafka event in a VPC (SelfManagedKafkaExecutionRolePolicy): only 'may lack kms:Decrypt' for the secret's key",
    findings: [`${ESM} [medium] Kafka trigger may lack kms:Decrypt (if the secret is encrypted with a customer managed KMS key; depends on the key policy)`],
    build: () => { const b = builder(); const secret = `arn:aws:secretsmanager:${R}:${ACCOUNT}:secret:kafka-creds-AbCdEf`; const fn = b.fn({ region: R, name: "kafka", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b), inline: { SelfManagedKafkaExecutionRolePolicy: doc(st(["secretsmanager:GetSecretValue"], secret), st(ENI6, "*")) } }) }); b.esm({ functionArn: fn, selfManagedKafka: { bootstrapServers: ["b-1.kafka.example.com:9092"] }, topics: ["orders"], sourceAccess: [{ Type: "SASL_SCRAM_512_AUTH", URI: secret }, { Type: "VPC_SUBNET", URI: "subnet:subnet-0a1b2c3d" }, { Type: "VPC_SECURITY_GROUP", URI: "security_group:sg-0123456789abcdef0" }] }); return b; },
  },
  {
    name: "SAM MSK event (AWSLambdaMSKExecutionRole only, no secret): may lack kafka-cluster:* (IAM auth), medium",
    findings: [`${ESM} [medium] MSK trigger may lack kafka-cluster:Connect and 5 more (if the cluster uses IAM authentication)`],
    build: () => { const b = builder(); const fn = b.fn({ region: R, name: "msk", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b, "AWSLambdaMSKExecutionRole") }) }); b.esm({ functionArn: fn, sourceArn: `arn:aws:kafka:${R}:${ACCOUNT}:cluster/events/6c3e0a5b-1111-2222-3333-444444444444-1`, topics: ["orders"] }); return b; },
  },
  {
    name: "CDK ManagedKafkaEventSource SCRAM (secret.grantRead; key grant lives in the key policy): may lack kms:Decrypt, medium",
    findings: [`${ESM} [medium] MSK trigger may lack kms:Decrypt (depends on the key policy)`],
    build: () => { const b = builder(); const cluster = `arn:aws:kafka:${R}:${ACCOUNT}:cluster/events/6c3e0a5b-1111-2222-3333-444444444444-1`; const secret = `arn:aws:secretsmanager:${R}:${ACCOUNT}:secret:AmazonMSK_events-AbCdEf`; const fn = b.fn({ region: R, name: "msk", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b, "AWSLambdaMSKExecutionRole"), inline: { DefaultPolicy: doc(st(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], secret), st(["kafka:DescribeCluster", "kafka:GetBootstrapBrokers", "kafka:ListScramSecrets"], cluster)) } }) }); b.esm({ functionArn: fn, sourceArn: cluster, topics: ["orders"], sourceAccess: [{ Type: "SASL_SCRAM_512_AUTH", URI: secret }] }); return b; },
  },
];

const logsAndConfig: Case[] = [
  { name: "Serverless IamRoleLambdaExecution logs (log-group:/aws/lambda/svc-dev*:* and :*:*): fine", findings: [], build: () => { const b = builder(); b.fn({ region: R, name: "svc-dev-hello", runtime: "nodejs22.x", role: b.role({ name: "sls", inline: { p: doc(...slsLogs("svc-dev")) } }) }); return b; } },
  { name: "Serverless older single statement (three logs actions on log-group:…svc-dev*:*): fine", findings: [], build: () => { const b = builder(); b.fn({ region: R, name: "svc-dev-hello", runtime: "nodejs22.x", role: b.role({ name: "sls", inline: { p: doc(st(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], [`arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/lambda/svc-dev*:*`])) } }) }); return b; } },
  {
    name: "Serverless logs policy, function logging to a LoggingConfig group outside /aws/lambda/svc-dev*: that function lacks both (medium)",
    findings: ["logs-permission-missing [medium] Function lacks logs:CreateLogStream, logs:PutLogEvents"],
    build: () => { const b = builder(); b.fn({ region: R, name: "svc-dev-custom", runtime: "nodejs22.x", role: b.role({ name: "sls", inline: { p: doc(...slsLogs("svc-dev")) } }), logGroup: "/custom/svc-dev-custom" }); return b; },
  },
  {
    name: "Serverless disableLogs (Deny logs:PutLogEvents on that group): the quiet function lacks PutLogEvents, the other is fine",
    findings: ["logs-permission-missing [medium] Function lacks logs:PutLogEvents", "role-shared [low] Role sls is shared by 2 functions"],
    build: () => { const b = builder(); const role = b.role({ name: "sls", inline: { p: doc(...slsLogs("svc-dev"), { Effect: "Deny", Action: "logs:PutLogEvents", Resource: [`arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/lambda/svc-dev-quiet:*`] }) } }); b.fn({ region: R, name: "svc-dev-hello", runtime: "nodejs22.x", role }); b.fn({ region: R, name: "svc-dev-quiet", runtime: "nodejs22.x", role }); return b; },
  },
  { name: "terraform-aws-modules/lambda logs policy (<group arn>:* and :*:*): fine", findings: [], build: () => { const b = builder(); const lg = `arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/lambda/tf-fn`; b.fn({ region: R, name: "tf-fn", runtime: "python3.13", role: b.role({ name: "tf-fn", managed: [b.managedPolicy({ name: "tf-fn-logs", document: doc(st(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], [`${lg}:*`, `${lg}:*:*`])) })] }) }); return b; } },
  {
    name: "hand-written Terraform logs on aws_cloudwatch_log_group.arn (no :*): lacks both (log-stream ARN)",
    findings: ["logs-permission-missing [medium] Function lacks logs:CreateLogStream, logs:PutLogEvents"],
    build: () => { const b = builder(); b.fn({ region: R, name: "tf-fn", runtime: "python3.13", role: b.role({ name: "tf", inline: { logs: doc(st(["logs:CreateLogStream", "logs:PutLogEvents"], `arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/lambda/tf-fn`)) } }) }); return b; },
  },
  { name: "CDK function with logGroup prop (LoggingConfig) and AWSLambdaBasicExecutionRole: fine", findings: [], build: () => { const b = builder(); b.fn({ region: R, name: "cdk-fn", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b) }), logGroup: "/app/cdk-fn", logFormat: "JSON" }); return b; } },
  { name: "SAM VPCAccessPolicy (Create/Delete/Describe/DetachNetworkInterface on *): fine", findings: [], build: () => { const b = builder(); b.fn({ region: R, name: "v", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b), inline: { VPCAccessPolicy: doc(st(["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DetachNetworkInterface"], "*")) } }), vpc: { subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"], securityGroupIds: ["sg-0123456789abcdef0"], vpcId: "vpc-0123abcd" } }); return b; } },
  { name: "CDK / Serverless VPC function (AWSLambdaVPCAccessExecutionRole): fine", findings: [], build: () => { const b = builder(); b.fn({ region: R, name: "v", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b, "AWSLambdaVPCAccessExecutionRole") }), vpc: { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0123456789abcdef0"], vpcId: "vpc-0123abcd" } }); return b; } },
  { name: "terraform-aws-modules attach_network_policy (copy of AWSLambdaENIManagementAccess): fine", findings: [], build: () => { const b = builder(); const eni = b.managedPolicy({ name: "tf-vpc", document: doc(st(["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"], "*")) }); b.fn({ region: R, name: "v", runtime: "nodejs22.x", role: b.role({ name: "r", managed: [...basic(b), eni] }), vpc: { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0123456789abcdef0"], vpcId: "vpc-0123abcd" } }); return b; } },
  { name: "CDK / Serverless tracing Active (xray:PutTraceSegments, PutTelemetryRecords on *): fine", findings: [], build: () => { const b = builder(); b.fn({ region: R, name: "t", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b), inline: { P: doc(st(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], "*")) } }), tracing: "Active" }); return b; } },
  { name: "CDK environmentEncryption (key.grantDecrypt, CDK key policy): fine", findings: [], build: () => { const b = builder(); b.fn({ region: R, name: "e", runtime: "nodejs22.x", role: b.role({ name: "r", managed: basic(b), inline: { P: doc(st("kms:Decrypt", KEY)) } }), kmsKeyArn: KEY, env: ["TABLE_NAME"] }); b.kmsKey({ arn: KEY, policy: CDK_KEY_POLICY, grants: [] }); return b; } },
  {
    name: "SAM DeadLetterQueue SQS (sqs:SendMessage) on a CMK queue, no kms grant: lacks kms:GenerateDataKey, kms:Decrypt",
    findings: ["async-target-permission-missing [medium] Dead-letter queue lacks kms:GenerateDataKey, kms:Decrypt"],
    build: () => { const b = builder(); const dlq = `arn:aws:sqs:${R}:${ACCOUNT}:fn-dlq`; b.fn({ region: R, name: "dlq-fn", runtime: "python3.13", role: b.role({ name: "r", managed: basic(b), inline: { DLQ: doc(st("sqs:SendMessage", dlq)) } }), dlq }); b.queueEncryption(dlq, { kmsKeyId: KEY }); b.kmsKey({ arn: KEY, policy: CDK_KEY_POLICY, grants: [] }); return b; },
  },
];

const pushPermissions: Case[] = [
  { name: "Serverless http event (apigateway, SourceArn …:apiid/*/*): fine", findings: [], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "sls", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${R}:${ACCOUNT}:${API_ID}/*/*` }); return b; } },
  { name: "SAM Api event (…:apiid/*/GET/items): fine", findings: [], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "sam", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${R}:${ACCOUNT}:${API_ID}/*/GET/items` }); return b; } },
  { name: "CDK LambdaRestApi (prod and test-invoke-stage grants): fine", findings: [], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "prod", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${R}:${ACCOUNT}:${API_ID}/prod/*/*` }); b.permission(fn, { sid: "test", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${R}:${ACCOUNT}:${API_ID}/test-invoke-stage/*/*` }); return b; } },
  { name: "SAM HttpApi $default route + EventBridgeRule on a custom bus: fine", findings: [], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "http", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${R}:${ACCOUNT}:${API_ID}/*/$default` }); b.permission(fn, { sid: "ev", principal: "events.amazonaws.com", sourceArn: `arn:aws:events:${R}:${ACCOUNT}:rule/orders-bus/stack-EvRule-ABC` }); return b; } },
  { name: "SAM S3 event (SourceAccount only): fine", findings: [], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceAccount: ACCOUNT }); return b; } },
  { name: "Serverless / CDK S3 (SourceArn bucket + SourceAccount): fine", findings: [], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads-bucket", sourceAccount: ACCOUNT }); return b; } },
  { name: "terraform allowed_triggers S3 without source_account: confused-deputy medium", findings: ["confused-deputy [medium] s3.amazonaws.com may invoke this function without aws:SourceAccount"], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads-bucket" }); return b; } },
  { name: "SAM SNS / Schedule / CloudWatchLogs, Serverless ALB / cognito / iot / regional logs principal: fine", findings: [], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com", sourceArn: `arn:aws:sns:${R}:${ACCOUNT}:orders-topic` }); b.permission(fn, { sid: "sched", principal: "events.amazonaws.com", sourceArn: `arn:aws:events:${R}:${ACCOUNT}:rule/stack-FnSchedule-1ABCDEF` }); b.permission(fn, { sid: "cwl", principal: "logs.amazonaws.com", sourceArn: `arn:aws:logs:${R}:${ACCOUNT}:log-group:/app/orders:*` }); b.permission(fn, { sid: "cwlr", principal: `logs.${R}.amazonaws.com`, sourceArn: `arn:aws:logs:${R}:${ACCOUNT}:log-group:/app/orders:*` }); b.permission(fn, { sid: "alb", principal: "elasticloadbalancing.amazonaws.com", sourceArn: `arn:aws:elasticloadbalancing:${R}:${ACCOUNT}:targetgroup/svc-dev-hello/0123456789abcdef` }); b.permission(fn, { sid: "cog", principal: "cognito-idp.amazonaws.com", sourceArn: `arn:aws:cognito-idp:${R}:${ACCOUNT}:userpool/us-east-1_AbCdEfGhI` }); b.permission(fn, { sid: "iot", principal: "iot.amazonaws.com", sourceArn: `arn:aws:iot:${R}:${ACCOUNT}:rule/svcDevHelloIotRule` }); return b; } },
  { name: "Serverless alexaSkill with appId (EventSourceToken): fine", findings: [], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "alexa", principal: "alexa-appkit.amazon.com", eventSourceToken: "amzn1.ask.skill.12345678-1234-1234-1234-123456789012" }); return b; } },
  { name: "CDK fn.grantInvoke(ServicePrincipal('events.amazonaws.com')) (no conditions): confused-deputy high", findings: ["confused-deputy [high] events.amazonaws.com may invoke this function without aws:SourceArn or aws:SourceAccount"], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "g", principal: "events.amazonaws.com" }); return b; } },
  { name: "Serverless websocket permission (apigateway, no SourceArn): confused-deputy high", findings: ["confused-deputy [high] apigateway.amazonaws.com may invoke this function without aws:SourceArn or aws:SourceAccount"], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "ws", principal: "apigateway.amazonaws.com" }); return b; } },
  { name: "terraform allowed_triggers naming an API of another account: cross-account-invoke medium", findings: [`cross-account-invoke [medium] Account ${OTHER} can invoke this function`], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "api", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:eu-west-1:${OTHER}:aqnku8akd0/*/*/*` }); return b; } },
  { name: "Serverless sns event on a topic of another account: cross-account-invoke medium", findings: [`cross-account-invoke [medium] Account ${OTHER} can invoke this function`], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com", sourceArn: `arn:aws:sns:${R}:${OTHER}:shared-topic` }); return b; } },
  { name: "CDK grantInvoke(OrganizationPrincipal) (* + PrincipalOrgID): not public, cross-account info", findings: ["cross-account-invoke [info] Accounts in organization o-a1b2c3d4e5 can invoke this function"], build: () => { const { b, fn } = pushFn(); b.permission(fn, { sid: "org", principal: "*", orgId: "o-a1b2c3d4e5" }); return b; } },
  { name: "Function URL AuthType NONE with both grants (SAM / CDK / console today): function-url-public high, no public-invoke", findings: ["function-url-public [high] Public function URL: anyone on the internet can call this function"], build: () => { const { b, fn } = pushFn(); b.url(fn, { authType: "NONE" }); b.permission(fn, { sid: "FunctionURLAllowPublicAccess", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" }); b.permission(fn, { sid: "FunctionURLAllowInvokeAction", principal: "*", action: "lambda:InvokeFunction", invokedViaUrl: true }); return b; } },
  { name: "older CDK addFunctionUrl NONE (InvokeFunctionUrl only), URL from 2024, captured after 1 Nov 2026: mismatch, URL public only as info", findings: ["function-url-permission-mismatch [medium] Function URL callers lack lambda:InvokeFunction", "function-url-public [info] Function URL without authentication (policy admits no public caller yet)"], patch: urlCreatedAt("2024-05-01T00:00:00.000000Z"), build: () => { const { b, fn } = pushFn(); b.url(fn, { authType: "NONE" }); b.permission(fn, { sid: "invoke-function-url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" }); return b; } },
];

function check(c: Case) {
  const input = c.build().build();
  c.patch?.(input);
  const r = analyzeSnapshot(parseSnapshot(JSON.stringify(input)));
  expect(summary(r)).toEqual(c.findings);
  // Each certain finding's fix, carried out, clears it and brings no other.
  const { left, added } = remediationRoundTrip(input);
  expect(left).toEqual([]);
  expect(added).toEqual([]);
}

describe("event-source mappings as generators emit them", () => { for (const c of eventSources) it(c.name, () => check(c)); });
describe("logs, VPC, tracing, env key, DLQ as generators emit them", () => { for (const c of logsAndConfig) it(c.name, () => check(c)); });
describe("function-policy grants as generators emit them", () => { for (const c of pushPermissions) it(c.name, () => check(c)); });

describe("invoker lists", () => {
  it("Serverless / SAM / CDK API Gateway grants are listed with their SourceArn, pinned (not public), allowed", () => {
    const { b, fn } = pushFn();
    b.permission(fn, { sid: "sls", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${R}:${ACCOUNT}:${API_ID}/*/*` });
    b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceAccount: ACCOUNT });
    expect(invokersOf(run(b))).toEqual([
      { via: "resource-policy", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${R}:${ACCOUNT}:${API_ID}/*/*`, sourceAccount: undefined, public: false, decision: "allowed" },
      { via: "resource-policy", principal: "s3.amazonaws.com", sourceArn: undefined, sourceAccount: ACCOUNT, public: false, decision: "allowed" },
    ]);
  });

  it("terraform-aws-modules allowed_triggers on the current version are listed with that qualifier", () => {
    const { b, fn } = pushFn();
    b.version(fn, "4");
    b.permission(fn, { sid: "AllowExecutionFromCloudWatch", principal: "events.amazonaws.com", sourceArn: `arn:aws:events:${R}:${ACCOUNT}:rule/RunDaily`, qualifier: "4" });
    const [inv] = run(b).functions[0]!.invokers;
    expect(inv).toMatchObject({ principal: "events.amazonaws.com", qualifier: `${fn}:4`, public: false, decision: "allowed" });
  });

  it("CDK grantInvoke(role) / SAM LambdaInvokePolicy (function:api*) / scheduler role: identity-policy invokers; the scheduler role's assumer carries its SourceAccount", () => {
    const { b, fn } = pushFn();
    b.role({ name: "caller-role", inline: { P: doc(st("lambda:InvokeFunction", [fn, `${fn}:*`])) } });
    b.role({ name: "other-fn-role", inline: { LambdaInvokePolicy: { Statement: [st("lambda:InvokeFunction", `arn:aws:lambda:${R}:${ACCOUNT}:function:api*`)] } } });
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow" as const, Principal: { Service: "scheduler.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }] };
    b.role({ name: "scheduler-role", trust, inline: { P: doc(st("lambda:InvokeFunction", [fn, `${fn}:*`])) } });
    const r = run(b);
    expect(r.functions[0]!.invokers.map((i) => [i.via, i.principal, i.decision])).toEqual([
      ["identity-policy", `arn:aws:iam::${ACCOUNT}:role/caller-role`, "allowed"],
      ["identity-policy", `arn:aws:iam::${ACCOUNT}:role/other-fn-role`, "allowed"],
      ["identity-policy", `arn:aws:iam::${ACCOUNT}:role/scheduler-role`, "allowed"],
    ]);
    expect(r.invokerRoles?.[`arn:aws:iam::${ACCOUNT}:role/scheduler-role`]?.assumers).toEqual([expect.objectContaining({ principal: "scheduler.amazonaws.com", conditionSummary: `SourceAccount = ${ACCOUNT}`, decision: "allowed" })]);
  });

  it("CDK grantInvokeUrl(role) alone (InvokeFunctionUrl only) on an AWS_IAM URL: the role is not listed as able to call (both actions needed)", () => {
    const { b, fn } = pushFn();
    b.url(fn, { authType: "AWS_IAM" });
    b.role({ name: "caller", inline: { P: doc(st("lambda:InvokeFunctionUrl", fn)) } });
    expect(run(b).functions[0]!.invokers.map((i) => [i.via, i.principal])).toEqual([["function-url", "IAM-authenticated callers"]]);
  });
});


/**
 * Lambda DG, services-kinesis-create.html ("Process Amazon Kinesis Data Streams records with Lambda"): the execution
 * role needs kinesis:DescribeStream, DescribeStreamSummary, GetRecords, GetShardIterator, ListShards, SubscribeToShard;
 * "You don't need the kinesis:ListStreams permission to create and manage event source mappings for Kinesis."
 */
describe("Kinesis triggers: kinesis:ListStreams is not needed by the event source mapping", () => {
  // aws/aws-cdk packages/aws-cdk-lib/aws-kinesis/lib/stream.ts READ_OPERATIONS, granted on the stream ARN by
  // StreamBase.grantRead, which KinesisEventSource.bind calls (aws-lambda-event-sources/lib/kinesis.ts).
  const CDK_READ = ["kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard", "kinesis:DescribeStream", "kinesis:ListStreams", "kinesis:DescribeStreamConsumer"];

  it("CDK KinesisEventSource (stream.grantRead + key.grantDecrypt): no finding", () => {
    const b = builder();
    const role = b.role({ name: "cdk-role", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")], inline: { FnServiceRoleDefaultPolicy: doc(st(CDK_READ, KSTREAM), st("kms:Decrypt", KEY)) } });
    const fn = b.fn({ region: R, name: "cdk-fn", runtime: "nodejs22.x", role });
    b.esm({ functionArn: fn, sourceArn: KSTREAM, startingPosition: "LATEST" });
    b.streamEncryption(KSTREAM, { kmsKeyId: KEY });
    b.kmsKey({ arn: KEY, policy: CDK_KEY_POLICY, grants: [] });
    expect(rules(run(b), ESM)).toEqual([]);
  });

  it("CDK KinesisConsumerEventSource (consumer.grantRead: stream READ_OPERATIONS + DescribeStreamConsumer/SubscribeToShard on the consumer): no finding", () => {
    // aws/aws-cdk packages/aws-cdk-lib/aws-kinesis/lib/stream-consumer.ts grantRead
    const b = builder();
    const role = b.role({ name: "cdk-role", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")], inline: { DefaultPolicy: doc(st(CDK_READ, KSTREAM), st(["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"], KCONSUMER)) } });
    const fn = b.fn({ region: R, name: "cdk-fn", runtime: "nodejs22.x", role });
    b.esm({ functionArn: fn, sourceArn: KCONSUMER, startingPosition: "LATEST" });
    expect(rules(run(b), ESM)).toEqual([]);
  });

  it("SAM KinesisStreamReadPolicy: lacks ListShards only (the template has no ListShards), not ListStreams", () => {
    // aws/serverless-application-model samtranslator/policy_templates_data/policy_templates.json KinesisStreamReadPolicy
    const b = builder();
    const role = b.role({ name: "sam-role", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")], inline: { KinesisStreamReadPolicy: doc(
      st(["kinesis:ListStreams", "kinesis:DescribeLimits"], `arn:aws:kinesis:${R}:${ACCOUNT}:stream/*`),
      st(["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator"], KSTREAM),
    ) } });
    const fn = b.fn({ region: R, name: "sam-fn", runtime: "nodejs22.x", role });
    b.esm({ functionArn: fn, sourceArn: KSTREAM, startingPosition: "LATEST" });
    expect(rules(run(b), ESM)).toEqual([`${ESM} [medium] Kinesis trigger lacks kinesis:ListShards`]);
  });

  it("Serverless Framework stream event (kinesis): lacks DescribeStreamSummary and ListShards, not ListStreams", () => {
    // serverless/serverless lib/plugins/aws/package/compile/events/stream.js kinesisStreamStatement
    const b = builder();
    const role = b.role({ name: "svc-dev-us-east-1-lambdaRole", inline: { "svc-dev-lambda": doc(
      st(["logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"], [`arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/lambda/svc-dev*:*`]),
      st(["logs:PutLogEvents"], [`arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/lambda/svc-dev*:*:*`]),
      st(["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListStreams"], [KSTREAM]),
    ) } });
    const fn = b.fn({ region: R, name: "svc-dev-hello", runtime: "nodejs22.x", role });
    b.esm({ functionArn: fn, sourceArn: KSTREAM, startingPosition: "TRIM_HORIZON" });
    expect(rules(run(b), ESM)).toEqual([`${ESM} [medium] Kinesis trigger lacks kinesis:DescribeStreamSummary, kinesis:ListShards`]);
  });
});

/**
 * Lambda@Edge (CloudFront DG, edge-functions-logs / lambda-edge-permissions): the replicas write to
 * /aws/lambda/us-east-1.<function-name> in the Region where they run. terraform-aws-modules/terraform-aws-lambda
 * iam.tf (lambda_at_edge = true) grants exactly that group, with the Region replaced by "*".
 */
describe("Lambda@Edge function made by terraform-aws-modules/lambda (lambda_at_edge = true)", () => {
  // Its replicas can log; only a direct call (a console test in us-east-1) logs to /aws/lambda/edge-fn.
  it("its logs policy covers where the edge replicas log: at most 'may lack' for direct calls (low)", () => {
    const b = builder();
    const lg = `arn:aws:logs:*:${ACCOUNT}:log-group:/aws/lambda/us-east-1.edge-fn`;
    const pol = b.managedPolicy({ name: "edge-fn-logs", document: doc(st(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], [`${lg}:*`, `${lg}:*:*`])) });
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow" as const, Principal: { Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] }, Action: "sts:AssumeRole" }] };
    b.fn({ region: R, name: "edge-fn", runtime: "nodejs22.x", role: b.role({ name: "edge-fn", managed: [pol], trust }) });
    expect(rules(run(b), "logs-permission-missing")).toEqual([
      "logs-permission-missing [low] Function may lack logs:CreateLogStream, logs:PutLogEvents (if invoked directly)",
    ]);
  });
});

/**
 * A Serverless Framework sqs event on a queue of another account (compile/events/sqs.js statement on the queue ARN):
 * the role's own policy allows, the queue's policy is not something a scan of this account collects. Nothing failed
 * to read, so the title must not say so.
 */
describe("cross-account SQS trigger", () => {
  it("the title names the queue's own policy, not a failed read", () => {
    const b = builder();
    const q = `arn:aws:sqs:${R}:210987654321:shared-orders`;
    const fn = b.fn({ region: R, name: "svc-dev-x", runtime: "nodejs22.x", role: b.role({ name: "sls", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")], inline: { p: doc(st(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], [q])) } }) });
    b.esm({ functionArn: fn, sourceArn: q });
    const r = run(b);
    expect(r.errors).toEqual([]);
    const [f] = r.findings.filter((x) => x.rule === ESM);
    expect(f?.severity).toBe("medium");
    expect(f?.title).toBe("SQS trigger may lack sqs:ReceiveMessage, DeleteMessage, GetQueueAttributes (depends on account 210987654321's policy)");
  });
});
