/**
 * Every AWS read the scan makes, refused and throttled past the SDK's retries, one call at a time over the demo
 * account: the scan records the error (snapshot.md), the analysis says what it could not answer (a data-unavailable
 * finding or the function's `unknown` names the call), and nothing the failure hid reads as "fine" or fires a rule:
 * no finding appears that the full read does not make, and a function whose invokers or reach changed says it is
 * unknown.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { scanAccount } from "./collect";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import type { DeniedCall } from "@/test/aws-endpoint/faults";
import type { AnalysisReport, FunctionReport } from "@/lib/analysis/types";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const root = path.resolve(__dirname, "../..");
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();
const regions = ["us-east-1", "eu-west-1"];

/** IAM's per-role and per-policy reads run only when GetAccountAuthorizationDetails is refused. */
const iamRefused: DeniedCall[] = [{ operation: "GetAccountAuthorizationDetails", service: "iam" }];

const calls: { call: DeniedCall; also?: DeniedCall[] }[] = [
  ...["ListFunctions", "ListEventSourceMappings", "GetPolicy", "ListFunctionUrlConfigs", "ListFunctionEventInvokeConfigs", "GetFunctionConfiguration", "ListTags", "ListVersionsByFunction", "ListAliases", "GetFunction"].map(
    (operation) => ({ call: { operation, service: "lambda" } }),
  ),
  { call: { operation: "GetAccountAuthorizationDetails", service: "iam" } },
  ...["GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies", "GetPolicy", "GetPolicyVersion"].map((operation) => ({ call: { operation, service: "iam" }, also: iamRefused })),
  ...["DescribeOrganization", "ListRoots", "ListParents", "ListPoliciesForTarget", "DescribePolicy"].map((operation) => ({ call: { operation, service: "organizations" } })),
  { call: { operation: "GetQueueAttributes", service: "sqs" } },
  { call: { operation: "DescribeStreamSummary", service: "kinesis" } },
  ...["DescribeKey", "GetKeyPolicy", "ListGrants"].map((operation) => ({ call: { operation, service: "kms" } })),
  ...["DescribeAccessPoints", "DescribeFileSystemPolicy"].map((operation) => ({ call: { operation, service: "elasticfilesystem" } })),
  { call: { operation: "GetRepositoryPolicy", service: "ecr" } },
];

async function scan(faults: { accessDenied?: DeniedCall[]; throttled?: DeniedCall[] }) {
  const ep = await serve(demo, { faults });
  const { snapshot } = await scanAccount({ regions, maxAttempts: 2 });
  return { ep, snapshot, report: analyzeSnapshot(snapshot) };
}

const findingKey = (f: AnalysisReport["findings"][number]) => `${f.id}: ${f.title}`;
const shown = (f: FunctionReport) => JSON.stringify({ invokers: f.invokers, reaches: f.reaches });
const answers = (r: AnalysisReport) => JSON.stringify({ functions: r.functions.map(shown), findings: r.findings.map((f) => f.id), unknown: r.unknown ?? [] });
const reachKey = (r: FunctionReport["reaches"][number]) => `${r.service} ${r.resource}`;

/** How a reach entry names the unread resource policy of its own resource (role-access.ts, unreadLabel). */
const RESOURCE_POLICIES = new Set(["the queue policy", "the key policy", "the file system policy"]);

/**
 * Whether a function's invokers or reach changed other than where the entry itself says why: a reach entry made
 * conditional on its resource's policy that the scan could not read (a queue's or key's, answered "conditional" as
 * README's Known limits say, not unknown; the functions that use that resource name the failed read) says so where
 * it is shown.
 */
function unsaid(before: FunctionReport | undefined, after: FunctionReport): boolean {
  const marked = new Set(after.reaches.filter((r) => r.conditional && r.unreadPolicies?.some((p) => RESOURCE_POLICIES.has(p))).map(reachKey));
  const rest = (f: FunctionReport) => JSON.stringify({ invokers: f.invokers, reaches: f.reaches.filter((r) => !marked.has(reachKey(r))) });
  return !before || rest(before) !== rest(after);
}

