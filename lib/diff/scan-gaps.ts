/**
 * What a scan could not read, in the terms the diff compares: regions whose functions it did not list, data it lacks
 * for a function, its IAM data. Something an older scan saw that a newer one could not read is not gone: docs/ci.md,
 * "Data that could not be read … is never a pass". So the diff asks these before calling anything lost or fixed.
 */
import type { DataOperation } from "@/lib/analysis/account-model";
import type { AnalysisReport, Finding, FunctionReport, Invoker, RoleAssumer } from "@/lib/analysis/types";
import { ROLES_LEFT_OUT } from "@/lib/analysis/snapshot-gaps";
import { EDGE_ASSOCIATIONS_NOT_READ } from "@/lib/analysis/edge-function";
import { usersNotRead } from "@/lib/analysis/users-not-read";
import { guardrailNames, isOrganizationNotReadEntry, RCP_SERVICES } from "@/lib/analysis/organization";
import { DATA_OPERATIONS, dataOperationOf } from "@/lib/findings/data-needs";
import { findingId, findingTarget } from "@/lib/findings/finding-id";
import { RULES } from "@/lib/findings/rules/registry";
import { regionListGapId } from "@/lib/findings/rules/data-unavailable";

/**
 * The data a gap named by an operation no rule lists leaves unknown. An absent version's policy, role, mappings and
 * destinations are unknown; the rest (KMS reads, a configuration naming no role) bear on the role's verdicts.
 */
function dataOf(operation: string): readonly DataOperation[] {
  const op = dataOperationOf(operation);
  if (op) return [op];
  if (operation === "ListVersionsByFunction") return ["GetPolicy", "GetAccountAuthorizationDetails", "ListEventSourceMappings", "GetFunctionEventInvokeConfig"];
  return ["GetAccountAuthorizationDetails"];
}

/** What a rule reads (registry.ts); a rule this code does not know may read anything. */
const NEEDS = new Map(RULES.map((r) => [r.id, r.needs]));
const needsOf = (rule: string): readonly DataOperation[] => NEEDS.get(rule) ?? DATA_OPERATIONS;

/** The data a way in rests on: its grant's policy (an alias's, when aliases were not listed), the URL, the mapping, the caller's IAM policies. */
const WAY_IN_NEEDS: Record<Invoker["via"], readonly DataOperation[]> = {
  "resource-policy": ["GetPolicy", "ListAliases"],
  "function-url": ["GetFunctionUrlConfig", "GetPolicy", "ListAliases"],
  "event-source-mapping": ["ListEventSourceMappings"],
  "identity-policy": ["GetAccountAuthorizationDetails"],
};
/**
 * The data a way in's answer rests on: its own, and for the account's own roles and users the function's policy too,
 * whose Deny refuses them where their policies allow (unread, their answer is conditional).
 */
const ANSWER_NEEDS: Record<Invoker["via"], readonly DataOperation[]> = {
  ...WAY_IN_NEEDS,
  "identity-policy": [...WAY_IN_NEEDS["identity-policy"], ...WAY_IN_NEEDS["resource-policy"]],
};
export const PUBLIC_NEEDS: readonly DataOperation[] = [...new Set([...WAY_IN_NEEDS["resource-policy"], ...WAY_IN_NEEDS["function-url"]])];
/** Reachable actions come from the execution role's policies. */
export const ACCESS_NEEDS: readonly DataOperation[] = ["GetAccountAuthorizationDetails"];

type GuardrailKind = "scp" | "rcp";
const BOTH: readonly GuardrailKind[] = ["scp", "rcp"];

/**
 * The rules whose verdict the organization's guardrails can change, by which kind, and which way: "raises" where a
 * guardrail's Deny of what a role or Lambda needs is the finding (a scan that could not read them may miss it),
 * "clears" where the finding is access a Deny may take away (a scan that could not read them may report it wrongly).
 * SCPs limit the account's roles and users, never a service principal or another account; RCPs limit requests on the
 * resources of their services (organization.ts RCP_SERVICES), Lambda not among them. A rule not listed judges nothing
 * either limits: a resource policy's grant, the function's configuration, whether its role exists, the breadth of the
 * role's own grant (role-probes.ts, ownPoliciesOnly).
 */
