/**
 * AWS SDK v3 clients for the scan, one per service and region, all configured the same way:
 * - credentials: the SDK's default chain (env, shared config/profiles, SSO, web identity, container and instance
 *   roles); `profile` selects a named profile like `AWS_PROFILE` does;
 * - endpoints: `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` are resolved by the SDK itself (3.1164.0 reads
 *   them), so nothing here overrides `endpoint`;
 * - retries: the SDK's adaptive mode (client-side rate limiting that backs off on throttling) with a few more
 *   attempts than the default 3, because a scan makes thousands of calls and a throttled call must not become a
 *   hole in the snapshot;
 * - timeouts: a connection must open within 10 s, and an answer must start within a minute and never go a minute
 *   without a byte; either failure is a TimeoutError, retried like a 5xx. (The SDK's `requestTimeout` alone only
 *   logs a warning, and nothing times out an answer that stops half-way: one stalled call held the scan for ever.)
 * - concurrency: a per-client gate, i.e. per service and region;
 * - accounting: a middleware inside the retry loop counts every HTTP attempt by operation (retries included).
 */
import { LambdaClient } from "@aws-sdk/client-lambda";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { EC2Client } from "@aws-sdk/client-ec2";
import { SQSClient } from "@aws-sdk/client-sqs";
import { SNSClient } from "@aws-sdk/client-sns";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { loadSharedConfigFiles } from "@smithy/core/config";
import { isTransientError } from "@smithy/core/retry";
import { KMSClient } from "@aws-sdk/client-kms";
import { EFSClient } from "@aws-sdk/client-efs";
import { ECRClient } from "@aws-sdk/client-ecr";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { credentialsLost, errorCode, type ProfileCredentialKind } from "./errors";
import type { Limit } from "./limit";
import { createLimit } from "./limit";

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface CallStats {
  /** HTTP attempts per operation, retries included. */
  attempts: Record<string, number>;
  /**
   * Attempts that failed in a way the SDK retries: throttling, a 5xx, a timeout or a network error (a reset, a
   * refused connection, a failed DNS lookup). Each is retried, unless it was the call's last attempt.
   */
  retriable: number;
  /** Every operation name sent (for the read-only guarantee). */
  operations: Set<string>;
  /**
   * The first failure saying the credentials will sign nothing more (errors.ts credentialsLost): every call after
   * it fails with it unsent, and the scan stops instead of recording each of the thousands left.
   */
  credentialsLost?: unknown;
}

export function newCallStats(): CallStats {
  return { attempts: {}, retriable: 0, operations: new Set() };
}

export interface ClientOptions {
  profile?: string;
  /** A credentials provider in place of the SDK's default chain (tests; a caller holding its own session). */
  credentials?: AwsCredentialIdentityProvider;
  /** A region of the account's partition (the first one scanned): IAM and STS are signed for that partition. */
  partitionRegion?: string;
  maxAttempts?: number;
  concurrency?: number;
  /** Longest wait for an answer to start, and for its next byte once it has (default a minute). */
  requestTimeoutMs?: number;
  stats: CallStats;
  onCall?: () => void;
}

type AnyClient = LambdaClient | IAMClient | STSClient | EC2Client | SQSClient | SNSClient | KinesisClient | KMSClient | EFSClient | ECRClient | OrganizationsClient;

function isRetriable(e: unknown): boolean {
  const err = e as { $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean }; name?: string };
  const status = err?.$metadata?.httpStatusCode ?? 0;
  // Kinesis throttles DescribeStreamSummary with a 400 LimitExceededException, which the SDK retries as throttling.
  if (status === 429 || status >= 500 || Boolean(err?.$retryable) || /Throttl|TooManyRequests|LimitExceeded/.test(err?.name ?? "")) return true;
  // A reset, a refused connection, a DNS blip (EAI_AGAIN), a timeout: the SDK's own test of what it retries, so
  // "N retried" counts these retries as it counts throttled ones (it counted none of them).
  return typeof e === "object" && e !== null && isTransientError(e as Parameters<typeof isTransientError>[0]);
}

