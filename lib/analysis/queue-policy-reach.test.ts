/**
 * An SQS queue policy in the reach list and `can` answers (role-access.ts): a statement naming the role grants it the
 * queue with no statement of its own, cited as "queue policy of <queue ARN>#<Sid>" (which the evidence audit checks),
 * a Deny there is named among what refuses part of a reach, and an unread queue policy leaves the answer open.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "./analyze";
import { auditLists } from "./evidence-audit";
import { reachesOf } from "./reaches";
import { canRole } from "./role-access";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { parseSnapshot } from "@/lib/snapshot/read";

const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role`;

function queueBuilder(statements: object[] | undefined, own: object[] = []) {
  const b = newBuilder();
  const role = b.role({ name: "app-role", inline: { app: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }, ...own] } as never } });
  b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role, dlq: QUEUE });
  b.queueEncryption(QUEUE, {});
  if (statements) b.queuePolicy(QUEUE, { Version: "2012-10-17", Statement: statements });
  return b;
}

const sends = { Sid: "AppSends", Effect: "Allow", Principal: { AWS: ROLE }, Action: ["sqs:SendMessage", "sqs:GetQueueUrl"], Resource: QUEUE };

describe("reach through a queue policy that names the role", () => {
  it("lists the queue's actions the statement grants, citing it", () => {
    const model = modelOf(queueBuilder([sends]));
    expect(reachesOf(model, model.roles.get(ROLE)!).filter((r) => r.service === "sqs")).toEqual([
      {
        service: "sqs",
        resource: QUEUE,
        actions: ["sqs:GetQueueUrl", "sqs:SendMessage"],
        patterns: ["sqs:GetQueueUrl", "sqs:SendMessage"],
        accessLevels: ["Write", "Read"],
        conditional: false,
        via: [`queue policy of ${QUEUE}#AppSends`],
      },
    ]);
  });

  it("is cited as a statement the queue policy holds: the audit finds it, and names a Sid the policy lacks", () => {
    const snapshot = queueBuilder([sends]).build();
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    expect(auditLists(snapshot, report).problems).toEqual([]);
    const sqs = report.functions[0]!.reaches.find((r) => r.service === "sqs")!;
    expect(sqs.via).toEqual([`queue policy of ${QUEUE}#AppSends`]);
    sqs.via = [`queue policy of ${QUEUE}#NotThere`];
    expect(auditLists(snapshot, report).problems).toEqual([`app → ${QUEUE}: the queue policy of ${QUEUE} has no statement NotThere`]);
  });

  it("leaves out what a Deny of the queue policy refuses on the queue, and names it where the role's reach is wider", () => {
    const deny = { Sid: "NoReceive", Effect: "Deny", Principal: "*", Action: "sqs:ReceiveMessage", Resource: QUEUE };
    const onQueue = queueBuilder([deny], [{ Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: QUEUE }]).build();
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(onQueue)));
    expect(report.functions[0]!.reaches.filter((r) => r.service === "sqs").flatMap((r) => r.actions)).toEqual(["sqs:SendMessage"]);
    const onEvery = queueBuilder([deny], [{ Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: "*" }]).build();
    const wide = analyzeSnapshot(parseSnapshot(JSON.stringify(onEvery)));
    const sqs = wide.functions[0]!.reaches.find((r) => r.service === "sqs")!;
    expect([sqs.resource, sqs.partiallyDenied, sqs.deniedBy]).toEqual(["*", true, [`queue policy of ${QUEUE}#NoReceive`]]);
    expect(auditLists(onEvery, wide).problems).toEqual([]);
    sqs.deniedBy = [`queue policy of ${QUEUE}#Elsewhere`];
    expect(auditLists(onEvery, wide).problems).toEqual([`app → *, denied by: the queue policy of ${QUEUE} has no statement Elsewhere`]);
  });
});

describe("can the role use the queue", () => {
  const ask = (b: ReturnType<typeof newBuilder>, action: string) => {
    const model = modelOf(b);
    return canRole(model, model.roles.get(ROLE)!, { action, resource: QUEUE, byLambda: true }, model.functions[0]);
  };

  it("within the account, the queue policy alone allows; its Deny refuses what the role allows", () => {
    expect(ask(queueBuilder([sends]), "sqs:SendMessage").decision).toBe("allowed");
    expect(ask(queueBuilder(undefined), "sqs:SendMessage").decision).toBe("implicitly-denied");
    const denied = ask(queueBuilder([{ Sid: "NoSend", Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: QUEUE }], [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE }]), "sqs:SendMessage");
    expect(denied.decision).toBe("explicitly-denied");
    expect(denied.statements.some((m) => m.effect === "Deny" && m.source.kind === "resource" && m.sid === "NoSend" && m.source.resourceArn === QUEUE)).toBe(true);
  });

  it("a queue whose attributes could not be read: conditional, naming the queue policy; an older snapshot without Policy: as before", () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role", inline: { app: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE }] } as never } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role, dlq: QUEUE });
    b.error({ region: REGION, operation: "GetQueueAttributes", target: QUEUE, code: "AccessDenied", message: "denied" });
    const answer = ask(b, "sqs:SendMessage");
    expect(answer.decision).toBe("conditional");
    expect(answer.unread).toBe("may-deny");
    expect(answer.unreadDocuments).toEqual(["the queue policy"]);
    expect(answer.reasons.join(" ")).toContain(`could not read the queue policy of ${QUEUE} (GetQueueAttributes failed: AccessDenied)`);
    // Read, no Policy attribute (no queue policy, or a scan from before Policy was asked for): the role's policies
    // decide.
    expect(ask(queueBuilder(undefined, [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE }]), "sqs:SendMessage").decision).toBe("allowed");
  });
});

describe("a queue the role reaches, with an unread policy, that the function's configuration does not name", () => {
  // The scan reads the queues functions use: here a consumer's trigger. The sender's role reaches the queue on its own.
  function sending(unread: (b: ReturnType<typeof newBuilder>) => void, sends: { Action: string; Resource: string } = { Action: "sqs:SendMessage", Resource: QUEUE }) {
    const b = newBuilder();
    const allow = (Action: string | string[], Resource = QUEUE) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] }) as never;
    const consumer = b.fn({ region: REGION, name: "consumer", runtime: "nodejs22.x", role: b.role({ name: "consumer-role", inline: { p: allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]) } }) });
    b.esm({ functionArn: consumer, sourceArn: QUEUE });
    b.fn({ region: REGION, name: "sender", runtime: "nodejs22.x", role: b.role({ name: "sender-role", inline: { p: allow(sends.Action, sends.Resource) } }) });
    unread(b);
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    const fn = (name: string) => report.functions.find((f) => f.name === name)!;
    const gap = (name: string) => report.findings.find((f) => f.rule === "data-unavailable" && f.function === fn(name).arn);
    return { fn, gap };
  }

  it("GetQueueAttributes refused: the sender's unknown and data-unavailable name the read and the queue, as the consumer's do", () => {
    const { fn, gap } = sending((b) => b.error({ region: REGION, operation: "GetQueueAttributes", target: QUEUE, code: "AccessDenied", message: "denied" }));
    expect(fn("sender").reaches.find((r) => r.resource === QUEUE)).toMatchObject({ actions: ["sqs:SendMessage"], conditional: true });
    for (const name of ["sender", "consumer"]) {
      expect(fn(name).unknown, name).toEqual([`GetQueueAttributes: AccessDenied (${QUEUE})`]);
      expect(gap(name)?.evidence.map((e) => e.description), name).toEqual([`GetQueueAttributes failed for ${REGION} ${QUEUE}: AccessDenied (denied)`]);
    }
  });

  const refused = (b: ReturnType<typeof newBuilder>) => b.error({ region: REGION, operation: "GetQueueAttributes", target: QUEUE, code: "AccessDenied", message: "denied" });

  it.each(["*", `arn:aws:sqs:${REGION}:${ACCOUNT}:*`, "arn:aws:sqs:*:*:ord*"])("reached only through the pattern %s: named as for the queue's own ARN", (pattern) => {
    const { fn, gap } = sending(refused, { Action: "sqs:SendMessage", Resource: pattern });
    expect(fn("sender").reaches.find((r) => r.resource === pattern)?.actions).toEqual(["sqs:SendMessage"]);
    expect(fn("sender").unknown).toEqual([`GetQueueAttributes: AccessDenied (${QUEUE})`]);
    expect(gap("sender")?.evidence.map((e) => e.description)).toEqual([`GetQueueAttributes failed for ${REGION} ${QUEUE}: AccessDenied (denied)`]);
  });

  it.each([
    ["an SQS pattern that does not cover the queue", { Action: "sqs:SendMessage", Resource: "arn:aws:sqs:*:*:invoices-*" }],
    ["a pattern of another service's reach", { Action: "sns:Publish", Resource: "*" }],
  ])("%s: the sender's data is whole", (_, sends) => {
    const { fn, gap } = sending(refused, sends);
    expect(fn("sender").reaches.length).toBeGreaterThan(0);
    expect(fn("sender").unknown).toEqual([]);
    expect(gap("sender")).toBeUndefined();
  });

  it("the note says which queue the function uses and which its role only reaches", () => {
    const { gap } = sending(refused, { Action: "sqs:SendMessage", Resource: "*" });
    const reached = "The function's role reaches a queue its configuration does not name (" + QUEUE + ")";
    expect(gap("sender")?.detail).toContain(reached);
    expect(gap("sender")?.detail).not.toContain("A queue the function uses");
    expect(gap("consumer")?.detail).toContain("A queue the function uses could not be read");
    expect(gap("consumer")?.detail).not.toContain("its configuration does not name");
  });

  it("two such queues are named together, in the plural", () => {
    const other = `arn:aws:sqs:${REGION}:${ACCOUNT}:refunds`;
    const { gap } = sending((b) => {
      refused(b);
      const role = b.role({ name: "refunds-role", inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: other }] } as never } });
      b.esm({ functionArn: b.fn({ region: REGION, name: "refunds", runtime: "nodejs22.x", role }), sourceArn: other });
      b.error({ region: REGION, operation: "GetQueueAttributes", target: other, code: "AccessDenied", message: "denied" });
    }, { Action: "sqs:SendMessage", Resource: "*" });
    expect(gap("sender")?.detail).toContain(`reaches queues its configuration does not name (${QUEUE}, ${other}), whose queue policies could not be read or parsed: they may deny`);
  });

  it("a queue policy that does not parse: named for the sender as for the consumer", () => {
    const { fn } = sending((b) => b.queuePolicy(QUEUE, "{not json"));
    expect(fn("sender").unknown).toEqual(fn("consumer").unknown);
    expect(fn("sender").unknown.join(" ")).toContain(QUEUE);
  });
});
