/**
 * As in the demo (debug-echo): Principal "*" may invoke, no condition. The remediation: "Remove the statement, or
 * re-add it for the callers that need it with --source-account, --source-arn or --principal-org-id". A caller that
 * invokes the function itself (debug-echo's callers: people and scripts with AWS credentials) sends no aws:SourceAccount
 * or aws:SourceArn — IAM User Guide, reference_policies_condition-keys: "the aws:SourceAccount condition key is only available when the call
 * to your resource is made directly by an AWS service principal" — so
 * a statement re-added with either lets none of them in. Of the three, only --principal-org-id narrows direct callers,
 * and the usual narrowing, naming the accounts (--principal '<account id>'), is not offered.
 */
import { describe, expect, it } from "vitest";
import { builder, findingsOf, REGION } from "../test-support";
import { publicInvoke } from "./public-invoke";

describe("public-invoke: remediation for direct callers", () => {
  it("offers naming the caller's account, and does not offer service-only keys as if they narrowed direct callers", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "debug-echo", runtime: "python3.12", role: b.role({ name: "r" }) });
    b.permission(fn, { sid: "AllowAnyoneToInvoke", principal: "*" });
    const [f] = findingsOf(publicInvoke, b);
    expect(f?.title).toBe("Anyone can invoke this function");
    expect(f?.remediation).toMatch(/--principal '<account id>'/);
    expect(f?.remediation).not.toMatch(/for the callers that need it with --source-account/);
  });
});
