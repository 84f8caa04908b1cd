import { describe, expect, it } from "vitest";
import { kmsKeyRef } from "./kms-key";
import { queueEncryption, type QueueReads } from "./queue-encryption";

const home = { partition: "aws", region: "eu-west-1", account: "123456789012" };
const ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

describe("kmsKeyRef", () => {
  it("a key id is a key of the naming resource's account and region; a key ARN is itself, in its own account", () => {
    expect(kmsKeyRef(ID, home)).toMatchObject({ kind: "key", arn: `arn:aws:kms:eu-west-1:123456789012:key/${ID}` });
    expect(kmsKeyRef("mrk-1234abcd12ab34cd56ef1234567890ab", home)).toMatchObject({ kind: "key" });
    expect(kmsKeyRef(`arn:aws:kms:us-east-1:999999999999:key/${ID}`, home)).toMatchObject({ kind: "key", account: "999999999999", region: "us-east-1" });
  });
  it("aliases (names and ARNs) stay aliases; alias/aws/… is AWS managed", () => {
    expect(kmsKeyRef("alias/aws/sqs", home)).toMatchObject({ kind: "alias", alias: "alias/aws/sqs", awsManaged: true, account: "123456789012" });
    expect(kmsKeyRef("alias/orders", home)).toMatchObject({ kind: "alias", awsManaged: false });
    expect(kmsKeyRef("arn:aws:kms:eu-west-1:999999999999:alias/aws/sqs", home)).toMatchObject({ kind: "alias", awsManaged: true, account: "999999999999" });
  });
  it("anything else names no key", () => {
    for (const bad of ["", "not a key", "alias/", `arn:aws:sqs:eu-west-1:123456789012:key/${ID}`, "arn:aws:kms:eu-west-1:123456789012:key/xyz", "key/" + ID]) {
      expect(kmsKeyRef(bad, home)).toBeUndefined();
    }
  });
});

describe("queueEncryption", () => {
  const q = "arn:aws:sqs:eu-west-1:123456789012:orders";
  const reads = (attrs: Record<string, unknown> | undefined, read = true): QueueReads => ({
    operation: "GetQueueAttributes",
    responses: new Map(attrs ? [[q, { Attributes: attrs }]] : []),
    errors: new Map(),
    read,
  });
  it("reads SSE-SQS, no encryption and a KMS key from the attributes SQS returns", () => {
    expect(queueEncryption(reads({ SqsManagedSseEnabled: "true" }), q).kind).toBe("sse-sqs");
    expect(queueEncryption(reads({ SqsManagedSseEnabled: "false" }), q).kind).toBe("unencrypted");
    expect(queueEncryption(reads({}), q).kind).toBe("unencrypted");
    // An empty KmsMasterKeyId (SSE-KMS switched off) names no key: the flag decides.
    expect(queueEncryption(reads({ KmsMasterKeyId: "", SqsManagedSseEnabled: "true" }), q).kind).toBe("sse-sqs");
    expect(queueEncryption(reads({ KmsMasterKeyId: "" }), q).kind).toBe("unencrypted");
    expect(queueEncryption(reads({ KmsMasterKeyId: ID, SqsManagedSseEnabled: "false" }), q)).toMatchObject({ kind: "kms", keyId: ID, key: { arn: `arn:aws:kms:eu-west-1:123456789012:key/${ID}` } });
  });
  it("unknown, never unencrypted: a malformed key or flag, a queue the reads left out; not read at all in an older snapshot", () => {
    expect(queueEncryption(reads({ KmsMasterKeyId: 7 }), q).kind).toBe("unknown");
    expect(queueEncryption(reads({ SqsManagedSseEnabled: { yes: 1 } }), q).kind).toBe("unknown");
    expect(queueEncryption(reads(undefined), q).kind).toBe("unknown");
    expect(queueEncryption(reads(undefined, false), q).kind).toBe("not-read");
  });
});