const GUARDRAIL_RULES: Record<string, { kinds: readonly GuardrailKind[]; refusal: "raises" | "clears" }> = {
  // The role's reads of its source: SCPs, and RCPs on SQS and DynamoDB Streams.
  "event-source-missing-permissions": { kinds: BOTH, refusal: "raises" },
  // The role's writes to its log group: SCPs, and RCPs on CloudWatch Logs.
  "logs-permission-missing": { kinds: BOTH, refusal: "raises" },
  // The role's X-Ray writes: SCPs, and RCPs on X-Ray.
  "tracing-permission-missing": { kinds: BOTH, refusal: "raises" },
  // The role's kms:Decrypt of its environment: SCPs, and RCPs on KMS.
  "env-kms-permission-missing": { kinds: BOTH, refusal: "raises" },
  // The role's sends to its destinations: SCPs, and RCPs on SQS and EventBridge.
  "async-target-permission-missing": { kinds: BOTH, refusal: "raises" },
  // The role's ENI calls: SCPs; EC2 is no RCP service.
  "vpc-permission-missing": { kinds: ["scp"], refusal: "raises" },
  // The role's checkpoint calls to Lambda: SCPs; Lambda is no RCP service.
  "durable-permission-missing": { kinds: ["scp"], refusal: "raises" },
  // The role's mount of the file system: SCPs; EFS is no RCP service.
  "efs-permission-missing": { kinds: ["scp"], refusal: "raises" },
  // Lambda's own pull of the image: a service principal, which no SCP limits; RCPs on ECR do.
  "image-permission-missing": { kinds: ["rcp"], refusal: "raises" },
  // Lambda's sts:AssumeRole of the execution role: a service principal, which no SCP limits; RCPs on STS do.
  "execution-role-trust": { kinds: ["rcp"], refusal: "raises" },
  // The role's way to admin (iam:PassRole, sts:AssumeRole…): SCPs limit the role, RCPs on STS the roles it assumes.
  "role-privilege-escalation": { kinds: BOTH, refusal: "clears" },
  // That way to admin, open to anyone through the function's grant.
  "public-invoke-privileged-role": { kinds: BOTH, refusal: "clears" },
  // The role's lambda:InvokeFunction (SCPs) and the outsiders its trust lets in (RCPs on sts:AssumeRole).
  "invoker-role-open-trust": { kinds: BOTH, refusal: "clears" },
};
/** The rules GUARDRAIL_RULES lists: exported for the test that keeps it to registered rules. */
export const GUARDRAIL_RULE_IDS: readonly string[] = Object.keys(GUARDRAIL_RULES);
/** How a rule rests on the guardrails; one this code does not know as a Deny of what a role needs, of either kind. */
const guardrailRule = (rule: string) => GUARDRAIL_RULES[rule] ?? (NEEDS.has(rule) ? undefined : { kinds: BOTH, refusal: "raises" as const });

/** The guardrail kinds that limit a role's action: SCPs every one, RCPs those of their services (and every action, `*`). */
function kindsOverAction(action: string): readonly GuardrailKind[] {
  // Asked with the action alone or its line ("* on *", "sqs:SendMessage on arn:…"): the action is its first word.
  const first = action.split(" ", 1)[0] as string;
  const colon = first.indexOf(":");
  return colon < 0 || RCP_SERVICES.has(first.slice(0, colon).toLowerCase()) ? BOTH : ["scp"];
}

/** One entry of a function's `unknown`: the data it leaves unknown, and whether only an alias's or version's. */
interface Gap {
  text: string;
  data: readonly DataOperation[];
  qualifiedOnly: boolean;
}

/**
 * A function's `unknown` entries (analyze.ts unknownOf: "<Operation>: <code> [(<target>)]"). An unread alias or version
 * policy, or versions whose policies were left unread on purpose, leave the function's own grants known. The truncated
 * role list is no gap in the function's data: it only hides roles that may invoke it (lacksWayIn). Nor are Lambda@Edge
 * associations: no scan reads them, so no way in either scan lists rests on them, and "CloudFront" is no operation
 * (dataOf would take it for the IAM data and call every role verdict of the function unverifiable).
 */
function gapsOf(arn: string, unknown: readonly string[]): Gap[] {
  return unknown
    .filter((text) => text !== ROLES_LEFT_OUT && text !== EDGE_ASSOCIATIONS_NOT_READ)
    .map((text) => {
      const operation = text.slice(0, text.indexOf(":"));
      const target = /\((arn:[^)]*)\)$/.exec(text)?.[1];
      const qualifiedOnly = target?.startsWith(`${arn}:`) === true || text.startsWith("GetPolicy: not read for ");
      return { text, data: dataOf(operation), qualifiedOnly };
    });
}

