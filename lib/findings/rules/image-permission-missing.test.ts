import { describe, expect, it } from "vitest";
import { ACCOUNT, allFindingsOf, builder, findingsOf, oneFunction, REGION, remediationRoundTrip, testRuleCases, type RuleCase } from "../test-support";
import { newVersion } from "../republish";
import { imagePermissionMissing } from "./image-permission-missing";
import { remediationParts } from "@/lib/view/remediation-parts";
import { applyRemediation } from "../apply-remediation";

type B = ReturnType<typeof builder>;
const OTHER = "210987654321";
const PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];
const uri = (repo: string, registry = ACCOUNT) => `${registry}.dkr.ecr.${REGION}.amazonaws.com/${repo}:v1`;
const REPO = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app`;
const LAMBDA_ALLOW = { Sid: "LambdaECRImageRetrievalPolicy", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: PULL };
const PUSHERS = { Sid: "Pushers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, Action: ["ecr:PutImage", "ecr:BatchGetImage"] };
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });

/** One image function on `repo` of `registry`, the repository's policy `repoPolicy` (null: none; undefined: not read). */
function imaged(repoPolicy: object | string | null | undefined, opts: { registry?: string; edit?: (b: B) => void } = {}): () => B {
  return () => {
    const b = builder();
    const role = b.role({ name: "image-role" });
    const fn = b.fn({ region: REGION, name: "images", runtime: "python3.13", role, image: true });
    b.ecrImage(fn, uri("app", opts.registry), { policy: repoPolicy });
    opts.edit?.(b);
    return b;
  };
}

const CANNOT = "Lambda cannot pull images's image from ECR repository app";
const MAY_NOT = "Lambda may not be able to pull images's image from ECR repository app";

const cases: RuleCase[] = [
  { name: "the repository policy lets Lambda pull (the statement Lambda writes itself)", build: imaged(doc(LAMBDA_ALLOW, PUSHERS)), titles: [] },
  { name: "ecr:* for the Lambda service lets it pull", build: imaged(doc({ ...LAMBDA_ALLOW, Action: "ecr:*" })), titles: [] },
  { name: "no repository policy: nothing lets Lambda in", build: imaged(null), titles: [CANNOT], severities: ["high"] },
  { name: "a policy edited later without Lambda's statement", build: imaged(doc(PUSHERS)), titles: [CANNOT], severities: ["high"] },
  { name: "Lambda allowed one action only", build: imaged(doc({ ...LAMBDA_ALLOW, Action: "ecr:BatchGetImage" })), titles: [CANNOT] },
  {
    name: "a Deny of the repository policy wins over Lambda's Allow",
    build: imaged(doc(LAMBDA_ALLOW, { Sid: "NoPulls", Effect: "Deny", Principal: "*", Action: "ecr:GetDownloadUrlForLayer" })),
    titles: [CANNOT],
  },
  {
    name: "a Deny for people only (aws:PrincipalIsAWSService false) leaves Lambda in",
    build: imaged(doc(LAMBDA_ALLOW, { Sid: "PeopleOnlyFromVpc", Effect: "Deny", Principal: "*", Action: "ecr:*", Condition: { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } })),
    titles: [],
  },
  {
    name: "Lambda's statement conditioned on this account's functions (aws:SourceArn) lets it pull",
    build: imaged(doc({ ...LAMBDA_ALLOW, Condition: { StringLike: { "aws:sourceARN": `arn:aws:lambda:${REGION}:${ACCOUNT}:function:*` } } })),
    titles: [],
  },
  {
    name: "Lambda's statement conditioned on another account's functions does not",
    build: imaged(doc({ ...LAMBDA_ALLOW, Condition: { StringLike: { "aws:sourceARN": `arn:aws:lambda:${REGION}:${OTHER}:function:*` } } })),
    titles: [CANNOT],
  },
  {
    name: "Lambda's statement conditioned on aws:PrincipalOrgID never lets it in: a service's request carries no organization",
    build: imaged(doc({ ...LAMBDA_ALLOW, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })),
    titles: [CANNOT],
    severities: ["high"],
  },
  {
    name: "a condition on a key Lambda's request does not settle (the VPC) is conditional: may",
    build: imaged(doc({ ...LAMBDA_ALLOW, Condition: { StringEquals: { "aws:SourceVpc": "vpc-0feed" } } })),
    titles: [MAY_NOT],
    severities: ["medium"],
  },
  {
    name: "another account's repository that grants Lambda and this account",
    build: imaged(
      doc(
        { ...LAMBDA_ALLOW, Condition: { StringLike: { "aws:sourceARN": `arn:aws:lambda:${REGION}:${ACCOUNT}:function:*` } } },
        { Sid: "CrossAccountPermission", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: PULL },
      ),
      { registry: OTHER },
    ),
    titles: [],
  },
  { name: "another account's repository that grants Lambda but not this account", build: imaged(doc(LAMBDA_ALLOW), { registry: OTHER }), titles: [CANNOT] },
  {
    name: "a .zip function needs no repository",
    build: () => oneFunction("plain", { runtime: "python3.13" }).b,
    titles: [],
  },
];

describe("image-permission-missing", () => {
  testRuleCases(imagePermissionMissing, cases);

  it("cites the image and the repository policy, and sets the whole policy back with Lambda's statement added (round trip)", () => {
    const [f] = findingsOf(imagePermissionMissing, imaged(doc(PUSHERS))());
    expect(f!.evidence[0]!.document).toEqual({ PackageType: "Image" });
    expect(f!.evidence[1]!.document).toMatchObject({ Code: { ImageUri: uri("app") } });
    expect(f!.evidence[2]!.source).toMatchObject({ resourceArn: REPO, operation: "GetRepositoryPolicy" });
    expect(f!.remediation).toContain(`aws ecr set-repository-policy --registry-id ${ACCOUNT} --repository-name app --region ${REGION} --policy-text file://repository-policy.json`);
    // The existing statement is kept: set-repository-policy replaces the whole document.
    expect(f!.remediation).toContain('"Sid": "Pushers"');
    expect(f!.remediation).toContain('"Sid": "LambdaECRImageRetrievalPolicy"');
  });

  it("shows only where the image comes from, never a presigned code URL another tool kept", () => {
    const findings = findingsOf(imagePermissionMissing, imaged(null)(), (s) => {
      for (const a of Object.values(s.regions![REGION]!.GetFunction as Record<string, { Code: Record<string, unknown> }>)) a.Code.Location = "https://x/?X-Amz-Signature=s3cr3t";
    });
    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toContain("s3cr3t");
  });

  it("for another account's repository adds this account and Lambda conditioned on this account's functions", () => {
    const [f] = findingsOf(imagePermissionMissing, imaged(null, { registry: OTHER })());
    expect(f!.detail).toContain(`another account's (${OTHER})`);
    expect(f!.remediation).toContain(`"aws:sourceARN": "arn:aws:lambda:${REGION}:${ACCOUNT}:function:*"`);
    expect(f!.remediation).toContain(`"AWS": "arn:aws:iam::${ACCOUNT}:root"`);
    expect(f!.remediation).toContain(`with credentials of account ${OTHER}`);
  });

  it("names the Deny to narrow instead of adding an Allow that changes nothing", () => {
    const [f] = findingsOf(imagePermissionMissing, imaged(doc(LAMBDA_ALLOW, { Sid: "NoPulls", Effect: "Deny", Principal: "*", Action: "ecr:*" }))());
    expect(f!.remediation).toContain('A Deny of the repository\'s policy ("NoPulls")');
    expect(f!.remediation).not.toContain("--policy-text file://");
    expect(f!.evidence.some((e) => e.kind === "resource-statement" && e.source?.sid === "NoPulls")).toBe(true);
  });

  it("says the repository is gone when ECR answered RepositoryNotFoundException", () => {
    const b = imaged(undefined)();
    b.error({ operation: "GetRepositoryPolicy", target: REPO, code: "RepositoryNotFoundException", message: "The repository with name 'app' does not exist" });
    const [f] = findingsOf(imagePermissionMissing, b);
    expect(f!.title).toBe("The ECR repository of images's image, app, no longer exists");
    expect(f!.remediation).toContain("--image-uri '<image URI>'");
    // A command of its own (its own copy button), sent to the function's region: Lambda answers only there.
    const commands = remediationParts(f!.remediation).filter((p) => p.kind === "command").map((p) => p.text);
    expect(commands).toEqual([`aws lambda update-function-code --function-name ${b.functionArn(REGION, "images")} --region ${REGION} --image-uri '<image URI>'`]);
  });

  it.each([
    ["the function", []],
    ["the function and the version its alias routes to", ["3"]],
    // One publish per version, each answering its own number: each alias must end on its own version's new one.
    ["the function and the two versions two aliases route to", ["3", "4"]],
  ])("its fix, deploying an image from a repository that exists, clears it for %s", (_, versions) => {
    const b = imaged(undefined)();
    const fn = b.functionArn(REGION, "images");
    for (const version of versions) {
      b.version(fn, version);
      b.alias(fn, `live${version}`, version);
      b.ecrImage(`${fn}:${version}`, uri("app"));
    }
    b.error({ operation: "GetRepositoryPolicy", target: REPO, code: "RepositoryNotFoundException", message: "The repository with name 'app' does not exist" });
    // The repository the image is pushed to instead, which lets Lambda pull (another function already runs from it).
    const other = b.fn({ region: REGION, name: "other", runtime: "python3.13", role: b.role({ name: "other-role" }), image: true });
    b.ecrImage(other, uri("app-new"), { policy: doc(LAMBDA_ALLOW) });
    const snapshot = b.build();
    // Which image to deploy only the user knows: without one the round trip says the fix is not checked.
    expect(remediationRoundTrip(snapshot).unchecked).toEqual([expect.stringMatching(/: placeholder in aws lambda update-function-code /)]);
    // Lambda numbers the new versions on from the highest (4 for 3; 5 and 6 for 3 and 4, in the fix's order).
    const answered = Object.fromEntries(versions.map((v, i) => [newVersion(v), String(Number(versions.at(-1)) + 1 + i)]));
    const { left, added, applied } = remediationRoundTrip(snapshot, false, { "<image URI>": uri("app-new"), ...answered });
    expect(left).toEqual([]);
    expect(added).toEqual([]);
    expect(applied["image-permission-missing"]).toBe(1);
    // Each alias ends on the version published in place of its own.
    const copy = structuredClone(snapshot);
    const [f] = findingsOf(imagePermissionMissing, b);
    expect(applyRemediation(copy, f!.remediation, { "<image URI>": uri("app-new"), ...answered })).toHaveProperty("applied");
    const aliases = copy.regions![REGION]!.ListAliases?.[fn]?.Aliases ?? [];
    expect(Object.fromEntries(aliases.map((a) => [a.Name, a.FunctionVersion]))).toEqual(Object.fromEntries(versions.map((v) => [`live${v}`, answered[newVersion(v)]])));
  });

  it("judges a routed-to version by the image it was published with", () => {
    const b = imaged(doc(LAMBDA_ALLOW))();
    const fn = b.functionArn(REGION, "images");
    b.version(fn, "3");
    b.alias(fn, "live", "3");
    b.ecrImage(`${fn}:3`, uri("old-app"), { policy: null });
    const findings = findingsOf(imagePermissionMissing, b);
    expect(findings.map((f) => f.title)).toEqual(["Lambda cannot pull images's image from ECR repository old-app"]);
    expect(findings[0]!.detail).toContain("version 3 of images runs");
  });
});

