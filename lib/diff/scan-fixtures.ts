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
 * A "later scan" of a member account refused the organization's policy reads: its SCPs and RCPs are unread, taken to
 * permit everything (organization.ts), as a scan without the management account's rights reads. The errors are those
 * lib/aws/organizations.ts records then: ListRoots naming the organization, ListParents the account, and with no
 * root known, ListPoliciesForTarget on the account once for each policy type.
 */
export function withGuardrailsUnread(snapshot: Snapshot, capturedAt: string): Snapshot {
  const next = structuredClone(snapshot) as Snapshot;
  next.capturedAt = capturedAt;
  const org = next.organizations as { DescribeOrganization?: { Organization?: { Id?: string } } } | undefined;
  for (const k of ["ListRoots", "ListParents", "ListPoliciesForTarget", "DescribePolicy"]) delete (org as Record<string, unknown> | undefined)?.[k];
  const denied = { code: "AccessDeniedException", message: "You don't have permissions to access this resource." };
  next.errors = [
    ...next.errors,
    { operation: "ListRoots", target: org?.DescribeOrganization?.Organization?.Id ?? next.account, ...denied },
    { operation: "ListParents", target: next.account, ...denied },
    { operation: "ListPoliciesForTarget", target: next.account, ...denied },
    { operation: "ListPoliciesForTarget", target: next.account, ...denied },
  ];
  return next;
}

/**
 * A scan whose account is also under an SCP of `statements` (attached to the account itself, beside FullAWSAccess),
 * so what it denies a role is a finding only where the scan read the SCPs.
 */
export function withAccountScp(snapshot: Snapshot, statements: unknown[], capturedAt: string): Snapshot {
  const next = structuredClone(snapshot) as Snapshot;
  next.capturedAt = capturedAt;
  const org = next.organizations as { ListPoliciesForTarget?: Record<string, Record<string, { Policies: unknown[] }>>; DescribePolicy?: Record<string, unknown> } | undefined;
  const attached = org?.ListPoliciesForTarget?.SERVICE_CONTROL_POLICY?.[next.account];
  if (!org?.DescribePolicy || !attached) throw new Error("the snapshot lists no SCPs attached to its account");
  const summary = { Id: "p-fixture1", Arn: `arn:aws:organizations::100000000001:policy/o-fixture/service_control_policy/p-fixture1`, Name: "FixtureDeny", Type: "SERVICE_CONTROL_POLICY", AwsManaged: false };
  attached.Policies.push(summary);
  org.DescribePolicy[summary.Id] = { Policy: { PolicySummary: summary, Content: JSON.stringify({ Version: "2012-10-17", Statement: statements }) } };
  return next;
}

/** A "later scan" whose function runs on another runtime. */
export function withRuntime(snapshot: Snapshot, functionName: string, runtime: string, capturedAt: string): Snapshot {
  return withFunctionChanged(snapshot, functionName, capturedAt, (_, fn) => {
    fn.Runtime = runtime;
  });
}

/**
 * Two scans of the demo account, both captured before it (so neither becomes the latest scan other e2e specs open).
 * The older read the organization's SCPs, among them one denying orders-processor's role sqs:DeleteMessage on its
 * queue and every role xray:PutTraceSegments. The newer, of a member account refused the organization's reads, could
 * not read them; it also has legacy-ftp-poller off its deprecated runtime and store-locator open to everyone: a fix
 * and a new finding that no SCP bears on.
 */
export function guardrailsUnreadPair(demo: Snapshot): { older: Snapshot; newer: Snapshot } {
  const older = withAccountScp(
    demo,
    [
      { Effect: "Deny", Action: "sqs:DeleteMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:orders-queue" },
      { Effect: "Deny", Action: "xray:PutTraceSegments", Resource: "*" },
    ],
    "2026-10-21T09:00:00Z",
  );
  const at = "2026-10-22T09:00:00Z";
  const newer = withRuntime(withPublicInvokeGrant(withGuardrailsUnread(demo, at), "store-locator", at), "legacy-ftp-poller", "python3.13", at);
  return { older, newer };
}
