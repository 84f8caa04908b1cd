/**
 * The organization's guardrails above the account's own policies (the `organizations` section, schema.ts
 * OrganizationsDataSchema): SCPs limit the account's IAM principals, RCPs the requests on its resources. Read once per
 * scan, Organizations being global: DescribeOrganization; then, unless the account is the management account (which
 * neither limits), ListRoots (which policy types are enabled), ListParents from the account up to the root,
 * ListPoliciesForTarget per enabled type for the root, each OU on the path and the account, and DescribePolicy once
 * per policy listed. Each answer is stored as AWS gave it (all pages merged), keyed as the schema says; a list whose
 * later page failed keeps the pages read and the last one's NextToken (listed).
 *
 * Every failure is an `errors` entry whose target is the id asked about (DescribeOrganization's: the account, whose
 * organization it is; ListRoots': the organization), and loses only what depends on it: the analysis calls the
 * guardrails unknown, never absent. All but DescribeOrganization may be called only by the management account or a
 * delegated administrator (Organizations API reference), so a member account's scan usually records
 * AccessDeniedException on ListRoots and ListParents.
 */
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  paginateListParents,
  paginateListPoliciesForTarget,
  paginateListRoots,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { OrganizationsDataSchema, type OrganizationsData, type SnapshotError } from "@/lib/snapshot/schema";
import { errorCode, errorMessage, MalformedResponse } from "./errors";
import { pagedItems } from "./pages";
import { malformed } from "./items";
import { plain, sortedKeys } from "./plain";

/** The policy types that limit what a request may do (tag, backup and other policy types do not). */
export const GUARDRAIL_TYPES = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"] as const;
type GuardrailType = (typeof GUARDRAIL_TYPES)[number];

/**
 * The statuses on the root (PolicyTypeSummary: "ENABLED | PENDING_ENABLE | PENDING_DISABLE") under which a type's
 * policies may limit requests: enabling and disabling are "asynchronous" requests AWS "performs in the background"
 * (EnablePolicyType, DisablePolicyType references), so a pending type may be enforced already or still.
 */
const MAY_BE_ENFORCED: readonly string[] = ["ENABLED", "PENDING_ENABLE", "PENDING_DISABLE"];

/**
 * ListParents calls from the account to the root: OUs nest at most five levels deep under a root with SCPs
 * (CreateOrganizationalUnit reference), so a path needing more is an answer that loops or is malformed, left unknown.
 */
export const MAX_PARENT_HOPS = 6;

/** Organizations' List calls take MaxResults 1 to 20. */
const PAGE_SIZE = 20;

type Json = Record<string, unknown>;

/** `value` at `path` in the section, checked against the section's schema: a MalformedResponse when it does not fit. */
function checked(path: string[], value: Json): Json {
  const wrapped = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  const bad = malformed(OrganizationsDataSchema, wrapped, "the answer");
  if (bad) throw bad;
  return value;
}

/**
 * One list's answer at `path` in the section, its items merged across pages, and the failure to record if a page
 * failed. The pages read before a failed one are kept, with the last one's NextToken: AWS's own word that more
 * follow, which the analysis (lib/analysis/organization.ts) reads as a partial list, so a policy on an unread page
 * is unknown, never absent (an error alone would not say which policy type's list it cut short).
 */
async function listed<P extends object>(pages: AsyncIterable<P>, field: string & keyof P, path: string[]): Promise<{ answer?: Json; error?: unknown }> {
  const { items, error, nextToken } = await pagedItems(pages, (page) => plain(page[field] ?? []) as unknown as Json[]);
  if (error !== undefined && (items.length === 0 || nextToken === undefined)) return { error };
  try {
    return { answer: checked(path, { [field]: items, ...(error !== undefined ? { NextToken: nextToken } : {}) }), error };
  } catch (bad: unknown) {
    return { error: error ?? bad };
  }
}

