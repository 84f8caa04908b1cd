/**
 * Test support: holds a report's evidence to the snapshot it came from. It walks the raw snapshot on its own (not
 * through the account model the rules read), so a statement index off by one, a policy of another role, a Sid that is
 * not the statement's, a mapping or URL that does not exist, or a document that is not the snapshot's own is named,
 * whichever rule wrote it. Used by evidence-integrity.test.ts and by every rule test (lib/findings/test-support.ts).
 */
import { imageCode } from "./images-used";
import { ORGANIZATIONS_OPERATIONS } from "./organization";
import { isDeepStrictEqual } from "node:util";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { AnalysisReport, Evidence, Finding, FunctionReport, Invoker } from "@/lib/analysis/types";
import { decodePolicyText } from "@/lib/policy/parse";
import { MALFORMED_RESPONSE } from "@/lib/snapshot/schema";
import { incompleteResponses } from "./snapshot-gaps";
import { parseSnapshot } from "@/lib/snapshot/read";
import { actionMatches } from "@/lib/policy/wildcard";

export type Json = Record<string, unknown>;
/**
 * The errors the reader records for entries it sets aside (lib/snapshot/salvage.ts), and the partial role list they
 * make: evidence cites them, yet the raw file holds neither.
 */
function setAsideOnRead(raw: Json): Json[] {
  try {
    const parsed = parseSnapshot(raw);
    return [...parsed.errors, ...incompleteResponses(parsed)].filter((e) => e.code === MALFORMED_RESPONSE) as Json[];
  } catch {
    return [];
  }
}

// Entries that are not objects are ones the reader set aside (lib/snapshot/salvage-lists.ts): no evidence cites them.
const asList = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((e): e is Json => typeof e === "object" && e !== null) : []);

/** A policy document as stored: URL-encoded text, JSON text or an object. */
function documentOf(stored: unknown): Json | undefined {
  if (stored && typeof stored === "object") return stored as Json;
  if (typeof stored !== "string") return undefined;
  const decoded = decodePolicyText(stored);
  return decoded.ok ? (decoded.value as Json) : undefined;
}

function statementsOf(doc: Json | undefined): Json[] | undefined {
  if (!doc) return undefined;
  const st = doc.Statement;
  return Array.isArray(st) ? (st as Json[]) : st && typeof st === "object" ? [st as Json] : undefined;
}

/** A name as the report gives it: the snapshot's, or (missing or empty, as emulators leave it) the ARN's last part. */
function nameOf(name: unknown, arn: unknown): string {
  return typeof name === "string" && name !== "" ? name : String(arn).split(/[/:]/).pop() ?? "";
}

/** A statement's Sid as the report quotes it: a Sid written as a number is read as its text. */
function sidOf(st: Json): string | undefined {
  return st.Sid === undefined || st.Sid === null ? undefined : String(st.Sid);
}

/** An inline policy by name; an unnamed one (missing or empty name) is "inline policy #N" by its place in the list. */
function inlineNamed(list: Json[], name: string | undefined): Json | undefined {
  const placed = /^inline policy #(\d+)$/.exec(name ?? "");
  return list.find((p, i) => (typeof p.PolicyName === "string" && p.PolicyName !== "" ? p.PolicyName === name : placed !== null && Number(placed[1]) === i + 1));
}

export class RawSnapshot {
  private readonly gaad: Json;
  /** The snapshot as the reader sees it: through JSON text (no -0, no undefined), environment values redacted. */
  static asRead(snapshot: unknown): RawSnapshot {
    const raw = JSON.parse(JSON.stringify(snapshot)) as Json;
    // Before the redaction below: the reader validates first and redacts after, so an entry set aside for an
    // environment value of the wrong type (an array, an object) is set aside there; redacted, it would read as valid.
    const setAside = setAsideOnRead(raw);
    for (const region of Object.values((raw.regions ?? {}) as Json)) {
      for (const fn of asList(((region as Json | null)?.ListFunctions as Json | undefined)?.Functions)) {
        const vars = (fn?.Environment as Json | undefined)?.Variables;
        if (vars && typeof vars === "object") for (const k of Object.keys(vars)) (vars as Json)[k] = "<redacted>";
      }
    }
    return new RawSnapshot(raw, setAside);
  }

  /** `setAside`: what the reader set aside reading `raw` (setAsideOnRead), when worked out before `raw` was altered. */
  constructor(
    private readonly raw: Json,
    private readonly setAside?: Json[],
  ) {
    this.gaad = ((raw.iam as Json | undefined)?.GetAccountAuthorizationDetails ?? {}) as Json;
  }

  role(arn: string | undefined): Json | undefined {
    return asList(this.gaad.RoleDetailList).find((r) => r.Arn === arn);
  }

