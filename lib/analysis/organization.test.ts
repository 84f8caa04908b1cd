/** The organization's guardrails read from a snapshot: levels, the "none" cases, the "unknown" cases. */
import { describe, expect, it } from "vitest";
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS, type OrganizationPolicyOptions } from "@/lib/snapshot/fixtures/builder";
import { parseSnapshot } from "@/lib/snapshot/read";
import { guardrailsLeaveAction, guardrailsLimit, guardrailsOver, organizationGuardrails, organizationNotReadEntry, organizationSummary, principalOrganization, type OrganizationGuardrails } from "./organization";
import { ACCOUNT, modelOf, newBuilder } from "./test-support";
import { NO_ORGANIZATION } from "./role-model";
import { ask } from "./what-if";
import { organizationLine } from "@/lib/view/organization-line";

const OU_TOP = "ou-a1b2-top11111";
const OU_PROD = "ou-a1b2-prod2222";
const DENY_DELETES: OrganizationPolicyOptions = {
  id: "p-denydel1",
  name: "DenyDeletes",
  document: { Version: "2012-10-17", Statement: [{ Sid: "NoDeletes", Effect: "Deny", Action: "dynamodb:Delete*", Resource: "*" }] },
};

/** An RCP that keeps other organizations out: the kind of RCP worth attaching. */
const PERIMETER: OrganizationPolicyOptions = {
  id: "p-perimeter",
  name: "Perimeter",
  document: {
    Version: "2012-10-17",
    Statement: [{ Sid: "OrgOnly", Effect: "Deny", Principal: "*", Action: "*", Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }],
  },
};

function memberBuilder(extra: Record<string, OrganizationPolicyOptions[]> = {}, rcps: OrganizationPolicyOptions[] = [RCP_FULL_AWS_ACCESS]) {
  const b = newBuilder();
  const org = b.organization({
    ous: [OU_TOP, OU_PROD],
    enabled: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
    scps: { "r-a1b2": [FULL_AWS_ACCESS], [OU_TOP]: [FULL_AWS_ACCESS], [OU_PROD]: [FULL_AWS_ACCESS, DENY_DELETES], [ACCOUNT]: [FULL_AWS_ACCESS], ...extra },
    rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU_TOP]: [RCP_FULL_AWS_ACCESS], [OU_PROD]: [RCP_FULL_AWS_ACCESS], [ACCOUNT]: rcps },
  });
  return { b, org };
}

const guardrailsOf = (b: ReturnType<typeof newBuilder>) => organizationGuardrails(parseSnapshot(b.build()));

/** ListRoots' PolicyTypes on the root, as AWS gives them. */
function setPolicyTypes(org: Record<string, unknown>, types: { Type: string; Status: string }[]) {
  ((org.ListRoots as { Roots: { PolicyTypes: object[] }[] }).Roots[0] as { PolicyTypes: object[] }).PolicyTypes = types;
}

function unknownOf(g: OrganizationGuardrails) {
  expect(g.state).toBe("unknown");
  return g as Extract<OrganizationGuardrails, { state: "unknown" }>;
}

function knownOf(g: OrganizationGuardrails) {
  expect(g.state).toBe("known");
  return g as Extract<OrganizationGuardrails, { state: "known" }>;
}

