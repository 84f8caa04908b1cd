/**
 * data-unavailable: a call needed for a function failed (AccessDenied, throttled after retries, region
 * disabled), so some rules gave no verdict for it. The finding names the missing data and those rules, from each
 * rule's `needs`. Built from the rule list (registry.ts passes the others in), so it never drifts from them.
 */
import { queuesOf, roleSetAside, type FunctionModel } from "@/lib/analysis/account-model";
import { documentName, type RoleModel } from "@/lib/analysis/role-model";
import { absentQualifiers, qualifierReferrers, routedVersionRoles, versionRolesSetAside, versionsText } from "@/lib/analysis/runs-as";
import { INCOMPLETE_SNAPSHOT, MALFORMED_RESPONSE, toUnavailable, unnamedGaps } from "@/lib/analysis/snapshot-gaps";
import { unqualifiedFunctionArn } from "@/lib/analysis/arn";
import { ownValue } from "@/lib/own-value";
import { addTo } from "@/lib/multimap";
import type { SnapshotError } from "@/lib/snapshot/schema";
import { guardrailNames, unreadGuardrails, unreadWording, type GuardrailsUnread } from "@/lib/analysis/organization";
import { isAccessDenied } from "@/lib/analysis/images";
import { isPolicyRead } from "@/lib/analysis/unlisted-policies";
import { functionListGaps } from "@/lib/analysis/role-access";
import type { Evidence, Finding } from "@/lib/analysis/types";
import { apiErrorEvidence, configEvidence } from "../evidence";
import { findingId, setDiscriminator } from "../finding-id";
import { missingData } from "../data-needs";
import { scanRemediation } from "../scan-remediation";
import type { Rule, RuleContext } from "../types";
import type { AccountInvoker } from "@/lib/analysis/types";
import { isOpen } from "@/lib/policy/decision";
import { capitalised, titleWithList } from "../headline";
import { functionFinding } from "../function-finding";

/** What a gap means beyond the rules it stops, for data no rule needs outright. */
const NOTES: Record<string, string> = {
  ListAliases:
    "Alias policies were not read: invoker rules judged the unqualified function's grants only, and alias URLs are treated as possibly public. Mappings and destinations on an alias were not judged (the version it runs, and so its role, is unknown).",
  GetQueueAttributes:
    "A queue the function uses could not be read, or its queue policy could not be parsed. Where its encryption is unknown, whether its role needs kms:Decrypt (trigger) or kms:GenerateDataKey and kms:Decrypt (dead-letter queue, destination) on the queue's KMS key was not judged. A queue policy that could not be read or parsed may deny the role what its own policies allow on the queue (or grant what they do not), so those answers are not certain.",
  GetTopicAttributes:
    "An SNS topic the function sends to (dead-letter topic, destination) could not be read, or its topic policy could not be parsed. Where its encryption is unknown, whether its role needs kms:GenerateDataKey and kms:Decrypt on the topic's KMS key was not judged. A topic policy that could not be read or parsed may let the role publish where its own policies do not, or deny what they allow, so whether the role may publish there is not certain.",
  DescribeStreamSummary:
    "The encryption of a Kinesis stream the function's trigger reads could not be read: whether its role needs kms:Decrypt on the stream's KMS key was not judged; the stream's other permissions were.",
  DescribeKey:
    "A KMS key the function's environment, queues, topics or streams name could not be described: the key behind the reference, its state and its policy are unknown, so whether the role may use it was judged only as far as the role's own policies go.",
  GetKeyPolicy:
    "The key policy of a KMS key the function's environment, queues, topics or streams use could not be read: KMS lets a role use a key only when the key policy allows it (itself or by delegating to IAM), so where the role's own policies allow the key, that answer is not certain.",
  ListGrants:
    "The grants of a KMS key the function's environment, queues, topics or streams use could not be listed: a grant can let the role use the key where no policy does, so where the role's policies do not allow the key, that answer is not certain.",
  DescribeAccessPoints:
    "An EFS access point the function mounts could not be described, so the file system it is of and that file system's policy are unknown: whether its role needs elasticfilesystem:ClientMount and ClientWrite was not judged.",
  DescribeFileSystemPolicy:
    "The policy of an EFS file system the function mounts could not be read or parsed: with a policy of its own, EFS lets the role mount it only where IAM allows elasticfilesystem:ClientMount (and ClientWrite to write), so whether the function can mount it was not judged.",
  GetFunction:
    "Where the function's container image comes from (GetFunction) could not be read: whether its ECR repository lets Lambda pull it was not judged.",
  GetRepositoryPolicy:
    "The policy of the ECR repository the function's container image is in could not be read or parsed: whether Lambda may pull the image (lambda.amazonaws.com ecr:BatchGetImage and ecr:GetDownloadUrlForLayer) was not judged.",
  GetFunctionConfiguration:
    "The state AWS reports of the function (State, LastUpdateStatus and their reasons, which ListFunctions leaves out) could not be read: whether AWS already reports it Failed, or its last update failed, is unknown.",
  ListTags:
    "The function's tags could not be read: identity and resource policies that grant or deny actions on it under a condition on aws:ResourceTag stay conditional (who may invoke or update it that way is unknown), and its owner tags are not shown.",
  ListVersionsByFunction:
    "Published versions were not listed, so grants on a version's own policy (add-permission --qualifier 3) were not judged, nor mappings and destinations on its versions and on aliases routing to them, nor the VPC, logging, tracing and dead-letter settings those versions were published with (the role and configuration a version was published with are unknown).",
};

