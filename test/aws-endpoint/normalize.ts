/**
 * Comparing snapshots across the wire: IAM documents are URL-encoded on the wire (and in what the JS SDK returns)
 * while fixtures may hold JSON text or objects (snapshot.md accepts all three), and capturedAt is the scan's
 * time. Everything else must match exactly.
 */
import type { Snapshot } from "@/lib/snapshot/schema";
import { servedConfiguration, servedTags } from "./lambda";
import { servedOrganization } from "./organizations";

function decodeDocument(doc: unknown): unknown {
  if (typeof doc !== "string") return doc;
  try {
    return JSON.parse(doc.trimStart().startsWith("{") ? doc : decodeURIComponent(doc)) as unknown;
  } catch {
    return doc; // a deliberately malformed document stays as it is on both sides
  }
}

export function comparable(snapshot: Snapshot): Snapshot {
  const s = structuredClone(snapshot);
  s.capturedAt = "(scan time)";
  for (const role of s.iam?.GetAccountAuthorizationDetails.RoleDetailList ?? []) {
    role.AssumeRolePolicyDocument = decodeDocument(role.AssumeRolePolicyDocument);
    for (const p of role.RolePolicyList ?? []) p.PolicyDocument = decodeDocument(p.PolicyDocument);
  }
  const gaad = s.iam?.GetAccountAuthorizationDetails;
  for (const user of gaad?.UserDetailList ?? []) for (const p of user.UserPolicyList ?? []) p.PolicyDocument = decodeDocument(p.PolicyDocument);
  for (const group of gaad?.GroupDetailList ?? []) for (const p of group.GroupPolicyList ?? []) p.PolicyDocument = decodeDocument(p.PolicyDocument);
  // A scenario from a snapshot taken before users were read serves an account without users; its scan lists none.
  if (gaad) {
    gaad.UserDetailList ??= [];
    gaad.GroupDetailList ??= [];
  }
  // A fixture taken before the scan read each function's configuration: the endpoint serves its default answer, so
  // the scan holds that answer for every function whose read was not made to fail.
  for (const region of Object.values(s.regions)) {
    if (region.GetFunctionConfiguration) continue;
    const failed = new Set(s.errors.filter((e) => e.operation === "GetFunctionConfiguration").map((e) => e.target));
    region.GetFunctionConfiguration = Object.fromEntries(
      (region.ListFunctions?.Functions ?? []).filter((f) => !failed.has(f.FunctionArn)).map((f) => [f.FunctionArn, servedConfiguration(f, undefined)]),
    );
  }
  // Likewise for a fixture taken before the scan read each function's tags: the endpoint serves "no tags".
  for (const region of Object.values(s.regions)) {
    if (region.ListTags) continue;
    const failed = new Set(s.errors.filter((e) => e.operation === "ListTags").map((e) => e.target));
    region.ListTags = Object.fromEntries(
      (region.ListFunctions?.Functions ?? []).filter((f) => !failed.has(f.FunctionArn)).map((f) => [f.FunctionArn, servedTags(f.FunctionArn, undefined)]),
    );
  }
  // A fixture taken without asking Organizations: the endpoint serves its account as its organization's management
  // account, so the scan holds that one answer (and reads nothing more: SCPs and RCPs do not limit that account).
  s.organizations ??= { DescribeOrganization: servedOrganization(s.account, s.partition) };
  // The scan sorts its errors by region, operation and target; a fixture lists them in the order it recorded them.
  const key = (e: Snapshot["errors"][number]) => `${e.region ?? ""}|${e.operation}|${e.target ?? ""}`;
  s.errors.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (const p of s.iam?.GetAccountAuthorizationDetails.Policies ?? []) {
    for (const v of p.PolicyVersionList ?? []) v.Document = decodeDocument(v.Document);
  }
  return s;
}
