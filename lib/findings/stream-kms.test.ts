/**
 * KMS-encrypted Kinesis streams (lambda-permissions.md §1.1 Kinesis row): a trigger's role needs kms:Decrypt on a
 * customer managed key (an enhanced fan-out consumer's too: its records are the stream's); NONE and the AWS managed
 * alias/aws/kinesis need nothing from IAM unless its policy was read; where the key policy is not in the snapshot, a
 * role without the grant "may lack" it, where it is, KMS's rule decides; a stream whose encryption could not be read
 * is unknown, never fine.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { streamEncryption, type StreamReads } from "@/lib/analysis/stream-encryption";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, builder, findingsOf, REGION } from "./test-support";
import { eventSourceMissingPermissions } from "./rules/event-source-missing-permissions";

type B = ReturnType<typeof builder>;
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
const UUID = "11111111-2222-3333-4444-555555555555";
const STREAM = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/orders`;

/** A worker reading the orders stream (or `source`, a consumer of it) with the Kinesis managed policy and `extra` inline statements. */
function trigger(encryption: { kmsKeyId?: string } | "unread" | "denied", extra: ReturnType<typeof allow>[] = [], source = STREAM): B {
  const b = builder();
  const role = b.role({
    name: "worker-role",
    managed: [b.attachAwsManaged("AWSLambdaKinesisExecutionRole")],
    ...(extra.length ? { inline: { kms: policy(...extra) } } : {}),
  });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({ functionArn: fn, sourceArn: source, uuid: UUID });
  if (encryption === "denied") {
    b.error({ operation: "DescribeStreamSummary", target: STREAM, region: REGION, code: "AccessDeniedException", message: "not authorized to perform: kinesis:DescribeStreamSummary" });
  } else if (encryption !== "unread") b.streamEncryption(STREAM, { ...encryption, region: REGION });
  return b;
}
const titles = (b: B) => findingsOf(eventSourceMissingPermissions, b).map((f) => f.title);