/** Up to four names in full, past that three and a count: hundreds of old versions can be left unread on purpose. */
function namedFew(list: readonly string[]): string {
  return list.length > 4 ? `${list.slice(0, 3).join(", ")} and ${list.length - 3} more` : list.join(", ");
}

/**
 * What a gap means, as NOTES says; a failed queue read is said apart for the queues the function's configuration
 * names (their encryption and policy) and those its role only reaches (their policy alone, named).
 */
function gapNotes(fn: FunctionModel, op: string): string[] {
  const note = ownValue(NOTES, op);
  if (op !== "GetQueueAttributes" || !note) return note ? [note] : [];
  const used = new Set(queuesOf(fn));
  const targets = [...new Set(fn.unavailable.flatMap((u) => (u.operation === op && u.target ? [u.target] : [])))];
  const reached = targets.filter((t) => !used.has(t));
  const out = targets.length === 0 || reached.length < targets.length ? [note] : [];
  if (reached.length) {
    const [queues, policy, they] = reached.length > 1 ? ["queues", "policies", "they"] : ["a queue", "policy", "it"];
    out.push(
      `The function's role reaches ${queues} its configuration does not name (${namedFew(reached)}), whose queue ${policy} could not be read or parsed: ${they} may deny the role what its own policies allow there (or grant what they do not), so those answers are not certain.`,
    );
  }
  return out;
}

/** A role the function's code runs as with documents that could not be read; `versions` when it is a version's only. */
interface UnreadRole {
  role: RoleModel;
  versions?: string[];
}

/**
 * The execution role and the roles routed-to versions run as (routedVersionRoles), those with unread documents:
 * the findings of the function and of those versions rest on what could be read of them.
 */
function unreadRoles(model: RuleContext["model"], fn: FunctionModel): UnreadRole[] {
  const all: UnreadRole[] = [...(fn.role ? [{ role: fn.role }] : []), ...routedVersionRoles(model, fn)];
  return all.filter((r) => r.role.unreadable.length > 0);
}

/**
 * Roles that may invoke the function (through their own policies or its resource policy, or on every function)
 * whose trust policy could not be read: who may take them, and so invoke the function through them, is unknown.
 */
