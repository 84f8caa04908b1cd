/**
 * As in the demo (deploy-hook): a function policy granting lambda:* on the unqualified function ARN does not grant
 * the durable-execution actions. The Service Authorization Reference authorises lambda:CheckpointDurableExecution,
 * GetDurableExecution(State|History), StopDurableExecution and SendDurableExecutionCallback* on the "durable
 * execution" resource type (arn:…:function:name:qualifier/durable-execution/…), which `…:function:name` does not match
 * (the project's own durable-permission-missing rule and README say so). The finding must not list them.
 */
import { describe, expect, it } from "vitest";
import { builder, findingsOf, OTHER_ACCOUNT, REGION } from "../test-support";
import { resourcePolicyAdminActions } from "./resource-policy-admin-actions";

describe("resource-policy-admin-actions: durable-execution actions on an unqualified grant", () => {
  it("lambda:* on function:name does not grant actions authorised on durable-execution ARNs", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
    b.permission(fn, { sid: "all", principal: OTHER_ACCOUNT, action: "lambda:*" });
    const [finding] = findingsOf(resourcePolicyAdminActions, b);
    expect(finding).toBeDefined();
    for (const action of [
      "CheckpointDurableExecution",
      "GetDurableExecutionState",
      "GetDurableExecutionHistory",
      "StopDurableExecution",
      "SendDurableExecutionCallbackSuccess",
    ]) {
      expect(finding?.detail).not.toMatch(new RegExp(`\\b${action}\\b`));
    }
  });

  it("a grant that names the function's qualifiers (function:name:*) does cover them", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
    b.resourcePolicy(fn, {
      Version: "2012-10-17",
      Statement: [{ Sid: "all", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "lambda:*", Resource: [fn, `${fn}:*`] }],
    });
    const [finding] = findingsOf(resourcePolicyAdminActions, b);
    expect(finding?.detail).toMatch(/\bCheckpointDurableExecution\b/);
  });
});