export interface ScanGaps {
  /** Why the scan may lack functions of the region (not scanned, its list failed or was cut short); undefined when it listed them all. */
  unlisted(region: string): string | undefined;
  /**
   * The function's unread data that any of `needs` rests on, as the report says it ("GetPolicy: AccessDeniedException");
   * undefined when none. `qualified`: the thing asked about is on an alias or version, whose own policy may be the unread one.
   */
  lacks(arn: string, needs: readonly DataOperation[], qualified?: boolean): string | undefined;
  /** Why the way in cannot be checked against the scan: the data it rests on for the function, or the account's IAM users. */
  lacksWayIn(arn: string, inv: Invoker): string | undefined;
  /**
   * Why the answer of a way in the scan lists cannot be checked: the documents its answer could not read, or the data
   * it rests on for the function. Not the roles or users the scan may have missed: this one it has.
   */
  lacksAnswer(arn: string, inv: Invoker): string | undefined;
  /** Why the account's roles may be missing or half read; undefined when its IAM data is whole. */
  iam: string | undefined;
  /**
   * The organization's guardrails the scan could not (all) read, which it took to permit everything: their types
   * ("SCPs and RCPs") and the report's `unknown` entry saying why. Undefined when read in full, or when none applies.
   */
  guardrails: { name: string; why: string; kinds: readonly GuardrailKind[] } | undefined;
  /**
   * Why an answer of this scan that the guardrails may take away cannot be trusted: the unread guardrails of the kinds
   * that limit it, taken to permit everything. For an action the role reaches ("sqs:SendMessage on …"), the
   * account's own role or user invoking through its IAM policies (SCPs; nothing else of a way in rests on them), or
   * one who may assume an invoking role (RCPs on sts:AssumeRole, and SCPs too where the caller is the account's own).
   */
  unguarded(what: { action: string } | { invoker: Pick<Invoker, "via"> } | { assumer: Pick<RoleAssumer, "kind"> }): string | undefined;
}

/** The data-unavailable findings a scan reports for the account or a region (suppressed ones too: a suppression accepts the gap, it does not fill it). */
function gapFindings(report: AnalysisReport): Map<string, Finding> {
  const all = [...report.findings, ...(report.suppressed ?? [])];
  return new Map(all.filter((f) => f.rule === "data-unavailable" && f.functions.length === 0).map((f) => [f.id, f]));
}

/** The organization's guardrails the scan could not (all) read (ScanGaps.guardrails). */
function guardrailsNotRead(report: AnalysisReport): ScanGaps["guardrails"] {
  const why = report.unknown?.find(isOrganizationNotReadEntry);
  // The report names the types left unread where some were read (organization.unread); none read, both are unknown.
  const kinds = report.organization?.unread ?? BOTH;
  return why ? { name: guardrailNames(kinds), why, kinds } : undefined;
}

/**
 * The scan that could not read the organization's guardrails where the other read them, or failed otherwise, and
 * which ("SCPs and RCPs"): the diff then holds back what they decide as not known. Unread alike in both, they are
 * neither scan's gap alone (unreadInBoth), so none is named.
 */
export function guardrailsUnreadApart(before: AnalysisReport, after: AnalysisReport): { scan: "older" | "newer"; name: string }[] {
  const [then, now] = [guardrailsNotRead(before), guardrailsNotRead(after)];
  if (then?.why === now?.why) return [];
  return [...(then ? [{ scan: "older" as const, name: then.name }] : []), ...(now ? [{ scan: "newer" as const, name: now.name }] : [])];
}

export function scanGaps(report: AnalysisReport): ScanGaps {
  const scanned = new Set(report.regions);
  const accountGaps = gapFindings(report);
  const gapsByFn = new Map(report.functions.filter((f) => f.unknown.length).map((f) => [f.arn, gapsOf(f.arn, f.unknown)]));
  const rolesLeftOut = report.functions.some((f) => f.unknown.includes(ROLES_LEFT_OUT)) ? ROLES_LEFT_OUT : undefined;
  const iamError = report.errors.find((e) => e.operation === "GetAccountAuthorizationDetails");
  const iam = iamError
    ? `GetAccountAuthorizationDetails: ${iamError.code ?? "error"}`
    : accountGaps.get(findingId("data-unavailable", "account", "GetAccountAuthorizationDetails"))?.title;
  const lacks = (arn: string, needs: readonly DataOperation[], qualified = false) => {
    const gaps = (gapsByFn.get(arn) ?? []).filter((g) => (qualified || !g.qualifiedOnly) && g.data.some((op) => needs.includes(op)));
    return gaps.length ? gaps.map((g) => g.text).join("; ") : undefined;
  };
  const onQualifier = (arn: string, inv: Invoker) => !!inv.qualifier && inv.qualifier !== arn;
  const users = report.unknown?.find((u) => usersNotRead({ unknown: [u] }));
  const guardrails = guardrailsNotRead(report);
  const unguardedBy = (kinds: readonly GuardrailKind[]) => (guardrails?.kinds.some((k) => kinds.includes(k)) ? guardrails.why : undefined);
  return {
    unlisted: (region) =>
      !scanned.has(region) ? `${region} was not scanned` : (accountGaps.get(regionListGapId(region)) ?? accountGaps.get(regionListGapId(undefined)))?.title,
    lacks,
    lacksWayIn: (arn, inv) =>
      lacks(arn, WAY_IN_NEEDS[inv.via], onQualifier(arn, inv)) ??
      (inv.via !== "identity-policy" ? undefined : inv.principalType === "user" ? users ?? rolesLeftOut : rolesLeftOut),
    lacksAnswer: (arn, inv) => (inv.unreadPolicies?.length ? `${inv.unreadPolicies.join(" and ")} could not be read` : lacks(arn, ANSWER_NEEDS[inv.via], onQualifier(arn, inv))),
    iam,
    guardrails,
    unguarded: (what) =>
      "action" in what
        ? unguardedBy(kindsOverAction(what.action))
        : "assumer" in what
          ? unguardedBy(what.assumer.kind === "own-account" ? BOTH : ["rcp"])
          : what.invoker.via === "identity-policy"
            ? unguardedBy(["scp"])
            : undefined,
  };
}