export async function collectOrganizations(client: OrganizationsClient, account: string, record: (e: SnapshotError) => void): Promise<OrganizationsData> {
  const fail = (operation: string, target: string, e: unknown) => record({ operation, target, code: errorCode(e), message: errorMessage(e) });

  let DescribeOrganization: Json;
  try {
    DescribeOrganization = checked(["DescribeOrganization"], plain(await client.send(new DescribeOrganizationCommand({}))) as unknown as Json);
  } catch (e: unknown) {
    // AWSOrganizationsNotInUseException (in no organization) included: the code tells the analysis which it is.
    fail("DescribeOrganization", account, e);
    return {};
  }
  const organization = DescribeOrganization.Organization as Json | undefined;
  if (organization?.MasterAccountId === account) return { DescribeOrganization };

  const organizationId = typeof organization?.Id === "string" && organization.Id !== "" ? organization.Id : account;
  const ListParents: Record<string, Json> = {};
  const [roots, path] = await Promise.all([listRoots(), pathToRoot()]);

  async function listRoots(): Promise<Json | undefined> {
    const { answer, error } = await listed(paginateListRoots({ client, pageSize: PAGE_SIZE }, {}), "Roots", ["ListRoots"]);
    if (error !== undefined) fail("ListRoots", organizationId, error);
    return answer;
  }

  /** The OUs from the account up, and the root, as far as ListParents answered. */
  async function pathToRoot(): Promise<{ units: string[]; root?: string }> {
    const units: string[] = [];
    let child = account;
    for (let hop = 0; hop < MAX_PARENT_HOPS; hop++) {
      const { answer, error } = await listed(paginateListParents({ client, pageSize: PAGE_SIZE }, { ChildId: child }), "Parents", ["ListParents", child]);
      if (answer) ListParents[child] = answer;
      if (error !== undefined || !answer) {
        fail("ListParents", child, error);
        return { units };
      }
      const parents = answer.Parents as Json[];
      // A child has exactly one parent (ListParents reference); anything else leaves the path above unknown.
      const parent = parents.length === 1 ? parents[0] : undefined;
      const id = typeof parent?.Id === "string" && parent.Id !== "" ? parent.Id : undefined;
      if (id && parent?.Type === "ROOT") return { units, root: id };
      const why =
        parents.length !== 1
          ? `lists ${parents.length} parents`
          : !id || parent?.Type !== "ORGANIZATIONAL_UNIT"
            ? "names no root or OU with an Id"
            : id === account || units.includes(id)
              ? `names ${id}, which is already on the path`
              : undefined;
      if (why || !id) {
        fail("ListParents", child, new MalformedResponse(`the answer ${why}: the path to the root is left unknown`));
        return { units };
      }
      units.push(id);
      child = id;
    }
    fail("ListParents", child, new MalformedResponse(`the path has more than ${MAX_PARENT_HOPS} levels above the account: the rest of it is left unknown`));
    return { units };
  }

  // A type not enabled on the root limits nothing (ListRoots says so to the analysis); unknown roots, or only some
  // of them: ask for both. A type being enabled or disabled may already, or still, be enforced: its policies are read.
  const rootList = (roots?.Roots ?? []) as Json[];
  const types =
    roots && roots.NextToken === undefined
      ? GUARDRAIL_TYPES.filter((type) => rootList.some((r) => ((r.PolicyTypes ?? []) as Json[]).some((p) => p.Type === type && MAY_BE_ENFORCED.includes(p.Status as string))))
      : [...GUARDRAIL_TYPES];
  const rootIds = path.root ? [path.root] : rootList.map((r) => r.Id).filter((id): id is string => typeof id === "string" && id !== "");
  const targets = [...new Set([...rootIds, ...[...path.units].reverse(), account])];

  const ListPoliciesForTarget: Partial<Record<GuardrailType, Record<string, Json>>> = {};
  const policyIds = new Set<string>();
  await Promise.all(
    types.flatMap((type) =>
      targets.map(async (target) => {
        const pages = paginateListPoliciesForTarget({ client, pageSize: PAGE_SIZE }, { TargetId: target, Filter: type });
        const { answer, error } = await listed(pages, "Policies", ["ListPoliciesForTarget", type, target]);
        if (error !== undefined) fail("ListPoliciesForTarget", target, error);
        if (!answer) return;
        (ListPoliciesForTarget[type] ??= {})[target] = answer;
        // Those on a list cut short are described too: the snapshot then holds each policy it names.
        for (const p of answer.Policies as Json[]) if (typeof p.Id === "string" && p.Id !== "") policyIds.add(p.Id);
      }),
    ),
  );

  const DescribePolicy: Record<string, Json> = {};
  await Promise.all(
    [...policyIds].map(async (id) => {
      try {
        DescribePolicy[id] = checked(["DescribePolicy", id], plain(await client.send(new DescribePolicyCommand({ PolicyId: id }))) as unknown as Json);
      } catch (e: unknown) {
        fail("DescribePolicy", id, e);
      }
    }),
  );

  const byType = Object.fromEntries(GUARDRAIL_TYPES.filter((t) => ListPoliciesForTarget[t]).map((t) => [t, sortedKeys(ListPoliciesForTarget[t]!)]));
  return {
    DescribeOrganization,
    ...(roots ? { ListRoots: roots } : {}),
    ...(Object.keys(ListParents).length ? { ListParents: sortedKeys(ListParents) } : {}),
    ...(Object.keys(byType).length ? { ListPoliciesForTarget: byType } : {}),
    ...(Object.keys(DescribePolicy).length ? { DescribePolicy: sortedKeys(DescribePolicy) } : {}),
  } as OrganizationsData;
}
