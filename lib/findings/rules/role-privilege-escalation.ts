/**
 * role-privilege-escalation: the role can grant itself (or others) more power — write IAM policies, create
 * keys, change trust, pass a role to new compute, rewrite other functions' code, set their NODE_OPTIONS (and a Node.js
 * runtime) or add a layer to them, assume any role. Each path is asked of the evaluator; all actions of a combined
 * path must be allowed. Full-admin roles are left to role-admin-access.
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { RoleModel } from "@/lib/analysis/role-model";
import type { Finding } from "@/lib/analysis/types";
import type { Decision, EvaluationResult, Statement } from "@/lib/policy/types";
import { dedupe, matchEvidence } from "../evidence";
import { functionNames, roleFinding, rolesInUse } from "../role-findings";
import { allowedResourcePatterns } from "@/lib/policy/evaluate-policies";
import { mayBeAuthorisedOn } from "@/lib/catalog/resource-fit";
import { grantedBy, isFullAdmin, mayAllow, mayAllowOn } from "../role-probes";
import { CODE_UPDATE, CONFIGURATION_UPDATE, codePath, codeTargets, policyCannotRefuse, policyMayGrant, type CodeTarget, type RoleWorth } from "../code-rewrite";
import { layerTargets } from "../layer-injection";
import { environmentWay, environmentWording } from "../environment-injection";
import { CREATE_FUNCTION, newFunctionAnswers } from "../new-function";
import type { Rule, RuleContext } from "../types";
import { ANOTHER_TURN } from "@/lib/steps";
import { ROLES_PER_TURN } from "../rule-turns";
import { resourcePolicyDecision } from "@/lib/policy/evaluate";
import { DECISION_RANK } from "@/lib/policy/decision";
import { clip, compactActions, TITLE_MAX, titleWithList } from "../headline";
import { escalationRemediation, type PathClosure } from "../escalation-remediation";

const SINGLE_PATHS = [
  "iam:PutRolePolicy",
  "iam:PutUserPolicy",
  "iam:PutGroupPolicy",
  "iam:AttachRolePolicy",
  "iam:AttachUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:UpdateAssumeRolePolicy",
  "iam:AddUserToGroup",
  "iam:DeleteRolePermissionsBoundary",
  // Swapping a boundary for a wider one lifts it as deleting does (pathfinding.cloud iam-022, iam-024).
  "iam:PutRolePermissionsBoundary",
  "iam:DeleteUserPermissionsBoundary",
  "iam:PutUserPermissionsBoundary",
  "sts:AssumeRole",
];

/** Paths by which a role writes its own permissions: on itself, without a boundary, they reach admin. */
const SELF_GRANTS = ["iam:PutRolePolicy", "iam:AttachRolePolicy"];

/**
 * Creating compute that runs as a passed role: every action the path needs (create, and start where creating alone
 * runs nothing), and the service that must be able to assume the role, which IAM also sets as iam:PassedToService.
 * The catalogs these follow: Rhino Security Labs' methods (RunInstances, CreateFunction, CreateDevEndpoint,
 * CreateStack, Data Pipeline), NCC Group PMapper's edge checkers (whose service principals these are: SageMaker,
 * CodeBuild, ECS tasks, Glue, EC2 for Auto Scaling), Bishop Fox iam-vulnerable, Cloudsplaining and Prowler's
 * privilege-escalation lists (Spot, Glue jobs, ECS, stack sets, Bedrock AgentCore code interpreters, EventBridge
 * Scheduler, App Runner). Paths through a resource that must already exist (a Glue job or dev endpoint, a stack, a
 * project, an instance, AWS Batch's job queue, a Cognito identity pool, the container instances ecs:StartTask places a
 * task on) are not here: the snapshot holds no such resources. Nor is EMR's RunJobFlow: it passes a service role as
 * well as the instance profile's, and which roles the caller may pass as the first is a second question this table
 * cannot ask.
 */