describe("organizationGuardrails", () => {
  it("gives the levels root → each OU → the account, each with the documents attached there", () => {
    const g = guardrailsOf(memberBuilder().b);
    expect(g.state).toBe("known");
    if (g.state !== "known") return;
    expect(g.path).toEqual(["r-a1b2", OU_TOP, OU_PROD, ACCOUNT]);
    expect(g.managementAccount).toBe("999988887777");
    expect(g.scp?.levels.map((l) => l.target)).toEqual(["r-a1b2", OU_TOP, OU_PROD, ACCOUNT]);
    expect(g.scp?.levels[2]?.policies.map((p) => p.source)).toEqual([
      expect.objectContaining({ kind: "scp", policyName: "FullAWSAccess", policyId: "p-FullAWSAccess", target: OU_PROD }),
      expect.objectContaining({ kind: "scp", policyName: "DenyDeletes", policyId: "p-denydel1", target: OU_PROD }),
    ]);
    expect(g.rcp?.levels).toHaveLength(4);
  });

  it("is none without an organizations section (older snapshots behave as before)", () => {
    expect(guardrailsOf(newBuilder())).toEqual({ state: "none", why: "the snapshot has no organizations section", read: false });
  });

  it("is none for an account in no organization", () => {
    const b = newBuilder();
    const org = b.organization();
    delete org.DescribeOrganization;
    b.error({ operation: "DescribeOrganization", code: "AWSOrganizationsNotInUseException", message: "Your account is not a member of an organization." });
    expect(guardrailsOf(b).state).toBe("none");
  });

  it("is none for the management account, which SCPs and RCPs do not limit", () => {
    const b = newBuilder();
    b.organization({ managementAccount: ACCOUNT, scps: { "r-a1b2": [DENY_DELETES] } });
    const g = guardrailsOf(b);
    expect(g.state).toBe("none");
    expect(g.state === "none" && g.why).toContain("management account");
  });

  it("leaves out a policy type not enabled on the root: absent, or with a status other than ENABLED or pending", () => {
    for (const types of [[], [{ Type: "SERVICE_CONTROL_POLICY", Status: "DISABLED" }]]) {
      const b = newBuilder();
      const org = b.organization({ enabled: ["SERVICE_CONTROL_POLICY"], scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: [FULL_AWS_ACCESS, DENY_DELETES] } });
      setPolicyTypes(org, types);
      const g = guardrailsOf(b);
      expect(g.state === "known" && g.scp).toBe(undefined);
      expect(g.state === "known" && guardrailsOver(g, ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/app`, ACCOUNT, "dynamodb:DeleteItem", `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`)).toBe(undefined);
    }
  });

  it("applies a type being enabled or disabled, marked pending with its status", () => {
    for (const Status of ["PENDING_ENABLE", "PENDING_DISABLE"] as const) {
      const { b, org } = memberBuilder();
      setPolicyTypes(org, [{ Type: "SERVICE_CONTROL_POLICY", Status }, { Type: "RESOURCE_CONTROL_POLICY", Status: "ENABLED" }]);
      const g = knownOf(guardrailsOf(b));
      expect([g.scp?.pending, g.scp?.levels.length, g.limits.scp?.pending, g.rcp?.pending]).toEqual([Status, 4, Status, undefined]);
      expect(guardrailsOver(g, ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/app`, ACCOUNT, "dynamodb:DeleteItem", `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`)).toEqual([g.limits.scp]);
      expect(organizationSummary(g)).toMatchObject({ state: "applied", scps: 2, rcps: 1, pending: [{ kind: "scp", status: Status }] });
      expect(organizationLine(organizationSummary(g))).toContain(`Its SCPs are ${Status} on the root: AWS does not say whether they are enforced yet`);
    }
  });

  it("is unknown, citing the errors[] entry, when a member account may not list the policies", () => {
    const b = newBuilder();
    const org = b.organization({ ous: [OU_PROD] });
    delete org.ListRoots;
    delete org.ListParents;
    delete org.ListPoliciesForTarget;
    delete org.DescribePolicy;
    b.error({ operation: "ListRoots", code: "AccessDeniedException", message: "You don't have permissions to access this resource." });
    const g = unknownOf(guardrailsOf(b));
    expect(g.why).toBe("which policy types are enabled is unknown: ListRoots failed (AccessDeniedException: You don't have permissions to access this resource.)");
    expect(g.error?.operation).toBe("ListRoots");
  });

  it("is unknown when DescribeOrganization was refused", () => {
    const b = newBuilder();
    const org = b.organization();
    delete org.DescribeOrganization;
    b.error({ operation: "DescribeOrganization", code: "AccessDeniedException", message: "denied" });
    expect(unknownOf(guardrailsOf(b)).why).toContain("DescribeOrganization failed (AccessDeniedException");
  });

  it("leaves one type unread, the other applied, when one level's policies or one policy of it could not be read", () => {
    const { b, org } = memberBuilder();
    delete ((org.ListPoliciesForTarget as Record<string, Record<string, unknown>>).SERVICE_CONTROL_POLICY as Record<string, unknown>)[OU_TOP];
    b.error({ operation: "ListPoliciesForTarget", target: OU_TOP, code: "AccessDeniedException", message: "denied" });
    const g = knownOf(guardrailsOf(b));
    expect(g.unread).toEqual([expect.objectContaining({ kinds: ["scp"], recorded: true, error: expect.objectContaining({ operation: "ListPoliciesForTarget", target: OU_TOP }) })]);
    expect(g.unread?.[0]?.why).toBe(`the SCPs attached to ${OU_TOP} are unknown: ListPoliciesForTarget ${OU_TOP} failed (AccessDeniedException: denied)`);
    expect(g.scp).toBeUndefined();
    expect(g.rcp?.levels.map((l) => l.target)).toEqual(["r-a1b2", OU_TOP, OU_PROD, ACCOUNT]);
    expect(organizationSummary(g)).toMatchObject({ state: "applied", rcps: 1, unread: ["scp"] });
    expect(organizationNotReadEntry(g)).toBe(`The organization's SCPs: ${g.unread?.[0]?.why}; every "allowed" assumes they permit it`);

    const other = memberBuilder();
    delete (other.org.DescribePolicy as Record<string, unknown>)["p-denydel1"];
    expect(knownOf(guardrailsOf(other.b)).unread?.[0]?.why).toBe(`SCP p-denydel1 attached to ${OU_PROD} is unknown: the snapshot has no DescribePolicy answer for p-denydel1`);

    const rcpUnread = memberBuilder();
    delete ((rcpUnread.org.ListPoliciesForTarget as Record<string, Record<string, unknown>>).RESOURCE_CONTROL_POLICY as Record<string, unknown>)[ACCOUNT];
    const r = knownOf(guardrailsOf(rcpUnread.b));
    expect(r.unread?.map((u) => u.kinds)).toEqual([["rcp"]]);
    expect(r.limits.scp?.levels.map((l) => l.target)).toEqual([OU_PROD]);
    expect(r.rcp).toBeUndefined();
  });

  it("applies a level's list held only in part (its NextToken: a later page failed) as far as read, the type flagged unread in part", () => {
    // The prod OU's SCPs as far as read: DenyDeletes, with FullAWSAccess on a page not read.
    const { b, org } = memberBuilder();
    const scps = (org.ListPoliciesForTarget as Record<string, Record<string, { Policies: unknown[]; NextToken?: string }>>).SERVICE_CONTROL_POLICY!;
    scps[OU_PROD] = { Policies: scps[OU_PROD]!.Policies.slice(1), NextToken: "page-2" };
    const g = knownOf(guardrailsOf(b));
    expect(g.scp?.levels.map((l) => [l.target, l.partial ?? false, l.policies.map((p) => p.source.policyName)])).toEqual([
      ["r-a1b2", false, ["FullAWSAccess"]],
      [OU_TOP, false, ["FullAWSAccess"]],
      [OU_PROD, true, ["DenyDeletes"]],
      [ACCOUNT, false, ["FullAWSAccess"]],
    ]);
    expect(g.unread).toEqual([
      expect.objectContaining({ kinds: ["scp"], partial: true, recorded: false, error: expect.objectContaining({ operation: "ListPoliciesForTarget", target: OU_PROD, code: "IncompleteSnapshot" }) }),
    ]);
    expect(g.unread?.[0]?.why).toBe(`not every SCP attached to ${OU_PROD} is known: only the first pages of ListPoliciesForTarget for ${OU_PROD} were read`);
    expect(g.rcp?.levels).toHaveLength(4);
    // The Deny read is certain, so the level is handed over for the actions it names; the others are left alone.
    const role = `arn:aws:iam::${ACCOUNT}:role/app`;
    const table = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`;
    expect(guardrailsOver(g, ACCOUNT, role, ACCOUNT, "dynamodb:DeleteItem", table)?.map((x) => x.kind)).toEqual(["scp"]);
    expect(guardrailsLeaveAction(g, "sqs:SendMessage")).toBe(true);
    expect(organizationSummary(g)).toMatchObject({ state: "applied", scps: 2, unread: ["scp"], unreadInPart: true });
    expect(organizationNotReadEntry(g)).toBe(`The organization's SCPs: ${g.unread?.[0]?.why}; every "allowed" assumes the unread ones permit it`);
    // With the failure recorded (as the scan does), it is cited.
    b.error({ operation: "ListPoliciesForTarget", target: OU_PROD, code: "TooManyRequestsException", message: "Rate exceeded" });
    expect(knownOf(guardrailsOf(b)).unread).toEqual([expect.objectContaining({ kinds: ["scp"], partial: true, recorded: true, error: expect.objectContaining({ code: "TooManyRequestsException" }) })]);
  });

  it("is unknown when every enabled type has a read missing", () => {
    const { b, org } = memberBuilder();
    delete (org.DescribePolicy as Record<string, unknown>)["p-denydel1"];
    delete ((org.ListPoliciesForTarget as Record<string, Record<string, unknown>>).RESOURCE_CONTROL_POLICY as Record<string, unknown>)[ACCOUNT];
    const g = unknownOf(guardrailsOf(b));
    // Each type's read is named, not the first alone.
    expect(g.why).toBe(
      `SCP p-denydel1 attached to ${OU_PROD} is unknown: the snapshot has no DescribePolicy answer for p-denydel1; ` +
        `the RCPs attached to ${ACCOUNT} are unknown: the snapshot has no ListPoliciesForTarget answer for ${ACCOUNT}`,
    );
    expect(organizationNotReadEntry(g)).toBe(`The organization's SCPs and RCPs: ${g.why}; every "allowed" assumes they permit it`);
  });

  it("applies the levels below a ListParents not answered, and is unknown when the path to the root loops", () => {
    const { b, org } = memberBuilder();
    delete (org.ListParents as Record<string, unknown>)[OU_TOP];
    const g = knownOf(guardrailsOf(b));
    expect([g.path, g.cutAbove, g.unread?.[0]?.why]).toEqual([
      [OU_TOP, OU_PROD, ACCOUNT],
      OU_TOP,
      `the parents above ${OU_TOP} could not be read: the snapshot has no ListParents answer for ${OU_TOP}`,
    ]);
    const loop = memberBuilder();
    (loop.org.ListParents as Record<string, unknown>)[OU_TOP] = { Parents: [{ Id: OU_PROD, Type: "ORGANIZATIONAL_UNIT" }] };
    expect(unknownOf(guardrailsOf(loop.b)).why).toContain("does not lead to a root");
  });

  it("calls an answer held without its list malformed, not unread: a fresh scan is no cure for what wrote it", () => {
    // Found by evidence-integrity's hostile edits: a ListParents entry whose Parents key was replaced by others.
    const { b, org } = memberBuilder();
    (org.ListParents as Record<string, unknown>)[OU_TOP] = { Unexpected: 1 };
    const g = knownOf(guardrailsOf(b));
    expect([g.path, g.cutAbove, g.unread?.[0]?.why]).toEqual([
      [OU_TOP, OU_PROD, ACCOUNT],
      OU_TOP,
      `the parents above ${OU_TOP} could not be read: the snapshot's ListParents answer for ${OU_TOP} holds no readable Parents`,
    ]);
    expect(g.unread?.[0]?.error).toMatchObject({ operation: "ListParents", target: OU_TOP, code: "MalformedResponse" });
  });

  it("leaves the type unread when a policy's Content is malformed, naming the policy and where it is attached", () => {
    const { b } = memberBuilder({ [ACCOUNT]: [FULL_AWS_ACCESS, { id: "p-broken12", name: "Broken", document: "{not json" }] });
    expect(knownOf(guardrailsOf(b)).unread?.[0]?.why).toMatch(new RegExp(`^SCP 'Broken' \\(p-broken12\\) attached to ${ACCOUNT} is malformed: `));
  });

  it("is unknown for an RCP other than RCPFullAWSAccess with an Allow (AWS accepts none)", () => {
    const b = newBuilder();
    b.organization({
      enabled: ["RESOURCE_CONTROL_POLICY"],
      rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS, { id: "p-rcpallow", name: "AllowAll", document: RCP_FULL_AWS_ACCESS.document }], [ACCOUNT]: [RCP_FULL_AWS_ACCESS] },
    });
    expect(unknownOf(guardrailsOf(b)).why).toContain("only RCPFullAWSAccess may have");
  });
});

