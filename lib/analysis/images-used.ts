/**
 * Where a container-image function's image comes from: the ECR repository named in GetFunction's Code.ImageUri. One
 * reading for the scanner (which repository policies to read) and for analysis (which read a function's verdict
 * rests on). Lambda takes images from private ECR only, in the function's region (images-create.html).
 */
import { endpointDomain, REGION_NAME_SOURCE } from "@/lib/policy/partition-domains";

export interface ImageRepository {
  /** The registry's account (the repository may be another account's). */
  registryId: string;
  region: string;
  repositoryName: string;
  /** arn:<partition>:ecr:<region>:<registry>:repository/<name>, as the repository policy's Resource names it. */
  arn: string;
}

/**
 * `<registry>.dkr.ecr[-fips].<region>.<domain>/<repository>[:tag|@sha256:<digest>]`; repository names are
 * lower-case segments of [a-z0-9] joined by '.', '_' or '-', separated by '/' (ECR CreateRepository's pattern). The
 * domain is the function's partition's endpoint domain (endpointDomain: `amazonaws.com` in aws and aws-us-gov,
 * `amazonaws.com.cn` in aws-cn, `c2s.ic.gov` in aws-iso), where ECR's registries are served as every other endpoint
 * is. A registry in another partition's domain is not one Lambda pulls from (it takes images in the function's region
 * only); a partition the table does not know is asked with the commercial domain.
 */
const IMAGE_URI = new RegExp(
  `^(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.(${REGION_NAME_SOURCE})\\.([a-z0-9.-]+)/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::[\\w][\\w.-]{0,127}|@sha256:[0-9a-f]{64})?$`,
);

export function parseImageUri(uri: unknown, partition: string): ImageRepository | undefined {
  const m = typeof uri === "string" ? IMAGE_URI.exec(uri) : null;
  if (!m) return undefined;
  const [, registryId, region, domain, repositoryName] = m as unknown as [string, string, string, string, string];
  if (domain !== (endpointDomain(partition) ?? "amazonaws.com")) return undefined;
  return { registryId, region, repositoryName, arn: `arn:${partition}:ecr:${region}:${registryId}:repository/${repositoryName}` };
}

/**
 * GetFunction's Code with where the image comes from only: RepositoryType, ImageUri, ResolvedImageUri. What the scan
 * keeps and what analysis shows, whatever another tool stored (Code.Location is a presigned URL, a credential).
 */
export function imageCode(code: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ["RepositoryType", "ImageUri", "ResolvedImageUri"]) if (code[k] !== undefined) out[k] = code[k];
  return out;
}

/** The image URI of a stored GetFunction answer: ImageUri as deployed, else the digest Lambda resolved it to. */
export function imageUriOf(answer: { Code?: { ImageUri?: unknown; ResolvedImageUri?: unknown } | null } | undefined): unknown {
  return answer?.Code?.ImageUri ?? answer?.Code?.ResolvedImageUri;
}

/** The published versions aliases route to, primary and weighted ($LATEST is the function itself). */
export function aliasRoutedVersions(aliases: Iterable<{ FunctionVersion?: string | null; RoutingConfig?: { AdditionalVersionWeights?: Record<string, unknown> | null } | null }>): Set<string> {
  const routed = new Set<string>();
  for (const a of aliases) {
    if (a.FunctionVersion && a.FunctionVersion !== "$LATEST") routed.add(a.FunctionVersion);
    for (const v of Object.keys(a.RoutingConfig?.AdditionalVersionWeights ?? {})) routed.add(v);
  }
  return routed;
}