const PASS_ROLE_TO: { actions: string[]; service: string; passedTo?: string; newFunction?: true }[] = [
  // A new function runs once it is invoked, mapped to an event source, or opened to another caller (new-function.ts).
  { actions: [CREATE_FUNCTION, "lambda:InvokeFunction"], service: "lambda.amazonaws.com", newFunction: true },
  { actions: [CREATE_FUNCTION, "lambda:CreateEventSourceMapping"], service: "lambda.amazonaws.com", newFunction: true },
  { actions: [CREATE_FUNCTION, "lambda:AddPermission"], service: "lambda.amazonaws.com", newFunction: true },
  { actions: ["lambda:UpdateFunctionConfiguration"], service: "lambda.amazonaws.com" },
  { actions: ["ec2:RunInstances"], service: "ec2.amazonaws.com" },
  { actions: ["ec2:RequestSpotInstances"], service: "ec2.amazonaws.com" },
  { actions: ["autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"], service: "ec2.amazonaws.com" },
  { actions: ["cloudformation:CreateStack"], service: "cloudformation.amazonaws.com" },
  { actions: ["cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"], service: "cloudformation.amazonaws.com" },
  { actions: ["glue:CreateDevEndpoint"], service: "glue.amazonaws.com" },
  { actions: ["glue:CreateJob", "glue:StartJobRun"], service: "glue.amazonaws.com" },
  { actions: ["glue:CreateJob", "glue:CreateTrigger"], service: "glue.amazonaws.com" },
  // A notebook runs the caller's code once it opens it (a presigned URL: Rhino Security Labs) or a lifecycle script
  // of its own runs there; creating one alone runs nothing of the caller's.
  { actions: ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], service: "sagemaker.amazonaws.com" },
  { actions: ["sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:CreateNotebookInstance"], service: "sagemaker.amazonaws.com" },
  { actions: ["sagemaker:CreateTrainingJob"], service: "sagemaker.amazonaws.com" },
  { actions: ["sagemaker:CreateProcessingJob"], service: "sagemaker.amazonaws.com" },
  { actions: ["codebuild:CreateProject", "codebuild:StartBuild"], service: "codebuild.amazonaws.com" },
  { actions: ["codebuild:CreateProject", "codebuild:StartBuildBatch"], service: "codebuild.amazonaws.com" },
  { actions: ["ecs:RegisterTaskDefinition", "ecs:RunTask"], service: "ecs-tasks.amazonaws.com" },
  { actions: ["ecs:RegisterTaskDefinition", "ecs:CreateService"], service: "ecs-tasks.amazonaws.com" },
  {
    actions: ["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"],
    service: "datapipeline.amazonaws.com",
  },
  {
    // The trust AgentCore's docs give its execution roles; BedrockAgentCoreFullAccess guards PassRole on this service.
    actions: ["bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"],
    service: "bedrock-agentcore.amazonaws.com",
  },
  {
    // A schedule's universal target calls any AWS API as the role when it fires (Prowler's list; the trust and
    // AmazonEventBridgeSchedulerFullAccess's iam:PassedToService guard both name scheduler.amazonaws.com).
    actions: ["scheduler:CreateSchedule"],
    service: "scheduler.amazonaws.com",
  },
  {
    // App Runner's instance role trusts the tasks principal, while IAM names the service apprunner.amazonaws.com on the
    // PassRole check (AWSAppRunnerFullAccess guards PassRole with it). Appsecco; pathfinding.cloud apprunner-001.
    actions: ["apprunner:CreateService"],
    service: "tasks.apprunner.amazonaws.com",
    passedTo: "apprunner.amazonaws.com",
  },
  // The paths below follow pathfinding.cloud and Prowler's list (2026); the service named is the one each service's
  // execution-role docs have the role trust.
  {
    // A state machine's AWS SDK integrations call any API as its role (STEPFUNCTIONS-001).
    actions: ["states:CreateStateMachine", "states:StartExecution"],
    service: "states.amazonaws.com",
  },
  // An interactive session runs the statements it is sent as its role (GLUE-007).
  { actions: ["glue:CreateSession", "glue:RunStatement"], service: "glue.amazonaws.com" },
  { actions: ["emr-serverless:CreateApplication", "emr-serverless:StartJobRun"], service: "emr-serverless.amazonaws.com" },
  // A hybrid job runs the caller's container as its role (BRAKET-001).
  { actions: ["braket:CreateJob"], service: "braket.amazonaws.com" },
  { actions: ["kinesisanalytics:CreateApplication", "kinesisanalytics:StartApplication"], service: "kinesisanalytics.amazonaws.com" },
  // CreateWorkflow takes its definition inline (definitionZip), so no S3 read of the caller's is part of the path.
  { actions: ["omics:CreateWorkflow", "omics:StartRun"], service: "omics.amazonaws.com" },
  { actions: ["gamelift:CreateBuild", "gamelift:RequestUploadCredentials", "gamelift:CreateFleet"], service: "gamelift.amazonaws.com" },
  // An automation document of the caller's own runs aws:executeAwsApi steps as the passed role (SSM-003).
  { actions: ["ssm:CreateDocument", "ssm:StartAutomationExecution"], service: "ssm.amazonaws.com" },
  {
    // InvokeAgentRuntimeCommand runs shell commands inside the runtime, where its role's credentials are.
    actions: [
      "bedrock-agentcore:CreateAgentRuntime",
      "bedrock-agentcore:CreateAgentRuntimeEndpoint",
      "bedrock-agentcore:CreateWorkloadIdentity",
      "bedrock-agentcore:InvokeAgentRuntimeCommand",
    ],
    service: "bedrock-agentcore.amazonaws.com",
  },
  {
    // A remote automation driver on a custom browser's session reads its role's credentials.
    actions: ["bedrock-agentcore:CreateBrowser", "bedrock-agentcore:StartBrowserSession", "bedrock-agentcore:ConnectBrowserAutomationStream"],
    service: "bedrock-agentcore.amazonaws.com",
  },
  {
    // The build instance runs the caller's component with its instance profile's role (IMAGEBUILDER-001), so the
    // EC2 rule of an instance profile applies.
    actions: ["imagebuilder:CreateComponent", "imagebuilder:CreateImageRecipe", "imagebuilder:CreateInfrastructureConfiguration", "imagebuilder:CreateImage"],
    service: "ec2.amazonaws.com",
  },
];

