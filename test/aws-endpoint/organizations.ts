/**
 * AWS Organizations' AWS JSON 1.1 protocol as the SDK (3.1164.0) speaks it: `POST /` with
 * `X-Amz-Target: AWSOrganizationsV20161128.<Operation>`, a JSON body, and errors as a JSON body whose `__type` names
 * the error, with the HTTP status of the service model. The reads the scan makes are served from a snapshot's
 * `organizations` section, keyed as the snapshot keys them: DescribeOrganization, ListRoots, ListParents by ChildId,
 * ListPoliciesForTarget by Filter and TargetId, DescribePolicy by PolicyId; the lists in pages of `MaxResults`
 * (capped by the endpoint's page size) with `NextToken`. Anything else is an UnsupportedAPIEndpointException, so a
 * scanner that starts sending something new fails its tests instead of passing silently.
 *
 * A snapshot without the section was taken without asking (an older scan, `--no-organizations`): its account is
 * served as the management account of its own organization, which neither SCPs nor RCPs limit, so the scan reads
 * nothing more and finds what the snapshot says (no guardrails). A section without DescribeOrganization (and no
 * recorded error for it) is an account in no organization: AWSOrganizationsNotInUseException.
 */
import type { HttpAnswer } from "./lambda";
import type { JsonService } from "./json-service";

type Json = Record<string, unknown>;

const JSON_11 = "application/x-amz-json-1.1";

export function organizationsError(status: number, type: string, message: string): HttpAnswer {
  return { status, headers: { "content-type": JSON_11 }, body: JSON.stringify({ __type: type, Message: message }) };
}

const ok = (body: Json): HttpAnswer => ({ status: 200, headers: { "content-type": JSON_11 }, body: JSON.stringify(body) });

/** The organization the endpoint serves for a snapshot without an `organizations` section: the account manages it. */
export function servedOrganization(account: string, partition: string): Json {
  const id = "o-lpgtestorg1";
  return {
    Organization: {
      Id: id,
      Arn: `arn:${partition}:organizations::${account}:organization/${id}`,
      FeatureSet: "ALL",
      MasterAccountArn: `arn:${partition}:organizations::${account}:account/${id}/${account}`,
      MasterAccountId: account,
    },
  };
}

/** One page of `items` from the NextToken the previous page gave (an index), at most MaxResults and the page size. */
function page(items: Json[], field: string, input: Json, pageSize: number | undefined): HttpAnswer {
  const start = typeof input.NextToken === "string" ? Number.parseInt(input.NextToken, 10) || 0 : 0;
  const size = Math.max(1, Math.min(Number(input.MaxResults ?? 20), 20, pageSize ?? Infinity));
  const more = start + size < items.length;
  return ok({ [field]: items.slice(start, start + size), ...(more ? { NextToken: String(start + size) } : {}) });
}

const map = (v: unknown): Record<string, Json> => (typeof v === "object" && v !== null ? (v as Record<string, Json>) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

export function organizationsService(section: Json | undefined, account: string, partition: string, pageSize: number | undefined): JsonService {
  const described = section ? (section.DescribeOrganization as Json | undefined) : servedOrganization(account, partition);
  const organizationId = String(map(described).Organization?.Id ?? account);
  const parents = map(section?.ListParents);
  const byFilter = map(section?.ListPoliciesForTarget) as Record<string, Record<string, Json>>;
  const policies = map(section?.DescribePolicy);
  // Every id the section names: a target it knows answers an empty list for a type it holds none of.
  const known = new Set<string>([account, ...Object.keys(parents), ...Object.values(byFilter).flatMap((t) => Object.keys(map(t)))]);
  for (const p of Object.values(parents)) for (const parent of list(p.Parents)) if (typeof parent.Id === "string") known.add(parent.Id);
  for (const root of list(map(section?.ListRoots).Roots)) if (typeof root.Id === "string") known.add(root.Id);
  const denied = (message: string) => organizationsError(403, "AccessDeniedException", message);

  function answer(operation: string, input: Json): HttpAnswer {
    if (operation === "DescribeOrganization") {
      return described ? ok(described) : organizationsError(404, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
    }
    if (!described) return organizationsError(404, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
    if (operation === "ListRoots") return page(list(map(section?.ListRoots).Roots), "Roots", input, pageSize);
    if (operation === "ListParents") {
      const stored = typeof input.ChildId === "string" ? parents[input.ChildId] : undefined;
      if (!stored) return organizationsError(404, "ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
      return page(list(stored.Parents), "Parents", input, pageSize);
    }
    if (operation === "ListPoliciesForTarget") {
      const target = typeof input.TargetId === "string" ? input.TargetId : "";
      if (!known.has(target)) return organizationsError(404, "TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
      const stored = map(byFilter[String(input.Filter)])[target];
      return page(list(stored?.Policies), "Policies", input, pageSize);
    }
    if (operation === "DescribePolicy") {
      const stored = typeof input.PolicyId === "string" ? policies[input.PolicyId] : undefined;
      return stored ? ok(stored) : organizationsError(404, "PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.");
    }
    return organizationsError(400, "UnsupportedAPIEndpointException", `${operation} is not served here`);
  }

  return {
    iamPrefix: "organizations",
    targetPrefix: "AWSOrganizationsV20161128",
    // As the scan records its errors: DescribeOrganization is about the account, ListRoots about the organization.
    target: (input, _region, operation) => {
      if (operation === "DescribeOrganization") return account;
      if (operation === "ListRoots") return organizationId;
      const id = input.ChildId ?? input.TargetId ?? input.PolicyId;
      return typeof id === "string" ? id : undefined;
    },
    throttled: () =>
      organizationsError(429, "TooManyRequestsException", "You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later."),
    serverError: () => organizationsError(500, "ServiceException", "AWS Organizations can't complete your request because of an internal service error. Try again later."),
    denied,
    error: (code, message) => (code.includes("AccessDenied") ? denied(message) : organizationsError(code === "AWSOrganizationsNotInUseException" ? 404 : 400, code, message)),
    answer: (operation, input) => answer(operation, input),
  };
}
