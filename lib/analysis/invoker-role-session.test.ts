/**
 * A function policy may name one session of a role (`arn:aws:sts::A:assumed-role/<role name>/<session>`, the role's
 * path left out). That grant is the role's, weighed as a grant naming the session: its explicit Denies and SCPs still
 * refuse it, its boundary does not limit it (lambda-permissions.md §5.2). The invoker list once looked the session
 * ARN up as a role ARN, found nothing and said "role not in the snapshot" of a role the snapshot holds.
 */
import { describe, expect, it } from "vitest";
import { allow, deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { invokersOf } from "./invokers";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

type Builder = ReturnType<typeof newBuilder>;

function grantToSession(configure: (b: Builder) => void) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  configure(b);
  const session = `arn:aws:sts::${ACCOUNT}:assumed-role/caller/ci-run`;
  b.resourcePolicy(fn, policy({ Sid: "Session", Effect: "Allow", Principal: { AWS: session }, Action: "lambda:InvokeFunction", Resource: fn } as never));
  const model = modelOf(b);
  const grants = invokersOf(model, model.functions[0]!).filter((i) => i.sid === "Session");
  expect(grants).toHaveLength(1);
  return grants[0]!;
}

describe("a function-policy grant to a session of a role of the account", () => {
  it("is refused by the role's own Deny, which it names, and is not said to be of a role the snapshot lacks", () => {
    const grant = grantToSession((b) => b.role({ name: "caller", path: "/team/", inline: { p: policy(deny("lambda:*", "*", { sid: "NoLambda" })) } }));
    expect(grant).toMatchObject({ principalType: "role", decision: "explicitly-denied", deniedBy: ["p#NoLambda"] });
    expect(grant.reason).toBeUndefined();
  });

  it("lets the session in without an identity Allow and whatever the role's boundary allows", () => {
    const grant = grantToSession((b) => {
      const boundary = b.managedPolicy({ name: "nothing", document: policy(allow("s3:GetObject", "*")) });
      b.role({ name: "caller", boundary });
    });
    expect(grant.decision).toBe("allowed");
    expect(grant.reason).toBeUndefined();
  });

  it("control: a session of a role the snapshot lacks stays conditional, saying why", () => {
    const grant = grantToSession(() => undefined);
    expect(grant).toMatchObject({ decision: "conditional", reason: expect.stringMatching(/not in the snapshot/) });
  });
});
