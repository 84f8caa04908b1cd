/**
 * A scan that changed a way in's settings and no permission nor finding (a mapping's on-failure destination, batch
 * size or consumer group, a URL's CORS) is a change a reviewer is told of, with the value before and now: not
 * "nothing changed" while records now flow to a new place.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import type { EventInvokeOptions } from "@/lib/snapshot/fixtures/builder";
import { diffReports } from "./diff-reports";

const CLUSTER = `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/orders/3f1c2b9e-8d4a-4c1e-9b7f-2a6d5e8c1f04-2`;
const DLQ = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const UUID = "00000000-0000-4000-8000-00000000000a";
const BROKER = "b1.kafka.example:9092";

interface Scan {
  destinationOnFailure?: string;
  batchSize?: number;
  consumerGroupId?: string;
  cors?: Record<string, unknown>;
  authType?: "NONE" | "AWS_IAM";
  dlq?: string;
  /** Asynchronous invocation configurations, by qualifier ("" the function's own). */
  async?: Record<string, EventInvokeOptions>;
  /** The scan could not list the function's async configurations. */
  asyncUnread?: boolean;
  /** Fields AWS always answers with, left out as a snapshot written by other tooling may leave them (AWS's default then applies). */
  unset?: ("BatchSize" | "ConsumerGroupId" | "MaximumRetryAttempts" | "MaximumEventAgeInSeconds")[];
  /** The mapping's source: the MSK cluster unless an SQS queue is named or the source is self-managed Kafka. */
  queue?: string;
  selfManaged?: boolean;
  /** The mapping's UUID: another is the mapping deleted and created again. */
  uuid?: string;
}

type Json = Record<string, unknown>;

/** The snapshot without the `unset` fields in its mappings and async configurations. */
function withoutFields(snapshot: Json, fields: readonly string[]): Json {
  const drop = (o: Json) => {
    for (const f of fields) delete o[f];
    for (const kafka of ["AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig"]) if (o[kafka]) drop(o[kafka] as Json);
  };
  for (const region of Object.values(snapshot.regions as Record<string, Json>)) {
    for (const m of (region.ListEventSourceMappings as { EventSourceMappings: Json[] }).EventSourceMappings) drop(m);
    for (const c of Object.values(region.GetFunctionEventInvokeConfig as Record<string, Json>)) drop(c);
  }
  return snapshot;
}

/** Function consumer fed by one Kafka mapping, behind a URL; its role may do anything, so no setting grants or refuses. */
function scan(s: Scan) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "consumer", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { all: policy(allow("*", "*")) } }), dlq: s.dlq });
  for (const v of ["1", "2", "3"]) b.version(fn, v);
  b.alias(fn, "live", "1");
  for (const [q, opts] of Object.entries(s.async ?? {})) b.eventInvokeConfig(q ? `${fn}:${q}` : fn, opts);
  if (s.asyncUnread) b.error({ operation: "ListFunctionEventInvokeConfigs", target: fn, code: "AccessDeniedException", message: "denied" });
  const kafka = { topics: ["orders"], consumerGroupId: s.consumerGroupId };
  const source = s.queue ? { sourceArn: s.queue } : s.selfManaged ? { selfManagedKafka: { bootstrapServers: [BROKER] }, ...kafka } : { sourceArn: CLUSTER, ...kafka };
  b.esm({ uuid: s.uuid ?? UUID, ...source, functionArn: fn, destinationOnFailure: s.destinationOnFailure, batchSize: s.batchSize });
  b.url(fn, { authType: s.authType ?? "AWS_IAM", ...(s.cors ? { cors: s.cors } : {}) });
  return analyzeSnapshot(parseSnapshot(withoutFields(b.build() as unknown as Json, s.unset ?? [])));
}