  /** GAAD's entry, else one built of the scanner's GetPolicy and GetPolicyVersion of a policy GAAD left out. */
  managedPolicy(policyArn: unknown): Json | undefined {
    const listed = asList(this.gaad.Policies).find((p) => p.Arn === policyArn);
    if (listed || typeof policyArn !== "string") return listed;
    const iam = (this.raw.iam ?? {}) as Record<string, Record<string, Json> | undefined>;
    const version = iam.GetPolicyVersion?.[policyArn]?.PolicyVersion as Json | undefined;
    if (!version) return undefined;
    return { ...((iam.GetPolicy?.[policyArn]?.Policy ?? {}) as Json), Arn: policyArn, PolicyVersionList: [version] };
  }

  defaultVersion(policyArn: string | undefined): Json | undefined {
    const policy = this.managedPolicy(policyArn);
    // Marked default, else named by the policy's DefaultVersionId, else the one version there is (older exports).
    const versions = asList(policy?.PolicyVersionList);
    const chosen =
      versions.find((v) => v.IsDefaultVersion === true) ??
      versions.find((v) => policy?.DefaultVersionId !== undefined && v.VersionId === policy.DefaultVersionId) ??
      (versions.length === 1 && versions[0]!.IsDefaultVersion !== false ? versions[0] : undefined);
    return documentOf(chosen?.Document);
  }

  regionOf(arn: string): Json {
    return ((this.raw.regions as Json)[arn.split(":")[3] ?? ""] ?? {}) as Json;
  }

  perResource(arn: string, operation: string): Json | undefined {
    return ((this.regionOf(arn)[operation] ?? {}) as Json)[arn] as Json | undefined;
  }

  /** Whether the snapshot holds an answer for `arn`, whatever its value (null and "" too: the reader sets them aside). */
  /** `region`: where a reference that is no ARN (a KMS key id or alias as a function's configuration names it) was read. */
  holdsAnswer(arn: string, operation: string, region?: string): boolean {
    const map = (region ? (((this.raw.regions as Json)[region] ?? {}) as Json) : this.regionOf(arn))[operation];
    return map !== null && typeof map === "object" && Object.hasOwn(map, arn);
  }

  /** Whether any region's map of `operation` holds an answer for `arn` (the analyser reads per-resource answers so). */
  holdsAnswerInAnyRegion(arn: string, operation: string): boolean {
    return Object.keys((this.raw.regions ?? {}) as Json).some((region) => this.holdsAnswer(arn, operation, region));
  }

  /** Whether the organizations section holds an answer of `operation` (for `target`, where answers are keyed by one). */
  organizationAnswer(operation: string, target: string | undefined): boolean {
    const section = ((this.raw.organizations ?? {}) as Json)[operation];
    if (section === undefined || section === null) return false;
    if (target === undefined) return true;
    const byTarget = section as Json;
    if (operation === "ListPoliciesForTarget") return Object.values(byTarget).some((perFilter) => Object.hasOwn((perFilter ?? {}) as Json, target));
    return Object.hasOwn(byTarget, target);
  }

  mapping(uuid: string | undefined): Json | undefined {
    for (const region of Object.values(this.raw.regions as Json)) {
      const found = asList(((region as Json).ListEventSourceMappings as Json | undefined)?.EventSourceMappings).find((m) => m.UUID === uuid);
      if (found) return found;
    }
    return undefined;
  }

  /** The function's (or a published version's) configuration as listed. */
  functionConfig(arn: string): Json | undefined {
    const region = this.regionOf(arn);
    const listed = asList((region.ListFunctions as Json | undefined)?.Functions).find((f) => f.FunctionArn === arn);
    if (listed) return listed;
    const unqualified = arn.split(":").slice(0, 7).join(":");
    return asList((((region.ListVersionsByFunction ?? {}) as Json)[unqualified] as Json | undefined)?.Versions).find((v) => v.FunctionArn === arn);
  }

  /**
   * Where a configuration excerpt of this function can come from: its configuration, one of that configuration's
   * objects (VpcConfig, Environment, DeadLetterConfig, …), its asynchronous-invocation configuration, or the
   * GetFunctionConfiguration answer (the state AWS reports), or the GetFunction answer (where its image comes from).
   */
  configurationSources(arn: string): Json[] {
    const config = this.functionConfig(arn);
    const nested = config ? Object.values(config).filter((v): v is Json => v !== null && typeof v === "object" && !Array.isArray(v)) : [];
    const asyncConfig = this.perResource(arn, "GetFunctionEventInvokeConfig");
    const answer = this.perResource(arn, "GetFunctionConfiguration");
    const image = this.perResource(arn, "GetFunction");
    // The rule cites GetFunction's Code's image fields only (lib/analysis/images.ts).
    const imageExcerpt = image?.Code && typeof image.Code === "object" ? { Code: imageCode(image.Code as Json) } : undefined;
    return [...(config ? [config] : []), ...nested, ...(asyncConfig ? [asyncConfig] : []), ...(answer ? [answer] : []), ...(imageExcerpt ? [imageExcerpt] : [])];
  }

