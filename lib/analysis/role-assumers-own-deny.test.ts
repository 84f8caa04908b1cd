/**
 * A trust policy naming a role or IAM user of the account lets it assume the role without an identity Allow (the
 * trust policy is a resource policy of the same account), but the caller's own explicit Deny on sts:AssumeRole, or
 * an SCP's, still refuses it (lambda-permissions.md §5.1). The assumer list once answered from the trust policy
 * alone and listed such a caller as "allowed" among those who can act as an invoking role.
 */
import { describe, expect, it } from "vitest";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { deny, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { roleAssumers } from "./role-assumers";
import { ACCOUNT, modelOf, newBuilder } from "./test-support";

type Builder = ReturnType<typeof newBuilder>;

/** The assumers of a role whose trust names `principals` (made by `configure`), as "principal decision". */
function assumersOf(configure: (b: Builder) => string[]) {
  const b = newBuilder();
  const principals = configure(b);
  const arn = b.role({ name: "target", trust: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principals }, Action: "sts:AssumeRole" }] } as never });
  const model = modelOf(b);
  return roleAssumers(model.roles.get(arn)!, model).assumers.map((a) => `${a.principal} ${a.decision}`);
}

describe("an assumer of the account refused by its own policies", () => {
  it("is not listed when its own Deny (a role's, a user's) refuses sts:AssumeRole", () => {
    const rows = assumersOf((b) => [
      b.role({ name: "denied", inline: { p: policy(deny("sts:AssumeRole", "*")) } }),
      b.user({ name: "denied-user", inline: { p: policy(deny("sts:*", "*")) } }),
      b.role({ name: "free" }),
    ]);
    expect(rows).toEqual([`arn:aws:iam::${ACCOUNT}:role/free allowed`]);
  });

  it("is not listed when an SCP denies it sts:AssumeRole", () => {
    const rows = assumersOf((b) => {
      const scp = { id: "p-noassume", name: "no-assume", document: policy(deny("sts:AssumeRole", "*")) };
      b.organization({ enabled: ["SERVICE_CONTROL_POLICY"], scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: [FULL_AWS_ACCESS, scp] } });
      return [b.role({ name: "scoped" }), b.role({ name: "free" })];
    });
    expect(rows).toEqual([]);
  });
});