function invokerRolesOfUnreadTrust(ctx: RuleContext, fn: FunctionModel, accountWide: readonly AccountInvoker[]): RoleModel[] {
  const found = new Map<string, RoleModel>();
  for (const inv of ctx.invokers.get(fn.arn) ?? []) {
    if (inv.principalType !== "role" || (inv.via !== "identity-policy" && inv.via !== "resource-policy")) continue;
    if (inv.decision && !isOpen(inv.decision)) continue;
    const role = ctx.model.roles.get(inv.principal);
    if (role?.trustUnreadable) found.set(role.arn, role);
  }
  for (const entry of accountWide) {
    if (entry.regions && !entry.regions.includes(fn.region)) continue;
    if (!isOpen(entry.exceptions.find((e) => e.function === fn.arn)?.decision ?? entry.decision)) continue;
    const role = ctx.model.roles.get(entry.principal);
    if (role) found.set(role.arn, role);
  }
  return [...found.values()];
}

/**
 * Whether any role of the snapshot has documents that could not be read, and any a trust policy: on most accounts
 * none does, and then no function needs its roles or its invokers' roles searched for them.
 */
function roleGaps(model: RuleContext["model"]): { documents: boolean; trust: boolean } {
  const gaps = { documents: false, trust: false };
  for (const role of model.roles.values()) {
    if (role.unreadable.length > 0) gaps.documents = true;
    if (role.trustUnreadable) gaps.trust = true;
  }
  return gaps;
}

/** Shared by the functions with no unread role: most of them. */
const NONE: readonly never[] = [];

/** "role r", "role old-r (run by version 3)". */
function roleText({ role, versions }: UnreadRole): string {
  return `role ${role.name}${versions ? ` (run by ${versionsText(versions)})` : ""}`;
}

/** The roles' documents that could not be read, as short names ("managed policy X of role r"). */
function unreadRoleDocuments(roles: readonly UnreadRole[]): string[] {
  return roles.flatMap((r) => r.role.unreadable.map((u) => `${documentName(u)} of ${roleText(r)}`));
}

/** The function's role is unknown for a reason in its configuration (none named, or one set aside), not IAM data. */
function roleNotFromIam(fn: FunctionModel): boolean {
  return fn.roleState === "none" || roleSetAside(fn) !== undefined;
}

function describe(fn: FunctionModel, roles: readonly UnreadRole[]): string[] {
  const byOp = new Map<string, Set<string>>();
  for (const u of fn.unavailable) {
    const codes = byOp.get(u.operation) ?? new Set<string>();
    if (u.code) codes.add(u.code);
    byOp.set(u.operation, codes);
  }
  // A function listed without a Role, or with one set aside: not an IAM read that failed, so not named as one.
  const setAside = roleSetAside(fn);
  for (const op of unnamedGaps(fn)) if (!(roleNotFromIam(fn) && op === "GetAccountAuthorizationDetails")) byOp.set(op, new Set());
  const out = [...byOp].map(([op, codes]) => (codes.size ? `${op} (${[...codes].join(", ")})` : op)).sort();
  if (fn.roleState === "none") out.push("the execution role (the function's configuration names none)");
  if (setAside) out.push(`the execution role (unknown: ${setAside.message ?? "its Role was set aside"})`);
  for (const { version, why } of versionRolesSetAside(fn)) out.push(`the execution role of version ${version} (unknown: ${why})`);
  const skipped = fn.versionPoliciesNotRead.length;
  if (skipped) out.push(`GetPolicy of ${skipped} older published version${skipped > 1 ? "s" : ""} (not read)`);
  return [...out, ...unreadRoleDocuments(roles)];
}

/**
 * Rules that read IAM but not the identity policies of the function's own roles: whether the role exists, its trust
 * policy, and the roles that invoke the function (whose unread documents the report names apart).
 */
const NOT_ON_ROLE_POLICIES = new Set(["execution-role-missing", "execution-role-trust", "invoker-role-open-trust"]);