  /** A role's or user's identity policies by name (inline and attached managed), and its groups' for a user. */
  identityStatements(principalArn: string, ref: string): Json[] | string {
    const viaGroup = /^group ([^:]+): (.*)$/.exec(ref);
    const [policyName, at] = splitRef(viaGroup ? viaGroup[2]! : ref);
    const holder = viaGroup
      ? asList(this.gaad.GroupDetailList).find((g) => g.GroupName === viaGroup[1] && this.userInGroup(principalArn, viaGroup[1]!))
      : asList(this.gaad.RoleDetailList).find((r) => r.Arn === principalArn) ?? asList(this.gaad.UserDetailList).find((u) => u.Arn === principalArn);
    if (!holder) return `no ${viaGroup ? `group ${viaGroup[1]} of` : "role or user"} ${principalArn}`;
    const inline = inlineNamed([...asList(holder.RolePolicyList), ...asList(holder.UserPolicyList), ...asList(holder.GroupPolicyList)], policyName);
    // A managed policy is named by its own PolicyName (the attachment repeats it, and is not what the report reads).
    const managed = asList(holder.AttachedManagedPolicies).find((p) => {
      const policy = this.managedPolicy(p.PolicyArn);
      return policy !== undefined && nameOf(policy.PolicyName, policy.Arn) === policyName;
    });
    const doc = inline ? documentOf(inline.PolicyDocument) : managed ? this.defaultVersion(managed.PolicyArn as string) : undefined;
    const statements = statementsOf(doc);
    if (!statements) return `${principalArn} holds no policy ${policyName}`;
    const matching = statements.filter((st, i) => sidOf(st) === at || (st.Sid === undefined && String(i) === at));
    return matching.length ? matching : `policy ${policyName} of ${principalArn} has no statement ${at}`;
  }

  /** A key policy's statements by "key policy of <key ARN>#<Sid or index>" (reaches.ts resourceGrantRef), or why not. */
  keyPolicyStatements(ref: string): Json[] | string {
    const [where, at] = splitRef(ref.slice(KEY_POLICY_REF.length));
    const statements = statementsOf(documentOf(this.perResource(where, "GetKeyPolicy")?.Policy));
    if (!statements) return `no key policy of ${where}`;
    const matching = statements.filter((st, i) => sidOf(st) === at || (st.Sid === undefined && String(i) === at));
    return matching.length ? matching : `the key policy of ${where} has no statement ${at}`;
  }

  /**
   * A queue's policy as GetQueueAttributes gave it. The scan stores a queue under the region it scanned, which is not
   * always the queue's own (a function's dead-letter queue in another region): every region's map is looked in.
   */
  queuePolicy(arn: string): Json | undefined {
    return this.policyAttribute(arn, "GetQueueAttributes");
  }

  /** A topic's policy as GetTopicAttributes gave it, stored, as a queue's, under the region that was scanned. */
  topicPolicy(arn: string): Json | undefined {
    return this.policyAttribute(arn, "GetTopicAttributes");
  }

  private policyAttribute(arn: string, operation: "GetQueueAttributes" | "GetTopicAttributes"): Json | undefined {
    for (const region of Object.values(this.raw.regions as Json)) {
      const attributes = ((((region as Json)[operation] ?? {}) as Json)[arn] as Json | undefined)?.Attributes as Json | undefined;
      if (attributes?.Policy !== undefined) return documentOf(attributes.Policy);
    }
    return undefined;
  }

  /** A file system's policy as DescribeFileSystemPolicy gave it, in whichever region's map the scan stored it. */
  fileSystemPolicy(arn: string): Json | undefined {
    for (const region of Object.values(this.raw.regions as Json)) {
      const answer = (((region as Json).DescribeFileSystemPolicy ?? {}) as Json)[arn] as Json | undefined;
      if (answer?.Policy !== undefined) return documentOf(answer.Policy);
    }
    return undefined;
  }

  /** A repository's policy as GetRepositoryPolicy gave it. */
  repositoryPolicy(arn: string): Json | undefined {
    return documentOf(this.perResource(arn, "GetRepositoryPolicy")?.policyText);
  }

  /**
   * A queue's, topic's, file system's or repository's policy statements by "queue policy of <queue ARN>#<Sid or index>", "file
   * system policy of <file system ARN>#…" or "repository policy of <repository ARN>#…" (reaches.ts resourceGrantRef),
   * or why not. "file system policy of <ARN> (unread)" stands for a policy the snapshot holds no readable document of
   * (reaches.ts addMountReach): an Allow unless one is there.
   */
  resourcePolicyStatements(ref: string): Json[] | string {
    const name = ref.startsWith(QUEUE_POLICY_REF) ? "queue policy" : ref.startsWith(REPOSITORY_POLICY_REF) ? "repository policy" : ref.startsWith(TOPIC_POLICY_REF) ? "topic policy" : "file system policy";
    const rest = ref.slice(`${name} of `.length);
    const documentAt = (arn: string) =>
      name === "queue policy" ? this.queuePolicy(arn) : name === "repository policy" ? this.repositoryPolicy(arn) : name === "topic policy" ? this.topicPolicy(arn) : this.fileSystemPolicy(arn);
    if (name === "file system policy" && rest.endsWith(UNREAD_SUFFIX)) {
      const where = rest.slice(0, -UNREAD_SUFFIX.length);
      return statementsOf(documentAt(where)) ? `the ${name} of ${where} is read, not unread` : [{ Effect: "Allow" }];
    }
    const [where, at] = splitRef(rest);
    const statements = statementsOf(documentAt(where));
    if (!statements) return `no ${name} of ${where}`;
    const matching = statements.filter((st, i) => sidOf(st) === at || (st.Sid === undefined && String(i) === at));
    return matching.length ? matching : `the ${name} of ${where} has no statement ${at}`;
  }

