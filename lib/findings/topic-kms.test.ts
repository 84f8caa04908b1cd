/**
 * KMS-encrypted SNS topics (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html): a role publishing to a
 * dead-letter topic or destination under a customer managed key needs kms:GenerateDataKey and kms:Decrypt on it, as
 * for a queue; alias/aws/sns of the function's own account needs nothing from IAM; a topic whose encryption is
 * unknown is named by data-unavailable, never judged fine or missing.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, builder, findingsOf, OTHER_ACCOUNT, REGION } from "./test-support";
import { asyncTargetPermissionMissing } from "./rules/async-target-permission-missing";

type B = ReturnType<typeof builder>;
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/sender-role`;
const keyPolicy = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const delegate = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };

/** A worker whose dead-letter topic and on-failure destination are `topic`s; its role may publish anywhere, plus `kms` actions on the key. */
function sender(kms: string[] = []) {
  const b = builder();
  const dlq = b.arn("sns", REGION, "worker-dlq");
  const dest = b.arn("sns", REGION, "worker-failures");
  const role = b.role({ name: "sender-role", inline: { p: policy(allow("sns:Publish", "*"), ...(kms.length ? [allow(kms, KEY_ARN)] : [])) } });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role, dlq });
  b.eventInvokeConfig(fn, { onFailure: dest });
  for (const t of [dlq, dest]) b.topicPolicy(t, null);
  return { b, dlq, dest };
}
const titles = (b: B) => findingsOf(asyncTargetPermissionMissing, b).map((f) => f.title);
const report = (b: B) => analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));

