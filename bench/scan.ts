/**
 * Scan benchmark (issue 4): a synthetic account of 2,000 functions in 3 regions behind the local AWS endpoint with
 * 20 ms latency per answer and a per-operation rate limit (token bucket per operation and region, like AWS API
 * quotas). Prints calls made vs the minimum the snapshot needs (target ≤ 1.1×) and wall time vs the time the rate
 * limit alone imposes, i.e. the busiest operation's calls ÷ the allowed rate (target ≤ 1.3×).
 *   node --import tsx bench/scan.ts [functions] [ratePerSecond]      (SCAN_CONCURRENCY=n overrides the default 8)
 * SCAN_SHARED_BUDGET=1: Lambda's reads other than GetPolicy share one bucket per region, as lambda-permissions.md §4.3
 * reads AWS's quota page ("treat as one shared budget"; whether AWS enforces it per API is unverified).
 * At high allowed rates the figure measures CPU instead (SDK signing/parsing plus the endpoint, one process).
 */
import { generateSyntheticSnapshot } from "./synthetic";
import { startAwsEndpoint } from "@/test/aws-endpoint/server";
import { scenarioFromSnapshot } from "@/test/aws-endpoint/scenario";
import { endpointEnv, withEnv } from "@/test/aws-endpoint/env";
import { scanAccount } from "@/lib/aws/collect";
import { parseSnapshot } from "@/lib/snapshot/read";
import { fmtMs } from "./stats";

const FUNCTIONS = Number(process.argv[2] ?? 2_000);
/** Of the order of Lambda's per-region control-plane API quotas (requests per second per API). */
const RATE = Number(process.argv[3] ?? 15);
const LATENCY_MS = 20;
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];
/** Lambda reads of the scan that share one budget under SCAN_SHARED_BUDGET (GetPolicy has its own). */
const SHARED = new Set(["ListFunctions", "ListEventSourceMappings", "ListAliases", "ListVersionsByFunction", "ListFunctionUrlConfigs", "ListFunctionEventInvokeConfigs", "GetFunctionConfiguration", "ListTags"]);
const shared = process.env.SCAN_SHARED_BUDGET === "1";
const bucketOf = (operation: string) => (shared && SHARED.has(operation) ? "lambda-reads" : operation);

const input = generateSyntheticSnapshot({ functions: FUNCTIONS, roles: Math.ceil(FUNCTIONS / 2), regions: REGIONS, seed: 42 });
const expected = parseSnapshot(input);