  /**
   * A grant by "grants of <key ARN>#<grant id>" (reaches.ts resourceGrantRef), as an Allow when ListGrants holds it for
   * the key with that grant id, or why not.
   */
  keyGrantStatements(ref: string): Json[] | string {
    const [where, id] = splitRef(ref.slice(KEY_GRANTS_REF.length));
    const grant = asList(this.perResource(where, "ListGrants")?.Grants).find((g) => g.GrantId === id);
    return grant ? [{ Effect: "Allow", ...grant }] : `no grant ${id} of ${where}`;
  }

  /**
   * What a reach's or way in's `deniedBy` entry names (reach-limits.ts, invoker-limits.ts), or why it is not there: a
   * Deny of the role's (or IAM user's) policies or boundary, of a function's, key's or queue's policy, the granting
   * statement with its NotResource, or the role's boundary.
   */
  denierProblem(roleArn: string, ref: string): string | undefined {
    const role = this.role(roleArn) ?? asList(this.gaad.UserDetailList).find((u) => u.Arn === roleArn);
    const boundaryArn = (role?.PermissionsBoundary as Json | undefined)?.PermissionsBoundaryArn as string | undefined;
    const boundary = boundaryArn ? this.managedPolicy(boundaryArn) : undefined;
    const boundaryName = boundary ? nameOf(boundary.PolicyName, boundary.Arn) : undefined;
    if (ref.endsWith(BOUNDARY_SUFFIX)) {
      return boundaryName === ref.slice(0, -BOUNDARY_SUFFIX.length) ? undefined : `the role's boundary is ${String(boundaryName)}, not ${ref}`;
    }
    const own = ref.endsWith(NOT_RESOURCE_SUFFIX);
    const cited = own ? ref.slice(0, -NOT_RESOURCE_SUFFIX.length) : ref;
    let found: Json[] | string;
    const guardrail = GUARDRAIL_REF.exec(cited);
    if (guardrail) {
      const [, kind, named, target] = guardrail as unknown as [string, string, string, string];
      const [policyName, at] = splitRef(named);
      found = this.guardrailStatements(kind === "SCP" ? "scp" : "rcp", policyName, target, at);
    } else if (cited.startsWith(FUNCTION_POLICY_REF)) {
      const [where, at] = splitRef(cited.slice(FUNCTION_POLICY_REF.length));
      const statements = statementsOf(documentOf(this.perResource(where, "GetPolicy")?.Policy));
      found = !statements
        ? `no function policy of ${where}`
        : statements.filter((st, i) => sidOf(st) === at || (st.Sid === undefined && String(i) === at));
    } else if (cited.startsWith(KEY_POLICY_REF)) {
      found = this.keyPolicyStatements(cited);
    } else if (isResourcePolicyRef(cited)) {
      found = this.resourcePolicyStatements(cited);
    } else {
      const [policyName, at] = splitRef(cited);
      const inBoundary = boundaryName === policyName ? statementsOf(this.defaultVersion(boundaryArn)) : undefined;
      found = inBoundary ? inBoundary.filter((st, i) => sidOf(st) === at || (st.Sid === undefined && String(i) === at)) : this.identityStatements(roleArn, cited);
    }
    if (typeof found === "string") return found;
    if (own) return found.some((st) => st.Effect === "Allow" && st.NotResource !== undefined) ? undefined : `${cited} is not an Allow with NotResource`;
    return found.some((st) => st.Effect === "Deny") ? undefined : `${cited} is not a Deny`;
  }

  private userInGroup(userArn: string, group: string): boolean {
    const user = asList(this.gaad.UserDetailList).find((u) => u.Arn === userArn);
    return Array.isArray(user?.GroupList) && (user.GroupList as string[]).includes(group);
  }

  errors(): Json[] {
    this.recorded ??= [...asList(this.raw.errors), ...(this.setAside ?? setAsideOnRead(this.raw))];
    return this.recorded;
  }
  private recorded?: Json[];

  /** An SCP's or RCP's document, when the snapshot lists it as attached where the evidence says. */
  private organizationPolicy(s: NonNullable<Evidence["source"]>): Json | string {
    const org = (this.raw.organizations ?? {}) as Json;
    const filter = s.policyKind === "scp" ? "SERVICE_CONTROL_POLICY" : s.policyKind === "rcp" ? "RESOURCE_CONTROL_POLICY" : undefined;
    if (!filter) return `unexpected policy kind ${String(s.policyKind)} for an organization statement`;
    const listed = ((((org.ListPoliciesForTarget ?? {}) as Json)[filter] ?? {}) as Json)[s.target ?? ""] as Json | undefined;
    if (!asList(listed?.Policies).some((p) => p.Id === s.policyId)) return `${s.policyId} is not listed as attached to ${s.target}`;
    const policy = ((((org.DescribePolicy ?? {}) as Json)[s.policyId ?? ""] ?? {}) as Json).Policy as Json | undefined;
    return documentOf(policy?.Content) ?? `no DescribePolicy Content for ${s.policyId}`;
  }

