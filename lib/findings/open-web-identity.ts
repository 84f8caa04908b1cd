/**
 * A trust statement for a web-identity provider whose tokens anyone can get (any GitHub repository's workflows,
 * any identity pool's users) lets all of them assume the role unless a condition names the caller's tenant: `sub`
 * for CI providers and EKS, `aud` (the identity pool id) for Cognito. An `aud` condition does not help for CI
 * providers: the workflow chooses its token's audience.
 *
 * Condition keys and their values, from AWS's own guidance:
 * - IAM User Guide, "Create a role for OpenID Connect federation", section "Configuring a role for GitHub OIDC
 *   identity provider" (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html), as
 *   GitHub's "Configuring OpenID Connect in Amazon Web Services" quotes it: IAM recommends evaluating
 *   `token.actions.githubusercontent.com:sub` in the trust policy of any role that trusts GitHub's provider
 *   (`StringLike` `repo:OWNER/REPO:*`, beside `…:aud` = `sts.amazonaws.com`).
 * - IAM User Guide, "Identity-provider controls for shared OIDC providers"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html):
 *   for shared providers IAM now refuses to create or update a trust policy that does not evaluate the provider's
 *   tenant claims, but existing policies are not re-checked, so open ones still work.
 * - Amazon Cognito Developer Guide, "Role trust and permissions"
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html): `aud` of the
 *   token is the identity pool id (`StringEquals cognito-identity.amazonaws.com:aud`); `amr` only says whether the
 *   identity signed in.
 * - Amazon EKS User Guide, IAM roles for service accounts, "Technical overview"
 *   (https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts-technical-overview.html): the
 *   trust is scoped to the cluster's provider and, by `…:sub` = `system:serviceaccount:NAMESPACE:NAME`, to a
 *   service account; without it every service account of the cluster may assume the role.
 *
 * Whether a statement is open is asked of the evaluator, not read from the condition's text: the request carries
 * the statement's own intended context with the tenant claim set to an outsider's value, either a typical subject
 * of an outsider's tenant or one of the statement's own patterns with its wildcards filled in, when a wildcard
 * falls on the tenant (`repo:*` + `/app:*`: anyone can create a repository named app). A missing condition, a bare `*`,
 * `repo:*`, or any pattern that leaves the owner open let that outsider in; `repo:acme/app:*`, or `repo:*` under
 * StringEquals (no wildcard there), do not.
 */
import { lowerKey } from "@/lib/policy/context";
import { intendedContext } from "@/lib/policy/intended-context";
import type { EvaluationResult, PolicyDocument, Statement } from "@/lib/policy/types";
import { globMatches } from "@/lib/policy/wildcard";
import { isEffective } from "./resource-grants";
import { shellArg } from "./remediation";
import { trustPolicyQuotaNote } from "./policy-size";

/** The outsider's tenant: a name no policy names, and what a wildcard on the tenant is filled with. */
const OUTSIDER = "lpg-probe-outsider";
/** What a `?` is filled with: one character, since `?` matches exactly one; on the tenant it admits the outsider too. */
const OUTSIDER_CHAR = "~";

interface WebIdentityIssuer {
  /** The provider as the trust policy names it: an IAM OIDC provider's URL without https://, or Cognito's name. */
  issuer: RegExp;
  /** The claim that names the caller's tenant. */
  claim: "sub" | "aud";
  /** Who can get a token, for the title: "GitHub Actions of any repository". */
  who: string;
  /** What one tenant is: "repository". */
  tenant: string;
  /** A sentence for the detail: how anyone gets a token, and what the claim holds. */
  how: string;
  /** A value of the claim an outsider's tenant gets. */
  outsider: string;
  /** The tenant within a value of the claim (group 1): the repository's owner, the namespace, the identity pool. */
  tenantOf: RegExp;
  /** Other claims of an outsider's token that the outsider cannot choose (a Cognito identity id is its pool's). */
  claims?: Record<string, string>;
  /** Anyone on the internet can get a token (critical), or only the workloads of one cluster (high). */
  anyone: boolean;
  /** The condition the fix adds. */
  fix: { operator: "StringLike" | "StringEquals"; value: string };
}

const GITHUB_ACTIONS: WebIdentityIssuer = {
  issuer: /^token\.actions\.githubusercontent\.com$/,
  claim: "sub",
  who: "GitHub Actions of any repository",
  tenant: "repository",
  how:
    "any repository of any GitHub account can run a workflow that requests a token from token.actions.githubusercontent.com " +
    "(with an audience of its choosing); only sub (repo:OWNER/REPO:…) names the repository",
  outsider: `repo:${OUTSIDER}/any-repo:ref:refs/heads/main`,
  tenantOf: /^repo:([^/:]*)\//,
  anyone: true,
  fix: { operator: "StringLike", value: "repo:OWNER/REPO:*" },
};

