/**
 * As in the demo (public-status-page): its role allows sts:AssumeRole on "*", and every role the snapshot holds
 * trusts a service only. AssumeRole succeeds only where the target role's trust policy lets the caller in (IAM User
 * Guide, id_roles_use_permissions-to-switch: "the trust policy of the role … and the permissions policy of the
 * user/role must both allow"); the project's own `can` answers implicitly-denied for every role of the account and
 * conditional for a role of another account (README, Known limits: "resources in other accounts are conditional").
 * No AssumeRole request names "*", so the path is open only on trust policies the snapshot does not hold: the finding
 * must be a "may", and the composite public-invoke-privileged-role a "may" (high), not "Anyone … can escalate" (critical).
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";
import { publicInvokePrivilegedRole } from "./public-invoke-privileged-role";

function account() {
  const b = builder();
  const role = b.role({ name: "r", inline: { p: policy(allow("sts:AssumeRole", "*")) } });
  const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
  // Other roles of the account: each trusts Lambda only (the default trust), as in the demo.
  b.role({ name: "other" });
  b.url(fn, { authType: "NONE" });
  b.permission(fn, { sid: "FunctionURLAllowPublicAccess", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
  b.permission(fn, { sid: "FunctionURLInvokeAllowPublicAccess", principal: "*", invokedViaUrl: true });
  return b;
}

describe("sts:AssumeRole on * with no role of the account trusting the role", () => {
  it("role-privilege-escalation says \"may\", not \"can\"", () => {
    const [f] = findingsOf(rolePrivilegeEscalation, account());
    expect(f?.title).toMatch(/^Role r may escalate/);
  });

  it("public-invoke-privileged-role is a \"may\" (high), not critical", () => {
    const [f] = findingsOf(publicInvokePrivilegedRole, account());
    expect(f?.severity).toBe("high");
  });
});