describe("image-permission-missing on data it could not see", () => {
  it("a refused repository policy read is unknown: no verdict, and data-unavailable names the rule", () => {
    const b = imaged(undefined)();
    b.error({ operation: "GetRepositoryPolicy", target: REPO, code: "AccessDeniedException", message: "denied" });
    const { model, findings } = allFindingsOf(b);
    expect(findings.filter((f) => f.rule === "image-permission-missing")).toEqual([]);
    const gap = findings.find((f) => f.rule === "data-unavailable");
    expect(gap?.detail).toContain("image-permission-missing");
    expect(gap?.remediation).toContain("ecr:GetRepositoryPolicy");
    expect(model.functions[0]!.unknownOps.has("GetRepositoryPolicy")).toBe(true);
  });

  it("a malformed repository policy is unknown, never 'no policy'", () => {
    const { findings } = allFindingsOf(imaged("{not json")());
    expect(findings.filter((f) => f.rule === "image-permission-missing")).toEqual([]);
    expect(findings.find((f) => f.rule === "data-unavailable")?.detail).toContain("image-permission-missing");
  });

  it("an image URI that names no ECR repository is unknown, marked as a malformed answer", () => {
    const { model, findings } = allFindingsOf(imaged(null)(), (s) => {
      const answers = s.regions![REGION]!.GetFunction as Record<string, { Code: Record<string, unknown> }>;
      for (const a of Object.values(answers)) a.Code = { RepositoryType: "ECR", ImageUri: "docker.io/library/app:v1" };
    });
    expect(findings.filter((f) => f.rule === "image-permission-missing")).toEqual([]);
    expect(model.functions[0]!.unavailable).toEqual([expect.objectContaining({ operation: "GetFunction", code: "MalformedResponse" })]);
  });

  it("GetFunction refused for every image function: one account-level note naming lambda:GetFunction, not a finding per function", () => {
    const b = imaged(null)();
    const fns = ["images", "images-2", "images-3"].map((name, i) =>
      i === 0 ? b.functionArn(REGION, name) : b.fn({ region: REGION, name, runtime: "python3.13", role: b.role({ name: `r${i}` }), image: true }),
    );
    for (const fn of fns) b.error({ operation: "GetFunction", target: fn, code: "AccessDeniedException", message: `User: x is not authorized to perform: lambda:GetFunction on resource: ${fn}` });
    const { findings } = allFindingsOf(b, (s) => {
      delete s.regions![REGION]!.GetFunction;
      delete s.regions![REGION]!.GetRepositoryPolicy;
    });
    expect(findings.filter((f) => f.rule === "image-permission-missing")).toEqual([]);
    const gaps = findings.filter((f) => f.rule === "data-unavailable");
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.functions).toEqual([...fns].sort());
    expect(gaps[0]!.detail).toContain("image-permission-missing gave no verdict");
    expect(gaps[0]!.remediation).toContain("lambda:GetFunction");
  });

  it("a snapshot with no image reads at all says once that images were not judged", () => {
    const { model, findings } = allFindingsOf(imaged(null)(), (s) => {
      delete s.regions![REGION]!.GetFunction;
      delete s.regions![REGION]!.GetRepositoryPolicy;
    });
    expect(findings.filter((f) => f.rule === "image-permission-missing")).toEqual([]);
    expect(model.problems.filter((p) => p.where === "Container images")).toHaveLength(1);
  });
});

describe("image-permission-missing: what a conditional pull turns on", () => {
  it("names a value AWS may read otherwise, never 'unknown keys'", () => {
    // Lambda's request carries this account; "1.23456789012e11" is it as a number in a form AWS does not document.
    const [f] = findingsOf(imagePermissionMissing, imaged(doc({ ...LAMBDA_ALLOW, Condition: { NumericEquals: { "aws:SourceAccount": "1.23456789012e11" } } }))());
    expect(f!.title).toBe(MAY_NOT);
    expect(f!.detail).toContain('a condition the snapshot cannot judge (how AWS reads aws:SourceAccount "1.23456789012e11")');
    expect(f!.detail).not.toContain("unknown keys");
  });
});
