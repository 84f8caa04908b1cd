/**
 * execution-role-trust: the role's trust policy does not let lambda.amazonaws.com assume it for the function
 * (evaluated with the function as aws:SourceArn and its account as aws:SourceAccount), or also lets other
 * principals assume it. `edgelambda.amazonaws.com` (Lambda@Edge) is expected, not reported. A web-identity
 * provider that lets in every tenant (any repository's workflows, any identity pool) is reported apart and higher
 * (lib/findings/open-web-identity.ts).
 */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { RoleModel } from "@/lib/analysis/role-model";
import { assumeRequest, rcpDenials, trustGrants, type GrantModel } from "@/lib/analysis/role-assumers";
import { conditionSummary, isPublicGrant } from "@/lib/analysis/invokers";
import type { Evidence, Finding, Severity } from "@/lib/analysis/types";
import { isLambdaService } from "@/lib/policy/lambda-service";
import { evaluate, evaluateResourcePolicy, resourcePolicyDecision } from "@/lib/policy/evaluate";
import { guardrailsOver } from "@/lib/analysis/organization";
import type { AccountModel } from "@/lib/analysis/account-model";
import type { EvaluationResult, PolicyDocument, RequestPrincipal, Statement, StatementMatch } from "@/lib/policy/types";
import { dedupe, dependsOnWhat, resultEvidence, statementEvidence, whereIs } from "../evidence";
import { functionNames, roleFinding, rolesInUse } from "../role-findings";
import type { Rule } from "../types";
import { actionMatches } from "@/lib/policy/wildcard";
import { narrowingRemediation, type OpenWebIdentity } from "../open-web-identity";
import { titleWithList } from "../headline";
import { setDiscriminator } from "../finding-id";
import { shellArg } from "../remediation";
import { parsePolicyDocument } from "@/lib/policy/parse";
import { parseArn } from "@/lib/analysis/arn";
import { trustPolicyQuotaNote } from "../policy-size";
import { rcpServiceRemediation } from "../rcp-service-remedy";
import { ANOTHER_TURN } from "@/lib/steps";
import { ROLES_PER_TURN } from "../rule-turns";

const LAMBDA: RequestPrincipal = { type: "service", id: "lambda.amazonaws.com" };

/** Lambda assuming the role for the function: the function as aws:SourceArn, its account as aws:SourceAccount. */
function lambdaAssumes(role: RoleModel, fn: FunctionModel) {
  return assumeRequest(role, LAMBDA, "sts:AssumeRole", { "aws:sourceaccount": fn.account, "aws:sourcearn": fn.arn });
}

/** How a fix names a Deny statement of the trust policy: its Sid in quotes, or its index. */
function denyLabel(m: StatementMatch): string {
  return m.sid ? `"${m.sid}"` : `#${m.statementIndex}`;
}

function lambdaCannotAssume(trust: PolicyDocument, role: RoleModel, functions: FunctionModel[]) {
  const failing: { fn: FunctionModel; result: EvaluationResult }[] = [];
  for (const fn of functions) {
    const request = lambdaAssumes(role, fn);
    // Nearly every trust policy lets Lambda in: the evidence is written only for one that does not.
    if (resourcePolicyDecision(trust, request) === "allowed") continue;
    failing.push({ fn, result: evaluateResourcePolicy(trust, request) });
  }
  return failing;
}

/**
 * The functions whose role the trust policy lets Lambda assume but the organization's RCPs do not: RCPs limit
 * sts:AssumeRole on the account's roles for every caller, Lambda's own request included, so an RCP Deny keyed on
 * aws:PrincipalOrgID without the service exemption (aws:PrincipalIsAWSService) stops every function on the role.
 */
