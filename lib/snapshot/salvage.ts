/**
 * A malformed answer about one resource (a function's policy, a queue's attributes, a key's grants: the maps keyed
 * by ARN under each region; a managed policy or role read one by one by IAM, keyed by ARN under iam) no longer makes the whole snapshot unreadable: that answer is set aside and recorded in
 * `errors` as MalformedResponse, so the analysis says "unknown" for that resource, as for a call that failed
 * (snapshot.md: "the same holds for every per-function map"), and analyses the rest. A file from an emulator or
 * another tool with one odd field would otherwise lose every other function with it. A malformed entry of a list
 * (a region's ListFunctions or ListEventSourceMappings, IAM's role, user, group and policy lists) is removed the same
 * way, recorded against the id it names where that is readable, so the list counts as incomplete: the region's
 * functions are not listed in full, the function's mappings unknown, IAM partial (lib/analysis/snapshot-gaps.ts). The
 * organization's answers (its SCPs and RCPs) are set aside too, their guardrails then unknown. A whole map or list of
 * the wrong type, and issues at the top level, still refuse the file with the schema's own words.
 */
import { z } from "zod";
import { RegionDataSchema } from "./schema";
import { listEntry, setAsideListEntries, setAsideRecord, type ListEntry, type SetAside } from "./salvage-lists";

/** The region map's operations whose answers are kept per resource (`z.record`): each entry stands alone. */
const PER_RESOURCE = new Set(
  Object.entries(RegionDataSchema.shape)
    .filter(([, schema]) => schema instanceof z.ZodOptional && schema.unwrap() instanceof z.ZodRecord)
    .map(([operation]) => operation),
);

/**
 * IAM's answers kept per managed policy or role (the scanner's reads of policies GetAccountAuthorizationDetails left
 * out, and of the execution roles when it was refused): a malformed one leaves that policy, or that part of the role
 * (snapshot-gaps.ts roleReadGap), unknown. GetRolePolicy's answers are set aside per role, all of its inline policies.
 */
const IAM_PER_RESOURCE = new Set(["GetPolicy", "GetPolicyVersion", "GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies"]);

/** The answers set aside, each as reported and as recorded in the snapshot's `errors` list. */
export interface Salvage {
  setAside: SetAside[];
}

/**
 * Removes from `value` (in place) each per-resource answer one of `issues` lies in, records each in its `errors`, and
 * says what was removed; undefined, with `value` untouched, when any issue lies outside such an answer.
 */
export function setAsideMalformedAnswers(value: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): Salvage | undefined {
  if (value.errors !== undefined && !Array.isArray(value.errors)) return undefined;
  const targets: { region: string; operation: string; target: string; issue: z.core.$ZodIssue }[] = [];
  const organizations: OrganizationsAnswer[] = [];
  const entries: ListEntry[] = [];
  const policyReads: { operation: string; target: string; issue: z.core.$ZodIssue }[] = [];
  for (const issue of issues) {
    const [root, region, operation, target] = issue.path;
    if (root === "organizations") {
      organizations.push(organizationsAnswer(issue));
      continue;
    }
    // IAM's per-policy and per-role reads, keyed by policy or role ARN: `region` is the operation here.
    if (root === "iam" && typeof region === "string" && IAM_PER_RESOURCE.has(region) && typeof operation === "string") {
      policyReads.push({ operation: region, target: operation, issue });
      continue;
    }
    const entry = listEntry(issue);
    if (entry) {
      entries.push(entry);
      continue;
    }
    if (root !== "regions" || typeof region !== "string" || typeof operation !== "string" || !PER_RESOURCE.has(operation) || typeof target !== "string") return undefined;
    targets.push({ region, operation, target, issue });
  }
  const regions = value.regions as Record<string, Record<string, Record<string, unknown>>>;
  const setAside: SetAside[] = [...setAsideOrganizations(value, organizations), ...setAsideListEntries(value, entries)];
  const seen = new Set<string>();
  for (const { region, operation, target, issue } of targets) {
    const key = JSON.stringify([region, operation, target]);
    if (seen.has(key)) continue;
    seen.add(key);
    delete regions[region]![operation]![target];
    const field = issue.path.slice(4).map(String).join(".") || "the answer";
    setAside.push(setAsideRecord(["regions", region, operation, target].join("."), { region, operation, target }, `${field}: ${issue.message}`));
  }
  const iam = value.iam as Record<string, Record<string, unknown>>;
  for (const { operation, target, issue } of policyReads) {
    const key = JSON.stringify(["iam", operation, target]);
    if (seen.has(key)) continue;
    seen.add(key);
    delete iam[operation]![target];
    const field = issue.path.slice(3).map(String).join(".") || "the answer";
    setAside.push(setAsideRecord(["iam", operation, target].join("."), { operation, target }, `${field}: ${issue.message}`));
  }
  value.errors = [...((value.errors as unknown[] | undefined) ?? []), ...setAside.map((s) => s.error)];
  return { setAside };
}

/**
 * One answer of the organizations section (schema.ts OrganizationsDataSchema): where it sits (`at`, the keys down to
 * it), the operation and the id it was about. The section is read beside the account's own policies, so one odd
 * answer makes the guardrails unknown (lib/analysis/organization.ts finds the error recorded here), not the file
 * unreadable; a section that is not even an object is set aside whole, as an unreadable DescribeOrganization.
 */
interface OrganizationsAnswer {
  at: string[];
  operation: string;
  target?: string;
  issue: z.core.$ZodIssue;
}

/** Answers keyed by one id (child, policy), by filter then target, or one answer for the account. */
const KEY_DEPTH: Record<string, number> = { ListParents: 1, DescribePolicy: 1, ListPoliciesForTarget: 2 };

function organizationsAnswer(issue: z.core.$ZodIssue): OrganizationsAnswer {
  const [, operation, ...keys] = issue.path.map(String);
  if (operation === undefined) return { at: [], operation: "DescribeOrganization", issue };
  const depth = KEY_DEPTH[operation] ?? 0;
  // A map of answers that is itself malformed (not keyed by id) loses that operation's answers, each unknown.
  const at = [operation, ...keys.slice(0, depth)];
  return { at, operation, ...(depth > 0 && keys.length >= depth ? { target: at[at.length - 1] } : {}), issue };
}

function setAsideOrganizations(value: Record<string, unknown>, answers: OrganizationsAnswer[]): SetAside[] {
  const setAside: SetAside[] = [];
  const seen = new Set<string>();
  // Shallowest first: an answer inside one already set aside needs no second entry.
  for (const { at, operation, target, issue } of [...answers].sort((a, b) => a.at.length - b.at.length)) {
    const key = JSON.stringify(at);
    if ([...seen].some((done) => key.startsWith(done.slice(0, -1)))) continue;
    seen.add(key);
    if (at.length === 0) value.organizations = {};
    else {
      let parent = value.organizations as Record<string, unknown> | undefined;
      for (const k of at.slice(0, -1)) parent = parent?.[k] as Record<string, unknown> | undefined;
      if (parent) delete parent[at[at.length - 1]!];
    }
    const field = issue.path.slice(1 + at.length).map(String).join(".") || "the answer";
    setAside.push(setAsideRecord(["organizations", ...at].join("."), { operation, ...(target ? { target } : {}) }, `${field}: ${issue.message}`));
  }
  return setAside;
}
