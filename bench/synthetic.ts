/**
 * Synthetic accounts for the benchmark (and for tests that need size): `generateSyntheticSnapshot` writes a
 * realistic mix through SnapshotBuilder, deterministically for a seed. Roles are least-privilege inline policies
 * on name-prefixed ARNs for the most part; around them: shared customer-managed policies, AWS managed policies,
 * ~5% service wildcards, ~1% admin, boundaries, conditional denies, function policies for API Gateway, S3, SNS
 * and EventBridge (SourceArn + SourceAccount), SQS/Kinesis/DynamoDB mappings, URLs and aliases; ~4% of roles
 * invoke their sibling functions, a few in a thousand every function of their team.
 */
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import type { AwsManagedPolicyName } from "@/lib/snapshot/fixtures/aws-managed-policies";
import { allow, deny, policy, type DocumentEncoding, type IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { mulberry32 } from "@/lib/snapshot/fixtures/prng";

export interface SyntheticOptions {
  functions: number;
  roles: number;
  regions?: string[];
  seed?: number;
}

const ACCOUNT = "123456789012";
const TEAMS = ["orders", "catalog", "payments", "search", "shipping", "identity", "marketing", "analytics", "inventory", "support"];
const RUNTIMES = ["nodejs22.x", "nodejs22.x", "python3.12", "python3.12", "python3.13", "java21", "nodejs24.x", "provided.al2023"];
const DEPRECATED = ["python3.7", "nodejs14.x", "nodejs16.x", "python3.8"];
const ENV = ["TABLE_NAME", "QUEUE_URL", "BUCKET_NAME", "LOG_LEVEL", "POWERTOOLS_SERVICE_NAME", "STAGE"];
const SECRET_ENV = ["API_KEY", "DB_PASSWORD", "STRIPE_SECRET", "GITHUB_TOKEN"];

type Profile = "rest" | "http" | "s3" | "sns" | "events" | "sqs" | "kinesis" | "ddb" | "none";
/** Weighted: push triggers and queues dominate real accounts. */
const PROFILES: Profile[] = ["rest", "rest", "http", "s3", "sns", "events", "events", "sqs", "sqs", "kinesis", "ddb", "none"];
const MANAGED_FOR: Partial<Record<Profile, AwsManagedPolicyName>> = {
  sqs: "AWSLambdaSQSQueueExecutionRole",
  kinesis: "AWSLambdaKinesisExecutionRole",
  ddb: "AWSLambdaDynamoDBExecutionRole",
};

interface RolePlan {
  arn: string;
  prefix: string;
  profile: Profile;
  /** Its functions are attached to a VPC. */
  vpc: boolean;
  /** Its functions have active tracing. */
  tracing: boolean;
}

export function generateSyntheticSnapshot(opts: SyntheticOptions): SnapshotInput {
  const regions = opts.regions ?? ["us-east-1", "eu-west-1", "ap-southeast-2"];
  const rand = mulberry32(opts.seed ?? 1);
  const chance = (p: number) => rand() < p;
  // Draws added since the first figures come from their own sequence, so the rest of the account stays as it was.
  const callers = mulberry32((opts.seed ?? 1) ^ 0x5bd1e995);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z", regions });
  const arn = (service: string, resource: string, region = "*") => `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;

  const shared = Array.from({ length: Math.max(1, Math.min(20, Math.ceil(opts.roles / 250))) }, (_, i) => {
    const team = TEAMS[i % TEAMS.length] as string;
    return b.managedPolicy({
      name: `acme-${team}-shared-${i}`,
      path: "/acme/",
      versions: i % 3 === 0 ? [policy(allow(["dynamodb:*", "s3:*"], "*"))] : [],
      document: policy(
        allow(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"], arn("dynamodb", `table/${team}-*`)),
        allow("s3:GetObject", `arn:aws:s3:::acme-${team}-shared/*`),
        allow(["ssm:GetParameter", "ssm:GetParametersByPath"], arn("ssm", `parameter/acme/${team}/*`)),
      ),
    });
  });
  const boundaries = TEAMS.slice(0, 3).map((team) =>
    b.managedPolicy({
      name: `acme-${team}-boundary`,
      path: "/acme/boundaries/",
      document: policy(
        allow(["logs:*", "dynamodb:*", "sqs:*", "sns:Publish", "s3:GetObject", "s3:PutObject", "kinesis:*", "events:PutEvents", "xray:Put*"], "*"),
        deny(["iam:*", "organizations:*"], "*"),
      ),
    }),
  );

  const roles: RolePlan[] = [];
  for (let r = 0; r < opts.roles; r++) {
    const team = pick(TEAMS);
    const prefix = `${team}-${r}`;
    const profile = pick(PROFILES);
    const statements: IamStatement[] = [
      allow("logs:CreateLogGroup", arn("logs", "*")),
      allow(["logs:CreateLogStream", "logs:PutLogEvents"], arn("logs", `log-group:/aws/lambda/${prefix}-*:*`)),
      ...profileNeeds(profile, prefix, arn, chance(0.02)),
      allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"], arn("dynamodb", `table/${prefix}-*`)),
    ];
    if (chance(0.4)) statements.push(allow(["s3:GetObject", "s3:PutObject"], `arn:aws:s3:::acme-${prefix}/*`));
    if (chance(0.05)) statements.push(allow(pick(["s3:*", "dynamodb:*", "sqs:*", "sns:*"]), "*"));
    if (chance(0.05)) {
      statements.push(deny("s3:*", "*", { condition: { Bool: { "aws:SecureTransport": "false" } } }));
    }
    // Functions that call others: their siblings (a few in a hundred), or every function of their team (a few in a thousand).
    if (callers() < 0.04) statements.push(allow("lambda:InvokeFunction", arn("lambda", `function:${prefix}-*`)));
    else if (callers() < 0.004) statements.push(allow(["lambda:InvokeFunction", "lambda:GetFunction"], arn("lambda", `function:${team}-*`)));
    const managed: string[] = [];
    if (chance(0.3)) managed.push(pick(shared));
    const awsManaged = MANAGED_FOR[profile];
    if (awsManaged && chance(0.3)) managed.push(b.attachAwsManaged(awsManaged));
    if (chance(0.01)) managed.push(b.attachAwsManaged("AdministratorAccess"));
    // Most VPC and tracing roles carry the permissions for it; a few do not (findings in the mix).
    const vpc = chance(0.05);
    const tracing = chance(0.03);
    if (vpc && chance(0.9)) managed.push(b.attachAwsManaged("AWSLambdaVPCAccessExecutionRole"));
    if (tracing && chance(0.85)) managed.push(b.attachAwsManaged("AWSXRayDaemonWriteAccess"));
    const encoding: DocumentEncoding = chance(0.9) ? "url" : chance(0.5) ? "object" : "json";
    const roleArn = b.role({
      name: `${prefix}-role`,
      path: chance(0.7) ? "/service-role/" : "/",
      inline: { [`${prefix}-least-privilege`]: policy(...statements) },
      managed,
      ...(chance(0.1) ? { boundary: pick(boundaries) } : {}),
      tags: { team, "cost-center": `cc-${100 + (r % 40)}` },
      encoding,
    });
    roles.push({ arn: roleArn, prefix, profile, vpc, tracing });
  }

  for (let i = 0; i < opts.functions; i++) {
    const role = (i < roles.length ? roles[i] : pick(roles)) as RolePlan | undefined;
    const region = regions[i % regions.length] as string;
    const name = `${role?.prefix ?? "orphan"}-fn-${i}`;
    const fnArn = b.fn({
      region,
      name,
      runtime: chance(0.02) ? pick(DEPRECATED) : pick(RUNTIMES),
      role: role?.arn ?? b.roleArn(`deleted-${i}`),
      description: `Synthetic ${role?.profile ?? "orphan"} function ${i}`,
      env: [...ENV.filter(() => chance(0.25)), ...(chance(0.03) ? [pick(SECRET_ENV)] : [])],
      ...(role?.tracing ? { tracing: "Active" as const } : {}),
      ...(role?.vpc
        ? { vpc: { vpcId: `vpc-${i % 7}`, subnetIds: [`subnet-${i % 13}a`, `subnet-${i % 13}b`], securityGroupIds: [`sg-${i % 17}`] } }
        : {}),
      memorySize: pick([128, 256, 512, 1024, 2048]),
    });
    if (role) wireTrigger(b, fnArn, region, role, i, arn, chance);
    if (chance(0.05)) {
      // Published, as a real scan lists the version an alias routes to (an unlisted one makes its role unknown).
      const version = String(1 + (i % 30));
      b.version(fnArn, version);
      b.alias(fnArn, "live", version);
      b.permission(fnArn, {
        sid: "apigateway-live",
        principal: "apigateway.amazonaws.com",
        sourceArn: arn("execute-api", `api${i % 97}/*/*/*`, region),
        sourceAccount: ACCOUNT,
        qualifier: "live",
      });
    }
    if (chance(0.03)) {
      const authType = chance(0.7) ? "AWS_IAM" : "NONE";
      const principal = authType === "NONE" ? "*" : ACCOUNT;
      b.url(fnArn, { authType });
      b.permission(fnArn, { sid: "FunctionURLAllowAccess", principal, action: "lambda:InvokeFunctionUrl", urlAuthType: authType });
      b.permission(fnArn, { sid: "FunctionURLInvokeAllowAccess", principal, invokedViaUrl: true });
    }
  }
  return b.build();
}

function profileNeeds(
  profile: Profile,
  prefix: string,
  arn: (service: string, resource: string) => string,
  broken: boolean,
): IamStatement[] {
  switch (profile) {
    case "sqs":
      return [
        allow(
          broken ? ["sqs:DeleteMessage", "sqs:GetQueueAttributes"] : ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
          arn("sqs", `${prefix}-*`),
        ),
      ];
    case "kinesis":
      return [
        allow(
          ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"],
          arn("kinesis", `stream/${prefix}-*`),
        ),
        allow("kinesis:ListStreams", "*"),
      ];
    case "ddb":
      return [
        allow(
          broken ? ["dynamodb:DescribeStream"] : ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
          arn("dynamodb", `table/${prefix}-*/stream/*`),
        ),
        allow("dynamodb:ListStreams", "*"),
      ];
    default:
      return [];
  }
}

function wireTrigger(
  b: SnapshotBuilder,
  fnArn: string,
  region: string,
  role: RolePlan,
  i: number,
  arn: (service: string, resource: string, region?: string) => string,
  chance: (p: number) => boolean,
): void {
  const name = `${role.prefix}-${i}`;
  // A few grants leave out SourceAccount (or every condition), as real accounts do.
  const conditions = chance(0.03) ? {} : { sourceAccount: ACCOUNT };
  const grant = (principal: string, sourceArn: string) =>
    b.permission(fnArn, { sid: `${principal.split(".")[0]}-${i}`, principal, ...(chance(0.01) ? {} : { sourceArn }), ...conditions });
  switch (role.profile) {
    case "rest":
    case "http":
      return void grant("apigateway.amazonaws.com", arn("execute-api", `api${i % 97}/*/${role.profile === "rest" ? "GET" : "*"}/${name}`, region));
    case "s3":
      return void grant("s3.amazonaws.com", `arn:aws:s3:::acme-${name}`);
    case "sns":
      return void grant("sns.amazonaws.com", arn("sns", name, region));
    case "events":
      return void grant("events.amazonaws.com", arn("events", `rule/${name}`, region));
    case "sqs": {
      // SSE-SQS (the default for new queues): the scan reads every trigger queue's encryption, and a scanned copy
      // of this account must come back whole. No random draw, so the rest of the account stays as it was.
      const queue = arn("sqs", name, region);
      b.queueEncryption(queue, { sseSqs: true });
      return void b.esm({ functionArn: fnArn, sourceArn: queue });
    }
    case "kinesis": {
      // Unencrypted, for the same reason as the queues above.
      const stream = arn("kinesis", `stream/${name}`, region);
      b.streamEncryption(stream);
      return void b.esm({
        functionArn: fnArn,
        sourceArn: stream,
        ...(chance(0.05) ? { lastProcessingResult: "PROBLEM: Function call failed" } : {}),
      });
    }
    case "ddb":
      return void b.esm({ functionArn: fnArn, sourceArn: arn("dynamodb", `table/${name}/stream/2026-01-01T00:00:00.000`, region) });
    case "none":
      return;
  }
}

/**
 * One function whose role lists `resources` queue and table ARNs in two statements, under `sqs:*` + `logs:*` and
 * a few DynamoDB and S3 actions (most of which grant nothing on those ARNs): the shape that once made analysis
 * quadratic in the list. IAM's size quotas (10,240 characters of inline policy per role, 6,144 per managed policy)
 * hold about 200 ARNs per document, so the larger sizes stand for hostile or hand-edited snapshots.
 */
export function generateWideStatementSnapshot(resources: number): SnapshotInput {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z" });
  const queues = Array.from({ length: resources }, (_, i) => `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-${i}`);
  const tables = Array.from({ length: resources }, (_, i) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/table-${i}`);
  const document = policy(allow(["logs:*", "sqs:*"], queues), allow(["dynamodb:GetItem", "dynamodb:PutItem", "s3:Get*"], tables));
  b.fn({ region: "us-east-1", name: "wide", runtime: "nodejs22.x", role: b.role({ name: "wide-role", inline: { wide: document } }) });
  return b.build();
}

