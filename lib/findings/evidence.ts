/**
 * Evidence builders: every finding points at what decided it — the statements the evaluator matched (with the
 * role, policy and statement they come from), the action that is missing and why, the mapping or configuration
 * object, or the API call that failed.
 */
import type { Unavailable } from "@/lib/analysis/account-model";
import { INCOMPLETE_SNAPSHOT, MALFORMED_POLICY, MALFORMED_RESPONSE, NOT_READ } from "@/lib/analysis/snapshot-gaps";
import { serviceOfArn } from "@/lib/analysis/arn";
import type { Evidence, EvidenceSource } from "@/lib/analysis/types";
import type { EvaluationResult, PolicyDocument, PolicySource, Statement, StatementMatch } from "@/lib/policy/types";
import type { EventSourceMapping } from "@/lib/snapshot/schema";
import { statementLabel } from "./finding-id";
import { policyLabel } from "@/lib/policy/statement";
import { dependsOnText } from "./depends-on";

const KIND_BY_SOURCE: Record<PolicySource["kind"], Evidence["kind"]> = {
  inline: "identity-statement",
  managed: "identity-statement",
  boundary: "boundary-statement",
  resource: "resource-statement",
  trust: "trust-statement",
  scp: "organization-statement",
  rcp: "organization-statement",
};

/** A function's ARN is its `functionArn`; a key's, queue's or stream's is a `resourceArn`, so no panel calls it a function. */
function arnField(arn: string): Pick<EvidenceSource, "functionArn" | "resourceArn"> {
  return serviceOfArn(arn) === "lambda" ? { functionArn: arn } : { resourceArn: arn };
}

function sourceOf(source: PolicySource, statementIndex: number, sid: string | undefined): EvidenceSource {
  const out: EvidenceSource = { policyName: source.policyName, policyKind: source.kind, statementIndex };
  if (source.roleArn) out.roleArn = source.roleArn;
  if (source.roleName) out.roleName = source.roleName;
  if (source.policyArn) out.policyArn = source.policyArn;
  if (source.policyId) out.policyId = source.policyId;
  if (source.target) out.target = source.target;
  if (source.resourceArn) Object.assign(out, arnField(source.resourceArn));
  if (sid) out.sid = sid;
  return out;
}

/** "inline policy 'orders' of role orders-role, statement "Logs"" — where a statement lives, for sentences. */
export function whereIs(source: PolicySource, statement: { sid?: string; index: number }): string {
  const owner = source.roleName ? ` of role ${source.roleName}` : source.resourceArn ? ` of ${source.resourceArn}` : "";
  const version = source.kind === "managed" && source.versionId ? ` (default version ${source.versionId})` : "";
  return `${policyTitle(source)}${version}${owner}, statement ${statementLabel(statement)}`;
}

/**
 * A role's one trust policy, a function's (or alias's) one policy and a key's one policy have no names of their own:
 * "trust policy 'trust policy'" said nothing twice. Inline and managed policies keep their name.
 */
function policyTitle(source: PolicySource): string {
  if (source.kind === "trust") return "trust policy";
  const service = source.kind === "resource" && source.resourceArn ? serviceOfArn(source.resourceArn) : undefined;
  if (service === "lambda") return "function policy";
  // A key's policy is always named "default" (GetKeyPolicy); its grants are read as statements of their own.
  if (service === "kms") return source.policyName === "grants" ? "grants" : "key policy";
  if (service === "elasticfilesystem") return "file system policy";
  if (service === "ecr") return "repository policy";
  return policyLabel(source);
}

/** A statement the evaluator matched; `highlight` holds the matched actions/resources and the deciding keys. */
export function matchEvidence(m: StatementMatch, description?: string): Evidence {
  const at = { sid: m.sid, index: m.statementIndex };
  const conditional = m.matched && m.condition === "unknown";
  const text =
    description ??
    `${m.effect} in ${whereIs(m.source, at)}${conditional ? ` applies only if: ${m.conditionNotes.join("; ")}` : ""}`;
  return {
    kind: KIND_BY_SOURCE[m.source.kind],
    description: text,
    source: sourceOf(m.source, m.statementIndex, m.sid),
    document: m.raw,
    highlight: unique([...m.matchedActions, ...m.matchedResources, ...m.unknownKeys]),
  };
}

/** A statement read straight from a document (resource and trust policies enumerated by a rule). */
export function statementEvidence(policy: PolicyDocument, statement: Statement, description: string, highlight: string[]): Evidence {
  return {
    kind: KIND_BY_SOURCE[policy.source.kind],
    description,
    source: sourceOf(policy.source, statement.index, statement.sid),
    document: statement.raw,
    highlight: unique(highlight),
  };
}

/** The statements behind one evaluation (a Deny that wins, the Allows, or those whose conditions are unknown). */
export function resultEvidence(result: EvaluationResult): Evidence[] {
  return dedupe(result.statements.map((m) => matchEvidence(m)));
}

/** The notes the answer holds for `statement` where it may or may not apply: why the answer turns on it. */
export function unknownConditionNotes(result: EvaluationResult, statement: Statement): string[] {
  return result.statements.flatMap((m) => (m.raw === statement.raw && m.matched && m.condition === "unknown" ? m.conditionNotes : []));
}