function rcpRefusesLambda(model: AccountModel, trust: PolicyDocument, role: RoleModel, functions: FunctionModel[]) {
  const rcps = guardrailsOver(model.organization, model.account, LAMBDA.id, undefined, "sts:AssumeRole", role.arn);
  if (!rcps) return [];
  const refused: { fn: FunctionModel; result: EvaluationResult }[] = [];
  for (const fn of functions) {
    const request = lambdaAssumes(role, fn);
    if (resourcePolicyDecision(trust, request) !== "allowed") continue; // the trust policy's own finding says it
    const result = evaluate({ identity: [], resource: trust, guardrails: rcps }, request);
    if (result.decision !== "allowed") refused.push({ fn, result });
  }
  return refused;
}

/** What one "Lambda cannot assume" finding says of the policy that refuses it: the trust policy, or the RCPs. */
interface RefusedBy {
  discriminator: string;
  /** Appended to the title ("Lambda cannot assume role r…"). */
  title: (maybe: boolean) => string;
  /** The detail's opening, naming the functions; the evaluator's reasons follow it. */
  why: (maybe: boolean, functions: string) => string;
  /** Evidence before each answer's statements. */
  evidence: Evidence[];
  remediation: string;
}

/** "may" (low) when every answer is conditional; the evaluator's reasons for the first function as the detail. */
function lambdaRefusedFinding(rule: string, role: RoleModel, refused: { fn: FunctionModel; result: EvaluationResult }[], by: RefusedBy): Finding {
  const maybe = refused.every((f) => f.result.decision === "conditional");
  const fns = refused.map((f) => f.fn);
  return roleFinding({
    rule,
    severity: maybe ? "low" : "medium",
    role,
    functions: fns,
    discriminator: by.discriminator,
    conditional: maybe,
    title: `Lambda ${maybe ? "may not be able to" : "cannot"} assume role ${role.name}${by.title(maybe)}`,
    detail:
      `${by.why(maybe, functionNames(fns))}: ` +
      `${refused[0]?.result.reasons.join("; ") ?? ""}. Lambda reports "The role defined for the function cannot be assumed by Lambda" and the function cannot run.`,
    evidence: dedupe([...by.evidence, ...refused.flatMap((f) => resultEvidence(f.result))]),
    remediation: by.remediation,
  });
}

/**
 * update-assume-role-policy replaces the whole document: the fix keeps every statement there is (other services such
 * as edgelambda.amazonaws.com, Deny guards) and adds Lambda's. A Deny that refuses Lambda is not undone by an Allow:
 * it is named, to narrow, or the functions it keeps out get a role of their own.
 */
