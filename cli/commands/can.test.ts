/** `can --format text`: whom the answer is for, one line per role of a weighted alias. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { policy } from "@/lib/snapshot/fixtures/policy-documents";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { REGION, modelOf, newBuilder } from "@/lib/analysis/test-support";
import { ask } from "@/lib/analysis/what-if";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { answerBatchLine, canCommand, formatAnswerText } from "./can";

const BUCKET = "arn:aws:s3:::reports";

describe("formatAnswerText", () => {
  it("a role that is unknown (versions not listed) is named so, never as the function's current role or blank", () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const live = b.alias(fn, "live", "4", undefined, { "5": 0.5 });
    b.error({ region: REGION, operation: "ListVersionsByFunction", target: fn, code: "AccessDeniedException", message: "not authorized" });
    const model = modelOf(b);
    const q = { action: "s3:GetObject", resource: `${BUCKET}/a.csv` };
    expect(formatAnswerText(ask(model, { principal: `${fn}:4`, ...q })).split("\n")[1]).toBe(`  ${fn}:4 (as an unknown role) → s3:GetObject on ${BUCKET}/a.csv`);
    const lines = formatAnswerText(ask(model, { principal: live, ...q })).split("\n");
    expect(lines[1]).toBe(`  ${live} (as an unknown role or an unknown role) → s3:GetObject on ${BUCKET}/a.csv`);
    expect(lines[2]).toBe("  version 4 (50 %) as an unknown role: conditional");
  });
});

describe("formatAnswerText: a resource whose own policy the scan never reads", () => {
  it("says the answer is the identity side only for a bucket given by name, as for one given by ARN", () => {
    const b = newBuilder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { s3: policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }) } }) });
    const model = modelOf(b);
    for (const resource of ["reports", `${BUCKET}/a.csv`]) {
      const text = formatAnswerText(ask(model, { principal: "f", action: "s3:PutObject", resource }));
      expect(text).toContain(`  - identity side only; the resource's own policy was not read: the scan does not read the policy of ${resource}`);
    }
  });
});

describe("formatAnswerText: a queue, file system or repository given by name", () => {
  it("is answered as the one ARN of that name, its policy weighed; a name the snapshot does not hold says its policy was not weighed", () => {
    const b = newBuilder();
    const queue = `arn:aws:sqs:${REGION}:123456789012:orders`;
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { p: policy({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }) } }) });
    b.queuePolicy(queue, { Version: "2012-10-17", Statement: [{ Sid: "NoSends", Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: queue }] });
    const model = modelOf(b);
    const named = formatAnswerText(ask(model, { principal: "f", action: "sqs:SendMessage", resource: "orders" }));
    expect(named.split("\n")[0]).toBe("explicitly-denied");
    // The question's line says the ARN asked, in the words the overview's Can do answer uses.
    expect(named.split("\n")[1]).toBe(`  arn:aws:lambda:${REGION}:123456789012:function:f (as r) → sqs:SendMessage on orders, asked as ${queue} (the only queue named orders)`);
    expect(named).toContain(`  - asked by name: orders is ${queue}, the only queue of that name in the snapshot, and was answered as that ARN`);
    for (const [action, name, service] of [["sqs:SendMessage", "audit", "sqs"], ["elasticfilesystem:ClientWrite", "fs-0123", "elasticfilesystem"], ["ecr:PutImage", "app", "ecr"]]) {
      const text = formatAnswerText(ask(model, { principal: "f", action: action!, resource: name! }));
      expect(text).toContain(`  - asked by name: ${service} resource policies are weighed only when asked by ARN`);
    }
  });
});

describe("formatAnswerText: the organization's SCPs", () => {
  it("names an SCP's statement by its policy id and where it is attached, not as a policy of the role", () => {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { s3: policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }) } });
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    const deny = { Version: "2012-10-17", Statement: [{ Sid: "KeepBuckets", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }] };
    b.organization({ scps: { "r-a1b2": [FULL_AWS_ACCESS, { id: "p-keep1234", name: "KeepBuckets", document: deny }], [b.account]: [FULL_AWS_ACCESS] } });
    const text = formatAnswerText(ask(modelOf(b), { principal: "f", action: "s3:DeleteBucket", resource: "arn:aws:s3:::logs" }));
    expect(text.split("\n")[0]).toBe("explicitly-denied");
    expect(text).toContain("  Deny  SCP 'KeepBuckets' (p-keep1234) attached to r-a1b2, statement 0 (Sid KeepBuckets)");
  });
});

describe("formatAnswerText: a policy value AWS documents no reading of", () => {
  it("names the key and the value as written, beside the keys not given, so the user knows a context value cannot settle it", () => {
    const b = newBuilder();
    const deny = { Effect: "Deny" as const, Action: "s3:ListBucket", Resource: "*", Condition: { NumericGreaterThan: { "s3:max-keys": "1e3" }, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } };
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }, deny) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const model = modelOf(b);
    const q = { principal: "app", action: "s3:ListBucket", resource: "arn:aws:s3:::reports" };
    const given = formatAnswerText(ask(model, { ...q, context: { "s3:max-keys": "5000", "aws:SourceIp": "10.1.2.3" } })).split("\n");
    expect(given[0]).toBe("conditional");
    expect(given).toContain('  decided by how AWS reads policy values it does not document: s3:max-keys "1e3"');
    expect(given.some((l) => l.startsWith("  decided by context keys not given"))).toBe(false);
    const open = formatAnswerText(ask(model, q));
    expect(open).toContain("  decided by context keys not given: s3:max-keys, aws:SourceIp");
    expect(open).toContain('  decided by how AWS reads policy values it does not document: s3:max-keys "1e3"');
    // Where another clause settles the Deny, the value decides nothing and is not named.
    const sure = formatAnswerText(ask(model, { ...q, context: { "s3:max-keys": "5000", "aws:SourceIp": "192.0.2.1" } }));
    expect(sure.split("\n")[0]).toBe("allowed");
    expect(sure).not.toContain("does not document");
  });
});

describe("answerBatchLine", () => {
  it("a line with a key that is not a question's (a misspelt contextComplete) is an error line, not answered without it", () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const model = modelOf(b);
    const line = JSON.stringify({ principal: "app", action: "s3:GetObject", resource: `${BUCKET}/a.csv`, contextcomplete: true });
    expect(JSON.parse(answerBatchLine(model, line, 3))).toEqual({
      decision: "error",
      error: 'line 3: unknown key "contextcomplete" (a question has principal, action, resource, context, contextComplete)',
      statements: [],
    });
    const good = JSON.stringify({ principal: "app", action: "s3:GetObject", resource: `${BUCKET}/a.csv`, contextComplete: true });
    expect(JSON.parse(answerBatchLine(model, good, 4)).decision).toBe("allowed");
  });
});

describe("canCommand", () => {
  it("a malformed --action is named as the option the user typed, not as a JSON field", async () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lpg-can-")), "snap.json");
    writeFileSync(file, JSON.stringify(b.build()));
    await expect(canCommand(file, { principal: "app", action: "GetObject", resource: "*" })).rejects.toThrow(
      /^--action: must look like service:Action/,
    );
  });

  it("a --context value that cannot be of its key's type is an error naming the option, key, type and an example", async () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lpg-can-")), "snap.json");
    writeFileSync(file, JSON.stringify(b.build()));
    await expect(canCommand(file, { principal: "app", action: "s3:GetObject", resource: "*", context: ["aws:SecureTransport=yes"] })).rejects.toThrow(
      /^--context aws:SecureTransport: "yes" is not true or false, e\.g\. aws:SecureTransport=true$/,
    );
  });

  it("a --context value in a form AWS never gives its key is an error naming the key and the documented forms, in --batch lines too", async () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*`, Condition: { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } } }) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lpg-can-")), "snap.json");
    writeFileSync(file, JSON.stringify(b.build()));
    const q = { principal: "app", action: "s3:GetObject", resource: `${BUCKET}/a.csv` };
    // Read as written, "2031" was 2031 seconds after the epoch: a moment before 2030, so "allowed".
    await expect(canCommand(file, { ...q, context: ["aws:CurrentTime=2031"] })).rejects.toThrow(
      /^--context aws:CurrentTime: "2031" is a year \(W3C "YYYY"\) or epoch seconds, and AWS does not document which; AWS gives aws:CurrentTime only in a documented form \(W3C "YYYY-MM", "YYYY-MM-DD", .*\), e\.g\. aws:CurrentTime=2026-01-31T12:00:00Z$/,
    );
    const line = answerBatchLine(modelOf(b), JSON.stringify({ ...q, context: { "aws:CurrentTime": "2029-06-01 00:00:00Z" } }), 1);
    expect(JSON.parse(line)).toMatchObject({ decision: "error", error: expect.stringMatching(/^line 1: aws:CurrentTime: "2029-06-01 00:00:00Z" is in none of the W3C date forms AWS documents \(a space for "T"\); AWS gives aws:CurrentTime only in a documented form/) });
  });
});

describe("canCommand as an alias whose version's role is unknown", () => {
  afterEach(() => vi.restoreAllMocks());

  /** app runs as app-role, which may read the bucket; alias prod routes to version 4, whose role `version4` hides. */
  async function askAsProd(version4: "unread" | "absent" | "set aside", format: "json" | "text") {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    b.version(fn, "3", role);
    if (version4 === "set aside") b.version(fn, "4", role);
    if (version4 === "unread") b.error({ region: REGION, operation: "ListVersionsByFunction", target: fn, code: "AccessDeniedException", message: "not authorized" });
    const prod = b.alias(fn, "prod", "4");
    const snapshot = b.build();
    const versions = (snapshot.regions?.[REGION]?.ListVersionsByFunction as Record<string, { Versions: { Version: string; Role?: string }[] }>)[fn]!;
    if (version4 === "unread") delete (snapshot.regions?.[REGION]?.ListVersionsByFunction as Record<string, unknown>)[fn];
    // A Role IAM could never give: reading the file sets it aside.
    if (version4 === "set aside") versions.Versions.find((v) => v.Version === "4")!.Role = "arn:aws:iam::123456789012:role/app-role\u202e";
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lpg-can-")), "snap.json");
    writeFileSync(file, JSON.stringify(snapshot));
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await canCommand(file, { principal: prod, action: "s3:GetObject", resource: `${BUCKET}/a.csv`, format })).toBe(0);
    return { out, prod };
  }

  it.each([
    ["unread", "the function's versions could not be listed"],
    ["absent", "the function's version list in the snapshot does not hold it"],
    ["set aside", "its Role was set aside: Versions.1.Role: "],
  ] as const)("version 4 %s: unknown with why, never app-role's answer", async (version4, why) => {
    const { out, prod } = await askAsProd(version4, "json");
    const answer = JSON.parse(out);
    expect(answer).toMatchObject({ decision: "conditional", principal: { role: "", function: prod }, statements: [] });
    expect(answer.reasons[0]).toContain(`version 4 (100 %) of app:prod runs as the role it was published with, unknown because ${why}`);
    expect(answer.reasons[0]).toMatch(/: its answer is unknown$/);
    expect(out).not.toContain("app-role");
    const text = (await askAsProd(version4, "text")).out.split("\n");
    expect(text[0]).toBe("conditional");
    expect(text[1]).toBe(`  ${prod} (as an unknown role) → s3:GetObject on ${BUCKET}/a.csv`);
  });
});

describe("formatAnswerText: a KMS alias given by its ARN", () => {
  it("is answered as the key the alias points to, and the question's line says so", () => {
    const b = newBuilder();
    const key = `arn:aws:kms:${REGION}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const alias = `arn:aws:kms:${REGION}:123456789012:alias/orders`;
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { p: policy({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }) } }) });
    b.kmsKey({ arn: key, refs: [key, "alias/orders"], policy: { Version: "2012-10-17", Statement: [{ Sid: "EnableIAMPolicies", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" }] } });
    const text = formatAnswerText(ask(modelOf(b), { principal: "f", action: "kms:Decrypt", resource: alias }));
    expect(text.split("\n")[0]).toBe("allowed");
    expect(text.split("\n")[1]).toBe(`  arn:aws:lambda:${REGION}:123456789012:function:f (as r) → kms:Decrypt on ${alias}, asked as ${key} (the key alias/orders points to)`);
  });
});
