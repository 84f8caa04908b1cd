/**
 * The "Can do" filter asked about the ECR repository a function's image is in: the scan read its policy, so the rows
 * weigh it (reach-exact.ts) — a role the repository policy names is listed, citing the statement; one a Deny there
 * refuses is not; one whose repository policy could not be read is conditional on it — and none says the identity side
 * only.
 */
import { describe, expect, it } from "vitest";
import { allow, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { reachAnswersOf } from "./reach-filter";
import { exactAsker } from "./reach-exact";

const REPO = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const LAMBDA_PULL = { Sid: "LambdaECRImageRetrievalPolicy", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] };

/** An image function on REPO, a pusher the repository policy names, a cleaner whose role allows ecr:* everywhere. */
function world(repoPolicy: object | undefined) {
  const b = newBuilder();
  const fn = (name: string, p: ReturnType<typeof policy>, image = false) =>
    b.fn({ region: REGION, name, runtime: "python3.13", role: b.role({ name, trust: serviceTrust(), inline: { p } }), ...(image ? { image: true } : {}) });
  const app = fn("app", policy(allow("logs:PutLogEvents", "*")), true);
  fn("pusher", policy(allow("logs:PutLogEvents", "*")));
  fn("cleaner", policy(allow("ecr:*", "*")));
  b.ecrImage(app, `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:v1`, { policy: repoPolicy });
  if (!repoPolicy) b.error({ region: REGION, operation: "GetRepositoryPolicy", target: REPO, code: "AccessDeniedException", message: "denied" });
  const snapshot = parseSnapshot(b.build());
  return { report: analyzeSnapshot(snapshot), exact: exactAsker(buildAccountModel(snapshot)) };
}

async function answers(repoPolicy: object | undefined, action: string) {
  const { report, exact } = world(repoPolicy);
  const got = await reachAnswersOf(report, { action, resource: REPO }, async () => exact);
  return Object.fromEntries(report.functions.filter((f) => got.has(f.arn)).map((f) => [f.name, got.get(f.arn)!]));
}

const PUSHERS = { Sid: "Pushers", Effect: "Allow", Principal: { AWS: role("pusher") }, Action: ["ecr:PutImage", "ecr:InitiateLayerUpload"] };
const NO_DELETES = { Sid: "NoDeletes", Effect: "Deny", Principal: "*", Action: "ecr:BatchDeleteImage" };

describe("a Can do question on an image's repository", () => {
  it("lists a role the repository policy names, citing the statement, beside one its own policy lets in", async () => {
    const got = await answers(doc(LAMBDA_PULL, PUSHERS), "ecr:PutImage");
    expect(Object.keys(got).sort()).toEqual(["cleaner", "pusher"]);
    expect(got.pusher?.state).toBe("allowed");
    expect(got.pusher?.exact?.resourcePolicy).toEqual([`repository policy of ${REPO}#Pushers`]);
    expect(got.cleaner?.resourceSide).toBeUndefined();
  });

  it("leaves out a role the repository policy's Deny refuses, though its own policy allows ecr:*", async () => {
    expect(Object.keys(await answers(doc(LAMBDA_PULL, NO_DELETES), "ecr:BatchDeleteImage"))).toEqual([]);
  });

  it("a repository policy the scan could not read: conditional on it, never allowed", async () => {
    const got = await answers(undefined, "ecr:PutImage");
    expect(Object.keys(got)).toEqual(["cleaner"]);
    expect(got.cleaner?.state).toBe("conditional");
    expect(got.cleaner?.exact?.why).toContain(`could not read the repository policy of ${REPO} (GetRepositoryPolicy failed: AccessDeniedException)`);
    expect(got.cleaner?.resourceSide).toBeUndefined();
  });
});