function lambdaTrustRemediation(role: RoleModel, trust: PolicyDocument, failing: { fn: FunctionModel; result: EvaluationResult }[]): string {
  const denied = failing.filter((f) => f.result.decision === "explicitly-denied");
  if (denied.length > 0) {
    const denies = [...new Set(denied.flatMap((f) => f.result.statements.filter((m) => m.effect === "Deny").map(denyLabel)))];
    return (
      `A Deny of the trust policy (${denies.join(", ")}) refuses Lambda for ${functionNames(denied.map((f) => f.fn))}: an Allow does not override it. ` +
      `If the Deny is meant to keep ${denied.length > 1 ? "those functions" : "that function"} out, give ${denied.length > 1 ? "them a role" : "it a role"} of ${denied.length > 1 ? "their" : "its"} own ` +
      `(aws lambda update-function-configuration --role); otherwise narrow the Deny (aws iam update-assume-role-policy --role-name ${shellArg(role.name)} --policy-document with the edited document).`
    );
  }
  const raw = (typeof trust.raw === "object" && trust.raw !== null ? trust.raw : {}) as { Statement?: unknown };
  const statements = Array.isArray(raw.Statement) ? raw.Statement : raw.Statement !== undefined ? [raw.Statement] : [];
  // Sids must be unique within the document.
  const taken = new Set(statements.map((st) => (st as { Sid?: unknown })?.Sid));
  let sid = "AllowLambda";
  for (let n = 2; taken.has(sid); n++) sid = `AllowLambda${n}`;
  const document = {
    ...raw,
    Version: "2012-10-17",
    Statement: [...statements, { Sid: sid, Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
  };
  const denyNote = denyLeftStanding(role, trust, document, failing);
  return (
    `Add a statement that lets Lambda assume the role, keeping the others (update-assume-role-policy replaces the whole document):\n` +
    `aws iam update-assume-role-policy --role-name ${shellArg(role.name)} --policy-document ${shellArg(JSON.stringify(document))}` +
    denyNote +
    trustPolicyQuotaNote(document)
  );
}

/**
 * The fixed document asked Lambda's requests again: a Deny that may still refuse them (its condition unknown for
 * Lambda's request) is named, since the added Allow does not override it.
 */
function denyLeftStanding(role: RoleModel, trust: PolicyDocument, document: unknown, failing: { fn: FunctionModel; result: EvaluationResult }[]): string {
  const fixed = parsePolicyDocument(document, trust.source, { partition: parseArn(role.arn)?.partition });
  if (!fixed.ok) return "";
  const denies = new Set<string>();
  const maybe: EvaluationResult[] = [];
  for (const { fn } of failing) {
    const result = evaluateResourcePolicy(fixed.policy, lambdaAssumes(role, fn));
    if (result.decision === "allowed") continue;
    for (const m of result.statements) if (m.effect === "Deny") denies.add(denyLabel(m));
    if (result.decision === "conditional") maybe.push(result);
  }
  if (denies.size === 0) return "";
  return (
    `\nA Deny of the trust policy (${[...denies].join(", ")}) may refuse Lambda even then${maybe.length ? `, depending on ${dependsOnWhat(maybe)}` : ""}: ` +
    `no Allow overrides it. If Lambda's request meets it, narrow it (a Deny meant for other accounts can exempt AWS services with "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}).`
  );
}

interface Other {
  statement: Statement;
  principal: string;
  /** How titles name it: the principal, and for a `*` its condition narrows, that condition ("* (PrincipalOrgID = o-1)"). */
  name: string;
  /** Anyone: a `*` (or NotPrincipal) whose condition pins no organization, account or caller ARN. */
  public: boolean;
  result: EvaluationResult;
}

/**
 * Principals other than Lambda that may assume the role; web-identity providers open to all their tenants apart. Read
 * from the trust grants the report's invokerRoles lists too (lib/analysis/role-assumers.ts).
 */
function otherPrincipals(role: RoleModel, model: GrantModel): { others: Other[]; open: OpenWebIdentity[] } {
  const others: Other[] = [];
  const open = new Map<string, OpenWebIdentity>();
  for (const { statement: st, principal: p, result, openTo, openWebIdentity: opened } of trustGrants(role, model) ?? []) {
    if (p.kind === "service" && isLambdaService(p.id, role.arn)) continue;
    if (opened && !open.has(p.id)) open.set(p.id, opened);
    if (open.has(p.id)) continue;
    // A `*` its condition narrows to an organization, an account or known callers is not anyone (isPublicGrant, as
    // for a function's own policy): still another principal than Lambda, named with the condition. So is one the
    // organization's RCPs keep within the organization (role-assumers.ts, outsidersGetIn).
    const anyone = p.kind === "public" && openTo !== undefined;
    const narrowedBy = isPublicGrant(st) ? "within the organization's RCPs" : (conditionSummary(st) ?? "narrowed by its condition");
    const name = p.kind === "public" && !anyone ? `${p.id} (${narrowedBy})` : p.id;
    others.push({ statement: st, principal: p.id, name, public: anyone, result });
  }
  // A statement that names the tenant may come before the open one: the provider is reported as open only.
  return { others: others.filter((o) => !open.has(o.principal)), open: [...open.values()] };
}

/** Which of them the organization's RCPs may still refuse, and by which statements (cited in the evidence too). */
function rcpCaveat(others: Other[]): string {
  const limited = others.filter((o) => rcpDenials([o.result]).length > 0);
  if (!limited.length) return "";
  const by = rcpDenials(limited.map((o) => o.result));
  const names = [...new Set(limited.map((o) => o.name))];
  return `The organization's RCPs may still refuse ${names.join(", ")} (${by.join(", ")}), on a condition the snapshot cannot judge for ${names.length > 1 ? "them" : "it"}. `;
}

/**
 * Worse than another principal: everyone who can get a token from the provider. Raised as role-privilege-escalation
 * raises a path to admin: critical when anyone on the internet can get one (GitHub, GitLab, HCP Terraform, Cognito),
 * high when only one cluster's or enterprise's workloads can (EKS, a GitHub Enterprise issuer); one step lower when
 * a condition the snapshot cannot judge remains.
 */
function openWebIdentityFinding(rule: string, role: RoleModel, functions: FunctionModel[], trust: PolicyDocument, o: OpenWebIdentity, all: readonly OpenWebIdentity[]) {
  const maybe = o.result.decision === "conditional";
  const severity: Severity = o.issuer.anyone ? (maybe ? "high" : "critical") : maybe ? "medium" : "high";
  const head = `${o.issuer.who} ${maybe ? "may" : "can"} assume role ${role.name}: `;
  const patterns = o.values.map((v) => `"${v}"`);
  const where = whereIs(trust.source, o.statement);
  return roleFinding({
    rule,
    severity,
    role,
    functions,
    discriminator: `web-identity:${o.provider}`,
    conditional: maybe,
    // The claim by its short name (sub, aud): the provider's host is in the title already and the key in the detail.
    title: patterns.length
      ? titleWithList(head, patterns, ` on ${o.issuer.claim} matches anyone's ${o.issuer.tenant}`)
      : `${head}${o.conditioned ? `the condition on ${o.issuer.claim} admits any ${o.issuer.tenant}` : `no condition on ${o.issuer.claim}`}`,
    detail:
      `The trust policy lets sessions of ${o.provider} assume ${role.name} (${where}) ` +
      (patterns.length
        ? `with ${o.key} matching ${patterns.join(", ")}, which anyone's ${o.issuer.tenant} can match`
        : o.conditioned
          ? `with a condition on ${o.key} that any ${o.issuer.tenant} satisfies`
          : `with no condition on ${o.key}`) +
      `: ${o.issuer.how}.` +
      (maybe ? ` Only a condition the snapshot cannot judge stands in the way (${dependsOnWhat(o.result)}).` : "") +
      ` Whoever assumes the role gets everything ${functionNames(functions)} can do.`,
    evidence: [
      statementEvidence(trust, o.statement, `Trust grant to ${o.provider} in ${where}`, [
        o.provider,
        ...(o.statement.action ?? []).filter((a) => actionMatches(a, "sts:AssumeRoleWithWebIdentity")),
        ...o.statement.conditions.map((c) => c.key),
      ]),
    ],
    remediation: narrowingRemediation(trust, o, role.name, all, true),
  });
}

export const executionRoleTrust: Rule = {
  id: "execution-role-trust",
  title: "Execution role trust policy",
  severity: "medium",
  needs: ["GetAccountAuthorizationDetails"],
  description:
    "The role's trust policy does not let lambda.amazonaws.com assume it, or also lets other principals (accounts, *, other services) assume it; " +
    "critical when anyone (Principal *, unconditioned) or a web-identity provider anyone can get tokens from (GitHub Actions, GitLab, HCP Terraform, Cognito identity pools) can assume it " +
    "with no condition naming the caller's repository, project, organization or identity pool (high for every service account of an EKS cluster, or every repository of a GitHub Enterprise's own issuer).",
  *check(ctx) {
    const findings: Finding[] = [];
    for (const [i, { role, functions }] of rolesInUse(ctx).entries()) {
      if (i > 0 && i % ROLES_PER_TURN === 0) yield ANOTHER_TURN;
      const trust = role.trust;
      if (!trust) continue; // unreadable trust policy: reported as a problem of the snapshot
      const failing = lambdaCannotAssume(trust, role, functions);
      if (failing.length) {
        findings.push(
          lambdaRefusedFinding(this.id, role, failing, {
            discriminator: "lambda",
            title: () => "",
            why: (maybe, fns) => `The trust policy of ${role.name} does not ${maybe ? "certainly " : ""}allow lambda.amazonaws.com to call sts:AssumeRole for ${fns}`,
            evidence: [
              {
                kind: "trust-statement",
                description: `Trust policy of ${role.name}`,
                source: { roleArn: role.arn, roleName: role.name, policyName: "trust policy", policyKind: "trust" },
                document: trust.raw,
                highlight: ["lambda.amazonaws.com", "sts:AssumeRole"],
              },
            ],
            remediation: lambdaTrustRemediation(role, trust, failing),
          }),
        );
      }
      const refused = rcpRefusesLambda(ctx.model, trust, role, functions);
      if (refused.length) {
        findings.push(
          lambdaRefusedFinding(this.id, role, refused, {
            discriminator: "lambda-rcp",
            title: (maybe) => `: the organization's RCPs ${maybe ? "may refuse" : "refuse"} it`,
            why: (maybe, fns) =>
              `The trust policy of ${role.name} lets lambda.amazonaws.com assume it, but the resource control policies over the account ` +
              `(which limit AWS services' requests on its resources too) ${maybe ? "may refuse" : "refuse"} that sts:AssumeRole for ${fns}`,
            evidence: [],
            remediation: rcpServiceRemediation(refused.map((f) => f.result), "Lambda assuming an execution role", "sts:AssumeRole"),
          }),
        );
      }
      const { others, open } = otherPrincipals(role, ctx.model);
      for (const o of open) findings.push(openWebIdentityFinding(this.id, role, functions, trust, o, open));
      if (others.length) {
        // Public grants first: the title may count the rest, and must not count away what makes the finding critical.
        const names = [...new Set([...others.filter((o) => o.public), ...others.filter((o) => !o.public)].map((o) => o.name))];
        // Only conditional answers (an unknown condition key, or a CanonicalUser, which STS may not honour): "may".
        const othersMaybe = others.every((o) => o.result.decision === "conditional");
        findings.push(
          roleFinding({
            rule: this.id,
            // Principal "*" unconditioned: any principal of any AWS account takes the role, as open as a web-identity grant.
            severity: others.some((o) => o.public && o.result.decision === "allowed") ? "critical" : "medium",
            role,
            functions,
            // A principal let in on a condition is marked: the condition dropped, the id changes with the severity.
            discriminator: setDiscriminator("others", others.map((o) => (o.result.decision === "allowed" ? o.name : `${o.name}~may`))),
            conditional: othersMaybe,
            title: titleWithList(`Role ${role.name} ${othersMaybe ? "may" : "can"} also be assumed by `, names),
            detail:
              `Besides Lambda, the trust policy ${othersMaybe ? "may let" : "lets"} ${names.join(", ")} assume ${role.name}, and with it everything ${functionNames(functions)} can do. ` +
              rcpCaveat(others) +
              "Execution roles should trust lambda.amazonaws.com (and edgelambda.amazonaws.com for Lambda@Edge) only.",
            // The RCP statements that may refuse a principal are shown next to its grant: they are why it is "may".
            evidence: dedupe(
              others.flatMap((o) => [
                statementEvidence(trust, o.statement, `Trust grant to ${o.name} in ${whereIs(trust.source, o.statement)}`, [o.principal]),
                ...resultEvidence(o.result).filter((e) => e.kind === "organization-statement"),
              ]),
            ),
            remediation: "Remove the other principals from the trust policy and give those callers a role of their own.",
          }),
        );
      }
    }
    return findings;
  },
};