  /** Statement `at` (Sid or index) of the SCP / RCP named `policyName` attached to `target`, or why it is not there. */
  private guardrailStatements(kind: "scp" | "rcp", policyName: string, target: string, at: string): Json[] | string {
    const org = (this.raw.organizations ?? {}) as Json;
    const filter = kind === "scp" ? "SERVICE_CONTROL_POLICY" : "RESOURCE_CONTROL_POLICY";
    const listed = asList(((((org.ListPoliciesForTarget ?? {}) as Json)[filter] ?? {}) as Json)[target] && (((((org.ListPoliciesForTarget as Json)[filter]) as Json)[target]) as Json).Policies);
    const summary = listed.find((p) => p.Name === policyName);
    if (!summary) return `no ${kind.toUpperCase()} ${policyName} attached to ${target}`;
    const policy = ((((org.DescribePolicy ?? {}) as Json)[String(summary.Id)] ?? {}) as Json).Policy as Json | undefined;
    const statements = statementsOf(documentOf(policy?.Content));
    if (!statements) return `no DescribePolicy Content for ${String(summary.Id)}`;
    return statements.filter((st, i) => sidOf(st) === at || (st.Sid === undefined && String(i) === at));
  }

  /** The policy document a statement's evidence names, or why it cannot be found. */
  statementDocument(e: Evidence): Json | string {
    const s = e.source ?? {};
    if (e.kind === "resource-statement") {
      const arn = s.functionArn ?? s.resourceArn ?? "";
      if (arn.includes(":sqs:")) return this.queuePolicy(arn) ?? `no queue policy (GetQueueAttributes Policy) for ${arn}`;
      if (arn.includes(":elasticfilesystem:")) return this.fileSystemPolicy(arn) ?? `no file system policy (DescribeFileSystemPolicy) for ${arn}`;
      if (arn.includes(":sns:")) return this.topicPolicy(arn) ?? `no topic policy (GetTopicAttributes Policy) for ${arn}`;
      if (arn.includes(":ecr:")) return this.repositoryPolicy(arn) ?? `no repository policy (GetRepositoryPolicy policyText) for ${arn}`;
      const op = arn.includes(":kms:") ? "GetKeyPolicy" : "GetPolicy";
      return documentOf(this.perResource(arn, op)?.Policy) ?? `no ${op} document for ${arn}`;
    }
    if (e.kind === "organization-statement") return this.organizationPolicy(s);
    const role = this.role(s.roleArn);
    if (!role) return `no role ${s.roleArn}`;
    if (nameOf(role.RoleName, role.Arn) !== s.roleName) return `role ${s.roleArn} is named ${String(role.RoleName)}, not ${s.roleName}`;
    switch (s.policyKind) {
      case "trust":
        return documentOf(role.AssumeRolePolicyDocument) ?? "no trust policy";
      case "inline":
        return documentOf(inlineNamed(asList(role.RolePolicyList), s.policyName)?.PolicyDocument) ?? `no inline policy ${s.policyName}`;
      case "managed":
        if (!asList(role.AttachedManagedPolicies).some((p) => p.PolicyArn === s.policyArn)) return `${s.policyArn} is not attached to the role`;
        return this.defaultVersion(s.policyArn) ?? `no default version of ${s.policyArn}`;
      case "boundary": {
        const boundary = (role.PermissionsBoundary as Json | undefined)?.PermissionsBoundaryArn;
        if (boundary !== s.policyArn) return `the role's boundary is ${String(boundary)}, not ${s.policyArn}`;
        return this.defaultVersion(s.policyArn) ?? `no default version of ${s.policyArn}`;
      }
      default:
        return `unexpected policy kind ${String(s.policyKind)}`;
    }
  }
}

const ORGANIZATIONS_READS: ReadonlySet<string> = new Set(ORGANIZATIONS_OPERATIONS);

/** How reaches.ts names an SCP's or RCP's Deny: "SCP name#sid (attached to ou-…)". */
const GUARDRAIL_REF = /^(SCP|RCP) (.+) \(attached to ([^)]+)\)$/;
const KEY_POLICY_REF = "key policy of ";
const QUEUE_POLICY_REF = "queue policy of ";
const FILE_SYSTEM_POLICY_REF = "file system policy of ";
const REPOSITORY_POLICY_REF = "repository policy of ";
const TOPIC_POLICY_REF = "topic policy of ";

