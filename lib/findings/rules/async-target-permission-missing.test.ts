import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { newVersion } from "../republish";
import { builder, contextOf, findingsOf, REGION, remediationRoundTrip, testRuleCases, type RuleCase } from "../test-support";
import { asyncTargetPermissionMissing } from "./async-target-permission-missing";

type B = ReturnType<typeof builder>;
const dlq = (b: B) => b.arn("sqs", REGION, "api-dlq");
const topic = (b: B) => b.arn("sns", REGION, "failures");
const bus = (b: B) => b.arn("events", REGION, "event-bus/default");

function fnWith(role: (b: B) => string, extra: (b: B, fn: string) => void, withDlq = false) {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: role(b), ...(withDlq ? { dlq: dlq(b) } : {}) });
  extra(b, fn);
  return b;
}
const none = () => undefined;
/** A function whose dead-letter target is topic `failures`, its role r with `grant`, the topic's policy set by `edit`. */
function topicDlq(edit: (b: B) => void, grant?: (b: B) => ReturnType<typeof policy>) {
  const b = builder();
  b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "r", ...(grant ? { inline: { p: grant(b) } } : {}) }), dlq: topic(b) });
  edit(b);
  return b;
}
const topicPolicyOf = (b: B, Effect: "Allow" | "Deny", Principal: unknown) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: `Failures${Effect}`, Effect, Principal, Action: "sns:Publish", Resource: topic(b) }],
});
/** A Kinesis mapping sending failed records to bucket failed-records, its role with AWSLambdaKinesisExecutionRole and `grant`. */
const s3Destination = (grant: (b: B) => ReturnType<typeof policy>) =>
  fnWith(
    (b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaKinesisExecutionRole")], inline: { s3: grant(b) } }),
    (b, fn) => b.esm({ functionArn: fn, sourceArn: b.arn("kinesis", REGION, "stream/s"), destinationOnFailure: "arn:aws:s3:::failed-records" }),
  );

const cases: RuleCase[] = [
  {
    name: "SQS dead-letter queue without sqs:SendMessage",
    build: () => fnWith((b) => b.role({ name: "r" }), none, true),
    titles: ["Dead-letter queue lacks sqs:SendMessage"],
    severities: ["medium"],
  },
  {
    name: "SQS dead-letter queue allowed",
    build: () => fnWith((b) => b.role({ name: "r", inline: { d: policy(allow("sqs:SendMessage", dlq(b))) } }), none, true),
    titles: [],
  },
  {
    // Lambda delivers to the DLQ itself, outside the execution environment: no lambda:SourceFunctionArn on the request.
    name: "SQS dead-letter queue granted only to requests from the function (lambda:SourceFunctionArn): lacks",
    build: () =>
      fnWith(
        (b) =>
          b.role({
            name: "r",
            inline: { d: policy(allow("sqs:SendMessage", dlq(b), { condition: { ArnEquals: { "lambda:SourceFunctionArn": b.functionArn(REGION, "api") } } })) },
          }),
        none,
        true,
      ),
    titles: ["Dead-letter queue lacks sqs:SendMessage"],
  },
  {
    name: "on-failure SNS and on-success EventBridge destinations, neither allowed",
    build: () =>
      fnWith(
        (b) => b.role({ name: "r" }),
        (b, fn) => b.eventInvokeConfig(fn, { onFailure: topic(b), onSuccess: bus(b) }),
      ),
    titles: ["On-success destination lacks events:PutEvents", "On-failure destination lacks sns:Publish"],
  },
  // The scan reads the policy of each topic a function sends to (GetTopicAttributes): within the account it may let
  // the role publish with no grant of its own, and a Deny there refuses what the role's policies allow.
  {
    name: "SNS dead-letter topic the role has no grant on, its topic policy not read: lacks",
    build: () => topicDlq(none),
    titles: ["Dead-letter queue lacks sns:Publish"],
  },
  {
    name: "SNS dead-letter topic the role has no grant on, but the topic policy lets the role publish",
    build: () => topicDlq((b) => b.topicPolicy(topic(b), topicPolicyOf(b, "Allow", { AWS: b.roleArn("r") }))),
    titles: [],
  },
  {
    name: "SNS dead-letter topic the role may publish to, but the topic policy denies it",
    build: () => topicDlq((b) => b.topicPolicy(topic(b), topicPolicyOf(b, "Deny", "*")), (b) => policy(allow("sns:Publish", topic(b)))),
    titles: ["Dead-letter queue lacks sns:Publish"],
  },
  {
    name: "on-failure destination to another function the role may invoke",
    build: () =>
      fnWith(
        (b) => b.role({ name: "r", inline: { i: policy(allow("lambda:InvokeFunction", b.functionArn(REGION, "failure-handler"))) } }),
        (b, fn) => b.eventInvokeConfig(fn, { onFailure: b.functionArn(REGION, "failure-handler") }),
      ),
    titles: [],
  },
  {
    name: "stream mapping on-failure destination",
    build: () =>
      fnWith(
        (b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaKinesisExecutionRole")] }),
        (b, fn) => b.esm({ functionArn: fn, sourceArn: b.arn("kinesis", REGION, "stream/s"), destinationOnFailure: dlq(b), uuid: "99999999-8888-7777-6666-555555555555" }),
      ),
    titles: ["Mapping on-failure destination lacks sqs:SendMessage"],
  },
  {
    // An S3 bucket as a stream's on-failure destination (§1.2): PutObject on its objects, ListBucket on the bucket.
    name: "stream mapping on-failure S3 bucket, PutObject on its objects and ListBucket on it: fine",
    build: () => s3Destination((b) => policy(allow("s3:PutObject", "arn:aws:s3:::failed-records/*"), allow("s3:ListBucket", "arn:aws:s3:::failed-records"))),
    titles: [],
  },
  {
    name: "stream mapping on-failure S3 bucket, PutObject granted on the bucket ARN (not its objects), no ListBucket: lacks both",
    build: () => s3Destination(() => policy(allow("s3:PutObject", "arn:aws:s3:::failed-records"))),
    titles: ["Mapping on-failure destination lacks s3:PutObject, s3:ListBucket"],
  },
  {
    name: "invoke configs unreadable: the DLQ is still judged, destinations are not",
    build: () => {
      const b = fnWith(
        (b) => b.role({ name: "r" }),
        (b, fn) => b.eventInvokeConfig(fn, { onFailure: topic(b) }),
        true,
      );
      b.error({ operation: "GetFunctionEventInvokeConfig", target: b.functionArn(REGION, "api"), code: "AccessDeniedException", message: "denied" });
      return b;
    },
    titles: ["Dead-letter queue lacks sqs:SendMessage"],
  },
  {
    // invocation-async-retain-records.html: FIFO queues and topics are unsupported destination types; Lambda's
    // deliveries to them fail (DestinationDeliveryFailures) whatever the role may do.
    name: "on-failure FIFO queue and on-success FIFO topic, both allowed to the role: Lambda still cannot deliver",
    build: () =>
      fnWith(
        (b) => b.role({ name: "r", inline: { d: policy(allow(["sqs:SendMessage", "sns:Publish"], "*")) } }),
        (b, fn) => b.eventInvokeConfig(fn, { onFailure: b.arn("sqs", REGION, "failures.fifo"), onSuccess: b.arn("sns", REGION, "done.fifo") }),
      ),
    titles: ["On-success destination is a FIFO topic: Lambda cannot deliver to it", "On-failure destination is a FIFO queue: Lambda cannot deliver to it"],
    severities: ["medium", "medium"],
  },
  {
    // The same page: only a standard queue or topic can be a dead-letter queue.
    name: "a FIFO dead-letter queue the role may send to: Lambda cannot deliver to it",
    build: () => {
      const b = builder();
      const role = b.role({ name: "r", inline: { d: policy(allow("sqs:SendMessage", "*")) } });
      b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role, dlq: b.arn("sqs", REGION, "api-dlq.fifo") });
      return b;
    },
    titles: ["Dead-letter queue is a FIFO queue: Lambda cannot deliver to it"],
  },
];

