/**
 * A function-policy grant of a URL's two actions to one session of a role of the account
 * (`arn:aws:sts::A:assumed-role/<role name>/<session>`) behind an AWS_IAM URL is the role's: its explicit Denies and
 * SCPs still refuse it, its boundary does not limit it (lambda-permissions.md §5.2), as the direct-invoke path weighs
 * it (invoker-role-session.test.ts). The URL path once looked the session ARN up as a role ARN, found nothing and
 * answered from the function policy alone ("allowed"), blind to the role's own Deny.
 */
import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { invokersOf } from "./invokers";
import { urlCallerAccess } from "./url-access";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

type Builder = ReturnType<typeof newBuilder>;

const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/caller/ci-run`;

function urlGrantToSession(configure: (b: Builder) => void) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  b.url(fn, { authType: "AWS_IAM" });
  configure(b);
  b.permission(fn, { sid: "Url", principal: SESSION, action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" });
  b.permission(fn, { sid: "Invoke", principal: SESSION, invokedViaUrl: true });
  const model = modelOf(b);
  const f = model.functions[0]!;
  const access = urlCallerAccess(model, f, f.urls[0]!, { type: "role", id: SESSION, account: ACCOUNT });
  const grants = invokersOf(model, f).filter((i) => i.via === "resource-policy");
  return { access, grants };
}

describe("a function URL grant to a session of a role of the account", () => {
  it("is refused by the role's own Deny, which it names", () => {
    const { access, grants } = urlGrantToSession((b) => b.role({ name: "caller", path: "/team/", inline: { p: policy(deny("lambda:*", "*", { sid: "NoLambda" })) } }));
    expect(access.url.decision).toBe("explicitly-denied");
    expect(access.invoke.decision).toBe("explicitly-denied");
    for (const g of grants) expect(g, g.sid).toMatchObject({ principalType: "role", decision: "explicitly-denied", deniedBy: ["p#NoLambda"] });
  });

  it("lets the session in without an identity Allow and whatever the role's boundary allows", () => {
    const { access, grants } = urlGrantToSession((b) => {
      const boundary = b.managedPolicy({ name: "nothing", document: policy(allow("s3:GetObject", "*")) });
      b.role({ name: "caller", boundary });
    });
    expect([access.url.decision, access.invoke.decision]).toEqual(["allowed", "allowed"]);
    for (const g of grants) expect(g.decision, g.sid).toBe("allowed");
  });
});
