import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, outcome, REGION, type RuleCase } from "../test-support";
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
    name: "on-failure SNS and on-success EventBridge destinations, neither allowed",
    build: () =>
      fnWith(
        (b) => b.role({ name: "r" }),
        (b, fn) => b.eventInvokeConfig(fn, { onFailure: topic(b), onSuccess: bus(b) }),
      ),
    titles: ["On-success destination lacks events:PutEvents", "On-failure destination lacks sns:Publish"],
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
];

describe("async-target-permission-missing", () => {
  it.each(cases)("$name", (c) => {
    const got = outcome(asyncTargetPermissionMissing, c);
    expect(got.titles).toEqual(c.titles);
    if (c.severities) expect(got.severities).toEqual(c.severities);
  });
});
