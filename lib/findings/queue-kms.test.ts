/**
 * KMS-encrypted SQS queues (lambda-permissions.md §1.1 SQS row, §1.2, §5.2): a trigger's role needs kms:Decrypt on a
 * customer managed key, a dead-letter queue's or destination's role kms:GenerateDataKey and kms:Decrypt; SSE-SQS
 * needs nothing; the key policy is not in the snapshot, so a role without the grant "may lack" it; a queue whose
 * encryption could not be read is unknown, never fine.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, builder, findingsOf, OTHER_ACCOUNT, REGION } from "./test-support";
import { eventSourceMissingPermissions } from "./rules/event-source-missing-permissions";
import { asyncTargetPermissionMissing } from "./rules/async-target-permission-missing";

type B = ReturnType<typeof builder>;
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const keyArn = (account = ACCOUNT) => `arn:aws:kms:${REGION}:${account}:key/${KEY_ID}`;
const UUID = "11111111-2222-3333-4444-555555555555";

/** A worker polling `queue` (this account's orders queue by default) with the SQS managed policy and `extra` inline statements. */
function trigger(encryption: Parameters<B["queueEncryption"]>[1] | "unread" | "denied", extra: ReturnType<typeof allow>[] = [], queue?: string) {
  const b = builder();
  const source = queue ?? b.arn("sqs", REGION, "orders");
  const role = b.role({
    name: "worker-role",
    managed: [b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")],
    ...(extra.length ? { inline: { kms: policy(...extra) } } : {}),
  });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({ functionArn: fn, sourceArn: source, uuid: UUID });
  if (encryption === "denied") b.error({ operation: "GetQueueAttributes", target: source, region: REGION, code: "AccessDenied", message: "not authorized to perform: sqs:GetQueueAttributes" });
  else if (encryption !== "unread") b.queueEncryption(source, { ...encryption, region: REGION });
  return b;
}
const titles = (b: B) => findingsOf(eventSourceMissingPermissions, b).map((f) => f.title);

describe("SQS trigger on an encrypted queue", () => {
  it("SSE-SQS or no encryption: nothing more to allow", () => {
    expect(titles(trigger({ sseSqs: true }))).toEqual([]);
    expect(titles(trigger({}))).toEqual([]);
  });

  it("the AWS managed key alias/aws/sqs of the function's own account: nothing for IAM to allow", () => {
    expect(titles(trigger({ kmsKeyId: "alias/aws/sqs" }))).toEqual([]);
  });

  it("a customer managed key the role may not decrypt: may lack kms:Decrypt (the key policy could still grant it), evidence names the queue's key", () => {
    const [f, ...rest] = findingsOf(eventSourceMissingPermissions, trigger({ kmsKeyId: KEY_ID }));
    expect(rest).toEqual([]);
    expect(f?.title).toBe("SQS trigger may lack kms:Decrypt (depends on the key policy)");
    expect(f?.detail).toContain(`kms:Decrypt on ${keyArn()}`);
    const queueEvidence = f?.evidence.find((e) => e.source?.operation === "GetQueueAttributes");
    expect(queueEvidence?.description).toBe(`GetQueueAttributes of arn:aws:sqs:${REGION}:${ACCOUNT}:orders: encrypted with KMS key ${KEY_ID}`);
    expect(queueEvidence?.document).toMatchObject({ QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`, Attributes: { KmsMasterKeyId: KEY_ID } });
    expect(f?.remediation).toContain(keyArn());
  });

  it("the role allows kms:Decrypt on the key (by key ARN or by *): fine", () => {
    expect(titles(trigger({ kmsKeyId: keyArn() }, [allow("kms:Decrypt", keyArn())]))).toEqual([]);
    expect(titles(trigger({ kmsKeyId: KEY_ID }, [allow("kms:Decrypt", "*")]))).toEqual([]);
  });

  it("a grant on another key does not count; an explicit Deny makes it lacks", () => {
    const other = `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-12ab-34cd-56ef-1234567890ab`;
    expect(titles(trigger({ kmsKeyId: KEY_ID }, [allow("kms:Decrypt", other)]))).toEqual(["SQS trigger may lack kms:Decrypt (depends on the key policy)"]);
    expect(titles(trigger({ kmsKeyId: KEY_ID }, [allow("kms:Decrypt", "*"), deny("kms:*", "*")]))).toEqual(["SQS trigger lacks kms:Decrypt"]);
  });

  it("missing SQS actions and the key are one finding", () => {
    const b = builder();
    const q = b.arn("sqs", REGION, "orders");
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r", inline: { p: policy(allow("sqs:ReceiveMessage", q)) } }) });
    b.esm({ functionArn: fn, sourceArn: q, uuid: UUID });
    b.queueEncryption(q, { kmsKeyId: KEY_ID });
    expect(titles(b)).toEqual(["SQS trigger lacks sqs:DeleteMessage, sqs:GetQueueAttributes; may lack kms:Decrypt (depends on the key policy)"]);
  });

  it("an alias the snapshot does not resolve is asked on any key of the account: a grant on * passes, one on a key ARN may not", () => {
    expect(titles(trigger({ kmsKeyId: "alias/orders" }, [allow("kms:Decrypt", "*")]))).toEqual([]);
    const [f] = findingsOf(eventSourceMissingPermissions, trigger({ kmsKeyId: "alias/orders" }, [allow("kms:Decrypt", keyArn())]));
    expect(f?.title).toMatch(/^SQS trigger may lack kms:Decrypt \(.*on the key behind alias\/orders, which the snapshot does not resolve/);
    expect(f?.remediation).toContain(`arn:aws:kms:${REGION}:${ACCOUNT}:key/<key behind alias/orders>`);
  });

  it("a queue of another account under its alias/aws/sqs cannot feed the function, whatever the role allows", () => {
    const foreign = `arn:aws:sqs:${REGION}:${OTHER_ACCOUNT}:partner-orders`;
    const found = findingsOf(eventSourceMissingPermissions, trigger({ kmsKeyId: "alias/aws/sqs" }, [allow(["sqs:*", "kms:*"], "*")], foreign));
    const key = found.find((f) => f.id.includes("aws-managed-key"));
    expect(key?.title).toBe(`SQS trigger cannot decrypt: queue uses account ${OTHER_ACCOUNT}'s alias/aws/sqs`);
    expect(key?.severity).toBe("high");
    expect(key?.evidence.map((e) => e.source?.operation ?? e.kind)).toEqual(["event-source-mapping", "GetQueueAttributes"]);
    // The same queue under SSE-SQS has no such finding.
    expect(findingsOf(eventSourceMissingPermissions, trigger({ sseSqs: true }, [allow(["sqs:*", "kms:*"], "*")], foreign)).some((f) => f.id.includes("aws-managed-key"))).toBe(false);
  });

  it("a queue whose encryption could not be read: no KMS verdict, and the function's unknown list and data-unavailable name it", () => {
    const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(trigger("denied").build())));
    const fn = report.functions[0];
    expect(fn?.unknown).toContain(`GetQueueAttributes: AccessDenied (${queue})`);
    expect(report.findings.filter((f) => f.rule === "event-source-missing-permissions")).toEqual([]);
    const gap = report.findings.find((f) => f.rule === "data-unavailable");
    expect(gap?.title).toContain("GetQueueAttributes (AccessDenied)");
    expect(gap?.detail).toContain("kms:Decrypt");
    expect(gap?.remediation).toContain("sqs:GetQueueAttributes");
  });

  it("a queue left out of a snapshot that read others, or with a malformed key, is unknown too", () => {
    const left = trigger({ sseSqs: true });
    left.queueEncryption(left.arn("sqs", REGION, "unrelated"), { sseSqs: true });
    const leftOut = left.build();
    delete (leftOut.regions![REGION] as { GetQueueAttributes?: Record<string, unknown> }).GetQueueAttributes![left.arn("sqs", REGION, "orders")];
    const leftReport = analyzeSnapshot(parseSnapshot(JSON.stringify(leftOut)));
    expect(leftReport.functions[0]?.unknown).toContain(`GetQueueAttributes: NotRead (${left.arn("sqs", REGION, "orders")})`);
    // No call failed: the finding says the answer is not in the snapshot, never that a read failed.
    const gap = leftReport.findings.find((f) => f.rule === "data-unavailable");
    expect(gap?.evidence.map((e) => e.description)).toEqual([`GetQueueAttributes for ${left.arn("sqs", REGION, "orders")} is not in the snapshot: the snapshot holds no GetQueueAttributes answer for it`]);
    expect(gap?.remediation).toContain("The snapshot holds no answer to sqs:GetQueueAttributes");
    expect(gap?.remediation).not.toContain("failed");
    const odd = trigger({ kmsKeyId: "not a key" });
    expect(analyzeSnapshot(parseSnapshot(JSON.stringify(odd.build()))).functions[0]?.unknown).toContain(`GetQueueAttributes: MalformedResponse (${odd.arn("sqs", REGION, "orders")})`);
  });

  it("a snapshot holding no queue reads at all (an older scan) says once that queue encryption was not judged", () => {
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(trigger("unread").build())));
    expect(report.functions[0]?.unknown).toEqual([]);
    expect(report.problems).toContainEqual(expect.objectContaining({ where: "SQS queue encryption" }));
  });
});