describe("Kinesis trigger on an encrypted stream", () => {
  it("no encryption, or the function's own account's alias/aws/kinesis: nothing more to allow", () => {
    expect(titles(trigger({}))).toEqual([]);
    expect(titles(trigger({ kmsKeyId: "alias/aws/kinesis" }))).toEqual([]);
    expect(titles(trigger({ kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/kinesis` }))).toEqual([]);
  });

  it("a customer managed key the role may not decrypt: may lack kms:Decrypt, evidence names the stream's key", () => {
    const [f, ...rest] = findingsOf(eventSourceMissingPermissions, trigger({ kmsKeyId: KEY_ID }));
    expect(rest).toEqual([]);
    expect(f?.title).toBe("Kinesis trigger may lack kms:Decrypt (depends on the key policy)");
    expect(f?.detail).toContain(`kms:Decrypt on ${keyArn}`);
    const streamEvidence = f?.evidence.find((e) => e.source?.operation === "DescribeStreamSummary");
    expect(streamEvidence?.description).toBe(`DescribeStreamSummary of ${STREAM}: encrypted with KMS key ${KEY_ID}`);
    expect(streamEvidence?.document).toMatchObject({ StreamDescriptionSummary: { StreamARN: STREAM, EncryptionType: "KMS", KeyId: KEY_ID } });
    expect(streamEvidence?.highlight).toEqual(["KeyId", KEY_ID]);
    expect(f?.remediation).toContain(keyArn);
  });

  it("an enhanced fan-out consumer reads its stream's key", () => {
    const consumer = `${STREAM}/consumer/fast:1765000000`;
    expect(titles(trigger({ kmsKeyId: keyArn }, [], consumer))).toEqual(["Kinesis trigger may lack kms:Decrypt (depends on the key policy)"]);
    expect(titles(trigger({ kmsKeyId: keyArn }, [allow("kms:Decrypt", keyArn)], consumer))).toEqual([]);
  });

  it("the role allows kms:Decrypt on the key: fine; a grant on another key does not count; an explicit Deny makes it lacks", () => {
    expect(titles(trigger({ kmsKeyId: keyArn }, [allow("kms:Decrypt", keyArn)]))).toEqual([]);
    expect(titles(trigger({ kmsKeyId: KEY_ID }, [allow("kms:Decrypt", "*")]))).toEqual([]);
    const other = `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-12ab-34cd-56ef-1234567890ab`;
    expect(titles(trigger({ kmsKeyId: KEY_ID }, [allow("kms:Decrypt", other)]))).toEqual(["Kinesis trigger may lack kms:Decrypt (depends on the key policy)"]);
    expect(titles(trigger({ kmsKeyId: KEY_ID }, [allow("kms:Decrypt", "*"), deny("kms:*", "*")]))).toEqual(["Kinesis trigger lacks kms:Decrypt"]);
  });

  it("a customer managed alias (name or ARN) is asked on any key of the account, saying so", () => {
    for (const alias of ["alias/orders", `arn:aws:kms:${REGION}:${ACCOUNT}:alias/orders`]) {
      expect(titles(trigger({ kmsKeyId: alias }, [allow("kms:Decrypt", "*")]))).toEqual([]);
      const [f] = findingsOf(eventSourceMissingPermissions, trigger({ kmsKeyId: alias }));
      expect(f?.title).toMatch(/^Kinesis trigger may lack kms:Decrypt \(.*on the key behind alias\/orders, which the snapshot does not resolve/);
    }
  });

  it("a stream whose encryption could not be read: no KMS verdict, and the function's unknown list and data-unavailable name it", () => {
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(trigger("denied").build())));
    expect(report.functions[0]?.unknown).toContain(`DescribeStreamSummary: AccessDeniedException (${STREAM})`);
    expect(report.findings.filter((f) => f.rule === "event-source-missing-permissions")).toEqual([]);
    const gap = report.findings.find((f) => f.rule === "data-unavailable");
    expect(gap?.title).toContain("DescribeStreamSummary (AccessDeniedException)");
    expect(gap?.detail).toContain("kms:Decrypt");
    expect(gap?.remediation).toContain("kinesis:DescribeStreamSummary");
  });

  it("a consumer whose stream was left out of a snapshot that read others, or a malformed summary, is unknown too", () => {
    const left = trigger({}, [], `${STREAM}/consumer/fast:1765000000`);
    left.streamEncryption(left.arn("kinesis", REGION, "stream/unrelated"));
    const leftOut = left.build();
    delete (leftOut.regions![REGION] as { DescribeStreamSummary?: Record<string, unknown> }).DescribeStreamSummary![STREAM];
    expect(analyzeSnapshot(parseSnapshot(JSON.stringify(leftOut))).functions[0]?.unknown).toContain(`DescribeStreamSummary: NotRead (${STREAM})`);
    const odd = trigger({ kmsKeyId: "not a key" });
    expect(analyzeSnapshot(parseSnapshot(JSON.stringify(odd.build()))).functions[0]?.unknown).toContain(`DescribeStreamSummary: MalformedResponse (${STREAM})`);
  });

  it("a snapshot holding no stream reads at all (an older scan) says once that stream encryption was not judged", () => {
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(trigger("unread").build())));
    expect(report.functions[0]?.unknown).toEqual([]);
    expect(report.problems.filter((p) => p.where === "Kinesis stream encryption")).toHaveLength(1);
    expect(report.findings.filter((f) => f.rule === "event-source-missing-permissions")).toEqual([]);
  });
});

describe("streamEncryption", () => {
  const reads = (summary: Record<string, unknown> | undefined, read = true): StreamReads => ({
    operation: "DescribeStreamSummary",
    responses: new Map(summary ? [[STREAM, { StreamDescriptionSummary: summary }]] : []),
    errors: new Map(),
    read,
  });
  it("reads NONE and a KMS key (id, key ARN, alias) from the summary Kinesis returns, the key in the stream's account and region", () => {
    expect(streamEncryption(reads({ EncryptionType: "NONE" }), STREAM).kind).toBe("unencrypted");
    expect(streamEncryption(reads({ EncryptionType: "KMS", KeyId: KEY_ID }), STREAM)).toMatchObject({ kind: "kms", keyId: KEY_ID, key: { kind: "key", arn: keyArn } });
    expect(streamEncryption(reads({ EncryptionType: "KMS", KeyId: "alias/aws/kinesis" }), STREAM)).toMatchObject({ kind: "kms", key: { kind: "alias", awsManaged: true, account: ACCOUNT } });
  });
  it("unknown, never unencrypted: no summary, a missing or odd EncryptionType, KMS without a usable KeyId, a stream the reads left out; not read in an older snapshot", () => {
    for (const summary of [{}, { EncryptionType: "SSE" }, { EncryptionType: 1 }, { EncryptionType: "KMS" }, { EncryptionType: "KMS", KeyId: "" }, { EncryptionType: "KMS", KeyId: 7 }]) {
      expect(streamEncryption(reads(summary), STREAM).kind, JSON.stringify(summary)).toBe("unknown");
    }
    const noSummary: StreamReads = { ...reads(undefined), responses: new Map([[STREAM, {}]]) };
    expect(streamEncryption(noSummary, STREAM).kind).toBe("unknown");
    expect(streamEncryption(reads(undefined), STREAM).kind).toBe("unknown");
    expect(streamEncryption(reads(undefined, false), STREAM).kind).toBe("not-read");
  });
});

describe("Kinesis trigger on a stream whose key the scan read (KMS's own rule decides)", () => {
  const delegate = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
  const withKey = (b: B, statements: unknown[], refs = [KEY_ID]) => {
    b.kmsKey({ arn: keyArn, refs, policy: { Version: "2012-10-17", Statement: statements } });
    return b;
  };

  it("a policy that only delegates to IAM and no identity grant: lacks kms:Decrypt, for certain", () => {
    expect(titles(withKey(trigger({ kmsKeyId: KEY_ID }), [delegate]))).toEqual(["Kinesis trigger lacks kms:Decrypt"]);
    expect(titles(withKey(trigger({ kmsKeyId: KEY_ID }, [allow("kms:Decrypt", keyArn)]), [delegate]))).toEqual([]);
  });

  it("a key policy naming the role lets it decrypt with no identity grant", () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/worker-role`;
    expect(titles(withKey(trigger({ kmsKeyId: KEY_ID }), [delegate, { Effect: "Allow", Principal: { AWS: role }, Action: "kms:Decrypt", Resource: "*" }]))).toEqual([]);
  });

  it("alias/aws/kinesis resolved to its AWS managed key: allowed through Kinesis, as AWS writes that policy", () => {
    const managed = {
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": `kinesis.${REGION}.amazonaws.com` } },
    };
    expect(titles(withKey(trigger({ kmsKeyId: "alias/aws/kinesis" }), [managed], ["alias/aws/kinesis"]))).toEqual([]);
    // Through another service only: Kinesis's requests are not let in.
    const viaSqs = { ...managed, Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": `sqs.${REGION}.amazonaws.com` } } };
    const [finding] = findingsOf(eventSourceMissingPermissions, withKey(trigger({ kmsKeyId: "alias/aws/kinesis" }), [viaSqs], ["alias/aws/kinesis"]));
    expect(finding?.title).toBe("Kinesis trigger lacks kms:Decrypt");
    // No grant in the role's policies helps, and no one can edit an AWS managed key's policy: the fix is another key.
    expect(finding?.remediation).not.toContain("put-role-policy");
    expect(finding?.remediation).not.toContain("put-key-policy");
    expect(finding?.remediation).toMatch(/^The key policy of arn:aws:kms:\S+ does not let role worker-role kms:Decrypt with it, and cannot be changed: AWS writes the policies of its managed keys/);
    expect(finding?.remediation).toContain("Encrypt with a customer managed key whose key policy lets the role in instead, and allow the actions on that key in the role's policies.");
  });
});


describe("a stream's key in aws-cn, where AWS documents no kms:ViaService value", () => {
  it("a key policy naming one spelling of Kinesis alone is not decided, both spellings are", () => {
    const CN = "cn-north-1";
    const cnTrigger = (...via: string[]) => {
      const b = builder({ partition: "aws-cn" });
      const stream = `arn:aws-cn:kinesis:${CN}:${ACCOUNT}:stream/orders`;
      const role = b.role({ name: "worker-role", managed: [b.attachAwsManaged("AWSLambdaKinesisExecutionRole")] });
      b.esm({ functionArn: b.fn({ region: CN, name: "worker", runtime: "python3.13", role }), sourceArn: stream, uuid: UUID });
      b.streamEncryption(stream, { kmsKeyId: "alias/aws/kinesis", region: CN });
      const managed = { Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": via } } };
      b.kmsKey({ arn: `arn:aws-cn:kms:${CN}:${ACCOUNT}:key/${KEY_ID}`, refs: ["alias/aws/kinesis"], manager: "AWS", policy: { Version: "2012-10-17", Statement: [managed] } });
      return b;
    };
    expect(titles(cnTrigger(`kinesis.${CN}.amazonaws.com`))).toEqual(["Kinesis trigger may lack kms:Decrypt (depends on kms:ViaService)"]);
    expect(titles(cnTrigger(`kinesis.${CN}.amazonaws.com.cn`))).toEqual(["Kinesis trigger may lack kms:Decrypt (depends on kms:ViaService)"]);
    expect(titles(cnTrigger(`kinesis.${CN}.amazonaws.com.cn`, `kinesis.${CN}.amazonaws.com`))).toEqual([]);
  });
});