/**
 * The `items` that `why` finds no data for in one scan (not verifiable there), and the rest. With `whyOther`, an item
 * the other scan lacks exactly the same data for (the same function, part and error: the same text) is no scan's gap
 * alone: both answered it from the same readable parts, so it counts as a change, its `unreadInBoth` noting the gap.
 */
export function splitByGap<T>(
  items: T[],
  why: (item: T) => string | undefined,
  whyOther?: (item: T) => string | undefined,
): { gone: (T & { unreadInBoth?: string })[]; unverified: (T & { why: string })[] } {
  const gone: (T & { unreadInBoth?: string })[] = [];
  const unverified: (T & { why: string })[] = [];
  for (const item of items) {
    const gap = why(item);
    if (!gap) gone.push(item as T & { unreadInBoth?: string });
    else if (gap === whyOther?.(item)) gone.push({ ...item, unreadInBoth: gap });
    else unverified.push({ ...item, why: gap });
  }
  return { gone, unverified };
}

/**
 * Things of both scans whose answer differs, by whether each scan could check it: `whyNow` finds what the newer scan
 * could not read for it (not verifiable), else `whyThen` what the older could not (unknown before); the rest changed,
 * those both scans lacked the same data for with it as `unreadInBoth`.
 */
export function splitChanged<T>(items: T[], whyNow: (item: T) => string | undefined, whyThen: (item: T) => string | undefined) {
  const now = splitByGap(items, whyNow, whyThen);
  const then = splitByGap(now.gone, whyThen, whyNow);
  return { changed: then.gone, unverified: now.unverified, unknownBefore: then.unverified };
}

/**
 * Why a finding of one scan that the other lacks may still stand there (or have stood): a function it badges was not
 * listed by the other scan, or the other scan lacks data its rule reads for one; or guardrails that may decide its
 * rule's verdict were unread: the other scan's where their Deny raises the finding (a role refused what it needs), its
 * own where their Deny may clear it (a way to admin). A rule that reads none of the missing data judged the function,
 * so the finding's absence there is a fix (or, the other way round, the finding is new).
 */
export function findingGap(
  f: Finding,
  own: ReadonlyMap<string, FunctionReport>,
  other: ReadonlyMap<string, FunctionReport>,
  otherGaps: ScanGaps,
  ownGaps: ScanGaps,
): string | undefined {
  for (const arn of f.functions) {
    const name = own.get(arn)?.name ?? arn;
    const why = other.has(arn)
      ? otherGaps.lacks(arn, needsOf(f.rule), findingTarget(f).startsWith(`${arn}:`))
      : otherGaps.unlisted(own.get(arn)?.region ?? arn.split(":")[3] ?? "");
    if (why) return `${name}: ${why}`;
  }
  const rule = guardrailRule(f.rule);
  return rule && unreadGuardrails(rule.kinds, rule.refusal === "clears" ? ownGaps : otherGaps);
}

/**
 * Why a finding both scans have may read otherwise in this scan (another severity, title or functions) only for the
 * guardrails it could not read: its rule is one they decide, and a Deny or condition of theirs may raise or soften it
 * either way ("lacks sqs:DeleteMessage" in one scan, "…; may lack sqs:ReceiveMessage" under an SCP's condition in the
 * other), so the change is this scan's gap whichever way the rule's refusal goes.
 */
export function changedFindingGap(f: Pick<Finding, "rule">, gaps: ScanGaps): string | undefined {
  const rule = guardrailRule(f.rule);
  return rule && unreadGuardrails(rule.kinds, gaps);
}

/** The scan's unread guardrails, where of a kind among `kinds`. */
function unreadGuardrails(kinds: readonly GuardrailKind[], gaps: ScanGaps): string | undefined {
  return gaps.guardrails?.kinds.some((k) => kinds.includes(k)) ? gaps.guardrails.why : undefined;
}
