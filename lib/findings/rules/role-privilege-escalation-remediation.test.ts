/**
 * role-privilege-escalation's fix is made from the paths it found: each path named with what its action lets the role
 * do, a policy refusing exactly the actions that open them, and sts:AssumeRole on any role scoped rather than refused.
 * The refusing policy, carried out on the account, must take the finding away.
 */
import { describe, expect, it } from "vitest";
import { allow, policy, type IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { remediationParts } from "@/lib/view/remediation-parts";
import { builder, findingsOf, REGION, remediationRoundTrip } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";

function account(...statements: IamStatement[]) {
  const b = builder();
  b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { p: policy(...statements) } }) });
  b.role({ name: "other" });
  return b;
}

function fixOf(b: ReturnType<typeof builder>) {
  const [f] = findingsOf(rolePrivilegeEscalation, b);
  if (!f) throw new Error("no finding");
  const parts = remediationParts(f.remediation);
  const documents = parts.filter((p) => p.kind === "document").map((p) => JSON.parse(p.text) as { Statement: { Effect: string; Action: string | string[]; Resource: string }[] });
  return { text: f.remediation, commands: parts.filter((p) => p.kind === "command").map((p) => p.text), documents };
}

describe("role-privilege-escalation remediation", () => {
  it("sts:AssumeRole on * (the demo's public-status-page): names the action and scopes it to named roles, refusing nothing", () => {
    const fix = fixOf(account(allow("sts:AssumeRole", "*")));
    expect(fix.text).toMatch(/^sts:AssumeRole .*takes on the permissions of the roles it can assume\./);
    expect(fix.text).toContain("Scope sts:AssumeRole to the roles the functions assume: in the statement that grants it (policy p)");
    expect(fix.documents).toEqual([
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::123456789012:role/<role it assumes>" }] },
    ]);
    expect(fix.commands).toEqual([]);
    expect(fix.text).not.toMatch(/iam:PassRole|IAM write access/);
  });

  it.each([
    ["iam:CreatePolicyVersion", [allow("iam:CreatePolicyVersion", "*")], ["iam:CreatePolicyVersion"], "makes a version of its choosing the default of a customer managed policy"],
    ["iam:CreateAccessKey", [allow("iam:CreateAccessKey", "*")], ["iam:CreateAccessKey"], "gets credentials of an IAM user and acts as that user"],
    ["iam:UpdateAssumeRolePolicy", [allow("iam:UpdateAssumeRolePolicy", "*")], ["iam:UpdateAssumeRolePolicy"], "rewrites a role's trust policy to let itself in"],
    ["iam:PutRolePolicy on itself", [allow("iam:PutRolePolicy", "*")], ["iam:PutRolePolicy"], "writes any permissions into a role's policies, its own included"],
    ["iam:AttachUserPolicy", [allow("iam:AttachUserPolicy", "*")], ["iam:AttachUserPolicy"], "writes any permissions into an IAM user's or group's policies"],
    [
      "iam:PassRole + lambda:CreateFunction",
      [allow("iam:PassRole", "arn:aws:iam::123456789012:role/other"), allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*")],
      ["iam:PassRole"],
      "hands a role to compute it creates or changes",
    ],
    ["lambda:UpdateFunctionCode on other functions", [allow("lambda:UpdateFunctionCode", "*")], ["lambda:UpdateFunctionCode"], "replaces other functions' code"],
  ])("%s: one sentence naming the path, and a policy refusing just that action", (_name, statements, refused, does) => {
    const b = account(...statements);
    // Another function the role could rewrite, for the code path.
    b.fn({ region: REGION, name: "victim", runtime: "nodejs22.x", role: b.role({ name: "victim-role" }) });
    const fix = fixOf(b);
    expect(fix.text.split("\n")[0]).toMatch(new RegExp(`^${refused[0]}\\b.* ${does}`));
    expect(fix.documents).toEqual([{ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: refused[0], Resource: "*" }] }]);
    expect(fix.commands).toEqual(["aws iam put-role-policy --role-name r --policy-name refuse-privilege-escalation --policy-document file://policy.json"]);
  });

  it("several paths: a sentence each, and one policy refusing all their actions", () => {
    const fix = fixOf(account(allow(["iam:CreatePolicyVersion", "iam:CreateAccessKey"], "*")));
    expect(fix.text.split("\n").slice(0, 2)).toEqual([
      "iam:CreatePolicyVersion makes a version of its choosing the default of a customer managed policy.",
      "iam:CreateAccessKey gets credentials of an IAM user and acts as that user.",
    ]);
    expect(fix.documents[0]?.Statement).toEqual([{ Effect: "Deny", Action: ["iam:CreatePolicyVersion", "iam:CreateAccessKey"], Resource: "*" }]);
  });

  it("an admin role it may assume: refused on that role alone", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { p: policy(allow("sts:AssumeRole", b.roleArn("admin"))) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    b.role({
      name: "admin",
      managed: [b.attachAwsManaged("AdministratorAccess")],
      trust: policy({ Effect: "Allow", Principal: { AWS: b.roleArn("r") }, Action: "sts:AssumeRole" }),
    });
    const fix = fixOf(b);
    expect(fix.text).toContain("sts:AssumeRole on admin role admin takes on the permissions of the roles it can assume.");
    expect(fix.documents).toEqual([{ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "sts:AssumeRole", Resource: b.roleArn("admin") }] }]);
  });

  it.each([
    ["iam:CreatePolicyVersion and iam:CreateAccessKey", [allow(["iam:CreatePolicyVersion", "iam:CreateAccessKey"], "*")]],
    ["iam:PutRolePolicy on itself", [allow("iam:PutRolePolicy", "*")]],
    ["iam:PassRole + lambda:CreateFunction", [allow("iam:PassRole", "arn:aws:iam::123456789012:role/other"), allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*")]],
  ])("%s: the refusing policy, carried out, takes the finding away and brings none", (_name, statements) => {
    const { left, added, applied } = remediationRoundTrip(account(...statements).build());
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(applied["role-privilege-escalation"]).toBe(1);
  });

  it("another function's code and configuration: the configuration, looked at only where the code is out of reach, is refused with it", () => {
    const b = account(allow(["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"], "*"));
    b.fn({ region: REGION, name: "victim", runtime: "nodejs22.x", role: b.role({ name: "victim-role" }) });
    const fix = fixOf(b);
    expect(fix.text).toContain("Once lambda:UpdateFunctionCode is refused, lambda:UpdateFunctionConfiguration sets other functions' configuration");
    expect(fix.documents[0]?.Statement).toEqual([{ Effect: "Deny", Action: ["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"], Resource: "*" }]);
    const { left, added, applied } = remediationRoundTrip(b.build());
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(applied["role-privilege-escalation"]).toBe(1);
  });

  it("sts:AssumeRole on * beside a refused action: the scoping is the user's edit, so the fix is not counted as carried out", () => {
    // Refusing iam:CreateAccessKey alone would leave the AssumeRole path open: the round trip must not call that a fix.
    const b = account(allow(["sts:AssumeRole", "iam:CreateAccessKey"], "*"));
    b.role({ name: "trusting", trust: policy({ Effect: "Allow", Principal: { AWS: b.roleArn("r") }, Action: "sts:AssumeRole" }) });
    const { left, applied, unchecked } = remediationRoundTrip(b.build());
    expect(left).toEqual([]);
    expect(applied["role-privilege-escalation"]).toBeUndefined();
    expect(unchecked).toEqual([expect.stringMatching(/^role-privilege-escalation:.*: placeholder in a document: /)]);
  });
});