/**
 * One function whose role has `statements` statements, each on its own ARN (sqs, dynamodb, sns, s3 objects; one in
 * ten a service wildcard): every ARN is asked about, so testing every statement each time is quadratic.
 */
export function generateManyStatementsSnapshot(statements: number): SnapshotInput {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z" });
  b.fn({ region: "us-east-1", name: "many", runtime: "nodejs22.x", role: b.role({ name: "many-role", inline: { many: policy(...singleArnStatements(0, statements)) } }) });
  return b.build();
}

/** Statements `from` to `to` - 1 of generateManyStatementsSnapshot's list. */
function singleArnStatements(from: number, to: number) {
  const kinds = [["sqs", "queue-", "SendMessage"], ["dynamodb", "table/t-", "GetItem"], ["sns", "topic-", "Publish"]] as const;
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    const [service, prefix, action] = kinds[i % 4] ?? ["s3", "", "GetObject"];
    const resource = service === "s3" ? `arn:aws:s3:::bucket-${i}/*` : `arn:aws:${service}:us-east-1:${ACCOUNT}:${prefix}${i}`;
    return allow(i % 10 === 9 ? `${service}:*` : `${service}:${action}`, resource);
  });
}

/**
 * One function whose role has `policies` managed policies of five of generateManyStatementsSnapshot's statements
 * each: every policy is a document of its own, each below the size at which a document's statements are indexed, so
 * asking about every ARN tested every statement of every policy. IAM attaches at most 10 (20 on request) managed
 * policies to a role: the larger sizes stand for hostile or hand-edited snapshots.
 */
