/**
 * Per action, a grant one way makes for certain is granted, whatever condition gates another way to it: two identity
 * statements (in one policy or two), or a resource policy's statement beside an identity one, granting the same action
 * on the same resource, one under a condition the snapshot cannot judge, make no "may". The conditional way stays
 * cited, with its keys (Reach.conditionalWays), as a mounted file system's (file-system-reach.test.ts).
 */
import { describe, expect, it } from "vitest";
import { roleReach } from "./reaches";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const OBJECTS = "arn:aws:s3:::b/*";
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/r`;
const ON_SITE = { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } };
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const onSite = (Action: string | string[], Resource: string) => ({ Sid: "OnSite", Effect: "Allow", Action, Resource, Condition: ON_SITE });
const always = (Action: string | string[], Resource: string) => ({ Sid: "Always", Effect: "Allow", Action, Resource });

function reachOf(opts: { inline?: Record<string, unknown>; managed?: Record<string, unknown>; queue?: unknown[]; tags?: Record<string, string> }) {
  const b = newBuilder();
  const managed = Object.entries(opts.managed ?? {}).map(([name, document]) => b.managedPolicy({ name, document: document as never }));
  const role = b.role({ name: "r", inline: (opts.inline ?? {}) as never, managed, ...(opts.tags ? { tags: opts.tags } : {}) });
  b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role, dlq: opts.queue ? QUEUE : undefined });
  if (opts.queue) {
    b.queueEncryption(QUEUE, {});
    b.queuePolicy(QUEUE, doc(...opts.queue));
  }
  const model = modelOf(b);
  return roleReach(model, model.functions[0]!.role!).reaches;
}

describe("a grant one statement makes for certain, another only under a condition", () => {
  it("is certain within one policy, the conditional statement named with its key", () => {
    const [reach] = reachOf({ inline: { p: doc(onSite("s3:GetObject", OBJECTS), always("s3:GetObject", OBJECTS)) } });
    expect(reach).toMatchObject({ resource: OBJECTS, actions: ["s3:GetObject"], conditional: false, via: ["p#Always", "p#OnSite"] });
    expect(reach?.conditionalWays).toEqual([{ via: "p#OnSite", conditionKeys: ["aws:SourceIp"] }]);
    expect(reach?.conditionKeys).toBeUndefined();
  });

  it("is certain across an inline and a managed policy", () => {
    const [reach] = reachOf({ inline: { p: doc(onSite("s3:GetObject", OBJECTS)) }, managed: { m: doc(always("s3:GetObject", OBJECTS)) } });
    expect(reach).toMatchObject({ resource: OBJECTS, conditional: false });
    expect(reach?.via).toHaveLength(2);
    expect(reach?.conditionalWays).toEqual([{ via: "p#OnSite", conditionKeys: ["aws:SourceIp"] }]);
  });

  it("is certain where the queue policy grants what the role's own statement grants only under a condition", () => {
    const reaches = reachOf({
      inline: { p: doc(onSite("sqs:SendMessage", QUEUE)) },
      queue: [{ Sid: "AppSends", Effect: "Allow", Principal: { AWS: ROLE }, Action: "sqs:SendMessage", Resource: QUEUE }],
    });
    const sqs = reaches.find((r) => r.service === "sqs");
    expect(sqs).toMatchObject({ resource: QUEUE, actions: ["sqs:SendMessage"], conditional: false });
    expect(sqs?.conditionalWays).toEqual([{ via: "p#OnSite", conditionKeys: ["aws:SourceIp"] }]);
  });

  it("stays conditional for the action only the conditional statement grants, naming the keys of that action alone", () => {
    const [reach] = reachOf({ inline: { p: doc(onSite(["s3:GetObject", "s3:PutObject"], OBJECTS), always("s3:GetObject", OBJECTS)) } });
    expect(reach).toMatchObject({ actions: ["s3:GetObject", "s3:PutObject"], conditional: true, conditionKeys: ["aws:SourceIp"] });
  });

  it("names the keys of the still-conditional action though many certain ones sort before it", () => {
    // conditionalOn asks a few actions of a reach: the certain ones it skips must not crowd out the conditional one.
    const [reach] = reachOf({ inline: { p: doc(onSite(["s3:GetObject", "s3:PutObject"], OBJECTS), always("s3:GetObject*", OBJECTS)) } });
    expect(reach?.actions.indexOf("s3:PutObject")).toBeGreaterThan(8);
    expect(reach).toMatchObject({ conditional: true, conditionKeys: ["aws:SourceIp"] });
  });

  it("stays partly denied where a Deny covers part of the certain grant", () => {
    const noSecrets = { Sid: "NoSecrets", Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/secret/*" };
    const [reach] = reachOf({ inline: { p: doc(onSite("s3:GetObject", OBJECTS), always("s3:GetObject", OBJECTS), noSecrets) } });
    expect(reach).toMatchObject({ conditional: false, partiallyDenied: true, deniedBy: ["p#NoSecrets"] });
    expect(reach?.conditionalWays).toEqual([{ via: "p#OnSite", conditionKeys: ["aws:SourceIp"] }]);
  });

  it("does not cite as a way a statement whose condition is false for the role, nor as conditional one true for it", () => {
    // aws:PrincipalTag is the role's own tags, all known: the condition is judged, not left to the snapshot.
    const team = (Sid: string, Action: string, Resource: string) => ({ Sid, Effect: "Allow", Action, Resource, Condition: { StringEquals: { "aws:PrincipalTag/team": "data" } } });
    for (const [tags, via, ways] of [
      [{ team: "web" }, ["p#Always"], undefined],
      [{}, ["p#Always"], undefined],
      // Met: as certain a way as the other, cited in document order, under no "only under conditions".
      [{ team: "data" }, ["p#Team", "p#Always"], undefined],
    ] as const) {
      const [reach] = reachOf({ inline: { p: doc(team("Team", "s3:GetObject", OBJECTS), always("s3:GetObject", OBJECTS)) }, tags });
      expect(reach, JSON.stringify(tags)).toMatchObject({ resource: OBJECTS, conditional: false, via });
      expect(reach?.conditionalWays, JSON.stringify(tags)).toEqual(ways);
    }
    // So for an every-action statement.
    const [every] = reachOf({ inline: { p: doc(team("Team", "*", "*"), always("*", "*")) }, tags: { team: "web" } });
    expect(every).toMatchObject({ service: "*", via: ["p#Always"] });
    expect(every?.conditionalWays).toBeUndefined();
  });

  it("is certain for every action where one every-action statement is unconditional", () => {
    const [reach] = reachOf({ inline: { p: doc(onSite("*", "*"), always("*", "*")) } });
    expect(reach).toMatchObject({ service: "*", resource: "*", conditional: false });
    expect(reach?.conditionalWays).toEqual([{ via: "p#OnSite", conditionKeys: ["aws:SourceIp"] }]);
  });
});