/** Past this, a compute path's title names its first action only; the detail always names every one. */
const SHORT_PASS_MAX = 60;

/** "iam:PassRole + codebuild:CreateProject + StartBuild": the compute path for the title. */
function passShort(actions: string[]): string {
  const all = `iam:PassRole + ${compactActions(actions).join(" + ")}`;
  return all.length <= SHORT_PASS_MAX ? all : `iam:PassRole + ${actions[0]}`;
}

interface Path {
  /** The path in full, for the detail: "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (admin role ops)". */
  label: string;
  /** The path for the title, which the detail completes: "PassRole to ops", "iam:CreatePolicyVersion". */
  short: string;
  /** Every answer must grant for the path to be open. */
  results: EvaluationResult[];
  /** Leads to an admin role's permissions (its code, or a role it passes to new compute). */
  toAdmin?: boolean;
  /** A sentence for the detail (the functions behind a code-rewrite path). */
  examples?: string;
  /** How the path is granted, when its answers alone do not tell (a code-rewrite path: as its targets are). */
  granted?: "allowed" | "conditional";
  /** What the fix refuses (or scopes) to close the path. */
  close: PathClosure;
}


/**
 * "*" first, then each Resource pattern of the role's Allow statements naming the action (a pattern matches itself)
 * that can name a resource IAM authorises the action against: `*` on an S3 bucket, iam:PutRolePolicy on user/*, open
 * no path, however the statement's own pattern answers.
 */
function resourcesNaming(role: RoleModel, action: string): string[] {
  return ["*", ...allowedResourcePatterns(role.identity, action).filter((r) => r !== "*" && mayBeAuthorisedOn(action, r))];
}

/**
 * The best answer for the action on `*` or on any resource the role's policies scope it to: iam:PutRolePolicy on the
 * role's own ARN, iam:CreatePolicyVersion on policy/*, lambda:CreateFunction on function:* are paths as much as on `*`.
 */
function bestOn(ctx: RuleContext, role: RoleModel, action: string): { resource: string; result: EvaluationResult } {
  let best: { resource: string; result: EvaluationResult } | undefined;
  for (const resource of resourcesNaming(role, action)) {
    const result = ctx.canRole(role, { action, resource });
    if (!best || DECISION_RANK[result.decision] < DECISION_RANK[best.result.decision]) best = { resource, result };
    if (grantedBy(result) === "allowed") break;
  }
  return best as { resource: string; result: EvaluationResult };
}

function singlePath(action: string, resource: string, results: EvaluationResult[], toAdmin?: boolean): Path {
  // Refused on every resource: refused on the one it was found on alone, the action would open the path on the next.
  return { label: resource === "*" ? action : `${action} on ${resource}`, short: action, results, toAdmin, close: { action, resource: "*" } };
}

