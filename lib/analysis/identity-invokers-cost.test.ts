/**
 * How many questions identity invokers ask the evaluator: the shortcuts are exact (identity-invokers.test.ts holds
 * them to asking every pair), and these tests hold them to asking few.
 */
import { describe, expect, it, vi } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { identityInvokers } from "./identity-invokers";
import { ACCOUNT, modelOf } from "./test-support";

const asked = vi.hoisted(() => ({ count: 0 }));
vi.mock("./role-access", async (original) => {
  const real = await original<typeof import("./role-access")>();
  return { ...real, roleDecision: (...args: Parameters<typeof real.roleDecision>) => (asked.count++, real.roleDecision(...args)) };
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
});