describe("dead-letter queue and destinations on an encrypted queue", () => {
  function sender(kmsKeyId: string | undefined, allowed: string[]) {
    const b = builder();
    const dlq = b.arn("sqs", REGION, "worker-dlq");
    const dest = b.arn("sqs", REGION, "worker-failures");
    const role = b.role({ name: "sender-role", inline: { p: policy(allow("sqs:SendMessage", "*"), ...(allowed.length ? [allow(allowed, keyArn())] : [])) } });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role, dlq });
    b.eventInvokeConfig(fn, { onFailure: dest });
    for (const q of [dlq, dest]) b.queueEncryption(q, kmsKeyId ? { kmsKeyId } : { sseSqs: true });
    return b;
  }
  const titlesOf = (b: B) => findingsOf(asyncTargetPermissionMissing, b).map((f) => f.title);

  it("SSE-SQS targets need only sqs:SendMessage", () => {
    expect(titlesOf(sender(undefined, []))).toEqual([]);
  });

  it("a customer managed key needs kms:GenerateDataKey and kms:Decrypt from the role", () => {
    expect(titlesOf(sender(keyArn(), []))).toEqual([
      "Dead-letter queue may lack kms:GenerateDataKey, kms:Decrypt (depends on the key policy)",
      "On-failure destination may lack kms:GenerateDataKey, kms:Decrypt (depends on the key policy)",
    ]);
    expect(titlesOf(sender(keyArn(), ["kms:Decrypt"]))).toEqual([
      "Dead-letter queue may lack kms:GenerateDataKey (depends on the key policy)",
      "On-failure destination may lack kms:GenerateDataKey (depends on the key policy)",
    ]);
    expect(titlesOf(sender(keyArn(), ["kms:GenerateDataKey", "kms:Decrypt"]))).toEqual([]);
  });

  it("the finding's evidence points at the queue's GetQueueAttributes answer", () => {
    const [f] = findingsOf(asyncTargetPermissionMissing, sender(keyArn(), []));
    const e = f?.evidence.find((x) => x.source?.operation === "GetQueueAttributes");
    expect(e?.document).toMatchObject({ QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:worker-dlq`, Attributes: { KmsMasterKeyId: keyArn() } });
    expect(e?.highlight).toEqual(["KmsMasterKeyId", keyArn()]);
  });
});

describe("a target queue under another account's alias/aws/sqs", () => {
  /** A worker whose role may send to any queue with any key, its dead-letter queue `dlq` and on-failure destination `dest` under alias/aws/sqs. */
  function sender(dlq: string, dest?: string) {
    const b = builder();
    const role = b.role({ name: "sender-role", inline: { p: policy(allow(["sqs:SendMessage", "kms:*"], "*")) } });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role, dlq });
    if (dest) b.eventInvokeConfig(fn, { onFailure: dest });
    for (const q of dest ? [dlq, dest] : [dlq]) b.queueEncryption(q, { kmsKeyId: "alias/aws/sqs", region: REGION });
    return b;
  }
  // The other account's queue policy, not in the snapshot, makes its own "may lack sqs:SendMessage" finding.
  const keyFindings = (b: B) => findingsOf(asyncTargetPermissionMissing, b).filter((f) => f.id.includes("aws-managed-key"));

  it("the dead-letter queue cannot accept messages, whatever the role allows: evidence is the function's DeadLetterConfig and the queue's KmsMasterKeyId", () => {
    const dlq = `arn:aws:sqs:${REGION}:${OTHER_ACCOUNT}:partner-dlq`;
    const [f, ...rest] = keyFindings(sender(dlq));
    expect(rest).toEqual([]);
    expect(f?.title).toBe(`Dead-letter queue cannot accept messages: queue uses account ${OTHER_ACCOUNT}'s alias/aws/sqs`);
    expect(f?.severity).toBe("medium");
    expect(f?.detail).toContain(`go to the dead-letter target ${dlq}, which is encrypted with the AWS managed key alias/aws/sqs of account ${OTHER_ACCOUNT}`);
    expect(f?.detail).toContain(`worker in account ${ACCOUNT}`);
    const [config, queue] = f?.evidence ?? [];
    expect(config?.highlight).toEqual(["TargetArn"]);
    expect(config?.document).toEqual({ TargetArn: dlq });
    expect(queue?.source?.operation).toBe("GetQueueAttributes");
    expect(queue?.document).toMatchObject({ QueueArn: dlq, Attributes: { KmsMasterKeyId: "alias/aws/sqs" } });
    expect(queue?.highlight).toEqual(["KmsMasterKeyId", "alias/aws/sqs"]);
    expect(f?.remediation).toContain(`In account ${OTHER_ACCOUNT}, encrypt the queue with SQS-managed keys (SSE-SQS) or a customer managed key`);
  });

  it("this account's alias/aws/sqs does not fire this way: only the other account's destination does", () => {
    const own = `arn:aws:sqs:${REGION}:${ACCOUNT}:worker-dlq`;
    expect(findingsOf(asyncTargetPermissionMissing, sender(own))).toEqual([]);
    const found = keyFindings(sender(own, `arn:aws:sqs:${REGION}:${OTHER_ACCOUNT}:partner-failures`));
    expect(found.map((f) => f.title)).toEqual([`On-failure destination cannot accept messages: queue uses account ${OTHER_ACCOUNT}'s alias/aws/sqs`]);
  });
});

