/**
 * A function policy granting an IAM user of the account by its ARN lets that user in without an identity Allow and
 * whatever its permissions boundary allows (lambda-permissions.md §5.2), but an explicit Deny in the user's own
 * policies, its groups' or an SCP still refuses it (§5.1). The invoker list once answered such grants from the
 * function policy alone: "allowed" for a user whose own policy denies lambda:*.
 */
import { describe, expect, it } from "vitest";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { invokersOf } from "./invokers";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

type Builder = ReturnType<typeof newBuilder>;

function grantToUser(configure: (b: Builder) => void) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  configure(b);
  b.permission(fn, { sid: "User", principal: `arn:aws:iam::${ACCOUNT}:user/u` });
  const model = modelOf(b);
  const grants = invokersOf(model, model.functions[0]!).filter((i) => i.sid === "User");
  expect(grants).toHaveLength(1);
  return grants[0]!;
}

describe("a function-policy grant to an IAM user of the account", () => {
  it("is refused by the user's own Deny, which it names", () => {
    const grant = grantToUser((b) => b.user({ name: "u", inline: { p: policy(deny("lambda:*", "*", { sid: "NoLambda" })) } }));
    expect(grant).toMatchObject({ principalType: "user", decision: "explicitly-denied", deniedBy: ["p#NoLambda"] });
  });

  it("is refused by a Deny in one of the user's groups", () => {
    const grant = grantToUser((b) => {
      b.group({ name: "g", inline: { p: policy(deny("lambda:InvokeFunction", "*")) } });
      b.user({ name: "u", groups: ["g"] });
    });
    expect(grant.decision).toBe("explicitly-denied");
  });

  it("is refused by an SCP that denies invoking to the account's principals", () => {
    const grant = grantToUser((b) => {
      b.user({ name: "u" });
      const scp = { id: "p-noinvoke", name: "no-invoke", document: policy(deny("lambda:InvokeFunction", "*")) };
      b.organization({ enabled: ["SERVICE_CONTROL_POLICY"], scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: [FULL_AWS_ACCESS, scp] } });
    });
    expect(grant.decision).toBe("explicitly-denied");
  });

  it("control: is not limited by a boundary that allows no invoking (the grant names the user itself)", () => {
    const grant = grantToUser((b) => {
      const boundary = b.managedPolicy({ name: "nothing", document: policy(allow("s3:GetObject", "*")) });
      b.user({ name: "u", boundary });
    });
    expect(grant.decision).toBe("allowed");
  });

  it("through an AWS_IAM URL is refused by the user's own Deny, on both of the URL's grants", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const user = b.user({ name: "u", inline: { p: policy(deny("lambda:*", "*", { sid: "NoLambda" })) } });
    b.url(fn, { authType: "AWS_IAM" });
    b.permission(fn, { sid: "Url", principal: user, action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" });
    b.permission(fn, { sid: "Invoke", principal: user, invokedViaUrl: true });
    const model = modelOf(b);
    const grants = invokersOf(model, model.functions[0]!).filter((i) => i.via === "resource-policy");
    expect(grants.map((g) => [g.sid, g.urlOnly, g.decision])).toEqual([
      ["Url", true, "explicitly-denied"],
      ["Invoke", true, "explicitly-denied"],
    ]);
  });

  it("is conditional when the snapshot lacks the user (its Denies are unknown), saying so", () => {
    const grant = grantToUser(() => undefined);
    expect(grant).toMatchObject({ decision: "conditional", reason: expect.stringMatching(/user not in the snapshot/) });
  });
});