/**
 * The attempts of a call that failed on each in a way the SDK retries (throttling, a 5xx), when it made more than
 * one: undefined for anything else. The SDK's error says only the last answer.
 */
export function attemptsRetriedOut(e: unknown): number | undefined {
  const attempts = (e as { $metadata?: { attempts?: unknown } })?.$metadata?.attempts;
  return isRetriable(e) && typeof attempts === "number" && attempts > 1 ? attempts : undefined;
}

/** The one shape of the SDK's middleware stack used here (the union of client stacks is not callable in TS). */
interface Stack {
  add(
    mw: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>,
    options: { step: "initialize" | "deserialize"; name: string; priority?: "high" | "low" },
  ): void;
}

/**
 * Tries of a call whose credentials could not be refreshed, and the wait before each retry. The SDK resolves
 * credentials before its retry loop and never retries that failure, so one blip of a container or instance
 * credentials endpoint stopped the whole scan; four tries over about three and a half seconds ride out a blip.
 */
export const CREDENTIAL_REFRESH_TRIES = 4;
const CREDENTIAL_REFRESH_WAIT_MS = [500, 1_000, 2_000];

/** A provider failure once a request has been sent: the credentials worked and their refresh failed. */
function refreshFailed(e: unknown, stats: CallStats): boolean {
  return errorCode(e) === "CredentialsProviderError" && Object.keys(stats.attempts).length > 0;
}

function instrument<C extends AnyClient>(client: C, limit: Limit, opts: ClientOptions): C {
  const stack = client.middlewareStack as unknown as Stack;
  // Concurrency gate around each try of the command (all the SDK's attempts of it), so retries do not add requests
  // in flight. The check runs once a call has its slot: calls queued behind the one that learnt the credentials
  // expired are not sent. A failed credential refresh waits for its next try without the slot: nothing is in flight
  // then, and holding it stalled the region's calls whose credentials still signed.
  stack.add(
    (next) => async (args) => {
      for (let tries = 1; ; tries++) {
        const last = tries === CREDENTIAL_REFRESH_TRIES;
        try {
          return await limit(async () => {
            if (opts.stats.credentialsLost !== undefined) throw opts.stats.credentialsLost;
            try {
              return await next(args);
            } catch (e: unknown) {
              // Noted before the slot passes on, so the call that takes it next is not sent.
              if ((last || !refreshFailed(e, opts.stats)) && credentialsLost(e)) opts.stats.credentialsLost ??= e;
              throw e;
            }
          });
        } catch (e: unknown) {
          if (!last && refreshFailed(e, opts.stats)) {
            await new Promise((resolve) => setTimeout(resolve, CREDENTIAL_REFRESH_WAIT_MS[tries - 1]));
            continue;
          }
          throw e;
        }
      }
    },
    { step: "initialize", name: "lpgConcurrencyLimit", priority: "high" },
  );
  stack.add(
    (next, context) => async (args) => {
      const op = String(context.commandName ?? "unknown").replace(/Command$/, "");
      opts.stats.operations.add(op);
      opts.stats.attempts[op] = (opts.stats.attempts[op] ?? 0) + 1;
      opts.onCall?.();
      try {
        return await next(args);
      } catch (e: unknown) {
        if (isRetriable(e)) opts.stats.retriable++;
        throw e;
      }
    },
    { step: "deserialize", name: "lpgCallCounter", priority: "high" },
  );
  return client;
}

export interface ScanClients {
  sts(): STSClient;
  iam(): IAMClient;
  /** Organizations is global too: one endpoint per partition, signed for its home region as IAM is. */
  organizations(): OrganizationsClient;
  ec2(region: string): EC2Client;
  sqs(region: string): SQSClient;
  sns(region: string): SNSClient;
  kinesis(region: string): KinesisClient;
  kms(region: string): KMSClient;
  efs(region: string): EFSClient;
  ecr(region: string): ECRClient;
  /**
   * Lambda client for one operation in one region. AWS sets Lambda API quotas per operation and region, and the
   * SDK's adaptive rate limiter lives in the client, so one client per operation lets each back off on its own
   * quota instead of slowing every operation when one is throttled. They share the region's concurrency gate.
   */
  lambda(region: string, operation: string): LambdaClient;
  destroy(): void;
}