/**
 * What a conditional answer turns on, for titles, details and evidence alike: the condition keys not known, the
 * values AWS may read otherwise, the key policy, or the documents the snapshot could not give ("managed policy x,
 * which could not be read"). Several answers (one finding's probes or requests) are named together.
 */
export function dependsOnWhat(results: EvaluationResult | readonly EvaluationResult[]): string {
  const all: readonly EvaluationResult[] = Array.isArray(results) ? results : [results as EvaluationResult];
  const text = dependsOnText({
    keys: unique(all.flatMap((r) => r.unknownKeys)),
    values: unique(all.flatMap((r) => r.statements.flatMap((m) => m.undocumentedValues ?? []))),
    keyPolicy: all.some((r) => r.unreadKeyPolicy),
    documents: unique(all.flatMap((r) => r.unreadDocuments ?? [])),
    accounts: unique(all.flatMap((r) => (r.foreignAccount ? [r.foreignAccount] : []))),
  });
  return text ?? "policies that could not be read";
}

/** An action the role needs and does not (or may not) have, with the evaluator's reasons. */
/** `subject` names who lacks it when that is not the execution role (a function URL's callers). */
export function missingActionEvidence(action: string, resource: string, result: EvaluationResult, roleName?: string, subject?: string, assumption?: string): Evidence {
  const who = subject ?? (roleName ? `Role ${roleName}` : "The execution role");
  const verdict =
    result.decision === "conditional"
      ? `may not be able to perform ${action} on ${resource} (depends on ${dependsOnWhat(result)})`
      : result.decision === "explicitly-denied"
        ? `is explicitly denied ${action} on ${resource}`
        : `cannot perform ${action} on ${resource}`;
  return {
    kind: "missing-action",
    description: `${who} ${verdict}: ${result.reasons.join("; ") || "no statement allows it"}`,
    // A denial that holds only `assumption` (a key the snapshot does not resolve) is no certain gap: readers such as
    // the round trip's poll check tell the two apart by it.
    document: { action, resource, decision: result.decision, reasons: result.reasons, ...(assumption ? { assumption } : {}) },
    highlight: [action, resource],
  };
}

export function mappingEvidence(m: EventSourceMapping, description: string, highlight: string[] = []): Evidence {
  return {
    kind: "event-source-mapping",
    description,
    source: { mappingUuid: m.UUID, functionArn: m.FunctionArn },
    document: m,
    highlight: unique(highlight),
  };
}

export function configEvidence(functionArn: string, description: string, document: unknown, highlight: string[] = []): Evidence {
  return { kind: "configuration", description, source: { functionArn }, document, highlight: unique(highlight) };
}

/**
 * Gaps that carry the analyser's own code rather than an error AWS returned: the call answered (or was not made), so
 * the evidence says what happened instead of "failed".
 */
const OWN_GAPS: Record<string, (operation: string, forWhere: string, message: string | undefined) => string> = {
  [MALFORMED_POLICY]: (op, w, m) => `${op} returned a policy document${w} that cannot be analysed: ${m ?? "malformed"}`,
  [MALFORMED_RESPONSE]: (op, w, m) => `${op} returned an answer${w} that cannot be read: ${m ?? "malformed"}`,
  [INCOMPLETE_SNAPSHOT]: (op, w, m) => `${op}${w} is only partly in the snapshot: ${m ?? "later pages were not read"}`,
  [NOT_READ]: (op, w, m) => `${op}${w} is not in the snapshot: ${m ?? "the scan did not read it"}`,
};

/** A call that failed, in AWS's words (or, for the analyser's own gaps, what happened instead). */
export function apiErrorEvidence(u: Unavailable): Evidence {
  const where = [u.region, u.target].filter(Boolean).join(" ");
  const forWhere = where ? ` for ${where}` : "";
  const own = u.code !== undefined && Object.hasOwn(OWN_GAPS, u.code) ? OWN_GAPS[u.code] : undefined;
  const description = own ? own(u.operation, forWhere, u.message) : `${u.operation} failed${forWhere}: ${u.code ?? "error"}${u.message ? ` (${u.message})` : ""}`;
  return {
    kind: "api-error",
    description,
    source: { operation: u.operation, ...(u.target ? arnField(u.target) : {}) },
    document: u,
    highlight: [u.operation, ...(u.code ? [u.code] : [])],
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.length > 0))];
}

/** Drops repeated evidence for the same statement (one statement often decides several actions). */
export function dedupe(evidence: Evidence[]): Evidence[] {
  // Highlights gather in sets: one statement listing thousands of resources is merged thousands of times.
  const seen = new Map<string, { evidence: Evidence; highlight: Set<string> }>();
  for (const e of evidence) {
    const s = e.source;
    const key =
      e.kind === "missing-action"
        ? `${e.kind}|${e.description}`
        : `${e.kind}|${s?.roleArn ?? ""}|${s?.policyArn ?? s?.policyName ?? ""}|${s?.functionArn ?? s?.resourceArn ?? ""}|${s?.statementIndex ?? ""}|${s?.mappingUuid ?? ""}|${s?.operation ?? ""}`;
    const prev = seen.get(key);
    if (!prev) seen.set(key, { evidence: e, highlight: new Set(e.highlight ?? []) });
    else for (const h of e.highlight ?? []) if (h.length > 0) prev.highlight.add(h);
  }
  return [...seen.values()].map(({ evidence, highlight }) => ({ ...evidence, highlight: [...highlight] }));
}