/** An SCP that may refuse any action (outside two regions): a type that leaves no action as it is. */
const REGION_LOCK: OrganizationPolicyOptions = {
  id: "p-regions1",
  name: "RegionLock",
  document: { Version: "2012-10-17", Statement: [{ Sid: "TwoRegions", Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } }] },
};

describe("guardrails read in part: both types, or the path to the root", () => {
  /** An RCP's Deny of one action, at the account: what a cut-short RCP list may still hold. */
  const NO_TABLE_DROP: OrganizationPolicyOptions = {
    id: "p-notabledrop",
    name: "NoTableDrop",
    document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "dynamodb:DeleteTable", Resource: "*" }] },
  };
  const table = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`;

  /** The member account, its role `app` allowed every DynamoDB action by its own policy. */
  function member(rcps: OrganizationPolicyOptions[] = [RCP_FULL_AWS_ACCESS], scps: Record<string, OrganizationPolicyOptions[]> = {}) {
    const m = memberBuilder(scps, rcps);
    const role = m.b.role({ name: "app", inline: { tables: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] } } });
    return { ...m, role };
  }

  /** Keeps a level's list from `from` on, with a NextToken: the later page failed (the first policy is not read). */
  function cutList(org: Record<string, unknown>, type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY", target: string, from = 1) {
    const lists = (org.ListPoliciesForTarget as Record<string, Record<string, { Policies: unknown[] }>>)[type]!;
    lists[target] = { ...lists[target]!, Policies: lists[target]!.Policies.slice(from), NextToken: "page-2" } as { Policies: unknown[] };
  }

  const decision = (b: ReturnType<typeof newBuilder>, role: string, action: string) => ask(modelOf(b), { principal: role, action, resource: table });

  it("applies both types as far as read when each has a level cut short, and names both", () => {
    const { b, org, role } = member([RCP_FULL_AWS_ACCESS, NO_TABLE_DROP]);
    cutList(org, "SERVICE_CONTROL_POLICY", OU_PROD);
    cutList(org, "RESOURCE_CONTROL_POLICY", ACCOUNT);
    const g = knownOf(guardrailsOf(b));
    expect(g.scp?.levels.map((l) => [l.target, l.partial ?? false])).toEqual([["r-a1b2", false], [OU_TOP, false], [OU_PROD, true], [ACCOUNT, false]]);
    expect(g.rcp?.levels.map((l) => [l.target, l.partial ?? false, l.policies.map((p) => p.source.policyName)])).toEqual([
      ["r-a1b2", false, ["RCPFullAWSAccess"]],
      [OU_TOP, false, ["RCPFullAWSAccess"]],
      [OU_PROD, false, ["RCPFullAWSAccess"]],
      [ACCOUNT, true, ["NoTableDrop"]],
    ]);
    const scpWhy = `not every SCP attached to ${OU_PROD} is known: only the first pages of ListPoliciesForTarget for ${OU_PROD} were read`;
    const rcpWhy = `not every RCP attached to ${ACCOUNT} is known: only the first pages of ListPoliciesForTarget for ${ACCOUNT} were read`;
    expect(g.unread).toEqual([
      expect.objectContaining({ kinds: ["scp"], partial: true, why: scpWhy }),
      expect.objectContaining({ kinds: ["rcp"], partial: true, why: rcpWhy }),
    ]);
    // Each Deny read refuses; what no Deny read names is the account's own answer, said to assume the unread ones.
    expect(decision(b, role, "dynamodb:DeleteItem")).toMatchObject({ decision: "explicitly-denied" });
    expect(decision(b, role, "dynamodb:DeleteItem").reasons.join(" ")).toContain("DenyDeletes");
    expect(decision(b, role, "dynamodb:DeleteTable").reasons.join(" ")).toContain("NoTableDrop");
    expect(decision(b, role, "dynamodb:DeleteTable").decision).toBe("explicitly-denied");
    const get = decision(b, role, "dynamodb:GetItem");
    expect(get.decision).toBe("allowed");
    expect(get.reasons).toContain(`the organization's SCPs and RCPs could not all be read: "allowed" assumes the unread ones permit it`);
    expect(organizationNotReadEntry(g)).toBe(`The organization's SCPs and RCPs: ${scpWhy}; ${rcpWhy}; every "allowed" assumes the unread ones permit it`);
    expect(organizationSummary(g)).toMatchObject({ state: "applied", scps: 2, rcps: 2, unread: ["scp", "rcp"], unreadInPart: true });
  });

  it("applies the type read in part when the other could not be read at all, naming both", () => {
    const { b, org, role } = member();
    cutList(org, "SERVICE_CONTROL_POLICY", OU_PROD);
    delete (org.ListPoliciesForTarget as Record<string, Record<string, unknown>>).RESOURCE_CONTROL_POLICY![ACCOUNT];
    b.error({ operation: "ListPoliciesForTarget", target: ACCOUNT, code: "AccessDeniedException", message: "denied" });
    const g = knownOf(guardrailsOf(b));
    expect(g.rcp).toBeUndefined();
    expect(g.unread?.map((u) => [u.kinds, u.partial ?? false])).toEqual([
      [["scp"], true],
      [["rcp"], false],
    ]);
    expect(decision(b, role, "dynamodb:DeleteItem").decision).toBe("explicitly-denied");
    expect(decision(b, role, "dynamodb:GetItem").decision).toBe("allowed");
    expect(organizationNotReadEntry(g)).toMatch(/^The organization's SCPs and RCPs: not every SCP attached to .*; the RCPs attached to .* failed \(AccessDeniedException: denied\); every "allowed" assumes the unread ones permit it$/);
    expect(organizationSummary(g)).toMatchObject({ scps: 2, unread: ["scp", "rcp"], unreadInPart: true });
  });

  it("applies the levels below a ListParents cut short: a Deny read there refuses, the parents above are unknown", () => {
    const { b, org, role } = member();
    // The prod OU's parent is on a page not read: the root and the top OU, and what is attached there, are unknown.
    Object.assign((org.ListParents as Record<string, object>)[OU_PROD]!, { NextToken: "page-2" });
    const g = knownOf(guardrailsOf(b));
    expect(g.path).toEqual([OU_PROD, ACCOUNT]);
    expect(g.cutAbove).toBe(OU_PROD);
    // The root (from ListRoots) is on every account's path: its level is read and applied above the cut.
    expect(g.root).toBe("r-a1b2");
    expect(g.scp?.levels.map((l) => l.target)).toEqual(["r-a1b2", OU_PROD, ACCOUNT]);
    expect(g.rcp?.levels.map((l) => l.target)).toEqual(["r-a1b2", OU_PROD, ACCOUNT]);
    const why = `the parents above ${OU_PROD} could not be read: only the first pages of ListParents for ${OU_PROD} were read`;
    expect(g.unread).toEqual([
      expect.objectContaining({ kinds: ["scp", "rcp"], partial: true, why, error: expect.objectContaining({ operation: "ListParents", target: OU_PROD, code: "IncompleteSnapshot" }) }),
    ]);
    expect(decision(b, role, "dynamodb:DeleteItem").decision).toBe("explicitly-denied");
    // Not refused for want of an Allow above the cut: unknown, said beside the answer and for the account.
    const get = decision(b, role, "dynamodb:GetItem");
    expect(get.decision).toBe("allowed");
    expect(get.reasons).toContain(`the organization's SCPs and RCPs could not all be read (the parents above ${OU_PROD} could not be read): "allowed" assumes the unread ones permit it`);
    expect(organizationNotReadEntry(g)).toBe(`The organization's SCPs and RCPs: ${why}; every "allowed" assumes the unread ones permit it`);
    expect(organizationSummary(g)).toMatchObject({ state: "applied", path: [OU_PROD, ACCOUNT], cutAbove: OU_PROD, root: "r-a1b2", unread: ["scp", "rcp"], unreadInPart: true });
    // aws:PrincipalOrgPaths needs the whole path: only the id is known.
    expect(principalOrganization(parseSnapshot(b.build()), g)).toEqual({ id: "o-a1b2c3d4e5" });

    // Cut at the account itself: its own level alone is read.
    const own = member();
    Object.assign((own.org.ListParents as Record<string, object>)[ACCOUNT]!, { Parents: [], NextToken: "page-2" });
    const a = knownOf(guardrailsOf(own.b));
    expect([a.path, a.cutAbove, a.unread?.[0]?.why]).toEqual([
      [ACCOUNT],
      ACCOUNT,
      `the account's parents could not be read: only the first pages of ListParents for ${ACCOUNT} were read`,
    ]);
  });

  it("applies the account's own level when its ListParents failed outright: a Deny there refuses, nothing is a sure Allow", () => {
    /** An SCP on the account itself that refuses table deletes; FullAWSAccess beside it. */
    const NO_TABLE_DELETE: OrganizationPolicyOptions = {
      id: "p-notabledel",
      name: "NoTableDelete",
      document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "dynamodb:DeleteTable", Resource: "*" }] },
    };
    const { b, org, role } = member(undefined, { [ACCOUNT]: [FULL_AWS_ACCESS, NO_TABLE_DELETE] });
    delete org.ListParents;
    b.error({ operation: "ListParents", target: ACCOUNT, code: "AccessDeniedException", message: "You don't have permissions to access this resource." });
    const g = knownOf(guardrailsOf(b));
    expect([g.path, g.cutAbove, g.root, g.scp?.levels.map((l) => l.target), g.rcp?.levels.map((l) => l.target)]).toEqual([
      [ACCOUNT],
      ACCOUNT,
      "r-a1b2",
      ["r-a1b2", ACCOUNT],
      ["r-a1b2", ACCOUNT],
    ]);
    const why = `the account's parents could not be read: ListParents ${ACCOUNT} failed (AccessDeniedException: You don't have permissions to access this resource.)`;
    expect(g.unread).toEqual([expect.objectContaining({ kinds: ["scp", "rcp"], partial: true, recorded: true, why, error: expect.objectContaining({ operation: "ListParents", target: ACCOUNT }) })]);
    // The Deny read at the account's level refuses whatever is above; DenyDeletes, on the unread OU, is not applied.
    expect(decision(b, role, "dynamodb:DeleteTable")).toMatchObject({ decision: "explicitly-denied" });
    expect(decision(b, role, "dynamodb:DeleteTable").reasons.join(" ")).toContain("NoTableDelete");
    // Allowed at the account's level: an "allowed" that says the levels above were not read, never a bare one.
    const del = decision(b, role, "dynamodb:DeleteItem");
    expect(del.decision).toBe("allowed");
    expect(del.reasons).toContain(`the organization's SCPs and RCPs could not all be read (the account's parents could not be read): "allowed" assumes the unread ones permit it`);
    expect(organizationNotReadEntry(g)).toBe(`The organization's SCPs and RCPs: ${why}; every "allowed" assumes the unread ones permit it`);
    expect(organizationSummary(g)).toMatchObject({ state: "applied", path: [ACCOUNT], cutAbove: ACCOUNT, scps: 2, rcps: 1, unread: ["scp", "rcp"], unreadInPart: true });
    expect(principalOrganization(parseSnapshot(b.build()), g)).toEqual({ id: "o-a1b2c3d4e5" });

    // The account's own lists refused too: nothing of the enabled types was read, so unknown as a whole, every read named.
    delete (org.ListPoliciesForTarget as Record<string, Record<string, unknown>>).SERVICE_CONTROL_POLICY![ACCOUNT];
    delete (org.ListPoliciesForTarget as Record<string, Record<string, unknown>>).RESOURCE_CONTROL_POLICY![ACCOUNT];
    b.error({ operation: "ListPoliciesForTarget", target: ACCOUNT, code: "AccessDeniedException", message: "denied" });
    const none = unknownOf(guardrailsOf(b));
    expect(none.why).toBe(
      `${why}; the SCPs attached to ${ACCOUNT} are unknown: ListPoliciesForTarget ${ACCOUNT} failed (AccessDeniedException: denied); ` +
        `the RCPs attached to ${ACCOUNT} are unknown: ListPoliciesForTarget ${ACCOUNT} failed (AccessDeniedException: denied)`,
    );
    expect(none.error.operation).toBe("ListParents");
  });

  it("applies the root's SCPs and RCPs above parents not read: a Deny at the root refuses, the OUs between stay unknown", () => {
    /** An SCP on the root, which every account's path starts at, refusing table deletes. */
    const ROOT_NO_TABLE_DELETE: OrganizationPolicyOptions = {
      id: "p-rootnodel",
      name: "RootNoTableDelete",
      document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "dynamodb:DeleteTable", Resource: "*" }] },
    };
    const { b, org, role } = member(undefined, { "r-a1b2": [FULL_AWS_ACCESS, ROOT_NO_TABLE_DELETE] });
    delete org.ListParents;
    b.error({ operation: "ListParents", target: ACCOUNT, code: "AccessDeniedException", message: "denied" });
    const g = knownOf(guardrailsOf(b));
    expect([g.path, g.cutAbove, g.root, g.scp?.levels.map((l) => l.target)]).toEqual([[ACCOUNT], ACCOUNT, "r-a1b2", ["r-a1b2", ACCOUNT]]);
    const why = `the account's parents could not be read: ListParents ${ACCOUNT} failed (AccessDeniedException: denied)`;
    expect(g.unread).toEqual([expect.objectContaining({ kinds: ["scp", "rcp"], partial: true, why })]);
    // The root's Deny refuses whatever the OUs between say; DenyDeletes, on an OU not known to be on the path, does not.
    const drop = decision(b, role, "dynamodb:DeleteTable");
    expect(drop.decision).toBe("explicitly-denied");
    expect(drop.reasons.join(" ")).toContain("RootNoTableDelete");
    const del = decision(b, role, "dynamodb:DeleteItem");
    expect(del.decision).toBe("allowed");
    expect(del.reasons).toContain(`the organization's SCPs and RCPs could not all be read (the account's parents could not be read): "allowed" assumes the unread ones permit it`);
    expect(organizationLine(organizationSummary(g))).toBe(
      "Organization o-a1b2c3d4e5: 2 SCPs and 1 RCP applied to every answer at the root and at the account's own level (the account's parents could not be read). " +
        "Its SCPs and RCPs could not all be read: answers assume the unread ones permit it.",
    );

    // The root's lists refused too: its level is not applied, and the gap names the read.
    for (const type of ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]) delete (org.ListPoliciesForTarget as Record<string, Record<string, unknown>>)[type]!["r-a1b2"];
    b.error({ operation: "ListPoliciesForTarget", target: "r-a1b2", code: "AccessDeniedException", message: "denied" });
    const cut = knownOf(guardrailsOf(b));
    expect([cut.root, cut.scp?.levels.map((l) => l.target)]).toEqual([undefined, [ACCOUNT]]);
    expect(cut.unread?.map((u) => [u.kinds, u.why])).toEqual([
      [["scp", "rcp"], why],
      [["scp"], "the SCPs attached to r-a1b2 are unknown: ListPoliciesForTarget r-a1b2 failed (AccessDeniedException: denied)"],
      [["rcp"], "the RCPs attached to r-a1b2 are unknown: ListPoliciesForTarget r-a1b2 failed (AccessDeniedException: denied)"],
    ]);
    expect(decision(b, role, "dynamodb:DeleteTable").decision).toBe("allowed");
  });

  it("takes the enabled types from the lists read when ListRoots was refused, naming ListRoots only for a type none tells", () => {
    const { b, org, role } = member();
    delete org.ListRoots;
    b.error({ operation: "ListRoots", target: "o-a1b2c3d4e5", code: "AccessDeniedException", message: "denied" });
    // The path reaches the root through ListParents: every level read, each type's lists naming its policies.
    const g = knownOf(guardrailsOf(b));
    expect([g.path, g.unread, g.scp?.levels.length, g.rcp?.levels.length]).toEqual([["r-a1b2", OU_TOP, OU_PROD, ACCOUNT], undefined, 4, 4]);
    expect(organizationNotReadEntry(g)).toBeUndefined();
    expect(decision(b, role, "dynamodb:DeleteItem")).toMatchObject({ decision: "explicitly-denied" });
    expect(decision(b, role, "dynamodb:DeleteItem").reasons.join(" ")).toContain("DenyDeletes");

    // RCPs not enabled: each of their lists read in full and empty (an enabled type leaves no level bare), so none limits.
    const rcps = (org.ListPoliciesForTarget as Record<string, Record<string, unknown>>).RESOURCE_CONTROL_POLICY!;
    for (const target of Object.keys(rcps)) rcps[target] = { Policies: [] };
    const off = knownOf(guardrailsOf(b));
    expect([off.rcp, off.unread, off.scp?.levels.length]).toEqual([undefined, undefined, 4]);

    // No RCP list read at all: whether RCPs are enabled is unknown, and that gap alone names ListRoots.
    delete (org.ListPoliciesForTarget as Record<string, unknown>).RESOURCE_CONTROL_POLICY;
    const untold = knownOf(guardrailsOf(b));
    expect([untold.rcp, untold.scp?.levels.length]).toEqual([undefined, 4]);
    expect(untold.unread).toEqual([
      expect.objectContaining({ kinds: ["rcp"], why: "whether RCPs are enabled is unknown: ListRoots o-a1b2c3d4e5 failed (AccessDeniedException: denied)", recorded: true }),
    ]);
    expect(untold.unread?.[0]?.partial).toBeUndefined();
  });

  it("names ListRoots beside the ListParents that stopped midway: the root above is unknown, and so are its policies", () => {
    const { b, org, role } = member();
    delete org.ListRoots;
    b.error({ operation: "ListRoots", target: "o-a1b2c3d4e5", code: "AccessDeniedException", message: "denied" });
    // The walk up reached the top OU, whose parent could not be read: the root is on no answer read.
    delete (org.ListParents as Record<string, unknown>)[OU_TOP];
    b.error({ operation: "ListParents", target: OU_TOP, code: "TooManyRequestsException", message: "slow down" });
    const g = knownOf(guardrailsOf(b));
    expect([g.path, g.cutAbove, g.root, g.scp?.levels.map((l) => l.target)]).toEqual([[OU_TOP, OU_PROD, ACCOUNT], OU_TOP, undefined, [OU_TOP, OU_PROD, ACCOUNT]]);
    expect(g.unread?.map((u) => [u.kinds, u.partial, u.error.operation, u.why])).toEqual([
      [["scp", "rcp"], true, "ListParents", `the parents above ${OU_TOP} could not be read: ListParents ${OU_TOP} failed (TooManyRequestsException: slow down)`],
      [["scp", "rcp"], true, "ListRoots", `the organization's root above ${OU_TOP} is unknown: ListRoots o-a1b2c3d4e5 failed (AccessDeniedException: denied)`],
    ]);
    // What was read is applied; an "allowed" is never bare.
    expect(decision(b, role, "dynamodb:DeleteItem").decision).toBe("explicitly-denied");
    expect(decision(b, role, "dynamodb:GetItem").reasons).toContain(
      `the organization's SCPs and RCPs could not all be read (the parents above ${OU_TOP} could not be read): "allowed" assumes the unread ones permit it`,
    );
    expect(organizationSummary(g)).toMatchObject({ state: "applied", cutAbove: OU_TOP, unread: ["scp", "rcp"], unreadInPart: true });
  });

  it("takes the enabled types from a ListRoots cut short only for the root the path leads to", () => {
    const roots = memberBuilder();
    Object.assign(roots.org.ListRoots as object, { NextToken: "page-2" });
    const g = knownOf(guardrailsOf(roots.b));
    expect([g.path, g.unread, g.scp?.levels.length, g.rcp?.levels.length]).toEqual([["r-a1b2", OU_TOP, OU_PROD, ACCOUNT], undefined, 4, 4]);
    // The path cut too: whether the root read is the account's is unknown, so what is enabled is too.
    Object.assign((roots.org.ListParents as Record<string, object>)[OU_TOP]!, { NextToken: "page-2" });
    expect(unknownOf(guardrailsOf(roots.b)).why).toBe("which policy types are enabled is unknown: only the first pages of ListRoots were read");
    const other = memberBuilder();
    Object.assign(other.org.ListRoots as object, { NextToken: "page-2" });
    ((other.org.ListRoots as { Roots: { Id: string }[] }).Roots[0] as { Id: string }).Id = "r-other";
    expect(unknownOf(guardrailsOf(other.b)).why).toBe("which policy types are enabled is unknown: only the first pages of ListRoots were read");
  });
});

