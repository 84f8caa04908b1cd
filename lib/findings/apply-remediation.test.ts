/**
 * The remediation round trip: a finding's fix, carried out on the snapshot as its AWS CLI commands would change the
 * account, must leave the finding gone (or, where what is left rests on data outside the snapshot, a "may"). Every
 * rule test checks its own findings so (test-support.ts); here the demo and a synthetic account, and the applier.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { AnalysisReport } from "@/lib/analysis/types";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { applyRemediation, remediationWays, shellWords } from "./apply-remediation";
import { builder, fixesFirstMismatches, REGION, remediationRoundTrip as roundTrip } from "./test-support";
import { grantFirst } from "./remediation";
import { BUCKET_OWNER } from "./rules/confused-deputy";

const analyse = (snapshot: SnapshotInput): AnalysisReport => analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));

/**
 * A disabled mapping of function `worker` on an encrypted queue (or stream, or with `consumer` that stream's enhanced
 * fan-out consumer), its role's one inline policy holding `statements`: the account the poll-check tests re-enable.
 */
function disabledEncryptedMapping(
  statements: Parameters<typeof policy>,
  { kmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab", service = "sqs", resource = "q", encrypt = "queueEncryption", consumer }: { kmsKeyId?: string; service?: string; resource?: string; encrypt?: "queueEncryption" | "streamEncryption"; consumer?: string } = {},
) {
  const b = builder();
  const role = b.role({ name: "worker", inline: { p: policy(...statements) } });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
  const source = b.arn(service, REGION, resource);
  const uuid = b.esm({ functionArn: fn, sourceArn: consumer ? `${source}/consumer/${consumer}` : source, state: "Disabled", stateTransitionReason: "User action" });
  b[encrypt](source, { kmsKeyId, region: REGION });
  return { snapshot: b.build(), uuid };
}

describe("a finding's remediation, carried out, removes it", () => {
  it("on the demo account, every way of every definite finding whose commands can be carried out", () => {
    const { snapshot } = buildAcmeRetailDemo();
    // The demo's buckets are its own: the owner a confused-deputy fix asks for is this account.
    const { left, added, applied, unchecked } = roundTrip(snapshot, false, { [BUCKET_OWNER]: snapshot.account });
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    // What is not checked is said, and is prose or a value only the user knows: never a command the applier skips.
    expect(unchecked.filter((u) => /not carried out/.test(u))).toEqual([]);
    // Not vacuous: role grants, resource-policy edits, trust policies, URL settings, detached and deleted policies,
    // runtimes, re-pinned service grants and refused escalation paths were applied.
    for (const rule of ["logs-permission-missing", "event-source-missing-permissions", "public-invoke", "cross-account-invoke", "execution-role-trust", "function-url-public", "vpc-permission-missing", "runtime-deprecated", "confused-deputy", "role-privilege-escalation"]) {
      expect(applied[rule] ?? 0, rule).toBeGreaterThan(0);
    }
    // Both of its admin roles: one by detaching the managed policy, one by deleting the inline one.
    expect(applied["role-admin-access"]).toBe(2);
  });

  it("on a synthetic 1,000-function account, one finding of each rule and kind of fix", () => {
    const snapshot = generateSyntheticSnapshot({ functions: 1_000, roles: 500, seed: 42 });
    // Its buckets are its own, as the demo's.
    const { left, added, applied } = roundTrip(snapshot, true, { [BUCKET_OWNER]: snapshot.account });
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(Object.keys(applied).length).toBeGreaterThanOrEqual(4);
  });

  it("catches a fix that misses: a grant on another resource leaves the finding standing", () => {
    const b = builder();
    const role = b.role({ name: "worker", inline: { logs: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "arn:aws:logs:*:*:log-group:/aws/lambda/other:*")) } });
    b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
    const snapshot = b.build();
    const finding = analyse(snapshot).findings.find((f) => f.rule === "logs-permission-missing");
    expect(finding).toBeDefined();
    const wrong = finding!.remediation.replace(/log-group:\/aws\/lambda\/worker/g, "log-group:/aws/lambda/elsewhere");
    expect(wrong).not.toBe(finding!.remediation);
    expect("applied" in applyRemediation(snapshot, wrong)).toBe(true);
    expect(analyse(snapshot).findings.some((f) => f.id === finding!.id)).toBe(true);
  });
});

