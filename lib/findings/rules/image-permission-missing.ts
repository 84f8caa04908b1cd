/**
 * image-permission-missing: a container-image function's ECR repository does not let Lambda pull its image
 * (lambda-permissions.md §2 Container image, images-create.html "Amazon ECR permissions"). The execution role needs
 * nothing; the repository policy must allow lambda.amazonaws.com ecr:BatchGetImage and ecr:GetDownloadUrlForLayer,
 * and for another account's repository also the function's account. Lambda writes the same-account statement itself
 * when the function is created; a policy edited later breaks the function the next time Lambda pulls (state code
 * ImageAccessDenied). One evaluation of the repository policy as a resource policy for the requests Lambda makes. A
 * repository that no longer exists is reported too (ImageDeleted). Unread images and policies are data-unavailable's,
 * never "fine"; a refused GetFunction is said once for the account. Where the policy lets Lambda in, the
 * organization's RCPs are asked next (ECR is an RCP service since June 2025, lib/analysis/organization.ts): they limit
 * Lambda's pull from the account's own repository as they limit its sts:AssumeRole (execution-role-trust), so a
 * perimeter without the service exemption is reported apart, citing the RCP statement, with the organization's fix.
 */
import type { AccountModel, FunctionModel } from "@/lib/analysis/account-model";
import type { Evidence } from "@/lib/analysis/types";
import type { ImageRepository } from "@/lib/analysis/images-used";
import { functionImage, imageDeployments } from "@/lib/analysis/images";
import { SERVICE_KNOWN_ABSENT } from "@/lib/policy/intended-context";
import { evaluate, evaluateResourcePolicy } from "@/lib/policy/evaluate";
import { guardrailsOver } from "@/lib/analysis/organization";
import type { Decision, EvaluationRequest, EvaluationResult, PolicyDocument, StatementMatch } from "@/lib/policy/types";
import { apiErrorEvidence, configEvidence, dedupe, dependsOnWhat, resultEvidence } from "../evidence";
import { functionsWithData } from "../data-needs";
import { functionFinding } from "../function-finding";
import { cliFlag, functionArgs, shellArg } from "../remediation";
import { republishCommands } from "../republish";
import type { Rule, RuleContext, RuleFinding } from "../types";
import { rcpServiceRemediation } from "../rcp-service-remedy";

const PULL_ACTIONS = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] as const;
const LAMBDA = "lambda.amazonaws.com";

/** Worst first: one refused request is enough to stop the pull. */
const ORDER: readonly Decision[] = ["explicitly-denied", "implicitly-denied", "conditional", "allowed"];

/**
 * What ECR knows of Lambda's pull (reference_policies_condition-keys.html): a service principal acting for the
 * function sends aws:SourceArn (the function) and aws:SourceAccount, and is an AWS service. The keys a service's
 * request never carries (SERVICE_KNOWN_ABSENT, aws:PrincipalOrgID among them) are absent, so an RCP perimeter on them
 * is decided; other keys stay unknown, so a statement testing them is conditional. For another account's repository
 * the function's account is asked too.
 */
function pullRequests(fn: FunctionModel, repo: ImageRepository, partition: string): EvaluationRequest[] {
  const service = {
    values: { "aws:sourcearn": fn.arn, "aws:sourceaccount": fn.account, "aws:principalisawsservice": "true", "aws:principalservicename": LAMBDA },
    complete: false,
    knownAbsent: SERVICE_KNOWN_ABSENT,
  };
  const requests: EvaluationRequest[] = PULL_ACTIONS.map((action) => ({ principal: { type: "service", id: LAMBDA }, action, resource: repo.arn, context: service }));
  if (repo.registryId === fn.account) return requests;
  const account = { type: "account" as const, id: `arn:${partition}:iam::${fn.account}:root`, account: fn.account };
  return [...requests, ...PULL_ACTIONS.map((action) => ({ principal: account, action, resource: repo.arn, context: { values: { "aws:principalaccount": fn.account }, complete: false } }))];
}

interface Pull {
  decision: Decision;
  results: { request: EvaluationRequest; result: EvaluationResult }[];
}