/** A statement of a queue's, topic's, file system's or repository's policy (resourcePolicyStatements reads them all). */
function isResourcePolicyRef(ref: string): boolean {
  return ref.startsWith(QUEUE_POLICY_REF) || ref.startsWith(FILE_SYSTEM_POLICY_REF) || ref.startsWith(REPOSITORY_POLICY_REF) || ref.startsWith(TOPIC_POLICY_REF);
}
const UNREAD_SUFFIX = " (unread)";
const FUNCTION_POLICY_REF = "function policy of ";
const BOUNDARY_SUFFIX = " (permissions boundary)";
const NOT_RESOURCE_SUFFIX = " (its NotResource)";
const KEY_GRANTS_REF = "grants of ";

/** "policyName#sid" or "policyName#index": the name may hold "#", the statement part may not. */
function splitRef(ref: string): [string, string] {
  const at = ref.lastIndexOf("#");
  return [ref.slice(0, at), ref.slice(at + 1)];
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === "string" ? [v] : []);

/** Every way one way in misstates the snapshot. */
export function invokerProblems(raw: RawSnapshot, fn: FunctionReport, inv: Invoker): string[] {
  const target = inv.qualifier ?? fn.arn;
  const out: string[] = [];
  switch (inv.via) {
    case "resource-policy": {
      const statement = statementsOf(documentOf(raw.perResource(target, "GetPolicy")?.Policy))?.[inv.statementIndex ?? -1];
      if (!statement) return [`no statement #${String(inv.statementIndex)} in the policy of ${target}`];
      // A statement without a Sid is listed as "#<index>".
      if ((sidOf(statement) ?? `#${String(inv.statementIndex)}`) !== inv.sid) out.push(`statement #${String(inv.statementIndex)} has Sid ${String(statement.Sid)}, not ${String(inv.sid)}`);
      if (statement.Effect !== "Allow") out.push(`statement ${String(inv.sid)} is not an Allow`);
      const written = listOf(statement.Action);
      const except = listOf(statement.NotAction);
      const covers = (a: string) => (statement.NotAction !== undefined ? !except.some((p) => actionMatches(p, a)) : written.some((p) => actionMatches(p, a)));
      for (const a of inv.actions ?? []) if (!covers(a)) out.push(`statement ${String(inv.sid)} does not name ${a}`);
      const principal = JSON.stringify(statement.Principal ?? null);
      if (inv.principalType !== "public" && inv.principalType !== "organization" && !principal.includes(inv.principal)) {
        out.push(`statement ${String(inv.sid)}'s Principal ${principal.slice(0, 80)} does not name ${inv.principal}`);
      }
      if (inv.sourceArn && !JSON.stringify(statement.Condition ?? null).includes(inv.sourceArn)) out.push(`statement ${String(inv.sid)} names no source ${inv.sourceArn}`);
      return out;
    }
    case "event-source-mapping": {
      const mapping = raw.mapping(inv.uuid);
      if (!mapping) return [`no mapping ${inv.uuid}`];
      // A self-managed Kafka source has no ARN: the way in names its bootstrap servers.
      const servers = listOf(((mapping.SelfManagedEventSource as Json | undefined)?.Endpoints as Json | undefined)?.KAFKA_BOOTSTRAP_SERVERS);
      const shown = mapping.EventSourceArn ?? (servers.length ? `kafka://${servers.join(",")}` : undefined);
      if (inv.sourceArn !== undefined && shown !== inv.sourceArn) out.push(`mapping ${inv.uuid} reads ${String(shown)}, not ${inv.sourceArn}`);
      if (!String(mapping.FunctionArn).startsWith(fn.arn)) out.push(`mapping ${inv.uuid} targets ${String(mapping.FunctionArn)}`);
      return out;
    }
    case "function-url": {
      const url = raw.perResource(target, "GetFunctionUrlConfig");
      if (!url) return [`no URL config for ${target}`];
      if (url.FunctionUrl !== inv.url || url.AuthType !== inv.authType) out.push(`URL of ${target} is ${String(url.FunctionUrl)} (${String(url.AuthType)})`);
      return out;
    }
    case "identity-policy": {
      for (const ref of inv.statements ?? []) {
        const found = raw.identityStatements(inv.principal, ref);
        if (typeof found === "string") out.push(found);
        else if (!found.some((st) => st.Effect === "Allow")) out.push(`${ref} of ${inv.principal} is not an Allow`);
      }
      if (!inv.statements?.length) out.push(`identity-policy way in from ${inv.principal} cites no statement`);
      return out;
    }
    default:
      return out;
  }
}

/** The panel labels functionArn "Function": a key's, queue's or stream's ARN there would misname the evidence. */
function arnFieldProblems(e: Evidence): string[] {
  const s = e.source ?? {};
  const out: string[] = [];
  if (s.functionArn !== undefined && s.functionArn.split(":")[2] !== "lambda") out.push(`functionArn ${s.functionArn} is not a function`);
  if (s.resourceArn !== undefined && s.resourceArn.split(":")[2] === "lambda") out.push(`resourceArn ${s.resourceArn} is a function`);
  return out;
}

/** Every way one piece of evidence misstates the snapshot (empty when it is exact). */
export function evidenceProblems(raw: RawSnapshot, e: Evidence): string[] {
  return [...arnFieldProblems(e), ...placementProblems(raw, e)];
}