describe("a fix that changes a function's configuration, mapping or versions, carried out", () => {
  it("moves a deprecated runtime on and re-enables a disabled mapping", () => {
    const b = builder();
    const role = b.role({ name: "worker", inline: { logs: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*"), allow(["kinesis:*"], "*")) } });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.8", role });
    b.esm({ functionArn: fn, sourceArn: b.arn("kinesis", REGION, "stream/clicks"), uuid: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", state: "Disabled", stateTransitionReason: "User action" });
    const { left, added, applied } = roundTrip(b.build());
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(applied).toEqual({ "runtime-deprecated": 1, "event-source-mapping-failing": 1 });
  });

  it("re-enables a mapping only when its role can poll the source, as Lambda checks when it enables one", () => {
    const b = builder();
    const role = b.role({ name: "worker", inline: { logs: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*")) } });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
    const uuid = b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "q"), state: "Disabled", stateTransitionReason: "User action" });
    const snapshot = b.build();
    const reenable = analyse(snapshot).findings.find((f) => f.rule === "event-source-mapping-failing")!;
    // Alone, the re-enabling is refused: the mapping stays disabled and its finding stays.
    expect(() => applyRemediation(structuredClone(snapshot), reenable.remediation)).toThrow(new RegExp(`InvalidParameterValueException: the execution role cannot poll the source of mapping ${uuid}`));
    // After the grant its text says comes first (event-source-missing-permissions's fix), it is carried out.
    const { left, added, applied, unchecked } = roundTrip(snapshot);
    expect(applied).toEqual({ "event-source-missing-permissions": 1, "event-source-mapping-failing": 1 });
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(unchecked).toEqual([]);
  });

  it("refuses to re-enable a mapping for the certain gaps of a finding flagged conditional for another, and not for a gap it only may have", () => {
    // A customer managed key whose key policy the snapshot does not hold: kms:Decrypt is a "may".
    const { snapshot, uuid } = disabledEncryptedMapping([allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*")]);
    const { findings } = analyse(snapshot);
    const gap = findings.find((f) => f.rule === "event-source-missing-permissions")!;
    expect(gap.title).toMatch(/^SQS trigger lacks sqs:ReceiveMessage.*; may lack/);
    expect(gap.conditional).toBe(true);
    const reenable = findings.find((f) => f.rule === "event-source-mapping-failing")!;
    expect(() => applyRemediation(structuredClone(snapshot), reenable.remediation)).toThrow(new RegExp(`InvalidParameterValueException: the execution role cannot poll the source of mapping ${uuid}`));
    // The round trip carries out the grant that comes first, conditional as its finding is: its prose (check the key
    // policy) is no command, so the re-enabling is left unchecked rather than passed or refused.
    const { left, added, applied, unchecked } = roundTrip(snapshot);
    expect({ left, added, applied }).toEqual({ left: [], added: [], applied: {} });
    expect(unchecked).toEqual([expect.stringMatching(/^event-source-mapping-failing:.*the fix that comes first, of event-source-missing-permissions:.*First check the key policy/)]);
  });

  it.each([
    ["a key policy the snapshot does not hold", "1234abcd-12ab-34cd-56ef-1234567890ab", []],
    // Denied, but on whichever key the alias names: the analysis says "may", and so does the applier.
    ["a key alias the snapshot does not resolve", "alias/orders", [deny("kms:Decrypt", `arn:aws:kms:${REGION}:123456789012:key/*`)]],
  ])("re-enables a mapping whose role only may lack kms:Decrypt (%s)", (_, kmsKeyId, denied) => {
    const { snapshot } = disabledEncryptedMapping([allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*"), allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], "*"), ...denied], { kmsKeyId });
    const { findings } = analyse(snapshot);
    expect(findings.find((f) => f.rule === "event-source-missing-permissions")).toMatchObject({ title: expect.stringMatching(/^SQS trigger may lack kms:Decrypt/), conditional: true });
    expect(applyRemediation(snapshot, findings.find((f) => f.rule === "event-source-mapping-failing")!.remediation)).toHaveProperty("applied");
  });

  it.each([
    ["SQS", "sqs", "q", ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], "queueEncryption"],
    ["Kinesis", "kinesis", "stream/clicks", ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards"], "streamEncryption"],
  ] as const)("re-enables the %s mapping of a role that certainly lacks only the source key's kms:Decrypt: Lambda checks the source's own reads, not the key (§1.4)", (label, service, resource, reads, encrypt) => {
    const { snapshot, uuid } = disabledEncryptedMapping([allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*"), allow([...reads], "*"), deny("kms:Decrypt", "*")], { service, resource, encrypt });
    const before = analyse(snapshot).findings;
    const gap = before.find((f) => f.rule === "event-source-missing-permissions")!;
    expect(gap).toMatchObject({ title: `${label} trigger lacks kms:Decrypt` });
    expect(gap).not.toHaveProperty("conditional");
    expect(applyRemediation(snapshot, before.find((f) => f.rule === "event-source-mapping-failing")!.remediation)).toHaveProperty("applied");
    // Enabled; it fails on the first encrypted record, and the analysis of the account it leaves still says why.
    expect(snapshot.regions![REGION]!.ListEventSourceMappings?.EventSourceMappings?.find((m) => m.UUID === uuid)).toMatchObject({ State: "Enabled" });
    const after = analyse(snapshot).findings;
    expect(after.find((f) => f.id === gap.id)?.title).toBe(`${label} trigger lacks kms:Decrypt`);
    expect(after.some((f) => f.rule === "event-source-mapping-failing")).toBe(false);
  });

  it("re-enables a Kinesis mapping whose role certainly lacks only kinesis:DescribeStreamSummary and ListShards, which Lambda falls back without, and not one lacking GetRecords", () => {
    const disabledOnStream = (reads: string[]) =>
      disabledEncryptedMapping([allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*"), allow(reads, "*"), deny("kms:Decrypt", "*")], { service: "kinesis", resource: "stream/clicks", encrypt: "streamEncryption" });
    const reenable = (snapshot: SnapshotInput) => {
      const findings = analyse(snapshot).findings;
      return { gap: findings.find((f) => f.rule === "event-source-missing-permissions")!, command: findings.find((f) => f.rule === "event-source-mapping-failing")!.remediation };
    };
    const secondaryOnly = disabledOnStream(["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream"]);
    const { gap, command } = reenable(secondaryOnly.snapshot);
    expect(gap).toMatchObject({ title: "Kinesis trigger lacks kinesis:DescribeStreamSummary, kinesis:ListShards, kms:Decrypt" });
    expect(gap).not.toHaveProperty("conditional");
    expect(applyRemediation(secondaryOnly.snapshot, command)).toHaveProperty("applied");
    expect(secondaryOnly.snapshot.regions![REGION]!.ListEventSourceMappings?.EventSourceMappings?.find((m) => m.UUID === secondaryOnly.uuid)).toMatchObject({ State: "Enabled" });

    // A read Lambda checks (§1.4), missing beside the same secondary ones: refused.
    const noGetRecords = disabledOnStream(["kinesis:GetShardIterator", "kinesis:DescribeStream"]);
    const refused = reenable(noGetRecords.snapshot);
    expect(refused.gap.title).toMatch(/^Kinesis trigger lacks kinesis:GetRecords/);
    expect(() => applyRemediation(noGetRecords.snapshot, refused.command)).toThrow(new RegExp(`InvalidParameterValueException: the execution role cannot poll the source of mapping ${noGetRecords.uuid}`));
  });

  it.each([
    ["SQS", "sqs:GetQueueAttributes", ["sqs:ReceiveMessage", "sqs:DeleteMessage"], {}],
    [
      "Kinesis",
      "kinesis:SubscribeToShard",
      ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards"],
      { service: "kinesis", resource: "stream/clicks", encrypt: "streamEncryption", consumer: "lambda:1718000000" },
    ],
  ] as const)("re-enables the %s mapping of a role that lacks only %s, which Lambda does not check at enable (§1.4), and still reports the gap", (label, unchecked, reads, where) => {
    const { snapshot, uuid } = disabledEncryptedMapping([allow(["logs:CreateLogStream", "logs:PutLogEvents", "kms:Decrypt"], "*"), allow([...reads], "*")], where);
    const before = analyse(snapshot).findings;
    const gap = before.find((f) => f.rule === "event-source-missing-permissions")!;
    expect(gap).toMatchObject({ title: `${label} trigger lacks ${unchecked}` });
    expect(gap).not.toHaveProperty("conditional");
    expect(applyRemediation(snapshot, before.find((f) => f.rule === "event-source-mapping-failing")!.remediation)).toHaveProperty("applied");
    expect(snapshot.regions![REGION]!.ListEventSourceMappings?.EventSourceMappings?.find((m) => m.UUID === uuid)).toMatchObject({ State: "Enabled" });
    // Enabled, it fails when it polls: the finding and its evidence of the missing action stay.
    const after = analyse(snapshot).findings.find((f) => f.id === gap.id);
    const missing = (f: typeof gap | undefined) => f?.evidence.filter((e) => e.kind === "missing-action");
    expect(after?.title).toBe(`${label} trigger lacks ${unchecked}`);
    expect(missing(after)).toEqual(missing(gap));
    expect(missing(gap)).toEqual([expect.objectContaining({ document: expect.objectContaining({ action: unchecked }) })]);
  });

  it("refuses to re-enable a DynamoDB Streams mapping whose role lacks only dynamodb:ListStreams, which §1.4's check names", () => {
    const b = builder();
    const reads = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"];
    const role = b.role({ name: "worker", inline: { p: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*"), allow(reads, "*")) } });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
    const uuid = b.esm({ functionArn: fn, sourceArn: b.arn("dynamodb", REGION, "table/orders/stream/2026-01-12T08:00:00.000"), state: "Disabled", stateTransitionReason: "User action" });
    const snapshot = b.build();
    const { findings } = analyse(snapshot);
    expect(findings.find((f) => f.rule === "event-source-missing-permissions")?.title).toBe("DynamoDB Streams trigger lacks dynamodb:ListStreams");
    expect(() => applyRemediation(snapshot, findings.find((f) => f.rule === "event-source-mapping-failing")!.remediation)).toThrow(
      new RegExp(`InvalidParameterValueException: the execution role cannot poll the source of mapping ${uuid}: it lacks dynamodb:ListStreams, which Lambda checks`),
    );
  });

  it("refuses to re-enable a mapping whose role lacks the source's reads and the key's kms:Decrypt, for the reads", () => {
    const { snapshot, uuid } = disabledEncryptedMapping([allow(["logs:CreateLogStream", "logs:PutLogEvents", "sqs:ReceiveMessage", "sqs:GetQueueAttributes"], "*"), deny("kms:Decrypt", "*")]);
    const { findings } = analyse(snapshot);
    expect(findings.find((f) => f.rule === "event-source-missing-permissions")?.title).toBe("SQS trigger lacks sqs:DeleteMessage, kms:Decrypt");
    // The refusal names the read Lambda checks, not the key it does not.
    expect(() => applyRemediation(snapshot, findings.find((f) => f.rule === "event-source-mapping-failing")!.remediation)).toThrow(
      new RegExp(`InvalidParameterValueException: the execution role cannot poll the source of mapping ${uuid}: it lacks sqs:DeleteMessage, which Lambda checks when it enables a mapping \\(`),
    );
  });

  it("re-enables a Kafka, Amazon MQ or DocumentDB mapping whatever the role lacks but its secret, as Lambda does (it fails later)", () => {
    const b = builder();
    // It reads the broker's secret (and its key), and nothing else the broker needs (mq:DescribeBroker, the ENI reads).
    const secret = b.arn("secretsmanager", REGION, "secret:mq-login");
    const role = b.role({ name: "worker", inline: { p: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents", "kms:Decrypt"], "*"), allow("secretsmanager:GetSecretValue", secret)) } });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
    const broker = b.arn("mq", REGION, "broker:orders:b-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    const mq = b.esm({ functionArn: fn, sourceArn: broker, sourceAccess: [{ Type: "BASIC_AUTH", URI: secret }], state: "Disabled", stateTransitionReason: "USER_INITIATED" });
    // A Kafka mapping whose secret the role cannot read: Lambda refuses that one at once (§1.4, "Cannot access secret manager value").
    const kafka = b.esm({ functionArn: fn, selfManagedKafka: { bootstrapServers: ["b-1.example.com:9092"] }, topics: ["orders"], sourceAccess: [{ Type: "BASIC_AUTH", URI: b.arn("secretsmanager", REGION, "secret:kafka-login") }], state: "Disabled", stateTransitionReason: "USER_INITIATED" });
    const snapshot = b.build();
    const enable = (uuid: string) => `aws lambda update-event-source-mapping --uuid ${uuid} --enabled --region ${REGION}`;
    expect(() => applyRemediation(snapshot, enable(kafka))).toThrow(new RegExp(`InvalidParameterValueException: the execution role cannot poll the source of mapping ${kafka}`));
    expect(applyRemediation(snapshot, enable(mq))).toHaveProperty("applied");
    // A certain gap: Lambda would refuse the update of an SQS, Kinesis or DynamoDB mapping for it.
    expect(analyse(snapshot).findings.find((f) => f.rule === "event-source-missing-permissions" && f.id.endsWith(`#${mq}`))).not.toHaveProperty("conditional");
    const after = analyse(snapshot);
    // Enabled, and the analysis of the account it leaves says what the mapping will fail on.
    expect(snapshot.regions![REGION]!.ListEventSourceMappings?.EventSourceMappings?.find((m) => m.UUID === mq)).toMatchObject({ State: "Enabled" });
    expect(after.findings.find((f) => f.rule === "event-source-missing-permissions" && f.id.endsWith(`#${mq}`))?.title).toMatch(/^Amazon MQ trigger lacks mq:DescribeBroker/);
    expect(after.findings.some((f) => f.rule === "event-source-mapping-failing" && f.id.endsWith(`#${mq}`))).toBe(false);
  });

  it("takes which fixes come first from the finding's fixesFirst, and holds its text to it", () => {
    const b = builder();
    const role = b.role({ name: "worker", inline: { logs: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*")) } });
    const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
    b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "q"), state: "Disabled", stateTransitionReason: "User action" });
    const reenable = analyse(b.build()).findings.find((f) => f.rule === "event-source-mapping-failing")!;
    expect(reenable.fixesFirst).toEqual(["event-source-missing-permissions"]);
    expect(fixesFirstMismatches([reenable])).toEqual([]);
    // Words without the field, or the field without words: the user and the round trip would read different orders.
    const { fixesFirst: _, ...unordered } = reenable;
    expect(fixesFirstMismatches([unordered])).toEqual([expect.stringContaining('the text says ["event-source-missing-permissions"] first, fixesFirst []')]);
    const unsaid = { ...reenable, remediation: reenable.remediation.replace(grantFirst("event-source-missing-permissions"), "grant what it lacks first") };
    expect(fixesFirstMismatches([unsaid])).toEqual([expect.stringContaining('the text says [] first, fixesFirst ["event-source-missing-permissions"]')]);
  });

  it("writes each change where AWS's answers hold it, and refuses what Lambda refuses", () => {
    const b = builder();
    // It can poll the queue its mapping is moved and re-enabled on (Lambda refuses otherwise: the test above).
    const role = b.role({ name: "app", inline: { poll: policy(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], "*")) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs18.x", role });
    b.version(fn, "1");
    b.alias(fn, "live", "1");
    const uuid = b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "q"), state: "Disabled" });
    const snapshot = b.build();
    const region = snapshot.regions![REGION]!;
    const at = `--function-name ${fn} --region ${REGION}`;
    applyRemediation(snapshot, `aws lambda update-function-configuration ${at} --runtime nodejs22.x --dead-letter-config TargetArn=arn:aws:sqs:${REGION}:123456789012:dlq`);
    expect(region.ListFunctions?.Functions?.[0]).toMatchObject({ Runtime: "nodejs22.x", DeadLetterConfig: { TargetArn: `arn:aws:sqs:${REGION}:123456789012:dlq` } });
    expect(() => applyRemediation(snapshot, `aws lambda update-function-configuration ${at} --role arn:aws:iam::123456789012:role/gone`)).toThrow(/InvalidParameterValueException/);
    applyRemediation(snapshot, `aws lambda publish-version ${at}`);
    const versions = (region as { ListVersionsByFunction: Record<string, { Versions: { Version: string; FunctionArn: string; Runtime: string }[] }> }).ListVersionsByFunction[fn]!.Versions;
    expect(versions.at(-1)).toMatchObject({ Version: "2", FunctionArn: `${fn}:2`, Runtime: "nodejs22.x" });
    applyRemediation(snapshot, `aws lambda update-alias ${at} --name live --function-version 2`);
    expect(region.ListAliases?.[fn]?.Aliases?.[0]).toMatchObject({ Name: "live", FunctionVersion: "2" });
    expect(() => applyRemediation(snapshot, `aws lambda update-alias ${at} --name live --function-version 7`)).toThrow(/no version/);
    applyRemediation(snapshot, `aws lambda update-event-source-mapping --uuid ${uuid} --function-name ${fn}:2 --enabled --region ${REGION}`);
    expect(region.ListEventSourceMappings?.EventSourceMappings?.[0]).toMatchObject({ FunctionArn: `${fn}:2`, State: "Enabled" });
    expect(() => applyRemediation(snapshot, `aws lambda update-event-source-mapping --uuid nope --enabled --region ${REGION}`)).toThrow(/ResourceNotFoundException/);
  });
});

describe("deploying code", () => {
  it("changes the image GetFunction answers, and leaves .zip code, which no snapshot holds, unchecked", () => {
    const b = builder();
    const role = b.role({ name: "app" });
    const image = b.fn({ region: REGION, name: "image", runtime: "python3.13", role, image: true });
    const zip = b.fn({ region: REGION, name: "zip", runtime: "python3.13", role });
    b.ecrImage(image, `123456789012.dkr.ecr.${REGION}.amazonaws.com/app:v1`);
    const snapshot = b.build();
    const uri = `123456789012.dkr.ecr.${REGION}.amazonaws.com/app-new:v2`;
    applyRemediation(snapshot, `aws lambda update-function-code --function-name ${image} --region ${REGION} --image-uri ${uri}`);
    expect((snapshot.regions![REGION] as { GetFunction: Record<string, unknown> }).GetFunction[image]).toEqual({ Code: { RepositoryType: "ECR", ImageUri: uri } });
    expect(() => applyRemediation(snapshot, `aws lambda update-function-code --function-name ${zip} --region ${REGION} --image-uri ${uri}`)).toThrow(/InvalidParameterValueException/);
    expect(applyRemediation(snapshot, `aws lambda update-function-code --function-name ${zip} --region ${REGION} --zip-file fileb://code.zip`)).toEqual({ skipped: expect.stringMatching(/--zip-file is not carried out/) });
  });
});

describe("applyRemediation", () => {
  it("reads command lines as a POSIX shell splits them", () => {
    expect(shellWords(`aws lambda remove-permission --statement-id 'it'\\''s' --qualifier=-old   # or: aws x y`)).toEqual([
      "aws",
      "lambda",
      "remove-permission",
      "--statement-id",
      "it's",
      "--qualifier=-old",
    ]);
  });

  it("applies each way of a choice on its own", () => {
    const text = "If it should be public:\naws lambda add-permission --x 1\nIf not, remove it:\naws lambda remove-permission --y 2";
    expect(remediationWays(text)).toEqual(["If it should be public:\naws lambda add-permission --x 1", "If not, remove it:\naws lambda remove-permission --y 2"]);
    expect(remediationWays("Remove the statement, or re-add it:\naws lambda remove-permission --y 2")).toHaveLength(1);
  });

  it("refuses what AWS would refuse, and does not carry out what it cannot", () => {
    const b = builder();
    const role = b.role({ name: "app" });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    b.permission(fn, { sid: "open", principal: "*" });
    const snapshot = b.build();
    expect(() => applyRemediation(snapshot, `aws lambda remove-permission --function-name ${fn} --region ${REGION} --statement-id nope`)).toThrow(/no statement nope/);
    expect(() => applyRemediation(snapshot, "aws iam detach-role-policy --role-name nobody --policy-arn arn:aws:iam::aws:policy/X")).toThrow(/no role named nobody/);
    expect(applyRemediation(snapshot, `aws lambda add-permission --function-name ${fn} --source-arn <source ARN>`)).toEqual({ skipped: expect.stringMatching(/^placeholder/) });
    expect(applyRemediation(snapshot, "The role's permissions boundary must allow these actions: add them to it.")).toEqual({ skipped: "no command" });
    expect(applyRemediation(snapshot, "aws organizations update-policy --policy-id p --content file://scp.json")).toEqual({ skipped: expect.stringMatching(/not carried out/) });
    expect(applyRemediation(snapshot, `aws lambda update-function-configuration --function-name ${fn} --region ${REGION} --timeout 30`)).toEqual({ skipped: expect.stringMatching(/--timeout is not carried out/) });
    expect(applyRemediation(snapshot, `aws lambda remove-permission --function-name ${fn} --region ${REGION} --statement-id open`)).toEqual({ applied: [expect.stringContaining("--statement-id open")] });
    expect(analyse(snapshot).findings.filter((f) => f.rule === "public-invoke")).toEqual([]);
    // Lambda deletes a policy its last statement leaves: nothing is left on the function to refer to it.
    expect(snapshot.regions![REGION]!.GetPolicy?.[fn]).toBeUndefined();
  });
});
