import { describe, expect, it } from "vitest";
import { allow, deny, policy, serviceTrust, type IamStatement, type PrincipalValue } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION, testRuleCases, type RuleCase } from "../test-support";
import { rolePrivilegeEscalation } from "./role-privilege-escalation";
import type { RoleOptions } from "@/lib/snapshot/fixtures/builder";
import { TITLE_MAX } from "../headline";

type B = ReturnType<typeof builder>;

function roleCase(role: (b: B) => Omit<RoleOptions, "name">, setup?: (b: B) => void) {
  const b = builder();
  b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: b.role({ name: "r", ...role(b) }) });
  setup?.(b);
  return b;
}

/** `inDetail`: what the title no longer spells out (resources, every path) is still in the detail. */
const cases: RuleCase[] = [
  {
    // IAM authorises IAM actions against IAM resources only: each statement's own pattern would answer "allowed".
    name: "* on a bucket, iam:* on a table: no resource an escalation acts on, no finding",
    build: () =>
      roleCase(() => ({
        inline: {
          p: policy(
            allow("*", "arn:aws:s3:::x"),
            allow("iam:*", "arn:aws:dynamodb:us-east-1:123456789012:table/t"),
          ),
        },
      })),
    titles: [],
  },
  {
    name: "iam:PutRolePolicy on role/* beside the same on a bucket: the role pattern is the path",
    build: () => roleCase(() => ({ inline: { p: policy(allow("iam:PutRolePolicy", ["arn:aws:s3:::x", "arn:aws:iam::123456789012:role/app-*"])) } })),
    titles: ["Role r can escalate privileges: iam:PutRolePolicy"],
    inDetail: ["iam:PutRolePolicy on arn:aws:iam::123456789012:role/app-*"],
    severities: ["high"],
  },
  {
    name: "iam:PutRolePolicy on *: on itself too, with no boundary, so it can make itself admin",
    build: () => roleCase(() => ({ inline: { p: policy(allow("iam:PutRolePolicy", "*")) } })),
    titles: ["Role r can escalate to admin: iam:PutRolePolicy on itself"],
    severities: ["critical"],
  },
  {
    name: "iam:PutRolePolicy on * under a permissions boundary: what it writes is capped, so high",
    build: () =>
      roleCase((b) => ({
        inline: { p: policy(allow("iam:PutRolePolicy", "*")) },
        boundary: b.managedPolicy({ name: "cap", document: policy(allow(["iam:PutRolePolicy", "s3:GetObject"], "*")) }),
      })),
    titles: ["Role r can escalate privileges: iam:PutRolePolicy"],
    severities: ["high"],
  },
  {
    name: "iam:PutRolePolicy on another role only: high",
    build: () => roleCase((b) => ({ inline: { p: policy(allow("iam:PutRolePolicy", b.roleArn("other"))) } }), (b) => b.role({ name: "other" })),
    titles: ["Role r can escalate privileges: iam:PutRolePolicy"],
    inDetail: ["iam:PutRolePolicy on arn:aws:iam::123456789012:role/other"],
    severities: ["high"],
  },
  {
    name: "iam:PassRole scoped to another role + lambda:CreateFunction + InvokeFunction",
    build: () =>
      roleCase(
        (b) => ({ inline: { p: policy(allow("iam:PassRole", b.roleArn("admin")), allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*")) } }),
        (b) => b.role({ name: "admin" }),
      ),
    titles: ["Role r can escalate privileges: iam:PassRole + lambda:CreateFunction + InvokeFunction"],
  },
  {
    // IAM sets iam:PassedToService to the service the role is passed to: lambda.amazonaws.com for CreateFunction
    // (reference_policies_iam-condition-keys.html). The common PassRole guard is decided, not "may".
    name: "iam:PassRole conditioned on iam:PassedToService lambda.amazonaws.com + lambda:CreateFunction: an open path",
    build: () =>
      roleCase(
        () => ({ inline: { p: policy(allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*"), allow("iam:PassRole", "*", { condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } })) } }),
        (b) => b.role({ name: "admin", managed: [b.attachAwsManaged("AdministratorAccess")] }),
      ),
    titles: ["Role r can escalate to admin: PassRole to admin"],
    severities: ["critical"],
  },
  {
    name: "iam:PassRole only to EC2 (iam:PassedToService) + lambda:CreateFunction: no path",
    build: () =>
      roleCase(
        () => ({ inline: { p: policy(allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*"), allow("iam:PassRole", "*", { condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } } })) } }),
        (b) => b.role({ name: "admin", managed: [b.attachAwsManaged("AdministratorAccess")] }),
      ),
    titles: [],
  },
  {
    name: "iam:PutRolePolicy on the role's own ARN (scoped, not *)",
    build: () => roleCase((b) => ({ inline: { p: policy(allow("iam:PutRolePolicy", b.roleArn("r"))) } })),
    titles: ["Role r can escalate to admin: iam:PutRolePolicy on itself"],
    severities: ["critical"],
  },
  {
    name: "iam:CreatePolicyVersion on policy/* and iam:CreateAccessKey on user/*",
    build: () =>
      roleCase(() => ({
        inline: { p: policy(allow("iam:CreatePolicyVersion", "arn:aws:iam::123456789012:policy/*"), allow("iam:CreateAccessKey", "arn:aws:iam::123456789012:user/*")) },
      })),
    titles: ["Role r can escalate privileges: 2 paths (iam:CreatePolicyVersion, iam:CreateAccessKey)"],
    inDetail: ["iam:CreatePolicyVersion on arn:aws:iam::123456789012:policy/*, iam:CreateAccessKey on arn:aws:iam::123456789012:user/*"],
  },
  {
    name: "iam:PassRole on role/* + lambda:CreateFunction and InvokeFunction on function:*",
    build: () =>
      roleCase(
        (b) => ({ inline: { p: policy(allow("iam:PassRole", "arn:aws:iam::123456789012:role/*"), allow(["lambda:CreateFunction", "lambda:InvokeFunction"], b.functionArn(REGION, "*"))) } }),
        (b) => b.role({ name: "admin" }),
      ),
    titles: ["Role r can escalate privileges: iam:PassRole + lambda:CreateFunction + InvokeFunction"],
  },
  {
    // AssumeRole needs the target's trust too: no role of the account trusts r, and other accounts' trust is unseen.
    name: "sts:AssumeRole on every role of every account, no role of the account trusting it: a \"may\"",
    build: () => roleCase(() => ({ inline: { p: policy(allow("sts:AssumeRole", "arn:aws:iam::*:role/*")) } })),
    titles: ["Role r may escalate privileges: sts:AssumeRole"],
    inDetail: ["no role of this account trusts it"],
  },
  {
    name: "sts:AssumeRole on every role, with a role of the account trusting the account: a \"can\"",
    build: () =>
      roleCase(
        () => ({ inline: { p: policy(allow("sts:AssumeRole", "arn:aws:iam::*:role/*")) } }),
        (b) => b.role({ name: "ops", trust: policy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }) }),
      ),
    titles: ["Role r can escalate privileges: sts:AssumeRole"],
  },
  {
    name: "sts:AssumeRole on one named role is not a path",
    build: () => roleCase((b) => ({ inline: { p: policy(allow("sts:AssumeRole", b.roleArn("reader"))) } })),
    titles: [],
  },
  {
    name: "a scoped grant denied by the boundary is no path",
    build: () =>
      roleCase((b) => ({
        inline: { p: policy(allow("iam:PutRolePolicy", b.roleArn("r"))) },
        boundary: b.managedPolicy({ name: "bound", document: policy(allow("logs:*", "*")) }),
      })),
    titles: [],
  },
  {
    name: "iam:PassRole alone is not a path",
    build: () => roleCase(() => ({ inline: { p: policy(allow("iam:PassRole", "*")) } })),
    titles: [],
  },
  {
    name: "iam:* lists every path that matched",
    build: () => roleCase(() => ({ inline: { p: policy(allow("iam:*", "*")) } })),
    titles: ["Role r can escalate to admin: 17 paths (iam:PutRolePolicy on itself, iam:AttachRolePolicy on itself and 15 more)"],
    inDetail: [
      "allows iam:PutRolePolicy on itself, iam:AttachRolePolicy on itself, iam:PutUserPolicy, iam:PutGroupPolicy, iam:AttachUserPolicy, " +
        "iam:AttachGroupPolicy, iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:CreateAccessKey, iam:CreateLoginProfile, " +
        "iam:UpdateLoginProfile, iam:UpdateAssumeRolePolicy, iam:AddUserToGroup, iam:DeleteRolePermissionsBoundary, " +
        "iam:PutRolePermissionsBoundary, iam:DeleteUserPermissionsBoundary, iam:PutUserPermissionsBoundary.",
    ],
    severities: ["critical"],
  },
  {
    name: "rewriting the code of a function that runs with another role",
    build: () =>
      roleCase(
        (b) => ({ inline: { p: policy(allow("lambda:UpdateFunctionCode", b.functionArn(REGION, "*"))) } }),
        (b) => b.fn({ region: REGION, name: "payments", runtime: "nodejs22.x", role: b.role({ name: "payments-role" }) }),
      ),
    titles: ["Role r can escalate privileges: code of function payments"],
    inDetail: ["allows lambda:UpdateFunctionCode on payments."],
  },
  {
    // A boundary swapped for a wider one (AdministratorAccess as the boundary) no longer caps anything.
    name: "iam:PutRolePermissionsBoundary alone is a path",
    build: () => roleCase(() => ({ inline: { p: policy(allow("iam:PutRolePermissionsBoundary", "*")) } })),
    titles: ["Role r can escalate privileges: iam:PutRolePermissionsBoundary"],
    severities: ["high"],
  },
  {
    name: "explicit Deny on iam:Put* removes the path",
    build: () => roleCase(() => ({ inline: { p: policy(allow("iam:PutRolePolicy", "*"), deny("iam:Put*", "*")) } })),
    titles: [],
  },
  {
    name: "full admin is left to role-admin-access",
    build: () => roleCase((b) => ({ managed: [b.attachAwsManaged("AdministratorAccess")] })),
    titles: [],
  },
];

describe("role-privilege-escalation", () => {
  testRuleCases(rolePrivilegeEscalation, cases);
});

/**
 * r may rewrite every function of the region: `plain` functions with roles of their own, then (added last, so
 * snapshot order would list them last) one whose role can escalate and one whose role is admin.
 */
function codeRewriteAccount(plain: number, opts: { admin?: boolean; escalating?: boolean; otherRegion?: boolean; reversed?: boolean } = {}) {
  return roleCase(
    (b) => ({ inline: { p: policy(allow("lambda:UpdateFunctionCode", b.functionArn(REGION, "*"))) } }),
    (b) => {
      const order = Array.from({ length: plain }, (_, i) => i);
      if (opts.reversed) order.reverse();
      for (const i of order) b.fn({ region: REGION, name: `f${i}`, runtime: "nodejs22.x", role: b.role({ name: `f${i}-role` }) });
      if (opts.otherRegion) b.fn({ region: "eu-west-1", name: "elsewhere", runtime: "nodejs22.x", role: b.role({ name: "elsewhere-role" }) });
      if (opts.escalating) {
        const role = b.role({ name: "deployer-role", inline: { p: policy(allow("iam:AttachRolePolicy", "*")) } });
        b.fn({ region: REGION, name: "deployer", runtime: "nodejs22.x", role });
      }
      if (opts.admin) b.fn({ region: REGION, name: "ops", runtime: "python3.12", role: b.role({ name: "ops-role", managed: [b.attachAwsManaged("AdministratorAccess")] }) });
    },
  );
}

function escalationOf(b: B) {
  return findingsOf(rolePrivilegeEscalation, b).find((f) => f.role === b.roleArn("r"));
}

describe("role-privilege-escalation: rewriting other functions' code", () => {
  it("counts every function the role may update, not the first five", () => {
    const f = escalationOf(codeRewriteAccount(7, { otherRegion: true }));
    expect(f?.title).toBe("Role r can escalate privileges: code of 7 functions");
    expect(f?.detail).toContain("allows lambda:UpdateFunctionCode on all 7 other functions in us-east-1.");
    expect(f?.detail).toContain("f0, f1, f2, f3, f4, f5, f6");
  });

  it("says 'all N other functions' when they span regions", () => {
    const b = roleCase(
      () => ({ inline: { p: policy(allow("lambda:UpdateFunctionCode", "*")) } }),
      (b) => {
        for (const region of [REGION, "eu-west-1"]) b.fn({ region, name: `in-${region}`, runtime: "nodejs22.x", role: b.role({ name: `${region}-role` }) });
      },
    );
    const f = escalationOf(b);
    expect(f?.title).toBe("Role r can escalate privileges: code of 2 functions");
    expect(f?.detail).toContain("allows lambda:UpdateFunctionCode on all 2 other functions.");
    expect(f?.detail).toContain("in-eu-west-1 (eu-west-1), in-us-east-1 (us-east-1);");
  });

  it("says 'N other functions' when some of the region's functions are out of reach", () => {
    const b = roleCase(
      (b) => ({ inline: { p: policy(allow("lambda:UpdateFunctionCode", b.functionArn(REGION, "f*"))) } }),
      (b) => {
        for (const name of ["f0", "f1", "g0"]) b.fn({ region: REGION, name, runtime: "nodejs22.x", role: b.role({ name: `${name}-role` }) });
      },
    );
    expect(escalationOf(b)?.title).toBe("Role r can escalate privileges: code of 2 functions");
    expect(escalationOf(b)?.detail).toContain("allows lambda:UpdateFunctionCode on 2 other functions.");
  });

  it("lists functions with an admin role first, then those whose role escalates, and raises the finding to critical", () => {
    const f = escalationOf(codeRewriteAccount(6, { admin: true, escalating: true }));
    expect(f?.severity).toBe("critical");
    expect(f?.title).toBe("Role r can escalate to admin: code of 8 functions");
    expect(f?.detail).toContain("allows lambda:UpdateFunctionCode on all 8 other functions in us-east-1 (1 with an admin role).");
    expect(f?.detail).toContain("ops (admin role ops-role), deployer (role deployer-role can escalate privileges), f0, f1,");
  });

  it("counts every function with an admin role and every one left unnamed, past the ten it names", () => {
    const b = roleCase(
      (b) => ({ inline: { p: policy(allow("lambda:UpdateFunctionCode", b.functionArn(REGION, "*"))) } }),
      (b) => {
        for (let i = 0; i < 12; i++) b.fn({ region: REGION, name: `ops${i}`, runtime: "nodejs22.x", role: b.role({ name: `ops${i}-role`, managed: [b.attachAwsManaged("AdministratorAccess")] }) });
        for (let i = 0; i < 3; i++) b.fn({ region: REGION, name: `f${i}`, runtime: "nodejs22.x", role: b.role({ name: `f${i}-role` }) });
      },
    );
    const f = escalationOf(b);
    expect(f?.detail).toContain("allows lambda:UpdateFunctionCode on all 15 other functions in us-east-1 (12 with an admin role).");
    expect(f?.detail).toContain(" and 5 more; ");
  });

  it("names the admin role first by ARN when it may pass several, whichever the scan listed first", () => {
    const account = (order: string[]) => {
      const b = builder();
      b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { p: policy(allow("iam:PassRole", "*"), allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*")) } }) });
      for (const name of order) b.role({ name, managed: [b.attachAwsManaged("AdministratorAccess")] });
      return escalationOf(b)?.title;
    };
    expect(account(["zeta-admin", "alpha-admin"])).toBe("Role r can escalate to admin: PassRole to alpha-admin");
    expect(account(["alpha-admin", "zeta-admin"])).toBe("Role r can escalate to admin: PassRole to alpha-admin");
  });

  it("puts the path to an admin role first in the title", () => {
    const b = roleCase(
      (b) => ({ inline: { p: policy(allow(["iam:PutUserPolicy", "iam:CreateAccessKey", "iam:CreateLoginProfile"], "*"), allow("lambda:UpdateFunctionCode", b.functionArn(REGION, "ops"))) } }),
      (b) => b.fn({ region: REGION, name: "ops", runtime: "python3.12", role: b.role({ name: "ops-role", managed: [b.attachAwsManaged("AdministratorAccess")] }) }),
    );
    const f = escalationOf(b);
    expect(f?.title).toBe("Role r can escalate to admin: 4 paths (code of function ops, iam:PutUserPolicy, iam:CreateAccessKey and 1 more)");
    expect(f?.detail).toContain("allows lambda:UpdateFunctionCode on ops (admin role), iam:PutUserPolicy, iam:CreateAccessKey, iam:CreateLoginProfile.");
  });

  it("headlines passing an admin role and rewriting code in a few words, and the detail names every path in full", () => {
    // The demo's ci-artifact-deployer: PassRole with two compute actions, and the code of every function.
    const b = roleCase(
      (b) => ({
        inline: {
          p: policy(
            allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction", "lambda:UpdateFunctionConfiguration"], "*"),
            allow("lambda:UpdateFunctionCode", b.functionArn(REGION, "*")),
          ),
        },
      }),
      (b) => {
        for (let i = 0; i < 60; i++) b.fn({ region: REGION, name: `f${i}`, runtime: "nodejs22.x", role: b.role({ name: `f${i}-role` }) });
        b.fn({ region: REGION, name: "ops", runtime: "python3.12", role: b.role({ name: "ops-admin-toolkit-role", managed: [b.attachAwsManaged("AdministratorAccess")] }) });
      },
    );
    const f = escalationOf(b);
    expect(f?.severity).toBe("critical");
    expect(f?.title).toBe("Role r can escalate to admin: 3 paths (PassRole to ops-admin-toolkit-role, code of 61 functions)");
    expect(f?.detail).toContain(
      "allows iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (admin role ops-admin-toolkit-role), " +
        "iam:PassRole + lambda:UpdateFunctionConfiguration (admin role ops-admin-toolkit-role), " +
        "lambda:UpdateFunctionCode on all 61 other functions in us-east-1 (1 with an admin role).",
    );
    expect(f?.detail).toContain("ops (admin role ops-admin-toolkit-role), f0, f1,");
  });

  it("keeps the high severity when no path reaches an admin role", () => {
    expect(escalationOf(codeRewriteAccount(3, { escalating: true }))?.severity).toBe("high");
  });

  it("bounds the listed functions but says how many there are", () => {
    const f = escalationOf(codeRewriteAccount(40));
    expect(f?.title).toContain("code of 40 functions");
    expect(f?.detail).toContain("on all 40 other functions in us-east-1");
    // The first ten by ARN, whatever order the scan listed them in.
    expect(f?.detail).toContain("f17 and 30 more");
    expect(f?.detail).not.toContain("f9");
    expect(escalationOf(codeRewriteAccount(40, { reversed: true }))?.detail).toBe(f?.detail);
  });

  it("cites the statement that grants the rewrite", () => {
    const f = escalationOf(codeRewriteAccount(7));
    expect(f?.evidence.map((e) => e.highlight)).toEqual([["lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:123456789012:function:*"]]);
  });

  it("iam:PassRole that reaches an admin role names it and is critical", () => {
    const b = roleCase(
      () => ({ inline: { p: policy(allow("iam:PassRole", "arn:aws:iam::123456789012:role/service-role/*"), allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*")) } }),
      (b) => {
        b.role({ name: "worker-role", path: "/service-role/" });
        b.role({ name: "ops-role", path: "/service-role/", managed: [b.attachAwsManaged("AdministratorAccess")] });
      },
    );
    const f = escalationOf(b);
    expect(f?.title).toBe("Role r can escalate to admin: PassRole to ops-role");
    expect(f?.detail).toContain("allows iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (admin role ops-role).");
    expect(f?.severity).toBe("critical");
  });

  it("an admin role Lambda cannot assume is no path to admin through Lambda (its trust names only people)", () => {
    const b = roleCase(
      () => ({ inline: { p: policy(allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*")) } }),
      (b) => {
        b.role({
          name: "humans-admin",
          managed: [b.attachAwsManaged("AdministratorAccess")],
          trust: policy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }),
        });
      },
    );
    const f = escalationOf(b);
    expect(f?.title).toBe("Role r can escalate privileges: iam:PassRole + lambda:CreateFunction + InvokeFunction");
    expect(f?.severity).toBe("high");
  });
});

/**
 * iam:PassRole to compute other than Lambda, EC2, CloudFormation stacks and Glue dev endpoints, as the public catalogs
 * list it: Cloudsplaining and Prowler's privilege-escalation lists (Spot, Auto Scaling, stack sets, Glue jobs, SageMaker,
 * CodeBuild, ECS, Data Pipeline), with the service principal NCC Group PMapper's edge checkers ask for (SageMaker,
 * CodeBuild, ecs-tasks, Glue, EC2 for Auto Scaling). Each needs every action listed: creating and, where creating runs
 * nothing, starting.
 */
const PASS_TO_NEW_COMPUTE: { actions: string[]; service: string; passedTo?: string; short: string }[] = [
  { actions: ["ec2:RequestSpotInstances"], service: "ec2.amazonaws.com", short: "iam:PassRole + ec2:RequestSpotInstances" },
  {
    actions: ["autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"],
    service: "ec2.amazonaws.com",
    short: "iam:PassRole + autoscaling:CreateLaunchConfiguration",
  },
  {
    actions: ["cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"],
    service: "cloudformation.amazonaws.com",
    short: "iam:PassRole + cloudformation:CreateStackSet",
  },
  { actions: ["glue:CreateJob", "glue:StartJobRun"], service: "glue.amazonaws.com", short: "iam:PassRole + glue:CreateJob + StartJobRun" },
  { actions: ["glue:CreateJob", "glue:CreateTrigger"], service: "glue.amazonaws.com", short: "iam:PassRole + glue:CreateJob + CreateTrigger" },
  {
    actions: ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"],
    service: "sagemaker.amazonaws.com",
    short: "iam:PassRole + sagemaker:CreateNotebookInstance",
  },
  {
    actions: ["sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:CreateNotebookInstance"],
    service: "sagemaker.amazonaws.com",
    short: "iam:PassRole + sagemaker:CreateNotebookInstanceLifecycleConfig",
  },
  { actions: ["sagemaker:CreateTrainingJob"], service: "sagemaker.amazonaws.com", short: "iam:PassRole + sagemaker:CreateTrainingJob" },
  { actions: ["sagemaker:CreateProcessingJob"], service: "sagemaker.amazonaws.com", short: "iam:PassRole + sagemaker:CreateProcessingJob" },
  {
    actions: ["codebuild:CreateProject", "codebuild:StartBuild"],
    service: "codebuild.amazonaws.com",
    short: "iam:PassRole + codebuild:CreateProject + StartBuild",
  },
  {
    actions: ["codebuild:CreateProject", "codebuild:StartBuildBatch"],
    service: "codebuild.amazonaws.com",
    short: "iam:PassRole + codebuild:CreateProject + StartBuildBatch",
  },
  {
    actions: ["ecs:RegisterTaskDefinition", "ecs:RunTask"],
    service: "ecs-tasks.amazonaws.com",
    short: "iam:PassRole + ecs:RegisterTaskDefinition + RunTask",
  },
  {
    actions: ["ecs:RegisterTaskDefinition", "ecs:CreateService"],
    service: "ecs-tasks.amazonaws.com",
    short: "iam:PassRole + ecs:RegisterTaskDefinition + CreateService",
  },
  {
    actions: ["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"],
    service: "datapipeline.amazonaws.com",
    short: "iam:PassRole + datapipeline:CreatePipeline",
  },
  {
    // Cloudsplaining PassExistingRoleToNewBedrockCodeInterpreter, pathfinding.cloud bedrock-001; the service principal
    // as BedrockAgentCoreFullAccess's iam:PassedToService guard and AgentCore's execution-role trust name it.
    actions: ["bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"],
    service: "bedrock-agentcore.amazonaws.com",
    short: "iam:PassRole + bedrock-agentcore:CreateCodeInterpreter",
  },
  { actions: ["scheduler:CreateSchedule"], service: "scheduler.amazonaws.com", short: "iam:PassRole + scheduler:CreateSchedule" },
  {
    // The instance role trusts tasks.apprunner; IAM names apprunner.amazonaws.com on PassRole (AWSAppRunnerFullAccess).
    actions: ["apprunner:CreateService"],
    service: "tasks.apprunner.amazonaws.com",
    passedTo: "apprunner.amazonaws.com",
    short: "iam:PassRole + apprunner:CreateService",
  },
  // pathfinding.cloud STEPFUNCTIONS-001, GLUE-007, EMRSERVERLESS-001, BRAKET-001, KINESISANALYTICS-001,
  // OMICS-001, GAMELIFT-001, SSM-003, IMAGEBUILDER-001; Prowler's AgentCore runtime and browser paths.
  { actions: ["states:CreateStateMachine", "states:StartExecution"], service: "states.amazonaws.com", short: "iam:PassRole + states:CreateStateMachine + StartExecution" },
  { actions: ["glue:CreateSession", "glue:RunStatement"], service: "glue.amazonaws.com", short: "iam:PassRole + glue:CreateSession + RunStatement" },
  {
    actions: ["emr-serverless:CreateApplication", "emr-serverless:StartJobRun"],
    service: "emr-serverless.amazonaws.com",
    short: "iam:PassRole + emr-serverless:CreateApplication",
  },
  { actions: ["braket:CreateJob"], service: "braket.amazonaws.com", short: "iam:PassRole + braket:CreateJob" },
  {
    actions: ["kinesisanalytics:CreateApplication", "kinesisanalytics:StartApplication"],
    service: "kinesisanalytics.amazonaws.com",
    short: "iam:PassRole + kinesisanalytics:CreateApplication",
  },
  { actions: ["omics:CreateWorkflow", "omics:StartRun"], service: "omics.amazonaws.com", short: "iam:PassRole + omics:CreateWorkflow + StartRun" },
  {
    actions: ["gamelift:CreateBuild", "gamelift:RequestUploadCredentials", "gamelift:CreateFleet"],
    service: "gamelift.amazonaws.com",
    short: "iam:PassRole + gamelift:CreateBuild",
  },
  { actions: ["ssm:CreateDocument", "ssm:StartAutomationExecution"], service: "ssm.amazonaws.com", short: "iam:PassRole + ssm:CreateDocument + StartAutomationExecution" },
  {
    actions: [
      "bedrock-agentcore:CreateAgentRuntime",
      "bedrock-agentcore:CreateAgentRuntimeEndpoint",
      "bedrock-agentcore:CreateWorkloadIdentity",
      "bedrock-agentcore:InvokeAgentRuntimeCommand",
    ],
    service: "bedrock-agentcore.amazonaws.com",
    short: "iam:PassRole + bedrock-agentcore:CreateAgentRuntime",
  },
  {
    actions: ["bedrock-agentcore:CreateBrowser", "bedrock-agentcore:StartBrowserSession", "bedrock-agentcore:ConnectBrowserAutomationStream"],
    service: "bedrock-agentcore.amazonaws.com",
    short: "iam:PassRole + bedrock-agentcore:CreateBrowser",
  },
  {
    actions: ["imagebuilder:CreateComponent", "imagebuilder:CreateImageRecipe", "imagebuilder:CreateInfrastructureConfiguration", "imagebuilder:CreateImage"],
    service: "ec2.amazonaws.com",
    short: "iam:PassRole + imagebuilder:CreateComponent",
  },
];

/**
 * r may pass any role and run the compute's actions (`grant` shapes them); one admin role, trusting `trusted`, in an
 * instance profile (how EC2 takes a role).
 */
function passToCompute(trusted: string, grant: (b: B) => Omit<RoleOptions, "name">, instanceProfile = true) {
  return roleCase(grant, (b) =>
    b.role({ name: "admin", managed: [b.attachAwsManaged("AdministratorAccess")], trust: serviceTrust(trusted), instanceProfile }),
  );
}

const passToComputeCases = PASS_TO_NEW_COMPUTE.flatMap(({ actions, service, passedTo = service, short }): RuleCase[] => {
  const full = `iam:PassRole + ${actions.join(" + ")}`;
  const [first, ...rest] = actions;
  const last = actions[actions.length - 1] as string;
  return [
    {
      name: `${full}: passes the admin role ${service} may assume, critical`,
      build: () => passToCompute(service, () => ({ inline: { p: policy(allow(["iam:PassRole", ...actions], "*")) } })),
      titles: ["Role r can escalate to admin: PassRole to admin"],
      inDetail: [`allows ${full} (admin role admin).`],
      severities: ["critical"],
    },
    {
      // IAM sets iam:PassedToService to the service: the usual guard on it is decided, not "may".
      name: `${full}: PassRole guarded by iam:PassedToService ${passedTo} is still open`,
      build: () =>
        passToCompute(service, () => ({
          inline: { p: policy(allow(actions, "*"), allow("iam:PassRole", "*", { condition: { StringEquals: { "iam:PassedToService": passedTo } } })) },
        })),
      titles: ["Role r can escalate to admin: PassRole to admin"],
      severities: ["critical"],
    },
    {
      name: `${full}: ${last} under a condition the snapshot cannot decide is a "may"`,
      build: () =>
        passToCompute(service, () => ({
          inline: {
            p: policy(
              allow(["iam:PassRole", ...actions.slice(0, -1)], "*"),
              allow(last, "*", { condition: { StringEquals: { "aws:RequestTag/team": "ml" } } }),
            ),
          },
        })),
      titles: ["Role r may escalate to admin: PassRole to admin"],
      inDetail: [`conditionally ${full} (admin role admin).`],
      severities: ["medium"],
    },
    {
      // The admin role trusts Lambda only (the builder's default): the service cannot run as it.
      name: `${full}: an admin role ${service} cannot assume is no path to admin, passing any role still is`,
      build: () => passToCompute("lambda.amazonaws.com", () => ({ inline: { p: policy(allow(["iam:PassRole", ...actions], "*")) } })),
      titles: [`Role r can escalate privileges: ${short}`],
      inDetail: [`allows ${full}.`],
      severities: ["high"],
    },
    {
      name: `${full}: an explicit Deny on ${last} closes the path`,
      build: () => passToCompute(service, () => ({ inline: { p: policy(allow(["iam:PassRole", ...actions], "*"), deny(last, "*")) } })),
      titles: [],
    },
    {
      name: `${full}: a boundary without ${rest.length ? rest.join(", ") : first} closes the path`,
      build: () =>
        passToCompute(service, (b) => ({
          inline: { p: policy(allow(["iam:PassRole", ...actions], "*")) },
          boundary: b.managedPolicy({
            name: "cap",
            document: policy(allow(["iam:PassRole", ...(rest.length ? [first as string] : ["logs:CreateLogGroup"])], "*")),
          }),
        })),
      titles: [],
    },
    {
      name: `${full}: PassRole only to Lambda (iam:PassedToService) is no path through ${service}`,
      build: () =>
        passToCompute(service, () => ({
          inline: { p: policy(allow(actions, "*"), allow("iam:PassRole", "*", { condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } })) },
        })),
      titles: [],
    },
  ];
});

describe("role-privilege-escalation: iam:PassRole to more compute", () => {
  testRuleCases(rolePrivilegeEscalation, passToComputeCases);

  it("asks PassRole with the service IAM names, which for App Runner is not the principal that assumes the role", () => {
    const guarded = (passedTo: string) =>
      findingsOf(
        rolePrivilegeEscalation,
        passToCompute("tasks.apprunner.amazonaws.com", () => ({
          inline: { p: policy(allow("apprunner:CreateService", "*"), allow("iam:PassRole", "*", { condition: { StringEquals: { "iam:PassedToService": passedTo } } })) },
        })),
      ).map((f) => f.title);
    expect(guarded("apprunner.amazonaws.com")).toEqual(["Role r can escalate to admin: PassRole to admin"]);
    expect(guarded("tasks.apprunner.amazonaws.com")).toEqual([]);
  });

  it("passes an admin role to EC2 only through an instance profile: one it is in, or one the role may make", () => {
    const spot = (extra: string[], instanceProfile: boolean) =>
      escalationOf(passToCompute("ec2.amazonaws.com", () => ({ inline: { p: policy(allow(["iam:PassRole", "ec2:RequestSpotInstances", ...extra], "*")) } }), instanceProfile));
    expect(spot([], true)?.title).toBe("Role r can escalate to admin: PassRole to admin");
    // In no instance profile: passing any role to EC2 is still a path, but not to this admin role.
    expect(spot([], false)?.title).toBe("Role r can escalate privileges: iam:PassRole + ec2:RequestSpotInstances");
    const made = spot(["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"], false);
    expect(made?.title).toBe("Role r can escalate to admin: PassRole to admin");
    expect(made?.detail).toContain("iam:PassRole + ec2:RequestSpotInstances + iam:CreateInstanceProfile + iam:AddRoleToInstanceProfile (admin role admin)");
  });

  it("counts an admin role toward EC2 when the snapshot does not list instance profiles at all", () => {
    const b = passToCompute("ec2.amazonaws.com", () => ({ inline: { p: policy(allow(["iam:PassRole", "ec2:RunInstances"], "*")) } }), false);
    const f = findingsOf(rolePrivilegeEscalation, b, (s) => {
      for (const r of s.iam?.GetAccountAuthorizationDetails.RoleDetailList ?? []) delete (r as Record<string, unknown>).InstanceProfileList;
    }).find((x) => x.role === b.roleArn("r"));
    expect(f?.title).toBe("Role r can escalate to admin: PassRole to admin");
  });

  it("asks every action of a path: creating a CodeBuild project without starting a build is no path", () => {
    const b = passToCompute("codebuild.amazonaws.com", () => ({ inline: { p: policy(allow(["iam:PassRole", "codebuild:CreateProject"], "*")) } }));
    expect(findingsOf(rolePrivilegeEscalation, b)).toEqual([]);
  });

  it("ecs:StartTask places a task on container instances already registered, which the path does not make: no path", () => {
    const b = passToCompute("ecs-tasks.amazonaws.com", () => ({ inline: { p: policy(allow(["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"], "*")) } }));
    expect(findingsOf(rolePrivilegeEscalation, b)).toEqual([]);
  });

  it("creating a SageMaker notebook without a way into it or a lifecycle script of its own is no path", () => {
    const b = passToCompute("sagemaker.amazonaws.com", () => ({ inline: { p: policy(allow(["iam:PassRole", "sagemaker:CreateNotebookInstance"], "*")) } }));
    expect(findingsOf(rolePrivilegeEscalation, b)).toEqual([]);
  });

  it("names each path in the detail, and the title fits when several compute paths are open", () => {
    const b = passToCompute("lambda.amazonaws.com", () => ({
      inline: { p: policy(allow(["iam:PassRole", "sagemaker:*", "ecs:RegisterTaskDefinition", "ecs:RunTask", "ecs:CreateService"], "*")) },
    }));
    const f = escalationOf(b);
    expect(f?.title).toBe(
      "Role r can escalate privileges: 6 paths (iam:PassRole + sagemaker:CreateNotebookInstance and 5 more)",
    );
    expect(f?.title.length).toBeLessThanOrEqual(120);
    expect(f?.detail).toContain(
      "allows iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl, " +
        "iam:PassRole + sagemaker:CreateNotebookInstanceLifecycleConfig + sagemaker:CreateNotebookInstance, iam:PassRole + sagemaker:CreateTrainingJob, " +
        "iam:PassRole + sagemaker:CreateProcessingJob, iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask, " +
        "iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService.",
    );
  });
});

describe("role-privilege-escalation: adding a layer to other functions", () => {
  const UPDATE = "lambda:UpdateFunctionConfiguration";
  /**
   * An update that sets no layer is refused (a Deny while lambda:Layer is absent), so NODE_OPTIONS, which the same
   * action sets on any zip function, is no way in and the layer is the one asked about.
   */
  const NO_BARE_UPDATE = deny(UPDATE, "*", { condition: { Null: { "lambda:Layer": "true" } } });
  /** r's statements, beside two other functions: one whose role is admin, one plain. */
  function layerAccount(statements: ReturnType<typeof allow>[], setup?: (b: B) => void) {
    return roleCase(
      () => ({ inline: { p: policy(...statements, NO_BARE_UPDATE) } }),
      (b) => {
        b.fn({ region: REGION, name: "ops", runtime: "python3.12", role: b.role({ name: "ops-role", managed: [b.attachAwsManaged("AdministratorAccess")] }) });
        b.fn({ region: REGION, name: "f1", runtime: "java21", role: b.role({ name: "f1-role" }) });
        setup?.(b);
      },
    );
  }
  const functionsIn = (region: string) => `arn:aws:lambda:${region}:123456789012:function:*`;

  it("an update of other functions' configuration and a layer of another account: an extension runs as their roles", () => {
    const f = escalationOf(layerAccount([allow(UPDATE, functionsIn(REGION)), allow("lambda:GetLayerVersion", "*")]));
    expect(f?.severity).toBe("critical");
    expect(f?.title).toBe("Role r can escalate to admin: a layer on 2 functions");
    expect(f?.detail).toContain(`allows ${UPDATE} on all 2 other functions in us-east-1 (1 with an admin role) + lambda:GetLayerVersion on a layer of another account.`);
    expect(f?.detail).toContain("Functions it can add a layer to, those with the most powerful roles first: ops (admin role ops-role), f1; an extension in the layer runs");
    expect(f?.evidence.map((e) => e.highlight)).toEqual([
      ["lambda:GetLayerVersion", "*"],
      [UPDATE, functionsIn(REGION)],
    ]);
  });

  it("without lambda:GetLayerVersion on a layer it controls, the update adds no code: no path", () => {
    expect(escalationOf(layerAccount([allow(UPDATE, functionsIn(REGION))]))).toBeUndefined();
    // The account's own layers only, and no way to publish one: its layers hold someone else's code.
    expect(escalationOf(layerAccount([allow(UPDATE, functionsIn(REGION)), allow("lambda:GetLayerVersion", "arn:aws:lambda:*:123456789012:layer:*")]))).toBeUndefined();
  });

  it("a layer it publishes in its own account is a layer it controls", () => {
    const f = escalationOf(
      layerAccount([
        allow(UPDATE, functionsIn(REGION)),
        allow(["lambda:GetLayerVersion", "lambda:PublishLayerVersion"], "arn:aws:lambda:*:123456789012:layer:*"),
      ]),
    );
    expect(f?.title).toBe("Role r can escalate to admin: a layer on 2 functions");
    expect(f?.detail).toContain("+ lambda:PublishLayerVersion + lambda:GetLayerVersion on a layer of its own.");
  });

  it("layers are regional: a layer named only in another region reaches that region's functions only", () => {
    const b = layerAccount([allow(UPDATE, "*"), allow("lambda:GetLayerVersion", "arn:aws:lambda:eu-west-1:*:layer:*")], (b) =>
      b.fn({ region: "eu-west-1", name: "eu", runtime: "python3.12", role: b.role({ name: "eu-role" }) }),
    );
    const f = escalationOf(b);
    expect(f?.title).toBe("Role r can escalate privileges: a layer on function eu");
    expect(f?.detail).toContain(`allows ${UPDATE} on eu + lambda:GetLayerVersion on a layer of another account.`);
  });

  it("a container image takes no layer", () => {
    const b = roleCase(
      () => ({ inline: { p: policy(allow(UPDATE, "*"), allow("lambda:GetLayerVersion", "*")) } }),
      (b) => b.fn({ region: REGION, name: "img", runtime: "", image: true, role: b.role({ name: "img-role", managed: [b.attachAwsManaged("AdministratorAccess")] }) }),
    );
    expect(escalationOf(b)).toBeUndefined();
  });

  it("an update allowed only with approved layers (lambda:Layer) cannot add the role's own", () => {
    const approved = { "ForAllValues:StringLike": { "lambda:Layer": "arn:aws:lambda:*:123456789012:layer:approved-*" } };
    const f = escalationOf(layerAccount([allow(UPDATE, functionsIn(REGION), { condition: approved }), allow("lambda:GetLayerVersion", "*")]));
    expect(f).toBeUndefined();
  });

  it("a data perimeter that denies other accounts' resources closes the layer of another account", () => {
    const perimeter = deny("*", "*", { condition: { StringNotEquals: { "aws:ResourceAccount": "123456789012" } } });
    expect(escalationOf(layerAccount([allow(UPDATE, functionsIn(REGION)), allow("lambda:GetLayerVersion", "*"), perimeter]))).toBeUndefined();
  });

  it("a layer granted under a condition the snapshot cannot tell is a conditional path", () => {
    const tagged = { StringEquals: { "aws:RequestTag/team": "platform" } };
    const f = escalationOf(layerAccount([allow(UPDATE, functionsIn(REGION)), allow("lambda:GetLayerVersion", "*", { condition: tagged })]));
    expect(f?.severity).toBe("medium");
    expect(f?.title).toBe("Role r may escalate to admin: a layer on 2 functions");
    expect(f?.detail).toContain(`conditionally ${UPDATE} on all 2 other functions in us-east-1 (1 with an admin role) + lambda:GetLayerVersion`);
  });

  it("a layer of its own when the update admits only the account's layers, though another account's is readable", () => {
    const ownLayersOnly = { "ForAllValues:StringLike": { "lambda:Layer": "arn:aws:lambda:*:123456789012:layer:*:*" } };
    const f = escalationOf(layerAccount([allow(UPDATE, functionsIn(REGION), { condition: ownLayersOnly }), allow(["lambda:GetLayerVersion", "lambda:PublishLayerVersion"], "*")]));
    expect(f?.title).toBe("Role r can escalate to admin: a layer on 2 functions");
    expect(f?.detail).toContain("+ lambda:PublishLayerVersion + lambda:GetLayerVersion on a layer of its own.");
  });

  it("a named layer it may publish holds its code as much as any: each version it publishes is its own", () => {
    const named = [
      allow(UPDATE, functionsIn(REGION)),
      allow("lambda:PublishLayerVersion", "arn:aws:lambda:*:123456789012:layer:shared-deps"),
      allow("lambda:GetLayerVersion", "arn:aws:lambda:*:123456789012:layer:shared-deps:*"),
    ];
    expect(escalationOf(layerAccount(named))?.title).toBe("Role r can escalate to admin: a layer on 2 functions");
    // An update limited to approved-* layers, by a role that may publish a layer of any name (approved-lpg).
    const approved = { "ForAllValues:StringLike": { "lambda:Layer": "arn:aws:lambda:*:123456789012:layer:approved-*" } };
    const anyName = [allow(UPDATE, functionsIn(REGION), { condition: approved }), allow(["lambda:GetLayerVersion", "lambda:PublishLayerVersion"], "arn:aws:lambda:*:123456789012:layer:*")];
    expect(escalationOf(layerAccount(anyName))?.title).toBe("Role r can escalate to admin: a layer on 2 functions");
  });

  it("ForAnyValue on lambda:Layer is met by an approved layer set beside its own: a \"may\" path", () => {
    const anyApproved = { "ForAnyValue:StringLike": { "lambda:Layer": "arn:aws:lambda:*:123456789012:layer:approved-*" } };
    const b = layerAccount([allow(UPDATE, functionsIn(REGION), { condition: anyApproved }), allow("lambda:GetLayerVersion", "*")], (b) =>
      b.fn({ region: REGION, name: "g", runtime: "java21", role: b.role({ name: "g-role" }), layers: ["arn:aws:lambda:us-east-1:123456789012:layer:approved-base:3"] }),
    );
    const f = escalationOf(b);
    expect(f?.title).toBe("Role r may escalate to admin: a layer on 3 functions");
    expect(f?.severity).toBe("medium");
  });

  it("joins the layers of regions that take different routes with 'or'", () => {
    const b = layerAccount(
      [allow(UPDATE, "*"), allow("lambda:GetLayerVersion", "arn:aws:lambda:eu-west-1:*:layer:*"), allow(["lambda:GetLayerVersion", "lambda:PublishLayerVersion"], "arn:aws:lambda:us-east-1:123456789012:layer:*")],
      (b) => b.fn({ region: "eu-west-1", name: "eu", runtime: "python3.12", role: b.role({ name: "eu-role" }) }),
    );
    const f = escalationOf(b);
    expect(f?.detail).toContain(" + lambda:GetLayerVersion on a layer of another account or lambda:PublishLayerVersion + lambda:GetLayerVersion on a layer of its own.");
  });

  it("keeps a one-path title within the limit when role and function names run to 64 characters", () => {
    const b = builder();
    const roleName = "r".repeat(64);
    b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: b.role({ name: roleName, inline: { p: policy(allow(UPDATE, functionsIn(REGION)), allow("lambda:GetLayerVersion", "*")) } }) });
    b.fn({ region: REGION, name: "f".repeat(64), runtime: "python3.12", role: b.role({ name: "ops-role", managed: [b.attachAwsManaged("AdministratorAccess")] }) });
    const f = findingsOf(rolePrivilegeEscalation, b).find((x) => x.role === b.roleArn(roleName));
    expect(f?.title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(f?.detail).toContain(`allows ${UPDATE} on ${"f".repeat(64)} (admin role)`);
  });

  it("a function whose code the role can replace is not asked again through a layer", () => {
    const f = escalationOf(layerAccount([allow(["lambda:UpdateFunctionCode", UPDATE], functionsIn(REGION)), allow("lambda:GetLayerVersion", "*")]));
    expect(f?.title).toBe("Role r can escalate to admin: code of 2 functions");
    expect(f?.detail).not.toContain(UPDATE);
  });
});

describe("role-privilege-escalation: assuming an admin role whose trust lets the role in", () => {
  const BOSS = "arn:aws:iam::123456789012:role/boss";
  const trusting = (principal: PrincipalValue, condition?: IamStatement["Condition"]) =>
    policy({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
  /** r (function a) with `statements`, and an admin role boss trusting `trust`. */
  function withBoss(statements: ReturnType<typeof allow>[], trust: ReturnType<typeof policy>) {
    return roleCase(
      () => ({ inline: { p: policy(...statements) } }),
      (b) => b.role({ name: "boss", managed: [b.attachAwsManaged("AdministratorAccess")], trust }),
    );
  }
  const R = "arn:aws:iam::123456789012:role/r";

  it("a trust policy naming the role lets it in without any grant of its own: critical", () => {
    const f = escalationOf(withBoss([allow("s3:GetObject", "*")], trusting({ AWS: R })));
    expect(f?.severity).toBe("critical");
    expect(f?.title).toBe("Role r can escalate to admin: AssumeRole to boss");
    expect(f?.detail).toContain("allows sts:AssumeRole on admin role boss.");
    expect(f?.evidence.map((e) => e.source)).toContainEqual(expect.objectContaining({ roleArn: BOSS }));
  });

  it("a trust policy naming the account needs the role's own grant as well", () => {
    expect(escalationOf(withBoss([allow("s3:GetObject", "*")], trusting({ AWS: "arn:aws:iam::123456789012:root" })))).toBeUndefined();
    const f = escalationOf(withBoss([allow("sts:AssumeRole", BOSS)], trusting({ AWS: "arn:aws:iam::123456789012:root" })));
    expect(f?.title).toBe("Role r can escalate to admin: AssumeRole to boss");
  });

  it("an admin role that trusts a service only is no path, whatever sts:AssumeRole the role holds", () => {
    // No role of the account trusts r: sts:AssumeRole on * is open only through another account's role.
    const f = escalationOf(withBoss([allow("sts:AssumeRole", "*")], serviceTrust("lambda.amazonaws.com")));
    expect(f?.title).toBe("Role r may escalate privileges: sts:AssumeRole");
    expect(f?.severity).toBe("medium");
  });

  it("a trust condition the snapshot cannot judge makes it a \"may\"; a Deny of the role's own closes it", () => {
    const mfa = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
    const f = escalationOf(withBoss([allow("s3:GetObject", "*")], trusting({ AWS: R }, { StringEquals: { "sts:ExternalId": "x-1" } })));
    expect(f?.title).toBe("Role r may escalate to admin: AssumeRole to boss");
    expect(f?.severity).toBe("medium");
    expect(escalationOf(withBoss([deny("sts:AssumeRole", "*")], trusting({ AWS: R }, mfa)))).toBeUndefined();
  });
});


describe("role-privilege-escalation: creating a function as a passed role", () => {
  const created = (...statements: IamStatement[]) =>
    escalationOf(passToCompute("lambda.amazonaws.com", () => ({ inline: { p: policy(allow("iam:PassRole", "*"), ...statements) } })));
  const fnArn = (name: string) => `arn:aws:lambda:${REGION}:123456789012:function:${name}`;

  it("a function it creates runs nothing until something invokes it: lambda:CreateFunction alone is no path", () => {
    expect(created(allow("lambda:CreateFunction", "*"))).toBeUndefined();
  });

  it("an invoke granted on an existing function only does not reach the one it creates", () => {
    expect(created(allow("lambda:CreateFunction", "*"), allow("lambda:InvokeFunction", fnArn("a")))).toBeUndefined();
    // Nor does creating under that name: it is taken.
    expect(created(allow(["lambda:CreateFunction", "lambda:InvokeFunction"], fnArn("a")))).toBeUndefined();
  });

  it("creating and invoking under a name its policies give is a path", () => {
    const f = created(allow(["lambda:CreateFunction", "lambda:InvokeFunction"], fnArn("deploy-*")));
    expect(f?.title).toBe("Role r can escalate to admin: PassRole to admin");
    expect(f?.detail).toContain("allows iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (admin role admin).");
  });

  it("an event source mapped to the new function runs it: the mapping is asked with the function as lambda:FunctionArn", () => {
    const mapping = (pattern: string) =>
      created(
        allow("lambda:CreateFunction", fnArn("etl-*")),
        allow("lambda:CreateEventSourceMapping", "*", { condition: { ArnLike: { "lambda:FunctionArn": pattern } } }),
      );
    expect(mapping(fnArn("etl-*"))?.detail).toContain("allows iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping (admin role admin).");
    expect(mapping(fnArn("a"))).toBeUndefined();
  });

  it("opening the new function to another caller depends on whom: a lambda:Principal condition makes it a \"may\"", () => {
    const f = created(
      allow("lambda:CreateFunction", "*"),
      allow("lambda:AddPermission", "*", { condition: { StringEquals: { "lambda:Principal": "s3.amazonaws.com" } } }),
    );
    expect(f?.title).toBe("Role r may escalate to admin: PassRole to admin");
    expect(f?.detail).toContain("conditionally iam:PassRole + lambda:CreateFunction + lambda:AddPermission (admin role admin).");
  });
});

describe("role-privilege-escalation: regional service principals", () => {
  it("an admin role trusting Step Functions' regional principal (older docs, the Serverless plugin) is one a state machine runs as", () => {
    const statesPath = (trusted: string) =>
      escalationOf(passToCompute(trusted, () => ({ inline: { p: policy(allow(["iam:PassRole", "states:CreateStateMachine", "states:StartExecution"], "*")) } })))?.title;
    expect(statesPath(`states.${REGION}.amazonaws.com`)).toBe("Role r can escalate to admin: PassRole to admin");
    expect(statesPath(`glue.${REGION}.amazonaws.com`)).toBe("Role r can escalate privileges: iam:PassRole + states:CreateStateMachine + StartExecution");
  });
});

describe("role-privilege-escalation: setting another function's environment (NODE_OPTIONS)", () => {
  const UPDATE = "lambda:UpdateFunctionConfiguration";
  /** r's statements, beside an admin Node.js function and, when asked, more. */
  function envAccount(statements: IamStatement[], setup?: (b: B) => void) {
    return roleCase(
      () => ({ inline: { p: policy(...statements) } }),
      (b) => {
        b.fn({ region: REGION, name: "ops", runtime: "nodejs22.x", role: b.role({ name: "ops-role", managed: [b.attachAwsManaged("AdministratorAccess")] }) });
        setup?.(b);
      },
    );
  }
  const admin = (b: B) => ({ managed: [b.attachAwsManaged("AdministratorAccess")] });

  it("NODE_OPTIONS runs the caller's code in a Node.js function: the update alone is a path to its role", () => {
    const f = escalationOf(envAccount([allow(UPDATE, "*")]));
    expect(f?.severity).toBe("critical");
    expect(f?.title).toBe("Role r can escalate to admin: environment of function ops");
    expect(f?.detail).toContain(`allows ${UPDATE} on ops (admin role) setting NODE_OPTIONS.`);
    expect(f?.detail).toContain("Functions whose environment it can set, those with the most powerful roles first: ops (admin role ops-role); NODE_OPTIONS");
    expect(f?.evidence.map((e) => e.highlight)).toEqual([[UPDATE, "*"]]);
  });

  // The same update sets Runtime, and no condition key names a runtime: a zip function on any runtime becomes a Node.js
  // one whose preload runs before its handler fails to load (a review's finding).
  it.each(["python3.12", "nodejs16.x", "java21", "provided.al2023"])("a %s function is switched to Node.js by the same update: a path to its role", (runtime) => {
    const b = roleCase(
      () => ({ inline: { p: policy(allow(UPDATE, "*")) } }),
      (b) => b.fn({ region: REGION, name: "other", runtime, role: b.role({ name: "other-role", ...admin(b) }) }),
    );
    const f = escalationOf(b);
    expect(f?.title).toBe("Role r can escalate to admin: environment of function other");
    expect(f?.detail).toContain(`allows ${UPDATE} on other (admin role) setting a Node.js runtime and NODE_OPTIONS.`);
    expect(f?.detail).toContain("(a function on another runtime is switched to Node.js by the same update)");
  });

  it("a container image has no runtime to set: no path through it", () => {
    const b = roleCase(
      () => ({ inline: { p: policy(allow(UPDATE, "*")) } }),
      (b) => b.fn({ region: REGION, name: "img", runtime: "", image: true, role: b.role({ name: "img-role", ...admin(b) }) }),
    );
    expect(escalationOf(b)).toBeUndefined();
  });

  it("the update sets no layers: a ForAllValues limit on lambda:Layer holds for it, a plain one refuses it", () => {
    const layers = (operator: string) => envAccount([allow(UPDATE, "*", { condition: { [operator]: { "lambda:Layer": "arn:aws:lambda:*:123456789012:layer:approved-*" } } })]);
    expect(escalationOf(layers("ForAllValues:StringLike"))?.title).toBe("Role r can escalate to admin: environment of function ops");
    expect(escalationOf(layers("StringLike"))).toBeUndefined();
  });

  it("a Deny on the function, or a function whose code it can replace anyway, is not counted through its environment", () => {
    expect(escalationOf(envAccount([allow(UPDATE, "*"), deny(UPDATE, `arn:aws:lambda:${REGION}:123456789012:function:ops`)]))).toBeUndefined();
    const both = escalationOf(envAccount([allow([UPDATE, "lambda:UpdateFunctionCode"], "*")]));
    expect(both?.title).toBe("Role r can escalate to admin: code of function ops");
  });
});
