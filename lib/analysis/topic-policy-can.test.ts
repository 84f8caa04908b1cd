/**
 * An SNS topic's policy in `can` answers and reach lists (role-access.ts, what-if.ts, reaches.ts): the scan reads it
 * for the topics functions send to, so an answer on that topic weighs it as a queue's policy is weighed — a statement
 * naming the role lets it publish within the account and is cited, a Deny there refuses what the role's policies
 * allow, across accounts both must allow, a policy the scan could not read leaves the answer open — and a topic the
 * scan never read (an older snapshot) is the identity side only, never "no topic policy".
 */
import { describe, expect, it } from "vitest";
import { ask } from "./what-if";
import { analyzeSnapshot } from "./analyze";
import { auditLists } from "./evidence-audit";
import { parseSnapshot } from "@/lib/snapshot/read";
import { IDENTITY_SIDE_ONLY, resourceSideOf } from "./resource-side";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const OTHER = "210987654321";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role`;
const topic = (name: string, account = ACCOUNT) => `arn:aws:sns:${REGION}:${account}:${name}`;
const TOPIC = topic("failures");
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const APP_PUBLISHES = { Sid: "AppPublishes", Effect: "Allow", Principal: { AWS: ROLE }, Action: "sns:Publish", Resource: TOPIC };
const NO_PUBLISH = { Sid: "NoPublish", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: TOPIC };
const PUBLISH_ANY = { Effect: "Allow", Action: "sns:Publish", Resource: "*" };

/** A function whose dead-letter topic is `dlq`, its role's own statements `own`, the topic's policy `policy` (undefined: not read). */
function dlqBuilder(policy: object | string | null | undefined, own: object[] = [], edit?: (b: ReturnType<typeof newBuilder>) => void, dlq = TOPIC) {
  const b = newBuilder();
  const role = b.role({ name: "app-role", inline: { app: doc({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }, ...own) as never } });
  b.fn({ region: REGION, name: "app", runtime: "python3.13", role, dlq });
  if (policy !== undefined) b.topicPolicy(dlq, policy as never);
  edit?.(b);
  return b;
}

const can = (b: ReturnType<typeof newBuilder>, action = "sns:Publish", resource = TOPIC) => ask(modelOf(b), { principal: "app", action, resource });

describe("can the function's role publish to its dead-letter topic", () => {
  it("a Deny of the topic policy refuses what the role's own policies allow, and is cited", () => {
    const answer = can(dlqBuilder(doc(NO_PUBLISH), [PUBLISH_ANY]));
    expect(answer.decision).toBe("explicitly-denied");
    expect(answer.statements.some((s) => s.effect === "Deny" && s.policyKind === "resource" && s.sid === "NoPublish")).toBe(true);
    expect(answer.reasons.some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(false);
  });

  it("within the account, a topic policy statement naming the role lets it publish with no grant of its own, cited", () => {
    const answer = can(dlqBuilder(doc(APP_PUBLISHES)));
    expect(answer.decision).toBe("allowed");
    expect(answer.statements.some((s) => s.effect === "Allow" && s.policyKind === "resource" && s.sid === "AppPublishes")).toBe(true);
    expect(can(dlqBuilder(null)).decision).toBe("implicitly-denied");
  });

  it("across accounts the topic policy alone does not allow: the role's own policies must too", () => {
    const theirs = topic("partner-failures", OTHER);
    const grants = doc({ ...APP_PUBLISHES, Resource: theirs });
    expect(can(dlqBuilder(grants, [], undefined, theirs), "sns:Publish", theirs).decision).not.toBe("allowed");
    expect(can(dlqBuilder(grants, [PUBLISH_ANY], undefined, theirs), "sns:Publish", theirs).decision).toBe("allowed");
  });

  it("a topic the scan never read is the identity side only; one read without a policy is not", () => {
    const unread = can(dlqBuilder(undefined, [PUBLISH_ANY]));
    expect(unread.decision).toBe("allowed");
    expect(unread.reasons.some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(true);
    const read = can(dlqBuilder(null, [PUBLISH_ANY]));
    expect(read.decision).toBe("allowed");
    expect(read.reasons.some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(false);
    expect(resourceSideOf(TOPIC, "sns:Publish", ACCOUNT)).toBe("weighed");
  });

  it("a topic policy the scan could not read, or that is malformed: conditional, naming it", () => {
    const refused = (b: ReturnType<typeof newBuilder>) =>
      b.error({ region: REGION, operation: "GetTopicAttributes", target: TOPIC, code: "AuthorizationErrorException", message: "not authorized" });
    const answer = can(dlqBuilder(undefined, [PUBLISH_ANY], refused));
    expect(answer.decision).toBe("conditional");
    expect(answer.reasons.join(" ")).toContain(`could not read the topic policy of ${TOPIC} (GetTopicAttributes failed: AuthorizationErrorException)`);
    const malformed = can(dlqBuilder("{not json", [PUBLISH_ANY]));
    expect(malformed.decision).toBe("conditional");
    expect(malformed.reasons.join(" ")).toContain(`could not read the topic policy of ${TOPIC}, which is malformed`);
  });

  it("a topic SNS said does not exist: the answer says it did not exist then", () => {
    const gone = (b: ReturnType<typeof newBuilder>) => b.error({ region: REGION, operation: "GetTopicAttributes", target: TOPIC, code: "NotFoundException", message: "Topic does not exist" });
    const answer = can(dlqBuilder(undefined, [PUBLISH_ANY], gone));
    expect(answer.reasons.join(" ")).toContain(`${TOPIC} did not exist when the snapshot was taken (GetTopicAttributes: NotFoundException)`);
    expect(answer.reasons.join(" ")).not.toContain("could not read the topic policy");
  });
});

describe("the role's reach through a topic policy", () => {
  it("lists what a statement naming the role grants, cited as a statement the audit finds in the topic policy", () => {
    const snapshot = dlqBuilder(doc(APP_PUBLISHES)).build();
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const sns = report.functions[0]!.reaches.find((r) => r.service === "sns")!;
    expect([sns.resource, sns.actions, sns.via]).toEqual([TOPIC, ["sns:Publish"], [`topic policy of ${TOPIC}#AppPublishes`]]);
    expect(auditLists(snapshot, report).problems).toEqual([]);
    sns.via = [`topic policy of ${TOPIC}#NotThere`];
    expect(auditLists(snapshot, report).problems).toEqual([`app → ${TOPIC}: the topic policy of ${TOPIC} has no statement NotThere`]);
  });

  it("names a Deny of the topic policy where the role's reach is wider than the topic", () => {
    const snapshot = dlqBuilder(doc(NO_PUBLISH), [PUBLISH_ANY]).build();
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const sns = report.functions[0]!.reaches.find((r) => r.service === "sns")!;
    expect([sns.resource, sns.partiallyDenied, sns.deniedBy]).toEqual(["*", true, [`topic policy of ${TOPIC}#NoPublish`]]);
    expect(auditLists(snapshot, report).problems).toEqual([]);
  });
});

