import { describe, expect, it } from "vitest";
import { builder, findingsOf, outcome, REGION, testRuleCases, type RuleCase } from "../test-support";
import { eventSourceMappingFailing } from "./event-source-mapping-failing";

function mapping(opts: { state?: string; lastProcessingResult?: string; stateTransitionReason?: string; kafka?: boolean; service?: string }) {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r" }) });
  b.esm({
    functionArn: fn,
    ...(opts.kafka
      ? { selfManagedKafka: { bootstrapServers: ["b-1.example.com:9092"] }, topics: ["orders"] }
      : { sourceArn: b.arn(opts.service ?? "kinesis", REGION, "stream/clicks") }),
    uuid: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    state: opts.state,
    lastProcessingResult: opts.lastProcessingResult,
    stateTransitionReason: opts.stateTransitionReason,
  });
  return b;
}

const cases: RuleCase[] = [
  { name: "healthy mapping", build: () => mapping({ lastProcessingResult: "OK" }), titles: [] },
  { name: "no records yet", build: () => mapping({ lastProcessingResult: "No records processed" }), titles: [] },
  {
    name: "PROBLEM result is quoted",
    build: () => mapping({ lastProcessingResult: "PROBLEM: Function call failed" }),
    titles: ["Kinesis trigger failing: PROBLEM: Function call failed"],
    severities: ["medium"],
  },
  {
    name: "Kafka authorization error in StateTransitionReason",
    build: () => mapping({ kafka: true, state: "Disabled", stateTransitionReason: "EVENT_SOURCE_AUTHZ_ERROR" }),
    titles: ["Kafka trigger failing: EVENT_SOURCE_AUTHZ_ERROR"],
  },
  {
    name: "disabled by a user: medium, as the contract says for any Disabled mapping",
    build: () => mapping({ state: "Disabled", stateTransitionReason: "User action" }),
    titles: ["Kinesis trigger disabled: mapping is Disabled"],
    severities: ["medium"],
  },
  // A service an object literal's inherited names spell was labelled "function Object() { [native code] }".
  ...["constructor", "toString", "__proto__"].map((service) => ({
    name: `source service ${service}: labelled by its name`,
    build: () => mapping({ state: "Disabled", service }),
    titles: [`${service} trigger disabled: mapping is Disabled`],
  })),
  {
    // Mappings the list failed to return could add a verdict, not change the one on a mapping it returned.
    name: "mappings not all listed: the one read is judged",
    build: () => {
      const b = mapping({ lastProcessingResult: "PROBLEM: Function call failed" });
      b.error({ region: REGION, operation: "ListEventSourceMappings", code: "AccessDeniedException", message: "denied" });
      return b;
    },
    titles: ["Kinesis trigger failing: PROBLEM: Function call failed"],
  },
];

describe("event-source-mapping-failing", () => {
  testRuleCases(eventSourceMappingFailing, cases);

  it("a long reason: the title is cut at a word, the detail quotes it whole", () => {
    const reason =
      "PROBLEM: Connection error. Your VPC must be able to connect to Lambda and STS, as well as Secrets Manager if authentication is required.";
    const f = findingsOf(eventSourceMappingFailing, mapping({ lastProcessingResult: reason }))[0]!;
    expect(f.title).toBe("Kinesis trigger failing: PROBLEM: Connection error. Your VPC must be able to connect to Lambda and STS, as well as…");
    expect(f.detail).toContain(`"${reason}"`);
  });

  it("quotes AWS's reason and carries the mapping", () => {
    const f = outcome(eventSourceMappingFailing, cases[2]!).findings[0]!;
    expect(f.detail).toContain('"PROBLEM: Function call failed"');
    expect(f.evidence[0]).toMatchObject({ kind: "event-source-mapping", source: { mappingUuid: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" } });
  });

  it("points at the failing mapping, not the function's first", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r" }) });
    b.esm({ functionArn: fn, sourceArn: b.arn("kinesis", REGION, "stream/clicks"), uuid: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", lastProcessingResult: "OK" });
    b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "jobs"), uuid: "11111111-2222-3333-4444-555555555555", lastProcessingResult: "PROBLEM: Function call failed" });
    const [f, ...rest] = findingsOf(eventSourceMappingFailing, b);
    expect(rest).toEqual([]);
    expect(f!.evidence[0]).toMatchObject({ source: { mappingUuid: "11111111-2222-3333-4444-555555555555" } });
    expect(f!.detail).toContain("11111111-2222-3333-4444-555555555555");
  });
});