/** The fewest calls that can produce this snapshot, per region and operation (API maximum page sizes). */
function minimumCalls(): Map<string, number> {
  const min = new Map<string, number>();
  // Keyed by region and rate bucket: the bound is the busiest bucket's.
  const add = (key: string, n: number) => {
    const [where, operation] = key.split("|") as [string, string];
    const bucket = `${where}|${bucketOf(operation)}`;
    min.set(bucket, (min.get(bucket) ?? 0) + n);
  };
  add("global|GetCallerIdentity", 1);
  // The synthetic account is served as its organization's management account: DescribeOrganization, nothing more.
  add("global|DescribeOrganization", 1);
  const iam = expected.iam?.GetAccountAuthorizationDetails;
  add("global|GetAccountAuthorizationDetails", Math.max(1, Math.ceil(((iam?.RoleDetailList?.length ?? 0) + (iam?.Policies.length ?? 0)) / 1000)));
  for (const region of REGIONS) {
    const d = expected.regions[region];
    const fns = d?.ListFunctions?.Functions ?? [];
    add(`${region}|ListFunctions`, Math.max(1, Math.ceil(fns.length / 50)));
    add(`${region}|ListEventSourceMappings`, Math.max(1, Math.ceil((d?.ListEventSourceMappings?.EventSourceMappings.length ?? 0) / 100)));
    const targets = fns.length + Object.values(d?.ListAliases ?? {}).reduce((n, a) => n + a.Aliases.length, 0);
    add(`${region}|ListAliases`, fns.length);
    add(`${region}|ListFunctionUrlConfigs`, fns.length);
    add(`${region}|GetFunctionConfiguration`, fns.length);
    add(`${region}|ListTags`, fns.length);
    // One page per 50 versions, $LATEST included; each published version's policy is asked for.
    const versions = (d as { ListVersionsByFunction?: Record<string, { Versions: unknown[] }> } | undefined)?.ListVersionsByFunction ?? {};
    const versionCount = (arn: string) => versions[arn]?.Versions.length ?? 0;
    add(`${region}|ListVersionsByFunction`, fns.reduce((n, f) => n + Math.ceil((versionCount(f.FunctionArn) + 1) / 50), 0));
    add(`${region}|GetPolicy`, fns.reduce((n, f) => n + versionCount(f.FunctionArn), 0));
    add(`${region}|GetPolicy`, targets);
    // Async settings of every qualifier: one list per function, 50 a page.
    const configKeys = Object.keys(d?.GetFunctionEventInvokeConfig ?? {});
    const configCount = (arn: string) => configKeys.filter((k) => k === arn || k.startsWith(`${arn}:`)).length;
    add(`${region}|ListFunctionEventInvokeConfigs`, fns.reduce((n, f) => n + Math.max(1, Math.ceil(configCount(f.FunctionArn) / 50)), 0));
    // One encryption read per queue and per stream the region's functions use (each in its own region: here, this one).
    // And one read per KMS key reference (DescribeKey) and key (GetKeyPolicy, a first ListGrants page) they name.
    for (const op of ["GetQueueAttributes", "DescribeStreamSummary", "DescribeKey", "GetKeyPolicy", "ListGrants"] as const) add(`${region}|${op}`, Object.keys(d?.[op] ?? {}).length);
  }
  return min;
}

const endpoint = await startAwsEndpoint({ scenario: scenarioFromSnapshot(input), faults: { latencyMs: LATENCY_MS, ratePerSecond: RATE, rateGroup: bucketOf } });
const restore = withEnv(endpointEnv(endpoint.url));
try {
  const started = performance.now();
  const { snapshot, stats } = await scanAccount({ regions: REGIONS, ...(process.env.SCAN_CONCURRENCY ? { concurrency: Number(process.env.SCAN_CONCURRENCY) } : {}) });
  const wallMs = performance.now() - started;
  const min = minimumCalls();
  const minTotal = [...min.values()].reduce((a, b) => a + b, 0);
  const busiest = [...min.entries()].sort((a, b) => b[1] - a[1])[0] as [string, number];
  // The endpoint's bucket starts full (one second's worth), so the first RATE calls are free of the limit.
  const boundMs = (Math.max(0, busiest[1] - RATE) / RATE) * 1000;
  const throttled = endpoint.calls.filter((c) => c.status === 429 || (c.status === 400 && c.service !== "lambda")).length;
  const functions = Object.values(snapshot.regions).reduce((n, r) => n + (r.ListFunctions?.Functions.length ?? 0), 0);
  console.log(`\nscan: ${functions} functions in ${REGIONS.length} regions, ${LATENCY_MS} ms latency, ${RATE} requests/s allowed per ${shared ? "region for Lambda's reads but GetPolicy (one shared budget), per operation for the rest" : "operation and region"}`);
  console.log(`calls made         ${stats.calls} (throttled and retried: ${throttled}; errors recorded: ${snapshot.errors.length})`);
  console.log(`minimum calls      ${minTotal}`);
  console.log(`calls ratio        ${(stats.calls / minTotal).toFixed(3)}   (target ≤ 1.1)`);
  console.log(`wall time          ${fmtMs(wallMs)}`);
  console.log(`rate-limit bound   ${fmtMs(boundMs)}   (${busiest[1]} ${busiest[0].replace("|", " ")} calls, less the ${RATE}-call burst, ÷ ${RATE}/s)`);
  console.log(`time ratio         ${(wallMs / boundMs).toFixed(3)}   (target ≤ 1.3)`);
  console.log(`calls by operation ${Object.entries(stats.callsByOperation).map(([k, v]) => `${k} ${v}`).join(", ")}`);
} finally {
  restore();
  await endpoint.close();
}
