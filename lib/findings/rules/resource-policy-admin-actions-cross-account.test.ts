/**
 * As in the demo (deploy-hook, DEMO.md: "the agency can change the code, the configuration and the policy itself"):
 * Lambda honours a function policy's grant to another account only for some API actions. The project's fact sheet
 * (shared/reference/lambda-permissions.md §3.6, from the Lambda DG access-control-resource-based page) lists them:
 * Invoke, GetFunction, GetFunctionConfiguration, UpdateFunctionCode, DeleteFunction, PublishVersion,
 * ListVersionsByFunction, CreateAlias, GetAlias, ListAliases, UpdateAlias, DeleteAlias, GetPolicy,
 * PutFunctionConcurrency, DeleteFunctionConcurrency, ListTags, TagResource, UntagResource — not
 * UpdateFunctionConfiguration, AddPermission or RemovePermission, which awsdocs/aws-lambda-developer-guide#139 reports
 * fail across accounts in practice. The finding lists them as things the other account can call.
 */
import { describe, expect, it } from "vitest";
import { builder, findingsOf, OTHER_ACCOUNT, REGION } from "../test-support";
import { resourcePolicyAdminActions } from "./resource-policy-admin-actions";

describe("resource-policy-admin-actions: actions Lambda does not honour across accounts", () => {
  it("lambda:* to another account does not let it change the configuration or the policy", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
    b.permission(fn, { sid: "all", principal: OTHER_ACCOUNT, action: "lambda:*" });
    const [finding] = findingsOf(resourcePolicyAdminActions, b);
    const [callable, rest] = (finding?.detail ?? "").split(" The policy also grants ");
    expect(finding?.severity).toBe("critical");
    expect(callable).toContain("lambda:UpdateFunctionCode");
    for (const action of ["UpdateFunctionConfiguration", "AddPermission", "RemovePermission"]) {
      expect(finding?.title).not.toMatch(new RegExp(`\\b${action}\\b`));
      expect(callable).not.toMatch(new RegExp(`\\b${action}\\b`));
      // Named apart, so the remediation (remove the statement) still covers them.
      expect(rest).toMatch(new RegExp(`\\b${action}\\b`));
    }
  });

  it("a grant of only undocumented actions is a \"possibly\" (high), not silence and not critical", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
    b.permission(fn, { sid: "cfg", principal: OTHER_ACCOUNT, action: "lambda:UpdateFunctionConfiguration" });
    const [finding] = findingsOf(resourcePolicyAdminActions, b);
    expect(finding?.severity).toBe("high");
    expect(finding?.title).toContain("possibly call lambda:UpdateFunctionConfiguration");
    expect(finding?.detail).toContain("lists none of them among the actions it accepts from other accounts");
  });
});
