/**
 * ECR's AWS JSON 1.1 protocol as the SDK (3.1164.0) speaks it, for the one read the scan makes: `POST /` with
 * `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.GetRepositoryPolicy` and `{registryId, repositoryName}`,
 * answering `{registryId, repositoryName, policyText}`. Errors are a JSON body whose `__type` names them:
 * RepositoryNotFoundException for a repository that does not exist, RepositoryPolicyNotFoundException for one without
 * a policy. Anything else is an UnsupportedOperationException, so a scanner that starts sending something new fails
 * its tests instead of passing silently.
 */
import type { HttpAnswer } from "./lambda";
import type { JsonService } from "./json-service";

type Json = Record<string, unknown>;

const JSON_11 = "application/x-amz-json-1.1";

export function ecrError(status: number, type: string, message: string): HttpAnswer {
  return { status, headers: { "content-type": JSON_11 }, body: JSON.stringify({ __type: type, message }) };
}

/** Repository ARN → GetRepositoryPolicy answer; one without policyText is a repository without a policy. */
export type EcrScenario = Map<string, Json>;

export function ecrService(policies: EcrScenario, account: string, partition: string): JsonService {
  const denied = (message: string) => ecrError(400, "AccessDeniedException", message);
  return {
    iamPrefix: "ecr",
    targetPrefix: "AmazonEC2ContainerRegistry_V20150921",
    // ECR takes the caller's own registry when registryId is left out.
    target: (input, region) =>
      typeof input.repositoryName === "string"
        ? `arn:${partition}:ecr:${region ?? "?"}:${typeof input.registryId === "string" ? input.registryId : account}:repository/${input.repositoryName}`
        : undefined,
    throttled: () => ecrError(400, "ThrottlingException", "Rate exceeded"),
    serverError: () => ecrError(500, "ServerException", "An internal error occurred."),
    denied,
    error: (code, message) => (code.includes("AccessDenied") ? denied(message) : ecrError(400, code, message)),
    answer: (operation, input, target) => {
      if (operation !== "GetRepositoryPolicy") return ecrError(400, "UnsupportedOperationException", `${operation} is not served here`);
      const registry = typeof input.registryId === "string" ? input.registryId : account;
      const stored = target ? policies.get(target) : undefined;
      if (!stored) {
        return ecrError(400, "RepositoryNotFoundException", `The repository with name '${String(input.repositoryName)}' does not exist in the registry with id '${registry}'`);
      }
      if (stored.policyText === undefined) {
        return ecrError(400, "RepositoryPolicyNotFoundException", `Repository policy does not exist for the repository with name '${String(input.repositoryName)}' in the registry with id '${registry}'`);
      }
      return { status: 200, headers: { "content-type": JSON_11 }, body: JSON.stringify(stored) };
    },
  };
}
