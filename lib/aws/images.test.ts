import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { scanAccount } from "./collect";
import { regionImageFunctions } from "./images";

const A = "123456789012";
const OTHER = "210987654321";
const R = "us-east-1";
const fnArn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const uri = (repo: string, registry = A) => `${registry}.dkr.ecr.${R}.amazonaws.com/${repo}:v1`;
const repoArn = (repo: string, registry = A) => `arn:aws:ecr:${R}:${registry}:repository/${repo}`;
const LAMBDA_PULL = {
  Version: "2012-10-17",
  Statement: [{ Sid: "LambdaECRImageRetrievalPolicy", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }],
};

describe("regionImageFunctions", () => {
  it("names image functions and the versions their aliases route to, never a .zip function", () => {
    const targets = regionImageFunctions({
      ListFunctions: { Functions: [{ FunctionArn: "f", PackageType: "Image" }, { FunctionArn: "z", PackageType: "Zip" }] },
      ListAliases: {
        f: { Aliases: [{ Name: "live", FunctionVersion: "3", RoutingConfig: { AdditionalVersionWeights: { "4": 0.1 } } }, { Name: "dev", FunctionVersion: "$LATEST" }] },
        z: { Aliases: [{ Name: "live", FunctionVersion: "1" }] },
      },
    });
    expect(targets.map((t) => t.key)).toEqual(["f", "f:3", "f:4"]);
  });
});

const serve = useLocalEndpoint();

/** Image functions on four repositories (with a policy, without, another account's, gone) and a .zip function. */
function account() {
  const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-20T09:30:00Z" });
  const role = b.role({ name: "image-role" });
  const run = (name: string) => b.fn({ region: R, name, runtime: "nodejs22.x", role, image: true, env: ["API_TOKEN"] });
  const withPolicy = b.ecrImage(run("with-policy"), uri("app"), { policy: LAMBDA_PULL });
  const without = b.ecrImage(run("no-policy"), uri("bare"), { policy: null });
  const other = b.ecrImage(run("shared"), uri("shared/base", OTHER), { policy: LAMBDA_PULL });
  b.ecrImage(run("gone"), uri("deleted"));
  b.fn({ region: R, name: "zip", runtime: "nodejs22.x", role });
  return { input: b.build(), withPolicy, without, other, gone: repoArn("deleted") };
}