describe("async-target-permission-missing", () => {
  testRuleCases(asyncTargetPermissionMissing, cases);
});

describe("a FIFO target's fix, carried out with a standard queue or topic named for its placeholder", () => {
  it.each(["on-failure FIFO queue and on-success FIFO topic", "a FIFO dead-letter queue"])("%s: the records go to the standard one", (name) => {
    const c = cases.find((x) => x.name.startsWith(name))!;
    const fill = { "<standard queue ARN>": `arn:aws:sqs:${REGION}:123456789012:failures`, "<standard topic ARN>": `arn:aws:sns:${REGION}:123456789012:done` };
    const { left, added, applied } = remediationRoundTrip(c.build().build(), false, fill);
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(applied["async-target-permission-missing"]).toBe(c.titles.length);
  });

  it("a routed-to version's FIFO dead-letter queue: set on the function, republished, the alias moved", () => {
    // A published version's dead-letter queue cannot be changed, and update-function-configuration takes no qualifier.
    const b = builder();
    const role = b.role({ name: "r", inline: { d: policy(allow("sqs:SendMessage", "*")) } });
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role });
    b.version(fn, "3", { dlq: b.arn("sqs", REGION, "api-dlq.fifo") });
    b.alias(fn, "prod", "3");
    const fill = { "<standard queue ARN>": `arn:aws:sqs:${REGION}:123456789012:api-dlq`, [newVersion("3")]: "4" };
    const { left, added, applied } = remediationRoundTrip(b.build(), false, fill);
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(applied["async-target-permission-missing"]).toBe(1);
  });
});

