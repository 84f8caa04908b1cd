/**
 * Every role of the account model has one shape (the same own properties, in the same order), and so has every user,
 * whatever they hold: what a principal lacks is undefined. Spreading the common fields first and adding the trust
 * policy, boundary and organization one by one gave 5,000 roles ~5,000 hidden classes and cost a tenth of building the
 * model (docs/analysis-performance.md, forty-sixth session).
 */
import { describe, expect, it } from "vitest";
import { ACCOUNT, modelOf, newBuilder } from "./test-support";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
const ROLE_KEYS = "arn,name,id,account,tags,identity,unreadable,unreadableIdentity,unseen,kind,raw,trust,trustUnreadable,boundaryArn,boundary,organization";
const USER_KEYS = "arn,name,id,account,tags,identity,unreadable,unreadableIdentity,unseen,kind,groups,raw,boundaryArn,boundary,organization";

function varied(withOrganization: boolean) {
  const b = newBuilder();
  if (withOrganization) b.organization();
  const boundary = b.managedPolicy({ name: "bnd", document: doc({ Effect: "Allow", Action: "*", Resource: "*" }) });
  b.role({ name: "plain" });
  b.role({ name: "bounded", boundary, tags: { team: "a" }, inline: { own: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) } });
  b.role({ name: "lost-boundary", boundary: b.policyArn("not-in-snapshot") });
  b.role({ name: "bad-trust", trust: "{not json" as never, encoding: "json" });
  b.user({ name: "u" });
  b.user({ name: "v", boundary, groups: ["missing"] });
  return modelOf(b);
}

describe("principals of the account model", () => {
  for (const withOrganization of [false, true]) {
    it(`share one shape per kind whatever they hold (${withOrganization ? "in" : "without"} an organization)`, () => {
      const model = varied(withOrganization);
      expect(model.roles.size).toBe(4);
      expect([...new Set([...model.roles.values()].map((r) => Object.keys(r).join(",")))]).toEqual([ROLE_KEYS]);
      expect([...new Set([...model.users.values()].map((u) => Object.keys(u).join(",")))]).toEqual([USER_KEYS]);
    });
  }

  it("hold what each says, and undefined for what it lacks", () => {
    const roles = varied(true).roles;
    const role = (name: string) => roles.get(`arn:aws:iam::${ACCOUNT}:role/${name}`);
    expect(role("plain")).toMatchObject({ kind: "role", boundaryArn: undefined, boundary: undefined, trustUnreadable: undefined });
    expect(role("plain")?.trust?.statements).toHaveLength(1);
    expect(role("bounded")).toMatchObject({ tags: { team: "a" }, boundaryArn: `arn:aws:iam::${ACCOUNT}:policy/bnd` });
    expect(role("bounded")?.boundary?.source).toMatchObject({ kind: "boundary", policyName: "bnd" });
    expect(role("lost-boundary")).toMatchObject({ boundary: undefined, unreadable: ["permissions boundary not-in-snapshot: document is not in the snapshot"] });
    expect(role("bad-trust")?.trust).toBeUndefined();
    expect(role("bad-trust")?.trustUnreadable).toMatch(/^trust policy: policy document /);
  });
});