const ISSUERS: WebIdentityIssuer[] = [
  GITHUB_ACTIONS,
  {
    // An enterprise's own issuer (GitHub's "customizing the issuer value for an enterprise"): the same tokens, but
    // only that enterprise's repositories get them, so the tenant left open is every repository of the enterprise.
    ...GITHUB_ACTIONS,
    issuer: /^token\.actions\.githubusercontent\.com\/[^/]+$/,
    who: "GitHub Actions of any repository in the enterprise",
    how:
      "any repository of the enterprise whose issuer this is can run a workflow that requests a token from it " +
      "(with an audience of its choosing); only sub (repo:OWNER/REPO:…) names the repository",
    anyone: false,
  },
  {
    issuer: /^gitlab\.com$/,
    claim: "sub",
    who: "GitLab CI/CD of any gitlab.com project",
    tenant: "project",
    how:
      "any project on gitlab.com can run a CI/CD job that requests an ID token from gitlab.com (with an audience of its choosing); " +
      "only sub (project_path:GROUP/PROJECT:…) names the project",
    outsider: `project_path:${OUTSIDER}/any-project:ref_type:branch:ref:main`,
    tenantOf: /^project_path:([^/:]*)\//,
    anyone: true,
    fix: { operator: "StringLike", value: "project_path:GROUP/PROJECT:ref_type:branch:ref:main" },
  },
  {
    issuer: /^app\.terraform\.io$/,
    claim: "sub",
    who: "HCP Terraform runs of any organization",
    tenant: "organization",
    how:
      "any HCP Terraform (Terraform Cloud) organization's runs get a workload identity token from app.terraform.io; " +
      "only sub (organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:…) names the organization and workspace",
    outsider: `organization:${OUTSIDER}:project:any:workspace:any:run_phase:apply`,
    tenantOf: /^organization:([^:]*):/,
    anyone: true,
    fix: { operator: "StringLike", value: "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:*" },
  },
  {
    issuer: /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/,
    claim: "sub",
    who: "Any service account of an EKS cluster",
    tenant: "service account",
    how:
      "any pod of that EKS cluster, in any namespace, gets a token from the cluster's issuer for its service account; " +
      "only sub (system:serviceaccount:NAMESPACE:NAME) names the service account",
    outsider: `system:serviceaccount:${OUTSIDER}:any`,
    tenantOf: /^system:serviceaccount:([^:]*):/,
    anyone: false,
    fix: { operator: "StringEquals", value: "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT" },
  },
  {
    issuer: /^cognito-identity\.amazonaws\.com$/,
    claim: "aud",
    who: "Any Cognito identity pool",
    tenant: "identity pool",
    how:
      "anyone can create an identity pool in their own AWS account and get tokens for its identities from cognito-identity.amazonaws.com; " +
      "only aud (the identity pool id) tells your pool's identities from theirs, amr only says whether they signed in",
    outsider: `us-east-1:${OUTSIDER}`,
    claims: { sub: `us-east-1:${OUTSIDER}-identity` },
    tenantOf: /^(.*)$/,
    anyone: true,
    fix: { operator: "StringEquals", value: "REGION:IDENTITY_POOL_ID" },
  },
];

export interface OpenWebIdentity {
  /** The Federated principal as written. */
  provider: string;
  statement: Statement;
  issuer: WebIdentityIssuer;
  /** `token.actions.githubusercontent.com:sub` */
  key: string;
  /** The statement's patterns for that key that let outsiders in (the fix drops them, keeping the others). */
  values: string[];
  /** The statement has a condition on the key at all. */
  conditioned: boolean;
  /** The outsider's request: allowed, or conditional on keys the snapshot cannot know. */
  result: EvaluationResult;
}

/** The URL IAM knows the provider by, without https:// (an OIDC provider's ARN ends with it; Cognito is named by it). */
function issuerUrl(provider: string): string {
  const marker = ":oidc-provider/";
  const at = provider.indexOf(marker);
  return at >= 0 ? provider.slice(at + marker.length) : provider;
}

/**
 * The statement lets anyone with a token from `provider` assume the role, whatever their tenant; undefined if not.
 * `ask`: the answer for a session of the provider whose token carries these claims (role-assumers.ts builds the
 * request and weighs the organization's RCPs too, which may keep other tenants out: AWS's data-perimeter examples
 * do that with an RCP on the `sub` claim).
 */
