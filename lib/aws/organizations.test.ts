/**
 * The organization's SCPs and RCPs, read through the real SDK from the local endpoint speaking Organizations' AWS JSON
 * 1.1 protocol (test/aws-endpoint/organizations.ts): what is stored, what is asked, and what a failure loses.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { failedCallsLine } from "@/lib/scan/failed-calls";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { comparable } from "@/test/aws-endpoint/normalize";
import { startAwsEndpoint, type RecordedCall } from "@/test/aws-endpoint/server";
import { scenarioFromSnapshot } from "@/test/aws-endpoint/scenario";
import { withEnv } from "@/test/aws-endpoint/env";
import { organizationsError } from "@/test/aws-endpoint/organizations";
import type { Exchange } from "@/test/aws-endpoint/faults";
import { scanAccount } from "./collect";
import { MAX_PARENT_HOPS } from "./organizations";
import { organizationGuardrails } from "@/lib/analysis/organization";

const A = "123456789012";
const MANAGER = "999999999999";
const R = "us-east-1";
const ORG = "o-a1b2c3d4e5";
const ROOT = "r-a1b2";
const TOP = "ou-a1b2-11111111";
const TEAM = "ou-a1b2-22222222";
const SCP = "SERVICE_CONTROL_POLICY";
const RCP = "RESOURCE_CONTROL_POLICY";

const serve = useLocalEndpoint();
const orgCalls = (calls: RecordedCall[]) => calls.filter((c) => c.service === "organizations");

const describeOrganization = (manager = MANAGER) => ({
  Organization: {
    Id: ORG,
    Arn: `arn:aws:organizations::${manager}:organization/${ORG}`,
    FeatureSet: "ALL",
    MasterAccountArn: `arn:aws:organizations::${manager}:account/${ORG}/${manager}`,
    MasterAccountId: manager,
    MasterAccountEmail: "org-admin@example.com",
  },
});

function policy(id: string, name: string, type: string, statement: object, awsManaged = false) {
  const summary = { Id: id, Arn: `arn:aws:organizations::${MANAGER}:policy/${ORG}/${type.toLowerCase()}/${id}`, Name: name, Description: name, Type: type, AwsManaged: awsManaged };
  return { summary, described: { Policy: { PolicySummary: summary, Content: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) } } };
}

const FULL = policy("p-FullAWSAccess", "FullAWSAccess", SCP, { Effect: "Allow", Action: "*", Resource: "*" }, true);
const RCP_FULL = policy("p-RCPFullAWSAccess", "RCPFullAWSAccess", RCP, { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }, true);
const REGIONS = policy("p-regions1", "deny-other-regions", SCP, { Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } });
const NO_DELETE = policy("p-nodelete1", "deny-table-deletes", SCP, { Effect: "Deny", Action: "dynamodb:DeleteTable", Resource: "*" });
const NO_LEAVE = policy("p-noleave01", "deny-leave", SCP, { Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" });
const NO_KEYS = policy("p-nokeys001", "deny-access-keys", SCP, { Effect: "Deny", Action: "iam:CreateAccessKey", Resource: "*" });
const PERIMETER = policy("p-perimeter", "data-perimeter", RCP, { Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG } } });

/**
 * A member account two OUs down (root → TOP → TEAM → account), SCPs and RCPs at every level, three SCPs on the account
 * itself (two pages at page size 2), tag policies enabled too (never asked for).
 */