/** Each partition's region prefix and home region, the most specific prefix first ("us-isob-" before "us-iso-"). */
const PARTITIONS = [
  { partition: "aws-cn", prefix: "cn-", home: "cn-north-1" },
  { partition: "aws-us-gov", prefix: "us-gov-", home: "us-gov-west-1" },
  { partition: "aws-iso-b", prefix: "us-isob-", home: "us-isob-east-1" },
  { partition: "aws-iso", prefix: "us-iso-", home: "us-iso-east-1" },
] as const;

/**
 * IAM, STS and Organizations are global per partition; their SDK clients still need a signing region, which also
 * picks the partition's endpoints (iam.amazonaws.com.cn for China, iam.us-gov.amazonaws.com for GovCloud; the SDK's
 * rules send Organizations from any China region to organizations.cn-northwest-1, signed for that region). The
 * partition is known from a region, or, when no region is (`--regions all` with none configured), from the
 * caller's ARN: EC2 DescribeRegions then goes to the partition's home, as us-east-1 has no endpoint for aws-cn.
 */
export function globalRegionOf(region: string | undefined, partition?: string): string {
  const p = region === undefined ? PARTITIONS.find((x) => x.partition === partition) : PARTITIONS.find((x) => region.startsWith(x.prefix));
  return p?.home ?? "us-east-1";
}

/**
 * The SDK warns on Node 20 that *future* SDK releases need Node 22. The lockfile pins this release, so the
 * multi-line warning would only break "one clear line" on stderr; a user can still turn it back on.
 */
function quietNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}

export function createScanClients(opts: ClientOptions): ScanClients {
  quietNodeVersionWarning();
  const base = {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    retryMode: "adaptive",
    maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: 10_000,
      requestTimeout: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      socketTimeout: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    },
  } as const;
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  const cache = new Map<string, AnyClient>();
  const limits = new Map<string, Limit>();
  function get<C extends AnyClient>(key: string, make: () => C, limitKey = key): C {
    let c = cache.get(key) as C | undefined;
    if (!c) {
      let limit = limits.get(limitKey);
      if (!limit) limits.set(limitKey, (limit = createLimit(concurrency)));
      c = instrument(make(), limit, opts);
      cache.set(key, c);
    }
    return c;
  }
  const globalRegion = globalRegionOf(opts.partitionRegion);
  return {
    sts: () => get("sts", () => new STSClient({ ...base, region: globalRegion })),
    iam: () => get("iam", () => new IAMClient({ ...base, region: globalRegion })),
    organizations: () => get("organizations", () => new OrganizationsClient({ ...base, region: globalRegion })),
    ec2: (region) => get(`ec2:${region}`, () => new EC2Client({ ...base, region })),
    // By default the SQS client sends each call to the host of its QueueUrl, which would bypass
    // AWS_ENDPOINT_URL(_SQS) and any configured endpoint; the regional endpoint serves every queue of the region.
    sqs: (region) => get(`sqs:${region}`, () => new SQSClient({ ...base, region, useQueueUrlAsEndpoint: false })),
    sns: (region) => get(`sns:${region}`, () => new SNSClient({ ...base, region })),
    // The Kinesis client defaults to an HTTP/2-only handler (for SubscribeToShard's event stream), which cannot
    // talk to an HTTP/1.1 endpoint (a proxy, LocalStack-style AWS_ENDPOINT_URL, the test endpoint); the scan only
    // describes streams, which Kinesis serves over HTTP/1.1 like every other API here.
    kinesis: (region) =>
      get(`kinesis:${region}`, () => new KinesisClient({ ...base, region, requestHandler: new NodeHttpHandler(base.requestHandler) })),
    kms: (region) => get(`kms:${region}`, () => new KMSClient({ ...base, region })),
    efs: (region) => get(`efs:${region}`, () => new EFSClient({ ...base, region })),
    ecr: (region) => get(`ecr:${region}`, () => new ECRClient({ ...base, region })),
    lambda: (region, operation) => get(`lambda:${region}:${operation}`, () => new LambdaClient({ ...base, region }), `lambda:${region}`),
    destroy() {
      for (const c of cache.values()) c.destroy();
      cache.clear();
    },
  };
}

