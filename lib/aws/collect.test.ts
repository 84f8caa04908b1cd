/**
 * The scanner against the local AWS endpoint (test/aws-endpoint): the real SDK v3 over HTTP, with the endpoint
 * speaking each service's documented wire protocol. Nothing here mocks the SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { collectRegion, listedConfigKey, scanAccount, type ScanProgress } from "./collect";
import { collectQueueAttributes } from "./queues";
import { collectStreamSummaries } from "./streams";
import { createScanClients, newCallStats } from "./clients";
import { AwsCredentialsError } from "./errors";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { comparable } from "@/test/aws-endpoint/normalize";
import { withEnv } from "@/test/aws-endpoint/env";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { Snapshot, SnapshotInput } from "@/lib/snapshot/schema";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { progressLine, progressPercent } from "@/lib/scan/progress";

const root = path.resolve(__dirname, "../..");
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const demoRegions = Object.keys(demo.regions ?? {});

const serve = useLocalEndpoint();

const READ_ONLY = /^(List|Get|Describe)[A-Za-z]+$/;

describe("scanAccount against the local endpoint", () => {
  it("reads the newest versions' policies and those aliases route to; older ones are listed as not read, and analysed as unknown", async () => {
    const { SnapshotBuilder } = await import("@/lib/snapshot/fixtures/builder");
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
    const fn = b.fn({ region: "us-east-1", name: "busy", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    for (let v = 1; v <= 8; v++) b.version(fn, String(v));
    b.alias(fn, "stable", "2");
    b.permission(fn, { sid: "old-grant", principal: "210987654321", qualifier: "1" });
    b.permission(fn, { sid: "routed", principal: "210987654321", qualifier: "2" });
    const ep = await serve(b.build());
    const { snapshot, stats } = await scanAccount({ regions: ["us-east-1"], versionPolicies: 3 });
    const entry = (snapshot.regions["us-east-1"] as { ListVersionsByFunction: Record<string, { Versions: unknown[]; PoliciesNotRead?: string[] }> }).ListVersionsByFunction[fn];
    expect(entry?.Versions).toHaveLength(8);
    expect(entry?.PoliciesNotRead).toEqual(["1", "3", "4", "5"]); // 8, 7, 6 newest; 2 routed by the alias
    // snapshot.md: no GetPolicy entry and no error reads as "no policy", so each skipped version is an error too.
    expect(snapshot.errors.map((e) => [e.operation, e.target, e.code])).toEqual(["1", "3", "4", "5"].map((v) => ["GetPolicy", `${fn}:${v}`, "NotRead"]));
    expect(stats.callsByOperation.GetPolicy).toBe(1 + 1 + 4); // the function, its alias, versions 8, 7, 6 and 2
    expect(ep.countByOperation().GetPolicy).toBe(6);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions[0]?.invokers.map((i) => i.qualifier)).toEqual([`${fn}:2`]);
    expect(report.functions[0]?.unknown).toContain("GetPolicy: not read for 4 published versions (scan --version-policies all reads them)");
    expect(report.functions[0]?.unknown.filter((u) => u.startsWith("GetPolicy"))).toHaveLength(1); // said once, not per version
    const gap = report.findings.find((f) => f.rule === "data-unavailable");
    expect(gap?.title).toMatch(/GetPolicy of 4 older published versions \(not read\)/);
    expect(gap?.remediation).toContain("--version-policies all");
  });

  it("progress counts failed calls, not the version policies it chose not to read", async () => {
    const { SnapshotBuilder } = await import("@/lib/snapshot/fixtures/builder");
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
    const fn = b.fn({ region: "us-east-1", name: "busy", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    for (let v = 1; v <= 8; v++) b.version(fn, String(v));
    await serve(b.build());
    let last: ScanProgress | undefined;
    const { snapshot } = await scanAccount({ regions: ["us-east-1"], versionPolicies: 3, organizations: false, onProgress: (p) => (last = p) });
    expect(snapshot.errors.map((e) => e.code)).toEqual(["NotRead", "NotRead", "NotRead", "NotRead", "NotRead"]);
    expect(last?.errors).toBe(0);
  });

  it("progress says IAM is still being read once the regions are done, and reaches 100 % only after it", async () => {
    let regionsRead!: () => void;
    const regionsDone = new Promise<void>((resolve) => (regionsRead = resolve));
    // GetAccountAuthorizationDetails answers only once every region is read: IAM is then the step still running.
    await serve(demo, { faults: { hold: (x) => (x.operation === "GetAccountAuthorizationDetails" ? regionsDone : undefined) } });
    const seen: ScanProgress[] = [];
    await scanAccount({
      regions: ["us-east-1"],
      onProgress: (p) => {
        seen.push(p);
        if (p.regionsTotal > 0 && p.regionsDone === p.regionsTotal) regionsRead();
      },
    });
    const whileIam = seen.find((p) => p.regionsTotal > 0 && p.regionsDone === p.regionsTotal);
    expect(whileIam?.accountWideDone).toBe(false);
    expect(progressPercent(whileIam!)).toBeLessThan(100);
    expect(progressLine(whileIam!)).toMatch(/^reading IAM… · \d+\/\d+ functions · 1\/1 regions/);
    expect(seen.at(-1)?.accountWideDone).toBe(true);
    expect(progressPercent(seen.at(-1)!)).toBe(100);
  });

  it("reads the async settings of the function, its aliases and every published version in one paged list; a version's are judged with its role", async () => {
    const { SnapshotBuilder } = await import("@/lib/snapshot/fixtures/builder");
    const { allow, policy } = await import("@/lib/snapshot/fixtures/policy-documents");
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
    const topic = b.arn("sns", "us-east-1", "order-failures");
    const current = b.role({ name: "current-role", inline: { publish: policy(allow("sns:Publish", topic)) } });
    const old = b.role({ name: "old-role" });
    const fn = b.fn({ region: "us-east-1", name: "orders", runtime: "nodejs22.x", role: current });
    b.version(fn, "1", old);
    for (let v = 2; v <= 8; v++) b.version(fn, String(v));
    const stable = b.alias(fn, "stable", "2");
    for (const target of [fn, stable, `${fn}:1`, `${fn}:8`]) b.eventInvokeConfig(target, { onFailure: topic });
    const ep = await serve(b.build(), { pageSize: 2 });
    // Version 1's policy is not read (3 newest plus the routed one), its async settings are: one list has them all.
    const { snapshot, stats } = await scanAccount({ regions: ["us-east-1"], versionPolicies: 3 });
    const configs = snapshot.regions["us-east-1"]!.GetFunctionEventInvokeConfig!;
    expect(Object.keys(configs)).toEqual([fn, `${fn}:1`, `${fn}:8`, stable]);
    expect(configs[fn]?.FunctionArn).toBe(`${fn}:$LATEST`); // as Lambda names the function's own, keyed by the function
    expect(stats.callsByOperation.ListFunctionEventInvokeConfigs).toBe(2); // 4 configs, 2 a page
    expect(ep.countByOperation().GetFunctionEventInvokeConfig).toBeUndefined();
    const async = analyzeSnapshot(snapshot).findings.filter((f) => f.rule === "async-target-permission-missing");
    expect(async.map((f) => f.title)).toEqual(["On-failure destination lacks sns:Publish"]);
    expect(async[0]?.detail).toContain(`${fn}:1`);
    expect(async[0]?.remediation).toContain("old-role");
  });

  it("a denied ListFunctionEventInvokeConfigs is recorded, and that function's destinations are unknown, not clean", async () => {
    const refunds = "arn:aws:lambda:us-east-1:123456789012:function:refund-processor";
    const before = analyzeSnapshot(parseSnapshot(demo)).findings.filter((f) => f.function === refunds).map((f) => f.rule);
    expect(before).toContain("async-target-permission-missing");
    await serve(demo, { faults: { accessDenied: [{ operation: "ListFunctionEventInvokeConfigs", target: refunds }] } });
    const { snapshot } = await scanAccount({ regions: demoRegions });
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ region: "us-east-1", operation: "ListFunctionEventInvokeConfigs", target: refunds, code: "AccessDeniedException" }));
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.find((f) => f.arn === refunds)?.unknown).toContain("ListFunctionEventInvokeConfigs: AccessDeniedException");
    const mine = report.findings.filter((f) => f.function === refunds);
    expect(mine.map((f) => f.rule)).not.toContain("async-target-permission-missing");
    expect(mine.find((f) => f.rule === "data-unavailable")?.detail).toContain("async-target-permission-missing");
    expect(mine.find((f) => f.rule === "data-unavailable")?.remediation).toContain("lambda:ListFunctionEventInvokeConfigs");
  });

  it("rebuilds the demo account exactly (recorded errors included) and counts every call", async () => {
    const ep = await serve(demo);
    const progress: number[] = [];
    const { snapshot, stats } = await scanAccount({ regions: demoRegions, onProgress: (p) => progress.push(p.functionsDone) });
    expect(comparable(snapshot)).toEqual(comparable(parseSnapshot(demo)));
    expect(snapshot.errors.length).toBeGreaterThan(0); // the demo's denied GetPolicy came back as an error
    // Counted calls are the calls the endpoint saw, per operation.
    expect(stats.callsByOperation).toEqual(ep.countByOperation());
    expect(stats.calls).toBe(ep.calls.length);
    const fnCount = demoRegions.reduce((n, r) => n + (demo.regions?.[r]?.ListFunctions?.Functions?.length ?? 0), 0);
    const aliasCount = demoRegions.reduce(
      (n, r) => n + Object.values(demo.regions?.[r]?.ListAliases ?? {}).reduce((m, a) => m + (a.Aliases?.length ?? 0), 0),
      0,
    );
    const versionCount = demoRegions.reduce(
      (n, r) => n + Object.values((demo.regions?.[r] as { ListVersionsByFunction?: Record<string, { Versions: unknown[] }> }).ListVersionsByFunction ?? {}).reduce((m, v) => m + v.Versions.length, 0),
      0,
    );
    expect(versionCount).toBeGreaterThan(0); // the demo publishes versions, so their policies are asked for
    expect(stats.callsByOperation.ListAliases).toBe(fnCount);
    expect(stats.callsByOperation.ListVersionsByFunction).toBe(fnCount);
    // One GetPolicy per function, per alias and per published version (add-permission --qualifier 4 lives there).
    expect(stats.callsByOperation.GetPolicy).toBe(fnCount + aliasCount + versionCount);
    // Async settings of every qualifier in one list per function (fewer than 50 configs each), none asked one by one.
    expect(stats.callsByOperation.ListFunctionEventInvokeConfigs).toBe(fnCount);
    expect(stats.callsByOperation.GetFunctionEventInvokeConfig).toBeUndefined();
    // GetFunction for container-image functions only (it hands out a code URL, never kept): the image URI is nowhere else.
    const imageCount = demoRegions.reduce((n, r) => n + (demo.regions?.[r]?.ListFunctions?.Functions ?? []).filter((f) => f.PackageType === "Image").length, 0);
    expect(imageCount).toBeGreaterThan(0);
    expect(stats.callsByOperation.GetFunction).toBe(imageCount);
    // The state AWS reports, once per function, by GetFunctionConfiguration.
    expect(stats.callsByOperation.GetFunctionConfiguration).toBe(fnCount);
    // The tags, once per function with its unqualified ARN (they are the function's, shared by its aliases and versions).
    expect(stats.callsByOperation.ListTags).toBe(fnCount);
    expect(progress.at(-1)).toBe(fnCount);
  });

  it("collects every item across pages when the service returns one or two items per page", async () => {
    const synthetic = generateSyntheticSnapshot({ functions: 40, roles: 25, regions: ["us-east-1", "eu-west-1"], seed: 3 });
    const ep = await serve(synthetic, { pageSize: 2 });
    const { snapshot } = await scanAccount({ regions: ["us-east-1", "eu-west-1"] });
    delete snapshot.sts; // the synthetic account has no caller identity; the scan always reads one
    const expected = parseSnapshot(synthetic);
    expect(comparable(snapshot)).toEqual(comparable(expected));
    const counts = ep.countByOperation();
    const fns = expected.regions["us-east-1"]!.ListFunctions!.Functions.length + expected.regions["eu-west-1"]!.ListFunctions!.Functions.length;
    expect(fns).toBe(40);
    expect(counts.ListFunctions).toBe(Math.ceil(expected.regions["us-east-1"]!.ListFunctions!.Functions.length / 2) + Math.ceil(expected.regions["eu-west-1"]!.ListFunctions!.Functions.length / 2));
    const iamItems = expected.iam!.GetAccountAuthorizationDetails.RoleDetailList!.length + expected.iam!.GetAccountAuthorizationDetails.Policies.length;
    expect(counts.GetAccountAuthorizationDetails).toBe(Math.ceil(iamItems / 2));
    expect(snapshot.errors).toEqual([]);
  });

  it("keeps a Kafka mapping's schema registry as Lambda returns it, through the real SDK, and judges what it needs", async () => {
    const { SnapshotBuilder } = await import("@/lib/snapshot/fixtures/builder");
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
    const fn = b.fn({ region: "us-east-1", name: "orders", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const secret = b.arn("secretsmanager", "us-east-1", "secret:registry-AbCdEf");
    b.esm({ functionArn: fn, sourceArn: b.arn("kafka", "us-east-1", "cluster/events/abc-1"), topics: ["orders"], schemaRegistry: { uri: b.arn("glue", "us-east-1", "registry/orders") } });
    b.esm({
      functionArn: fn,
      selfManagedKafka: { bootstrapServers: ["b1:9092"] },
      topics: ["orders"],
      schemaRegistry: { uri: "https://registry.example.com", accessConfigs: [{ Type: "BASIC_AUTH", URI: secret }] },
    });
    const built = b.build();
    await serve(built);
    const { snapshot } = await scanAccount({ regions: ["us-east-1"] });
    const registries = (s: unknown) =>
      ((s as Snapshot).regions["us-east-1"]?.ListEventSourceMappings?.EventSourceMappings ?? []).map((m) => {
        const { AmazonManagedKafkaEventSourceConfig: msk, SelfManagedKafkaEventSourceConfig: kafka } = m as Record<string, { SchemaRegistryConfig?: unknown } | undefined>;
        return (msk ?? kafka)?.SchemaRegistryConfig;
      });
    expect(registries(snapshot)).toEqual(registries(built));
    expect(registries(snapshot).every((r) => r !== undefined)).toBe(true);
    const details = analyzeSnapshot(snapshot).findings.filter((f) => f.rule === "event-source-missing-permissions").map((f) => f.detail);
    expect(details).toContainEqual(expect.stringContaining(`glue:GetRegistry on ${b.arn("glue", "us-east-1", "registry/orders")} is not allowed`));
    expect(details).toContainEqual(expect.stringContaining(`secretsmanager:GetSecretValue on ${secret} is not allowed`));
  });

  it("still reads the policies of the versions aliases route to when listing the versions fails", async () => {
    const { SnapshotBuilder } = await import("@/lib/snapshot/fixtures/builder");
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
    const fn = b.fn({ region: "us-east-1", name: "busy", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    for (let v = 1; v <= 3; v++) b.version(fn, String(v));
    b.alias(fn, "live", "2");
    b.permission(fn, { sid: "public-v2", principal: "*", qualifier: "2" });
    const ep = await serve(b.build(), { faults: { accessDenied: [{ operation: "ListVersionsByFunction" }] } });
    const { snapshot } = await scanAccount({ regions: ["us-east-1"] });
    expect(ep.calls.filter((c) => c.operation === "GetPolicy").map((c) => c.target).sort()).toEqual([fn, `${fn}:2`, `${fn}:live`].sort());
    expect(Object.keys(snapshot.regions["us-east-1"]!.GetPolicy ?? {})).toContain(`${fn}:2`);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions[0]!.unknown.some((u) => u.startsWith("ListVersionsByFunction"))).toBe(true);
    expect(report.findings.filter((f) => f.rule === "public-invoke").map((f) => f.title)).toEqual(["Anyone can invoke busy:2"]);
  });

  it("refuses credentials of a partition the snapshot format does not cover before reading anything else", async () => {
    const input = structuredClone(demo);
    input.sts = { GetCallerIdentity: { Account: "123456789012", Arn: "arn:aws-iso:iam::123456789012:user/auditor", UserId: "AIDAX" } };
    const ep = await serve(input);
    await expect(scanAccount({ regions: demoRegions })).rejects.toThrow(/^The credentials are for partition aws-iso \(arn:aws-iso:iam::123456789012:user\/auditor\); the snapshot format covers aws, aws-cn, aws-us-gov only\.$/);
    expect(ep.countByOperation()).toEqual({ GetCallerIdentity: 1 });
  });

  it("keeps the IAM pages read before one failed: marked truncated, the error recorded, the roles it has still analysed", async () => {
    const synthetic = generateSyntheticSnapshot({ functions: 20, roles: 12, regions: ["us-east-1"], seed: 3 });
    const gaad = synthetic.iam!.GetAccountAuthorizationDetails;
    const pageSize = gaad.RoleDetailList!.length; // the first page holds every role, later pages the managed policies
    await serve(synthetic, { pageSize, faults: { accessDenied: [{ operation: "GetAccountAuthorizationDetails", target: "later-page" }] } });
    const { snapshot } = await scanAccount({ regions: ["us-east-1"] });
    const kept = snapshot.iam?.GetAccountAuthorizationDetails as { RoleDetailList?: unknown[]; IsTruncated?: boolean } | undefined;
    expect(kept?.RoleDetailList).toHaveLength(pageSize);
    expect(kept?.IsTruncated).toBe(true);
    expect(snapshot.errors.map((e) => `${e.operation}: ${e.code}`)).toEqual(["GetAccountAuthorizationDetails: AccessDenied"]);
    const report = analyzeSnapshot(snapshot);
    // Partial IAM: every function says so, none reads its role as deleted, and the roles read still have reach lists.
    expect(report.functions.every((f) => f.unknown.some((u) => u.startsWith("GetAccountAuthorizationDetails")))).toBe(true);
    expect(report.findings.filter((f) => f.rule === "execution-role-missing")).toEqual([]);
    expect(report.functions.reduce((n, f) => n + f.reaches.length, 0)).toBeGreaterThan(0);
  });

  it("reads IAM users and groups (the Filter asks for them) across pages, documents in each of the three encodings", async () => {
    const synthetic = generateSyntheticSnapshot({ functions: 4, roles: 3, regions: ["us-east-1"], seed: 5 });
    const account = synthetic.account;
    const invoke = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" }] };
    const users = ["ci-deploy", "alice", "bob"].map((name, i) => ({
      UserName: name,
      UserId: `AIDATEST${i}`,
      Arn: `arn:aws:iam::${account}:user/${name}`,
      Path: "/",
      CreateDate: "2026-01-01T00:00:00Z",
      GroupList: i === 0 ? ["deployers"] : [],
      AttachedManagedPolicies: [],
      // An object, a JSON string and a URL-encoded string: snapshot.md accepts all three.
      UserPolicyList: [{ PolicyName: `p${i}`, PolicyDocument: [invoke, JSON.stringify(invoke), encodeURIComponent(JSON.stringify(invoke))][i] }],
      Tags: [{ Key: "team", Value: "ci" }],
    }));
    const groups = ["deployers", "auditors"].map((name, i) => ({
      GroupName: name,
      GroupId: `AGPATEST${i}`,
      Arn: `arn:aws:iam::${account}:group/${name}`,
      Path: "/",
      CreateDate: "2026-01-01T00:00:00Z",
      GroupPolicyList: [{ PolicyName: "invoke", PolicyDocument: invoke }],
      AttachedManagedPolicies: [],
    }));
    const gaad = synthetic.iam!.GetAccountAuthorizationDetails;
    const input: SnapshotInput = { ...synthetic, iam: { GetAccountAuthorizationDetails: { ...gaad, UserDetailList: users, GroupDetailList: groups } } };
    const ep = await serve(input, { pageSize: 2 });
    const { snapshot } = await scanAccount({ regions: ["us-east-1"] });
    delete snapshot.sts;
    expect(comparable(snapshot)).toEqual(comparable(parseSnapshot(input)));
    expect(snapshot.iam?.GetAccountAuthorizationDetails.UserDetailList?.map((u) => u.UserName)).toEqual(["ci-deploy", "alice", "bob"]);
    expect(snapshot.iam?.GetAccountAuthorizationDetails.GroupDetailList?.map((g) => g.GroupName)).toEqual(["deployers", "auditors"]);
    expect(snapshot.iam?.GetAccountAuthorizationDetails.UserDetailList?.[0]?.GroupList).toEqual(["deployers"]);
    const iamItems = users.length + groups.length + gaad.RoleDetailList!.length + (gaad.Policies ?? []).length;
    expect(ep.countByOperation().GetAccountAuthorizationDetails).toBe(Math.ceil(iamItems / 2));
  });

  it("with 20% injected throttling and 5xx, the snapshot is identical to a clean run", async () => {
    // Small account: adaptive retry mode slows the client on every throttle (as designed), so random throttling
    // at 10% makes each call cost seconds; 12 functions keep this test around 15 s.
    const small = generateSyntheticSnapshot({ functions: 12, roles: 8, regions: ["us-east-1", "eu-west-1"], seed: 5 });
    await serve(small);
    const clean = (await scanAccount({ regions: ["us-east-1", "eu-west-1"] })).snapshot;
    const ep = await serve(small, { faults: { throttleRate: 0.1, serverErrorRate: 0.1, seed: 11 } });
    const { snapshot, stats } = await scanAccount({ regions: ["us-east-1", "eu-west-1"] });
    const isThrottle = (c: { status: number; service: string }) => c.status === 429 || (c.status === 400 && c.service !== "lambda");
    const throttled = ep.calls.filter(isThrottle).length;
    const failed5xx = ep.calls.filter((c) => c.status >= 500).length;
    expect(throttled).toBeGreaterThan(0);
    expect(failed5xx).toBeGreaterThan(0);
    expect(stats.retried).toBe(throttled + failed5xx);
    expect(snapshot.errors).toEqual([]);
    expect({ ...snapshot, capturedAt: "" }).toEqual({ ...clean, capturedAt: "" });
  }, 120_000);

  it("records AccessDenied in errors, goes on, and analysis marks those functions unknown", async () => {
    const victim = demo.regions!["us-east-1"]!.ListFunctions!.Functions![0]!.FunctionArn as string;
    await serve(demo, {
      faults: {
        accessDenied: [
          { operation: "GetPolicy", target: victim },
          { operation: "ListEventSourceMappings", region: "eu-west-1" },
        ],
      },
    });
    const { snapshot } = await scanAccount({ regions: demoRegions });
    const denied = snapshot.errors.filter((e) => e.code === "AccessDeniedException");
    expect(denied).toContainEqual(expect.objectContaining({ region: "us-east-1", operation: "GetPolicy", target: victim }));
    expect(denied).toContainEqual(expect.objectContaining({ region: "eu-west-1", operation: "ListEventSourceMappings" }));
    expect(snapshot.regions["us-east-1"]!.GetPolicy?.[victim]).toBeUndefined();
    // The rest was still read.
    expect(snapshot.regions["eu-west-1"]!.ListFunctions!.Functions.length).toBe(demo.regions!["eu-west-1"]!.ListFunctions!.Functions!.length);

    const report = analyzeSnapshot(snapshot);
    const fn = report.functions.find((f) => f.arn === victim);
    expect(fn?.unknown).toContain("GetPolicy: AccessDeniedException");
    const euFunctions = report.functions.filter((x) => x.region === "eu-west-1");
    expect(euFunctions.length).toBeGreaterThan(0);
    for (const f of euFunctions) {
      expect(f.unknown).toContain("ListEventSourceMappings: AccessDeniedException");
    }
  });

  it("reads the encryption of every queue a function uses (trigger, dead-letter queue, destination) once, at the configured endpoint", async () => {
    const ep = await serve(demo);
    const { snapshot, stats } = await scanAccount({ regions: demoRegions });
    const asked = ep.calls.filter((c) => c.operation === "GetQueueAttributes");
    // Each call reached this endpoint (not the sqs.<region>.amazonaws.com host of its queue URL) and named its queue.
    expect(asked.map((c) => `${c.service} ${c.region} ${c.status}`)).toEqual(asked.map((c) => `sqs ${c.target?.split(":")[3]} 200`));
    const queues = asked.map((c) => c.target).sort();
    expect(new Set(queues).size).toBe(queues.length);
    expect(stats.callsByOperation.GetQueueAttributes).toBe(queues.length);
    const us = snapshot.regions["us-east-1"]!.GetQueueAttributes as Record<string, { Attributes?: Record<string, string> }>;
    for (const name of ["orders-queue", "email-sender-dlq", "payment-reconciler-failures", "clickstream-failed-batches"]) {
      expect(queues).toContain(`arn:aws:sqs:us-east-1:123456789012:${name}`);
      expect(us[`arn:aws:sqs:us-east-1:123456789012:${name}`]?.Attributes).toHaveProperty("SqsManagedSseEnabled");
    }
  });

  it("a denied or failed GetQueueAttributes becomes an error naming the queue; the rest of the scan goes on", async () => {
    const orders = "arn:aws:sqs:us-east-1:123456789012:orders-queue";
    const gone = "arn:aws:sqs:eu-west-1:123456789012:eu-returns-queue";
    const withoutOne = structuredClone(demo);
    delete (withoutOne.regions!["eu-west-1"] as { GetQueueAttributes?: Record<string, unknown> }).GetQueueAttributes![gone];
    await serve(withoutOne, { faults: { accessDenied: [{ operation: "GetQueueAttributes", target: orders }] } });
    const { snapshot } = await scanAccount({ regions: demoRegions });
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ region: "us-east-1", operation: "GetQueueAttributes", target: orders, code: "AccessDenied" }));
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ region: "eu-west-1", operation: "GetQueueAttributes", target: gone, code: "QueueDoesNotExist" }));
    expect((snapshot.regions["us-east-1"]!.GetQueueAttributes as Record<string, unknown>)[orders]).toBeUndefined();
    expect(Object.keys(snapshot.regions["us-east-1"]!.GetQueueAttributes as Record<string, unknown>).length).toBeGreaterThan(3);
  });

  it("a stream's summary is read once per stream, at the configured endpoint, by its ARN; an enhanced fan-out consumer's stream is read, not the consumer", async () => {
    const { SnapshotBuilder } = await import("@/lib/snapshot/fixtures/builder");
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
    const role = b.role({ name: "r" });
    const stream = b.arn("kinesis", "eu-west-1", "stream/orders");
    const other = b.arn("kinesis", "eu-west-1", "stream/clicks");
    const a = b.fn({ region: "eu-west-1", name: "a", runtime: "nodejs22.x", role });
    const c = b.fn({ region: "eu-west-1", name: "c", runtime: "nodejs22.x", role });
    b.esm({ functionArn: a, sourceArn: `${stream}/consumer/a-reader:1765000000` });
    b.esm({ functionArn: c, sourceArn: stream });
    b.esm({ functionArn: c, sourceArn: other });
    b.streamEncryption(stream, { kmsKeyId: "alias/orders" });
    b.streamEncryption(other);
    const fixture = b.build();
    const ep = await serve(fixture);
    const { snapshot, stats } = await scanAccount({ regions: ["eu-west-1"] });
    const asked = ep.calls.filter((c) => c.operation === "DescribeStreamSummary");
    expect(asked.map((c) => `${c.service} ${c.region} ${c.target} ${c.status}`).sort()).toEqual([`kinesis eu-west-1 ${other} 200`, `kinesis eu-west-1 ${stream} 200`]);
    expect(stats.callsByOperation.DescribeStreamSummary).toBe(2);
    const read = snapshot.regions["eu-west-1"]!.DescribeStreamSummary as Record<string, { StreamDescriptionSummary: Record<string, unknown> }>;
    expect(Object.keys(read)).toEqual([other, stream]);
    expect(read[stream]?.StreamDescriptionSummary).toMatchObject({ StreamARN: stream, EncryptionType: "KMS", KeyId: "alias/orders" });
    expect(read[other]?.StreamDescriptionSummary).toMatchObject({ EncryptionType: "NONE" });
    // The whole answer comes back as the API gave it, timestamps included.
    expect(comparable(snapshot).regions["eu-west-1"]?.DescribeStreamSummary).toEqual(parseSnapshot(fixture).regions["eu-west-1"]?.DescribeStreamSummary);
  });

  it("a denied or failed DescribeStreamSummary becomes an error naming the stream; the rest of the scan goes on", async () => {
    const clickstream = "arn:aws:kinesis:us-east-1:123456789012:stream/clickstream";
    const gone = "arn:aws:kinesis:eu-west-1:123456789012:stream/consent-events";
    const withoutOne = structuredClone(demo);
    delete (withoutOne.regions!["eu-west-1"] as { DescribeStreamSummary?: Record<string, unknown> }).DescribeStreamSummary![gone];
    await serve(withoutOne, { faults: { accessDenied: [{ operation: "DescribeStreamSummary", target: clickstream }] } });
    const { snapshot } = await scanAccount({ regions: demoRegions });
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ region: "us-east-1", operation: "DescribeStreamSummary", target: clickstream, code: "AccessDeniedException" }));
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ region: "eu-west-1", operation: "DescribeStreamSummary", target: gone, code: "ResourceNotFoundException" }));
    const us = snapshot.regions["us-east-1"]!.DescribeStreamSummary as Record<string, unknown>;
    expect(us[clickstream]).toBeUndefined();
    expect(Object.keys(us)).toEqual(["arn:aws:kinesis:us-east-1:123456789012:stream/shipment-events"]);
    expect(snapshot.regions["eu-west-1"]!.DescribeStreamSummary).toBeUndefined();
  });

  it.each([
    { service: "SQS", map: "GetQueueAttributes", collect: (c: ReturnType<typeof createScanClients>) => c.sqs, read: collectQueueAttributes },
    { service: "Kinesis", map: "DescribeStreamSummary", collect: (c: ReturnType<typeof createScanClients>) => c.kinesis, read: collectStreamSummaries },
  ] as const)("retries throttled and failed $service calls (throttling error, 5xx) until every resource is read", async ({ map, collect, read }) => {
    const arns = Object.keys((demo.regions!["us-east-1"] as Record<string, Record<string, unknown>>)[map]!);
    expect(arns.length).toBeGreaterThan(1);
    const ep = await serve(demo, { faults: { throttleRate: 0.3, serverErrorRate: 0.2, seed: 4 } });
    const stats = newCallStats();
    const clients = createScanClients({ stats });
    const errors: unknown[] = [];
    try {
      const got = await read(collect(clients) as never, arns, "us-east-1", (e) => errors.push(e));
      expect(errors).toEqual([]);
      expect(Object.keys(got).sort()).toEqual([...arns].sort());
      const retried = ep.calls.filter((c) => c.status !== 200);
      expect(retried.some((c) => c.status === 400)).toBe(true);
      expect(retried.some((c) => c.status >= 500)).toBe(true);
      expect(stats.retriable).toBe(retried.length);
    } finally {
      clients.destroy();
    }
  }, 60_000);

  it("never keeps an environment variable value", async () => {
    const withSecrets = structuredClone(demo);
    const fns = withSecrets.regions!["us-east-1"]!.ListFunctions!.Functions!;
    fns[0]!.Environment = { Variables: { DB_PASSWORD: "hunter2-super-secret-value", STAGE: "prod-stage-value-xyz" } };
    await serve(withSecrets);
    const { snapshot } = await scanAccount({ regions: demoRegions });
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain("hunter2-super-secret-value");
    expect(text).not.toContain("prod-stage-value-xyz");
    const scanned = snapshot.regions["us-east-1"]!.ListFunctions!.Functions.find((f) => f.FunctionArn === fns[0]!.FunctionArn);
    expect(scanned?.Environment?.Variables).toEqual({ DB_PASSWORD: "<redacted>", STAGE: "<redacted>" });
  });

  it("redacts environment values as each function, version and configuration arrives, before the final parse (which redacts again)", async () => {
    const withSecrets = structuredClone(demo);
    const us = withSecrets.regions!["us-east-1"]! as { ListFunctions?: { Functions?: { FunctionArn?: string; Environment?: unknown }[] }; GetFunctionConfiguration?: Record<string, unknown>; ListVersionsByFunction?: Record<string, { Versions: { Environment?: unknown }[] }> };
    const fns = us.ListFunctions!.Functions!;
    fns[0]!.Environment = { Variables: { DB_PASSWORD: "hunter2-super-secret-value" } };
    fns[1]!.Environment = { Variables: { API_TOKEN: "token-on-another-page-xyz" } };
    // GetFunctionConfiguration then answers with the listed configuration, environment included (test/aws-endpoint/lambda.ts).
    delete us.GetFunctionConfiguration![fns[0]!.FunctionArn!];
    // A published version keeps the environment it was published with, values and all.
    const [versioned, listed] = Object.entries(us.ListVersionsByFunction!)[0]!;
    listed.Versions[0]!.Environment = { Variables: { OLD_SECRET: "kept-by-version-xyz" } };
    await serve(withSecrets, { pageSize: 1 }); // each function on its own ListFunctions page
    const clients = createScanClients({ stats: newCallStats() });
    const progress: ScanProgress = { regionsTotal: 1, regionsDone: 0, functionsTotal: 0, functionsDone: 0, calls: 0, errors: 0, retried: 0, accountWideDone: false };
    const errors: string[] = [];
    try {
      const held = await collectRegion((op) => clients.lambda("us-east-1", op), "us-east-1", (e) => errors.push(e.operation), progress, () => undefined);
      expect(errors).not.toContain("ListFunctions");
      expect(held.ListFunctions?.Functions).toHaveLength(fns.length);
      const text = JSON.stringify(held);
      expect(text).not.toContain("hunter2-super-secret-value");
      expect(text).not.toContain("token-on-another-page-xyz");
      const byArn = new Map(held.ListFunctions!.Functions.map((f) => [f.FunctionArn, f]));
      expect(byArn.get(fns[0]!.FunctionArn)?.Environment?.Variables).toEqual({ DB_PASSWORD: "<redacted>" });
      expect(byArn.get(fns[1]!.FunctionArn)?.Environment?.Variables).toEqual({ API_TOKEN: "<redacted>" });
      expect(text).not.toContain("kept-by-version-xyz");
      expect(held.ListVersionsByFunction[versioned]?.Versions[0]?.Environment?.Variables).toEqual({ OLD_SECRET: "<redacted>" });
      expect((held.GetFunctionConfiguration[fns[0]!.FunctionArn!] as { Environment?: unknown }).Environment).toEqual({ Variables: { DB_PASSWORD: "<redacted>" } });
    } finally {
      clients.destroy();
    }
  });

  it("sends only read-only operations (seen at the endpoint and counted by the SDK middleware)", async () => {
    const ep = await serve(demo);
    const { stats } = await scanAccount({ regions: "all" });
    const seen = [...new Set(ep.calls.map((c) => c.operation))].sort();
    expect(seen).toContain("DescribeRegions");
    expect(seen).toEqual(stats.operations);
    for (const op of seen) expect(op).toMatch(READ_ONLY);
    // Every service the scan has a client for is reached here (its endpoint name: EFS signs as elasticfilesystem), so
    // a client added for a service the demo does not reach cannot send unchecked. (IAM's GetPolicy and GetPolicyVersion,
    // for policies GetAccountAuthorizationDetails leaves out, are checked in managed-policies.test.ts.)
    const clientPackages = [...readFileSync(path.join(root, "lib/aws/clients.ts"), "utf8").matchAll(/from "@aws-sdk\/client-([a-z0-9-]+)"/g)].map((m) => m[1]!);
    const endpointName = (pkg: string) => (pkg === "efs" ? "elasticfilesystem" : pkg);
    expect(clientPackages.length).toBeGreaterThan(5);
    expect([...new Set(ep.calls.map((c) => c.service))].sort()).toEqual([...new Set(clientPackages.map(endpointName))].sort());
    // Function URLs come from the List form, which SecurityAudit allows (lambda:List*); it has no GetFunctionUrlConfig.
    expect(seen).toContain("ListFunctionUrlConfigs");
    expect(seen).not.toContain("GetFunctionUrlConfig");
    // Queue encryption comes from GetQueueAttributes on the queue URL built from its ARN: no GetQueueUrl, no ListQueues.
    expect(seen).toContain("GetQueueAttributes");
    expect(seen.filter((op) => op.includes("Queue"))).toEqual(["GetQueueAttributes"]);
    // Stream encryption comes from DescribeStreamSummary alone: no DescribeStream (which pages through shards), no ListStreams.
    expect(seen.filter((op) => op.includes("Stream"))).toEqual(["DescribeStreamSummary"]);
    // docs/scan.md's read-only policy allows every call the scan makes (the List form where Lambda has one).
    const policy = readFileSync(path.join(root, "docs/scan.md"), "utf8");
    const actions = new Set(ep.calls.filter((c) => c.operation !== "GetCallerIdentity").map((c) => `"${c.service}:${c.operation}"`));
    for (const action of actions) expect(policy, action).toContain(action);

    // With GetAccountAuthorizationDetails refused, the execution roles are read one by one (role-reads.ts): those
    // calls are read-only and in the policy too.
    const fallback = await serve(demo, { faults: { accessDenied: [{ operation: "GetAccountAuthorizationDetails" }] } });
    const { stats: fallbackStats } = await scanAccount({ regions: "all" });
    const fallbackSeen = [...new Set(fallback.calls.map((c) => c.operation))].sort();
    expect(fallbackSeen).toEqual(expect.arrayContaining(["GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies"]));
    expect(fallbackSeen).toEqual(fallbackStats.operations);
    for (const op of fallbackSeen) expect(op).toMatch(READ_ONLY);
    for (const c of fallback.calls.filter((c) => c.service === "iam")) expect(policy, c.operation).toContain(`"iam:${c.operation}"`);
  });

  it("--regions all scans the regions DescribeRegions reports as enabled", async () => {
    await serve(demo);
    const { snapshot } = await scanAccount({ regions: "all" });
    expect(Object.keys(snapshot.regions).sort()).toEqual([...demoRegions].sort());
  });

  it("missing or rejected credentials: one clear sentence, no stack", async () => {
    const ep = await serve(demo, { accessKeyId: "AKIDSOMEONEELSE" });
    const rejected = await scanAccount({ regions: ["us-east-1"] }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(AwsCredentialsError);
    expect((rejected as Error).message).toMatch(/^AWS rejected the credentials .*InvalidClientTokenId/);
    expect(ep.calls.map((c) => c.operation)).toEqual(["GetCallerIdentity"]); // stopped at the first call

    const restore = withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined, AWS_WEB_IDENTITY_TOKEN_FILE: undefined, AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined });
    try {
      const missing = await scanAccount({ regions: ["us-east-1"] }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(AwsCredentialsError);
      expect((missing as Error).message).toMatch(/^No AWS credentials found/);
      expect((missing as Error).message.split("\n")).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it("a --profile in neither shared file is refused before any call, naming the profiles there", async () => {
    const ep = await serve(demo, { accessKeyId: "AKIDPROFILEKEY" });
    const dir = mkdtempSync(path.join(tmpdir(), "lpg-profiles-"));
    writeFileSync(path.join(dir, "config"), "[profile audit]\nregion = us-east-1\n[default]\nregion = eu-west-1\n");
    writeFileSync(path.join(dir, "credentials"), "[audit]\naws_access_key_id = AKIDPROFILEKEY\naws_secret_access_key = secret\n");
    // The environment's keys are still set: the SDK skips them for a named profile, and must not fall back on them.
    const restore = withEnv({ AWS_CONFIG_FILE: path.join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"), AWS_PROFILE: undefined });
    try {
      const refused = await scanAccount({ regions: ["us-east-1"], profile: "adit" }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AwsCredentialsError);
      expect((refused as Error).message).toBe(
        `There is no profile "adit" in ${path.join(dir, "config")} or ${path.join(dir, "credentials")} (the profiles there are audit, default): ` +
          "pass one of them to --profile, or create it (`aws configure --profile adit` or `aws configure sso`).",
      );
      expect(ep.calls).toEqual([]);
      // A mistyped AWS_PROFILE falls through the SDK's chain the same way.
      const restoreProfile = withEnv({ AWS_PROFILE: "adit" });
      try {
        const viaEnv = await scanAccount({ regions: ["us-east-1"] }).catch((e: unknown) => e);
        expect((viaEnv as Error).message).toMatch(/^There is no profile "adit" in .*: pass one of them to AWS_PROFILE, or create it/);
      } finally {
        restoreProfile();
      }
      expect(ep.calls).toEqual([]);
      // The profile that exists is used, with its own keys.
      const { snapshot } = await scanAccount({ regions: ["us-east-1"], profile: "audit" });
      expect(Object.keys(snapshot.regions)).toEqual(["us-east-1"]);
    } finally {
      restore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("listedConfigKey", () => {
  const fn = "arn:aws:lambda:us-east-1:123456789012:function:orders";
  it("keys the function's own config (named …:$LATEST by Lambda) by the function ARN, an alias's or version's by its own", () => {
    expect(listedConfigKey(fn, `${fn}:$LATEST`)).toBe(fn);
    expect(listedConfigKey(fn, fn)).toBe(fn);
    expect(listedConfigKey(fn, `${fn}:7`)).toBe(`${fn}:7`);
    expect(listedConfigKey(fn, `${fn}:live`)).toBe(`${fn}:live`);
  });
  it("a config naming no qualifier of the function has no key (the scan records a gap instead of guessing)", () => {
    expect(listedConfigKey(fn, undefined)).toBeUndefined();
    expect(listedConfigKey(fn, `${fn}-v2:1`)).toBeUndefined();
    expect(listedConfigKey(fn, "arn:aws:lambda:us-east-1:123456789012:function:other")).toBeUndefined();
  });
});

describe("read-only by construction", () => {
  it("lib/aws imports only List/Get/Describe commands and paginators (plus GetAccountAuthorizationDetails/GetCallerIdentity)", async () => {
    const dir = path.join(root, "lib/aws");
    const names = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const text = readFileSync(path.join(dir, file), "utf8");
      for (const m of text.matchAll(/\b([A-Z][A-Za-z0-9]*)Command\b/g)) names.add(m[1]!);
      for (const m of text.matchAll(/\bpaginate([A-Z][A-Za-z0-9]*)\b/g)) names.add(m[1]!);
      // Nothing else may send: no raw `send(` on something that is not a Command.
      for (const m of text.matchAll(/\.send\(\s*new\s+([A-Za-z0-9]+)\(/g)) expect(m[1]).toMatch(/Command$/);
    }
    expect(names.size).toBeGreaterThan(5);
    for (const n of names) expect(n).toMatch(READ_ONLY);
    // A client's aggregated form (`new Lambda().deleteFunction()`) sends without naming a Command: only Commands,
    // Clients, paginators and types may come from the SDK's service packages, and never the whole package.
    for (const { file, name } of sdkValueImports(dir)) expect(name, `${file} imports ${name}`).toMatch(/^([A-Z][A-Za-z0-9]*(Command|Client)|paginate[A-Z][A-Za-z0-9]*)$/);
    // And no other folder imports the SDK.
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync("grep", ["-rl", "--include=*.ts", "--include=*.tsx", "@aws-sdk/", "lib", "app", "components", "cli"], { cwd: root, encoding: "utf8" }).trim().split("\n");
    for (const f of out) expect(f.startsWith("lib/aws/")).toBe(true);
  });
});

/** Each value (not `type`) a lib/aws source imports from an `@aws-sdk/client-*` package; "*" for a namespace or default import. */
function sdkValueImports(dir: string): { file: string; name: string }[] {
  const out: { file: string; name: string }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    const text = readFileSync(path.join(dir, file), "utf8");
    for (const m of text.matchAll(/import\s+(type\s+)?([^;]*?)\s+from\s+["']@aws-sdk\/client-[a-z0-9-]+["']/g)) {
      if (m[1]) continue;
      const clause = m[2]!;
      const named = /^\{([^}]*)\}$/.exec(clause.trim());
      if (!named) {
        out.push({ file, name: "*" });
        continue;
      }
      for (const part of named[1]!.split(",").map((x) => x.trim()).filter(Boolean)) {
        if (!part.startsWith("type ")) out.push({ file, name: part.split(/\s+as\s+/)[0]! });
      }
    }
  }
  return out;
}

beforeAll(() => undefined);
afterAll(() => undefined);