function memberAccount(rootTypes = [SCP, RCP, "TAG_POLICY"]): SnapshotInput {
  const b = new SnapshotBuilder({ account: A, capturedAt: "2026-11-20T09:30:00Z" });
  b.fn({ region: R, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "orders-role" }) });
  const attached = {
    [SCP]: { [ROOT]: [FULL, REGIONS], [TOP]: [FULL], [TEAM]: [FULL, NO_DELETE], [A]: [FULL, NO_LEAVE, NO_KEYS] },
    [RCP]: { [ROOT]: [RCP_FULL], [TOP]: [RCP_FULL, PERIMETER], [TEAM]: [RCP_FULL], [A]: [RCP_FULL] },
  };
  const enabled = (t: string) => rootTypes.includes(t);
  const all = [FULL, RCP_FULL, REGIONS, NO_DELETE, NO_LEAVE, NO_KEYS, PERIMETER].filter((p) => enabled(p.summary.Type));
  return {
    ...b.build(),
    organizations: {
      DescribeOrganization: describeOrganization(),
      ListRoots: {
        Roots: [{ Id: ROOT, Arn: `arn:aws:organizations::${MANAGER}:root/${ORG}/${ROOT}`, Name: "Root", PolicyTypes: rootTypes.map((Type) => ({ Type, Status: "ENABLED" })) }],
      },
      ListParents: {
        [A]: { Parents: [{ Id: TEAM, Type: "ORGANIZATIONAL_UNIT" }] },
        [TEAM]: { Parents: [{ Id: TOP, Type: "ORGANIZATIONAL_UNIT" }] },
        [TOP]: { Parents: [{ Id: ROOT, Type: "ROOT" }] },
      },
      ListPoliciesForTarget: Object.fromEntries(
        Object.entries(attached)
          .filter(([type]) => enabled(type))
          .map(([type, byTarget]) => [type, Object.fromEntries(Object.entries(byTarget).map(([target, ps]) => [target, { Policies: ps.map((p) => p.summary) }]))]),
      ),
      DescribePolicy: Object.fromEntries(all.map((p) => [p.summary.Id, p.described])),
    },
  };
}