export function openWebIdentity(
  trust: PolicyDocument,
  statement: Statement,
  provider: string,
  ask: (claims: Readonly<Record<string, string>>) => EvaluationResult,
): OpenWebIdentity | undefined {
  const url = issuerUrl(provider);
  const issuer = ISSUERS.find((i) => i.issuer.test(url));
  if (!issuer) return undefined;
  const key = `${url}:${issuer.claim}`;
  const clauses = statement.conditions.filter((c) => lowerKey(c.key) === lowerKey(key));
  // A wildcard may stand for more than a name: `repo:acme*` admits the owner acme-evil's repositories too.
  const filled = clauses.flatMap((c) => c.values).map((v) => v.replace(/\*/g, `${OUTSIDER}/any:`).replace(/\?/g, OUTSIDER_CHAR));
  const outsiders = new Set(
    [issuer.outsider, ...filled].filter((v) => {
      const tenant = issuer.tenantOf.exec(v)?.[1];
      return tenant !== undefined && (tenant.includes(OUTSIDER) || tenant.includes(OUTSIDER_CHAR));
    }),
  );
  const claims = Object.fromEntries(Object.entries(issuer.claims ?? {}).map(([claim, value]) => [lowerKey(`${url}:${claim}`), value]));
  const context = { ...intendedContext(statement, trust.version), ...claims };
  for (const outsider of outsiders) {
    const result = ask({ ...context, [lowerKey(key)]: outsider });
    // Another statement may be what lets the outsider in: that one is reported, and fixed, when its turn comes.
    if (!isEffective(result) || !result.statements.some((m) => m.effect === "Allow" && m.statementIndex === statement.index)) continue;
    // Positive Like patterns that some outsider matches (a negated operator admits by not matching: nothing to quote).
    const values = clauses
      .filter((c) => /like/i.test(c.operator) && !/not/i.test(c.operator))
      .flatMap((c) => c.values)
      .filter((v) => [...outsiders].some((o) => globMatches(v, o)));
    return { provider, statement, issuer, key, values, conditioned: clauses.length > 0, result };
  }
  return undefined;
}

type Json = Record<string, unknown>;

function objectOr(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** A condition value as written (a string or a list), less the patterns that let outsiders in; undefined when none is left. */
function withoutOpen(value: unknown, open: readonly string[]): unknown {
  const list = (Array.isArray(value) ? value : [value]).filter((v) => !open.includes(String(v)));
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
}

/**
 * The statement as it should read: the patterns that let outsiders in dropped from the tenant claim's conditions,
 * every other condition kept; when no positive condition on the claim is left, the fix's (an example value to
 * replace) added.
 */
function narrowedStatement(open: OpenWebIdentity, from: Json = open.statement.raw as Json): { statement: Json; added: boolean } {
  const raw = objectOr(from);
  const conditions: Record<string, Json> = {};
  let named = false;
  for (const [operator, block] of Object.entries(objectOr(raw.Condition))) {
    const kept: Json = {};
    for (const [key, value] of Object.entries(objectOr(block))) {
      const left = lowerKey(key) === lowerKey(open.key) ? withoutOpen(value, open.values) : value;
      if (left === undefined) continue;
      kept[key] = left;
      if (lowerKey(key) === lowerKey(open.key) && !/not/i.test(operator)) named = true;
    }
    if (Object.keys(kept).length) conditions[operator] = kept;
  }
  if (!named) {
    const { operator, value } = open.issuer.fix;
    conditions[operator] = { ...conditions[operator], [open.key]: value };
  }
  return { statement: { ...raw, Condition: conditions }, added: !named };
}

/**
 * What to change, and the whole trust policy with that statement narrowed (update-assume-role-policy replaces the
 * document whole), then the command.
 */
export function narrowingRemediation(trust: PolicyDocument, open: OpenWebIdentity, roleName: string, alsoOpen: readonly OpenWebIdentity[] = [], executionRole = false): string {
  const doc = objectOr(trust.raw);
  const { statement, added } = narrowedStatement(open);
  // The role's other open statements are narrowed in the same document: each finding's document is applied whole,
  // and one that left them open would undo the other findings' fixes.
  const narrowed = new Map<number, Json>([[open.statement.index, statement]]);
  for (const other of alsoOpen) {
    if (other === open) continue;
    narrowed.set(other.statement.index, narrowedStatement(other, narrowed.get(other.statement.index)).statement);
  }
  const others = alsoOpen.filter((o) => o !== open).length;
  const Statement = Array.isArray(doc.Statement) ? doc.Statement.map((st, i) => narrowed.get(i) ?? st) : [statement];
  const change =
    (added
    ? `Name the ${open.issuer.tenant} allowed to assume the role in a condition on ${open.key} (replace the example value; list several if need be)`
    : `Drop ${open.values.map((v) => `"${v}"`).join(", ")} from the condition on ${open.key}, keeping the patterns that name your own`) +
    (others ? ` (the document below narrows the role's ${others} other open statement${others > 1 ? "s" : ""} too)` : "");
  const fixed = { ...doc, Statement };
  // Narrowed, the grant is still one to more than Lambda, which execution-role-trust reports in its own right: said
  // first, so that the fix of a critical finding does not seem to bring a new one.
  const lasting = executionRole
    ? `A role of their own, trusted by ${open.provider} alone, is the lasting fix: narrowed, the grant still lets its sessions assume an ` +
      `execution role, which execution-role-trust reports (medium). To narrow it now:\n`
    : "";
  return (
    `${lasting}${change}, then save the whole trust policy below as trust.json and apply it:\n${JSON.stringify(fixed, null, 2)}\n` +
    `aws iam update-assume-role-policy --role-name ${shellArg(roleName)} --policy-document file://trust.json` +
    trustPolicyQuotaNote(fixed)
  );
}
