/**
 * A broad, deterministic sample of Can do questions over a model, and their answers in comparable form: what
 * model-handover.ts and lib/analysis/model-handover.test.ts ask a handed-over model and a fresh one alike.
 */
import type { AccountModel, FunctionModel } from "@/lib/analysis/account-model";
import type { FunctionReport } from "@/lib/analysis/types";
import type { ExactAsk } from "@/lib/view/reach-exact";
import type { SnapshotInput } from "@/lib/snapshot/schema";

export interface ModelQuestion {
  principal: string;
  action: string;
  resource: string;
}

/** Common actions of the services functions use, administrative ones, and patterns (which Can do refuses). */
const ACTIONS = [
  "s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteBucket",
  "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:DeleteTable",
  "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SetQueueAttributes",
  "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ScheduleKeyDeletion",
  "iam:PassRole", "iam:CreateUser", "iam:AttachRolePolicy",
  "lambda:InvokeFunction", "lambda:UpdateFunctionCode", "lambda:AddPermission",
  "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
  "sns:Publish", "logs:PutLogEvents", "kinesis:GetRecords", "sts:AssumeRole",
  "s3:*", "iam:*", "sqs:Delete*",
];

/**
 * The resources a function's questions name: any, its role's own ARNs, what its mappings read, others of each service,
 * and one of the queues whose policy is unread (the gaps the analysis adds are about those).
 */
function resourcesOf(model: AccountModel, fn: FunctionModel, other: FunctionModel, index: number, unread: readonly string[]): string[] {
  const { account, partition } = model;
  const own = (fn.role?.identity ?? []).flatMap((p) => p.statements.flatMap((s) => s.resource ?? [])).filter((r) => r !== "*");
  const mapped = fn.mappings.flatMap((m) => (m.EventSourceArn ? [m.EventSourceArn] : []));
  const queueName = mapped.find((a) => a.includes(":sqs:"))?.split(":").pop();
  return [
    "*",
    ...own.slice(0, 3).map((r) => r.replaceAll("*", "x1").replaceAll("?", "y")),
    ...mapped.slice(0, 2),
    ...(queueName ? [queueName] : []),
    other.arn,
    `arn:${partition}:s3:::data-${fn.name}/in/object.json`,
    `arn:${partition}:dynamodb:${fn.region}:${account}:table/${fn.name}`,
    `arn:${partition}:sqs:${fn.region}:${account}:${fn.name}-queue`,
    `arn:${partition}:kms:${fn.region}:${account}:key/00000000-0000-0000-0000-000000000001`,
    `arn:${partition}:kms:${fn.region}:${account}:alias/${fn.name}`,
    `arn:${partition}:secretsmanager:${fn.region}:${account}:secret:${fn.name}-db`,
    `arn:${partition}:iam::${account}:role/${fn.name}`,
    ...[...model.kms.keys.keys()].slice(0, 1),
    ...(unread.length ? [unread[index % unread.length] as string] : []),
  ];
}

/**
 * Questions for `sampled` functions spread over the account, asked as the function, its role, and its first alias:
 * each action on `*` and on one of the function's resources (taken in turn), so every action meets every resource kind.
 */
export function modelQuestions(model: AccountModel, sampled: number): ModelQuestion[] {
  const fns = model.functions;
  const out: ModelQuestion[] = [];
  const unread = [...model.queuePolicies].flatMap(([arn, q]) => (q.policy ? [] : [arn]));
  for (let i = 0; i < Math.min(sampled, fns.length); i++) {
    const fn = fns[Math.floor((i * fns.length) / Math.min(sampled, fns.length))] as FunctionModel;
    const other = fns[(i * 7 + 3) % fns.length] as FunctionModel;
    const resources = resourcesOf(model, fn, other, i, unread);
    const principals = [fn.arn, ...(fn.roleArn && i % 3 === 0 ? [fn.roleArn] : []), ...fn.aliases.slice(0, 1).map((a) => a.AliasArn)];
    ACTIONS.forEach((action, a) => {
      const principal = principals[a % principals.length] as string;
      out.push({ principal, action, resource: "*" });
      out.push({ principal, action, resource: resources[(a + i) % resources.length] as string });
    });
  }
  return out;
}

/**
 * Each question's answer as Can do gives it, as JSON: the evaluator's (exactAsker), the one resource a name stands for,
 * and why a key's policy is unread. Equal strings are equal answers, down to the statements and reasons.
 */
export function answersOf(asker: ExactAsk, questions: readonly ModelQuestion[]): string[] {
  return questions.map((q) => {
    // The asker reads only the function's ARN; a role's or alias's ARN is asked the same way (what-if.ts resolves it).
    const answer = asker({ arn: q.principal } as FunctionReport, q.action, q.resource);
    const named = q.resource.startsWith("arn:") || q.resource === "*" ? undefined : asker.named?.(q.resource, q.action);
    return JSON.stringify({ ...answer, named, keyPolicyUnread: q.resource.includes(":kms:") ? asker.keyPolicyUnread?.(q.resource) : undefined });
  });
}

type Regions = Record<string, { GetQueueAttributes?: Record<string, unknown> }>;

/**
 * A copy of `snapshot` in which every `every`-th queue read is unread: alternately a failed GetQueueAttributes
 * (AccessDenied) and a malformed queue policy. The analysis then adds those queues' gaps to the functions whose role
 * reaches them (analyze.ts), which is what a handed-over model holds and a fresh one does not.
 */
export function withUnreadQueues(snapshot: SnapshotInput, every: number): SnapshotInput {
  const copy = structuredClone(snapshot);
  const errors = (copy.errors ??= []);
  let n = 0;
  let chosen = 0;
  for (const [region, data] of Object.entries(copy.regions as Regions)) {
    const reads = data.GetQueueAttributes;
    if (!reads) continue;
    for (const arn of Object.keys(reads).sort()) {
      if (n++ % every !== 0) continue;
      if (chosen++ % 2 === 0) reads[arn] = { Attributes: { Policy: "{\"Statement\": [" } };
      else {
        delete reads[arn];
        errors.push({ region, operation: "GetQueueAttributes", target: arn, code: "AccessDenied", message: `not authorized to perform: sqs:GetQueueAttributes on resource: ${arn}` });
      }
    }
  }
  return copy;
}
