/**
 * Where container-image functions (PackageType Image) get their image, and whether its ECR repository lets Lambda
 * pull it (lambda-permissions.md §2 Container image: the repository policy must allow lambda.amazonaws.com
 * ecr:BatchGetImage and ecr:GetDownloadUrlForLayer). ListFunctions and GetFunctionConfiguration do not give the image
 * URI; GetFunction does, so it is asked for image functions only, and for the published versions their aliases route
 * to (a version keeps the image it was published with). Then ECR GetRepositoryPolicy once per repository, in its
 * region. Stored under regions[R].GetFunction["<function or version ARN>"] and
 * regions[R].GetRepositoryPolicy["<repository ARN>"] (snapshot.md allows extra operations named by their API).
 * RepositoryPolicyNotFoundException is stored as an answer without policyText (the fact, not an error);
 * RepositoryNotFoundException is recorded as an error with that code, which analysis reads as "the repository is gone".
 */
import { GetFunctionCommand, type AliasConfiguration, type FunctionConfiguration, type LambdaClient } from "@aws-sdk/client-lambda";
import { GetRepositoryPolicyCommand, type ECRClient } from "@aws-sdk/client-ecr";
import { FunctionImageSchema, RepositoryPolicySchema, type SnapshotError } from "@/lib/snapshot/schema";
import { aliasRoutedVersions, imageCode, imageUriOf, parseImageUri, type ImageRepository } from "@/lib/analysis/images-used";
import { collectPerResource } from "./per-resource";
import { errorCode, isNotFound } from "./errors";

type Json = Record<string, unknown>;

export interface ImageReads {
  GetFunction: Record<string, Json>;
  GetRepositoryPolicy: Record<string, Json>;
}

/** GetFunction targets: each image function's ARN, and `<ARN>:<version>` for the versions its aliases route to. */
export function regionImageFunctions(data: {
  ListFunctions?: { Functions: FunctionConfiguration[] };
  ListAliases: Record<string, { Aliases: AliasConfiguration[] }>;
}): { key: string; functionArn: string; qualifier?: string }[] {
  const out: { key: string; functionArn: string; qualifier?: string }[] = [];
  for (const fn of data.ListFunctions?.Functions ?? []) {
    // PackageType cannot change after creation: every version of an image function is an image too.
    if (fn.PackageType !== "Image" || !fn.FunctionArn) continue;
    out.push({ key: fn.FunctionArn, functionArn: fn.FunctionArn });
    for (const v of [...aliasRoutedVersions(data.ListAliases[fn.FunctionArn]?.Aliases ?? [])].sort()) {
      out.push({ key: `${fn.FunctionArn}:${v}`, functionArn: fn.FunctionArn, qualifier: v });
    }
  }
  return out;
}

/**
 * Only where the image comes from: the answer's Code.Location is a presigned URL, a credential for the function's
 * code, and its Configuration repeats GetFunctionConfiguration's (environment included). Neither is kept.
 */
function imageOnly(answer: { Code?: object }): Json {
  return answer.Code ? { Code: imageCode(answer.Code as Json) } : {};
}

export async function collectImages(
  lambda: LambdaClient,
  ecr: (region: string) => ECRClient,
  data: Parameters<typeof regionImageFunctions>[0],
  region: string,
  partition: string,
  record: (e: SnapshotError) => void,
): Promise<ImageReads> {
  const targets = regionImageFunctions(data);
  const byKey = new Map(targets.map((t) => [t.key, t]));
  const functions = await collectPerResource(
    "GetFunction",
    targets.map((t) => t.key),
    region,
    record,
    FunctionImageSchema,
    async (key) => {
      const t = byKey.get(key)!;
      return imageOnly(await lambda.send(new GetFunctionCommand({ FunctionName: t.functionArn, ...(t.qualifier ? { Qualifier: t.qualifier } : {}) })));
    },
    // Deleted since it was listed: nothing to judge, as for GetFunctionConfiguration.
    (e) => (isNotFound(e) ? {} : undefined),
  );
  for (const [key, answer] of Object.entries(functions)) if (!answer.Code) delete functions[key];
  const repositories = new Map<string, ImageRepository>();
  // An image URI that names no ECR repository is left to analysis, which marks that function's image unknown.
  for (const answer of Object.values(functions)) {
    const repo = parseImageUri(imageUriOf(answer as never), partition);
    if (repo) repositories.set(repo.arn, repo);
  }
  const policies = await collectPerResource(
    "GetRepositoryPolicy",
    [...repositories.keys()].sort(),
    region,
    record,
    RepositoryPolicySchema,
    (arn) => {
      const r = repositories.get(arn)!;
      return ecr(r.region).send(new GetRepositoryPolicyCommand({ registryId: r.registryId, repositoryName: r.repositoryName }));
    },
    (e, arn) => {
      if (errorCode(e) !== "RepositoryPolicyNotFoundException") return undefined;
      const r = repositories.get(arn)!;
      return { registryId: r.registryId, repositoryName: r.repositoryName };
    },
  );
  return { GetFunction: functions, GetRepositoryPolicy: policies };
}