describe("dead-letter topic and destination under a customer managed key", () => {
  it("fires where neither the key policy nor the role's policies let the role use the key, citing the topic's KmsMasterKeyId and the key", () => {
    const { b, dlq, dest } = sender();
    for (const t of [dlq, dest]) b.topicEncryption(t, { kmsKeyId: "alias/orders" });
    b.kmsKey({ arn: KEY_ARN, refs: ["alias/orders"], policy: keyPolicy(delegate) });
    const found = findingsOf(asyncTargetPermissionMissing, b);
    expect(found.map((f) => f.title)).toEqual(["Dead-letter queue lacks kms:GenerateDataKey, kms:Decrypt", "On-failure destination lacks kms:GenerateDataKey, kms:Decrypt"]);
    const [f] = found;
    expect(f?.detail).toContain(KEY_ARN);
    const e = f?.evidence.find((x) => x.source?.operation === "GetTopicAttributes");
    expect(e?.description).toBe(`GetTopicAttributes of ${dlq}: encrypted with KMS key alias/orders`);
    expect(e?.document).toEqual({ TopicArn: dlq, Attributes: { KmsMasterKeyId: "alias/orders" } });
    expect(e?.highlight).toEqual(["KmsMasterKeyId", "alias/orders"]);
  });

  it("an unread key policy: the role without the grant may lack both actions", () => {
    const { b, dlq } = sender();
    b.topicEncryption(dlq, { kmsKeyId: KEY_ID });
    expect(titles(b)).toEqual(["Dead-letter queue may lack kms:GenerateDataKey, kms:Decrypt (depends on the key policy)"]);
  });

  it("does not fire when the role's policies or the key policy grant both actions", () => {
    const byRole = sender(["kms:GenerateDataKey", "kms:Decrypt"]);
    byRole.b.topicEncryption(byRole.dlq, { kmsKeyId: KEY_ID });
    byRole.b.kmsKey({ arn: KEY_ARN, refs: [KEY_ID], policy: keyPolicy(delegate) });
    expect(titles(byRole.b)).toEqual([]);
    const byKey = sender();
    byKey.b.topicEncryption(byKey.dlq, { kmsKeyId: KEY_ARN });
    byKey.b.kmsKey({ arn: KEY_ARN, policy: keyPolicy({ Sid: "Sender", Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*" }) });
    expect(titles(byKey.b)).toEqual([]);
    // One of the two is not enough.
    const half = sender(["kms:Decrypt"]);
    half.b.topicEncryption(half.dlq, { kmsKeyId: KEY_ID });
    half.b.kmsKey({ arn: KEY_ARN, refs: [KEY_ID], policy: keyPolicy(delegate) });
    expect(titles(half.b)).toEqual(["Dead-letter queue lacks kms:GenerateDataKey"]);
  });

  it("the AWS managed key alias/aws/sns of the function's own account needs nothing extra, unless KMS refuses the key", () => {
    const unresolved = sender();
    unresolved.b.topicEncryption(unresolved.dlq, { kmsKeyId: "alias/aws/sns" });
    expect(titles(unresolved.b)).toEqual([]);
    const managed = {
      Sid: "Allow access through SNS for all principals in the account that are authorized to use SNS",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:ListGrants", "kms:DescribeKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": `sns.${REGION}.amazonaws.com` } },
    };
    const read = sender();
    read.b.topicEncryption(read.dlq, { kmsKeyId: "alias/aws/sns" });
    read.b.kmsKey({ arn: KEY_ARN, refs: ["alias/aws/sns"], manager: "AWS", policy: keyPolicy(managed) });
    expect(titles(read.b)).toEqual([]);
    // The same key pending deletion refuses the publisher's data keys, whatever its policy says.
    const deleted = sender();
    deleted.b.topicEncryption(deleted.dlq, { kmsKeyId: "alias/aws/sns" });
    deleted.b.kmsKey({ arn: KEY_ARN, refs: ["alias/aws/sns"], manager: "AWS", state: "PendingDeletion", policy: keyPolicy(managed) });
    const [f] = findingsOf(asyncTargetPermissionMissing, deleted.b);
    expect(f?.title).toBe("Dead-letter queue lacks kms:GenerateDataKey, kms:Decrypt");
    expect(f?.evidence).toContainEqual(expect.objectContaining({ source: { operation: "DescribeKey" }, highlight: ["KeyState", "PendingDeletion"] }));
  });
});

describe("a dead-letter topic or destination under another account's alias/aws/sns", () => {
  it("cannot accept messages, whatever the role allows: one finding per target, citing its config and the topic's KmsMasterKeyId", () => {
    const b = builder();
    const dlq = `arn:aws:sns:${REGION}:${OTHER_ACCOUNT}:partner-dlq`;
    const dest = `arn:aws:sns:${REGION}:${OTHER_ACCOUNT}:partner-failures`;
    const role = b.role({ name: "sender-role", inline: { p: policy(allow(["sns:Publish", "kms:*"], "*")) } });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role, dlq });
    b.eventInvokeConfig(fn, { onFailure: dest });
    for (const t of [dlq, dest]) {
      b.topicPolicy(t, null);
      b.topicEncryption(t, { kmsKeyId: "alias/aws/sns" });
    }
    // The other account's topic policies, not in the snapshot, make their own "may lack sns:Publish" findings.
    const found = findingsOf(asyncTargetPermissionMissing, b).filter((f) => f.id.includes("aws-managed-key"));
    expect(found.map((f) => f.title)).toEqual([
      `Dead-letter queue cannot accept messages: topic uses account ${OTHER_ACCOUNT}'s alias/aws/sns`,
      `On-failure destination cannot accept messages: topic uses account ${OTHER_ACCOUNT}'s alias/aws/sns`,
    ]);
    const [dead, failure] = found;
    expect(dead?.evidence.map((e) => e.highlight)).toEqual([["TargetArn"], ["KmsMasterKeyId", "alias/aws/sns"]]);
    expect(failure?.detail).toContain(`send on-failure records to ${dest}, which is encrypted with the AWS managed key alias/aws/sns of account ${OTHER_ACCOUNT}`);
    const [config, topic] = failure?.evidence ?? [];
    expect(config?.highlight).toEqual(["DestinationConfig", dest]);
    expect(topic?.source?.operation).toBe("GetTopicAttributes");
    expect(topic?.document).toEqual({ TopicArn: dest, Attributes: { KmsMasterKeyId: "alias/aws/sns" } });
    expect(failure?.remediation).toContain(`In account ${OTHER_ACCOUNT}, encrypt the topic with a customer managed key whose key policy lets ${ROLE_ARN} use kms:GenerateDataKey and kms:Decrypt`);
  });
});

describe("a topic whose encryption is not known", () => {
  const unavailable = (b: B) => report(b).findings.filter((f) => f.rule === "data-unavailable");

  it("a KmsMasterKeyId naming no key, or a topic the scan left out: data-unavailable names it, no delivery finding", () => {
    const malformed = sender();
    malformed.b.topicEncryption(malformed.dlq, { kmsKeyId: "not a key" });
    const leftOut = sender();
    const stored = leftOut.b.build();
    delete (stored.regions![REGION]!.GetTopicAttributes as Record<string, unknown>)[leftOut.dlq];
    for (const [b, patch] of [[malformed.b, undefined], [leftOut.b, stored]] as const) {
      const r = patch ? analyzeSnapshot(parseSnapshot(JSON.stringify(patch))) : report(b);
      expect(r.findings.filter((f) => f.rule === "async-target-permission-missing")).toEqual([]);
      const [gap, ...rest] = r.findings.filter((f) => f.rule === "data-unavailable");
      expect(rest).toEqual([]);
      expect(gap?.detail).toContain("GetTopicAttributes");
      expect(gap?.detail).toContain("whether its role needs kms:GenerateDataKey and kms:Decrypt on the topic's KMS key was not judged");
      expect(JSON.stringify(gap?.evidence)).toContain(malformed.dlq);
    }
  });

  it("a topic read without KmsMasterKeyId is unencrypted only where the scan kept that attribute; an older scan's is not read, said once", () => {
    const current = sender();
    expect(unavailable(current.b)).toEqual([]);
    expect(report(current.b).problems).not.toContainEqual(expect.objectContaining({ where: "SNS topic encryption" }));
    const older = sender().b.build();
    for (const answer of Object.values(older.regions![REGION]!.GetTopicAttributes as Record<string, Record<string, unknown>>)) delete answer.KeptAttributes;
    const r = analyzeSnapshot(parseSnapshot(JSON.stringify(older)));
    expect(r.findings.filter((f) => f.rule === "data-unavailable" || f.rule === "async-target-permission-missing")).toEqual([]);
    expect(r.functions[0]?.unknown).toEqual([]);
    expect(r.problems).toContainEqual(expect.objectContaining({ where: "SNS topic encryption" }));
  });

  it("a topic SNS says does not exist is no encryption gap: the delivery fails, which the rule says", () => {
    const { b, dlq } = sender();
    const stored = b.build();
    delete (stored.regions![REGION]!.GetTopicAttributes as Record<string, unknown>)[dlq];
    stored.errors = [...(stored.errors ?? []), { region: REGION, operation: "GetTopicAttributes", target: dlq, code: "NotFoundException", message: "Topic does not exist" }];
    const r = analyzeSnapshot(parseSnapshot(JSON.stringify(stored)));
    expect(r.findings.filter((f) => f.rule === "data-unavailable")).toEqual([]);
  });
});