function pathsOf(ctx: RuleContext, role: RoleModel): Path[] {
  // No `ask` closure, and `answer` made only past the PassRole guard: tsx's kept names cost a defineProperty per named
  // closure made (see roleRequest, role-access.ts).
  // Cost guard: an action no Allow statement names is denied, so its path is closed without asking (mayAllow).
  const paths: Path[] = SINGLE_PATHS.filter((action) => mayAllow(role, action)).map((action) => {
    if (action === "sts:AssumeRole") return anyRolePath(ctx, role, anyRoleAnswer(ctx, role, ctx.model.partition));
    const { resource, result } = bestOn(ctx, role, action);
    if (SELF_GRANTS.includes(action) && !role.boundaryArn && grantedBy(result) === "allowed") {
      // Granted on the role itself, with no boundary to cap what it writes: it can make itself admin.
      const self = ctx.canRole(role, { action, resource: role.arn });
      if (grantedBy(self) === "allowed") return { ...singlePath(action, "*", [self], true), label: `${action} on itself`, short: `${action} on itself` };
    }
    return singlePath(action, resource, [result]);
  });
  const assumed = assumableAdmin(ctx, role);
  if (assumed) {
    paths.push({
      label: `sts:AssumeRole on admin role ${assumed.admin.name}`,
      short: `AssumeRole to ${assumed.admin.name}`,
      results: [assumed.result],
      toAdmin: true,
      close: { action: "sts:AssumeRole", resource: assumed.admin.arn },
    });
  }
  // PassRole first: few roles may pass one (45 of 5,000 on the synthetic account), and the compute paths' guards and
  // answers would be worked out for every role only to be dropped.
  if (!mayAllow(role, "iam:PassRole")) return paths;
  // iam:PassRole on any role (`*`) or on one of the snapshot's other roles, with compute to pass it to: every
  // action of the compute path asked, each on `*` or a resource the role's policies scope it to.
  const answers = new Map<string, EvaluationResult>();
  const answer = (action: string) => {
    let result = answers.get(action);
    if (!result) answers.set(action, (result = bestOn(ctx, role, action).result));
    return result;
  };
  const compute = PASS_ROLE_TO.filter((c) => c.actions.every((action) => mayAllow(role, action)))
    .map((c) => ({ ...c, results: c.newFunction ? newFunctionAnswers(ctx, role, c.actions) : c.actions.map(answer) }))
    .filter((c) => c.results.every((r) => grantedBy(r) !== "no"));
  if (compute.length > 0) {
    const passable = new PassableRoles(ctx, role);
    // Per service: CreateFunction and UpdateFunctionConfiguration pass the role to Lambda alike.
    const byService = new Map<string, ReturnType<typeof passTarget>>();
    for (const c of compute) {
      let target = byService.get(c.service);
      if (!target) {
        target = passTarget(ctx, passable, c.service, c.passedTo ?? c.service);
        byService.set(c.service, target);
      }
      const { result: pass, admin, also = [] } = target;
      const profile = also.length > 0 ? " + iam:CreateInstanceProfile + iam:AddRoleToInstanceProfile" : "";
      paths.push({
        label: `iam:PassRole + ${c.actions.join(" + ")}${profile}${admin ? ` (admin role ${admin.name})` : ""}`,
        // Passing the admin role is what matters, whichever compute action takes it: one entry for all of them.
        short: admin ? `PassRole to ${admin.name}` : passShort(c.actions),
        results: [pass, ...also, ...c.results],
        toAdmin: !!admin,
        close: { action: "iam:PassRole", resource: "*" },
      });
    }
  }
  return paths;
}

/**
 * The best iam:PassRole answer, on `*` or on one of the snapshot's other roles the role's policies may name
 * (`passable`). An admin role the role can pass is looked for first: passing it to new compute hands over everything,
 * which the finding should say. Only an admin role whose trust policy lets the compute's service assume it counts
 * (the service cannot run as any other: Lambda refuses it as an execution role). IAM sets iam:PassedToService to the
 * service on the PassRole check (reference_policies_iam-condition-keys.html), `passedTo` where it is not the principal
 * that assumes the role, so the usual guard on it is decided, not left "conditional". `also`: the instance-profile
 * answers an admin role in no profile takes to reach EC2.
 */
