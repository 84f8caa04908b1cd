/**
 * A later scan of a snapshot with a few things changed, for the compare bench (bench/compare.ts) and the tests that
 * compare generated pairs of scans.
 */
// A snapshot as JSON: changedCopy edits AWS response shapes the schema types too strictly to assign into.
export type Json = Record<string, any>;

/**
 * The snapshot as a later scan might read it: one function in 50 gone, one in 40 without its policy, one in 60 whose
 * policy could not be read, one role in 30 without its managed policies (actions lost), later capture time.
 */
export function changedCopy(snapshot: Json): Json {
  const s = structuredClone(snapshot);
  s.capturedAt = "2026-12-01T09:30:00Z";
  s.errors = [...(s.errors ?? [])];
  for (const [region, r] of Object.entries<Json>(s.regions)) {
    const fns: Json[] = r.ListFunctions?.Functions ?? [];
    r.ListFunctions.Functions = fns.filter((_, i) => i % 50 !== 49);
    const policies: Json = r.GetPolicy ?? {};
    Object.keys(policies).forEach((arn, i) => {
      if (i % 40 === 7) delete policies[arn];
      else if (i % 60 === 11) {
        delete policies[arn];
        s.errors.push({ region, operation: "GetPolicy", target: arn, code: "AccessDeniedException", message: "not authorized (bench)" });
      }
    });
  }
  const roles: Json[] = s.iam?.GetAccountAuthorizationDetails?.RoleDetailList ?? [];
  roles.forEach((role, i) => {
    if (i % 30 === 3) role.AttachedManagedPolicies = [];
  });
  return s;
}