/** Whether every invoker and every action on every resource the full read answered is still answered. */
function widens(before: FunctionReport | undefined, after: FunctionReport): boolean {
  if (!before) return false;
  const actions = new Set(after.reaches.flatMap((r) => r.actions.map((a) => `${reachKey(r)} ${a}`)));
  const invokerKey = (i: FunctionReport["invokers"][number]) => `${i.via} ${i.principal} ${i.qualifier ?? ""} ${i.sourceArn ?? ""}`;
  const invokers = new Set(after.invokers.map(invokerKey));
  return before.reaches.every((r) => r.actions.every((a) => actions.has(`${reachKey(r)} ${a}`))) && before.invokers.every((i) => invokers.has(invokerKey(i)));
}

/** The scan with only the `also` faults: what the call fails against, and the resources it reads. */
const baselines = new Map<string, Promise<{ report: AnalysisReport; targets: string[] }>>();
function baseline(call: DeniedCall, also: DeniedCall[]) {
  const key = JSON.stringify(also);
  if (!baselines.has(key)) baselines.set(key, scan({ accessDenied: also }).then(({ ep, report }) => ({ report, calls: [...ep.calls] })).then(({ report, calls }) => ({ report, targets: calls.flatMap((c) => (c.target ? [`${c.operation} ${c.target}`] : [])) })));
  return (baselines.get(key) as Promise<{ report: AnalysisReport; targets: string[] }>).then(({ report, targets }) => ({
    report,
    // Throttled calls slow the SDK's adaptive client down; one resource's read throttled to the end is the failure
    // to answer for (a call with no resource, such as a list, is throttled whole).
    target: targets.find((t) => t.startsWith(`${call.operation} `) && (call.operation !== "GetPolicy" || t.includes(`:${call.service}:`)))?.slice(call.operation.length + 1),
  }));
}

describe.each(calls)("$call.service $call.operation", ({ call, also = [] }) => {
  it.each(["refused", "throttled"] as const)("%s: recorded, said unknown, and nothing it hid reads as fine", async (how) => {
    const { report: before, target } = await baseline(call, also);
    const { ep, snapshot, report } = await scan(how === "refused" ? { accessDenied: [call, ...also] } : { throttled: [{ ...call, target }], accessDenied: also });
    expect(ep.countByOperation()[call.operation], "the demo makes this call").toBeGreaterThan(0);
    const recorded = snapshot.errors.filter((e) => e.operation === call.operation && !(demo.errors ?? []).some((d) => d.operation === e.operation && d.target === e.target));
    expect(recorded.length, "(a) the snapshot records the error").toBeGreaterThan(0);
    const said = [...report.findings.filter((f) => f.rule === "data-unavailable").map((f) => JSON.stringify(f)), ...report.functions.flatMap((f) => f.unknown), ...(report.unknown ?? [])];
    // A read whose answer the others imply hides nothing, so there is nothing to say: ListRoots' enabled policy types
    // are told by the policy lists read in full (organization.ts, enabledByLists), and every answer is the full read's.
    const hidNothing = answers(report) === answers(before);
    expect(hidNothing || said.some((s) => s.includes(call.operation)), "(b) the analysis names the call it could not read").toBe(true);
    const known = new Set(before.findings.map((f) => f.id));
    // A "may" finding resting on the document the failed read left out, which its evidence names, is the design
    // (README, Known limits: an unread key policy answers "depends on the key policy"), not a rule firing on nothing.
    const mayOnUnread = (f: AnalysisReport["findings"][number]) => f.conditional === true && JSON.stringify(f.evidence).includes(call.operation);
    expect(report.findings.filter((f) => f.rule !== "data-unavailable" && !known.has(f.id) && !mayOnUnread(f)).map(findingKey), "(c) no rule fires on the missing data").toEqual([]);
    const was = new Map(before.functions.map((f) => [f.arn, f]));
    // The organization's guardrails are the account's: unread, the report's account-level `unknown` names the read
    // once and every "allowed" assumes they permit it, so an answer may only widen (a Deny no longer applied).
    const accountSays = (report.unknown ?? []).some((s) => s.includes(call.operation));
    const silentlyChanged = report.functions
      .filter((f) => unsaid(was.get(f.arn), f) && f.unknown.length === 0 && !(f.rolesUnknown?.length) && !(accountSays && widens(was.get(f.arn), f)))
      .map((f) => f.name);
    expect(silentlyChanged, "(c) no function shows fewer invokers or less reach without saying it is unknown").toEqual([]);
  }, 60_000);
});