/** Rules whose verdicts for the function rest on the readable documents only, when some of its roles' are not. */
function affectedByRoleDocuments(roles: readonly UnreadRole[], rules: readonly Rule[]): string[] {
  if (!roles.some(({ role }) => role.unreadable.length > (role.trustUnreadable ? 1 : 0))) return [];
  return rules.filter((r) => r.needs.includes("GetAccountAuthorizationDetails") && !NOT_ON_ROLE_POLICIES.has(r.id)).map((r) => r.id);
}

/** The rule judged the function on the readable data only: every need it misses is one it judges without. */
function partlyJudged(fn: FunctionModel, rule: Rule): boolean {
  if (!rule.judgedWithout) return false;
  const missing = missingData(fn, rule.needs);
  return missing.length > 0 && missing.every((op) => rule.judgedWithout!.includes(op));
}

/** Rules that gave no verdict for the function: their data failed, or (the trust rule) its role's trust policy is unread. */
function skippedRules(fn: FunctionModel, rules: readonly Rule[]): string[] {
  return rules
    .filter((r) => (missingData(fn, r.needs).length > 0 && !partlyJudged(fn, r)) || (r.id === "execution-role-trust" && fn.role?.trustUnreadable))
    .map((r) => r.id);
}

/** Unread resource policies of aliases and versions: only an alias can have a URL. */
function qualifierNote(fn: FunctionModel): string {
  if (fn.unreadPolicies.size === 0) return "";
  const list = [...fn.unreadPolicies];
  const aliases = list.filter((q) => !/:\d+$/.test(q));
  return (
    `The resource policy of ${namedFew(list)} could not be read: grants on ${list.length > 1 ? "those qualifiers" : "it"} were not judged` +
    (aliases.length ? `, and the URL of ${aliases.join(", ")} is treated as possibly public.` : ".")
  );
}

type AbsentQualifier = ReturnType<typeof absentQualifiers>[number];

/** What an absent qualifier is, from the list that lacks it. */
const qualifierKind = (a: AbsentQualifier) => (a.list === "versions" ? "version" : "alias");
/** The call whose (read) result lacks it. */
const listOperation = (a: AbsentQualifier) => (a.list === "versions" ? "ListVersionsByFunction" : "ListAliases");

/**
 * What the function's finding is about, one token per gap: the read that failed (with the qualifier it was for), the
 * unread older version policies, role documents, unlisted qualifiers, invoking roles' trust. Accepting the finding
 * for one gap (a read an SCP denies for good) then does not accept a later, different one.
 */
function gapTokens(fn: FunctionModel, roles: readonly UnreadRole[], absent: readonly AbsentQualifier[], callers: readonly RoleModel[]): string[] {
  const of = (op: string, target: string | undefined) => (target?.startsWith(`${fn.arn}:`) ? `${op}:${target.slice(fn.arn.length + 1)}` : op);
  return [
    ...fn.unavailable.map((u) => of(u.operation, u.target)),
    ...fn.unknownOps,
    ...(roleNotFromIam(fn) ? ["Role"] : []),
    ...(fn.versionPoliciesNotRead.length ? ["GetPolicy:older-versions"] : []),
    ...roles.map((r) => `role-documents:${r.role.name}`),
    ...absent.map((a) => `${listOperation(a)}:${a.qualifier}`),
    ...callers.map((r) => `invoker-trust:${r.name}`),
  ];
}