describe("the scan's container image reads, at the local endpoint", () => {
  it("keeps only where each image comes from, and each repository's policy; PolicyNotFound as an answer without policyText", async () => {
    const { input, withPolicy, without, other, gone } = account();
    // Lambda's answer with a presigned code URL, as it gives .zip functions: a credential the snapshot must not keep.
    const ep = await serve(input, {
      faults: {
        rewrite: (x) => {
          if (x.operation !== "GetFunction") return undefined;
          const body = JSON.parse(x.answer.body) as { Code: Record<string, unknown> };
          body.Code.Location = "https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/x?X-Amz-Signature=s3cr3t-signature";
          return { body: JSON.stringify(body) };
        },
      },
    });
    const { snapshot, stats } = await scanAccount({ regions: [R] });
    const region = snapshot.regions[R]!;
    expect(region.GetFunction?.[fnArn("with-policy")]).toEqual(input.regions![R]!.GetFunction![fnArn("with-policy")]);
    // Only Code's image fields: no Configuration (the environment), no presigned Location.
    for (const answer of Object.values(region.GetFunction ?? {})) expect(Object.keys(answer as object)).toEqual(["Code"]);
    expect(JSON.stringify(snapshot)).not.toContain("s3cr3t-signature");
    expect(JSON.stringify(snapshot)).not.toContain("Location");
    expect(Object.keys(region.GetFunction ?? {}).sort()).toEqual(["gone", "no-policy", "shared", "with-policy"].map(fnArn).sort());
    expect(region.GetRepositoryPolicy?.[withPolicy]).toEqual({ registryId: A, repositoryName: "app", policyText: JSON.stringify(LAMBDA_PULL) });
    expect(region.GetRepositoryPolicy?.[without]).toEqual({ registryId: A, repositoryName: "bare" });
    expect(region.GetRepositoryPolicy?.[other]).toEqual({ registryId: OTHER, repositoryName: "shared/base", policyText: JSON.stringify(LAMBDA_PULL) });
    // A repository that does not exist is an error with ECR's code, which analysis reads as "gone".
    expect(snapshot.errors).toEqual([expect.objectContaining({ region: R, operation: "GetRepositoryPolicy", target: gone, code: "RepositoryNotFoundException" })]);
    // GetFunction for image functions only; GetRepositoryPolicy once per repository, signed for ECR in its region.
    expect(ep.countByOperation((c) => c.operation === "GetFunction" || c.service === "ecr")).toEqual({ GetFunction: 4, GetRepositoryPolicy: 4 });
    expect(ep.calls.filter((c) => c.service === "ecr").every((c) => c.region === R)).toBe(true);
    expect(stats.operations).toEqual(expect.arrayContaining(["GetFunction", "GetRepositoryPolicy"]));
  });

  it("asks GetFunction for the versions aliases route to, each keyed by its version ARN", async () => {
    const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-20T09:30:00Z" });
    const role = b.role({ name: "image-role" });
    const f = b.fn({ region: R, name: "versioned", runtime: "nodejs22.x", role, image: true });
    b.version(f, "1");
    b.alias(f, "live", "1");
    b.ecrImage(f, uri("app"), { policy: LAMBDA_PULL });
    b.ecrImage(`${f}:1`, uri("old-app"), { policy: null });
    await serve(b.build());
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([]);
    expect(Object.keys(snapshot.regions[R]!.GetFunction ?? {})).toEqual([f, `${f}:1`]);
    expect(Object.keys(snapshot.regions[R]!.GetRepositoryPolicy ?? {})).toEqual([repoArn("app"), repoArn("old-app")]);
  });

  it("records a denied GetFunction for the function, and asks for no repository it could not name", async () => {
    const { input, withPolicy } = account();
    const ep = await serve(input, { faults: { accessDenied: [{ operation: "GetFunction", target: fnArn("with-policy") }] } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ operation: "GetFunction", target: fnArn("with-policy"), code: "AccessDeniedException" })]),
    );
    expect(snapshot.regions[R]!.GetFunction?.[fnArn("with-policy")]).toBeUndefined();
    expect(ep.calls.some((c) => c.operation === "GetRepositoryPolicy" && c.target === withPolicy)).toBe(false);
  });

  it("records a denied repository policy read as an error naming the repository, never as 'no policy'", async () => {
    const { input, withPolicy, without } = account();
    await serve(input, { faults: { accessDenied: [{ operation: "GetRepositoryPolicy", target: withPolicy }] } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ region: R, operation: "GetRepositoryPolicy", target: withPolicy, code: "AccessDeniedException" })]),
    );
    expect(snapshot.regions[R]!.GetRepositoryPolicy?.[withPolicy]).toBeUndefined();
    expect(snapshot.regions[R]!.GetRepositoryPolicy?.[without]).toEqual({ registryId: A, repositoryName: "bare" });
  });

  it("retries ECR throttling, and records it when it does not stop", async () => {
    const { input, withPolicy } = account();
    const seen = new Map<string, number>();
    const ep = await serve(input, {
      faults: {
        rewrite: (x) => {
          if (x.service !== "ecr") return undefined;
          const n = (seen.get(String(x.target)) ?? 0) + 1;
          seen.set(String(x.target), n);
          if (x.target !== withPolicy && n > 1) return undefined;
          return { status: 400, body: JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }) };
        },
      },
    });
    const { snapshot } = await scanAccount({ regions: [R], maxAttempts: 2 });
    expect(snapshot.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ operation: "GetRepositoryPolicy", target: withPolicy, code: "ThrottlingException" })]),
    );
    expect(snapshot.regions[R]!.GetRepositoryPolicy?.[repoArn("bare")]).toEqual({ registryId: A, repositoryName: "bare" });
    expect(ep.calls.filter((c) => c.operation === "GetRepositoryPolicy" && c.target === withPolicy)).toHaveLength(2);
  });
});
