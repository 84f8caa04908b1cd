/**
 * A `*` grant whose aws:PrincipalArn pins one role of the account lets in that role alone (its sessions carry the
 * role's ARN in the key), so it is weighed as a grant naming the role: the role's own Deny refuses it. The invoker
 * list once answered it from the function policy alone ("allowed"), blind to that Deny.
 */
import { describe, expect, it } from "vitest";
import { deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { invokersOf } from "./invokers";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const CALLER = `arn:aws:iam::${ACCOUNT}:role/caller`;

function pinnedGrant(operator: string, inline?: Record<string, unknown>) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  b.role({ name: "caller", ...(inline ? { inline: inline as never } : {}) });
  const condition = { [operator]: { "aws:PrincipalArn": CALLER } };
  b.resourcePolicy(fn, policy({ Sid: "Pinned", Effect: "Allow", Principal: { AWS: "*" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: condition } as never));
  const model = modelOf(b);
  return invokersOf(model, model.functions[0]!).find((i) => i.sid === "Pinned")!;
}

const noLambda = { p: policy(deny("lambda:*", "*", { sid: "NoLambda" })) };

describe("a `*` grant pinned by aws:PrincipalArn to a role of the account", () => {
  it("is refused by the role's own Deny, which it names", () => {
    expect(pinnedGrant("ArnEquals", noLambda)).toMatchObject({ principalType: "public", decision: "explicitly-denied", deniedBy: ["p#NoLambda"] });
  });

  it("control: without the Deny it lets the role in; an IfExists clause pins no one, so the role's Deny is not the answer", () => {
    expect(pinnedGrant("ArnEquals").decision).toBe("allowed");
    expect(pinnedGrant("ArnEqualsIfExists", noLambda).decision).toBe("allowed");
  });
});

describe("a `*` grant pinned by aws:PrincipalArn to role sessions", () => {
  // reference_policies_condition-keys.html, aws:PrincipalArn: "For IAM roles, the request context returns the ARN of the
  // role, not the ARN of the user that assumed the role"; "Do not specify the assumed role session ARN as a value".
  function pinnedTo(arn: string) {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const condition = { ArnLike: { "aws:PrincipalArn": arn } };
    b.resourcePolicy(fn, policy({ Sid: "Pinned", Effect: "Allow", Principal: { AWS: "*" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: condition } as never));
    const model = modelOf(b);
    return invokersOf(model, model.functions[0]!).find((i) => i.sid === "Pinned")!;
  }

  it("lets no one in: the invoker list once took the session pattern for the caller's ARN and answered allowed", () => {
    expect(pinnedTo("arn:aws:sts::444455556666:assumed-role/deployer/*").decision).toBe("implicitly-denied");
    expect(pinnedTo(`arn:aws:sts::${ACCOUNT}:assumed-role/caller/*`).decision).toBe("implicitly-denied");
  });

  it("control: the role's own ARN, which its sessions carry, lets them in", () => {
    expect(pinnedTo("arn:aws:iam::444455556666:role/deployer").decision).toBe("allowed");
  });
});