export function generateManyPoliciesSnapshot(policies: number): SnapshotInput {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z" });
  const managed = Array.from({ length: policies }, (_, i) => b.managedPolicy({ name: `policy-${i}`, document: policy(...singleArnStatements(5 * i, 5 * i + 5)) }));
  b.fn({ region: "us-east-1", name: "policies", runtime: "nodejs22.x", role: b.role({ name: "policies-role", managed }) });
  return b.build();
}

/**
 * One function whose policy (PutResourcePolicy) names `callers` accounts as principals, the same accounts through
 * `*` + aws:PrincipalAccount, and `callers` SNS topics as SourceArns: each listed caller is a way in and a
 * cross-account question. The 20 KB function-policy quota holds about 600 accounts.
 */
export function generateListedCallersSnapshot(callers: number): SnapshotInput {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z" });
  const fn = b.fn({ region: "us-east-1", name: "listed", runtime: "nodejs22.x", role: b.role({ name: "listed-role" }) });
  const accounts = Array.from({ length: callers }, (_, i) => String(100_000_000_000 + i));
  const topics = Array.from({ length: callers }, (_, i) => `arn:aws:sns:us-east-1:${ACCOUNT}:topic-${i}`);
  const grant = (Sid: string, Principal: unknown, Condition?: unknown) => ({ Sid, Effect: "Allow", Principal, Action: "lambda:InvokeFunction", Resource: fn, ...(Condition ? { Condition } : {}) });
  b.resourcePolicy(fn, {
    Version: "2012-10-17",
    Statement: [
      grant("partners", { AWS: accounts.map((a) => `arn:aws:iam::${a}:root`) }),
      grant("org-accounts", "*", { StringEquals: { "aws:PrincipalAccount": accounts } }),
      grant("topics", { Service: "sns.amazonaws.com" }, { ArnLike: { "AWS:SourceArn": topics } }),
    ],
  } as never);
  return b.build();
}