function remediationOf(fn: FunctionModel, model: RuleContext["model"], roles: readonly UnreadRole[], absent: readonly AbsentQualifier[]): string {
  const iamPartial = fn.roleState === "unknown" && !roleSetAside(fn) && model.incomplete.find((e) => e.operation === "GetAccountAuthorizationDetails");
  const alsoMissing = [...fn.unknownOps].filter((op) => !((roleNotFromIam(fn) || iamPartial) && op === "GetAccountAuthorizationDetails"));
  const failures = iamPartial ? [...fn.unavailable, { operation: iamPartial.operation, code: iamPartial.code ?? INCOMPLETE_SNAPSHOT }] : fn.unavailable;
  const parts = failures.length || alsoMissing.length ? [scanRemediation(failures, alsoMissing)] : [];
  if (fn.versionPoliciesNotRead.length) parts.push("Scan with `--version-policies all` (or a larger number) to read every published version's policy, or delete versions no longer used.");
  if (absent.length) {
    parts.push("Scan again: an alias or version its list lacks was most likely created while the scan ran (or the snapshot's source listed only some).");
  }
  if (fn.roleState === "none") {
    parts.push("Read the function's configuration again (lambda:ListFunctions or GetFunctionConfiguration): the source of this snapshot left out its Role.");
  }
  if (roles.length > 0) {
    const names = roles.map((r) => r.role.name).join(" and ");
    parts.push(
      `Scan again with iam:GetAccountAuthorizationDetails (filters Role, LocalManagedPolicy and AWSManagedPolicy) so every policy ${roles.length > 1 ? "roles" : "role"} ${names} ${roles.length > 1 ? "use" : "uses"} is in the snapshot; IAM rejects malformed policy documents (MalformedPolicyDocument), so one that does not parse was damaged after IAM returned it (the scan, a transfer, an edit): there is nothing to fix in IAM, take a new snapshot.`,
    );
    if (roles.some((r) => [...r.role.unseen.values()].some(isPolicyRead))) {
      parts.push(
        "Allow iam:GetPolicy and iam:GetPolicyVersion to the identity that scans (or lift what refused them): the scan reads with them the managed policies GetAccountAuthorizationDetails leaves out, such as an AWS managed policy used only as a permissions boundary.",
      );
    }
  }
  return parts.join(" ");
}

const GUARDRAIL_TYPES = {
  scp: "service control policies (which limit the account's roles and users)",
  rcp: "resource control policies (which limit requests on its resources)",
} as const;

/**
 * The account-level finding for an organization whose SCPs and RCPs, or one type of them, could not (all) be read:
 * every type with a gap named, each read that failed cited.
 */
function organizationUnknown(rule: string, unread: GuardrailsUnread): Finding {
  const { name } = unread;
  const gaps = unread.gaps.map((g) => toUnavailable(g.error));
  const recorded = unread.gaps.filter((g) => g.recorded);
  const refused = recorded.some((g) => isAccessDenied(g.error));
  const what = `Its ${unread.kinds.map((k) => GUARDRAIL_TYPES[k]).join(" and ")} `;
  const other = unread.readInFull.length > 0 ? ` Its ${guardrailNames(unread.readInFull)} were read and are applied.` : "";
  const said = unreadWording(unread);
  // Applied as far as read: a Deny among those read refuses, whatever the unread ones say.
  const applied = unread.partial ? ` The ${name} that were read are applied: a Deny among them refuses.` : "";
  return {
    id: findingId(rule, "account", "Organizations"),
    rule,
    severity: "info",
    functions: [],
    title: `The organization's ${name} ${said.couldNot}: every "allowed" assumes ${said.they} permit it`,
    detail:
      // DescribeOrganization unread: whether there is an organization at all is what is unknown.
      (unread.gaps[0]?.error.operation === "DescribeOrganization"
        ? `Whether the account is in an AWS Organizations organization is unknown: ${unread.why}. If it is, its service control policies (which limit the account's roles and users) ` +
          "and resource control policies (which limit requests on its resources) "
        : `The account is in an AWS Organizations organization, but ${unread.why}. ${what}`) +
      "may refuse what the account's own policies allow: " +
      (other || applied
        ? `every "allowed" in this report assumes ${unread.partial ? `its unread ${name}` : `its ${name}`} permit it.${applied}${other}`
        : "every answer in this report is what the account's own policies say, and every \"allowed\" assumes the organization's policies permit it."),
    evidence: gaps.slice(0, 5).map(apiErrorEvidence),
    remediation: refused
      ? "Only the organization's management account or a delegated administrator may list its policies (organizations:ListRoots, ListParents, " +
        "ListPoliciesForTarget, DescribePolicy): scan with credentials that may call them, or review the SCPs and RCPs over this account with the " +
        "organization's administrators."
      : recorded.length > 0
        ? scanRemediation(recorded.map((g) => toUnavailable(g.error)))
        : "Scan again so the snapshot holds the organization's answers (a scan reads them unless given --no-organizations), or review the " +
          "SCPs and RCPs over this account with the organization's administrators.",
  };
}