function evaluatePull(policy: PolicyDocument | undefined, requests: EvaluationRequest[]): Pull {
  if (!policy) return { decision: "implicitly-denied", results: [] };
  return worstOf(requests.map((request) => ({ request, result: evaluateResourcePolicy(policy, request) })));
}

function worstOf(results: Pull["results"]): Pull {
  return { decision: ORDER.find((d) => results.some((r) => r.result.decision === d)) ?? "allowed", results };
}

/**
 * The pull the repository policy allows, within the RCPs of the repository's account where they limit it (the
 * account's own repository: guardrailsOver; Lambda has no identity policies, so no SCP applies). Allowed when none do.
 */
function pullWithinRcps(model: AccountModel, policy: PolicyDocument, requests: EvaluationRequest[]): Pull {
  const results: Pull["results"] = [];
  for (const request of requests) {
    const rcps = guardrailsOver(model.organization, model.account, request.principal.id, undefined, request.action, request.resource);
    if (rcps) results.push({ request, result: evaluate({ identity: [], resource: policy, guardrails: rcps }, request) });
  }
  return worstOf(results);
}

function denyLabel(m: StatementMatch): string {
  return m.sid ? `"${m.sid}"` : `#${m.statementIndex}`;
}

/** The statements Lambda's pull needs, those the policy does not already allow (an account grant may be there). */
function addedStatements(fn: FunctionModel, repo: ImageRepository, partition: string, pull: Pull, taken: Set<unknown>): Record<string, unknown>[] {
  const sid = (base: string) => {
    let s = base;
    for (let n = 2; taken.has(s); n++) s = `${base}${n}`;
    taken.add(s);
    return s;
  };
  const refused = (type: string) => pull.results.length === 0 || pull.results.some((r) => r.request.principal.type === type && r.result.decision !== "allowed");
  const out: Record<string, unknown>[] = [];
  const cross = repo.registryId !== fn.account;
  if (refused("service")) {
    out.push({
      Sid: sid("LambdaECRImageRetrievalPolicy"),
      Effect: "Allow",
      Principal: { Service: LAMBDA },
      Action: [...PULL_ACTIONS],
      // As Lambda's guide writes it for another account's repository: only that account's functions.
      ...(cross ? { Condition: { StringLike: { "aws:sourceARN": `arn:${partition}:lambda:${repo.region}:${fn.account}:function:*` } } } : {}),
    });
  }
  if (cross && refused("account")) {
    out.push({ Sid: sid("CrossAccountPermission"), Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${fn.account}:root` }, Action: [...PULL_ACTIONS] });
  }
  return out;
}

function remediation(fn: FunctionModel, repo: ImageRepository, partition: string, policy: PolicyDocument | undefined, pull: Pull): string {
  const denies = [...new Set(pull.results.flatMap((r) => (r.result.decision === "explicitly-denied" ? r.result.statements.filter((m) => m.effect === "Deny").map(denyLabel) : [])))];
  if (denies.length > 0) {
    return (
      `A Deny of the repository's policy (${denies.join(", ")}) refuses Lambda's pull: an Allow does not override it. Narrow the Deny so Lambda's requests for ${fn.name} are not refused ` +
      `(a Deny meant for people can exempt AWS services with "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}), then set the edited document with aws ecr set-repository-policy.`
    );
  }
  const raw = (typeof policy?.raw === "object" && policy.raw !== null ? policy.raw : {}) as { Statement?: unknown };
  const statements = Array.isArray(raw.Statement) ? raw.Statement : raw.Statement !== undefined ? [raw.Statement] : [];
  const taken = new Set(statements.map((st) => (st as { Sid?: unknown })?.Sid));
  const document = { ...raw, Version: (raw as { Version?: unknown }).Version ?? "2012-10-17", Statement: [...statements, ...addedStatements(fn, repo, partition, pull, taken)] };
  const owner = repo.registryId !== fn.account ? ` with credentials of account ${repo.registryId}, which owns the repository` : "";
  return (
    `Let Lambda pull from the repository, keeping the statements there are (set-repository-policy replaces the whole policy). Save this as repository-policy.json:\n` +
    `${JSON.stringify(document, null, 2)}\n` +
    `Then set it${owner}:\n` +
    `aws ecr set-repository-policy --registry-id ${repo.registryId} --repository-name ${shellArg(repo.repositoryName)} --region ${repo.region} --policy-text file://repository-policy.json`
  );
}

function policyEvidence(repo: ImageRepository, policy: PolicyDocument | undefined, pull: Pull): Evidence[] {
  if (!policy) {
    return [
      {
        kind: "configuration",
        description: `Repository ${repo.repositoryName} of registry ${repo.registryId} has no repository policy (GetRepositoryPolicy: RepositoryPolicyNotFoundException)`,
        source: { resourceArn: repo.arn, operation: "GetRepositoryPolicy" },
        document: { registryId: repo.registryId, repositoryName: repo.repositoryName },
        highlight: ["repositoryName"],
      },
    ];
  }
  const deciding = pull.results.filter((r) => r.result.decision !== "allowed").flatMap((r) => resultEvidence(r.result));
  return [
    {
      kind: "configuration",
      description: `Repository policy of ${repo.arn} (GetRepositoryPolicy)`,
      source: { resourceArn: repo.arn, operation: "GetRepositoryPolicy" },
      document: policy.raw,
      highlight: [LAMBDA, ...PULL_ACTIONS],
    },
    ...deciding,
  ];
}

/** What the function (and which routed-to versions) run from the repository, for titles and details. */
function runners(fn: FunctionModel, versions: (string | undefined)[]): string {
  const named = versions.map((v) => (v ? `version ${v}` : "the function ($LATEST)"));
  return named.length > 1 ? `${named.slice(0, -1).join(", ")} and ${named.at(-1)}` : (named[0] ?? fn.name);
}

function check(ctx: RuleContext, rule: Rule): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const partition = ctx.model.partition;
  for (const fn of functionsWithData(ctx.model.functions, rule.needs)) {
    // One finding per repository: versions published from the same repository share its verdict.
    const byRepo = new Map<string, { versions: (string | undefined)[]; evidence: Evidence[]; image: Extract<ReturnType<typeof functionImage>, { kind: "read" }> }>();
    for (const d of imageDeployments(fn)) {
      const image = functionImage(ctx.model.images, d.key, partition);
      // Unknown images make the function's data unknown (account-model.ts), or are said once (a refused GetFunction).
      if (image.kind !== "read") continue;
      const entry = byRepo.get(image.repository.arn) ?? { versions: [], evidence: [], image };
      entry.versions.push(d.version);
      const excerpt = configEvidence(d.key, `Image of ${d.version ? `version ${d.version}` : fn.name} (GetFunction)`, { Code: image.code }, ["ImageUri"]);
      // Named by its call: the configuration excerpt of the same function (PackageType) is other evidence.
      entry.evidence.push({ ...excerpt, source: { ...excerpt.source, operation: "GetFunction" } });
      byRepo.set(image.repository.arn, entry);
    }
    for (const { versions, evidence, image } of byRepo.values()) {
      const repo = image.repository;
      const who = runners(fn, versions);
      const base = [configEvidence(fn.arn, `${fn.name} is a container-image function`, { PackageType: "Image" }, ["PackageType"]), ...evidence];
      if (image.gone) {
        const published = versions.filter((v): v is string => v !== undefined);
        const republished = published.map((v) => ({ version: v, ...republishCommands(fn, v) }));
        findings.push(
          functionFinding({
            rule: rule.id,
            severity: "high",
            fn,
            discriminator: `gone:${repo.arn}`,
            title: `The ECR repository of ${fn.name}'s image, ${repo.repositoryName}, no longer exists`,
            detail: `${who} of ${fn.name} run${versions.length > 1 ? "" : "s"} an image from ECR repository ${repo.arn}, which ECR says does not exist (GetRepositoryPolicy: RepositoryNotFoundException). The next time Lambda must pull the image (a cold start after the cached copy expires, an update) it cannot, and the function fails with ImageDeleted.`,
            evidence: [...base, apiErrorEvidence({ operation: image.gone.operation, target: image.gone.target ?? undefined, code: image.gone.code ?? undefined, message: image.gone.message ?? undefined, region: image.gone.region ?? undefined })],
            remediation:
              `Push the image to a repository that exists (recreate ${repo.repositoryName} or choose another), then deploy it:\naws lambda update-function-code${functionArgs(fn.arn)}${cliFlag("--image-uri", "<image URI>")}` +
              // A published version keeps the image it was published with: deploying changes $LATEST alone.
              republished.map((r) => `\nVersion ${r.version} keeps the image it was published with: publish the deployed one and move what routes to ${r.version} to it:\n${r.text}`).join(""),
            fixesFirst: republished.flatMap((r) => r.fixesFirst),
          }),
        );
        continue;
      }
      const requests = pullRequests(fn, repo, partition);
      const own = evaluatePull(image.policy, requests);
      // The RCPs only where the repository policy lets Lambda in: its own refusal is said with its own fix first.
      const pull = own.decision === "allowed" && image.policy ? pullWithinRcps(ctx.model, image.policy, requests) : own;
      if (pull.decision === "allowed") continue;
      const byRcp = pull !== own;
      const maybe = pull.decision === "conditional";
      const dependsOn = maybe ? dependsOnWhat(pull.results.map((r) => r.result)) : "";
      const cross = repo.registryId !== fn.account;
      const why = byRcp
        ? `the repository policy lets Lambda in, but the organization's RCPs ${maybe ? `may refuse it (depending on ${dependsOn})` : "refuse it"}: ` +
          "they limit every request on the account's repositories, an AWS service's too"
        : !image.policy
        ? "the repository has no policy, so nothing lets lambda.amazonaws.com in"
        : pull.decision === "explicitly-denied"
          ? "a Deny of the repository policy refuses Lambda"
          : maybe
            ? `the repository policy lets Lambda in only under a condition the snapshot cannot judge (${dependsOn})`
            : `the repository policy does not allow lambda.amazonaws.com ${PULL_ACTIONS.join(" and ")}${cross ? ` for account ${fn.account}'s functions, and account ${fn.account} itself` : ""}`;
      findings.push(
        functionFinding({
          rule: rule.id,
          severity: maybe ? "medium" : "high",
          fn,
          discriminator: byRcp ? `rcp:${repo.arn}` : repo.arn,
          conditional: maybe,
          title:
            `Lambda ${maybe ? "may not be able to" : "cannot"} pull ${fn.name}'s image from ECR repository ${repo.repositoryName}` +
            (byRcp ? `: the organization's RCPs ${maybe ? "may refuse" : "refuse"} it` : ""),
          detail:
            `${who} of ${fn.name} run${versions.length > 1 ? "" : "s"} an image from ${cross ? `another account's (${repo.registryId}) ` : ""}ECR repository ${repo.arn}: ${why}. ` +
            "Lambda pulls with ecr:BatchGetImage and ecr:GetDownloadUrlForLayer as lambda.amazonaws.com (the execution role plays no part). It keeps a cached copy, so the function may still run today; " +
            "the next time Lambda must pull (a cold start after the cache expires, an update, a new version) the function fails with ImageAccessDenied and cannot start.",
          evidence: dedupe([...base, ...policyEvidence(repo, image.policy, pull)]),
          remediation: byRcp
            ? rcpServiceRemediation(pull.results.map((r) => r.result), "Lambda pulling a function's container image", PULL_ACTIONS.join(" and "))
            : remediation(fn, repo, partition, image.policy, pull),
        }),
      );
    }
  }
  return findings;
}

export const imagePermissionMissing: Rule = {
  id: "image-permission-missing",
  title: "Cannot pull the container image",
  severity: "high",
  needs: ["GetRepositoryPolicy"],
  description:
    "A container-image function's ECR repository policy does not let lambda.amazonaws.com ecr:BatchGetImage and ecr:GetDownloadUrlForLayer (for another account's repository, also the function's account), or denies it, or the repository no longer exists: the function cannot start the next time Lambda pulls the image.",
  check(ctx) {
    return check(ctx, this);
  },
};
