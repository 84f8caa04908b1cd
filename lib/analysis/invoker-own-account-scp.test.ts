/**
 * A function-policy grant to the function's own account (`arn:aws:iam::A:root`) lets in the account's principals,
 * every one of which is under the organization's SCPs (lambda-permissions.md §5.1): an SCP that denies them
 * lambda:InvokeFunction refuses the grant for all of them. The invoker list once answered such a grant from the
 * function policy alone ("allowed"), though it weighs SCPs for a role or user the grant names.
 */
import { describe, expect, it } from "vitest";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { deny, policy, type IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { invokersOf } from "./invokers";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const OTHER = "210987654321";

/** The decisions of grants to the own account and to another, under an SCP holding `scpStatement`. */
function decisions(scpStatement: IamStatement) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  b.permission(fn, { sid: "Own", principal: ACCOUNT });
  b.permission(fn, { sid: "Other", principal: OTHER });
  const scp = { id: "p-guard", name: "guard", document: policy(scpStatement) };
  b.organization({ enabled: ["SERVICE_CONTROL_POLICY"], scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: [FULL_AWS_ACCESS, scp] } });
  const model = modelOf(b);
  return Object.fromEntries(invokersOf(model, model.functions[0]!).map((i) => [i.sid, i]));
}

describe("a function-policy grant to the function's own account under SCPs", () => {
  it("is refused when an SCP denies the account's principals lambda:InvokeFunction, and names it", () => {
    const { Own, Other } = decisions(deny("lambda:InvokeFunction", "*", { sid: "NoInvoke" }));
    expect(Own).toMatchObject({ principalType: "account", decision: "explicitly-denied", deniedBy: [expect.stringContaining("NoInvoke")] });
    // Another account's principals are under their own organization's SCPs, not this one's.
    expect(Other?.decision).toBe("allowed");
  });

  it("is conditional when the SCP's Deny spares some principals (a region lock with an exempt role)", () => {
    const { Own } = decisions(
      deny("*", "*", {
        condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" }, ArnNotLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/break-glass` } },
      }),
    );
    expect(Own?.decision).toBe("conditional");
  });
});