/** The account-level finding for a region whose functions were not (all) listed; an error naming no region may be any region's. */
export function regionListGapId(region: string | undefined): string {
  return findingId("data-unavailable", `region/${region ?? "unknown region"}`, "ListFunctions");
}

export function dataUnavailableRule(rules: readonly Rule[]): Rule {
  return {
    id: "data-unavailable",
    title: "Data unavailable",
    severity: "info",
    needs: [],
    description: "A call needed for this function failed: the badge says which data is missing and which rules could not run.",
    check(ctx) {
      const findings: Finding[] = [];
      const gaps = roleGaps(ctx.model);
      const accountWide = ctx.accountInvokers.filter((e) => e.principalType === "role" && ctx.model.roles.get(e.principal)?.trustUnreadable);
      for (const fn of ctx.model.functions) {
        const roles: readonly UnreadRole[] = gaps.documents ? unreadRoles(ctx.model, fn) : NONE;
        const callers: readonly RoleModel[] = gaps.trust ? invokerRolesOfUnreadTrust(ctx, fn, accountWide) : NONE;
        // Aliases and versions something refers to that their (read) list lacks: what they run as is unknown.
        const absent = absentQualifiers(fn);
        if (
          fn.unknownOps.size === 0 && fn.unavailable.length === 0 && roles.length === 0 && fn.unreadPolicies.size === 0 && callers.length === 0 && absent.length === 0
        ) continue;
        const missing = [
          ...describe(fn, roles),
          ...absent.map((a) => `${qualifierKind(a)} ${a.qualifier} (its list lacks it)`),
          ...callers.map((r) => `the trust policy of invoking role ${r.name}`),
        ];
        const skipped = skippedRules(fn, rules);
        // Who may take those roles is unknown: the open-trust rule judged the other callers only.
        const partly = [...rules.filter((r) => partlyJudged(fn, r)).map((r) => r.id), ...(callers.length ? ["invoker-role-open-trust"] : [])];
        const uncertain = [...new Set([...affectedByRoleDocuments(roles, rules), ...partly])].filter((id) => !skipped.includes(id));
        const evidence: Evidence[] = fn.unavailable.map(apiErrorEvidence);
        if (fn.roleState === "unknown" && !roleNotFromIam(fn) && unnamedGaps(fn).includes("GetAccountAuthorizationDetails")) {
          evidence.push(configEvidence(fn.arn, "IAM roles and policies are not in the snapshot", { Role: fn.roleArn }, ["Role"]));
        }
        if (fn.roleState === "none") {
          evidence.push(configEvidence(fn.arn, "The function's configuration names no execution role (every Lambda function has one)", { Role: fn.config.Role ?? null }, ["Role"]));
        }
        for (const a of absent) {
          evidence.push(
            apiErrorEvidence({
              operation: listOperation(a),
              target: fn.arn,
              code: INCOMPLETE_SNAPSHOT,
              message: `${qualifierKind(a)} ${a.qualifier} (${a.referrers.join(", ")}) is not in the result`,
            }),
          );
        }
        for (const role of callers) {
          evidence.push({
            kind: "configuration",
            description: `Role ${role.name}, which may invoke the function: its trust policy could not be read`,
            source: { roleArn: role.arn, roleName: role.name, operation: "GetAccountAuthorizationDetails" },
            document: { RoleName: role.name, Unreadable: [role.trustUnreadable] },
            highlight: [],
          });
        }
        for (const r of roles) {
          const { role } = r;
          evidence.push({
            kind: "configuration",
            description: `${roleText(r).replace(/^role/, "Role")}: documents that could not be read`,
            source: { roleArn: role.arn, roleName: role.name, operation: "GetAccountAuthorizationDetails" },
            document: { RoleName: role.name, Unreadable: role.unreadable },
            highlight: [],
          });
        }
        const notes = [
          ...[...fn.unknownOps].flatMap((op) => gapNotes(fn, op)),
          ...(absent.length
            ? [
                `${absent.map((a) => `${capitalised(qualifierKind(a))} ${a.qualifier} (${a.referrers.join(", ")})`).join("; ")} ${absent.length > 1 ? "are" : "is"} not in the snapshot's list: ` +
                  `the version and role ${absent.length > 1 ? "they run" : "it runs"} are unknown, so ${absent.length > 1 ? "their" : "its"} mappings, destinations and grants were not judged with a role.`,
              ]
            : []),
          ...versionRolesSetAside(fn).map(({ version }) => {
            const referrers = qualifierReferrers(fn, version);
            return `Version ${version}${referrers.length ? ` (${referrers.join(", ")})` : ""} runs as a role that is unknown: what it reaches, and its own settings, mappings and destinations, were not judged with a role.`;
          }),
          ...(callers.length
            ? [`Who may assume ${callers.length > 1 ? "those roles" : `role ${callers[0]!.name}`}, and so invoke ${fn.name} through ${callers.length > 1 ? "them" : "it"}, is unknown.`]
            : []),
        ].join(" ");
        const aliasNote = qualifierNote(fn);
        const uncertainNote = uncertain.length
          ? `These rules judged it on the readable documents only, and an unread one could change their verdict: ${uncertain.join(", ")}.`
          : "";
        findings.push(functionFinding({
          rule: this.id,
          severity: "info",
          fn,
          discriminator: setDiscriminator("gaps", gapTokens(fn, roles, absent, callers)),
          title: titleWithList("Missing data: ", missing, skipped.length ? ` (${skipped.length} rule${skipped.length > 1 ? "s" : ""} skipped)` : ""),
          detail: [
            `The snapshot lacks ${missing.join(", ")} for ${fn.name}.`,
            skipped.length ? `These rules gave no verdict for it: ${skipped.join(", ")}. Their silence does not mean the function is fine.` : "",
            uncertainNote,
            aliasNote,
            notes,
            skipped.length || uncertainNote || aliasNote || notes ? "" : "No rule depends on this data outright, but the function's graph may be incomplete.",
          ]
            .filter(Boolean)
            .join(" "),
          evidence,
          remediation: remediationOf(fn, ctx.model, [...roles, ...callers.filter((c) => !roles.some((r) => r.role === c)).map((role) => ({ role }))], absent),
        }));
      }
      // Roles a truncated role list left out badge no function whose role was read, yet may invoke any through their
      // own policies: reported for the account. (A missing role list leaves every function's role unknown: above.)
      const roles = ctx.model.incomplete.find((e) => e.operation === "GetAccountAuthorizationDetails");
      if (roles && ctx.model.roles.size > 0) {
        findings.push({
          id: findingId(this.id, "account", "GetAccountAuthorizationDetails"),
          rule: this.id,
          severity: "info",
          functions: [],
          title: `Not every IAM role is in the snapshot (${
            roles.code === MALFORMED_RESPONSE ? "the role list lost malformed entries" : roles.code === INCOMPLETE_SNAPSHOT ? "the role list was truncated" : `some could not be read: ${roles.code}`
          })`,
          detail: `GetAccountAuthorizationDetails: ${roles.message ?? "truncated"}. Roles left out were not analysed: any of them may invoke functions through its own policies, so every function's invoker list may be incomplete.`,
          evidence: [apiErrorEvidence({ operation: roles.operation, code: roles.code ?? undefined, message: roles.message ?? undefined })],
          remediation: scanRemediation([{ operation: roles.operation, code: roles.code ?? undefined, message: roles.message ?? undefined }]),
        });
      }
      // lambda:GetFunction is missing from SecurityAudit, so it is often refused for every image function: said once,
      // not as a gap of each, with the permission that would let the next scan judge them.
      const denied = ctx.model.images.denied;
      if (denied.errors.length > 0) {
        const fns = [...new Set(denied.functions.map(unqualifiedFunctionArn))].sort();
        const names = fns.map((arn) => arn.split(":")[6] ?? arn);
        findings.push({
          id: findingId(this.id, "account", "GetFunction"),
          rule: this.id,
          severity: "info",
          functions: fns,
          title: titleWithList(`Container images not judged: GetFunction was refused for `, names),
          detail:
            `The scan could not call GetFunction for ${fns.length} container-image function${fns.length > 1 ? "s" : ""} (${names.join(", ")}), so which ECR repository ${fns.length > 1 ? "their images are" : "its image is"} in is unknown: ` +
            "image-permission-missing gave no verdict for them. Their silence does not mean Lambda can pull their images.",
          evidence: denied.errors.slice(0, 5).map((e) => apiErrorEvidence(toUnavailable(e))),
          remediation: scanRemediation(denied.errors.map(toUnavailable)),
        });
      }
      // A member account's scan usually may not list its organization's SCPs and RCPs: every answer is then the
      // account's own policies' answer, said once for the account rather than beside every "allowed".
      const unread = unreadGuardrails(ctx.model.organization);
      if (unread) findings.push(organizationUnknown(this.id, unread));
      // A region whose functions could not be listed has nothing to badge: report it for the account, once per
      // region (a scan records each function it left out as malformed, and a failed page besides), with every error.
      const listGaps = new Map<string, SnapshotError[]>();
      for (const e of functionListGaps(ctx.model)) addTo(listGaps, e.region ?? "unknown region", e);
      for (const [region, gaps] of listGaps) {
        const e = gaps[0] as SnapshotError;
        const partial = e.code === INCOMPLETE_SNAPSHOT;
        // A list that failed after its first pages: the functions on those are in the snapshot, and were analysed.
        const listed = ctx.model.functions.reduce((n, fn) => n + (fn.region === e.region ? 1 : 0), 0);
        findings.push({
          id: regionListGapId(region),
          rule: this.id,
          severity: "info",
          functions: [],
          title: partial
            ? `Not every function in ${region} is in the snapshot (the list was truncated)`
            : listed > 0
              ? `Not every function in ${region} could be listed (${e.code ?? "error"})`
              : `Functions in ${region} could not be listed (${e.code ?? "error"})`,
          detail: partial
            ? `ListFunctions in ${region}: ${e.message ?? "truncated"}. Functions on those pages were not analysed, and no rule ran for them.`
            : gaps.every((g) => g.code === MALFORMED_RESPONSE)
              ? `ListFunctions in ${region} returned function${gaps.length > 1 ? "s" : ""} the scan could not read and left out (the evidence names ${gaps.length > 1 ? "them" : "it"}): not analysed, and no rule ran for ${gaps.length > 1 ? "them" : "it"}; the other ${listed} were.`
              : listed > 0
              ? `ListFunctions failed in ${region} after listing ${listed} function${listed > 1 ? "s" : ""}: those were analysed; any on the pages it did not return were not, and no rule ran for them.`
              : `ListFunctions failed in ${region}: no function of that region was analysed, and no rule ran there.`,
          evidence: gaps.map((g) => apiErrorEvidence({ operation: g.operation, region: g.region ?? undefined, code: g.code ?? undefined, message: g.message ?? undefined })),
          // An opt-in region that is not enabled answers like a missing permission, hence the second sentence.
          remediation:
            scanRemediation(gaps.map((g) => ({ operation: "ListFunctions", code: g.code ?? undefined, message: g.message ?? undefined }))) +
            (partial ? "" : " If the region is not enabled for the account, enable it or leave it out of the scan."),
        });
      }
      return findings;
    },
  };
}
