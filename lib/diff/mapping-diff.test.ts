/**
 * Two event source mappings of one source to one function (two topics of one Kafka cluster, one queue read with two
 * filters) are two ways in: removing one is a way lost, not hidden behind the other. A mapping deleted and created
 * again (same source, same settings, a new UUID) is the same way in, neither lost nor gained.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { diffReports } from "./diff-reports";

const CLUSTER = `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/orders/3f1c2b9e-8d4a-4c1e-9b7f-2a6d5e8c1f04-2`;
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const REFUNDS = '{"body":{"type":["refund"]}}';
const SALES = '{"body":{"type":["sale"]}}';

interface Mapping {
  batchSize?: number;
  consumerGroupId?: string;
  uuid: string;
  sourceArn: string;
  topics?: string[];
  filterPatterns?: string[];
}

/** Function consumer and the mappings that feed it. */
function scan(mappings: Mapping[]) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "consumer", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  for (const m of mappings) b.esm({ ...m, functionArn: fn });
  return analyzeSnapshot(parseSnapshot(b.build()));
}

const ways = (d: ReturnType<typeof diffReports>) =>
  d.functionsChanged.map((c) => ({ gained: c.invokersGained.map((i) => i.text), lost: c.invokersLost.map((i) => i.text) }));

describe("event source mappings of one source to one function", () => {
  it("one of two Kafka topics of one cluster removed is a way in lost, named by its topic", () => {
    const both = [
      { uuid: "00000000-0000-4000-8000-000000000001", sourceArn: CLUSTER, topics: ["orders"] },
      { uuid: "00000000-0000-4000-8000-000000000002", sourceArn: CLUSTER, topics: ["refunds"] },
    ];
    expect(ways(diffReports(scan(both), scan(both.slice(0, 1))))).toEqual([{ gained: [], lost: [`event source ${CLUSTER} · topic refunds`] }]);
  });

  it("one of two filters on one queue removed is a way in lost, named by its filter", () => {
    const both = [
      { uuid: "00000000-0000-4000-8000-000000000001", sourceArn: QUEUE, filterPatterns: [SALES] },
      { uuid: "00000000-0000-4000-8000-000000000002", sourceArn: QUEUE, filterPatterns: [REFUNDS] },
    ];
    expect(ways(diffReports(scan(both), scan(both.slice(1))))).toEqual([{ gained: [], lost: [`event source ${QUEUE} · filter ${SALES}`] }]);
  });

  it("a mapping created again with the same source and settings under a new UUID is no change", () => {
    const was = [{ uuid: "00000000-0000-4000-8000-000000000001", sourceArn: CLUSTER, topics: ["orders"], filterPatterns: [SALES, REFUNDS], consumerGroupId: "orders" }];
    // Lambda gives no meaning to the order of a mapping's filters.
    const now = [{ uuid: "00000000-0000-4000-8000-000000000009", sourceArn: CLUSTER, topics: ["orders"], filterPatterns: [REFUNDS, SALES], consumerGroupId: "orders" }];
    expect(diffReports(scan(was), scan(now)).functionsChanged).toEqual([]);
    // In the group Lambda named after each: the same way in, yet a new group (settings-diff.test.ts).
    const unnamed = diffReports(scan(was.map(({ consumerGroupId: _, ...m }) => m)), scan(now.map(({ consumerGroupId: _, ...m }) => m)));
    expect([ways(unnamed), unnamed.functionsChanged.map((c) => c.settingsChanged?.map((s) => s.text))]).toEqual([
      [{ gained: [], lost: [] }],
      [[`event source ${CLUSTER} · topic orders · filter ${REFUNDS} · filter ${SALES} · consumer group`]],
    ]);
  });
});

describe("event source mappings of one source to one function that differ only in settings the way in does not show", () => {
  const twin = (uuid: string, extra: Partial<Mapping & { batchSize: number; consumerGroupId: string }>) => ({ uuid, sourceArn: CLUSTER, topics: ["orders"], ...extra });
  const A = "00000000-0000-4000-8000-00000000000a";
  const B = "00000000-0000-4000-8000-00000000000b";

  it("one of two differing only in batch size removed is a way in lost, named by its UUID", () => {
    const both = [twin(A, { batchSize: 10 }), twin(B, { batchSize: 500 })];
    expect(ways(diffReports(scan(both), scan(both.slice(0, 1))))).toEqual([{ gained: [], lost: [`event source ${CLUSTER} · topic orders · mapping ${B}`] }]);
  });

  it("one of two differing only in consumer group added is a way in gained", () => {
    const both = [twin(A, { consumerGroupId: "billing" }), twin(B, { consumerGroupId: "audit" })];
    expect(ways(diffReports(scan(both.slice(0, 1)), scan(both)))).toEqual([{ gained: [`event source ${CLUSTER} · topic orders · mapping ${B}`], lost: [] }]);
  });

  it("the same two in both scans, listed in another order, are no change", () => {
    const both = [twin(A, { batchSize: 10 }), twin(B, { batchSize: 500 })];
    expect(diffReports(scan(both), scan([...both].reverse())).functionsChanged).toEqual([]);
  });

  it("one removed and another created with the same settings under a new UUID is no change: the remaining one keeps its UUID", () => {
    const C = "00000000-0000-4000-8000-00000000000c";
    // A group of its own, not Lambda's (named after the mapping, so new with it).
    const was = [twin(A, { batchSize: 10 }), twin(B, { batchSize: 500, consumerGroupId: "bulk" })];
    const now = [twin(A, { batchSize: 10 }), twin(C, { batchSize: 500, consumerGroupId: "bulk" })];
    expect(diffReports(scan(was), scan(now)).functionsChanged).toEqual([]);
  });
});

describe("a mapping whose consumer group changed", () => {
  it("shows as a new finding when the execution role may not use the new group", () => {
    const GROUP_DENY = policy(allow("*", "*"), deny(["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"], `arn:aws:kafka:${REGION}:${ACCOUNT}:group/orders/*/audit`));
    const withGroup = (consumerGroupId: string) => {
      const b = newBuilder();
      const fn = b.fn({ region: REGION, name: "consumer", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { p: GROUP_DENY } }) });
      b.esm({ uuid: "00000000-0000-4000-8000-00000000000a", sourceArn: CLUSTER, topics: ["orders"], consumerGroupId, functionArn: fn });
      return analyzeSnapshot(parseSnapshot(b.build()));
    };
    const d = diffReports(withGroup("billing"), withGroup("audit"));
    expect(d.findingsNew.map((f) => [f.rule, f.title.includes("kafka-cluster:DescribeGroup")])).toEqual([["event-source-missing-permissions", true]]);
    expect(d.findingsFixed).toEqual([]);
  });
});
