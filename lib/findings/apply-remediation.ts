/**
 * Test support: carries out a finding's remediation on the snapshot it came from, as the AWS CLI commands in it
 * would change the account, so a test can re-analyse and check the finding is gone. A remediation that names the
 * wrong role, a policy that grants the wrong resource, or a Sid that is not the statement's would pass every other
 * test and still leave the user's account as it was.
 *
 * Only what the commands say is done: prose ("add them to the boundary") and commands or documents with a placeholder
 * (`<source ARN>`) are not carried out, and the finding counts as not applicable, unless the test names a value for
 * that placeholder. A flag a command's case does not model makes the command not carried out, never half done.
 */
import { remediationParts } from "@/lib/view/remediation-parts";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { EventSourceMapping, SnapshotInput } from "@/lib/snapshot/schema";
import type { Finding } from "@/lib/analysis/types";
import { eventSourceType } from "@/lib/analysis/invokers";
import { enableRefusesWithout } from "./event-source-needs";
import { decodeDocument } from "@/lib/snapshot/fixtures/policy-documents";
import { iamPolicySize, POLICY_LIMITS } from "./policy-size";

/** What applying a remediation did: the commands carried out, or why it could not be. */
export type Applied = { applied: string[] } | { skipped: string };

/** The snapshot's raw JSON, loosely typed: the commands edit API responses as AWS would return them. */
type Json = Record<string, unknown>;

/** Shell words of one command line, as a POSIX shell splits them (single quotes only: the rules use no others). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in ${line}`);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === "\\" && i + 1 < line.length) {
      word = (word ?? "") + line[++i];
    } else if (c === " ") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "#" && word === undefined) {
      break; // a comment (`# …`)
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** `--flag value` and `--flag=value` pairs; a flag with no value (`--enabled`) maps to "". */
function flagsOf(words: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 3; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith("--")) continue;
    const eq = w.indexOf("=");
    if (eq > 0) flags.set(w.slice(0, eq), w.slice(eq + 1));
    else if (i + 1 < words.length && !words[i + 1]!.startsWith("--")) flags.set(w, words[++i]!);
    else flags.set(w, "");
  }
  return flags;
}

/**
 * Prose asking for a change its commands do not make (edit the boundary, another account's or a key's policy, narrow
 * a Deny): the commands alone are not the whole fix.
 */
const OTHER_CHANGES = /add them to it|attach a boundary|only under a condition|key policy|queue policy|cluster policy|resource policy (of|document)|\bDeny\b/;

/**
 * A text line that offers another way than the commands before it ("If it should be public: … If not, …", "If the
 * functions need nothing of that inline policy but writing their logs, keep only that in it instead:").
 */
const ANOTHER_WAY = /(^|\n)((If not|Otherwise|Or)\b|If [^\n]*\binstead:$)/m;

/**
 * The ways a remediation offers: its parts cut where the text offers another way. Each is a complete fix on its own,
 * so each is applied to its own copy of the snapshot; carrying out both branches of a choice would test neither.
 */
export function remediationWays(remediation: string): string[] {
  const ways: string[][] = [[]];
  for (const part of remediationParts(remediation)) {
    const current = ways.at(-1)!;
    if (part.kind === "text" && ANOTHER_WAY.test(part.text) && current.length > 0) ways.push([]);
    ways.at(-1)!.push(part.text);
  }
  return ways.map((w) => w.join("\n"));
}

/** Values for a fix's placeholders, by placeholder (`<account that owns the bucket>`), that a test names for its account. */
export type PlaceholderValues = Readonly<Record<string, string>>;

