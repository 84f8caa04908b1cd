/**
 * Remediations around `*` grants on a function URL.
 *
 * A console-made public URL (AuthType NONE) has two statements: `*` lambda:InvokeFunctionUrl under
 * lambda:FunctionUrlAuthType = NONE, and `*` lambda:InvokeFunction under lambda:InvokedViaFunctionUrl = true.
 * function-url-public's fix switches the URL to AWS_IAM. The InvokeFunction statement is then left over, and
 * function-url-permission-mismatch's fix for it is to grant `*` lambda:InvokeFunctionUrl with AuthType AWS_IAM:
 * every principal of every AWS account (urls-auth.html: a principal of another account needs the resource policy's
 * grant plus its own identity policy, which it writes itself), as cross-account-invoke then reports.
 */
import { describe, expect, it } from "vitest";
import { builder, contextOf, findingsOf, REGION, urlCreatedAt } from "../test-support";
import { runRules } from "../run";
import { functionUrlPermissionMismatch } from "./function-url-permission-mismatch";
import { functionUrlPublic } from "./function-url-public";
import { crossAccountInvoke } from "./cross-account-invoke";

const CREATED = urlCreatedAt("2026-01-01T00:00:00Z");

/** The console's statements for a public URL; `urlCondition: false` as `add-permission` without --function-url-auth-type writes it. */
function consoleUrl(auth: "NONE" | "AWS_IAM", urlCondition = true) {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "web", runtime: "nodejs22.x", role: b.role({ name: "web" }) });
  b.url(fn, { authType: auth });
  b.permission(fn, { sid: "FunctionURLAllowPublicAccess", principal: "*", action: "lambda:InvokeFunctionUrl", ...(urlCondition ? { urlAuthType: "NONE" as const } : {}) });
  b.permission(fn, { sid: "FunctionURLInvokeAllowPublicAccess", principal: "*", action: "lambda:InvokeFunction", invokedViaUrl: true });
  return { b, fn };
}

describe("URL remediations and `*` grants", () => {
  it("function-url-permission-mismatch never proposes granting `*` on an AWS_IAM URL (that is every AWS account)", () => {
    // The state function-url-public's own fix leads to.
    const { b } = consoleUrl("AWS_IAM");
    const [f] = findingsOf(functionUrlPermissionMismatch, b, CREATED);
    expect(f?.title).toBe("Function URL callers lack lambda:InvokeFunctionUrl");
    // Not "add-permission … --action lambda:InvokeFunctionUrl --principal '*' --function-url-auth-type AWS_IAM": the leftover goes.
    expect(f?.remediation).not.toMatch(/add-permission .*--principal '\*'/);
  });

  it("function-url-public's fix does not leave the URL open to every AWS account", () => {
    const { b } = consoleUrl("NONE", false);
    const [f] = findingsOf(functionUrlPublic, b, CREATED);
    expect(f?.severity).toBe("high");
    // Applied as written (AuthType AWS_IAM, nothing else), cross-account-invoke reports
    // "Any AWS account can invoke this function through its IAM-authenticated URL".
    const after = consoleUrl("AWS_IAM", false).b;
    const open = runRules(contextOf(after, CREATED)).filter((x) => x.title.startsWith("Any AWS account"));
    expect(open).toHaveLength(1);
    // So the fix must also say to remove (or narrow) the `*` statements.
    expect(f?.remediation).toMatch(/remove-permission/);
  });

  it("cross-account-invoke names the statement that opens an AWS_IAM URL to any account, not an inert one", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "web", runtime: "nodejs22.x", role: b.role({ name: "web" }) });
    b.url(fn, { authType: "AWS_IAM" });
    // Left over from when the URL was public: inert now (its condition asks for AuthType NONE).
    b.permission(fn, { sid: "OldPublic", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
    b.permission(fn, { sid: "AnyAccount", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" });
    b.permission(fn, { sid: "AnyAccountInvoke", principal: "*", action: "lambda:InvokeFunction", invokedViaUrl: true });
    const [f] = findingsOf(crossAccountInvoke, b, CREATED);
    expect(f?.title).toBe("Any AWS account can invoke this function through its IAM-authenticated URL");
    // Not OldPublic, after whose removal AnyAccount would still let every account in.
    expect(f?.remediation).toContain("--statement-id AnyAccount");
    expect(f?.remediation).not.toContain("--statement-id OldPublic");
  });
});

describe("function-url-permission-mismatch for the public callers of an AuthType NONE URL", () => {
  it("says that its fix makes the function callable by anyone on the internet", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "form", runtime: "nodejs22.x", role: b.role({ name: "form" }) });
    b.url(fn, { authType: "NONE" });
    b.permission(fn, { sid: "FunctionURLAllowPublicAccess", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
    const [f] = findingsOf(functionUrlPermissionMismatch, b, CREATED);
    expect(f?.title).toBe("Function URL callers lack lambda:InvokeFunction");
    // The bare add-permission --principal '*' turned function-url-public from info ("policy admits no public caller
    // yet") to high, unsaid, while function-url-public's own fix for the same URL is to require AWS_IAM.
    expect(f?.remediation).toMatch(/internet/i);
  });
});
