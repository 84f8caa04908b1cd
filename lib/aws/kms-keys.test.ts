/**
 * The KMS reads of the scan against the local endpoint (test/aws-endpoint/kms.ts speaks KMS's JSON 1.1): which
 * references are read, alias resolution, every page of grants, a denied key policy recorded and analysed as unknown.
 */
import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { kmsError } from "@/test/aws-endpoint/kms";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { scanAccount } from "./collect";
import { regionKeyRefs } from "./kms-keys";

const A = "123456789012";
const R = "us-east-1";
const KEY = `arn:aws:kms:${R}:${A}:key/1f2e3d4c-5b6a-4789-8abc-0123456789ab`;
const QUEUE_KEY = `arn:aws:kms:${R}:${A}:key/2a3b4c5d-5b6a-4789-8abc-0123456789ab`;
const ROOT = `arn:aws:iam::${A}:root`;
const delegate = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" };

const serve = useLocalEndpoint();

/** A function whose environment is encrypted with KEY (7 grants), polling a queue encrypted under alias/orders. */
function account() {
  const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-20T09:30:00Z" });
  const queue = b.arn("sqs", R, "orders");
  const role = b.role({ name: "worker-role", inline: { sqs: policy(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], queue)) } });
  const fn = b.fn({ region: R, name: "worker", runtime: "nodejs22.x", role, env: ["A"], kmsKeyArn: KEY });
  b.esm({ functionArn: fn, sourceArn: queue, uuid: "11111111-2222-3333-4444-555555555555" });
  b.queueEncryption(queue, { kmsKeyId: "alias/orders" });
  const grants = Array.from({ length: 7 }, (_, i) => ({ GrantId: `grant-${i}`, GranteePrincipal: `arn:aws:iam::${A}:role/other-${i}`, Operations: ["Decrypt"] }));
  b.kmsKey({ arn: KEY, policy: { Version: "2012-10-17", Statement: [delegate] }, grants });
  b.kmsKey({ arn: QUEUE_KEY, refs: ["alias/orders"], policy: { Version: "2012-10-17", Statement: [delegate] } });
  return b.build();
}