describe("destinations on aliases and published versions", () => {
  /** orders runs as current-role (may publish to the topic); version 3 was published with old-role (may not). */
  function orders() {
    const b = builder();
    const topic = b.arn("sns", REGION, "order-failures");
    const current = b.role({ name: "current-role", inline: { p: policy(allow("sns:Publish", topic)) } });
    const old = b.role({ name: "old-role" });
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: current });
    b.version(fn, "3", old);
    b.version(fn, "4", current);
    return { b, fn, topic, v3: `${fn}:3`, v4: `${fn}:4` };
  }

  it("a version's own destination is judged with the role that version was published with, and the evidence names the version", () => {
    const { b, topic, v3, v4 } = orders();
    b.eventInvokeConfig(v3, { onFailure: topic });
    b.eventInvokeConfig(v4, { onFailure: topic });
    const [f, ...rest] = findingsOf(asyncTargetPermissionMissing, b);
    expect(rest).toEqual([]);
    expect(f?.title).toBe("On-failure destination lacks sns:Publish");
    expect(f?.detail).toContain(`Asynchronous invocations of ${v3} send on-failure records`);
    expect(f?.remediation).toContain("--role-name old-role");
    const config = f?.evidence.find((e) => e.kind === "configuration");
    expect(config?.source?.functionArn).toBe(v3);
    expect(config?.description).toBe(`Async on-failure destination of orders:3: ${topic}`);
  });

  it("the same destination on an alias and the version it routes to is one finding for that role, naming both", () => {
    const { b, fn, topic, v3 } = orders();
    const live = b.alias(fn, "live", "3");
    b.eventInvokeConfig(v3, { onFailure: topic });
    b.eventInvokeConfig(live, { onFailure: topic });
    const found = findingsOf(asyncTargetPermissionMissing, b);
    expect(found).toHaveLength(1);
    expect(found[0]?.id).toBe(`async-target-permission-missing:${fn}#on-failure/${live}/${topic}`); // the alias's, as before
    expect(found[0]?.detail).toContain(`Asynchronous invocations of ${live} and ${v3} send on-failure records to ${topic}.`);
    expect(found[0]?.evidence.filter((e) => e.kind === "configuration").map((e) => e.source?.functionArn)).toEqual([live, v3]);
  });

  it("a destination shared by qualifiers running as different roles is reported for the role that lacks it only", () => {
    const { b, fn, topic, v3, v4 } = orders();
    for (const q of [fn, v3, v4]) b.eventInvokeConfig(q, { onFailure: topic });
    const found = findingsOf(asyncTargetPermissionMissing, b);
    expect(found.map((f) => f.remediation.match(/--role-name (\S+)/)?.[1])).toEqual(["old-role"]);
    expect(found[0]?.evidence.filter((e) => e.kind === "configuration").map((e) => e.source?.functionArn)).toEqual([v3]);
  });

  it("a weighted alias: the destination must be deliverable by each version's role; the one that lacks it is named", () => {
    const { b, fn, topic } = orders();
    const live = b.alias(fn, "live", "4");
    b.eventInvokeConfig(live, { onFailure: topic });
    const found = findingsOf(asyncTargetPermissionMissing, b, (s) => {
      const alias = s.regions![REGION]!.ListAliases![fn]!.Aliases![0] as Record<string, unknown>;
      alias.RoutingConfig = { AdditionalVersionWeights: { "3": 0.1 } }; // canary: 10 % to version 3 (old-role)
    });
    expect(found.map((f) => f.title)).toEqual(["On-failure destination lacks sns:Publish"]);
    expect(found[0]?.detail).toContain("old-role");
    expect(found[0]?.detail).not.toContain("current-role was evaluated");
    expect(found[0]?.remediation).toContain("--role-name old-role");
  });

  it("a weighted alias whose versions' roles both lack the destination: one finding per role, each with its own id", () => {
    const { b, fn } = orders();
    const elsewhere = b.arn("sns", REGION, "audit-failures");
    const live = b.alias(fn, "live", "4", undefined, { "3": 0.1 });
    b.eventInvokeConfig(live, { onFailure: elsewhere });
    const found = findingsOf(asyncTargetPermissionMissing, b);
    expect(found.map((f) => [f.id, f.remediation.match(/--role-name (\S+)/)?.[1]])).toEqual([
      [`async-target-permission-missing:${fn}#on-failure/${live}/${elsewhere}/current-role`, "current-role"],
      [`async-target-permission-missing:${fn}#on-failure/${live}/${elsewhere}/old-role`, "old-role"],
    ]);
  });

  it("versions that could not be listed: a version's destination is not judged with the current role (unknown, not fine)", () => {
    const { b, fn, topic, v3 } = orders();
    b.eventInvokeConfig(v3, { onFailure: topic });
    b.error({ operation: "ListVersionsByFunction", target: fn, code: "AccessDeniedException", message: "denied" });
    const ctx = contextOf(b, (s) => {
      delete (s.regions![REGION] as { ListVersionsByFunction?: unknown }).ListVersionsByFunction;
    });
    expect(asyncTargetPermissionMissing.check(ctx)).toEqual([]);
    expect(ctx.model.problems).toContainEqual({
      where: `on-failure destination ${topic}`,
      why: "orders:3 runs version 3, whose role is unknown (its versions could not be listed): not judged",
    });
  });

  it.each([
    {
      name: "an alias routing to a version the listed versions lack",
      // version 5 is not in the list
      qualify: (b: ReturnType<typeof builder>, fn: string) => b.alias(fn, "live", "5"),
      why: "orders:live runs version 5, whose role is unknown (the snapshot's list of its versions does not hold it): not judged",
    },
    {
      name: "an alias ListAliases' result lacks (its version is unknown)",
      // the aliases were listed, without live
      qualify: (b: ReturnType<typeof builder>, fn: string) => (b.alias(fn, "stable", "3"), `${fn}:live`),
      why: "orders:live runs alias live, whose version and role are unknown (the snapshot's list of its aliases does not hold it): not judged",
    },
  ])("$name: its destination is not judged with the current role", ({ qualify, why }) => {
    for (const allowed of [true, false]) {
      const b = builder();
      const topic = b.arn("sns", REGION, "order-failures");
      const current = b.role({ name: "current-role", ...(allowed ? { inline: { p: policy(allow("sns:Publish", topic)) } } : {}) });
      const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: current });
      b.version(fn, "3", current);
      b.eventInvokeConfig(qualify(b, fn), { onFailure: topic });
      const ctx = contextOf(b);
      expect(asyncTargetPermissionMissing.check(ctx)).toEqual([]);
      expect(ctx.model.problems).toContainEqual({ where: `on-failure destination ${topic}`, why });
    }
  });

  it("a snapshot with no version data at all: an alias's destination is judged with the current role, and says it was assumed", () => {
    const b = builder();
    const topic = b.arn("sns", REGION, "order-failures");
    const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "current-role" }) });
    b.eventInvokeConfig(b.alias(fn, "live", "5"), { onFailure: topic });
    const found = findingsOf(asyncTargetPermissionMissing, b, (s) => {
      delete (s.regions![REGION] as { ListVersionsByFunction?: unknown }).ListVersionsByFunction;
    });
    expect(found.map((f) => f.title)).toEqual(["On-failure destination lacks sns:Publish"]);
    expect(found[0]?.detail).toContain("the function's current execution role, current-role (assumed for version 5: the snapshot holds no list of the function's versions)");
    expect(found[0]?.remediation).toContain("--role-name current-role");
  });

  it("aliases that could not be listed: an alias's destination is not judged with the current role (its version is unknown)", () => {
    // The scan lists every qualifier's async settings, so an alias's arrive even when ListAliases failed.
    for (const allowed of [true, false]) {
      const b = builder();
      const topic = b.arn("sns", REGION, "order-failures");
      const current = b.role({ name: "current-role", ...(allowed ? { inline: { p: policy(allow("sns:Publish", topic)) } } : {}) });
      const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: current });
      b.eventInvokeConfig(`${fn}:live`, { onFailure: topic });
      b.error({ operation: "ListAliases", target: fn, code: "AccessDeniedException", message: "denied" });
      const ctx = contextOf(b);
      expect(asyncTargetPermissionMissing.check(ctx)).toEqual([]);
      expect(ctx.model.problems).toContainEqual({
        where: `on-failure destination ${topic}`,
        why: "orders:live runs alias live, whose version and role are unknown (its aliases could not be listed): not judged",
      });
    }
  });
});