function passTarget(
  ctx: RuleContext,
  passable: PassableRoles,
  service: string,
  passedTo: string,
): { result: EvaluationResult; admin?: RoleModel; also?: EvaluationResult[] } {
  const { role } = passable;
  const ask = (resource: string) => ctx.canRole(role, { action: "iam:PassRole", resource, context: { "iam:PassedToService": passedTo } });
  // EC2 takes a role through an instance profile: an admin role in none needs the role to make one.
  const profiles = service === EC2 ? profileMaking(ctx, role) : undefined;
  for (const other of assumableAdmins(ctx, service)) {
    if (!passable.mayName(other)) continue;
    const needsProfile = profiles !== undefined && inInstanceProfile(other) === false;
    if (needsProfile && profiles.some((r) => grantedBy(r) !== "allowed")) continue;
    const result = ask(other.arn);
    if (grantedBy(result) === "allowed") return { result, admin: other, ...(needsProfile ? { also: profiles } : {}) };
  }
  let pass = ask("*");
  if (grantedBy(pass) === "allowed") return { result: pass };
  for (const other of passable.all()) {
    if (grantedBy(pass) === "allowed") break;
    const r = ask(other.arn);
    if (DECISION_RANK[r.decision] < DECISION_RANK[pass.decision]) pass = r;
  }
  return { result: pass };
}

const EC2 = "ec2.amazonaws.com";

/**
 * Whether the role is in an instance profile: GetAccountAuthorizationDetails lists them with each role. Undefined
 * when the snapshot does not say (other tools may leave the list out): then it is not held against the path.
 */
function inInstanceProfile(role: RoleModel): boolean | undefined {
  const list = role.raw.InstanceProfileList;
  return Array.isArray(list) ? list.length > 0 : undefined;
}

/**
 * The answers to making an instance profile for a role and putting the role in it, each on `*` or on an instance
 * profile pattern the role's policies name (`instance-profile/*`, the least-privilege form).
 */
function profileMaking(ctx: RuleContext, role: RoleModel): EvaluationResult[] {
  return ["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"].map((action) => bestOn(ctx, role, action).result);
}

/**
 * The snapshot's other roles whose ARN the role's PassRole grants may name (mayAllowOn), by ARN: which admin role the
 * finding names must not depend on the order the scan listed the roles in. The whole list is built only when
 * PassRole on `*` is not granted; the admin roles are looked for first and are a few of thousands.
 */
class PassableRoles {
  private list: RoleModel[] | undefined;
  constructor(
    private readonly ctx: RuleContext,
    readonly role: RoleModel,
  ) {}

  mayName(other: RoleModel): boolean {
    return other.arn !== this.role.arn && mayAllowOn(this.role, "iam:PassRole", other.arn);
  }

  all(): RoleModel[] {
    this.list ??= rolesByArn(this.ctx).filter((r) => this.mayName(r));
    return this.list;
  }
}

