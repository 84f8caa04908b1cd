/**
 * Pages that lead nowhere (pages.ts): a page that says more follow but gives no token, and a token handed back
 * unchanged. The SDK's paginators end quietly on the first and loop on the second; the scan must record the list as
 * incomplete instead, so the analysis says unknown rather than judging part of a list as all of it.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { scanAccount } from "./collect";
import { allPages, pagedItems } from "./pages";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { rolesOfQualified } from "@/lib/analysis/runs-as";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { lambdaError } from "@/test/aws-endpoint/lambda";

const root = path.resolve(__dirname, "../..");
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();

async function* pagesOf<P>(...pages: P[]): AsyncGenerator<P> {
  for (const p of pages) yield p;
}

async function read<P extends object>(pages: AsyncIterable<P>): Promise<{ read: P[]; error?: Error }> {
  const out: P[] = [];
  try {
    for await (const page of allPages(pages)) out.push(page);
    return { read: out };
  } catch (e: unknown) {
    return { read: out, error: e as Error };
  }
}

describe("allPages", () => {
  it("hands on every page of a list that ends as lists end", async () => {
    const r = await read(pagesOf({ n: 1, NextMarker: "a" }, { n: 2, NextMarker: "b" }, { n: 3 }));
    expect(r).toEqual({ read: [{ n: 1, NextMarker: "a" }, { n: 2, NextMarker: "b" }, { n: 3 }] });
    expect(await read(pagesOf({ IsTruncated: false }, { Truncated: false }))).toEqual({ read: [{ IsTruncated: false }, { Truncated: false }] });
  });

  it("throws MalformedResponse after the last page when it says more follow but gives no token (IAM and KMS)", async () => {
    const lasts: object[] = [{ IsTruncated: true }, { Truncated: true }, { IsTruncated: true, Marker: "" }];
    for (const last of lasts) {
      const r = await read(pagesOf<object>({ n: 1, Marker: "a", IsTruncated: true }, last));
      expect(r.read).toHaveLength(2); // what was read is handed on first
      expect(r.error?.name).toBe("MalformedResponse");
      expect(r.error?.message).toBe("the answer said more pages follow but gave no Marker to ask for them");
    }
  });

  it("stops at a token it was given before, without asking for the page again", async () => {
    let asked = 0;
    // Bounded, so a reader that keeps asking fails here (it reads ten pages) rather than hanging the run.
    async function* looping() {
      while (asked < 10) {
        asked++;
        yield { NextMarker: asked === 1 ? "a" : asked === 2 ? "b" : "a" }; // a, b, then a again
      }
    }
    const r = await read(looping());
    expect(r.read).toHaveLength(3);
    expect(asked).toBe(3);
    expect(r.error?.name).toBe("MalformedResponse");
    expect(r.error?.message).toMatch(/page token it had given before/);
  });
});

describe("pagedItems", () => {
  async function* failingAfter<P>(error: Error, ...pages: P[]): AsyncGenerator<P> {
    for (const p of pages) yield p;
    throw error;
  }
  const items = (page: { items: number[] }) => page.items;

  it("gives every item of a list read to its end, with no error", async () => {
    expect(await pagedItems(pagesOf({ items: [1, 2], NextMarker: "a" }, { items: [3] }), items)).toEqual({ items: [1, 2, 3] });
  });

  it("keeps the items of the pages read when a later page fails, with the error and the last page's token for the next", async () => {
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    const r = await pagedItems(failingAfter(throttled, { items: [1, 2], NextToken: "a" }, { items: [3], NextToken: "b" }), items);
    expect(r).toEqual({ items: [1, 2, 3], error: throttled, nextToken: "b" });
    // A first page that fails: nothing read, and no token.
    expect(await pagedItems(failingAfter<{ items: number[] }>(throttled), items)).toEqual({ items: [], error: throttled });
    // A page that says more follow without a token (allPages' MalformedResponse) keeps its items too.
    const cut = await pagedItems(pagesOf({ items: [1], Marker: "a", IsTruncated: true }, { items: [2], IsTruncated: true }), items);
    expect(cut.items).toEqual([1, 2]);
    expect((cut.error as Error).name).toBe("MalformedResponse");
  });
});

describe("the scan on pages that lead nowhere", () => {
  it("GetAccountAuthorizationDetails IsTruncated=true without Marker: IAM is kept as partial, roles on the unread pages are unknown, not deleted", async () => {
    // 84 roles besides users, groups and policies, 40 items a page: the first page says more follow but loses its Marker.
    await serve(demo, {
      pageSize: 40,
      faults: {
        rewrite: (x) =>
          x.operation === "GetAccountAuthorizationDetails" && !new URLSearchParams(x.body).get("Marker")
            ? { body: x.answer.body.replace(/<Marker>[^<]*<\/Marker>/, "") }
            : undefined,
      },
    });
    const { snapshot } = await scanAccount({ regions: ["us-east-1", "eu-west-1"] });
    const gaad = snapshot.iam!.GetAccountAuthorizationDetails as Record<string, unknown>;
    expect((gaad.RoleDetailList as unknown[]).length).toBeLessThan(84);
    expect(gaad.IsTruncated).toBe(true); // as a list cut short by a failed page is kept
    expect(snapshot.errors).toContainEqual({
      operation: "GetAccountAuthorizationDetails",
      code: "MalformedResponse",
      message: "the answer said more pages follow but gave no Marker to ask for them",
    });
    const report = analyzeSnapshot(snapshot);
    expect(report.findings.filter((f) => f.rule === "execution-role-missing")).toEqual([]);
    expect(report.functions.some((f) => f.unknown.some((u) => u.startsWith("GetAccountAuthorizationDetails: MalformedResponse")))).toBe(true);
  });

  it("ListGrants Truncated=true without NextMarker: the grants read are kept beside a MalformedResponse, never as the whole list", async () => {
    const A = "123456789012";
    const R = "us-east-1";
    const KEY = `arn:aws:kms:${R}:${A}:key/1f2e3d4c-5b6a-4789-8abc-0123456789ab`;
    const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-20T09:30:00Z" });
    b.fn({ region: R, name: "worker", runtime: "nodejs22.x", role: b.role({ name: "worker-role" }), env: ["A"], kmsKeyArn: KEY });
    const grants = Array.from({ length: 4 }, (_, i) => ({ GrantId: `grant-${i}`, GranteePrincipal: `arn:aws:iam::${A}:role/other-${i}`, Operations: ["Decrypt"] }));
    b.kmsKey({ arn: KEY, policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" }] }, grants });
    await serve(b.build(), {
      pageSize: 2,
      faults: {
        rewrite: (x) => {
          if (x.operation !== "ListGrants" || x.answer.status !== 200) return undefined;
          const { NextMarker: _dropped, ...rest } = JSON.parse(x.answer.body) as Record<string, unknown>; // Truncated stays true
          return { body: JSON.stringify(rest) };
        },
      },
    });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.regions[R]?.ListGrants?.[KEY]?.Grants?.map((g) => (g as { GrantId?: string }).GrantId)).toEqual(["grant-0", "grant-1"]);
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ region: R, operation: "ListGrants", target: KEY, code: "MalformedResponse" }));
    expect(buildAccountModel(snapshot).kms.keys.get(KEY)?.grantsUnread).toMatch(/^the grants of .* past those listed \(ListGrants failed: MalformedResponse\)$/);
  });

  it("a ListFunctions page that hands back the Marker it was sent ends the list with an error, not an endless loop", async () => {
    const ep = await serve(demo, {
      pageSize: 10,
      faults: {
        rewrite: (x) => {
          const marker = x.operation === "ListFunctions" ? x.url.searchParams.get("Marker") : null;
          return marker ? { body: JSON.stringify({ ...(JSON.parse(x.answer.body) as object), NextMarker: marker }) } : undefined;
        },
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      scanAccount({ regions: ["eu-west-1"] }),
      new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), 10_000))),
    ]).finally(() => clearTimeout(timer));
    expect(outcome, `${ep.countByOperation().ListFunctions} ListFunctions pages read`).not.toBe("hung");
    const { snapshot } = outcome as Awaited<ReturnType<typeof scanAccount>>;
    expect(ep.countByOperation().ListFunctions).toBe(2); // the second page repeats the first's token: not asked again
    expect(snapshot.regions["eu-west-1"]?.ListFunctions?.Functions).toHaveLength(18); // both pages' functions, once each
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ region: "eu-west-1", operation: "ListFunctions", code: "MalformedResponse" }));
    const gap = analyzeSnapshot(snapshot).findings.find((f) => f.rule === "data-unavailable" && f.title.includes("eu-west-1"));
    expect(gap?.title).toBe("Not every function in eu-west-1 could be listed (MalformedResponse)");
  }, 20_000);
});

describe("the scan on the services' own page sizes", () => {
  it("reads every event source mapping of a region across Lambda's pages of at most 100", async () => {
    // API reference, ListEventSourceMappings MaxItems: "returns a maximum of 100 items in each response, even if you
    // set the number higher" (the scan asks for 10,000, the parameter's maximum).
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
    const fn = b.fn({ region: "us-east-1", name: "consumer", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    for (let i = 0; i < 150; i++) b.esm({ functionArn: fn, selfManagedKafka: { bootstrapServers: ["b1:9092"] }, topics: [`topic-${i}`] });
    const ep = await serve(b.build());
    const { snapshot } = await scanAccount({ regions: ["us-east-1"] });
    expect(snapshot.regions["us-east-1"]?.ListEventSourceMappings?.EventSourceMappings).toHaveLength(150);
    expect(ep.countByOperation().ListEventSourceMappings).toBe(2);
    expect(snapshot.errors).toEqual([]);
  });

  /**
   * One function whose every per-function list spans three pages of two: aliases a1…a5 (versions 1…5), $LATEST and
   * five published versions, a URL and async settings on the function and each alias. The last URL listed, on the
   * third page, is a5's public one: a list read only to its first page would hide the finding.
   */
  function pagedFunction() {
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
    const fn = b.fn({ region: "us-east-1", name: "orders", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const topic = b.arn("sns", "us-east-1", "order-failures");
    // The topic exists, without a policy: the scan reads it (GetTopicAttributes) and records no error.
    b.topicPolicy(topic, null);
    for (let v = 1; v <= 5; v++) b.version(fn, String(v));
    const aliases = [1, 2, 3, 4, 5].map((v) => b.alias(fn, `a${v}`, String(v)));
    for (const target of [fn, ...aliases]) {
      b.url(target, { authType: target === aliases[4] ? "NONE" : "AWS_IAM" });
      b.eventInvokeConfig(target, { onFailure: topic });
    }
    for (const action of ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"]) {
      b.permission(fn, { sid: action.split(":")[1]!, principal: "*", action, qualifier: "a5", ...(action.endsWith("Url") ? { urlAuthType: "NONE" as const } : {}) });
    }
    return { input: b.build(), fn, aliases };
  }

  it("follows every per-function list (ListAliases, ListVersionsByFunction, ListFunctionUrlConfigs, ListFunctionEventInvokeConfigs) to its last page", async () => {
    const { input, fn, aliases } = pagedFunction();
    const ep = await serve(input, { pageSize: 2 });
    const { snapshot } = await scanAccount({ regions: ["us-east-1"], organizations: false });
    expect(snapshot.errors).toEqual([]);
    const region = snapshot.regions["us-east-1"]!;
    expect(region.ListAliases?.[fn]?.Aliases.map((a) => a.Name)).toEqual(["a1", "a2", "a3", "a4", "a5"]);
    const versions = (region as { ListVersionsByFunction?: Record<string, { Versions: { Version?: string }[] }> }).ListVersionsByFunction?.[fn]?.Versions;
    expect(versions?.map((v) => v.Version)).toEqual(["1", "2", "3", "4", "5"]); // $LATEST, listed first, is the function itself
    expect(Object.keys(region.GetFunctionUrlConfig ?? {})).toEqual([fn, ...aliases]);
    expect(Object.keys(region.GetFunctionEventInvokeConfig ?? {})).toEqual([fn, ...aliases]);
    const counts = ep.countByOperation();
    expect([counts.ListAliases, counts.ListVersionsByFunction, counts.ListFunctionUrlConfigs, counts.ListFunctionEventInvokeConfigs]).toEqual([3, 3, 3, 3]);
    expect(counts.GetPolicy).toBe(1 + 5 + 5); // the function, each alias (from every page), each version
    const open = analyzeSnapshot(snapshot).findings.filter((f) => f.rule === "function-url-public");
    expect(open.map((f) => f.title)).toEqual(["Public function URL: anyone on the internet can call orders:a5"]);
  });

  it("Lambda throttling that outlasts the SDK's retries on a later page is recorded, the pages read are kept, and the answer is unknown", async () => {
    const { input, fn, aliases } = pagedFunction();
    const throttled = lambdaError(429, "TooManyRequestsException", "Rate exceeded", { Reason: "CallerRateLimitExceeded" });
    const ep = await serve(input, {
      pageSize: 2,
      faults: { rewrite: (x) => (x.operation === "ListFunctionUrlConfigs" && x.url.searchParams.get("Marker") ? throttled : undefined) },
    });
    const { snapshot, stats } = await scanAccount({ regions: ["us-east-1"], organizations: false, maxAttempts: 2 });
    expect(ep.countByOperation().ListFunctionUrlConfigs).toBe(1 + 2); // the first page, then the SDK's two attempts at the second
    expect(stats.retried).toBe(2);
    expect(snapshot.errors).toEqual([{ region: "us-east-1", operation: "ListFunctionUrlConfigs", target: fn, code: "TooManyRequestsException", message: "Rate exceeded" }]);
    expect(Object.keys(snapshot.regions["us-east-1"]!.GetFunctionUrlConfig ?? {})).toEqual([fn, aliases[0]]);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions[0]?.unknown).toContain("ListFunctionUrlConfigs: TooManyRequestsException");
    // The public URL on the unread page is not taken as absent: the rule gives no verdict and says why.
    expect(report.findings.filter((f) => f.rule === "function-url-public")).toEqual([]);
    const gap = report.findings.find((f) => f.rule === "data-unavailable");
    expect(gap?.detail).toContain("function-url-public");
  }, 30_000);

  it("a later page of ListAliases or ListVersionsByFunction that fails keeps the pages read, records the error, and leaves the rest unknown", async () => {
    const { input, fn, aliases } = pagedFunction();
    const throttled = lambdaError(429, "TooManyRequestsException", "Rate exceeded", { Reason: "CallerRateLimitExceeded" });
    const lists = ["ListAliases", "ListVersionsByFunction"];
    const ep = await serve(input, {
      pageSize: 2,
      faults: { rewrite: (x) => (lists.includes(x.operation) && x.url.searchParams.get("Marker") ? throttled : undefined) },
    });
    const { snapshot } = await scanAccount({ regions: ["us-east-1"], organizations: false, maxAttempts: 1 });
    expect(snapshot.errors).toEqual(lists.map((operation) => ({ region: "us-east-1", operation, target: fn, code: "TooManyRequestsException", message: "Rate exceeded" })));
    const region = snapshot.regions["us-east-1"]!;
    // The first page of each: aliases a1 and a2 exist, and so does version 1 ($LATEST, listed first, is the function).
    expect(region.ListAliases?.[fn]?.Aliases.map((a) => a.Name)).toEqual(["a1", "a2"]);
    const versions = (region as { ListVersionsByFunction?: Record<string, { Versions: { Version?: string }[] }> }).ListVersionsByFunction?.[fn]?.Versions;
    expect(versions?.map((v) => v.Version)).toEqual(["1"]);
    // Version 2, which a2 routes to, is on no page read: its policy is read all the same.
    expect(ep.calls.filter((c) => c.operation === "GetPolicy").map((c) => c.target).sort()).toEqual([fn, aliases[0], aliases[1], `${fn}:1`, `${fn}:2`].sort());
    // With the error, the lists read are not taken for the whole: what they lack is unknown, not absent.
    const model = buildAccountModel(snapshot);
    const f = model.functions[0]!;
    expect(f.versionsListed).toBe(false);
    expect(rolesOfQualified(model, f, aliases[0])[0]?.unlisted).toBeUndefined();
    expect(rolesOfQualified(model, f, aliases[4])[0]?.unlisted).toEqual({ qualifier: "a5", list: "aliases" });
    expect(rolesOfQualified(model, f, `${fn}:5`)[0]?.unlisted).toEqual({ qualifier: "5", list: "versions" });
    const report = analyzeSnapshot(snapshot);
    expect(report.functions[0]?.unknown).toEqual(expect.arrayContaining(lists.map((operation) => `${operation}: TooManyRequestsException`)));
  }, 30_000);
});