describe("a Kafka topic as a mapping's on-failure destination (kafka://<topic>)", () => {
  const CLUSTER = "arn:aws:kafka:us-east-1:123456789012:cluster/orders-cluster/abc-123";
  const UUID = "44444444-3333-2222-1111-000000000000";
  const DEST = "kafka://failed-orders";

  function kafkaMapping(role: (b: B) => string, source: { msk?: boolean; secret?: boolean } = { msk: true }) {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "consumer", runtime: "nodejs22.x", role: role(b) });
    b.esm({
      functionArn: fn,
      uuid: UUID,
      topics: ["orders"],
      destinationOnFailure: DEST,
      ...(source.msk ? { sourceArn: CLUSTER } : { selfManagedKafka: { bootstrapServers: ["broker-1.example.com:9092"] } }),
      ...(source.secret ? { sourceAccess: [{ Type: "SASL_SCRAM_512_AUTH", URI: b.arn("secretsmanager", REGION, "secret:AmazonMSK_orders") }] } : {}),
    });
    return b;
  }

  // Lambda writes as a producer; on an MSK cluster with IAM authentication the role needs kafka-cluster:WriteData on
  // the topic, which is on the source's cluster (kafka-on-failure.html, kafka-on-failure-destination.html).
  it("MSK with IAM authentication: the role must be able to write to the topic on the source's cluster", () => {
    const found = findingsOf(asyncTargetPermissionMissing, kafkaMapping((b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaMSKExecutionRole")] })));
    expect(found.map((f) => f.title)).toEqual(["Mapping on-failure destination may lack kafka-cluster:WriteData (if the cluster uses IAM authentication)"]);
    expect(found[0]?.detail).toContain("kafka-cluster:WriteData on arn:aws:kafka:us-east-1:123456789012:topic/orders-cluster/abc-123/failed-orders is not allowed");
  });

  it("MSK with IAM authentication and WriteData on the cluster's topics: fine", () => {
    const write = policy(allow("kafka-cluster:WriteData", "arn:aws:kafka:us-east-1:123456789012:topic/orders-cluster/abc-123/*"));
    expect(findingsOf(asyncTargetPermissionMissing, kafkaMapping((b) => b.role({ name: "r", inline: { write } })))).toEqual([]);
  });

  it.each([
    { name: "MSK with SASL/SCRAM", source: { msk: true, secret: true } },
    { name: "self-managed Kafka", source: { msk: false } },
  ])("$name: IAM does not authorise the writes, so the destination is reported as not checked", ({ source }) => {
    const ctx = contextOf(kafkaMapping((b) => b.role({ name: "r" }), source));
    expect(asyncTargetPermissionMissing.check(ctx)).toEqual([]);
    expect(ctx.model.problems).toContainEqual({
      where: `mapping on-failure destination ${DEST}`,
      why: `consumer's event source mapping ${UUID} sends failed records to Kafka topic failed-orders; the cluster, not IAM, authorises writing to it (the mapping does not use MSK IAM authentication): not checked`,
    });
  });

  it("a destination of a kind this analysis does not know is reported as not checked, not passed over", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const firehose = b.arn("firehose", REGION, "deliverystream/failures");
    b.eventInvokeConfig(fn, { onFailure: firehose });
    const ctx = contextOf(b);
    expect(asyncTargetPermissionMissing.check(ctx)).toEqual([]);
    expect(ctx.model.problems).toContainEqual({
      where: `on-failure destination ${firehose}`,
      why: `api sends records to ${firehose}, a kind of destination whose permissions this analysis does not know: not checked`,
    });
  });
});