/** Every role of the snapshot by ARN, sorted once per analysis rather than once per role that may pass roles. */
function rolesByArn(ctx: RuleContext): RoleModel[] {
  let sorted = sortedRoles.get(ctx);
  if (sorted === undefined) {
    sorted = [...ctx.model.roles.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
    sortedRoles.set(ctx, sorted);
  }
  return sorted;
}
const sortedRoles = new WeakMap<RuleContext, RoleModel[]>();

/**
 * The full-admin roles the service may assume, by ARN, once per analysis and service: the same for every role that
 * may pass roles, where asking each of the snapshot's roles per passing role cost thousands of lookups each.
 */
function assumableAdmins(ctx: RuleContext, service: string): RoleModel[] {
  let byService = adminsByService.get(ctx);
  if (byService === undefined) {
    byService = new Map();
    adminsByService.set(ctx, byService);
  }
  let admins = byService.get(service);
  if (admins === undefined) {
    admins = fullAdminsByArn(ctx).filter((r) => serviceMayAssume(r, service));
    byService.set(service, admins);
  }
  return admins;
}
const adminsByService = new WeakMap<RuleContext, Map<string, RoleModel[]>>();

/** The full-admin roles by ARN, once per analysis: a few of thousands, where each service's list had read them all. */
function fullAdminsByArn(ctx: RuleContext): RoleModel[] {
  let admins = fullAdmins.get(ctx);
  if (admins === undefined) {
    admins = rolesByArn(ctx).filter((r) => isFullAdmin(ctx, r));
    fullAdmins.set(ctx, admins);
  }
  return admins;
}
const fullAdmins = new WeakMap<RuleContext, RoleModel[]>();

/**
 * A full-admin role of the snapshot the role may assume, first by ARN: allowed outright, else under a condition.
 * Asked on the admin role itself, so its trust policy answers too (role-access.ts): one naming the role lets it in
 * without an identity grant, one naming the account needs one as well.
 */
function assumableAdmin(ctx: RuleContext, role: RoleModel): { admin: RoleModel; result: EvaluationResult } | undefined {
  let maybe: { admin: RoleModel; result: EvaluationResult } | undefined;
  // Cost guard: with no statement of its own naming the call, only a trust policy that may name the role itself lets
  // it in (one naming the account needs an identity Allow too); most roles are asked nothing.
  const ownGrant = mayAllow(role, "sts:AssumeRole");
  for (const admin of adminsPeopleMayAssume(ctx)) {
    if (admin.arn === role.arn || (!ownGrant && !trustMayNameRole(admin, role))) continue;
    const result = ctx.canRole(role, { action: "sts:AssumeRole", resource: admin.arn });
    const granted = grantedBy(result);
    if (granted === "allowed") return { admin, result };
    if (granted === "conditional") maybe ??= { admin, result };
  }
  return maybe;
}

/**
 * The full-admin roles whose trust policy may let an IAM principal in (an AWS principal, `*`, NotPrincipal), by ARN,
 * once per analysis: most admin roles trust a service only. One whose trust policy could not be read is left out: its
 * answer could only be open, which opens no path (grantedBy), and data-unavailable names the gap.
 */
function adminsPeopleMayAssume(ctx: RuleContext): RoleModel[] {
  let admins = peopleAdmins.get(ctx);
  if (admins === undefined) {
    admins = rolesPeopleMayAssume(ctx).filter((r) => isFullAdmin(ctx, r));
    peopleAdmins.set(ctx, admins);
  }
  return admins;
}
const peopleAdmins = new WeakMap<RuleContext, RoleModel[]>();

/**
 * Cost guard only: false when no Allow statement of the readable trust policy can name the role itself (its ARN, one of
 * its sessions, `*` or NotPrincipal); an account root or another principal cannot.
 */
function trustMayNameRole(admin: RoleModel, role: RoleModel): boolean {
  const session = `:assumed-role/${role.name}/`;
  return (admin.trust?.statements ?? []).some(
    (st) =>
      st.effect === "Allow" &&
      (st.notPrincipal !== undefined || st.principal?.wildcard === true || (st.principal?.aws ?? []).some((p) => p === role.arn || p.includes(session) || p.includes("*"))),
  );
}

function namesIamPrincipals(st: Statement): boolean {
  return st.effect === "Allow" && (st.notPrincipal !== undefined || st.principal?.wildcard === true || (st.principal?.aws.length ?? 0) > 0);
}

/**
 * sts:AssumeRole is a path when it reaches any role, not a named one: asked on `*` and on a role name no policy would
 * name (`arn:aws:iam::*:role/*` or `role/*` covers it, a list of specific roles does not). Like every path here it
 * reads the role's own permissions; the target's trust policy is not in question.
 */
function anyRoleAnswer(ctx: RuleContext, role: RoleModel, partition: string): EvaluationResult {
  const onStar = ctx.canRole(role, { action: "sts:AssumeRole", resource: "*" });
  if (grantedBy(onStar) === "allowed") return onStar;
  const onAnyRole = ctx.canRole(role, { action: "sts:AssumeRole", resource: `arn:${partition}:iam::${role.account}:role/lpg-probe-any-role` });
  return DECISION_RANK[onAnyRole.decision] < DECISION_RANK[onStar.decision] ? onAnyRole : onStar;
}

/**
 * AssumeRole succeeds only where the target's trust policy lets the caller in too (id_roles_use_permissions-to-switch).
 * The snapshot holds every trust policy of the account: when none of its roles lets this one in, the path is open only
 * through a role of another account, whose trust the snapshot cannot show, so it is a "may", not a "can".
 */
function anyRolePath(ctx: RuleContext, role: RoleModel, own: EvaluationResult): Path {
  // Scoped, not refused: a function that assumes roles needs the call, only not on every role.
  const path: Path = { ...singlePath("sts:AssumeRole", "*", [own]), close: { action: "sts:AssumeRole", resource: "*", scope: true } };
  if (grantedBy(own) !== "allowed") return path;
  for (const other of rolesPeopleMayAssume(ctx)) {
    if (other.arn !== role.arn && grantedBy(ctx.canRole(role, { action: "sts:AssumeRole", resource: other.arn })) === "allowed") return path;
  }
  return { ...path, label: "sts:AssumeRole (no role of this account trusts it: only another account's role could let it in)", granted: "conditional" };
}

/** The roles whose readable trust policy may let an IAM principal in, by ARN, once per analysis. */
function rolesPeopleMayAssume(ctx: RuleContext): RoleModel[] {
  let roles = peopleRoles.get(ctx);
  if (roles === undefined) {
    roles = rolesByArn(ctx).filter((r) => r.trust !== undefined && r.trust.statements.some(namesIamPrincipals));
    peopleRoles.set(ctx, roles);
  }
  return roles;
}
const peopleRoles = new WeakMap<RuleContext, RoleModel[]>();

export const rolePrivilegeEscalation: Rule = {
  id: "role-privilege-escalation",
  title: "Execution role can escalate privileges",
  severity: "high",
  needs: ["GetAccountAuthorizationDetails"],
  description:
    "The role can change IAM or Lambda in ways that grant more power (iam:PassRole with compute creation, iam:Put*Policy, iam:Attach*Policy, iam:CreatePolicyVersion, iam:CreateAccessKey, iam:UpdateAssumeRolePolicy, lambda:UpdateFunctionCode on other functions, or lambda:UpdateFunctionConfiguration on them (NODE_OPTIONS on a Node.js runtime it may set, or a layer it controls), sts:AssumeRole on * (a \"may\" when no role of the account trusts it) or on an admin role whose trust lets it in); critical when an allowed path reaches an admin role (its code, a role it can pass, or itself, by writing its own policies with no boundary).",
  *check(ctx) {
    const codeGrantable = policyMayGrant(ctx, CODE_UPDATE.action);
    const configGrantable = policyMayGrant(ctx, CONFIGURATION_UPDATE);
    const cannotRefuse = policyCannotRefuse(ctx, new Set([...codeGrantable, ...configGrantable]));
    // These read every function's policy, three times over: a turn of their own, apart from the first roles'.
    yield ANOTHER_TURN;
    const candidates = [];
    for (const { role, functions } of rolesInUse(ctx)) {
      if (isFullAdmin(ctx, role)) continue;
      const code = codeTargets(ctx, role, functions, CODE_UPDATE, codeGrantable, cannotRefuse);
      // A function whose code the role can replace outright gains nothing from its environment or a layer, nor one
      // whose environment it can set from a layer: each is asked by the first way that opens it outright.
      const rewritten = allowedFunctions(code.targets);
      const envWay = environmentWay(rewritten);
      const environment = codeTargets(ctx, role, functions, envWay, configGrantable, cannotRefuse);
      const reached = environment.targets.length === 0 ? rewritten : new Set([...rewritten, ...allowedFunctions(environment.targets)]);
      const layer = layerTargets(ctx, role, functions, configGrantable, cannotRefuse, reached);
      candidates.push({ role, functions, paths: pathsOf(ctx, role), code, environment: { found: environment, way: envWay }, layer });
      if (candidates.length % ROLES_PER_TURN === 0) yield ANOTHER_TURN;
    }
    // Known only once every role is judged: a function whose role escalates is a more valuable target to rewrite.
    const escalates = new Set(
      candidates
        .filter((c) => c.paths.some(isOpen) || [c.code, c.environment.found, c.layer.found].some((found) => found.targets.some(isAllowed)))
        .map((c) => c.role.arn),
    );
    // Per role, not per target: a near-admin role may have ten thousand targets sharing a few thousand roles.
    const worthByRole = new Map<RoleModel, RoleWorth>();
    const worthOf = (fn: FunctionModel): RoleWorth => {
      if (!fn.role) return "other";
      let worth = worthByRole.get(fn.role);
      if (worth === undefined) {
        worth = isFullAdmin(ctx, fn.role) ? "admin" : escalates.has(fn.role.arn) ? "escalates" : "other";
        worthByRole.set(fn.role, worth);
      }
      return worth;
    };
    const findings: Finding[] = [];
    for (const [i, { role, functions, paths: direct, code, environment, layer }] of candidates.entries()) {
      if (i > 0 && i % ROLES_PER_TURN === 0) yield ANOTHER_TURN;
      // The environment and layer ways are asked only of functions whose code is out of reach: refusing the code
      // update alone would open them.
      const codeClosing: PathClosure = { ...closing(CODE_UPDATE), ...(mayAllow(role, CONFIGURATION_UPDATE) ? { then: [CONFIGURATION_UPDATE] } : {}) };
      const codePaths = [
        ...byGrant(code.targets).map((targets): Path => ({ ...codePath(ctx, role, code, targets, worthOf), close: codeClosing })),
        ...byGrant(environment.found.targets).map(
          (targets): Path => ({ ...codePath(ctx, role, environment.found, targets, worthOf, environment.way, environmentWording(targets)), close: closing(environment.way) }),
        ),
        ...byGrant(layer.found.targets).map(
          (targets): Path => ({ ...codePath(ctx, role, layer.found, targets, worthOf, layer.way, layer.way.wording(targets)), close: closing(layer.way) }),
        ),
      ];
      // The way to an admin role's permissions leads the title.
      const paths = [...direct, ...codePaths].sort((a, b) => Number(!!b.toAdmin) - Number(!!a.toAdmin));
      const allowed = paths.filter(isOpen);
      const maybe = paths.filter((p) => !allowed.includes(p) && (p.granted === "conditional" || p.results.every((r) => grantedBy(r) !== "no")));
      if (allowed.length === 0 && maybe.length === 0) continue;
      const shown = allowed.length ? allowed : maybe;
      const examples = [...allowed, ...maybe].flatMap((p) => (p.examples ? [` ${p.examples}`] : []));
      findings.push(
        roleFinding({
          rule: this.id,
          severity: allowed.some((p) => p.toAdmin) ? "critical" : allowed.length ? "high" : "medium",
          conditional: allowed.length === 0,
          role,
          functions,
          title: escalationTitle(role, shown, allowed.length > 0),
          detail:
            `The evaluator allows ${allowed.length ? allowed.map((p) => p.label).join(", ") : "none outright"}` +
            (maybe.length ? `; conditionally ${maybe.map((p) => p.label).join(", ")}` : "") +
            `.${examples.join("")} Each lets code running in ${functionNames(functions)} obtain permissions beyond its own.`,
          evidence: dedupe([...allowed, ...maybe].flatMap((p) => p.results.flatMap((r) => r.statements.map((m) => matchEvidence(m))))),
          remediation: escalationRemediation(role, ctx.model.partition, [...allowed, ...maybe]),
        }),
      );
    }
    return findings;
  },
};

/**
 * "Role r can escalate to admin: 3 paths (PassRole to ops-role, code of 63 functions)": the worst outcome, how many
 * paths, and the shortest names of those that fit. The detail names every path in full with its resource.
 */
function escalationTitle(role: RoleModel, shown: Path[], certain: boolean): string {
  const head = `Role ${role.name} ${certain ? "can" : "may"} escalate ${shown.some((p) => p.toAdmin) ? "to admin" : "privileges"}: `;
  const names = [...new Set(shown.map((p) => p.short))];
  // Role and function names run to 64 characters each: a one-path title is clipped, and the detail names it in full.
  return shown.length === 1 ? clip(`${head}${names[0]}`, TITLE_MAX) : titleWithList(`${head}${shown.length} paths (`, names, ")");
}

/** A rewrite way's action refused on every function: the targets found are the first few of those it reaches. */
function closing(way: { action: string }): PathClosure {
  return { action: way.action, resource: "*" };
}

function isAllowed(t: CodeTarget): boolean {
  return t.granted === "allowed";
}

/** The targets granted outright, then those granted under a condition: one path each, when any. */
function byGrant(targets: CodeTarget[]): CodeTarget[][] {
  return (["allowed", "conditional"] as const).map((granted) => targets.filter((t) => t.granted === granted)).filter((group) => group.length > 0);
}

/** The targets granted outright; most roles have none, and share one empty set. */
function allowedFunctions(targets: readonly CodeTarget[]): ReadonlySet<FunctionModel> {
  return targets.length === 0 ? NO_FUNCTIONS : new Set(targets.filter(isAllowed).map((t) => t.fn));
}
const NO_FUNCTIONS: ReadonlySet<FunctionModel> = new Set();

function isOpen(p: Path): boolean {
  return p.granted !== undefined ? p.granted === "allowed" : p.results.every((r) => grantedBy(r) === "allowed");
}

/**
 * The role's trust policy lets the service assume it (or may, under a condition); unreadable counts as no. A regional
 * form of the principal (states.us-east-1.amazonaws.com) is the service's too (normaliseServicePrincipal).
 */
function serviceMayAssume(role: RoleModel, service: string): boolean {
  if (!role.trust) return false;
  const decision = resourcePolicyDecision(role.trust, {
    principal: { type: "service", id: service },
    action: "sts:AssumeRole",
    resource: role.arn,
    context: { values: {}, complete: false },
  });
  return decision === "allowed" || decision === "conditional";
}
