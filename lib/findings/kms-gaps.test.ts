/**
 * Failed KMS reads (lib/analysis/kms-gaps.ts): where the scan tried to read a key a function uses and could not, the
 * function's answers on that key rest on a guess, so data-unavailable names the failed read, even when the role's
 * own policies allow the key and no KMS finding fires. Snapshots without any KMS read say nothing new.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { RULES } from "./rules/registry";
import { envKmsPermissionMissing } from "./rules/env-kms-permission-missing";
import { eventSourceMissingPermissions } from "./rules/event-source-missing-permissions";
import { ACCOUNT, builder, findingsOf, REGION } from "./test-support";

const dataUnavailable = RULES.find((r) => r.id === "data-unavailable")!;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1f2e3d4c-5b6a-4789-8abc-0123456789ab`;
const QUEUE_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/2a3b4c5d-5b6a-4789-8abc-0123456789ab`;
type B = ReturnType<typeof builder>;

/** A function whose environment uses KEY, its role allowed kms:Decrypt on it by its own policy. */
function envFunction(key: (b: B) => void): B {
  const b = builder();
  const role = b.role({ name: "billing-role", inline: { app: policy(allow("kms:Decrypt", KEY)) } });
  b.fn({ region: REGION, name: "billing", runtime: "nodejs22.x", role, env: ["DB_HOST"], kmsKeyArn: KEY });
  key(b);
  return b;
}

describe("failed KMS reads are unknown, never fine", () => {
  it("the key policy could not be read: the role's own grant passes the KMS rule, and data-unavailable says what is missing", () => {
    const b = envFunction((b) => b.kmsKey({ arn: KEY, policyError: "AccessDeniedException", grantsError: "AccessDeniedException" }));
    expect(findingsOf(envKmsPermissionMissing, b)).toEqual([]);
    const [f, ...rest] = findingsOf(dataUnavailable, b);
    expect(rest).toEqual([]);
    expect(f?.title).toBe("Missing data: GetKeyPolicy (AccessDeniedException), ListGrants (AccessDeniedException)");
    expect(f?.detail).toContain("The key policy of a KMS key");
    expect(f?.remediation).toContain("Allow kms:GetKeyPolicy, kms:ListGrants for the scanning principal");
    expect(f?.remediation).toContain("its key policy must let the scanning principal in too");
  });

  it("a key read in full: nothing is missing", () => {
    const delegate = { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
    expect(findingsOf(dataUnavailable, envFunction((b) => b.kmsKey({ arn: KEY, policy: { Version: "2012-10-17", Statement: [delegate] } })))).toEqual([]);
  });

  it("another key's failure is not this function's", () => {
    const other = `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-5b6a-4789-8abc-0123456789ab`;
    const b = envFunction((b) => {
      b.kmsKey({ arn: KEY, policy: { Version: "2012-10-17", Statement: [] } });
      b.kmsKey({ arn: other, policyError: "AccessDeniedException" });
    });
    expect(findingsOf(dataUnavailable, b)).toEqual([]);
  });

  it("a snapshot without KMS reads (an older scan) names no failure: its answers already say they depend on the key policy", () => {
    expect(findingsOf(dataUnavailable, envFunction(() => {}))).toEqual([]);
  });

  it("a queue's key alias DescribeKey could not resolve: the trigger's function names the failed DescribeKey", () => {
    const b = builder();
    const queue = b.arn("sqs", REGION, "orders");
    const role = b.role({ name: "worker-role", inline: { sqs: policy(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "kms:Decrypt"], [queue, QUEUE_KEY])) } });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
    b.esm({ functionArn: fn, sourceArn: queue, uuid: "11111111-2222-3333-4444-555555555555" });
    b.queueEncryption(queue, { kmsKeyId: "alias/orders" });
    b.kmsKey({ arn: KEY, policy: { Version: "2012-10-17", Statement: [] } }); // some KMS read: the scan did read keys
    b.error({ region: REGION, operation: "DescribeKey", target: "alias/orders", code: "AccessDeniedException", message: "not authorized to perform: kms:DescribeKey" });
    // The alias is asked on any key of the account: the role's grant names one key only, so it may lack it.
    expect(findingsOf(eventSourceMissingPermissions, b).map((f) => f.title)).toEqual([
      "SQS trigger may lack kms:Decrypt (on the key behind alias/orders, which the snapshot does not resolve; depends on the key policy)",
    ]);
    expect(findingsOf(dataUnavailable, b).map((f) => f.title)).toEqual(["Missing data: DescribeKey (AccessDeniedException)"]);
  });
});