export type SharedFiles = Awaited<ReturnType<typeof loadSharedConfigFiles>>;

/**
 * The shared config and credentials files as they are now, or undefined when they cannot be read (the SDK's own
 * error then says more). The SDK keeps their text from its first read for the life of the process, and reads them
 * again only when told to ignore that cache, which this does for every client created after it: the dashboard's
 * server scans many times in one process, and credentials refreshed in the file after its first scan (`aws
 * configure`, saml2aws and other helpers write them there) were otherwise never seen until a restart.
 */
export async function rereadSharedFiles(): Promise<SharedFiles | undefined> {
  try {
    return await loadSharedConfigFiles({ ignoreCache: true });
  } catch {
    return undefined;
  }
}

/**
 * Why `profile` cannot be used, or null. A profile named in neither shared file is refused before any call: the
 * SDK's chain would say only "could not load credentials", and on a host with a container or instance role it
 * falls through to that role and scans its account instead of the one asked for.
 */
export function missingProfile(profile: string, files: SharedFiles, namedBy = "--profile"): string | null {
  if (Object.hasOwn(files.configFile, profile) || Object.hasOwn(files.credentialsFile, profile)) return null;
  const known = [...new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)])].sort();
  const where = `${process.env.AWS_CONFIG_FILE ?? "~/.aws/config"} or ${process.env.AWS_SHARED_CREDENTIALS_FILE ?? "~/.aws/credentials"}`;
  const listed = known.length
    ? `the profiles there are ${known.slice(0, 10).join(", ")}${known.length > 10 ? `, and ${known.length - 10} more` : ""}): pass one of them to ${namedBy}, or create it`
    : "neither file names any profile): create it";
  return `There is no profile "${profile}" in ${where} (${listed} (\`aws configure --profile ${profile}\` or \`aws configure sso\`).`;
}

/**
 * How the SDK's chain gets `profile`'s credentials, or undefined when the profile gives none: the first match in
 * credential-provider-ini's resolveProfileData (3.973), which reads the profile with the credentials file's keys over
 * the config file's. An assumed role (role_arn with source_profile or credential_source, not both), static keys (both
 * of them), web identity (a token file and role_arn), credential_process, then SSO (any sso_* key), then `aws login`.
 * The chain's own fromSSO, before fromIni, runs only for SSO settings passed in code, never for a profile's: a profile
 * with both an SSO session and a credential_process runs the process.
 */
export function profileCredentialKind(profile: string, files: SharedFiles): ProfileCredentialKind | undefined {
  const settings: Record<string, string | undefined> = { ...files.configFile[profile], ...files.credentialsFile[profile] };
  const set = (key: string) => typeof settings[key] === "string";
  if (set("role_arn") && set("source_profile") !== set("credential_source")) return "assume-role";
  if (set("aws_access_key_id") && set("aws_secret_access_key")) return "static";
  if (set("web_identity_token_file") && set("role_arn")) return "web-identity";
  if (set("credential_process")) return "process";
  if (["sso_start_url", "sso_account_id", "sso_session", "sso_region", "sso_role_name"].some(set)) return "sso";
  if (settings.login_session) return "login";
  return undefined;
}

/**
 * The region the SDK resolves from env/profile, or undefined when none is configured. A value the SDK refuses as no
 * host name ("eu west 1") is returned as configured, for the caller to name it: it is configured, just not a region.
 */
export async function configuredRegion(profile?: string): Promise<string | undefined> {
  quietNodeVersionWarning();
  const probe = new STSClient(profile ? { profile } : {});
  try {
    const region = await probe.config.region();
    return region || undefined;
  } catch (e: unknown) {
    return /^Region not accepted: region="(.*)"/.exec(e instanceof Error ? e.message : "")?.[1] || undefined;
  } finally {
    probe.destroy();
  }
}