describe("a queue's key the scan read", () => {
  const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
  const delegate = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" };
  const keyPolicy = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

  it("resolves an alias through DescribeKey and judges the key behind it", () => {
    const b = trigger({ kmsKeyId: "alias/orders" });
    b.kmsKey({ arn: keyArn(), refs: ["alias/orders"], policy: keyPolicy(delegate) });
    expect(titles(b)).toEqual(["SQS trigger lacks kms:Decrypt"]);
    const granted = trigger({ kmsKeyId: "alias/orders" }, [allow("kms:Decrypt", keyArn())]);
    granted.kmsKey({ arn: keyArn(), refs: ["alias/orders"], policy: keyPolicy(delegate) });
    expect(titles(granted)).toEqual([]);
  });

  it("judges alias/aws/sqs by the policy AWS wrote for it: SQS makes the request for the role's own account", () => {
    const managed = {
      Sid: "Allow access through Simple Queue Service (SQS) for all principals in the account that are authorized to use SQS",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": `sqs.${REGION}.amazonaws.com` } },
    };
    const b = trigger({ kmsKeyId: "alias/aws/sqs" });
    b.kmsKey({ arn: keyArn(), refs: ["alias/aws/sqs"], manager: "AWS", policy: keyPolicy(managed) });
    expect(titles(b)).toEqual([]);
    // The same key in the PendingDeletion state refuses the poller's decrypts.
    const deleted = trigger({ kmsKeyId: "alias/aws/sqs" });
    deleted.kmsKey({ arn: keyArn(), refs: ["alias/aws/sqs"], manager: "AWS", state: "PendingDeletion", policy: keyPolicy(managed) });
    const [f] = findingsOf(eventSourceMissingPermissions, deleted);
    expect(f?.title).toBe("SQS trigger lacks kms:Decrypt");
    expect(f?.evidence).toContainEqual(expect.objectContaining({ source: { operation: "DescribeKey" }, highlight: ["KeyState", "PendingDeletion"] }));
  });

  it("a dead-letter queue's key that delegates to IAM, with no identity Allow: lacks both KMS actions", () => {
    const b = builder();
    const dlq = b.arn("sqs", REGION, "dlq");
    const role = b.role({ name: "r", inline: { sqs: policy(allow("sqs:SendMessage", dlq)) } });
    b.fn({ region: REGION, name: "f", runtime: "python3.13", role, dlq });
    b.queueEncryption(dlq, { kmsKeyId: KEY_ID });
    b.kmsKey({ arn: keyArn(), refs: [KEY_ID], policy: keyPolicy(delegate) });
    expect(findingsOf(asyncTargetPermissionMissing, b).map((f) => f.title)).toEqual([expect.stringMatching(/lacks kms:GenerateDataKey, kms:Decrypt$/)]);
  });
});