/** Applies one way of a remediation (remediationWays) to `snapshot` in place, its placeholders in `fill` filled in. */
export function applyRemediation(snapshot: SnapshotInput, remediation: string, fill: PlaceholderValues = {}): Applied {
  const parts = remediationParts(Object.entries(fill).reduce((text, [placeholder, value]) => text.replaceAll(placeholder, value), remediation));
  const commands = parts.filter((p) => p.kind === "command");
  if (commands.length === 0) return { skipped: "no command" };
  const placeholder = commands.find((c) => /<[^>]+>/.test(c.text));
  if (placeholder) return { skipped: `placeholder in ${placeholder.text}` };
  // The user fills it in: a document no command reads is an edit the commands leave out, and one a command reads
  // would be carried out with the placeholder as its value.
  const template = parts.find((p) => p.kind === "document" && /<[^>]+>/.test(p.text));
  if (template) return { skipped: `placeholder in a document: ${template.text}` };
  const prose = parts.find((p) => p.kind === "text" && OTHER_CHANGES.test(p.text));
  if (prose) return { skipped: `a change no command makes: ${prose.text}` };
  const applied: string[] = [];
  let document: string | undefined;
  for (const part of parts) {
    if (part.kind === "document") document = part.text;
    if (part.kind !== "command") continue;
    const words = shellWords(part.text.replace(/\\\n/g, " "));
    const flags = flagsOf(words);
    const policyDocument = (flag = "--policy-document"): Json => {
      const arg = flags.get(flag) ?? "";
      const text = arg.startsWith("file://") ? document : arg;
      if (text === undefined) throw new SkipRemediation(`${arg} is not in the remediation`);
      return JSON.parse(text) as Json;
    };
    try {
      applyCommand(snapshot, `${words[1]} ${words[2]}`, flags, policyDocument);
    } catch (e) {
      if (e instanceof SkipRemediation) return { skipped: e.message };
      throw e;
    }
    applied.push(part.text);
  }
  return { applied };
}

class SkipRemediation extends Error {}

