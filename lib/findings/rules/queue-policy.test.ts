/**
 * SQS queue policies (GetQueueAttributes Policy) in the needs rules: within the queue's account the queue policy may
 * grant the execution role what a trigger or dead-letter queue needs, and a Deny there refuses it; across accounts
 * the role's own Allow is not enough unless the queue policy allows too. A queue whose attributes could not be read
 * has an unread policy: the answer is unknown, never fine.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { builder, contextOf, findingsOf, OTHER_ACCOUNT, REGION } from "../test-support";

import { eventSourceMissingPermissions } from "./event-source-missing-permissions";
import { asyncTargetPermissionMissing } from "./async-target-permission-missing";
import { RULES } from "./registry";

const dataUnavailable = RULES.find((r) => r.id === "data-unavailable")!;

type B = ReturnType<typeof builder>;
const RECEIVE = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];

/** A function polling `queue`, its role granting `own` actions on it; the queue policy `statements`, when given. */
function trigger(opts: { queue?: (b: B) => string; own?: string[]; statements?: (role: string, queue: string) => object[]; readFails?: boolean }) {
  const b = builder();
  const queue = (opts.queue ?? ((b: B) => b.arn("sqs", REGION, "orders")))(b);
  const role = b.role({ name: "r", inline: { q: policy(allow(opts.own ?? [], queue)) } });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role });
  b.esm({ functionArn: fn, sourceArn: queue, uuid: "11111111-2222-3333-4444-555555555555" });
  if (opts.readFails) b.error({ region: REGION, operation: "GetQueueAttributes", target: queue, code: "AccessDenied", message: "denied" });
  else {
    b.queueEncryption(queue, {});
    if (opts.statements) b.queuePolicy(queue, { Version: "2012-10-17", Id: "orders-policy", Statement: opts.statements(role, queue) });
  }
  return { b, queue, role };
}

const titles = (b: B) => findingsOf(eventSourceMissingPermissions, b).map((f) => f.title);

