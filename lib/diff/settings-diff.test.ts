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
}

/** Function consumer fed by one Kafka mapping, behind a URL; its role may do anything, so no setting grants or refuses. */
function scan(s: Scan) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "consumer", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { all: policy(allow("*", "*")) } }), dlq: s.dlq });
  b.version(fn, "1");
  b.alias(fn, "live", "1");
  for (const [q, opts] of Object.entries(s.async ?? {})) b.eventInvokeConfig(q ? `${fn}:${q}` : fn, opts);
  if (s.asyncUnread) b.error({ operation: "ListFunctionEventInvokeConfigs", target: fn, code: "AccessDeniedException", message: "denied" });
  b.esm({ uuid: UUID, sourceArn: CLUSTER, topics: ["orders"], functionArn: fn, destinationOnFailure: s.destinationOnFailure, batchSize: s.batchSize, consumerGroupId: s.consumerGroupId });
  b.url(fn, { authType: s.authType ?? "AWS_IAM", ...(s.cors ? { cors: s.cors } : {}) });
  return analyzeSnapshot(parseSnapshot(b.build()));
}

const settings = (was: Scan, now: Scan) => diffReports(scan(was), scan(now)).functionsChanged.map((c) => c.settingsChanged);
const WAY = `event source ${CLUSTER} · topic orders`;
const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:consumer`;

describe("settings of a way in that changed while no permission or finding did", () => {
  it("a mapping's new on-failure destination, before and after, and none where there was none", () => {
    expect(settings({ destinationOnFailure: DLQ("dlq-a") }, { destinationOnFailure: DLQ("dlq-b") })).toEqual([
      [{ text: `${WAY} · on-failure destination`, was: DLQ("dlq-a"), now: DLQ("dlq-b") }],
    ]);
    expect(settings({}, { destinationOnFailure: DLQ("dlq-b") })).toEqual([[{ text: `${WAY} · on-failure destination`, was: "none", now: DLQ("dlq-b") }]]);
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

  it("an alias's on-success destination, retries and event age, set where there was none", () => {
    const alias = `${FN}:live`;
    expect(settings({}, { async: { live: { onSuccess: DLQ("done"), maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 } } })).toEqual([
      [
        { text: `asynchronous invocation · on ${alias} · maximum event age (seconds)`, was: "none", now: "60" },
        { text: `asynchronous invocation · on ${alias} · on-success destination`, was: "none", now: DLQ("done") },
        { text: `asynchronous invocation · on ${alias} · retry attempts`, was: "none", now: "0" },
      ],
    ]);
    expect(settings({ async: { live: { onSuccess: DLQ("done") } } }, {})).toEqual([
      [
        { text: `asynchronous invocation · on ${alias} · maximum event age (seconds)`, was: "21600", now: "none" },
        { text: `asynchronous invocation · on ${alias} · on-success destination`, was: DLQ("done"), now: "none" },
        { text: `asynchronous invocation · on ${alias} · retry attempts`, was: "2", now: "none" },
      ],
    ]);
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
