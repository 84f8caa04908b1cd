/**
 * How many questions identity invokers ask the evaluator: the shortcuts are exact (identity-invokers.test.ts holds
 * them to asking every pair), and these tests hold them to asking few.
 */
import { describe, expect, it, vi } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { identityInvokers } from "./identity-invokers";
import { ACCOUNT, modelOf } from "./test-support";

const asked = vi.hoisted(() => ({ count: 0, globs: 0 }));
vi.mock("./role-access", async (original) => {
  const real = await original<typeof import("./role-access")>();
  return { ...real, roleDecision: (...args: Parameters<typeof real.roleDecision>) => (asked.count++, real.roleDecision(...args)) };
});
vi.mock("@/lib/policy/wildcard", async (original) => {
  const real = await original<typeof import("@/lib/policy/wildcard")>();
  return { ...real, globMatches: (...args: Parameters<typeof real.globMatches>) => (asked.globs++, real.globMatches(...args)) };
});

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
const INVOKE = "lambda:InvokeFunction";

function account(roles: (b: SnapshotBuilder) => void) {
  const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: ["us-east-1"] });
  const exec = b.role({ name: "exec", inline: { p: doc({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } as never });
  for (let i = 0; i < 200; i++) b.fn({ region: "us-east-1", name: `team${i % 20}-fn${i}`, runtime: "nodejs22.x", role: exec });
  roles(b);
  return modelOf(b);
}

describe("identityInvokers: questions asked", () => {
  it("a Resource holding a policy variable the role's own session fixes names what it names: its tag, not every function", () => {
    const model = account((b) => {
      const abac = b.managedPolicy({
        name: "team-invoke",
        document: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:\${aws:PrincipalTag/team}-*` }) as never,
      });
      for (let r = 0; r < 10; r++) b.role({ name: `team${r}-role`, managed: [abac], tags: { team: `team${r}` } } as never);
      // No such tag: the pattern matches nothing (and aws:username is never in a role's request).
      b.role({ name: "untagged", managed: [abac] } as never);
      b.role({ name: "by-username", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:\${aws:username}-*` }) } as never });
    });
    asked.count = 0;
    const { byFunction, accountWide } = identityInvokers(model);
    expect(accountWide).toEqual([]);
    // Each team role invokes its 10 functions ($LATEST is listed with them, once per function).
    expect([...byFunction.values()].flat()).toHaveLength(100);
    // Each asked about its 10 functions and their $LATEST, not about all 400 targets.
    expect(asked.count).toBeLessThanOrEqual(10 * 20);
  });

  it("a grant on every function with a Deny (or NotResource) naming a few looks at those few beside its probe", () => {
    const model = account((b) => {
      b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:team3-*` }) } as never });
      b.role({ name: "not-team4", inline: { p: doc({ Effect: "Allow", Action: INVOKE, NotResource: `arn:aws:lambda:*:${ACCOUNT}:function:team4-*` }) } as never });
    });
    asked.count = 0;
    asked.globs = 0;
    const { accountWide } = identityInvokers(model);
    // $LATEST takes its function's answer: only the functions are exceptions.
    expect(accountWide.map((w) => w.exceptions.length)).toEqual([10, 10]);
    // Per role: one probe, and the 10 functions its pattern names with their $LATEST; and the admin, whose Deny
    // names InvokeFunction only, InvokeAsync on those 10 functions and their $LATEST (the deprecated API still runs them).
    expect(asked.count).toBe(2 * (1 + 20) + 20);
    // And matches its pattern against those, not against each of the 400 targets.
    expect(asked.globs).toBeLessThan(200);
  });

  it("grants on every function of one region, in a two-region account: one entry each, one probe each", () => {
    const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: ["us-east-1", "eu-west-1"] });
    const exec = b.role({ name: "exec", inline: { p: doc({ Effect: "Allow", Action: "logs:*", Resource: "*" }) } as never });
    for (let i = 0; i < 200; i++) b.fn({ region: i % 2 ? "eu-west-1" : "us-east-1", name: `fn${i}`, runtime: "nodejs22.x", role: exec });
    // CDK and Terraform write the region into the ARN; so does a condition on the requested region.
    for (let r = 0; r < 30; r++) b.role({ name: `east-${r}`, inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` }) } as never });
    b.role({ name: "west", inline: { p: doc({ Effect: "Allow", Action: "lambda:*", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }) } as never });
    const model = modelOf(b);
    asked.count = 0;
    const { byFunction, accountWide } = identityInvokers(model);
    // Not 31 × 100 entries on the functions: one per role, with its region.
    expect(byFunction.size).toBe(0);
    expect(accountWide.map((w) => w.regions)).toEqual([...Array.from({ length: 30 }, () => ["us-east-1"]), ["eu-west-1"]]);
    // One probe per region its grant may cover: the east roles' patterns name no eu-west-1 function. The west
    // role's lambda:* holds InvokeAsync too: one probe per region for it.
    expect(asked.count).toBe(30 * 1 + 2 + 2);
  });

  it("published versions without a policy of their own take the probe's answer, and share their group's answer", () => {
    let denied = "";
    const model = account((b) => {
      const fns = Array.from({ length: 200 }, (_, i) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:team${i % 20}-fn${i}`);
      for (const fn of fns) for (const v of ["1", "2", "3"]) b.version(fn, v);
      denied = `${fns[0]}:2`;
      b.resourcePolicy(denied, doc({ Effect: "Deny", Principal: "*", Action: INVOKE, Resource: denied }));
      b.role({ name: "admin", inline: { p: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } as never });
      b.role({ name: "team3-qualified", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:team3-*:*` }) } as never });
      b.role({ name: "team4-v1", inline: { p: doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:lambda:*:${ACCOUNT}:function:team4-*:1` }) } as never });
    });
    // Version 3's policy not read anywhere (scan --version-policies, as buildAccountModel reads PoliciesNotRead).
    for (const fn of model.functions) {
      fn.versionPoliciesNotRead.push("3");
      fn.unreadPolicies.add(`${fn.arn}:3`);
    }
    asked.count = 0;
    const { byFunction, accountWide } = identityInvokers(model);
    expect(accountWide.map((w) => w.exceptions)).toEqual([[{ function: denied, decision: "explicitly-denied" }]]);
    const listed = [...byFunction.values()].flat();
    // Each listed once per function: team3 on $LATEST (which `fn:*` covers), team4 on version 1.
    expect(listed.filter((i) => i.principal.endsWith("/team3-qualified")).map((i) => i.qualifier?.split(":").pop())).toEqual(Array(10).fill("$LATEST"));
    expect(listed.filter((i) => i.principal.endsWith("/team4-v1")).map((i) => i.qualifier?.split(":").pop())).toEqual(Array(10).fill("1"));
    // The admin: its probe and the version whose policy denies, not the 200 whose policy is unknown. The named
    // roles: one question per group of targets their pattern matches alike (all of team3's qualified ARNs but the
    // versions 3, each asked itself; team4's versions 1), not one per version.
    expect(asked.count).toBe(2 + (1 + 10) + 1);
  });
});
