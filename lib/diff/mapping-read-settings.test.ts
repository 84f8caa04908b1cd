/**
 * How a mapping reads its source (batching window, parallelization, starting position, tumbling window, maximum
 * concurrency, bisecting, retries, record age, response types) changed between two scans: "who changed the batch
 * window?" after an incident. Each is a setting changed, with its value before and now; where a snapshot leaves one
 * out, the default AWS documents for the source, so a hand-made file and AWS's written-out answer are no change.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { diffReports } from "./diff-reports";
import { withMappingFields } from "./scan-fixtures";

const STREAM = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/orders`;
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const CLUSTER = `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/orders/3f1c2b9e-8d4a-4c1e-9b7f-2a6d5e8c1f04-2`;
const UUID = "00000000-0000-4000-8000-00000000000a";

type Json = Record<string, unknown>;

/**
 * Function consumer fed by one mapping of `sourceArn`, its role allowed everything (no setting grants or refuses);
 * `fields` as the Lambda API names them, over what the builder writes (AWS's answer), undefined to leave one out.
 */
function scan(sourceArn: string, fields: Json = {}, filterPatterns?: string[]) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "consumer", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { all: policy(allow("*", "*")) } }) });
  b.esm({ uuid: UUID, sourceArn, functionArn: fn, ...(sourceArn === CLUSTER ? { topics: ["orders"] } : {}), filterPatterns });
  const snapshot = parseSnapshot(b.build());
  return analyzeSnapshot(withMappingFields(snapshot, "consumer", fields, snapshot.capturedAt));
}

const settings = (source: string, was: Json, now: Json) => diffReports(scan(source, was), scan(source, now)).functionsChanged.map((c) => c.settingsChanged);

describe("a mapping's read settings changed between two scans", () => {
  it("a stream's: each one line with its value before and now", () => {
    const way = `event source ${STREAM}`;
    const was = { MaximumBatchingWindowInSeconds: 0, ParallelizationFactor: 1, StartingPosition: "LATEST", TumblingWindowInSeconds: 0, BisectBatchOnFunctionError: false, MaximumRetryAttempts: -1, MaximumRecordAgeInSeconds: -1, FunctionResponseTypes: [] };
    const now = { MaximumBatchingWindowInSeconds: 5, ParallelizationFactor: 4, StartingPosition: "TRIM_HORIZON", TumblingWindowInSeconds: 60, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 3, MaximumRecordAgeInSeconds: 3600, FunctionResponseTypes: ["ReportBatchItemFailures"] };
    expect(settings(STREAM, was, now)).toEqual([
      [
        { text: `${way} · function response types`, was: "none", now: "ReportBatchItemFailures" },
        { text: `${way} · maximum batching window (seconds)`, was: "0", now: "5" },
        { text: `${way} · maximum record age (seconds)`, was: "-1 (infinite)", now: "3600" },
        { text: `${way} · parallelization factor`, was: "1", now: "4" },
        { text: `${way} · retry attempts`, was: "-1 (infinite)", now: "3" },
        { text: `${way} · split batch on function error`, was: "false", now: "true" },
        { text: `${way} · starting position`, was: "LATEST", now: "TRIM_HORIZON" },
        { text: `${way} · tumbling window (seconds)`, was: "0", now: "60" },
      ],
    ]);
  });

  it("a queue's maximum concurrency set where there was none, and its batching window", () => {
    expect(settings(QUEUE, {}, { ScalingConfig: { MaximumConcurrency: 50 }, MaximumBatchingWindowInSeconds: 10 })).toEqual([
      [
        { text: `event source ${QUEUE} · maximum batching window (seconds)`, was: "0", now: "10" },
        { text: `event source ${QUEUE} · maximum concurrency`, was: "none", now: "50" },
      ],
    ]);
    // An empty ScalingConfig sets no limit: the same as none.
    expect(settings(QUEUE, { ScalingConfig: {} }, {})).toEqual([]);
  });

  it("a start time read from AT_TIMESTAMP is part of the starting position", () => {
    const at = (t: number) => ({ StartingPosition: "AT_TIMESTAMP", StartingPositionTimestamp: t });
    expect(settings(STREAM, at(1_700_000_000), at(1_700_003_600))).toEqual([
      [{ text: `event source ${STREAM} · starting position`, was: "AT_TIMESTAMP, 1700000000", now: "AT_TIMESTAMP, 1700003600" }],
    ]);
  });

  it("left out by a hand-made file: AWS's documented default for the source, the same as written out", () => {
    const unset = { MaximumBatchingWindowInSeconds: undefined, ParallelizationFactor: undefined, BisectBatchOnFunctionError: undefined, MaximumRetryAttempts: undefined, MaximumRecordAgeInSeconds: undefined, FunctionResponseTypes: undefined };
    const written = { MaximumBatchingWindowInSeconds: 0, ParallelizationFactor: 1, BisectBatchOnFunctionError: false, MaximumRetryAttempts: -1, MaximumRecordAgeInSeconds: -1, FunctionResponseTypes: [] };
    expect(settings(STREAM, written, unset)).toEqual([]);
    expect(settings(STREAM, unset, { ParallelizationFactor: 2, MaximumRetryAttempts: 10 })).toEqual([
      [
        { text: `event source ${STREAM} · parallelization factor`, was: "1 (default)", now: "2" },
        { text: `event source ${STREAM} · retry attempts`, was: "-1 (infinite, the default)", now: "10" },
      ],
    ]);
    // A Kafka mapping's window is 500 ms unless set, in the setting's unit.
    expect(settings(CLUSTER, { MaximumBatchingWindowInSeconds: undefined }, { MaximumBatchingWindowInSeconds: 0 })).toEqual([
      [{ text: `event source ${CLUSTER} · topic orders · maximum batching window (seconds)`, was: "0.5 (default)", now: "0" }],
    ]);
  });

  it("a Kafka mapping's splitting, retries and record age left out: the defaults AWS documents for Kafka as for streams", () => {
    const way = `event source ${CLUSTER} · topic orders`;
    const unset = { BisectBatchOnFunctionError: undefined, MaximumRetryAttempts: undefined, MaximumRecordAgeInSeconds: undefined };
    expect(settings(CLUSTER, { BisectBatchOnFunctionError: false, MaximumRetryAttempts: -1, MaximumRecordAgeInSeconds: -1 }, unset)).toEqual([]);
    expect(settings(CLUSTER, unset, { BisectBatchOnFunctionError: true, MaximumRetryAttempts: 3, MaximumRecordAgeInSeconds: 3600 })).toEqual([
      [
        { text: `${way} · maximum record age (seconds)`, was: "-1 (infinite, the default)", now: "3600" },
        { text: `${way} · retry attempts`, was: "-1 (infinite, the default)", now: "3" },
        { text: `${way} · split batch on function error`, was: "false (default)", now: "true" },
      ],
    ]);
  });

  it("a Kafka mapping given an on-failure destination retries at most 10 times where it retried for ever: both lines", () => {
    const way = `event source ${CLUSTER} · topic orders`;
    const destination = { DestinationConfig: { OnFailure: { Destination: "kafka://orders-failed" } } };
    const lines = (retries: string) => [
      [
        { text: `${way} · on-failure destination`, was: "none", now: "kafka://orders-failed" },
        { text: `${way} · retry attempts`, was: `-1 (infinite${retries})`, now: `-1 (at most 10 with an on-failure destination${retries})` },
      ],
    ];
    expect(settings(CLUSTER, { MaximumRetryAttempts: -1 }, { MaximumRetryAttempts: -1, ...destination })).toEqual(lines(""));
    // Unset in both scans (a Kafka mapping made before Kafka had retries): the default in force changed all the same.
    expect(settings(CLUSTER, { MaximumRetryAttempts: undefined }, { MaximumRetryAttempts: undefined, ...destination })).toEqual(lines(", the default"));
  });

  it("the same read settings, response types in another order, are no change", () => {
    const same = { ParallelizationFactor: 3, FunctionResponseTypes: ["ReportBatchItemFailures", "Other"] };
    expect(diffReports(scan(STREAM, same), scan(STREAM, { ...same, FunctionResponseTypes: ["Other", "ReportBatchItemFailures"] })).functionsChanged).toEqual([]);
  });

  it("outlines the function on the graph", () => {
    const d = diffReports(scan(STREAM, { ParallelizationFactor: 1 }), scan(STREAM, { ParallelizationFactor: 10 }));
    expect(d.changedNodeIds).toEqual([d.functionsChanged[0]!.nodeId]);
  });
});