function policyName(remediation: string): string | undefined {
  return /--policy-name (\S+)/.exec(remediation)?.[1];
}

describe("async-target-permission-missing: one inline policy name per finding", () => {
  it("gives the on-failure destinations of the function and of an alias different policy names", () => {
    const b = builder();
    const role = b.role({ name: "orders-processor-role" });
    const fn = b.fn({ region: REGION, name: "orders-processor", runtime: "nodejs22.x", role });
    b.version(fn, "1");
    const live = b.alias(fn, "live", "1");
    b.eventInvokeConfig(fn, { onFailure: b.arn("sqs", REGION, "orders-failures") });
    b.eventInvokeConfig(live, { onFailure: b.arn("sqs", REGION, "orders-live-failures") });
    const findings = findingsOf(asyncTargetPermissionMissing, b);
    expect(findings).toHaveLength(2);
    const names = findings.map((f) => policyName(f.remediation));
    expect(names[0]).toBeDefined();
    // Both were "lpg-orders-processor-async-target-permission-missing-on-failure-arn-aws-lambda-us-east-1-123456789012-function-orders-processo":
    // put-role-policy replaces by name, so the second fix undid the first.
    expect(names[0]).not.toBe(names[1]);
    for (const name of names) expect(name).toMatch(/^[\w+=,.@-]{1,128}$/);
  });
});