function applyCommand(snapshot: SnapshotInput, command: string, flags: Map<string, string>, policyDocument: (flag?: string) => Json): void {
  const need = (flag: string) => {
    const v = flags.get(flag);
    if (v === undefined) throw new Error(`${command} without ${flag}`);
    return v;
  };
  switch (command) {
    case "iam put-role-policy": {
      const role = roleNamed(snapshot, need("--role-name"));
      const list = ((role.RolePolicyList as Json[] | undefined) ??= []);
      const name = need("--policy-name");
      const entry = { PolicyName: name, PolicyDocument: JSON.stringify(policyDocument()) };
      const at = list.findIndex((p) => p.PolicyName === name);
      const after = at >= 0 ? list.with(at, entry) : [...list, entry];
      const size = after.reduce((sum, p) => sum + inlineSize(p.PolicyDocument), 0);
      // IAM refuses it (LimitExceeded): a fix that takes the role past the quota is no fix.
      if (size > POLICY_LIMITS.roleInlinePolicies) throw new Error(`LimitExceeded: inline policies of ${String(role.RoleName)} would be ${size} characters`);
      role.RolePolicyList = after;
      return;
    }
    case "iam create-policy": {
      const name = need("--policy-name");
      const details = (snapshot.iam as Json | undefined)?.GetAccountAuthorizationDetails as Json | undefined;
      if (!details) throw new Error("no GetAccountAuthorizationDetails to add a policy to");
      const policies = ((details.Policies ??= []) as Json[]);
      const arn = `arn:${snapshot.partition ?? "aws"}:iam::${snapshot.account}:policy/${name}`;
      if (policies.some((p) => p.Arn === arn)) throw new Error(`EntityAlreadyExists: ${arn}`);
      const Document = JSON.stringify(managedDocument(policyDocument()));
      policies.push({ PolicyName: name, Arn: arn, DefaultVersionId: "v1", PolicyVersionList: [{ Document, VersionId: "v1", IsDefaultVersion: true }] });
      return;
    }
    case "iam attach-role-policy": {
      const role = roleNamed(snapshot, need("--role-name"));
      const arn = need("--policy-arn");
      const attached = ((role.AttachedManagedPolicies as Json[] | undefined) ??= []);
      if (!attached.some((p) => p.PolicyArn === arn)) attached.push({ PolicyArn: arn, PolicyName: arn.slice(arn.lastIndexOf("/") + 1) });
      return;
    }
    case "iam create-policy-version": {
      const arn = need("--policy-arn");
      const policies = ((snapshot.iam as Json | undefined)?.GetAccountAuthorizationDetails as { Policies?: Json[] } | undefined)?.Policies ?? [];
      const managed = policies.find((p) => p.Arn === arn);
      if (!managed) throw new Error(`no managed policy ${arn}`);
      const versions = ((managed.PolicyVersionList as Json[] | undefined) ??= []);
      // IAM refuses a sixth version (LimitExceeded): the fix says to delete one first.
      if (versions.length >= 5) throw new SkipRemediation(`${arn} has five versions`);
      const id = `v${Math.max(0, ...versions.map((v) => Number(String(v.VersionId).replace(/^v/, "")) || 0)) + 1}`;
      const setDefault = flags.has("--set-as-default");
      if (setDefault) for (const v of versions) v.IsDefaultVersion = false;
      versions.push({ Document: JSON.stringify(managedDocument(policyDocument())), VersionId: id, IsDefaultVersion: setDefault });
      if (setDefault) managed.DefaultVersionId = id;
      return;
    }
    case "iam update-assume-role-policy":
      roleNamed(snapshot, need("--role-name")).AssumeRolePolicyDocument = JSON.stringify(policyDocument());
      return;
    case "iam detach-role-policy": {
      const role = roleNamed(snapshot, need("--role-name"));
      const arn = need("--policy-arn");
      const attached = (role.AttachedManagedPolicies as Json[] | undefined) ?? [];
      if (!attached.some((p) => p.PolicyArn === arn)) throw new Error(`${arn} is not attached to ${String(role.RoleName)}`);
      role.AttachedManagedPolicies = attached.filter((p) => p.PolicyArn !== arn);
      return;
    }
    case "lambda remove-permission": {
      const { policies, key } = functionEntry(snapshot, "GetPolicy", flags);
      const entry = policies[key] as Json | undefined;
      const sid = need("--statement-id");
      const doc = entry && typeof entry.Policy === "string" ? (JSON.parse(entry.Policy) as Json) : undefined;
      const statements = doc ? [doc.Statement ?? []].flat() as Json[] : [];
      // AWS refuses a Sid the policy does not hold (ResourceNotFoundException): so does this.
      if (!doc || !statements.some((s) => s.Sid === sid)) throw new Error(`no statement ${sid} in the policy of ${key}`);
      doc.Statement = statements.filter((s) => s.Sid !== sid);
      entry!.Policy = JSON.stringify(doc);
      // Lambda deletes a policy left without statements: GetPolicy then answers ResourceNotFoundException, no policy.
      if ((doc.Statement as Json[]).length === 0) delete policies[key];
      return;
    }
    case "lambda add-permission": {
      const { policies, key } = functionEntry(snapshot, "GetPolicy", flags);
      const entry = ((policies[key] as Json | undefined) ??= { Policy: JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: [] }), RevisionId: "applied" });
      const doc = JSON.parse(entry.Policy as string) as Json;
      const statements = [doc.Statement ?? []].flat() as Json[];
      const sid = need("--statement-id");
      // AddPermission's StatementId: 1 to 100 characters (ValidationException otherwise).
      if (sid.length > 100) throw new Error(`ValidationException: statement id of ${sid.length} characters`);
      if (statements.some((s) => s.Sid === sid)) throw new Error(`statement ${sid} already in the policy of ${key}`);
      doc.Statement = [...statements, addedStatement(sid, key, flags, need("--action"), need("--principal"))];
      const policy = JSON.stringify(doc);
      const bytes = Buffer.byteLength(policy);
      if (bytes > POLICY_LIMITS.functionPolicy) throw new Error(`PolicyLengthExceededException: the policy of ${key} would be ${bytes} bytes`);
      entry.Policy = policy;
      return;
    }
    case "lambda update-function-url-config": {
      const { policies: urls, key } = functionEntry(snapshot, "GetFunctionUrlConfig", flags);
      const url = urls[key] as Json | undefined;
      if (!url) throw new Error(`no function URL for ${key}`);
      url.AuthType = need("--auth-type");
      return;
    }
    case "ecr set-repository-policy": {
      // The repository's stored GetRepositoryPolicy answer (one without policyText: no policy yet), replaced whole.
      const registry = need("--registry-id");
      const name = need("--repository-name");
      const arn = `arn:${snapshot.partition ?? "aws"}:ecr:${need("--region")}:${registry}:repository/${name}`;
      const entry = Object.values(snapshot.regions ?? {})
        .map((r) => ((r as Json).GetRepositoryPolicy as Record<string, Json> | undefined)?.[arn])
        .find((e) => e !== undefined);
      if (!entry) throw new Error(`RepositoryNotFoundException: no GetRepositoryPolicy answer for ${arn}`);
      entry.policyText = JSON.stringify(policyDocument("--policy-text"));
      return;
    }
    case "kms enable-key":
      setKeyState(snapshot, need("--key-id"), "Enabled");
      return;
    case "kms cancel-key-deletion":
      setKeyState(snapshot, need("--key-id"), "Disabled");
      return;
    case "lambda update-function-configuration": {
      // It changes the unpublished configuration alone: the CLI has no --qualifier for it (a version's is fixed).
      if (flags.has("--qualifier")) throw new Error(`${command} takes no --qualifier`);
      onlyFlags(command, flags, ["--function-name", "--region", "--runtime", "--role", "--dead-letter-config"]);
      const role = flags.get("--role");
      // Lambda refuses a role it cannot find (InvalidParameterValueException): a fix naming a deleted role is no fix.
      if (role !== undefined && !roleWithArn(snapshot, role)) throw new Error(`InvalidParameterValueException: no role ${role}`);
      const dlq = flags.get("--dead-letter-config");
      for (const config of latestConfigurations(snapshot, flags)) {
        if (flags.has("--runtime")) config.Runtime = need("--runtime");
        if (role !== undefined) config.Role = role;
        if (dlq !== undefined) config.DeadLetterConfig = structureArg(dlq);
      }
      return;
    }
    case "lambda publish-version": {
      onlyFlags(command, flags, ["--function-name", "--region"]);
      const [latest] = latestConfigurations(snapshot, flags);
      const arn = String(latest!.FunctionArn);
      const { policies: byFunction } = functionEntry(snapshot, "ListVersionsByFunction", flags);
      const entry = byFunction[arn] as Json | undefined;
      // Without the function's version list the snapshot says nothing of its versions; adding one would claim it does.
      if (!entry || !Array.isArray(entry.Versions)) throw new SkipRemediation(`the versions of ${arn} are not in the snapshot`);
      const versions = entry.Versions as Json[];
      // Lambda numbers versions on from the last one published; a deleted one's number is not reused (a lower bound here).
      const version = String(Math.max(0, ...versions.map((v) => Number(v.Version) || 0)) + 1);
      versions.push({ ...structuredClone(latest!), Version: version, FunctionArn: `${arn}:${version}` });
      // The version runs the code $LATEST has now: GetFunction of it answers the same image.
      const code = functionRegion(snapshot, flags).regional.GetFunction as Json | undefined;
      if (code?.[arn] !== undefined) code[`${arn}:${version}`] = structuredClone(code[arn]);
      return;
    }
    case "lambda update-event-source-mapping": {
      onlyFlags(command, flags, ["--uuid", "--enabled", "--function-name", "--region"]);
      const uuid = need("--uuid");
      const mapping = Object.values((snapshot.regions ?? {}) as Record<string, Json>)
        .flatMap((r) => ((r.ListEventSourceMappings as { EventSourceMappings?: Json[] } | undefined)?.EventSourceMappings ?? []))
        .find((m) => m.UUID === uuid && (!flags.has("--region") || String(m.FunctionArn).split(":")[3] === flags.get("--region")));
      if (!mapping) throw new Error(`ResourceNotFoundException: no event source mapping ${uuid}`);
      if (flags.has("--function-name")) mapping.FunctionArn = publishedQualifier(snapshot, flags, need("--function-name"));
      if (flags.has("--enabled")) {
        // The mapping passes through Enabling to Enabled (UpdateEventSourceMapping's answer); this is where it settles.
        mapping.State = "Enabled";
        mapping.StateTransitionReason = "USER_INITIATED";
      }
      if (flags.has("--enabled") || flags.has("--function-name")) refuseWithoutPollPermissions(snapshot, mapping, uuid);
      return;
    }
    case "lambda update-function-event-invoke-config": {
      onlyFlags(command, flags, ["--function-name", "--qualifier", "--region", "--destination-config"]);
      const { policies: configs, key } = functionEntry(snapshot, "GetFunctionEventInvokeConfig", flags);
      const config = configs[key] as Json | undefined;
      // Update, unlike Put, needs a configuration to update (ResourceNotFoundException otherwise).
      if (!config) throw new Error(`ResourceNotFoundException: no async invocation settings of ${key}`);
      // Update changes the settings it is given and keeps the rest: a new OnFailure leaves OnSuccess as it was.
      config.DestinationConfig = { ...((config.DestinationConfig as Json | undefined) ?? {}), ...structureArg(need("--destination-config")) };
      return;
    }
    case "lambda put-function-event-invoke-config": {
      onlyFlags(command, flags, ["--function-name", "--qualifier", "--region", "--destination-config", "--maximum-retry-attempts", "--maximum-event-age-in-seconds"]);
      const { policies: configs, key } = functionEntry(snapshot, "GetFunctionEventInvokeConfig", flags);
      // A version that does not exist has no settings to take (ResourceNotFoundException); aliases are not modelled.
      if (flags.has("--qualifier")) publishedQualifier(snapshot, flags, key);
      // Put, unlike Update, replaces the settings whole: what it is not given goes back to Lambda's defaults.
      configs[key] = {
        FunctionArn: key,
        ...(flags.has("--maximum-retry-attempts") ? { MaximumRetryAttempts: Number(need("--maximum-retry-attempts")) } : {}),
        ...(flags.has("--maximum-event-age-in-seconds") ? { MaximumEventAgeInSeconds: Number(need("--maximum-event-age-in-seconds")) } : {}),
        DestinationConfig: flags.has("--destination-config") ? structureArg(need("--destination-config")) : {},
      };
      return;
    }
    case "lambda delete-function-event-invoke-config": {
      onlyFlags(command, flags, ["--function-name", "--qualifier", "--region"]);
      const { policies: configs, key } = functionEntry(snapshot, "GetFunctionEventInvokeConfig", flags);
      if (!configs[key]) throw new Error(`ResourceNotFoundException: no async invocation settings of ${key}`);
      delete configs[key];
      return;
    }
    case "lambda update-alias": {
      onlyFlags(command, flags, ["--function-name", "--name", "--function-version", "--routing-config", "--region"]);
      const { policies: byFunction, key } = functionEntry(snapshot, "ListAliases", flags);
      const alias = ((byFunction[key] as { Aliases?: Json[] } | undefined)?.Aliases ?? []).find((a) => a.Name === need("--name"));
      if (!alias) throw new Error(`ResourceNotFoundException: no alias ${need("--name")} of ${key}`);
      if (flags.has("--function-version")) alias.FunctionVersion = publishedQualifier(snapshot, flags, `${key}:${need("--function-version")}`).slice(key.length + 1);
      if (flags.has("--routing-config")) {
        const routing = structureArg(need("--routing-config"));
        for (const version of Object.keys((routing.AdditionalVersionWeights as Json | undefined) ?? {})) publishedQualifier(snapshot, flags, `${key}:${version}`);
        alias.RoutingConfig = routing;
      }
      return;
    }
    case "lambda update-function-code": {
      // A .zip's code is not in the snapshot, so what deploying it changes cannot be checked; an image's URI is.
      onlyFlags(command, flags, ["--function-name", "--region", "--image-uri"]);
      const [latest] = latestConfigurations(snapshot, flags);
      if (latest!.PackageType !== "Image") throw new Error(`InvalidParameterValueException: --image-uri for ${String(latest!.FunctionArn)}, a .zip function`);
      const reads = functionRegion(snapshot, flags).regional.GetFunction as Json | undefined;
      // Without the scan's GetFunction reads the snapshot says nothing of any function's image; one answer would claim it does.
      if (!reads) throw new SkipRemediation("the snapshot holds no GetFunction read");
      const arn = String(latest!.FunctionArn);
      // GetFunction's Code as it answers after the deploy; the digest it resolves the tag to is not known beforehand.
      reads[arn] = { ...((reads[arn] as Json | undefined) ?? {}), Code: { RepositoryType: "ECR", ImageUri: need("--image-uri") } };
      return;
    }
    default:
      throw new SkipRemediation(`${command} is not carried out by the test applier`);
  }
}

