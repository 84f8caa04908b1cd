/**
 * Roles read one by one (GetRole, ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies, and GetPolicy and
 * GetPolicyVersion for their managed policies) where GetAccountAuthorizationDetails was refused: the model holds them
 * as it holds the bulk call's roles, and every role not read stays unknown, never absent.
 */
import { describe, expect, it } from "vitest";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { parseSnapshot } from "@/lib/snapshot/read";
import { buildAccountModel, roleKnownAbsent } from "./account-model";
import { analyzeSnapshot } from "./analyze";
import type { RoleModel } from "./role-model";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REGION = "us-east-1";
const DENIED = { operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "User is not authorized to perform: iam:GetAccountAuthorizationDetails" };

function account() {
  const b = new SnapshotBuilder({ account: "123456789012", capturedAt: "2026-11-20T09:30:00Z" });
  const boundary = b.managedPolicy({ name: "boundary", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*", "logs:*"], Resource: "*" }] } });
  const shared = b.managedPolicy({
    name: "shared",
    versions: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] }],
    document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }] },
  });
  const role = b.role({
    name: "worker",
    path: "/service-role/",
    inline: { read: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" }] } },
    managed: [shared],
    boundary,
    encoding: "json",
  });
  const other = b.role({ name: "other", inline: { x: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }] } } });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
  const unreadFn = b.fn({ region: REGION, name: "other", runtime: "nodejs22.x", role: other });
  return { whole: b.build(), role, other, fn, unreadFn, shared, boundary };
}

/**
 * The same account as the scanner's fallback writes it: GAAD refused and empty, `roles` read one by one with each
 * call's answer as IAM gives it (the documents in the encoding the builder gave them), their managed policies by
 * GetPolicy and GetPolicyVersion of the default version.
 */
function readOneByOne(whole: SnapshotInput, roles: string[]): Json {
  const gaad = whole.iam!.GetAccountAuthorizationDetails as Json;
  const iam: Json = { GetAccountAuthorizationDetails: {}, GetRole: {}, ListRolePolicies: {}, GetRolePolicy: {}, ListAttachedRolePolicies: {}, GetPolicy: {}, GetPolicyVersion: {} };
  for (const arn of roles) {
    const { RolePolicyList, AttachedManagedPolicies, InstanceProfileList: _, ...Role } = gaad.RoleDetailList.find((r: Json) => r.Arn === arn);
    iam.GetRole[arn] = { Role };
    iam.ListRolePolicies[arn] = { PolicyNames: RolePolicyList.map((p: Json) => p.PolicyName) };
    iam.GetRolePolicy[arn] = Object.fromEntries(RolePolicyList.map((p: Json) => [p.PolicyName, { RoleName: Role.RoleName, ...p }]));
    iam.ListAttachedRolePolicies[arn] = { AttachedPolicies: AttachedManagedPolicies };
    for (const policyArn of [...AttachedManagedPolicies.map((p: Json) => p.PolicyArn), Role.PermissionsBoundary?.PermissionsBoundaryArn].filter(Boolean)) {
      const { PolicyVersionList, ...Policy } = gaad.Policies.find((p: Json) => p.Arn === policyArn);
      iam.GetPolicy[policyArn] = { Policy };
      iam.GetPolicyVersion[policyArn] = { PolicyVersion: PolicyVersionList.find((v: Json) => v.IsDefaultVersion) };
    }
  }
  return { ...whole, iam, errors: [...(whole.errors ?? []), DENIED] };
}

/** What the analysis reads of a role: its documents, boundary, trust and what it could not read. */
const readOf = (r: RoleModel | undefined) => r && { identity: r.identity.map((d) => d.statements), boundary: r.boundary?.statements, trust: r.trust?.statements, unreadable: r.unreadable };