describe("a policy type being enabled or disabled (PENDING_ENABLE, PENDING_DISABLE)", () => {
  /** An SCP that allows DynamoDB reads only: at a level without FullAWSAccess, it refuses every other action. */
  const READS_ONLY: OrganizationPolicyOptions = {
    id: "p-readsonly",
    name: "ReadsOnly",
    document: { Version: "2012-10-17", Statement: [{ Sid: "Reads", Effect: "Allow", Action: "dynamodb:Get*", Resource: "*" }] },
  };
  const table = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`;

  function member(status: string) {
    const { b, org } = memberBuilder({ [OU_TOP]: [READS_ONLY, { ...FULL_AWS_ACCESS, document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:Delete*", Resource: "*" }] }, id: "p-deletes", name: "Deletes" }] });
    setPolicyTypes(org, [{ Type: "SERVICE_CONTROL_POLICY", Status: status }, { Type: "RESOURCE_CONTROL_POLICY", Status: "ENABLED" }]);
    const role = b.role({ name: "app", inline: { tables: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] } } });
    return (action: string) => ask(modelOf(b), { principal: role, action, resource: table });
  }

  it("a Deny of a pending type makes the answer conditional, the note naming the type and its status", () => {
    expect(member("ENABLED")("dynamodb:DeleteItem").decision).toBe("explicitly-denied");
    for (const status of ["PENDING_ENABLE", "PENDING_DISABLE"]) {
      const del = member(status)("dynamodb:DeleteItem");
      expect(del.decision).toBe("conditional");
      expect(del.reasons).toContain(
        `a Deny in SCP 'DenyDeletes' (p-denydel1) attached to ${OU_PROD} statement "NoDeletes" may apply: SCPs are ${status} on the organization's root: AWS does not say whether they are enforced yet`,
      );
    }
  });

  it("a level of a pending type that allows nothing of the request makes it conditional too, saying why", () => {
    expect(member("ENABLED")("dynamodb:PutItem").decision).toBe("implicitly-denied");
    const put = member("PENDING_ENABLE")("dynamodb:PutItem");
    expect(put.decision).toBe("conditional");
    expect(put.reasons).toContain(
      `no SCP attached to ${OU_TOP} allows dynamodb:PutItem, which refuses it if SCPs, PENDING_ENABLE on the organization's root, are enforced yet (AWS does not say)`,
    );
    // What every level allows and no Deny refuses stays allowed, pending or not.
    expect(member("PENDING_ENABLE")("dynamodb:GetItem").decision).toBe("allowed");
  });
});