/**
 * Lambda checks the role can read the source when a mapping is enabled or moved to another function or version, and
 * refuses the update when it cannot (lambda-permissions.md §1.4): the mapping as the update leaves it is judged as
 * the analysis judges any mapping, and a certain gap of its role's that Lambda checks (enableRefusesWithout) is that
 * refusal, also in a finding flagged conditional for another action it only may lack ("lacks sqs:ReceiveMessage; may
 * lack kms:Decrypt"). Any other gap (a queue's or stream's key; a Kafka, Amazon MQ or DocumentDB mapping's reads but
 * its secret; a read §1.4 does not name, as SQS GetQueueAttributes or an enhanced fan-out consumer's SubscribeToShard)
 * lets the update through and fails later, in its LastProcessingResult: it stays in the snapshot, and the analysis of it
 * still reports it. A secondary read Lambda falls back without (Kinesis ListShards) lets it through too.
 */
function refuseWithoutPollPermissions(snapshot: SnapshotInput, mapping: Json, uuid: string): void {
  const type = eventSourceType(mapping as EventSourceMapping);
  for (const f of analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot))).findings) {
    if (f.rule !== "event-source-missing-permissions") continue;
    // `#<uuid>`, or `#<uuid>/<role>` under a weighted alias; `/aws-managed-key` is the key's refusal, not the role's.
    const about = f.id.slice(f.id.indexOf("#") + 1);
    if (about !== uuid && (!about.startsWith(`${uuid}/`) || about === `${uuid}/aws-managed-key`)) continue;
    const refused = certainGaps(f).filter((action) => enableRefusesWithout(type, action));
    if (refused.length) {
      throw new Error(`InvalidParameterValueException: the execution role cannot poll the source of mapping ${uuid}: it lacks ${refused.join(", ")}, which Lambda checks when it enables a mapping (${f.title})`);
    }
  }
}

