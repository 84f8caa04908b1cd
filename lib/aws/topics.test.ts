import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { scanAccount } from "./collect";
import { regionTopics } from "./topics";

const A = "123456789012";
const R = "us-east-1";
const t = (name: string, region = R) => `arn:aws:sns:${region}:${A}:${name}`;
const fnArn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;

describe("regionTopics", () => {
  it("names every topic a dead-letter setting or destination sends to, once each, and no queue", () => {
    const used = regionTopics({
      ListFunctions: { Functions: [{ FunctionArn: fnArn("a"), DeadLetterConfig: { TargetArn: t("a-dlq") } }, { FunctionArn: fnArn("b"), DeadLetterConfig: { TargetArn: `arn:aws:sqs:${R}:${A}:q` } }] },
      ListVersionsByFunction: { [fnArn("a")]: { Versions: [{ FunctionArn: `${fnArn("a")}:1`, Version: "1", DeadLetterConfig: { TargetArn: t("old-dlq") } }] } },
      ListEventSourceMappings: {
        EventSourceMappings: [{ UUID: "1", EventSourceArn: `arn:aws:kinesis:${R}:${A}:stream/s`, DestinationConfig: { OnFailure: { Destination: t("stream-failures") } } }],
      },
      GetFunctionEventInvokeConfig: {
        [fnArn("b")]: { DestinationConfig: { OnSuccess: { Destination: t("done", "eu-west-1") }, OnFailure: { Destination: t("a-dlq") } } },
      },
    });
    expect(used).toEqual([t("done", "eu-west-1"), t("a-dlq"), t("old-dlq"), t("stream-failures")]);
  });
});

const serve = useLocalEndpoint();

describe("the scan's topic reads, at the local endpoint", () => {
  it("keeps each topic's policy as SNS returns it, and the list of attributes kept, nothing else the topic has; NotFound and AuthorizationError are errors per topic", async () => {
    const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-20T09:30:00Z" });
    const role = b.role({ name: "worker-role", inline: { sns: policy(allow("sns:Publish", t("alerts"))) } });
    const doc = { Version: "2012-10-17", Statement: [{ Sid: "Worker", Effect: "Allow", Principal: { AWS: role }, Action: "sns:Publish", Resource: t("alerts") }] };
    const worker = b.fn({ region: R, name: "worker", runtime: "nodejs22.x", role, dlq: t("alerts") });
    b.eventInvokeConfig(worker, { onSuccess: t("bare"), onFailure: t("deleted") });
    b.fn({ region: R, name: "other", runtime: "nodejs22.x", role, dlq: t("secret") });
    b.topicPolicy(t("alerts"), doc);
    b.topicPolicy(t("bare"), null);
    b.topicPolicy(t("secret"), doc);
    const input = b.build();
    // What SNS also answers, which the scan must not keep.
    const stored = input.regions![R]!.GetTopicAttributes as Record<string, { Attributes: Record<string, string> }>;
    stored[t("alerts")]!.Attributes.SubscriptionsConfirmed = "3";
    stored[t("alerts")]!.Attributes.DisplayName = "Alerts";
    const ep = await serve(input, { faults: { accessDenied: [{ operation: "GetTopicAttributes", target: t("secret") }] } });
    const { snapshot, stats } = await scanAccount({ regions: [R] });
    const read = snapshot.regions[R]!.GetTopicAttributes as Record<string, { Attributes?: Record<string, string> }>;
    const kept = { KeptAttributes: ["KmsMasterKeyId", "Policy"] };
    expect(read).toEqual({ [t("alerts")]: { Attributes: { Policy: JSON.stringify(doc) }, ...kept }, [t("bare")]: { Attributes: {}, ...kept } });
    expect(JSON.parse(read[t("alerts")]!.Attributes!.Policy!)).toEqual(doc);
    expect(snapshot.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ region: R, operation: "GetTopicAttributes", target: t("deleted"), code: "NotFoundException" }),
        expect.objectContaining({ region: R, operation: "GetTopicAttributes", target: t("secret"), code: "AuthorizationErrorException" }),
      ]),
    );
    expect(snapshot.errors.filter((e) => e.operation === "GetTopicAttributes")).toHaveLength(2);
    // Once per topic, signed for SNS in the topic's region.
    expect(ep.countByOperation((c) => c.service === "sns")).toEqual({ GetTopicAttributes: 4 });
    expect(stats.operations).toEqual(expect.arrayContaining(["GetTopicAttributes"]));
  });
});

describe("a topic's encryption, at the local endpoint", () => {
  const KEY = `arn:aws:kms:${R}:${A}:key/3c4d5e6f-5b6a-4789-8abc-0123456789ab`;
  const delegate = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" };

  it("keeps KmsMasterKeyId, resolves its alias through DescribeKey as a queue's, and the role that cannot use the key is reported", async () => {
    const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-20T09:30:00Z" });
    const role = b.role({ name: "worker-role", inline: { sns: policy(allow("sns:Publish", "*")) } });
    b.fn({ region: R, name: "worker", runtime: "nodejs22.x", role, dlq: t("encrypted") });
    b.fn({ region: R, name: "plain", runtime: "nodejs22.x", role, dlq: t("plain") });
    b.topicEncryption(t("encrypted"), { kmsKeyId: "alias/alerts" });
    b.topicPolicy(t("plain"), null);
    b.kmsKey({ arn: KEY, refs: ["alias/alerts"], policy: { Version: "2012-10-17", Statement: [delegate] } });
    const ep = await serve(b.build());
    const { snapshot } = await scanAccount({ regions: [R] });
    const region = snapshot.regions[R]!;
    expect(region.GetTopicAttributes?.[t("encrypted")]?.Attributes).toEqual({ KmsMasterKeyId: "alias/alerts" });
    expect(region.GetTopicAttributes?.[t("plain")]?.Attributes).toEqual({});
    expect(region.DescribeKey?.["alias/alerts"]?.KeyMetadata?.Arn).toBe(KEY);
    expect(Object.keys(region.GetKeyPolicy ?? {})).toEqual([KEY]);
    expect(ep.countByOperation((c) => c.service === "kms")).toEqual({ DescribeKey: 1, GetKeyPolicy: 1, ListGrants: 1 });
    const found = analyzeSnapshot(snapshot).findings.filter((f) => f.rule === "async-target-permission-missing");
    expect(found.map((f) => [f.function, f.title])).toEqual([[expect.stringContaining("worker"), "Dead-letter queue lacks kms:GenerateDataKey, kms:Decrypt"]]);
  });
});
