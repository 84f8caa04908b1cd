/** Scans and diffs for diff tests (vitest and e2e). */
import type { Snapshot } from "@/lib/snapshot/schema";
import type { ReportDiff } from "./diff-reports";
import { unqualifiedFunctionArn } from "../analysis/arn";

/** A diff of two scans that differ in nothing, for tests of the views to fill in what they show. */
export const EMPTY_DIFF: ReportDiff = {
  from: { account: "123456789012", capturedAt: "2026-11-01T00:00:00Z" },
  to: { account: "123456789012", capturedAt: "2026-11-02T00:00:00Z" },
  functionsAdded: [],
  functionsRemoved: [],
  functionsUnseen: [],
  functionsFirstSeen: [],
  functionsChanged: [],
  findingsNew: [],
  findingsFixed: [],
  findingsUnverified: [],
  findingsUnknownBefore: [],
  findingsChanged: [],
  findingsChangeUnverified: [],
  accountInvokersGained: [],
  accountInvokersLost: [],
  accountInvokersChanged: [],
  accountInvokersUnverified: [],
  accountInvokersUnknownBefore: [],
  assumersGained: [],
  assumersLost: [],
  assumersUnverified: [],
  assumersUnknownBefore: [],
  unreadInBoth: [],
  changedNodeIds: [],
};

/**
 * A "later scan" made from an earlier snapshot: the same account with one function opened to everyone by a
 * resource-policy statement with `"Principal": "*"` and no condition.
 */
export function withPublicInvokeGrant(snapshot: Snapshot, functionName: string, capturedAt: string): Snapshot {
  return withFunctionChanged(snapshot, functionName, capturedAt, (region, fn) => {
    const policies = (region.GetPolicy ??= {});
    const existing = policies[fn.FunctionArn]?.Policy;
    const doc = (typeof existing === "string" ? JSON.parse(existing) : existing) ?? { Version: "2012-10-17", Statement: [] };
    doc.Statement = [
      ...(Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : []),
      { Sid: "open-to-everyone", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn.FunctionArn },
    ];
    policies[fn.FunctionArn] = { Policy: JSON.stringify(doc), RevisionId: "diff-fixture" };
  });
}

/** A "later scan" whose function sends its failed asynchronous invocations to another dead-letter target. */
export function withDeadLetterQueue(snapshot: Snapshot, functionName: string, targetArn: string, capturedAt: string): Snapshot {
  return withFunctionChanged(snapshot, functionName, capturedAt, (_, fn) => {
    fn.DeadLetterConfig = { TargetArn: targetArn };
  });
}

/** A "later scan" whose function's URL (on the function itself) answers browsers' pages under other CORS settings. */
export function withUrlCors(snapshot: Snapshot, functionName: string, cors: unknown, capturedAt: string): Snapshot {
  return withFunctionChanged(snapshot, functionName, capturedAt, (region, fn) => {
    const url = region.GetFunctionUrlConfig?.[fn.FunctionArn];
    if (!url) throw new Error(`${functionName} has no function URL`);
    url.Cors = cors;
  });
}

/**
 * A "later scan" whose function's event source mappings read their sources otherwise: `fields` as the Lambda API names
 * them (MaximumBatchingWindowInSeconds, ParallelizationFactor…) set on each, undefined to leave one out as a hand-made
 * file may.
 */
export function withMappingFields(snapshot: Snapshot, functionName: string, fields: Record<string, unknown>, capturedAt: string): Snapshot {
  return withFunctionChanged(snapshot, functionName, capturedAt, (region, fn) => {
    for (const m of region.ListEventSourceMappings?.EventSourceMappings ?? []) {
      if (unqualifiedFunctionArn(m.FunctionArn) !== fn.FunctionArn) continue;
      const fieldsOf = m as Record<string, unknown>;
      for (const [k, v] of Object.entries(fields)) if (v === undefined) delete fieldsOf[k];
      else fieldsOf[k] = v;
    }
  });
}

type RegionData = Snapshot["regions"][string];
type ListedFunction = NonNullable<RegionData["ListFunctions"]>["Functions"][number];

/** A copy of the snapshot, captured at `capturedAt`, with the named function (and its region's data) changed in place. */
function withFunctionChanged(snapshot: Snapshot, functionName: string, capturedAt: string, change: (region: RegionData, fn: ListedFunction & { FunctionArn: string }) => void): Snapshot {
  const next = structuredClone(snapshot) as Snapshot;
  next.capturedAt = capturedAt;
  for (const region of Object.values(next.regions)) {
    const fn = region.ListFunctions?.Functions.find((f) => f.FunctionName === functionName);
    if (!fn?.FunctionArn) continue;
    change(region, fn as ListedFunction & { FunctionArn: string });
    return next;
  }
  throw new Error(`no function named ${functionName} in the snapshot`);
}

/** A "later scan" whose ListFunctions in `region` was denied (a service control policy, say): none of its functions are in it. */
export function withRegionUnlisted(snapshot: Snapshot, region: string, capturedAt: string): Snapshot {
  const next = structuredClone(snapshot) as Snapshot;
  next.capturedAt = capturedAt;
  next.regions[region] = {};
  next.errors = [...next.errors, { region, operation: "ListFunctions", code: "AccessDeniedException", message: "explicit deny in a service control policy" }];
  return next;
}

/**
 * A "later scan" of a member account refused the organization's policy reads (ListRoots denied): its SCPs and RCPs
 * are unread, taken to permit everything (organization.ts), as a scan without the management account's rights reads.
 */
export function withGuardrailsUnread(snapshot: Snapshot, capturedAt: string): Snapshot {
  const next = structuredClone(snapshot) as Snapshot;
  next.capturedAt = capturedAt;
  const org = next.organizations as Record<string, unknown> | undefined;
  for (const k of ["ListRoots", "ListParents", "ListPoliciesForTarget", "DescribePolicy"]) delete org?.[k];
  next.errors = [...next.errors, { operation: "ListRoots", code: "AccessDeniedException", message: "You don't have permissions to access this resource." }];
  return next;
}