describe("a queue's key in aws-cn, where AWS documents no kms:ViaService value", () => {
  const CN = "cn-north-1";
  const cnKeyArn = `arn:aws-cn:kms:${CN}:${ACCOUNT}:key/${KEY_ID}`;
  /** An SQS trigger in aws-cn whose queue's AWS managed key lets in requests made through `via`. */
  function cnTrigger(...via: string[]) {
    const b = builder({ partition: "aws-cn" });
    const source = b.arn("sqs", CN, "orders");
    const role = b.role({ name: "worker-role", managed: [b.attachAwsManaged("AWSLambdaSQSQueueExecutionRole")] });
    const fn = b.fn({ region: CN, name: "worker", runtime: "python3.13", role });
    b.esm({ functionArn: fn, sourceArn: source, uuid: UUID });
    b.queueEncryption(source, { kmsKeyId: "alias/aws/sqs", region: CN });
    const managed = {
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": via } },
    };
    b.kmsKey({ arn: cnKeyArn, refs: ["alias/aws/sqs"], manager: "AWS", policy: { Version: "2012-10-17", Statement: [managed] } });
    return b;
  }

  it("a key policy naming either spelling alone is not decided: the request may carry the other", () => {
    for (const via of [`sqs.${CN}.amazonaws.com.cn`, `sqs.${CN}.amazonaws.com`]) {
      const [f] = findingsOf(eventSourceMissingPermissions, cnTrigger(via));
      expect(f?.title).toBe("SQS trigger may lack kms:Decrypt (depends on kms:ViaService)");
      expect(JSON.stringify(f?.evidence)).toContain("AWS documents no value of kms:ViaService in aws-cn");
    }
  });

  it("a key policy naming both spellings, or neither, decides as it does elsewhere", () => {
    expect(titles(cnTrigger(`sqs.${CN}.amazonaws.com.cn`, `sqs.${CN}.amazonaws.com`))).toEqual([]);
    expect(titles(cnTrigger(`sns.${CN}.amazonaws.com.cn`, `sns.${CN}.amazonaws.com`))).toEqual(["SQS trigger lacks kms:Decrypt"]);
  });
});
