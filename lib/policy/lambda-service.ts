/**
 * Lambda, and Lambda@Edge (which replicates functions): the services a function's execution role is meant to trust.
 * The execution-role-trust rule and the details panel both ask it, so a spelling one reads as Lambda the other does.
 */
import { serviceNameOn } from "./principal";

const LAMBDA_SERVICES: ReadonlySet<string> = new Set(["lambda.amazonaws.com", "edgelambda.amazonaws.com"]);

/**
 * Whether a Service entry of the trust policy of `roleArn` names one of them, as the evaluator matches it
 * (serviceNameOn): a regional spelling, and in aws-cn the `.cn` name (in aws-iso `lambda.c2s.ic.gov`, which the
 * evaluator lets in only conditionally), are Lambda too; outside its partition such a name is that partition's
 * Lambda, not this one's.
 */
export function isLambdaService(name: string, roleArn: string): boolean {
  return LAMBDA_SERVICES.has(serviceNameOn(name, roleArn));
}
