/**
 * Which new function the Lambda PassRole paths are asked about (new-function.ts): its name must be one the second
 * action (invoke, mapping, permission) reaches too, not only one CreateFunction's own grants spell out.
 */
import { describe, expect, it } from "vitest";
import { allow, policy, serviceTrust, type IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";

type B = ReturnType<typeof builder>;

function account(statements: IamStatement[], setup?: (b: B) => void): B {
  const b = builder();
  const r = b.role({ name: "r", inline: { p: policy(allow("iam:PassRole", "*"), ...statements) } });
  b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: r });
  b.role({ name: "admin", managed: [b.attachAwsManaged("AdministratorAccess")], trust: serviceTrust("lambda.amazonaws.com") });
  setup?.(b);
  return b;
}
const escalation = (b: B) => findingsOf(rolePrivilegeEscalation, b).find((f) => f.role === b.roleArn("r"));
const fnArn = (name: string, region = REGION) => `arn:aws:lambda:${region}:123456789012:function:${name}`;

describe("role-privilege-escalation: the new function a Lambda path is asked about", () => {
  it("CreateFunction on * and InvokeFunction on deploy-*: it can create deploy-x and invoke it", () => {
    // Only the probe name is asked (CreateFunction's `*` gives no name), and InvokeFunction does not cover it.
    const f = escalation(account([allow("lambda:CreateFunction", "*"), allow("lambda:InvokeFunction", fnArn("deploy-*"))]));
    expect(f?.title).toBe("Role r can escalate to admin: PassRole to admin");
  });

  it("CreateFunction on * and a mapping limited by lambda:FunctionArn to etl-*: it can create etl-x and map to it", () => {
    const f = escalation(
      account([
        allow("lambda:CreateFunction", "*"),
        allow("lambda:CreateEventSourceMapping", "*", { condition: { ArnLike: { "lambda:FunctionArn": fnArn("etl-*") } } }),
      ]),
    );
    expect(f?.title).toBe("Role r can escalate to admin: PassRole to admin");
  });

  it("InvokeFunction on qualified ARNs only (deploy-*:*): the new function is invoked as deploy-x:$LATEST", () => {
    // `function:x:*` covers every qualified call and no unqualified one; Invoke takes Qualifier=$LATEST.
    const f = escalation(
      account([allow("lambda:CreateFunction", "*"), allow("lambda:InvokeFunction", `${fnArn("deploy-*")}:*`)]),
    );
    expect(f?.title).toBe("Role r can escalate to admin: PassRole to admin");
  });

  it("InvokeFunction on one alias only (deploy-x:live) opens no new function: the role cannot create the alias", () => {
    const f = escalation(
      account([allow("lambda:CreateFunction", "*"), allow("lambda:InvokeFunction", `${fnArn("deploy-x")}:live`)]),
    );
    expect(f).toBeUndefined();
  });

  it("CreateFunction on * and InvokeFunction on one name no function holds yet", () => {
    const f = escalation(account([allow("lambda:CreateFunction", "*"), allow("lambda:InvokeFunction", fnArn("not-yet"))]));
    expect(f?.title).toBe("Role r can escalate to admin: PassRole to admin");
  });
});

describe("role-privilege-escalation: names and regions the new function may take", () => {
  it("a Deny on CreateFunction outside approved-* leaves approved-x open: the name comes from the Deny's NotResource", () => {
    const f = escalation(
      account([
        allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*"),
        { Effect: "Deny", Action: "lambda:CreateFunction", NotResource: fnArn("approved-*") },
      ]),
    );
    expect(f?.title).toBe("Role r can escalate to admin: PassRole to admin");
  });

  it("a grant in a region the snapshot did not scan still creates and runs a function there", () => {
    // Only the snapshot's regions are asked: eu-west-1 (named by the grant itself) is never tried.
    const f = escalation(account([allow(["lambda:CreateFunction", "lambda:InvokeFunction"], fnArn("*", "eu-west-1"))]));
    expect(f?.title).toBe("Role r can escalate to admin: PassRole to admin");
  });
});

describe("role-privilege-escalation: a boundary that names the functions", () => {
  it("identity grants on *, the boundary on sandbox-*: the role can create and invoke sandbox-x", () => {
    // The probe name falls outside the boundary, and the boundary's own pattern was never a candidate.
    const b = builder();
    const r = b.role({
      name: "r",
      inline: { p: policy(allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*")) },
      boundary: b.managedPolicy({
        name: "cap",
        document: policy(allow("iam:PassRole", "*"), allow(["lambda:CreateFunction", "lambda:InvokeFunction"], fnArn("sandbox-*"))),
      }),
    });
    b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: r });
    b.role({ name: "admin", managed: [b.attachAwsManaged("AdministratorAccess")], trust: serviceTrust("lambda.amazonaws.com") });
    expect(escalation(b)?.detail).toContain("allows iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (admin role admin)");
  });
});