describe("a mapping's filter changed (the same mapping, by UUID)", () => {
  it("is what of the source it reads: the way in with the old filter lost, with the new gained, each naming its filter", () => {
    const [a, b] = ['{"body":{"type":["sale"]}}', '{"body":{"type":["refund"]}}'];
    const d = diffReports(scan(QUEUE, {}, [a]), scan(QUEUE, {}, [b]));
    expect(d.functionsChanged.map((c) => [c.invokersLost.map((i) => i.text), c.invokersGained.map((i) => i.text)])).toEqual([
      [[`event source ${QUEUE} · filter ${a}`], [`event source ${QUEUE} · filter ${b}`]],
    ]);
  });
});

describe("a stream mapping's on-failure destination moved to a queue its role may not send to", () => {
  it("is the setting changed and a new finding naming the missing grant (lambda-permissions.md §1.2)", () => {
    const queue = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
    const withDestination = (destination: string) => {
      const b = newBuilder();
      const role = b.role({ name: "r", inline: { p: policy(allow(["kinesis:*"], "*"), allow("sqs:SendMessage", queue("failed-a"))) } });
      const fn = b.fn({ region: REGION, name: "consumer", runtime: "nodejs22.x", role });
      b.esm({ uuid: UUID, sourceArn: STREAM, functionArn: fn, destinationOnFailure: destination });
      return analyzeSnapshot(parseSnapshot(b.build()));
    };
    const d = diffReports(withDestination(queue("failed-a")), withDestination(queue("failed-b")));
    expect(d.functionsChanged.map((c) => c.settingsChanged)).toEqual([[{ text: `event source ${STREAM} · on-failure destination`, was: queue("failed-a"), now: queue("failed-b") }]]);
    expect(d.findingsNew.map((f) => [f.rule, f.title.includes("sqs:SendMessage")])).toEqual([["async-target-permission-missing", true]]);
  });
});