describe("roles read one by one", () => {
  it("are modelled as the bulk call's roles are: inline, managed (default version), boundary and trust", () => {
    const { whole, role } = account();
    const bulk = buildAccountModel(parseSnapshot(whole));
    const model = buildAccountModel(parseSnapshot(readOneByOne(whole, [role])));
    expect(readOf(model.roles.get(role))).toEqual(readOf(bulk.roles.get(role)));
    expect(model.roles.get(role)?.identity).toHaveLength(2);
    expect(model.roles.get(role)?.unreadable).toEqual([]);
    expect(JSON.stringify(readOf(model.roles.get(role)))).not.toContain("dynamodb"); // an old version is not in force
    expect(model.problems).toEqual([]);
  });

  it("the refusal leaves the role list partial: the functions whose role was read are judged, the roles not read are unknown, never absent", () => {
    const { whole, role, other, fn, unreadFn } = account();
    const model = buildAccountModel(parseSnapshot(readOneByOne(whole, [role])));
    expect(model.functionsByArn.get(fn)?.roleState).toBe("found");
    expect([...(model.functionsByArn.get(fn)?.unknownOps ?? [])]).toEqual([]);
    expect(model.roleListRead).toBe(false);
    expect(roleKnownAbsent(model, other)).toBe(false); // e.g. as a target of sts:AssumeRole
    expect(model.functionsByArn.get(unreadFn)?.roleState).toBe("unknown");
    expect(model.incomplete).toEqual([expect.objectContaining({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied" })]);
    expect(model.usersUnknown).toBeDefined();
  });

  it("a GetRole answered NoSuchEntity: the role does not exist, as one absent from a whole role list; a refused one stays unknown", () => {
    const { whole, role, other, fn, unreadFn } = account();
    const gone = (code: string) => {
      const input = readOneByOne(whole, [role]);
      input.errors.push({ operation: "GetRole", target: other, code, message: "The role with name other cannot be found." });
      return buildAccountModel(parseSnapshot(input));
    };
    const model = gone("NoSuchEntity");
    expect(model.functionsByArn.get(unreadFn)?.roleState).toBe("missing");
    expect([...(model.functionsByArn.get(unreadFn)?.unknownOps ?? [])]).toEqual([]);
    expect(model.functionsByArn.get(unreadFn)?.unavailable).toEqual([]);
    expect(roleKnownAbsent(model, other)).toBe(true);
    expect(model.rolesSetAside.size).toBe(0); // no gap in what was read
    expect(model.functionsByArn.get(fn)?.roleState).toBe("found");
    expect(model.roleListRead).toBe(false); // every other role stays unknown
    expect(roleKnownAbsent(model, "arn:aws:iam::123456789012:role/never-read")).toBe(false);
    for (const code of ["AccessDenied", "Throttling"]) {
      const refused = gone(code);
      expect(refused.functionsByArn.get(unreadFn)?.roleState).toBe("unknown");
      expect(roleKnownAbsent(refused, other)).toBe(false);
    }
  });

  it("a lone function whose role GetRole answered NoSuchEntity: its role is missing, not its IAM data unknown", () => {
    const { whole, other, unreadFn } = account();
    const input = readOneByOne(whole, []);
    input.errors.push({ operation: "GetRole", target: other, code: "NoSuchEntity", message: "The role with name other cannot be found." });
    const model = buildAccountModel(parseSnapshot(input));
    expect(model.functionsByArn.get(unreadFn)?.roleState).toBe("missing");
    expect(model.functionsByArn.get(unreadFn)?.unknownOps.has("GetAccountAuthorizationDetails")).toBe(false);
    expect(model.incomplete).toEqual([expect.objectContaining({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: expect.stringContaining("1 role;") })]);
  });

  describe("a list cut short (IsTruncated, Marker): the policies it names apply, the rest are unknown", () => {
    /** The worker role's inline list with one more policy than its read page names, as the scan keeps it when the next page fails. */
    function cutShort(failure?: string, deny = false) {
      const { whole, role, fn } = account();
      const input = readOneByOne(whole, [role]);
      input.iam.ListRolePolicies[role] = { PolicyNames: ["read"], IsTruncated: true, Marker: "page-2" };
      if (deny) input.iam.GetRolePolicy[role].read.PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "logs:*", Resource: "*" }] };
      if (failure) input.errors.push({ operation: "ListRolePolicies", target: role, code: failure, message: "Rate exceeded" });
      return { snapshot: parseSnapshot(input), role, fn };
    }

    it("with the failure recorded: the role is modelled with what was read, its inline policies named unread by that failure", () => {
      const { snapshot, role } = cutShort("Throttling");
      const model = buildAccountModel(snapshot).roles.get(role)!;
      expect(model.identity.map((d) => d.source.policyName)).toEqual(["read", "shared"]);
      expect(model.unreadable).toEqual(["inline policies: ListRolePolicies failed (Throttling)"]);
    });

    it("without one (another tool stopped there): named read in part, never taken for the whole list", () => {
      const { snapshot, role } = cutShort();
      const model = buildAccountModel(snapshot).roles.get(role)!;
      expect(model.identity.map((d) => d.source.policyName)).toEqual(["read", "shared"]);
      expect(model.unreadable).toEqual(["inline policies: ListRolePolicies read in part (later pages not in the snapshot)"]);
    });

    it("no 'fine' on it: a missing Allow is unknown (no rule fires on the unread page), while a Deny on the pages read still refuses", () => {
      const findings = (s: ReturnType<typeof cutShort>) => analyzeSnapshot(s.snapshot).findings.filter((f) => f.function === s.fn);
      const logs = (s: ReturnType<typeof cutShort>) => findings(s).filter((f) => f.rule === "logs-permission-missing");
      // The shared policy allows logs:PutLogEvents only: read whole, CreateLogStream is certainly missing; cut short,
      // it may be on the unread page, which the function's data-unavailable says, naming the rule judged without it.
      const { whole, role, fn } = account();
      expect(logs({ snapshot: parseSnapshot(readOneByOne(whole, [role])), role, fn }).map((f) => f.conditional)).toEqual([undefined]);
      for (const failure of ["Throttling", undefined]) {
        const cut = cutShort(failure);
        expect(logs(cut)).toEqual([]);
        const gap = findings(cut).find((f) => f.rule === "data-unavailable");
        expect(JSON.stringify(gap)).toContain("ListRolePolicies");
        expect(gap?.detail).toContain("logs-permission-missing");
      }
      expect(logs(cutShort("Throttling", true)).map((f) => f.conditional)).toEqual([undefined]);
    });
  });

  it("a list neither read nor refused is named not read, never taken for none", () => {
    const { whole, role } = account();
    const input = readOneByOne(whole, [role]);
    delete input.iam.ListAttachedRolePolicies;
    const unreadable = buildAccountModel(parseSnapshot(input)).roles.get(role)?.unreadable;
    expect(unreadable).toEqual(["attached managed policies: ListAttachedRolePolicies not in the snapshot"]);
  });

  it("a malformed inline policy answer is set aside when the snapshot is read: that role's inline policies are unknown, the rest analysed", () => {
    const { whole, role } = account();
    const input = readOneByOne(whole, [role]);
    delete input.iam.GetRolePolicy[role].read.PolicyName;
    const snapshot = parseSnapshot(input);
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ operation: "GetRolePolicy", target: role, code: "MalformedResponse" }));
    const model = buildAccountModel(snapshot);
    expect(model.roles.get(role)?.unreadable).toEqual(["inline policies: GetRolePolicy failed (MalformedResponse)"]);
    expect(model.roles.get(role)?.identity).toHaveLength(1); // the managed policy
  });
});