/**
 * The actions the finding's evidence says the role cannot (not "may not") perform: neither a conditional answer nor a
 * denial that holds only under an assumption (missingActionEvidence).
 */
function certainGaps(f: Finding): string[] {
  return f.evidence.flatMap((e) => {
    const missing = e.kind === "missing-action" ? (e.document as { action?: string; decision?: string; assumption?: string } | undefined) : undefined;
    return missing?.action && missing.decision !== "conditional" && !missing.assumption ? [missing.action] : [];
  });
}

/** What IAM counts of a stored inline policy; one the snapshot holds malformed counts as nothing (a lower bound). */
function inlineSize(document: unknown): number {
  try {
    return iamPolicySize(decodeDocument(document));
  } catch {
    return 0;
  }
}

/** A managed policy version's document, refused as IAM refuses one past its quota (LimitExceeded). */
function managedDocument(document: Json): Json {
  const size = iamPolicySize(document);
  if (size > POLICY_LIMITS.managedPolicy) throw new Error(`LimitExceeded: a managed policy of ${size} characters`);
  return document;
}

/** The statement AddPermission writes for these flags (Lambda's documented shapes). */
function addedStatement(sid: string, resource: string, flags: Map<string, string>, action: string, principal: string): Json {
  const condition: Record<string, Record<string, string>> = {};
  const add = (op: string, key: string, value: string | undefined) => {
    if (value !== undefined) (condition[op] ??= {})[key] = value;
  };
  add("ArnLike", "AWS:SourceArn", flags.get("--source-arn"));
  add("StringEquals", "AWS:SourceAccount", flags.get("--source-account"));
  add("StringEquals", "aws:PrincipalOrgID", flags.get("--principal-org-id"));
  add("StringEquals", "lambda:FunctionUrlAuthType", flags.get("--function-url-auth-type"));
  add("StringEquals", "lambda:EventSourceToken", flags.get("--event-source-token"));
  if (flags.has("--invoked-via-function-url")) add("Bool", "lambda:InvokedViaFunctionUrl", "true");
  const Principal =
    principal === "*" ? "*" : /^\d{12}$/.test(principal) ? { AWS: `arn:aws:iam::${principal}:root` } : principal.startsWith("arn:") ? { AWS: principal } : { Service: principal };
  return { Sid: sid, Effect: "Allow", Principal, Action: action, Resource: resource, ...(Object.keys(condition).length ? { Condition: condition } : {}) };
}