const settings = (was: Scan, now: Scan) => diffReports(scan(was), scan(now)).functionsChanged.map((c) => c.settingsChanged);
const WAY = `event source ${CLUSTER} · topic orders`;
const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:consumer`;

describe("settings of a way in that changed while no permission or finding did", () => {
  it("a mapping's new on-failure destination, before and after, and none where there was none", () => {
    expect(settings({ destinationOnFailure: DLQ("dlq-a") }, { destinationOnFailure: DLQ("dlq-b") })).toEqual([
      [{ text: `${WAY} · on-failure destination`, was: DLQ("dlq-a"), now: DLQ("dlq-b") }],
    ]);
    // A Kafka mapping's infinite retries become at most 10 with a destination (kafka-on-failure-destination.html).
    expect(settings({}, { destinationOnFailure: DLQ("dlq-b") })).toEqual([
      [
        { text: `${WAY} · on-failure destination`, was: "none", now: DLQ("dlq-b") },
        { text: `${WAY} · retry attempts`, was: "-1 (infinite, the default)", now: "-1 (at most 10 with an on-failure destination, the default)" },
      ],
    ]);
  });

  it("a mapping's batch size and consumer group", () => {
    expect(settings({ batchSize: 100, consumerGroupId: "billing" }, { batchSize: 500, consumerGroupId: "audit" })).toEqual([
      [
        { text: `${WAY} · batch size`, was: "100", now: "500" },
        { text: `${WAY} · consumer group`, was: "billing", now: "audit" },
      ],
    ]);
  });

  it("a URL's CORS, its lists' order no change", () => {
    const was = { AllowOrigins: ["https://a.example", "https://b.example"], AllowMethods: ["GET"] };
    expect(settings({ cors: was }, { cors: { AllowMethods: ["GET"], AllowOrigins: ["https://b.example", "https://a.example"] } })).toEqual([]);
    const d = settings({ cors: was }, { cors: { ...was, AllowOrigins: ["*"] } });
    expect(d).toEqual([
      [
        {
          text: "function URL · CORS",
          was: '{"AllowMethods":["GET"],"AllowOrigins":["https://a.example","https://b.example"]}',
          now: '{"AllowMethods":["GET"],"AllowOrigins":["*"]}',
        },
      ],
    ]);
  });

  it("outlines the function on the graph", () => {
    const d = diffReports(scan({ destinationOnFailure: DLQ("dlq-a") }), scan({ destinationOnFailure: DLQ("dlq-b") }));
    expect(d.changedNodeIds).toEqual([d.functionsChanged[0]!.nodeId]);
  });

  it("the same settings in both scans are no change", () => {
    const same = { destinationOnFailure: DLQ("dlq-a"), batchSize: 10, consumerGroupId: "billing", cors: { AllowOrigins: ["*"] } };
    expect(diffReports(scan(same), scan(same)).functionsChanged).toEqual([]);
  });

  it("a function's new on-failure destination and dead-letter queue, the role covering both: what the events' new place is", () => {
    const d = diffReports(scan({ dlq: DLQ("dlq-a"), async: { "": { onFailure: DLQ("fail-a") } } }), scan({ dlq: DLQ("dlq-b"), async: { "": { onFailure: DLQ("fail-b") } } }));
    expect([d.findingsNew, d.functionsChanged.map((f) => f.settingsChanged)]).toEqual([
      [],
      [
        [
          { text: "asynchronous invocation · dead-letter queue", was: DLQ("dlq-a"), now: DLQ("dlq-b") },
          { text: "asynchronous invocation · on-failure destination", was: DLQ("fail-a"), now: DLQ("fail-b") },
        ],
      ],
    ]);
  });

  it("an alias's on-success destination, retries and event age, set where there was none: AWS's defaults applied before", () => {
    const alias = `${FN}:live`;
    expect(settings({}, { async: { live: { onSuccess: DLQ("done"), maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 } } })).toEqual([
      [
        { text: `asynchronous invocation · on ${alias} · maximum event age (seconds)`, was: "21600 (default)", now: "60" },
        { text: `asynchronous invocation · on ${alias} · on-success destination`, was: "none", now: DLQ("done") },
        { text: `asynchronous invocation · on ${alias} · retry attempts`, was: "2 (default)", now: "0" },
      ],
    ]);
  });

  it("a configuration removed: its retries and event age return to AWS's defaults, no change where it had set them", () => {
    const alias = `${FN}:live`;
    expect(settings({ async: { live: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 } } }, {})).toEqual([
      [
        { text: `asynchronous invocation · on ${alias} · maximum event age (seconds)`, was: "60", now: "21600 (default)" },
        { text: `asynchronous invocation · on ${alias} · retry attempts`, was: "0", now: "2 (default)" },
      ],
    ]);
    // AWS answers a configuration with its defaults written out (2, 21600): removing it changes only the destination.
    expect(settings({ async: { live: { onSuccess: DLQ("done") } } }, {})).toEqual([
      [{ text: `asynchronous invocation · on ${alias} · on-success destination`, was: DLQ("done"), now: "none" }],
    ]);
    // A configuration that leaves them out: AWS's defaults, the same as those written out.
    expect(settings({ async: { "": { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21600 } } }, { async: { "": {} }, unset: ["MaximumRetryAttempts", "MaximumEventAgeInSeconds"] })).toEqual([]);
    expect(settings({ async: { "": { maximumRetryAttempts: 1 } } }, { async: { "": {} }, unset: ["MaximumRetryAttempts"] })).toEqual([
      [{ text: "asynchronous invocation · retry attempts", was: "1", now: "2 (default)" }],
    ]);
  });

  it("the function's own retries set where only its dead-letter queue was: from AWS's default", () => {
    expect(settings({ dlq: DLQ("dlq-a") }, { dlq: DLQ("dlq-a"), async: { "": { maximumRetryAttempts: 1 } } })).toEqual([
      [{ text: "asynchronous invocation · retry attempts", was: "2 (default)", now: "1" }],
    ]);
  });

  it("reads each configuration where it is set: only version 3's changing is one line on version 3", () => {
    const others = { "": { onFailure: DLQ("fail-a"), maximumRetryAttempts: 1 }, live: { maximumEventAgeInSeconds: 600 } };
    expect(settings({ async: { ...others, "3": { maximumRetryAttempts: 0 } } }, { async: { ...others, "3": { maximumRetryAttempts: 1 } } })).toEqual([
      [{ text: `asynchronous invocation · on ${FN}:3 · retry attempts`, was: "0", now: "1" }],
    ]);
    // A version's configuration against none at all: the version's calls had AWS's defaults; the function's are untouched.
    expect(settings({}, { async: { "3": { maximumRetryAttempts: 0, onFailure: DLQ("fail-3") } } })).toEqual([
      [
        { text: `asynchronous invocation · on ${FN}:3 · on-failure destination`, was: "none", now: DLQ("fail-3") },
        { text: `asynchronous invocation · on ${FN}:3 · retry attempts`, was: "2 (default)", now: "0" },
      ],
    ]);
  });

  it("$LATEST's configuration is the function's own, and an alias's is its own", () => {
    expect(settings({ async: { $LATEST: { maximumRetryAttempts: 0 } } }, { async: { "": { maximumRetryAttempts: 0 } } })).toEqual([]);
    expect(settings({ async: { $LATEST: { maximumRetryAttempts: 0 } } }, { async: { $LATEST: { maximumRetryAttempts: 0 }, live: { maximumRetryAttempts: 1 } } })).toEqual([
      [{ text: `asynchronous invocation · on ${FN}:live · retry attempts`, was: "2 (default)", now: "1" }],
    ]);
    expect(settings({ async: { $LATEST: { maximumRetryAttempts: 0 }, live: { maximumRetryAttempts: 1 } } }, { async: { live: { maximumRetryAttempts: 1 } } })).toEqual([
      [{ text: "asynchronous invocation · retry attempts", was: "0", now: "2 (default)" }],
    ]);
  });

  it("a mapping's unset batch size is AWS's default for its source: 100 for Kafka, 10 for SQS", () => {
    expect(settings({ batchSize: 500 }, { unset: ["BatchSize"] })).toEqual([[{ text: `${WAY} · batch size`, was: "500", now: "100 (default)" }]]);
    expect(settings({ batchSize: 100 }, { unset: ["BatchSize"] })).toEqual([]);
    const queue = DLQ("orders");
    expect(settings({ queue, batchSize: 100 }, { queue, unset: ["BatchSize"] })).toEqual([[{ text: `event source ${queue} · batch size`, was: "100", now: "10 (default)" }]]);
    expect(settings({ queue, batchSize: 10 }, { queue, unset: ["BatchSize"] })).toEqual([]);
  });

  it("a Kafka mapping's unset consumer group is the mapping's UUID, as Lambda names it", () => {
    expect(settings({ consumerGroupId: "billing" }, { unset: ["ConsumerGroupId"] })).toEqual([
      [{ text: `${WAY} · consumer group`, was: "billing", now: `the mapping's UUID, ${UUID} (default)` }],
    ]);
    expect(settings({ consumerGroupId: UUID }, { unset: ["ConsumerGroupId"] })).toEqual([]);
  });

  it("a self-managed Kafka mapping's unset consumer group is the mapping's UUID too (with-kafka.html), not none", () => {
    const way = `event source kafka://${BROKER} · topic orders · consumer group`;
    expect(settings({ selfManaged: true, consumerGroupId: "billing" }, { selfManaged: true, unset: ["ConsumerGroupId"] })).toEqual([
      [{ text: way, was: "billing", now: `the mapping's UUID, ${UUID} (default)` }],
    ]);
    expect(settings({ selfManaged: true, consumerGroupId: UUID }, { selfManaged: true, unset: ["ConsumerGroupId"] })).toEqual([]);
  });

  it("a mapping created again under a new UUID, its group Lambda's: a new group, whose offsets start again", () => {
    const again = "00000000-0000-4000-8000-00000000000b";
    const line = (now: string) => [[{ text: `${WAY} · consumer group`, was: `the mapping's UUID, ${UUID}`, now }]];
    // AWS answers with the group written out (the UUID), other tooling may leave it out: a new group either way.
    expect(settings({}, { uuid: again })).toEqual(line(`the mapping's UUID, ${again}`));
    expect(settings({}, { uuid: again, unset: ["ConsumerGroupId"] })).toEqual(line(`the mapping's UUID, ${again} (default)`));
    // Left out by both scans: the group in force changed all the same.
    expect(settings({ unset: ["ConsumerGroupId"] }, { uuid: again, unset: ["ConsumerGroupId"] })).toEqual([
      [{ text: `${WAY} · consumer group`, was: `the mapping's UUID, ${UUID} (default)`, now: `the mapping's UUID, ${again} (default)` }],
    ]);
    expect(settings({ selfManaged: true }, { selfManaged: true, uuid: again })).toEqual([
      [{ text: `event source kafka://${BROKER} · topic orders · consumer group`, was: `the mapping's UUID, ${UUID}`, now: `the mapping's UUID, ${again}` }],
    ]);
    // A group of its own name is the same group under any UUID.
    expect(settings({ consumerGroupId: "billing" }, { consumerGroupId: "billing", uuid: again })).toEqual([]);
  });

  it("async settings a scan could not read are no change; the dead-letter queue, read with the function, still is", () => {
    const was = { dlq: DLQ("dlq-a"), async: { "": { onFailure: DLQ("fail-a") }, live: { onSuccess: DLQ("done") } } };
    expect(diffReports(scan(was), scan({ dlq: DLQ("dlq-b"), asyncUnread: true })).functionsChanged.map((c) => c.settingsChanged)).toEqual([
      [{ text: "asynchronous invocation · dead-letter queue", was: DLQ("dlq-a"), now: DLQ("dlq-b") }],
    ]);
    expect(diffReports(scan({ dlq: DLQ("dlq-a"), asyncUnread: true }), scan(was)).functionsChanged.flatMap((c) => c.settingsChanged ?? [])).toEqual([]);
  });

  it("the same async settings in both scans are no change", () => {
    const same = { dlq: DLQ("dlq-a"), async: { "": { onFailure: DLQ("fail-a") }, live: { onSuccess: DLQ("done"), maximumRetryAttempts: 1 } } };
    expect(diffReports(scan(same), scan(same)).functionsChanged).toEqual([]);
  });

  it("a number given as something else (a hand-made file) reads as given, not as unset, and two such values differ", () => {
    const odd = (v: unknown) => v as number;
    expect(settings({ batchSize: 10 }, { batchSize: odd("NaN") })).toEqual([[{ text: `${WAY} · batch size`, was: "10", now: '"NaN"' }]]);
    expect(settings({ batchSize: odd("100") }, { batchSize: odd("500") })).toEqual([[{ text: `${WAY} · batch size`, was: '"100"', now: '"500"' }]]);
    expect(settings({ async: { "": { maximumRetryAttempts: 1 } } }, { async: { "": { maximumRetryAttempts: odd({ b: [2, 1], a: null }) } } })).toEqual([
      [{ text: "asynchronous invocation · retry attempts", was: "1", now: '{"a":null,"b":[1,2]}' }],
    ]);
    expect(settings({ batchSize: odd([3, 1]) }, { batchSize: odd([1, 3]) })).toEqual([]);
  });

  it("a URL's auth type, beside the way in it lost: NONE with no public grant lets no one in, and the lost line alone did not say so", () => {
    const c = diffReports(scan({ authType: "AWS_IAM" }), scan({ authType: "NONE" })).functionsChanged[0]!;
    expect([c.invokersLost.map((i) => i.text), c.invokersGained.map((i) => i.text)]).toEqual([["function URL (auth AWS_IAM)"], []]);
    expect(c.settingsChanged).toEqual([{ text: "function URL · auth type", was: "AWS_IAM", now: "NONE" }]);
  });
});