describe("the scan's KMS reads", () => {
  it("resolves the queue's alias, reads each key's policy and every page of its grants, as the snapshot had them", async () => {
    const input = account();
    const ep = await serve(input, { pageSize: 2 });
    const { snapshot } = await scanAccount({ regions: [R] });
    const region = snapshot.regions[R]!;
    expect(Object.keys(region.DescribeKey ?? {})).toEqual(["alias/orders", KEY]);
    expect(region.DescribeKey?.["alias/orders"]?.KeyMetadata?.Arn).toBe(QUEUE_KEY);
    expect(region.DescribeKey?.[KEY]?.KeyMetadata?.CreationDate).toBe(input.regions?.[R]?.DescribeKey?.[KEY]?.KeyMetadata?.CreationDate);
    expect(Object.keys(region.GetKeyPolicy ?? {})).toEqual([KEY, QUEUE_KEY]);
    expect(region.ListGrants?.[KEY]?.Grants).toEqual(input.regions?.[R]?.ListGrants?.[KEY]?.Grants);
    expect(region.ListGrants?.[KEY]?.Grants).toHaveLength(7);
    expect(ep.countByOperation((c) => c.service === "kms")).toEqual({ DescribeKey: 2, GetKeyPolicy: 2, ListGrants: 4 + 1 });
    expect(snapshot.errors).toEqual([]);
    // Both keys delegate to IAM and the role allows neither: lacks, for certain.
    const titles = analyzeSnapshot(snapshot).findings.map((f) => f.title);
    expect(titles).toContain("Encrypted environment lacks kms:Decrypt");
    expect(titles).toContain("SQS trigger lacks kms:Decrypt");
  });

  it("records a denied GetKeyPolicy (another account's key, or a policy that does not let the auditor in) and leaves that key's answers unknown", async () => {
    await serve(account(), { faults: { accessDenied: [{ operation: "GetKeyPolicy", target: KEY }] } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([expect.objectContaining({ region: R, operation: "GetKeyPolicy", target: KEY, code: "AccessDeniedException" })]);
    expect(snapshot.regions[R]?.GetKeyPolicy?.[KEY]).toBeUndefined();
    const env = analyzeSnapshot(snapshot).findings.find((f) => f.rule === "env-kms-permission-missing");
    expect(env?.title).toBe("Encrypted environment may lack kms:Decrypt (depends on the key policy)");
    expect(env?.evidence.find((e) => e.kind === "missing-action")?.description).toContain("GetKeyPolicy failed: AccessDeniedException");
  });

  it("a later page of grants throttled past the SDK's retries keeps the grants read with the error; the rest are unknown, not absent", async () => {
    const input = account();
    // The role's own grant is on the first page: it lets the function decrypt whatever the unread pages hold.
    const granted = structuredClone(input);
    const grants = granted.regions![R]!.ListGrants![KEY]!.Grants as { GranteePrincipal?: string }[];
    grants[0]!.GranteePrincipal = `arn:aws:iam::${A}:role/worker-role`;
    for (const [scenario, decrypts] of [[input, "may lack"], [granted, "can"]] as const) {
      await serve(scenario, {
        pageSize: 2,
        faults: { rewrite: (x) => (x.operation === "ListGrants" && JSON.parse(x.body).Marker ? kmsError(400, "ThrottlingException", "Rate exceeded") : undefined) },
      });
      const { snapshot } = await scanAccount({ regions: [R], maxAttempts: 2 });
      expect(snapshot.errors).toEqual([{ region: R, operation: "ListGrants", target: KEY, code: "ThrottlingException", message: "Rate exceeded" }]);
      expect(snapshot.regions[R]?.ListGrants?.[KEY]?.Grants).toEqual(scenario.regions?.[R]?.ListGrants?.[KEY]?.Grants?.slice(0, 2));
      const titles = analyzeSnapshot(snapshot).findings.map((f) => f.title);
      // Without its grant read, the role may still hold one on a page not read: never "lacks" for certain.
      if (decrypts === "may lack") expect(titles).toContain("Encrypted environment may lack kms:Decrypt (depends on the key's grants past those listed, which could not be read)");
      else expect(titles.filter((t) => t.startsWith("Encrypted environment"))).toEqual([]);
      expect(titles).not.toContain("Encrypted environment lacks kms:Decrypt");
    }
  });

  it("survives throttling and server errors on KMS with the SDK's retries", async () => {
    await serve(account(), { pageSize: 2, faults: { throttleRate: 0.15, serverErrorRate: 0.05, seed: 3 } });
    const { snapshot, stats } = await scanAccount({ regions: [R], maxAttempts: 10 });
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.regions[R]?.ListGrants?.[KEY]?.Grants).toHaveLength(7);
    expect(stats.retried).toBeGreaterThan(0);
  });
});

describe("regionKeyRefs", () => {
  it("sends a bare id or alias of the region's own account as written, one of another region or account as its ARN", () => {
    const refs = regionKeyRefs(
      {
        ListFunctions: { Functions: [{ FunctionArn: "f", KMSKeyArn: KEY }, { FunctionArn: "g" }] },
        ListVersionsByFunction: { f: { Versions: [{ FunctionArn: "f:1", KMSKeyArn: KEY }] } },
        GetQueueAttributes: {
          [`arn:aws:sqs:${R}:${A}:a`]: { Attributes: { KmsMasterKeyId: "alias/orders" } },
          [`arn:aws:sqs:eu-west-1:${A}:b`]: { Attributes: { KmsMasterKeyId: "alias/orders" } },
          [`arn:aws:sqs:${R}:210987654321:c`]: { Attributes: { KmsMasterKeyId: "2a3b4c5d-5b6a-4789-8abc-0123456789ab" } },
          [`arn:aws:sqs:${R}:${A}:d`]: { Attributes: { SqsManagedSseEnabled: "true" } },
          [`arn:aws:sqs:${R}:${A}:e`]: { Attributes: { KmsMasterKeyId: "not a key" } },
        },
      },
      R,
      "aws",
      A,
    );
    expect(refs).toEqual([
      "alias/orders",
      `arn:aws:kms:eu-west-1:${A}:alias/orders`,
      KEY,
      `arn:aws:kms:${R}:210987654321:key/2a3b4c5d-5b6a-4789-8abc-0123456789ab`,
    ]);
  });

  it("reads the keys of the Kinesis streams the region's mappings read too, AWS managed aliases included", () => {
    const refs = regionKeyRefs(
      {
        ListVersionsByFunction: {},
        DescribeStreamSummary: {
          [`arn:aws:kinesis:${R}:${A}:stream/clicks`]: { StreamDescriptionSummary: { EncryptionType: "KMS", KeyId: "3c4d5e6f-5b6a-4789-8abc-0123456789ab" } },
          [`arn:aws:kinesis:${R}:${A}:stream/consent`]: { StreamDescriptionSummary: { EncryptionType: "KMS", KeyId: "alias/aws/kinesis" } },
          [`arn:aws:kinesis:eu-west-1:${A}:stream/eu`]: { StreamDescriptionSummary: { EncryptionType: "KMS", KeyId: "alias/aws/kinesis" } },
          [`arn:aws:kinesis:${R}:${A}:stream/plain`]: { StreamDescriptionSummary: { EncryptionType: "NONE" } },
        },
      },
      R,
      "aws",
      A,
    );
    expect(refs).toEqual(["3c4d5e6f-5b6a-4789-8abc-0123456789ab", "alias/aws/kinesis", `arn:aws:kms:eu-west-1:${A}:alias/aws/kinesis`]);
  });
});
