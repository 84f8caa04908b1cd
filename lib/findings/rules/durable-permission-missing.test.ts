import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION, testRuleCases, type RuleCase } from "../test-support";
import { durablePermissionMissing } from "./durable-permission-missing";

type B = ReturnType<typeof builder>;
const DURABLE = { executionTimeout: 86_400, retentionPeriodInDays: 14 };
const ACTIONS = ["lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"];
const FN = `arn:aws:lambda:${REGION}:123456789012:function:orders`;

function durableFn(role: (b: B) => string, durable: typeof DURABLE | null = DURABLE) {
  const b = builder();
  b.fn({ region: REGION, name: "orders", runtime: "python3.13", role: role(b), ...(durable ? { durable } : {}) });
  return b;
}
const inline = (...statements: ReturnType<typeof allow>[]) => (b: B) => b.role({ name: "r", inline: { p: policy(...statements) } });

const cases: RuleCase[] = [
  {
    name: "the managed durable execution policy: fine",
    build: () => durableFn((b) => b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicDurableExecutionRolePolicy")] })),
    titles: [],
  },
  { name: "the documented grant on function:name:*: fine", build: () => durableFn(inline(allow(ACTIONS, `${FN}:*`))), titles: [] },
  { name: "a grant on $LATEST's executions: fine", build: () => durableFn(inline(allow(ACTIONS, `${FN}:$LATEST/durable-execution/*`))), titles: [] },
  {
    // The mistake durable-security.html warns of: an unqualified function ARN never matches an execution's ARN.
    name: "a grant on the unqualified function ARN does not cover the executions",
    build: () => durableFn(inline(allow(ACTIONS, FN))),
    titles: ["Durable function lacks lambda:CheckpointDurableExecution, lambda:GetDurableExecutionState"],
    severities: ["high"],
  },
  {
    name: "checkpoints without reading the state",
    build: () => durableFn(inline(allow(ACTIONS[0] as string, `${FN}:*`))),
    titles: ["Durable function lacks lambda:GetDurableExecutionState"],
  },
  {
    name: "a grant on version 1's executions only: $LATEST's are not covered",
    build: () => durableFn(inline(allow(ACTIONS, `${FN}:1/durable-execution/*`))),
    titles: ["Durable function lacks lambda:CheckpointDurableExecution, lambda:GetDurableExecutionState"],
  },
  {
    name: "a Deny on the actions wins over the managed policy",
    build: () =>
      durableFn((b) =>
        b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicDurableExecutionRolePolicy")], inline: { d: policy(deny("lambda:Checkpoint*", "*")) } }),
      ),
    titles: ["Durable function lacks lambda:CheckpointDurableExecution"],
  },
  { name: "not durable: nothing to check", build: () => durableFn((b) => b.role({ name: "r" }), null), titles: [] },
];

describe("durable-permission-missing", () => {
  testRuleCases(durablePermissionMissing, cases);

  it("cites the DurableConfig, the execution ARN it asked about and the fix's qualifier pattern", () => {
    const [f] = findingsOf(durablePermissionMissing, durableFn(inline(allow(ACTIONS, FN))));
    expect(f?.detail).toContain(`on the execution's ARN (${FN}:$LATEST/durable-execution/<name>/<id>)`);
    expect(f?.evidence.some((e) => e.kind === "configuration" && e.highlight?.includes("DurableConfig"))).toBe(true);
    expect(JSON.stringify(f?.remediation)).toContain(`${FN}:*`);
  });
});

describe("durable-permission-missing: the function's own policy", () => {
  it("is read for its executions: a Deny on the function's qualified ARNs refuses them", () => {
    const b = durableFn(inline(allow(ACTIONS, `${FN}:*`)));
    b.resourcePolicy(FN, policy({ Effect: "Deny", Principal: "*", Action: "lambda:CheckpointDurableExecution", Resource: `${FN}:*` }));
    expect(findingsOf(durablePermissionMissing, b).map((f) => f.title)).toEqual(["Durable function lacks lambda:CheckpointDurableExecution"]);
  });

  it("that could not be read may grant what the role lacks, and could only refuse what it has (data-unavailable names the gap)", () => {
    const b = durableFn(inline(allow(ACTIONS, FN)));
    b.error({ operation: "GetPolicy", target: FN, code: "AccessDeniedException", message: "denied" });
    const [f] = findingsOf(durablePermissionMissing, b);
    // The unqualified grant misses the executions; the function's policy, unread, might grant them (never "did not exist").
    expect(f?.title).toBe("Durable function may lack lambda:CheckpointDurableExecution and 1 more (depends on the target's resource policy, which could not be read)");
    expect(f?.detail).not.toContain("did not exist");
    const withGrant = durableFn(inline(allow(ACTIONS, `${FN}:*`)));
    withGrant.error({ operation: "GetPolicy", target: FN, code: "AccessDeniedException", message: "denied" });
    expect(findingsOf(durablePermissionMissing, withGrant)).toEqual([]);
  });
});
