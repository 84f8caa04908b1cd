/**
 * As in the demo (public-status-page): the remediation says "remove the grants to * (with AWS_IAM they would let any
 * principal of any AWS account call it)". The grant of lambda:InvokeFunctionUrl is the console's
 * FunctionURLAllowPublicAccess, conditioned on lambda:FunctionUrlAuthType = NONE: once the URL's AuthType is AWS_IAM
 * that condition is false, so it lets no one call the URL, and a URL call needs both InvokeFunctionUrl and
 * InvokeFunction since October 2025 (Lambda DG urls-auth; lambda-permissions.md §3.4). The parenthesis states as fact
 * an exposure this policy would not have. (Removing the grants is still sound advice; only the reason is wrong.)
 */
import { describe, expect, it } from "vitest";
import { builder, findingsOf, REGION } from "../test-support";
import { functionUrlPublic } from "./function-url-public";

describe("function-url-public: what the grants to * would do under AWS_IAM", () => {
  it("does not claim an AuthType-NONE-conditioned grant would open an AWS_IAM URL to every account", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "status", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.url(fn, { authType: "NONE" });
    b.permission(fn, { sid: "FunctionURLAllowPublicAccess", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
    b.permission(fn, { sid: "FunctionURLInvokeAllowPublicAccess", principal: "*", invokedViaUrl: true });
    const [f] = findingsOf(functionUrlPublic, b);
    expect(f?.severity).toBe("high");
    expect(f?.remediation).not.toMatch(/would let any principal of any AWS account/);
  });
});