describe("a topic policy the scan could not read, in the function's unknown data", () => {
  it("names the refused read and the topic; a topic SNS said does not exist is no gap", () => {
    const refused = dlqBuilder(undefined, [PUBLISH_ANY], (b) =>
      b.error({ region: REGION, operation: "GetTopicAttributes", target: TOPIC, code: "AuthorizationErrorException", message: "not authorized" }),
    ).build();
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(refused)));
    expect(report.functions[0]!.unknown).toContain(`GetTopicAttributes: AuthorizationErrorException (${TOPIC})`);
    expect(report.findings.map((f) => f.title)).toContain("Missing data: GetTopicAttributes (AuthorizationErrorException)");
    // The answer on the topic is open, not a plain "lacks".
    expect(report.findings.map((f) => f.title)).not.toContain("Dead-letter queue lacks sns:Publish");
    const gone = dlqBuilder(undefined, [PUBLISH_ANY], (b) =>
      b.error({ region: REGION, operation: "GetTopicAttributes", target: TOPIC, code: "NotFoundException", message: "Topic does not exist" }),
    ).build();
    expect((analyzeSnapshot(parseSnapshot(JSON.stringify(gone))).functions[0]!.unknown ?? []).join(" ")).not.toContain("GetTopicAttributes");
  });
});

/**
 * The policy SNS gives every new topic: `"AWS": "*"` may publish, subscribe and manage it on `StringEquals
 * AWS:SourceOwner <the topic's account>`, which the SNS developer guide says is there "to allow only the topic owner to
 * publish and subscribe to the topic" ("Example cases for Amazon SNS access control", aws:SourceAccount versus
 * aws:SourceOwner: https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html). So a role of the
 * topic's account gets in through it with no grant of its own, and another account's role does not.
 */
describe("SNS's default topic policy and AWS:SourceOwner", () => {
  const DEFAULT_ACTIONS = ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"];
  const defaultPolicy = (arn: string, owner: string) => ({
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [{ Sid: "__default_statement_ID", Effect: "Allow", Principal: { AWS: "*" }, Action: DEFAULT_ACTIONS, Resource: arn, Condition: { StringEquals: { "AWS:SourceOwner": owner } } }],
  });

  it("lets a role of the topic's account publish with no grant of its own, citing the default statement", () => {
    const answer = can(dlqBuilder(defaultPolicy(TOPIC, ACCOUNT)));
    expect(answer.decision).toBe("allowed");
    expect(answer.statements.some((s) => s.policyKind === "resource" && s.sid === "__default_statement_ID")).toBe(true);
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(dlqBuilder(defaultPolicy(TOPIC, ACCOUNT)).build())));
    expect(report.findings.map((f) => f.title)).not.toContain("Dead-letter queue lacks sns:Publish");
  });

  it("does not let another account's role in: its own grant alone cannot publish to their topic", () => {
    const theirs = topic("partner-failures", OTHER);
    const answer = can(dlqBuilder(defaultPolicy(theirs, OTHER), [PUBLISH_ANY], undefined, theirs), "sns:Publish", theirs);
    expect(answer.decision).toBe("implicitly-denied");
    expect(answer.reasons.join(" ")).toContain(`request value "${ACCOUNT}" matches none of "${OTHER}"`);
  });

  it("a Deny unless AWS:SourceOwner is the topic's account does not refuse the account's own role", () => {
    const ownersOnly = { Sid: "OwnersOnly", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: TOPIC, Condition: { StringNotEquals: { "AWS:SourceOwner": ACCOUNT } } };
    expect(can(dlqBuilder(doc(ownersOnly), [PUBLISH_ANY])).decision).toBe("allowed");
  });

  it("a role's request carries no aws:SourceAccount, and only SNS's requests carry AWS:SourceOwner", () => {
    const bySourceAccount = { Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: TOPIC, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } };
    expect(can(dlqBuilder(doc(bySourceAccount))).decision).toBe("implicitly-denied");
    const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:failures`;
    const b = dlqBuilder(undefined, [], (x) => x.queuePolicy(queue, doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:SendMessage", Resource: queue, Condition: { StringEquals: { "AWS:SourceOwner": ACCOUNT } } }) as never), queue);
    expect(can(b, "sqs:SendMessage", queue).decision).toBe("implicitly-denied");
  });
});
