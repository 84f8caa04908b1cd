/**
 * The scan's fallback when GetAccountAuthorizationDetails is refused, against the local endpoint (IAM's Query/XML
 * wire format, the real SDK): the functions' execution roles read one by one (GetRole, ListRolePolicies,
 * GetRolePolicy, ListAttachedRolePolicies, then their managed policies), stored as IAM returns them beside the
 * refusal, and analysed as the bulk call's roles are; a failed per-role call leaves only that role (or part) unknown.
 */
import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { queryError } from "@/test/aws-endpoint/xml";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { ROLES_LEFT_OUT } from "@/lib/analysis/snapshot-gaps";
import { parseSnapshot } from "@/lib/snapshot/read";
import { progressLine } from "@/lib/scan/progress";
import { scanAccount, type ScanProgress } from "./collect";
import { executionRoles } from "./role-reads";

const serve = useLocalEndpoint();
const READ_ONLY = /^(List|Get|Describe)[A-Za-z]+$/;
const REGION = "us-east-1";
const DENIED = { operation: "GetAccountAuthorizationDetails" };
const ROLE_READS = ["GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies"];

function account() {
  const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
  const queueSend = b.managedPolicy({
    name: "queue-send",
    versions: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] }], // no longer in force
    document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:orders" }] },
  });
  const ordersRole = b.role({
    name: "orders-role",
    path: "/service-role/",
    inline: { "read-bucket": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::orders-data/*" }] } },
    managed: [queueSend, b.attachAwsManaged("AWSLambdaBasicExecutionRole")],
  });
  const billingRole = b.role({
    name: "billing-role",
    inline: { "write-bucket": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::billing/*" }] } },
  });
  b.role({ name: "deployer", inline: { all: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" }] } } });
  const orders = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: ordersRole });
  const billing = b.fn({ region: REGION, name: "billing", runtime: "nodejs22.x", role: billingRole });
  return { input: b.build(), ordersRole, billingRole, queueSend, orders, billing };
}

const scan = (extra: Parameters<typeof scanAccount>[0] = {}) => scanAccount({ regions: [REGION], organizations: false, ...extra });

describe("GetAccountAuthorizationDetails refused: the execution roles read one by one", () => {
  it("reads only the functions' roles, stores IAM's answers beside the refusal, and analyses them as the bulk call's", async () => {
    const { input, ordersRole, billingRole, queueSend, orders, billing } = account();
    const ep = await serve(input, { faults: { accessDenied: [DENIED] } });
    const { snapshot, stats } = await scan();
    expect(snapshot.errors.map((e) => [e.operation, e.code])).toEqual([["GetAccountAuthorizationDetails", "AccessDenied"]]);
    const iam = snapshot.iam!;
    expect(iam.GetAccountAuthorizationDetails.RoleDetailList).toBeUndefined(); // nothing of it was read
    expect(Object.keys(iam.GetRole ?? {})).toEqual([billingRole, ordersRole]); // not the deployer role
    expect(iam.GetRole?.[ordersRole]?.Role.AssumeRolePolicyDocument).toMatch(/^%7B/); // URL-encoded, as IAM returns it
    expect(iam.ListRolePolicies?.[ordersRole]).toEqual({ PolicyNames: ["read-bucket"] });
    expect(iam.GetRolePolicy?.[ordersRole]?.["read-bucket"]?.PolicyDocument).toMatch(/^%7B/);
    expect(iam.ListAttachedRolePolicies?.[ordersRole]?.AttachedPolicies.map((p) => p.PolicyName)).toEqual(["queue-send", "AWSLambdaBasicExecutionRole"]);
    expect(iam.GetPolicyVersion?.[queueSend]?.PolicyVersion.VersionId).toBe("v2"); // the default version only
    const iamCalls = ep.countByOperation((c) => c.service === "iam");
    expect(iamCalls).toEqual({ GetAccountAuthorizationDetails: 1, GetRole: 2, ListRolePolicies: 2, GetRolePolicy: 2, ListAttachedRolePolicies: 2, GetPolicy: 2, GetPolicyVersion: 2 });
    expect(stats.operations).toEqual(expect.arrayContaining(ROLE_READS));
    for (const op of stats.operations) expect(op).toMatch(READ_ONLY);

    // What each function reaches is what the bulk call's data gives; only the roles left out are unknown.
    const report = analyzeSnapshot(snapshot);
    const whole = analyzeSnapshot(parseSnapshot(input));
    for (const fn of [orders, billing]) {
      const got = report.functions.find((f) => f.arn === fn)!;
      expect(got.reaches.length).toBeGreaterThan(0);
      expect(got.reaches).toEqual(whole.functions.find((f) => f.arn === fn)!.reaches);
      expect(got.unknown).toEqual([ROLES_LEFT_OUT]);
    }
    expect(report.functions.find((f) => f.arn === orders)!.reaches.some((g) => /dynamodb/.test(JSON.stringify(g)))).toBe(false);
    const accountGap = report.findings.find((f) => f.id.includes("account") && f.rule === "data-unavailable");
    expect(accountGap?.title).toBe("Not every IAM role is in the snapshot (some could not be read: AccessDenied)");
    expect(accountGap?.detail).toContain("the functions' execution roles were read one by one instead, 2 roles; other roles and the IAM users were not read");
  });

  it("says the fallback in the progress line while it reads", async () => {
    const { input } = account();
    await serve(input, { faults: { accessDenied: [DENIED] } });
    const seen: ScanProgress[] = [];
    await scan({ onProgress: (p) => seen.push(p), progressIntervalMs: 0 });
    expect(seen.map(progressLine)).toContain("reading 2 roles one by one… · 2/2 functions · 1/1 regions · 1 call failed");
  });

  it("a refused inline policy leaves that role's inline policies unknown, naming the call and the policy; the other role is whole", async () => {
    const { input, billingRole, orders, billing } = account();
    await serve(input, { faults: { accessDenied: [DENIED, { operation: "GetRolePolicy", target: billingRole }] } });
    const { snapshot } = await scan();
    const refused = snapshot.errors.find((e) => e.operation === "GetRolePolicy");
    expect(refused).toMatchObject({ target: billingRole, code: "AccessDenied" });
    expect(refused?.message).toMatch(/^inline policy write-bucket: /);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.find((f) => f.arn === billing)!.unknown).toContain("GetAccountAuthorizationDetails: could not read inline policies: GetRolePolicy failed (AccessDenied)");
    expect(report.functions.find((f) => f.arn === orders)!.unknown).toEqual([ROLES_LEFT_OUT]);
  });

  it("a refused GetRole leaves that function's role unknown, naming the call; the other function's role is read", async () => {
    const { input, billingRole, orders, billing } = account();
    const ep = await serve(input, { faults: { accessDenied: [DENIED, { operation: "GetRole", target: billingRole }] } });
    const { snapshot } = await scan();
    expect(Object.keys(snapshot.iam?.GetRole ?? {})).toHaveLength(1);
    expect(ep.countByOperation((c) => c.service === "iam").ListRolePolicies).toBe(1); // not asked of a role GetRole could not read
    const report = analyzeSnapshot(snapshot);
    const unread = report.functions.find((f) => f.arn === billing)!;
    expect(unread.reaches).toEqual([]);
    expect(unread.unknown).toEqual([`GetRole: AccessDenied (${billingRole})`]);
    expect(report.findings.some((f) => f.rule === "execution-role-missing")).toBe(false); // not read is not absent
    expect(report.functions.find((f) => f.arn === orders)!.reaches.length).toBeGreaterThan(0);
  });

  it("a role IAM says does not exist (GetRole NoSuchEntity) is missing: execution-role-missing fires on that answer", async () => {
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
    const gone = b.roleArn("deleted-role", "/service-role/");
    const orphan = b.fn({ region: REGION, name: "orphan", runtime: "nodejs22.x", role: gone });
    const ep = await serve(b.build(), { faults: { accessDenied: [DENIED] } });
    const { snapshot } = await scan();
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ operation: "GetRole", target: gone, code: "NoSuchEntityException" }));
    expect(ep.countByOperation((c) => c.service === "iam").ListRolePolicies).toBeUndefined();
    const report = analyzeSnapshot(snapshot);
    const missing = report.findings.filter((f) => f.rule === "execution-role-missing");
    expect(missing.map((f) => [f.function, f.title])).toEqual([[orphan, "Execution role deleted-role does not exist"]]);
    expect(missing[0]!.evidence.find((e) => e.kind === "api-error")?.document).toMatchObject({ operation: "GetRole", target: gone, code: "NoSuchEntityException" });
    expect(report.findings.some((f) => f.rule === "data-unavailable" && f.function === orphan)).toBe(false);
  });

  it("a list whose later page fails keeps the pages read, with IAM's IsTruncated and Marker: their policies apply, the rest unknown", async () => {
    const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
    const logs = b.attachAwsManaged("AWSLambdaBasicExecutionRole");
    const queue = b.managedPolicy({ name: "queue-send", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] } });
    const role = b.role({
      name: "paged-role",
      inline: {
        read: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" }] },
        write: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::data/*" }] },
      },
      managed: [logs, queue],
    });
    const fn = b.fn({ region: REGION, name: "paged", runtime: "nodejs22.x", role });
    const laterPage = (x: { operation: string; body: string }) => /^List(Attached)?RolePolicies$/.test(x.operation) && new URLSearchParams(x.body).has("Marker");
    await serve(b.build(), {
      pageSize: 1,
      faults: {
        accessDenied: [DENIED],
        rewrite: (x) => (laterPage(x) ? { status: 400, headers: { "content-type": "text/xml" }, body: queryError("iam", "Throttling", "Rate exceeded", "rid") } : undefined),
      },
    });
    const { snapshot } = await scan({ maxAttempts: 1 });
    const iam = snapshot.iam!;
    expect(iam.ListRolePolicies?.[role]).toEqual({ PolicyNames: ["read"], IsTruncated: true, Marker: expect.any(String) });
    expect(iam.ListAttachedRolePolicies?.[role]).toEqual({ AttachedPolicies: [expect.objectContaining({ PolicyArn: logs })], IsTruncated: true, Marker: expect.any(String) });
    expect(Object.keys(iam.GetRolePolicy?.[role] ?? {})).toEqual(["read"]);
    expect(Object.keys(iam.GetPolicyVersion ?? {})).toEqual([logs]);
    expect(snapshot.errors.filter((e) => e.target === role).map((e) => [e.operation, e.code])).toEqual(
      expect.arrayContaining([["ListRolePolicies", "Throttling"], ["ListAttachedRolePolicies", "Throttling"]]),
    );

    const got = analyzeSnapshot(snapshot).functions.find((f) => f.arn === fn)!;
    const reached = JSON.stringify(got.reaches);
    expect(reached).toContain("s3:GetObject"); // the inline policy on the page read
    expect(reached).toContain("logs:PutLogEvents"); // the managed policy on the page read
    expect(reached).not.toContain("s3:PutObject"); // on the page that failed: unknown, not granted
    expect(got.unknown).toEqual(
      expect.arrayContaining([
        "GetAccountAuthorizationDetails: could not read inline policies: ListRolePolicies failed (Throttling)",
        "GetAccountAuthorizationDetails: could not read attached managed policies: ListAttachedRolePolicies failed (Throttling)",
      ]),
    );
  });

  it("throttling is no refusal: the bulk call's failure is recorded and no role is read one by one", async () => {
    const { input } = account();
    const ep = await serve(input, {
      faults: { rewrite: (x) => (x.operation === "GetAccountAuthorizationDetails" ? { status: 400, headers: { "content-type": "text/xml" }, body: queryError("iam", "Throttling", "Rate exceeded", "rid") } : undefined) },
    });
    const { snapshot } = await scan({ maxAttempts: 1 });
    expect(snapshot.errors.map((e) => [e.operation, e.code])).toEqual([["GetAccountAuthorizationDetails", "Throttling"]]);
    expect(snapshot.iam).toBeUndefined();
    for (const op of ROLE_READS) expect(ep.countByOperation()[op]).toBeUndefined();
  });

  it("the roles read are the account's own that functions and their published versions run as", () => {
    const own = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
    const region = {
      ListFunctions: { Functions: [{ Role: own("a") }, { Role: own("a") }, { Role: "arn:aws:iam::210987654321:role/theirs" }, { Role: null }] },
      ListVersionsByFunction: { f: { Versions: [{ Role: own("path/old") }] } },
    };
    expect(executionRoles([region], "123456789012", "aws")).toEqual([own("a"), own("path/old")]);
  });
});