describe("the scan's Organizations reads, at the local endpoint", () => {
  it("a member account under root → OU → OU: every level's SCPs and RCPs, all pages, each policy described once", async () => {
    const input = memberAccount();
    const ep = await serve(input, { pageSize: 2 });
    const { snapshot, stats } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.organizations).toEqual(input.organizations);
    delete snapshot.sts; // the builder's account has no caller identity; the scan always reads one
    expect(comparable(snapshot)).toEqual(comparable(parseSnapshot(input)));
    const counts = ep.countByOperation((c) => c.service === "organizations");
    // 4 levels × 2 types, the account's SCPs on two pages; tag policies never asked for.
    expect(counts).toEqual({ DescribeOrganization: 1, ListRoots: 1, ListParents: 3, ListPoliciesForTarget: 9, DescribePolicy: 7 });
    expect(orgCalls(ep.calls).every((c) => c.region === "us-east-1")).toBe(true); // global: signed for the partition's home region
    expect(stats.callsByOperation.DescribePolicy).toBe(7);
    // Read-only, and each call is in docs/scan.md's policy.
    const docs = readFileSync(path.resolve(__dirname, "../../docs/scan.md"), "utf8");
    for (const op of Object.keys(counts)) {
      expect(op).toMatch(/^(List|Describe)[A-Za-z]+$/);
      expect(docs).toContain(`"organizations:${op}"`);
    }
  });

  it("a policy type the root does not have enabled is not asked for (it limits nothing, ListRoots says so)", async () => {
    const input = memberAccount([SCP]);
    const ep = await serve(input);
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([]);
    expect(Object.keys(snapshot.organizations?.ListPoliciesForTarget ?? {})).toEqual([SCP]);
    expect(snapshot.organizations).toEqual(input.organizations);
    expect(ep.countByOperation((c) => c.service === "organizations").ListPoliciesForTarget).toBe(4);
  });

  it("a policy type being enabled or disabled is asked for: AWS may enforce it already, or still", async () => {
    for (const Status of ["PENDING_ENABLE", "PENDING_DISABLE"]) {
      const input = memberAccount();
      const roots = (input.organizations!.ListRoots as { Roots: { PolicyTypes: { Type: string; Status: string }[] }[] }).Roots[0]!;
      roots.PolicyTypes = roots.PolicyTypes.map((t) => (t.Type === SCP ? { ...t, Status } : t));
      const ep = await serve(input);
      const { snapshot } = await scanAccount({ regions: [R] });
      expect(snapshot.errors).toEqual([]);
      expect(snapshot.organizations).toEqual(input.organizations);
      expect(ep.countByOperation((c) => c.service === "organizations").ListPoliciesForTarget).toBe(8);
      const g = organizationGuardrails(parseSnapshot(snapshot));
      expect(g.state === "known" && [g.scp?.pending, g.scp?.levels.length, g.rcp?.pending]).toEqual([Status, 4, undefined]);
    }
  });

  it("an account in no organization: AWS's AWSOrganizationsNotInUseException recorded for the account, nothing more asked", async () => {
    const input = { ...memberAccount(), organizations: {} };
    const ep = await serve(input);
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.organizations).toEqual({});
    expect(snapshot.errors).toEqual([{ operation: "DescribeOrganization", target: A, code: "AWSOrganizationsNotInUseException", message: "Your account is not a member of an organization." }]);
    expect(orgCalls(ep.calls).map((c) => c.operation)).toEqual(["DescribeOrganization"]);
    expect(failedCallsLine(snapshot.errors)).toBeUndefined(); // AWS's answer, not a failed read
    delete snapshot.sts;
    expect(comparable(snapshot)).toEqual(comparable(parseSnapshot({ ...input, errors: snapshot.errors })));
  });

  it("the management account: DescribeOrganization only (neither SCPs nor RCPs limit it)", async () => {
    const input = memberAccount();
    input.organizations!.DescribeOrganization = describeOrganization(A);
    const ep = await serve(input);
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.organizations).toEqual({ DescribeOrganization: describeOrganization(A) });
    expect(orgCalls(ep.calls).map((c) => c.operation)).toEqual(["DescribeOrganization"]);
  });

  it("a refused DescribeOrganization is recorded (the guardrails unknown) and nothing more is asked; the rest of the scan goes on", async () => {
    const ep = await serve(memberAccount(), { faults: { accessDenied: [{ operation: "DescribeOrganization" }] } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.organizations).toEqual({});
    expect(snapshot.errors).toEqual([expect.objectContaining({ operation: "DescribeOrganization", target: A, code: "AccessDeniedException" })]);
    expect(orgCalls(ep.calls).map((c) => c.operation)).toEqual(["DescribeOrganization"]);
    expect(snapshot.regions[R]?.ListFunctions?.Functions).toHaveLength(1);
    expect(failedCallsLine(snapshot.errors)).toMatch(/^Failed calls: DescribeOrganization AccessDeniedException ×1\. /);
  });

  it("a member account that may not list (no delegated administrator): each refusal recorded, DescribeOrganization kept", async () => {
    const input = memberAccount();
    const refused = ["ListRoots", "ListParents", "ListPoliciesForTarget", "DescribePolicy"].map((operation) => ({ operation }));
    await serve(input, { faults: { accessDenied: refused } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.organizations).toEqual({ DescribeOrganization: input.organizations!.DescribeOrganization });
    // ListRoots failed, so both types are asked for the one level known, the account itself.
    expect(snapshot.errors.map((e) => [e.operation, e.target, e.code])).toEqual([
      ["ListParents", A, "AccessDeniedException"],
      ["ListPoliciesForTarget", A, "AccessDeniedException"],
      ["ListPoliciesForTarget", A, "AccessDeniedException"],
      ["ListRoots", ORG, "AccessDeniedException"],
    ]);
    // A scenario made from this snapshot refuses the same calls: the errors round-trip.
    await serve(snapshot);
    const again = (await scanAccount({ regions: [R] })).snapshot;
    expect(again.errors).toEqual(snapshot.errors);
    expect(again.organizations).toEqual(snapshot.organizations);
  });

  it("a refused ListParents above the first OU: the path up to it is kept, and the root (from ListRoots) is still read", async () => {
    const input = memberAccount();
    const ep = await serve(input, { faults: { accessDenied: [{ operation: "ListParents", target: TEAM }] } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([expect.objectContaining({ operation: "ListParents", target: TEAM, code: "AccessDeniedException" })]);
    const org = snapshot.organizations!;
    expect(Object.keys(org.ListParents ?? {})).toEqual([A]);
    // TOP is not known to be on the path: its lists are not asked for, the others are as AWS gave them.
    expect(Object.keys(org.ListPoliciesForTarget?.[SCP] ?? {}).sort()).toEqual([A, ROOT, TEAM].sort());
    expect(org.ListPoliciesForTarget?.[SCP]?.[TEAM]).toEqual(input.organizations!.ListPoliciesForTarget![SCP]![TEAM]);
    expect(ep.calls.filter((c) => c.operation === "ListPoliciesForTarget").map((c) => c.target)).not.toContain(TOP);
    expect(Object.keys(org.DescribePolicy ?? {})).not.toContain(PERIMETER.summary.Id); // attached only to TOP
  });

  it("a refused ListParents for the account: its own SCPs and RCPs (and the root's) are still read, and its level applied", async () => {
    const input = memberAccount();
    await serve(input, { faults: { accessDenied: [{ operation: "ListParents", target: A }] } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([expect.objectContaining({ operation: "ListParents", target: A, code: "AccessDeniedException" })]);
    const org = snapshot.organizations!;
    expect(org.ListParents).toBeUndefined();
    for (const type of [SCP, RCP]) {
      expect(Object.keys(org.ListPoliciesForTarget?.[type] ?? {}).sort()).toEqual([A, ROOT].sort());
      expect(org.ListPoliciesForTarget?.[type]?.[A]).toEqual(input.organizations!.ListPoliciesForTarget![type]![A]);
    }
    expect(Object.keys(org.DescribePolicy ?? {})).toEqual(expect.arrayContaining([NO_LEAVE.summary.Id, NO_KEYS.summary.Id]));
    // The analysis applies the account's level from what was read, and names the parents it could not read.
    const g = organizationGuardrails(parseSnapshot(snapshot));
    expect(g.state === "known" && [g.path, g.cutAbove, g.unread?.[0]?.why]).toEqual([
      [A],
      A,
      expect.stringMatching(new RegExp(`^the account's parents could not be read: ListParents ${A} failed \\(AccessDeniedException`)),
    ]);
    // The root ListRoots names is on every account's path: its level (deny-other-regions) is applied above the cut.
    expect(g.state === "known" && [g.root, g.scp?.levels.map((l) => [l.target, l.policies.map((p) => p.source.policyName)])]).toEqual([
      ROOT,
      [
        [ROOT, ["FullAWSAccess", "deny-other-regions"]],
        [A, ["FullAWSAccess", "deny-leave", "deny-access-keys"]],
      ],
    ]);
  });

  it("a refused ListRoots: the root ListParents leads to is read all the same, and each type's lists say whether it is enabled", async () => {
    const input = memberAccount([SCP]);
    const ep = await serve(input, { faults: { accessDenied: [{ operation: "ListRoots" }] } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([expect.objectContaining({ operation: "ListRoots", target: ORG, code: "AccessDeniedException" })]);
    const org = snapshot.organizations!;
    expect(org.ListRoots).toBeUndefined();
    expect(org.ListParents).toEqual(input.organizations!.ListParents);
    // Which types are enabled is unknown to the scan: both are asked for, the root's among them (its id from ListParents).
    expect(ep.calls.filter((c) => c.operation === "ListPoliciesForTarget").map((c) => c.target)).toContain(ROOT);
    expect(org.ListPoliciesForTarget?.[SCP]).toEqual(input.organizations!.ListPoliciesForTarget![SCP]);
    expect(Object.values(org.ListPoliciesForTarget?.[RCP] ?? {})).toEqual([{ Policies: [] }, { Policies: [] }, { Policies: [] }, { Policies: [] }]);
    // The analysis applies every level read; RCPs, listed nowhere, are not enabled; ListRoots is named nowhere.
    const g = organizationGuardrails(parseSnapshot(snapshot));
    if (g.state !== "known") throw new Error(`guardrails ${g.state}: ${"why" in g ? g.why : ""}`);
    expect([g.path, g.scp?.levels.map((l) => l.target), g.rcp, g.unread]).toEqual([[ROOT, TOP, TEAM, A], [ROOT, TOP, TEAM, A], undefined, undefined]);
  });

  it("one refused ListPoliciesForTarget and one refused DescribePolicy: each recorded, everything else kept", async () => {
    const input = memberAccount();
    await serve(input, {
      pageSize: 2,
      faults: {
        accessDenied: [
          { operation: "ListPoliciesForTarget", target: TOP },
          { operation: "DescribePolicy", target: NO_KEYS.summary.Id },
        ],
      },
    });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors.map((e) => [e.operation, e.target, e.code])).toEqual([
      ["DescribePolicy", NO_KEYS.summary.Id, "AccessDeniedException"],
      ["ListPoliciesForTarget", TOP, "AccessDeniedException"],
      ["ListPoliciesForTarget", TOP, "AccessDeniedException"], // one per policy type
    ]);
    const org = snapshot.organizations!;
    const expected = input.organizations!;
    for (const type of [SCP, RCP] as const) {
      const { [TOP]: _refused, ...rest } = expected.ListPoliciesForTarget![type]!;
      expect(org.ListPoliciesForTarget?.[type]).toEqual(rest);
    }
    const { [NO_KEYS.summary.Id]: _denied, [PERIMETER.summary.Id]: _onlyOnTop, ...described } = expected.DescribePolicy!;
    expect(org.DescribePolicy).toEqual(described);
    expect(org.ListParents).toEqual(expected.ListParents);
    expect(org.ListRoots).toEqual(expected.ListRoots);
  });

  it("a later page of the account's SCPs throttled past the SDK's retries keeps the pages read, marked by their NextToken; the SCPs read as partly unread", async () => {
    const input = memberAccount();
    const throttled = organizationsError(429, "TooManyRequestsException", "You have sent too many requests in too short a period of time.");
    const rewrite = (x: Exchange) => (x.operation === "ListPoliciesForTarget" && x.target === A && JSON.parse(x.body).NextToken ? throttled : undefined);
    const ep = await serve(input, { pageSize: 2, faults: { rewrite } });
    const { snapshot } = await scanAccount({ regions: [R], maxAttempts: 2 });
    expect(snapshot.errors).toEqual([{ operation: "ListPoliciesForTarget", target: A, code: "TooManyRequestsException", message: "You have sent too many requests in too short a period of time." }]);
    const org = snapshot.organizations!;
    // The first page of the account's three SCPs, with the token it gave for the page that failed.
    const cut = org.ListPoliciesForTarget?.[SCP]?.[A];
    expect(cut?.Policies).toEqual([FULL.summary, NO_LEAVE.summary]);
    expect(cut?.NextToken).toEqual(expect.any(String));
    expect(ep.calls.filter((c) => c.operation === "ListPoliciesForTarget" && c.target === A && c.status === 429)).toHaveLength(2);
    // Each policy the pages read name is described; the one on the page not read is not known to exist.
    expect(Object.keys(org.DescribePolicy ?? {})).toContain(NO_LEAVE.summary.Id);
    expect(Object.keys(org.DescribePolicy ?? {})).not.toContain(NO_KEYS.summary.Id);
    expect(org.ListPoliciesForTarget?.[RCP]).toEqual(input.organizations!.ListPoliciesForTarget![RCP]);
    // The SCPs read are not all of them: applied as far as they were read (the account's level partial), marked
    // partly unread with the recorded error, and the RCPs read in full still apply.
    const guardrails = organizationGuardrails(parseSnapshot(snapshot));
    if (guardrails.state !== "known") throw new Error(`guardrails ${guardrails.state}`);
    expect(guardrails.scp?.levels.map((l) => [l.target, l.partial ?? false])).toEqual([[ROOT, false], [TOP, false], [TEAM, false], [A, true]]);
    expect(guardrails.rcp?.levels).toHaveLength(4);
    expect(guardrails.unread).toEqual([
      {
        kinds: ["scp"],
        why: `not every SCP attached to ${A} is known: only the first pages of ListPoliciesForTarget for ${A} were read, ListPoliciesForTarget ${A} failed (TooManyRequestsException: You have sent too many requests in too short a period of time.)`,
        error: snapshot.errors[0],
        recorded: true,
        partial: true,
      },
    ]);
  }, 30_000);

  it("a ListParents answer that loops, or a path deeper than Organizations allows, is recorded as malformed and not followed", async () => {
    const looping = memberAccount();
    looping.organizations!.ListParents![TOP] = { Parents: [{ Id: TEAM, Type: "ORGANIZATIONAL_UNIT" }] };
    const ep = await serve(looping);
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.errors).toEqual([
      { operation: "ListParents", target: TOP, code: "MalformedResponse", message: `the answer names ${TEAM}, which is already on the path: the path to the root is left unknown` },
    ]);
    expect(ep.countByOperation().ListParents).toBe(3);
    // The OUs seen are still levels whose policies are read, and the root is known from ListRoots.
    expect(Object.keys(snapshot.organizations?.ListPoliciesForTarget?.[SCP] ?? {}).sort()).toEqual([A, ROOT, TEAM, TOP].sort());

    const deep = memberAccount();
    const ous = Array.from({ length: MAX_PARENT_HOPS }, (_, i) => `ou-a1b2-${String(i).padStart(8, "9")}`);
    deep.organizations!.ListParents = Object.fromEntries([A, ...ous].map((child, i) => [child, { Parents: [{ Id: ous[i] ?? ROOT, Type: ous[i] ? "ORGANIZATIONAL_UNIT" : "ROOT" }] }]));
    const ep2 = await serve(deep);
    const scanned = (await scanAccount({ regions: [R] })).snapshot;
    expect(ep2.countByOperation().ListParents).toBe(MAX_PARENT_HOPS);
    expect(scanned.errors).toEqual([expect.objectContaining({ operation: "ListParents", target: ous.at(-1), code: "MalformedResponse" })]);
  });

  it("throttled Organizations calls are retried by the SDK until every answer is read", async () => {
    const input = memberAccount();
    // DescribeOrganization throttled three times in a row (more than the SDK's default 3 attempts allow), and a second
    // page of the account's SCPs once (the paginator asks for that page again, with its token).
    const throttles = { DescribeOrganization: 3, secondPage: 1 };
    const throttled = () => organizationsError(429, "TooManyRequestsException", "You have sent too many requests in too short a period of time.");
    const rewrite = (x: Exchange) => {
      if (x.operation === "DescribeOrganization" && throttles.DescribeOrganization-- > 0) return throttled();
      if (x.operation === "ListPoliciesForTarget" && x.target === A && x.body.includes("NextToken") && throttles.secondPage-- > 0) return throttled();
      return undefined;
    };
    const ep = await serve(input, { pageSize: 2, faults: { rewrite } });
    const { snapshot, stats } = await scanAccount({ regions: [R] });
    expect(orgCalls(ep.calls).filter((c) => c.status === 429).map((c) => `${c.operation} ${c.target}`)).toEqual([
      ...Array(3).fill(`DescribeOrganization ${A}`),
      `ListPoliciesForTarget ${A}`,
    ]);
    expect(stats.retried).toBe(4);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.organizations).toEqual(input.organizations);
  }, 60_000);

  it("scan --no-organizations (organizations: false) makes no Organizations call and writes no section", async () => {
    const ep = await serve(memberAccount());
    const { snapshot } = await scanAccount({ regions: [R], organizations: false });
    expect(orgCalls(ep.calls)).toEqual([]);
    expect(snapshot.organizations).toBeUndefined();
    expect(snapshot.errors).toEqual([]);
  });

  it("honours AWS_ENDPOINT_URL_ORGANIZATIONS as the SDK does: Organizations calls go there, the rest to AWS_ENDPOINT_URL", async () => {
    const input = memberAccount();
    const main = await serve({ ...input, organizations: {} });
    const orgs = await startAwsEndpoint({ scenario: scenarioFromSnapshot(input) });
    const restore = withEnv({ AWS_ENDPOINT_URL_ORGANIZATIONS: orgs.url });
    try {
      const { snapshot } = await scanAccount({ regions: [R] });
      expect(orgCalls(main.calls)).toEqual([]);
      expect(orgs.calls.map((c) => c.service)).toEqual(orgs.calls.map(() => "organizations"));
      expect(snapshot.organizations).toEqual(input.organizations);
    } finally {
      restore();
      await orgs.close();
    }
  });
});