/**
 * A function policy of `count` statements of one principal each, as `lambda add-permission` writes them: another
 * account, or SNS for one topic of this account.
 */
function oneGrantEach(fn: string, count: number): never {
  const Statement = Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? { Sid: `account-${i}`, Effect: "Allow", Principal: { AWS: `arn:aws:iam::${100_000_000_000 + i}:root` }, Action: "lambda:InvokeFunction", Resource: fn }
      : {
          Sid: `topic-${i}`,
          Effect: "Allow",
          Principal: { Service: "sns.amazonaws.com" },
          Action: "lambda:InvokeFunction",
          Resource: fn,
          Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:sns:us-east-1:${ACCOUNT}:topic-${i}` } },
        },
  );
  return { Version: "2012-10-17", Statement } as never;
}

/**
 * One function whose policy has `statements` statements of one principal each, as `lambda add-permission` writes
 * them: another account, or SNS for one topic of this account. Every grant is asked about against the whole
 * document, the shape that once made analysis quadratic in it. The 20 KB function-policy quota holds about 70 such
 * statements, so the larger sizes stand for hostile or hand-edited snapshots.
 */
export function generateManyGrantsSnapshot(statements: number): SnapshotInput {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z" });
  const fn = b.fn({ region: "us-east-1", name: "granted", runtime: "nodejs22.x", role: b.role({ name: "granted-role" }) });
  b.resourcePolicy(fn, oneGrantEach(fn, statements));
  return b.build();
}

/**
 * One hub function at the limits the graph page must survive, beside `others` ordinary functions: `grants`
 * resource-policy statements of one principal each (another account or an SNS topic, as `lambda add-permission`
 * writes them), `mappings` event source mappings (SQS queues) and a role reaching `resources` ARNs across SQS,
 * DynamoDB, SNS and S3. Far beyond IAM's and Lambda's quotas for one function: it stands for hostile or hand-edited
 * snapshots, and for the graph's worst neighbourhood.
 */
export function generateHubSnapshot(opts: { grants: number; mappings: number; resources: number; others?: number }): SnapshotInput {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z" });
  const role = b.role({ name: "hub-role", inline: { hub: policy(...singleArnStatements(0, opts.resources)) } });
  const fn = b.fn({ region: "us-east-1", name: "hub", runtime: "nodejs22.x", role });
  b.resourcePolicy(fn, oneGrantEach(fn, opts.grants));
  for (let i = 0; i < opts.mappings; i++) {
    const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:hub-queue-${i}`;
    b.queueEncryption(queue, { sseSqs: true });
    b.esm({ functionArn: fn, sourceArn: queue });
  }
  for (let i = 0; i < (opts.others ?? 0); i++) {
    const other = b.fn({ region: "us-east-1", name: `plain-${i}`, runtime: "nodejs22.x", role: b.role({ name: `plain-${i}-role` }) });
    b.permission(other, { sid: `apigateway-${i}`, principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:us-east-1:${ACCOUNT}:api${i}/*/GET/plain`, sourceAccount: ACCOUNT });
  }
  return b.build();
}

/**
 * One function with `aliases` aliases over three published versions (a deploy tool that aliases every build) beside
 * `others` plain functions: what its details send and draw (docs/large-accounts.md). The last alias has its own way in,
 * so that it has a node.
 */
export function generateAliasSnapshot(aliases: number, others = 30): SnapshotInput {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-20T09:30:00Z" });
  const role = b.role({ name: "builds-role" });
  const fn = b.fn({ region: "us-east-1", name: "builds", runtime: "nodejs22.x", role });
  for (let v = 1; v <= 3; v++) b.version(fn, String(v), role);
  for (let i = 0; i < aliases; i++) b.alias(fn, `build-${i}`, String((i % 3) + 1));
  b.permission(fn, { sid: "api", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:us-east-1:${ACCOUNT}:builds/*`, qualifier: `build-${aliases - 1}` });
  for (let i = 0; i < others; i++) b.fn({ region: "us-east-1", name: `plain-${i}`, runtime: "nodejs22.x", role: b.role({ name: `plain-${i}-role` }) });
  return b.build();
}