describe("an SQS trigger's queue policy", () => {
  it("granting the role ReceiveMessage within the account is enough: no finding for it", () => {
    const grant = (role: string, queue: string) => [{ Sid: "WorkerReceives", Effect: "Allow", Principal: { AWS: role }, Action: "sqs:ReceiveMessage", Resource: queue }];
    // The role lacks ReceiveMessage itself: without the queue policy the finding fires (as it did before queue
    // policies were read).
    expect(titles(trigger({ own: ["sqs:DeleteMessage", "sqs:GetQueueAttributes"] }).b)).toEqual(["SQS trigger lacks sqs:ReceiveMessage"]);
    expect(titles(trigger({ own: ["sqs:DeleteMessage", "sqs:GetQueueAttributes"], statements: grant }).b)).toEqual([]);
  });

  it("denying the role ReceiveMessage refuses it whatever the role allows: the finding fires, citing the Deny", () => {
    const { b } = trigger({
      own: RECEIVE,
      statements: (role, queue) => [{ Sid: "NoWorker", Effect: "Deny", Principal: { AWS: role }, Action: "sqs:ReceiveMessage", Resource: queue }],
    });
    const [finding, ...rest] = findingsOf(eventSourceMissingPermissions, b);
    expect(rest).toEqual([]);
    expect(finding?.title).toBe("SQS trigger lacks sqs:ReceiveMessage");
    const cited = finding!.evidence.filter((e) => e.kind === "resource-statement");
    expect(cited.map((e) => [e.source?.resourceArn ?? e.source?.functionArn, e.source?.sid])).toContainEqual([b.arn("sqs", REGION, "orders"), "NoWorker"]);
  });

  it("of another account, readable and silent about the role: the role's own Allow is not enough", () => {
    const other = (b: B) => `arn:aws:sqs:${REGION}:${OTHER_ACCOUNT}:orders`;
    const silent = () => [{ Sid: "Auditors", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "sqs:GetQueueAttributes", Resource: "*" }];
    const fires = findingsOf(eventSourceMissingPermissions, trigger({ queue: other, own: RECEIVE, statements: silent }).b);
    expect(fires.map((f) => f.title)).toEqual(["SQS trigger lacks sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes"]);
    expect(fires[0]!.remediation).toContain(`the queue policy of arn:aws:sqs:${REGION}:${OTHER_ACCOUNT}:orders (in account ${OTHER_ACCOUNT}) must allow them too`);
    // The queue policy granting the role as well: both sides allow.
    const both = (role: string, queue: string) => [{ Sid: "Worker", Effect: "Allow", Principal: { AWS: role }, Action: RECEIVE, Resource: queue }];
    expect(titles(trigger({ queue: other, own: RECEIVE, statements: both }).b)).toEqual([]);
  });

  it("unread (GetQueueAttributes failed): the role's own Allow is not taken as fine; data-unavailable names the gap", () => {
    // The readable policies grant it and only the unread queue policy could refuse it: no "lacks" finding (as for an
    // unread key policy, role-needs.ts), and data-unavailable says what is not certain.
    const { b } = trigger({ own: RECEIVE, readFails: true });
    expect(titles(b)).toEqual([]);
    const gap = findingsOf(dataUnavailable, b);
    expect(gap.map((f) => f.title).join(" ")).toMatch(/GetQueueAttributes/);
    expect(JSON.stringify(gap)).toMatch(/queue policy that could not be read or parsed may deny the role/);
    // Short of ReceiveMessage itself, the unread queue policy could grant it: "may lack", never "lacks".
    const short = trigger({ own: ["sqs:DeleteMessage", "sqs:GetQueueAttributes"], readFails: true }).b;
    const [finding] = findingsOf(eventSourceMissingPermissions, short);
    expect(finding?.title).toBe("SQS trigger may lack sqs:ReceiveMessage (depends on the queue policy, which could not be read)");
    expect(JSON.stringify(finding)).toMatch(/could not read the queue policy of .*GetQueueAttributes failed: AccessDenied/);
  });

  it("malformed: reported where and why, and the rest analysed as for an unread one", () => {
    const { b, queue } = trigger({ own: ["sqs:DeleteMessage", "sqs:GetQueueAttributes"] });
    b.queuePolicy(queue, "{ not json");
    const ctx = contextOf(b);
    expect(ctx.model.problems).toContainEqual({ where: `queue policy of ${queue}`, why: expect.any(String) });
    const [finding] = findingsOf(eventSourceMissingPermissions, b);
    expect(finding?.title).toBe("SQS trigger may lack sqs:ReceiveMessage (depends on the queue policy, which could not be read)");
    expect(JSON.stringify(finding)).toMatch(/queue policy of .*, which is malformed/);
    // The function's own gap list names it, as for a malformed function policy: "unknown", never silently fine.
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    expect(report.functions[0]?.unknown).toEqual([`GetQueueAttributes: MalformedPolicy (${queue})`]);
    const [gap, ...more] = findingsOf(dataUnavailable, b);
    expect(more).toEqual([]);
    expect(gap?.title).toBe("Missing data: GetQueueAttributes (MalformedPolicy)");
    expect(gap?.remediation).toMatch(/not a valid policy document/);
  });

  it("malformed on a queue no function uses: a problem of the snapshot, no function's gap", () => {
    const { b } = trigger({ own: RECEIVE });
    b.queuePolicy(b.arn("sqs", REGION, "unused"), "{ not json");
    expect(analyzeSnapshot(parseSnapshot(JSON.stringify(b.build()))).functions[0]?.unknown).toEqual([]);
    expect(findingsOf(dataUnavailable, b)).toEqual([]);
  });
});

describe("a dead-letter queue's policy", () => {
  function withDlq(own: string[], statements?: (role: string, queue: string) => object[]) {
    const b = builder();
    const dlq = b.arn("sqs", REGION, "api-dlq");
    const role = b.role({ name: "r", inline: { d: policy(allow(own, dlq)) } });
    b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role, dlq });
    b.queueEncryption(dlq, {});
    if (statements) b.queuePolicy(dlq, { Version: "2012-10-17", Statement: statements(role, dlq) });
    return b;
  }
  const dlqTitles = (b: B) => findingsOf(asyncTargetPermissionMissing, b).map((f) => f.title);

  it("granting the role SendMessage within the account is enough", () => {
    expect(dlqTitles(withDlq([]))).toEqual(["Dead-letter queue lacks sqs:SendMessage"]);
    expect(dlqTitles(withDlq([], (role, q) => [{ Sid: "Dlq", Effect: "Allow", Principal: { AWS: role }, Action: "sqs:SendMessage", Resource: q }]))).toEqual([]);
  });

  it("denying it refuses what the role's own policy allows", () => {
    const b = withDlq(["sqs:SendMessage"], (role, q) => [{ Sid: "NoSend", Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: q }]);
    const found = findingsOf(asyncTargetPermissionMissing, b);
    expect(found.map((f) => f.title)).toEqual(["Dead-letter queue lacks sqs:SendMessage"]);
    expect(found[0]!.evidence.some((e) => e.kind === "resource-statement" && e.source?.sid === "NoSend")).toBe(true);
  });
});
