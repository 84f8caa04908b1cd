import { describe, expect, it } from "vitest";
import { parseSnapshot } from "@/lib/snapshot/read";
import { buildAccountModel } from "./account-model";
import { analyzeModel } from "./analyze";
import { ACCOUNT, modelOf, newBuilder } from "./test-support";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

describe("IAM users in the account model", () => {
  it("gives a user its inline and attached policies, then each group's, and its boundary, in every document encoding", () => {
    for (const encoding of ["url", "json", "object"] as const) {
      const b = newBuilder();
      const managed = b.managedPolicy({ name: "read-logs", document: doc({ Effect: "Allow", Action: "logs:Get*", Resource: "*" }), encoding });
      const groupManaged = b.managedPolicy({ name: "group-managed", document: doc({ Effect: "Allow", Action: "s3:List*", Resource: "*" }), encoding });
      const boundary = b.managedPolicy({ name: "bnd", document: doc({ Effect: "Allow", Action: "*", Resource: "*" }), encoding });
      b.group({ name: "deployers", inline: { deploy: doc({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" }) }, managed: [groupManaged], encoding });
      b.user({ name: "ci", inline: { own: doc({ Effect: "Allow", Action: "sqs:*", Resource: "*" }) }, managed: [managed], groups: ["deployers"], boundary, tags: { team: "ci" }, encoding });
      const user = modelOf(b).users.get(userArn("ci"));
      expect(user, encoding).toMatchObject({ kind: "user", name: "ci", tags: { team: "ci" }, unreadable: [], groups: ["deployers"], boundaryArn: boundary });
      expect(user?.id).toMatch(/^AIDA/);
      expect(user?.identity.map((d) => [d.source.policyName, d.source.groupName])).toEqual([
        ["own", undefined],
        ["read-logs", undefined],
        ["deploy", "deployers"],
        ["group-managed", "deployers"],
      ]);
      expect(user?.boundary?.source).toMatchObject({ kind: "boundary", policyName: "bnd" });
    }
  });

  it("reports a malformed user or group document and analyses the rest", () => {
    const b = newBuilder();
    b.group({ name: "g", inline: { broken: "%7Bnot json", fine: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) } as never });
    b.user({ name: "u", inline: { bad: "{not json" } as never, groups: ["g"] });
    b.user({ name: "v", inline: { ok: doc({ Effect: "Allow", Action: "sqs:*", Resource: "*" }) } });
    const model = modelOf(b);
    expect(model.problems.map((p) => p.where)).toEqual(["group g inline policy broken", "user u inline policy bad"]);
    expect(model.users.get(userArn("u"))?.unreadableIdentity.map((u) => u.split(":")[0])).toEqual(["inline policy bad", "group g inline policy broken"]);
    expect(model.users.get(userArn("u"))?.identity.map((d) => d.source.policyName)).toEqual(["fine"]);
    expect(model.users.get(userArn("v"))?.unreadable).toEqual([]);
  });

  it("says IAM users were not read when the snapshot has no UserDetailList, never that there are none", () => {
    const b = newBuilder();
    b.user({ name: "u" });
    const current = buildAccountModel(parseSnapshot(b.build()));
    expect(current.usersUnknown).toBeUndefined();
    expect(analyzeModel(current).unknown).toBeUndefined();

    const old = b.build();
    delete old.iam!.GetAccountAuthorizationDetails.UserDetailList;
    delete old.iam!.GetAccountAuthorizationDetails.GroupDetailList;
    const model = buildAccountModel(parseSnapshot(old));
    expect(model.users.size).toBe(0);
    expect(model.usersUnknown).toContain("no UserDetailList");
    expect(analyzeModel(model).unknown).toEqual([
      "GetAccountAuthorizationDetails: IAM users and groups were not read: the snapshot has no UserDetailList (taken before IAM users were read, or by a tool that left them out); users that may invoke through their own policies are not listed",
    ]);
  });

  it("says so too when IAM data is missing or partial: a user list of a truncated response is not every user", () => {
    const b = newBuilder();
    b.user({ name: "u" });
    const truncated = b.build();
    Object.assign(truncated.iam!.GetAccountAuthorizationDetails, { IsTruncated: true, Marker: "next" });
    expect(buildAccountModel(parseSnapshot(truncated)).usersUnknown).toBe("IAM data is missing or partial");
    const none = b.build();
    delete none.iam;
    expect(analyzeModel(buildAccountModel(parseSnapshot(none))).unknown?.[0]).toMatch(/^GetAccountAuthorizationDetails: IAM users and groups were not read: IAM data is missing or partial;/);
  });
});