/** Sets the KeyState DescribeKey gave for the key, under every name it was described by (id, ARN, alias). */
function setKeyState(snapshot: SnapshotInput, keyArn: string, state: string): void {
  let found = false;
  for (const region of Object.values(snapshot.regions ?? {}) as Json[]) {
    for (const response of Object.values((region.DescribeKey as Record<string, Json> | undefined) ?? {})) {
      const metadata = response.KeyMetadata as Json | undefined;
      if (metadata?.Arn !== keyArn) continue;
      metadata.KeyState = state;
      found = true;
    }
  }
  if (!found) throw new Error(`no DescribeKey answer for ${keyArn}`);
}

/** A flag the applier does not model would be silently dropped: such a command is not carried out at all. */
function onlyFlags(command: string, flags: Map<string, string>, known: readonly string[]): void {
  const other = [...flags.keys()].find((f) => !known.includes(f));
  if (other) throw new SkipRemediation(`${command} ${other} is not carried out by the test applier`);
}

/** A structure argument as the AWS CLI reads it: JSON, or shorthand `Key=value,Key=value`. */
function structureArg(arg: string): Json {
  if (arg.trimStart().startsWith("{")) return JSON.parse(arg) as Json;
  return Object.fromEntries(arg.split(",").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
}

/**
 * The function's unpublished configuration ($LATEST) as ListFunctions returns it, and GetFunctionConfiguration's answer
 * where the scan stored one, which repeats it.
 */
function latestConfigurations(snapshot: SnapshotInput, flags: Map<string, string>): Json[] {
  const { regional, fn: key } = functionRegion(snapshot, flags);
  const listed = ((regional.ListFunctions as { Functions?: Json[] } | undefined)?.Functions ?? []).find((f) => f.FunctionArn === key || f.FunctionName === key);
  if (!listed) throw new Error(`ResourceNotFoundException: no function ${key}`);
  const answer = (regional.GetFunctionConfiguration as Record<string, Json> | undefined)?.[String(listed.FunctionArn)];
  return answer ? [listed, answer] : [listed];
}

/** `qualifiedArn` when it names a published version the snapshot lists: Lambda refuses to route to one that does not exist. */
function publishedQualifier(snapshot: SnapshotInput, flags: Map<string, string>, qualifiedArn: string): string {
  const { regional } = functionRegion(snapshot, flags);
  const cut = qualifiedArn.lastIndexOf(":");
  const versions = ((regional.ListVersionsByFunction as Record<string, { Versions?: Json[] }> | undefined)?.[qualifiedArn.slice(0, cut)]?.Versions ?? []);
  if (!versions.some((v) => v.Version === qualifiedArn.slice(cut + 1))) throw new Error(`ResourceNotFoundException: no version ${qualifiedArn}`);
  return qualifiedArn;
}

function roleWithArn(snapshot: SnapshotInput, arn: string): Json | undefined {
  const roles = ((snapshot.iam as Json | undefined)?.GetAccountAuthorizationDetails as { RoleDetailList?: Json[] } | undefined)?.RoleDetailList ?? [];
  return roles.find((r) => r.Arn === arn);
}

function roleNamed(snapshot: SnapshotInput, name: string): Json {
  const roles = ((snapshot.iam as Json | undefined)?.GetAccountAuthorizationDetails as { RoleDetailList?: Json[] } | undefined)?.RoleDetailList ?? [];
  const role = roles.find((r) => r.RoleName === name);
  if (!role) throw new Error(`no role named ${name}`);
  return role;
}

/** The per-function map (`GetPolicy`, `GetFunctionUrlConfig`) of the function's region, and its key there. */
function functionEntry(snapshot: SnapshotInput, operation: string, flags: Map<string, string>): { policies: Json; key: string } {
  const { regional, fn } = functionRegion(snapshot, flags);
  const qualifier = flags.get("--qualifier");
  return { policies: ((regional[operation] as Json | undefined) ??= {}), key: qualifier ? `${fn}:${qualifier}` : fn };
}

/** The region data a command naming `--function-name` (and `--region`) is sent to. */
function functionRegion(snapshot: SnapshotInput, flags: Map<string, string>): { regional: Json; fn: string } {
  const fn = flags.get("--function-name") ?? "";
  const region = flags.get("--region") ?? fn.split(":")[3] ?? "";
  const regional = (snapshot.regions as Record<string, Json> | undefined)?.[region];
  if (!regional) throw new Error(`no region ${region} for ${fn}`);
  return { regional, fn };
}
