/**
 * An ECR repository's policy in `can` answers (role-access.ts, what-if.ts): the scan reads it for the repositories
 * functions' images are in, so an answer on that repository weighs it as a queue's policy is weighed — a statement
 * naming the role grants it within the account and is cited, a Deny there refuses what the role's policies allow, and a
 * policy the scan could not read leaves the answer open, never "allowed" — says the identity side only of a
 * repository the scan never read, and that one ECR said does not exist did not exist then.
 */
import { describe, expect, it } from "vitest";
import { ask } from "./what-if";
import { analyzeSnapshot } from "./analyze";
import { auditLists } from "./evidence-audit";
import { parseSnapshot } from "@/lib/snapshot/read";
import { IDENTITY_SIDE_ONLY, resourceSideOf } from "./resource-side";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

const OTHER = "210987654321";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role`;
const uri = (repo: string, registry = ACCOUNT) => `${registry}.dkr.ecr.${REGION}.amazonaws.com/${repo}:v1`;
const REPO = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app`;
const UNREAD_REPO = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/elsewhere`;
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const LAMBDA_PULL = { Sid: "LambdaECRImageRetrievalPolicy", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] };
const APP_PUSHES = { Sid: "AppPushes", Effect: "Allow", Principal: { AWS: ROLE }, Action: ["ecr:PutImage", "ecr:InitiateLayerUpload"] };

/** The builder of an image function whose role `own` statements allow, its repository's policy `policy`. */
function imagedBuilder(policy: object | string | null | undefined, own: object[] = [], edit?: (b: ReturnType<typeof newBuilder>) => void, registry = ACCOUNT) {
  const b = newBuilder();
  const role = b.role({ name: "app-role", inline: { app: doc({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }, ...own) as never } });
  const fn = b.fn({ region: REGION, name: "app", runtime: "python3.13", role, image: true });
  b.ecrImage(fn, uri("app", registry), { policy });
  edit?.(b);
  return b;
}

/** An image function whose role `own` statements allow, its repository's policy `policy` (null: none; undefined: not read). */
function imaged(policy: object | string | null | undefined, own: object[] = [], edit?: (b: ReturnType<typeof newBuilder>) => void, registry = ACCOUNT) {
  return modelOf(imagedBuilder(policy, own, edit, registry));
}

const can = (model: ReturnType<typeof modelOf>, action: string, resource = REPO) => ask(model, { principal: "app", action, resource });

describe("can the function's role act on its image's repository", () => {
  it("within the account, a repository policy statement naming the role allows it, cited; without one, denied", () => {
    const answer = can(imaged(doc(LAMBDA_PULL, APP_PUSHES)), "ecr:PutImage");
    expect(answer.decision).toBe("allowed");
    expect(answer.statements.some((s) => s.effect === "Allow" && s.policyKind === "resource" && s.sid === "AppPushes")).toBe(true);
    expect(answer.reasons.some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(false);
    expect(can(imaged(doc(LAMBDA_PULL)), "ecr:PutImage").decision).toBe("implicitly-denied");
  });

  it("a Deny of the repository policy refuses what the role's own policies allow, and is cited", () => {
    const noDeletes = { Sid: "NoDeletes", Effect: "Deny", Principal: "*", Action: "ecr:BatchDeleteImage" };
    const answer = can(imaged(doc(LAMBDA_PULL, noDeletes), [{ Effect: "Allow", Action: "ecr:*", Resource: "*" }]), "ecr:BatchDeleteImage");
    expect(answer.decision).toBe("explicitly-denied");
    expect(answer.statements.some((s) => s.effect === "Deny" && s.policyKind === "resource" && s.sid === "NoDeletes")).toBe(true);
    expect(answer.reasons.some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(false);
  });

  it("across accounts the repository policy alone does not allow: the role's own policies must too", () => {
    const repo = `arn:aws:ecr:${REGION}:${OTHER}:repository/app`;
    const grants = doc(LAMBDA_PULL, { ...APP_PUSHES, Sid: "PartnerPushes" });
    expect(can(imaged(grants, [], undefined, OTHER), "ecr:PutImage", repo).decision).toBe("implicitly-denied");
    expect(can(imaged(grants, [{ Effect: "Allow", Action: "ecr:PutImage", Resource: repo }], undefined, OTHER), "ecr:PutImage", repo).decision).toBe("allowed");
  });

  it("a repository policy the scan could not read: conditional, naming it, though the role's policies allow", () => {
    const refused = (b: ReturnType<typeof newBuilder>) =>
      b.error({ region: REGION, operation: "GetRepositoryPolicy", target: REPO, code: "AccessDeniedException", message: "denied" });
    const answer = can(imaged(undefined, [{ Effect: "Allow", Action: "ecr:PutImage", Resource: "*" }], refused), "ecr:PutImage");
    expect(answer.decision).toBe("conditional");
    expect(answer.reasons.join(" ")).toContain(`could not read the repository policy of ${REPO} (GetRepositoryPolicy failed: AccessDeniedException)`);
    const malformed = can(imaged("{not json", [{ Effect: "Allow", Action: "ecr:PutImage", Resource: "*" }]), "ecr:PutImage");
    expect(malformed.decision).toBe("conditional");
    expect(malformed.reasons.join(" ")).toContain(`could not read the repository policy of ${REPO}, which is malformed`);
  });

  it("a repository ECR said does not exist: decided without a policy of it, and the answer says it did not exist then", () => {
    const gone = (b: ReturnType<typeof newBuilder>) =>
      b.error({ region: REGION, operation: "GetRepositoryPolicy", target: REPO, code: "RepositoryNotFoundException", message: "The repository with name 'app' does not exist" });
    const said = `${REPO} did not exist when the snapshot was taken (GetRepositoryPolicy: RepositoryNotFoundException): a request on it fails, and one created since may have a repository policy the snapshot does not hold`;
    for (const [own, decision] of [[[], "implicitly-denied"], [[{ Effect: "Allow", Action: "ecr:PutImage", Resource: "*" }], "allowed"]] as const) {
      const answer = can(imaged(undefined, [...own], gone), "ecr:PutImage");
      expect(answer.decision).toBe(decision);
      expect(answer.reasons).toContain(said);
      expect(answer.reasons.join(" ")).not.toContain("could not read the repository policy");
    }
  });

  it("a repository the scan never read is the identity side only; one read without a policy is not", () => {
    const model = imaged(null, [{ Effect: "Allow", Action: "ecr:PutImage", Resource: "*" }]);
    const elsewhere = can(model, "ecr:PutImage", UNREAD_REPO);
    expect(elsewhere.decision).toBe("allowed");
    expect(elsewhere.reasons.some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(true);
    const own = can(model, "ecr:PutImage");
    expect(own.decision).toBe("allowed");
    expect(own.reasons.some((r) => r.startsWith(IDENTITY_SIDE_ONLY))).toBe(false);
    expect(resourceSideOf(REPO, "ecr:PutImage", ACCOUNT)).toBe("weighed");
  });
});

describe("the role's reach through its image's repository policy", () => {
  it("lists what a statement naming the role grants, cited as a statement the audit finds in the repository policy", () => {
    const snapshot = imagedBuilder(doc(LAMBDA_PULL, APP_PUSHES)).build();
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const ecr = report.functions[0]!.reaches.find((r) => r.service === "ecr")!;
    expect([ecr.resource, ecr.actions, ecr.via]).toEqual([REPO, ["ecr:InitiateLayerUpload", "ecr:PutImage"], [`repository policy of ${REPO}#AppPushes`]]);
    expect(auditLists(snapshot, report).problems).toEqual([]);
    ecr.via = [`repository policy of ${REPO}#NotThere`];
    expect(auditLists(snapshot, report).problems).toEqual([`app → ${REPO}: the repository policy of ${REPO} has no statement NotThere`]);
  });

  it("names a Deny of the repository policy where the role's reach is wider than the repository", () => {
    const noDeletes = { Sid: "NoDeletes", Effect: "Deny", Principal: "*", Action: "ecr:BatchDeleteImage" };
    const snapshot = imagedBuilder(doc(LAMBDA_PULL, noDeletes), [{ Effect: "Allow", Action: "ecr:BatchDeleteImage", Resource: "*" }]).build();
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const ecr = report.functions[0]!.reaches.find((r) => r.service === "ecr")!;
    expect([ecr.resource, ecr.partiallyDenied, ecr.deniedBy]).toEqual(["*", true, [`repository policy of ${REPO}#NoDeletes`]]);
    expect(auditLists(snapshot, report).problems).toEqual([]);
  });
});