describe("guardrailsOver", () => {
  // Guardrails that may touch every action: which types apply is then a matter of the caller and the resource only.
  const g = guardrailsOf(memberBuilder({ [ACCOUNT]: [FULL_AWS_ACCESS, REGION_LOCK] }, [RCP_FULL_AWS_ACCESS, PERIMETER]).b);
  const role = `arn:aws:iam::${ACCOUNT}:role/app`;
  const kinds = (resource: string, caller = role, callerAccount = ACCOUNT, awsManagedKey = false, action = `${resource.split(":")[2]}:Get`) =>
    guardrailsOver(g, ACCOUNT, caller, callerAccount, action, resource, awsManagedKey)?.map((x) => x.kind) ?? [];

  it("limits the account's principals by SCPs, and requests on its resources of RCP services by RCPs", () => {
    expect(kinds(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`)).toEqual(["scp"]);
    expect(kinds(`arn:aws:sns:us-east-1:${ACCOUNT}:t`)).toEqual(["scp"]);
    expect(kinds(`arn:aws:sqs:us-east-1:${ACCOUNT}:q`)).toEqual(["scp", "rcp"]);
    expect(kinds(`arn:aws:kms:us-east-1:${ACCOUNT}:key/1`)).toEqual(["scp", "rcp"]);
    expect(kinds(`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:s`)).toEqual(["scp", "rcp"]);
    // sts:AssumeRole is asked of an IAM role ARN: RCPs limit it as an STS request.
    expect(kinds(`arn:aws:iam::${ACCOUNT}:role/other`, role, ACCOUNT, false, "sts:AssumeRole")).toEqual(["scp", "rcp"]);
    expect(kinds(`arn:aws:iam::${ACCOUNT}:role/other`, role, ACCOUNT, false, "iam:PassRole")).toEqual(["scp"]);
  });

  it("leaves service-linked roles' calls to neither SCPs nor RCPs, and other accounts' principals to their own SCPs", () => {
    const serviceLinked = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda`;
    expect(kinds(`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`, serviceLinked)).toEqual([]);
    expect(kinds(`arn:aws:sqs:us-east-1:${ACCOUNT}:q`, serviceLinked)).toEqual([]);
    expect(kinds(`arn:aws:kms:us-east-1:${ACCOUNT}:key/1`, serviceLinked, ACCOUNT, false, "kms:Decrypt")).toEqual([]);
    expect(kinds(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`, "arn:aws:iam::210987654321:role/x", "210987654321")).toEqual([]);
    // Not the account's SCPs, but the RCPs of the account that owns the table (an RCP service since February 2026).
    expect(kinds(`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`, "arn:aws:iam::210987654321:role/x", "210987654321")).toEqual(["rcp"]);
  });

  it("applies no RCP to another account's resource or an AWS managed key; a bucket is taken to be the account's", () => {
    expect(kinds("arn:aws:sqs:us-east-1:210987654321:q")).toEqual(["scp"]);
    expect(kinds(`arn:aws:kms:us-east-1:${ACCOUNT}:key/1`, role, ACCOUNT, true)).toEqual(["scp"]);
    expect(kinds("arn:aws:s3:::bucket/key")).toEqual(["scp", "rcp"]);
    expect(kinds("*", role, ACCOUNT, false, "s3:ListAllMyBuckets")).toEqual(["scp"]);
  });

  it("limits the services AWS added since launch by RCPs: DynamoDB, CloudWatch Logs, ECR, OpenSearch Serverless, Cognito", () => {
    expect(kinds(`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`)).toEqual(["scp", "rcp"]);
    expect(kinds(`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t/stream/2026-01-01T00:00:00.000`, role, ACCOUNT, false, "dynamodb:GetRecords")).toEqual(["scp", "rcp"]);
    expect(kinds(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/f:*`, role, ACCOUNT, false, "logs:PutLogEvents")).toEqual(["scp", "rcp"]);
    expect(kinds(`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app`, role, ACCOUNT, false, "ecr:BatchGetImage")).toEqual(["scp", "rcp"]);
    expect(kinds(`arn:aws:aoss:us-east-1:${ACCOUNT}:collection/c`, role, ACCOUNT, false, "aoss:APIAccessAll")).toEqual(["scp", "rcp"]);
    expect(kinds(`arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_x`, role, ACCOUNT, false, "cognito-idp:AdminGetUser")).toEqual(["scp", "rcp"]);
    expect(kinds(`arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/us-east-1:1`, role, ACCOUNT, false, "cognito-identity:GetId")).toEqual(["scp", "rcp"]);
    // Lambda pulling an image is a service principal's request: no SCP, the RCPs of the repository's account.
    expect(guardrailsOver(g, ACCOUNT, "lambda.amazonaws.com", undefined, "ecr:BatchGetImage", `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app`)?.map((x) => x.kind)).toEqual(["rcp"]);
    // A request that names no resource (Resource "*") is outside RCPs, whatever its service.
    expect(kinds("*", role, ACCOUNT, false, "ecr:GetAuthorizationToken")).toEqual(["scp"]);
  });

  it("applies no RCP to kms:RetireGrant, which AWS says no RCP governs", () => {
    expect(kinds(`arn:aws:kms:us-east-1:${ACCOUNT}:key/1`, role, ACCOUNT, false, "kms:RetireGrant")).toEqual(["scp"]);
    expect(kinds(`arn:aws:kms:us-east-1:${ACCOUNT}:key/1`, role, ACCOUNT, false, "kms:retiregrant")).toEqual(["scp"]);
    expect(kinds(`arn:aws:kms:us-east-1:${ACCOUNT}:key/1`, role, ACCOUNT, false, "kms:RevokeGrant")).toEqual(["scp", "rcp"]);
  });
});

describe("the levels that can change an answer", () => {
  it("leave out the levels with FullAWSAccess alone: none over a request when every level is such", () => {
    const g = guardrailsOf(memberBuilder().b);
    if (g.state !== "known") throw new Error(g.state);
    // Only the Production OU, with its Deny, is left of the SCPs; RCPFullAWSAccess everywhere limits nothing.
    expect(g.limits.scp?.levels.map((l) => l.target)).toEqual([OU_PROD]);
    expect(g.limits.rcp).toBeUndefined();
    expect(guardrailsOver(g, ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/app`, ACCOUNT, "dynamodb:DeleteTable", `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`)?.map((x) => x.kind)).toEqual(["scp"]);
    // DenyDeletes names no queue action, and FullAWSAccess allows it at every level: the SCPs cannot change the answer.
    expect(guardrailsOver(g, ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/app`, ACCOUNT, "sqs:SendMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:q`)).toBeUndefined();
    const plain = newBuilder();
    plain.organization({ scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: [FULL_AWS_ACCESS] } });
    const none = guardrailsOf(plain);
    expect(none.state).toBe("known");
    expect(guardrailsLimit(none)).toBe(false);
    expect(guardrailsOver(none, ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/app`, ACCOUNT, "s3:GetObject", "arn:aws:s3:::b/k")).toBeUndefined();
  });

  it("keep a level whose Allow is narrower, conditioned or beside a Deny", () => {
    const narrow: OrganizationPolicyOptions = { id: "p-onlys3", name: "OnlyS3", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } };
    const conditioned: OrganizationPolicyOptions = {
      id: "p-region",
      name: "InRegion",
      document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }] },
    };
    for (const policies of [[narrow], [conditioned], [FULL_AWS_ACCESS, DENY_DELETES]]) {
      const b = newBuilder();
      b.organization({ scps: { "r-a1b2": [FULL_AWS_ACCESS], [ACCOUNT]: policies } });
      const g = guardrailsOf(b);
      if (g.state !== "known") throw new Error(g.state);
      expect(g.limits.scp?.levels.map((l) => l.target)).toEqual([ACCOUNT]);
    }
  });
});

describe("a type of guardrail that leaves the action as it is", () => {
  const over = (b: ReturnType<typeof newBuilder>, action: string, resource: string) =>
    guardrailsOver(guardrailsOf(b), ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/app`, ACCOUNT, action, resource)?.map((x) => x.kind) ?? [];
  const table = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`;

  it("is not handed to the evaluator: a Deny of other actions, FullAWSAccess at every level", () => {
    const { b } = memberBuilder({}, [RCP_FULL_AWS_ACCESS, PERIMETER]);
    expect(over(b, "dynamodb:DeleteItem", table)).toEqual(["scp", "rcp"]);
    expect(over(b, "dynamodb:GetItem", table)).toEqual(["rcp"]);
    expect(guardrailsLeaveAction(guardrailsOf(b), "sns:Publish")).toBe(true);
    expect(guardrailsLeaveAction(guardrailsOf(b), "dynamodb:GetItem")).toBe(false);
  });

  it("is handed over where a conditioned Allow also covers the action, which the evaluator would cite", () => {
    const conditioned: OrganizationPolicyOptions = {
      id: "p-tagged11",
      name: "TaggedOnly",
      document: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "dynamodb:Query", Resource: "*" },
          { Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "data" } } },
        ],
      },
    };
    // (Beside FullAWSAccess the conditioned Allow could change nothing, and the level is not kept at all.)
    const { b } = memberBuilder({ [ACCOUNT]: [conditioned] });
    expect(over(b, "dynamodb:GetItem", table)).toEqual(["scp"]);
    expect(over(b, "dynamodb:Query", table)).toEqual([]);
  });
});

describe("organizationSummary (the report's organization)", () => {
  it("counts the distinct policies applied of each type and keeps the path", () => {
    expect(organizationSummary(guardrailsOf(memberBuilder().b))).toEqual({
      state: "applied",
      id: expect.stringMatching(/^o-/),
      path: ["r-a1b2", OU_TOP, OU_PROD, ACCOUNT],
      scps: 2,
      rcps: 1,
    });
  });

  it("says why none limits an account in no organization, and nothing without a section or when unread", () => {
    const none = newBuilder();
    delete none.organization().DescribeOrganization;
    none.error({ operation: "DescribeOrganization", code: "AWSOrganizationsNotInUseException", message: "not a member" });
    expect(organizationSummary(guardrailsOf(none))).toEqual({ state: "none", why: expect.stringContaining("in no organization") });
    expect(organizationSummary(guardrailsOf(newBuilder()))).toBeUndefined();
    const unread = newBuilder();
    delete unread.organization().ListRoots;
    unread.error({ operation: "ListRoots", target: "o-x", code: "AccessDeniedException", message: "denied" });
    expect(organizationSummary(guardrailsOf(unread))).toBeUndefined();
  });
});

describe("principalOrganization (aws:PrincipalOrgID and aws:PrincipalOrgPaths of the account's requests)", () => {
  const of = (b: ReturnType<typeof newBuilder>) => {
    const snapshot = parseSnapshot(b.build());
    return principalOrganization(snapshot, organizationGuardrails(snapshot));
  };

  it("the organization's id, and the path to the account's parent where it was read", () => {
    expect(of(memberBuilder().b)).toEqual({ id: "o-a1b2c3d4e5", path: `o-a1b2c3d4e5/r-a1b2/${OU_TOP}/${OU_PROD}/` });
  });

  it("the id alone for the management account (its path is not read) or an unread path; none in no organization", () => {
    const management = newBuilder();
    // The scanner stops at DescribeOrganization for the management account (lib/aws/organizations.ts).
    delete management.organization({ managementAccount: ACCOUNT }).ListParents;
    expect(of(management)).toEqual({ id: "o-a1b2c3d4e5" });
    const unread = newBuilder();
    delete unread.organization().ListParents;
    unread.error({ operation: "ListParents", target: ACCOUNT, code: "AccessDeniedException", message: "denied" });
    expect(of(unread)).toEqual({ id: "o-a1b2c3d4e5" });
    // The policies refused but the path read: the guardrails are unknown, the path is not.
    const { b: policiesRefused, org } = memberBuilder();
    delete org.ListPoliciesForTarget;
    policiesRefused.error({ operation: "ListPoliciesForTarget", target: "r-a1b2", code: "AccessDeniedException", message: "denied" });
    expect(organizationGuardrails(parseSnapshot(policiesRefused.build())).state).toBe("unknown");
    expect(of(policiesRefused)).toEqual({ id: "o-a1b2c3d4e5", path: `o-a1b2c3d4e5/r-a1b2/${OU_TOP}/${OU_PROD}/` });
    expect(of(newBuilder())).toBeUndefined();
    const none = newBuilder();
    delete none.organization().DescribeOrganization;
    none.error({ operation: "DescribeOrganization", code: "AWSOrganizationsNotInUseException", message: "not a member" });
    expect(of(none)).toBe(NO_ORGANIZATION);
  });
});
