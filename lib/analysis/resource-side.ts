/**
 * Whether an answer about one resource weighs that resource's own policy. The evaluator (role-access.ts) weighs it
 * where the snapshot holds it, reads that there is none, or knows it could not read it: KMS key policies and grants,
 * SQS queue, SNS topic, EFS file system and ECR repository policies, Lambda function policies, a role's trust policy
 * for STS calls; and a resource in another account is conditional on that account's policy. Other services' resource
 * policies (S3 bucket policies, secrets' policies…) the scan never reads: an answer about such a resource is
 * the identity side only, where a Deny in that policy would still refuse the request, and it must say so.
 */
import type { AccountModel } from "./account-model";
import { parseArn } from "./arn";

export const IDENTITY_SIDE_ONLY = "identity side only; the resource's own policy was not read";

/**
 * Services whose resources may carry a policy of their own ("resource-based policies" in IAM's table of services
 * that work with IAM) that the scan does not read. EFS, SQS, SNS and ECR are read for the file systems, queues, topics
 * and image repositories functions use, and judged per resource below.
 */
const UNREAD_POLICY_SERVICES = new Set([
  "acm-pca", "aoss", "apigateway", "backup", "cloudtrail", "codeartifact", "codebuild", "dynamodb", "es",
  "events", "execute-api", "glacier", "glue", "kafka", "kinesis", "lex", "logs", "mediastore", "s3", "s3-object-lambda",
  "s3express", "schemas", "secretsmanager", "serverlessrepo", "ses", "ssm-contacts", "ssm-incidents", "vpc-lattice",
]);

/** Services whose resources' own policies the evaluator weighs, per resource (see resourcePolicyNotRead for which). */
const WEIGHED_SERVICES = new Set(["kms", "lambda", "sqs", "sns", "elasticfilesystem", "ecr"]);

/** The account of the ARN `resource` when it is one account (no pattern) other than `callerAccount`. */
export function foreignAccountOf(resource: string, callerAccount: string): string | undefined {
  const account = parseArn(resource)?.account;
  return account && account !== callerAccount && /^\d{12}$/.test(account) ? account : undefined;
}

/** A resource named, not given by ARN (nor "any resource"): `orders-prod`. A malformed ARN is no name. */
const isName = (resource: string) => resource !== "*" && !resource.startsWith("arn:");

const serviceOfAction = (action: string) => action.slice(0, action.indexOf(":")).toLowerCase();

/**
 * The service of a resource given by name whose own policies the evaluator weighs (`orders` asked with
 * `sqs:SendMessage`: a queue), or undefined for an ARN, `*`, or a name of any other service. A name matches no
 * policy's ARN: resource-name.ts turns it into one where it can.
 */
export function weighedServiceOfName(resource: string, action: string): string | undefined {
  const service = serviceOfAction(action);
  return isName(resource) && WEIGHED_SERVICES.has(service) ? service : undefined;
}

/**
 * How a question about `resource` stands towards that resource's own policy, from its ARN alone (no account model):
 * "weighed" when the evaluator may weigh a policy the snapshot holds, or the resource is in another account than
 * `callerAccount` (both sides must allow); "not-read" when its service's resource policies are never read; undefined
 * for a resource with no policy of its own (an EC2 instance, a CloudWatch alarm), any resource (`*`) or no ARN.
 * A resource given by name is one of the service its action names (`s3:PutObject` on `orders-prod` asks about a
 * bucket): "not-read" is said of it as of its ARN; nothing else, as no policy is found, nor weighed, for a name
 * (resource-name.ts finds the ARN of a name whose service's policies are weighed).
 */
export function resourceSideOf(resource: string, action: string, callerAccount: string): "weighed" | "not-read" | undefined {
  const arn = parseArn(resource);
  if (!arn) return isName(resource) && UNREAD_POLICY_SERVICES.has(serviceOfAction(action)) ? "not-read" : undefined;
  if (foreignAccountOf(resource, callerAccount) !== undefined) return "weighed";
  if (WEIGHED_SERVICES.has(arn.service)) return "weighed";
  if (arn.service === "iam" && arn.resource.startsWith("role/") && /^sts:/i.test(action)) return "weighed";
  return UNREAD_POLICY_SERVICES.has(arn.service) ? "not-read" : undefined;
}

/**
 * Whether the answer about `resource` is the identity side only: its own policy may exist and the snapshot does not
 * hold it, nor know there is none (a queue, topic, file system or repository the scan did not read; any resource of
 * the services above, by ARN or by name).
 * A resource of another account is not: the evaluator answers conditional on its policy, and says so.
 */
export function resourcePolicyNotRead(model: AccountModel, resource: string, action: string): boolean {
  const arn = parseArn(resource);
  if (!arn) return resourceSideOf(resource, action, model.account) === "not-read";
  if (arn.account && arn.account !== model.account) return false;
  if (arn.service === "sqs") return !model.queues.responses.has(resource) && !model.queuePolicies.has(resource);
  if (arn.service === "elasticfilesystem") {
    const { policyReads, policies } = model.fileSystems;
    return arn.resource.startsWith("file-system/") && !policyReads.responses.has(resource) && !policies.has(resource);
  }
  // Read (with or without a policy) or failed: weighed. Checked here, not by a helper of topic-policies.ts, whose
  // imports (the policy parser, the action catalog's files) must stay out of the browser's bundle this file is in.
  if (arn.service === "sns") return !model.topics.reads.responses.has(resource) && !model.topics.reads.errors.has(resource);
  if (arn.service === "ecr") {
    const { policyReads } = model.images;
    return arn.resource.startsWith("repository/") && !policyReads.responses.has(resource) && !policyReads.errors.has(resource);
  }
  return resourceSideOf(resource, action, model.account) === "not-read";
}