/** Whether what the evidence cites is where its source says, as it says. */
function placementProblems(raw: RawSnapshot, e: Evidence): string[] {
  const s = e.source ?? {};
  const out: string[] = [];
  const same = (what: string, found: unknown) => {
    if (e.document !== undefined && !isDeepStrictEqual(e.document, found)) out.push(`${what}: document differs from the snapshot's`);
  };
  switch (e.kind) {
    case "identity-statement":
    case "boundary-statement":
    case "trust-statement":
    case "organization-statement":
    case "resource-statement": {
      const doc = raw.statementDocument(e);
      if (typeof doc === "string") return [doc];
      // Evidence about a whole document (a trust policy that lets Lambda in nowhere) cites it without an index.
      if (s.statementIndex === undefined) {
        same("whole document", doc);
        return e.document === undefined ? ["statement without an index or document"] : out;
      }
      const statement = statementsOf(doc)?.[s.statementIndex];
      if (!statement) return [`no statement #${s.statementIndex}`];
      if (sidOf(statement) !== s.sid) out.push(`statement #${s.statementIndex} has Sid ${String(statement.Sid)}, evidence says ${String(s.sid)}`);
      const named = s.sid ? `statement ${s.sid}` : `statement #${s.statementIndex}`;
      if (e.description !== "" && !e.description.includes(named)) out.push(`description does not name ${named}`);
      same(`statement #${s.statementIndex}`, statement);
      return out;
    }
    case "event-source-mapping": {
      const mapping = raw.mapping(s.mappingUuid);
      if (!mapping) return [`no mapping ${s.mappingUuid}`];
      if (!String(mapping.FunctionArn).startsWith(s.functionArn ?? "\0")) out.push(`mapping ${s.mappingUuid} targets ${String(mapping.FunctionArn)}`);
      same(`mapping ${s.mappingUuid}`, mapping);
      return out;
    }
    case "function-url": {
      const url = raw.perResource(s.functionArn ?? "", "GetFunctionUrlConfig");
      if (!url) return [`no URL config for ${s.functionArn}`];
      same(`URL of ${s.functionArn}`, url);
      return out;
    }
    case "missing-action": {
      const d = e.document as { action?: string; resource?: string; decision?: string } | undefined;
      if (!d?.action || !d.resource) return ["missing action without action and resource"];
      if (!["implicitly-denied", "explicitly-denied", "conditional"].includes(d.decision ?? "")) out.push(`missing action ${d.action} decided ${d.decision}`);
      if (!e.description.includes(d.action) || !e.description.includes(d.resource)) out.push(`description does not name ${d.action} on ${d.resource}`);
      return out;
    }
    case "api-error": {
      const d = e.document as Json | undefined;
      // The region's list gap is cited without the targets of the functions set aside from it.
      const recorded = raw.errors().some((x) => x.operation === d?.operation && ((x.target ?? undefined) === (d?.target ?? undefined) || (d?.operation === "ListFunctions" && d?.target === undefined)));
      // The analyser's own codes: a document the call returned but that cannot be read, or a list held in part. The
      // scanner records MalformedResponse too, for an answer it left out (lib/aws/items.ts, pages.ts).
      // Organizations answers are account-wide (keyed by target id, not by ARN): malformed ones must be there, ones
      // the analyser found missing must not.
      if (!recorded && ORGANIZATIONS_READS.has(String(d?.operation))) {
        const held = raw.organizationAnswer(String(d?.operation), d?.target === undefined ? undefined : String(d.target));
        if (d?.code === "NotRead" ? held : !held) out.push(`${String(d?.operation)} ${String(d?.target)}: the snapshot ${held ? "holds" : "lacks"} that answer`);
        return out;
      }
      if (d?.code === "MalformedPolicy" || d?.code === "MalformedResponse") {
        const region = typeof d.region === "string" && !String(d.target).startsWith("arn:") ? d.region : undefined;
        if (!recorded && !raw.holdsAnswer(String(d.target), String(d.operation), region)) out.push(`no ${String(d.operation)} answer for ${String(d.target)} to be malformed`);
        return out;
      }
      if (d?.code === "IncompleteSnapshot") return out;
      // The analyser's code for an answer no region's map holds (resource-reads.ts looks in every region's), where
      // no error was recorded: right only while the snapshot lacks it.
      if (d?.code === "NotRead" && !recorded) {
        if (raw.holdsAnswerInAnyRegion(String(d.target), String(d.operation))) out.push(`${String(d.operation)} ${String(d.target)}: cited as not in the snapshot, which holds that answer`);
        return out;
      }
      if (!recorded) out.push(`no recorded ${String(d?.operation)} error for ${String(d?.target)}`);
      return out;
    }
    case "configuration": {
      // Excerpts of a function's configuration; other configuration evidence (a queue's or key's attributes) has
      // no function ARN and is not checked here.
      if (!s.functionArn?.includes(":lambda:") || e.document === undefined) return out;
      const doc = e.document as Json;
      // Environment evidence lists the suspicious variables' names only, never their values (not even redacted).
      if (Array.isArray(doc.Variables)) {
        const env = (raw.functionConfig(s.functionArn)?.Environment as Json | undefined)?.Variables as Json | undefined;
        for (const name of doc.Variables as string[]) if (!env || !(name in env)) out.push(`no environment variable ${name} on ${s.functionArn}`);
        return out;
      }
      const excerpt = Object.entries(doc);
      const found = raw.configurationSources(s.functionArn).some((c) => excerpt.every(([key, value]) => isDeepStrictEqual(c[key], value)));
      // Evidence is JSON, which has no undefined: a field the function's listed configuration lacks is cited as null
      // (the schema reads absent and null alike), as data-unavailable cites a function listed without a Role. Only
      // null, and only against the listed configuration itself (its nested objects lack most fields).
      const listed = raw.functionConfig(s.functionArn);
      const absentAsNull = listed !== undefined && excerpt.every(([key, value]) => isDeepStrictEqual(listed[key], value) || (value === null && !Object.hasOwn(listed, key)));
      if (!found && !absentAsNull) out.push(`configuration ${JSON.stringify(e.document).slice(0, 120)} is not in ${s.functionArn}'s configuration`);
      return out;
    }
  }
}

