/**
 * The ECR repositories container-image functions pull from, from the scan's GetFunction and GetRepositoryPolicy
 * (lib/aws/images.ts): which repository a function's (or routed-to version's) image is in, and that repository's
 * policy, parsed once per model. A repository without a policy lets no service principal in; one whose read failed,
 * whose answer is malformed or that the reads left out is unknown, never "no policy". ECR's
 * RepositoryNotFoundException says the repository is gone (the function cannot pull its image at all).
 */
import type { PolicyReading } from "@/lib/policy/parse";
import type { PolicyDocument } from "@/lib/policy/types";
import type { Snapshot, SnapshotError } from "@/lib/snapshot/schema";
import { aliasRoutedVersions, imageCode, imageUriOf, parseImageUri, type ImageRepository } from "./images-used";
import { MALFORMED_POLICY, MALFORMED_RESPONSE, NOT_READ, toUnavailable } from "./snapshot-gaps";
import { parsedResourcePolicies, readOf, resourceReads, type ResourcePolicy, type ResourceReads, type Unread } from "./resource-reads";
import type { FunctionModel } from "./account-model";
import type { ParseProblem } from "./types";

export const REPOSITORY_GONE = "RepositoryNotFoundException";

export interface ImageModel {
  functions: ResourceReads<"GetFunction">;
  policyReads: ResourceReads<"GetRepositoryPolicy">;
  /** Repository ARN → its parsed policy, or why unknown; repositories read without a policy are absent. */
  policies: ReadonlyMap<string, ResourcePolicy>;
  /**
   * GetFunction was refused (AccessDenied: SecurityAudit does not grant lambda:GetFunction): which images those
   * functions run is unknown. Said once for the account (data-unavailable), not as a gap of every image function.
   */
  denied: { functions: string[]; errors: SnapshotError[] };
}

/** The image a function or version runs, with its repository's policy or none; or why unknown. */
export type FunctionImage =
  | {
      kind: "read";
      /** GetFunction's Code as stored: RepositoryType, ImageUri, ResolvedImageUri. */
      code: Record<string, unknown>;
      repository: ImageRepository;
      /** The repository does not exist (ECR answered RepositoryNotFoundException). */
      gone?: SnapshotError;
      /** Undefined (and not gone): the repository has no policy (RepositoryPolicyNotFoundException). */
      policy?: PolicyDocument;
    }
  | (Unread & { operation?: "GetFunction" | "GetRepositoryPolicy"; target?: string; code?: string });

/** How AWS words a refused call (lib/findings/scan-remediation.ts reads the same codes to word its advice). */
export function isAccessDenied(e: Pick<SnapshotError, "code" | "message">): boolean {
  return /AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden/i.test(e.code ?? "") || /not authorized to perform/i.test(e.message ?? "");
}

export function imageModel(snapshot: Snapshot, reading: PolicyReading, problems: ParseProblem[]): ImageModel {
  const functions = resourceReads(snapshot, "GetFunction");
  const policyReads = resourceReads(snapshot, "GetRepositoryPolicy");
  const policies = parsedResourcePolicies(policyReads, (response) => response.policyText, "repository policy", reading, problems);
  const deniedErrors = [...functions.errors.values()].filter(isAccessDenied);
  return { functions, policyReads, policies, denied: { functions: deniedErrors.map((e) => e.target as string), errors: deniedErrors } };
}

/** What the snapshot says of the image `key` (a function or routed-to version ARN) runs. */
export function functionImage(model: ImageModel, key: string, partition: string): FunctionImage {
  const read = readOf(model.functions, key);
  if (read.kind !== "read") return { ...read, operation: "GetFunction", target: key };
  const stored = read.response.Code;
  const code = stored ? imageCode(stored) : undefined;
  const repository = parseImageUri(imageUriOf(read.response), partition);
  if (!code || !repository) {
    const why = `its image URI (${String(imageUriOf(read.response) ?? "none")}) names no ECR repository`;
    return { kind: "unknown", why, operation: "GetFunction", target: key, code: MALFORMED_RESPONSE };
  }
  const error = model.policyReads.errors.get(repository.arn);
  if (error?.code === REPOSITORY_GONE) return { kind: "read", code, repository, gone: error };
  const policyRead = readOf(model.policyReads, repository.arn);
  if (policyRead.kind !== "read") return { ...policyRead, operation: "GetRepositoryPolicy", target: repository.arn };
  const parsed = model.policies.get(repository.arn);
  if (parsed?.unread !== undefined) return { kind: "unknown", why: parsed.unread, operation: "GetRepositoryPolicy", target: repository.arn, code: MALFORMED_POLICY };
  return { kind: "read", code, repository, ...(parsed?.policy ? { policy: parsed.policy } : {}) };
}

/** The function and the published versions its aliases route to, for an image function; none for a .zip one. */
export function imageDeployments(fn: FunctionModel): { key: string; version?: string }[] {
  if (fn.config.PackageType !== "Image") return [];
  return [{ key: fn.arn }, ...[...aliasRoutedVersions(fn.aliases)].sort().map((version) => ({ key: `${fn.arn}:${version}`, version }))];
}

/**
 * Marks each image function's data unknown for each image or repository policy that is unknown, so the rule gives no
 * verdict and data-unavailable says why. A refused GetFunction is left out here (ImageModel.denied says it once).
 * True when some function runs an image and the snapshot holds no GetFunction read at all (an older scan, another
 * tool): not judged, said once for the account.
 */
export function addImageGaps(functions: readonly FunctionModel[], model: ImageModel, partition: string): boolean {
  let notRead = false;
  const denied = new Set(model.denied.functions);
  for (const fn of functions) {
    for (const { key } of imageDeployments(fn)) {
      if (denied.has(key)) continue;
      const image = functionImage(model, key, partition);
      if (image.kind === "read") continue;
      if (image.kind === "not-read") {
        notRead = true;
        continue;
      }
      // A GetFunction error names the function: the account model has it among the function's gaps already.
      if (image.error && image.operation === "GetFunction") continue;
      const operation = image.operation ?? "GetFunction";
      fn.unavailable.push(image.error ? toUnavailable(image.error) : { operation, target: image.target ?? key, code: image.code ?? NOT_READ, message: image.why });
      fn.unknownOps.add("GetRepositoryPolicy");
    }
  }
  return notRead;
}