/** The invoker and reach lists of every function: each way in and each reach's statements, where they say. */
export function auditLists(snapshot: unknown, report: AnalysisReport = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)))): { problems: string[]; checked: Record<string, number> } {
  const raw = RawSnapshot.asRead(snapshot);
  const problems: string[] = [];
  const checked: Record<string, number> = {};
  const count = (k: string) => (checked[k] = (checked[k] ?? 0) + 1);
  for (const fn of report.functions) {
    for (const inv of fn.invokers) {
      count(inv.via);
      for (const p of invokerProblems(raw, fn, inv)) problems.push(`${fn.name} ← ${inv.principal} (${inv.via}): ${p}`);
      for (const ref of inv.deniedBy ?? []) {
        count("invoker-denied-by");
        const problem = raw.denierProblem(inv.principal, ref);
        if (problem) problems.push(`${fn.name} ← ${inv.principal} (${inv.via}), denied by: ${problem}`);
      }
    }
    for (const reach of fn.reaches) {
      for (const ref of reach.via) {
        count("reach");
        // A key user listed by ARN, a grantee, a queue consumer named by a queue policy or a file system client named
        // by its policy reaches the key, queue or file system through that policy or grant (reaches.ts
        // addResourcePolicyReach, addMountReach).
        const found = ref.startsWith(KEY_POLICY_REF)
          ? raw.keyPolicyStatements(ref)
          : ref.startsWith(KEY_GRANTS_REF)
            ? raw.keyGrantStatements(ref)
            : isResourcePolicyRef(ref)
              ? raw.resourcePolicyStatements(ref)
              : raw.identityStatements(fn.role, ref);
        if (typeof found === "string") problems.push(`${fn.name} → ${reach.resource}: ${found}`);
        else if (!found.some((st) => st.Effect === "Allow")) problems.push(`${fn.name} → ${reach.resource}: ${ref} is not an Allow`);
      }
      for (const ref of reach.deniedBy ?? []) {
        count("reach-denied-by");
        const problem = raw.denierProblem(fn.role, ref);
        if (problem) problems.push(`${fn.name} → ${reach.resource}, denied by: ${problem}`);
      }
      for (const account of reach.otherAccounts ?? []) {
        count("reach-other-account");
        // Another account: not the snapshot's, and the one the reach's resource names (or its pattern's segment).
        const segment = reach.resource === "*" ? "*" : reach.resource.split(":")[4];
        if (account === report.account || account !== segment) problems.push(`${fn.name} → ${reach.resource}: account ${account} is not the resource's other account`);
      }
    }
  }
  for (const entry of report.accountInvokers ?? []) {
    for (const ref of entry.deniedBy ?? []) {
      count("invoker-denied-by");
      const problem = raw.denierProblem(entry.principal, ref);
      if (problem) problems.push(`every function ← ${entry.principal}, denied by: ${problem}`);
    }
  }
  return { problems, checked };
}

export function auditReport(snapshot: unknown, report: AnalysisReport = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)))): { problems: string[]; checked: Record<string, number> } {
  const checked: Record<string, number> = {};
  for (const e of report.findings.flatMap((f) => f.evidence)) checked[e.kind] = (checked[e.kind] ?? 0) + 1;
  return { problems: findingEvidenceProblems(snapshot, report.findings), checked };
}

/** Every way the findings' evidence misstates the snapshot they came from (empty when all of it is exact). */
export function findingEvidenceProblems(snapshot: unknown, findings: readonly Finding[]): string[] {
  const raw = RawSnapshot.asRead(snapshot);
  const problems: string[] = [];
  for (const f of findings) {
    if (f.evidence.length === 0) problems.push(`${f.id}: no evidence`);
    for (const e of f.evidence) for (const p of evidenceProblems(raw, e)) problems.push(`${f.id} (${e.kind}): ${p}`);
  }
  return problems;
}
